/* newsarchive: search for large archives, behind Material's own search box.
 *
 * The index is split into small script files (search/na/): a manifest, shards
 * of terms by their first letters, and chunks of document summaries. A query
 * loads only the shards of its words and the chunks of its best results, as
 * <script> elements, which browsers allow from file:// as well as from a server.
 * Results are written with DOM methods (textContent), never as HTML.
 */
(function () {
  "use strict";
  var base = window.naSearchBase;
  if (!base) return;
  var active = false;  // set by the manifest: an archive small enough keeps Material's own search
  var loaded = {};
  var store = { manifest: null, shards: {}, docs: {} };

  window.naSearch = {
    manifest: function (_, data) { store.manifest = data; active = Boolean(data && data.split); },
    shard: function (key, data) { store.shards[key] = data; },
    docs: function (key, data) { store.docs[key] = data; }
  };

  function load(path) {
    if (!loaded[path]) {
      loaded[path] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + path;
        script.onload = resolve;
        script.onerror = function () { reject(new Error("cannot load " + path)); };
        document.head.appendChild(script);
      });
    }
    return loaded[path];
  }

  function words(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) || []).filter(function (w) { return w.length >= 2 && w.length <= 30; });
  }

  function shardKey(term) {
    var keys = store.manifest.shards, best = null;
    for (var length = Math.min(term.length, 6); length >= 2; length--) {
      var prefix = term.slice(0, length);
      if (keys.indexOf(prefix) >= 0) { best = prefix; break; }
    }
    return best;
  }

  function postings(term, prefix) {
    var key = shardKey(term);
    if (!key) return Promise.resolve({});
    return load("t/" + encodeURIComponent(key) + ".js").then(function () {
      var shard = store.shards[key] || {}, found = {};
      Object.keys(shard).forEach(function (t) {
        if (t === term || (prefix && t.length > term.length && t.indexOf(term) === 0)) {
          var list = shard[t];
          for (var i = 0; i < list.length; i += 2) found[list[i]] = (found[list[i]] || 0) + list[i + 1];
        }
      });
      return found;
    });
  }

  function search(query) {
    var terms = words(query);
    if (!terms.length) return Promise.resolve({ total: 0, hits: [] });
    return load("manifest.js").then(function () {
      return Promise.all(terms.map(function (t, n) { return postings(t, n === terms.length - 1 && t.length >= 3); }));
    }).then(function (lists) {
      var scores = lists[0];
      lists.slice(1).forEach(function (list) {
        var next = {};
        Object.keys(scores).forEach(function (doc) { if (doc in list) next[doc] = scores[doc] + list[doc]; });
        scores = next;
      });
      var ranked = Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
      var top = ranked.slice(0, 20).map(Number);
      var per = store.manifest.perChunk;
      var chunks = top.map(function (d) { return Math.floor(d / per); }).filter(function (c, i, all) { return all.indexOf(c) === i; });
      return Promise.all(chunks.map(function (c) { return load("d/" + c + ".js"); })).then(function () {
        return { total: ranked.length, hits: top.map(function (d) { return store.docs[Math.floor(d / per)][d % per]; }) };
      });
    });
  }

  function render(result) {
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    if (!meta || !list) return;
    meta.textContent = result.total === 0 ? "No matching documents" : result.total + " matching document" + (result.total === 1 ? "" : "s");
    list.textContent = "";
    var root = new URL(base + "../../", location.href);
    result.hits.forEach(function (hit) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = new URL(hit[0], root).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var title = document.createElement("h1");
      title.textContent = hit[1];
      var byline = document.createElement("p");
      byline.className = "na-search-meta";
      byline.textContent = hit[2];
      var text = document.createElement("p");
      text.textContent = hit[3];
      article.append(title, byline, text);
      link.appendChild(article);
      item.appendChild(link);
      list.appendChild(item);
    });
  }

  load("manifest.js").catch(function () {});

  // A query runs once typing pauses, so the words on the way to it ("m", "mu", "mub") fetch nothing.
  var PAUSE = 120;
  var pending = 0, timer = null;
  function run(input) {
    var ticket = ++pending;
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(input.value).then(function (result) { if (ticket === pending) render(result); }, function (error) {
        if (ticket === pending) { render({ total: 0, hits: [] }); console.warn("newsarchive search:", error.message); }
      });
    }, PAUSE);
  }

  // Material's own search sees none of the typing: this search answers instead.
  ["keyup", "input", "focus", "change"].forEach(function (type) {
    window.addEventListener(type, function (event) {
      var input = event.target;
      if (!active || !(input instanceof HTMLInputElement) || !input.classList.contains("md-search__input")) return;
      event.stopImmediatePropagation();
      if (type === "focus") {
        var toggle = document.getElementById("__search");
        if (toggle && !toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
        return;
      }
      if (type === "keyup" && (event.key === "ArrowUp" || event.key === "ArrowDown" || event.key === "Enter")) return;
      run(input);
    }, true);
  });
})();
