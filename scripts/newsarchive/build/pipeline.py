"""The whole conversion in order: read, parse, place, render. Gather everything, then write."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from ..capture import capture_kind
from ..capture.read import DEFAULT_MAX_BYTES, Capture, CaptureError, find_captures, problem_from, read_capture, sha256_of, source_name
from ..common.guard import KEPT, FailedPage, Failure, guarded, reason_of
from ..common.memo import Stamps, StepCache, file_times
from ..common.models import Problem, Severity
from ..common.packed import PackedCounts
from ..common.processes import POOL_FROM, batch, collector_paused, default_jobs, fork_map, settle
from ..common.slugs import unique_slug
from ..link import CurationError, Links, link, load_curation
from ..link import ner
from ..link.discover import Reading, kept_sums
from ..parse import common_among, furniture_candidates
from ..site.addresses import ADDRESS_BOOK, AddressBook, AddressBookError, load_book, redirect_files, save_book, update_book
from ..site.browse import ABOUT_PAGE, AUTHORS_PAGE, COVERAGE_PAGE, SOURCES_PAGE, render_browse
from ..site.compiled_templates import keep_compiled
from ..site.entity_pages import ENTITIES_INDEX, TAGS_PAGE, render_link_pages
from ..site.feed import FEED, render_feed
from ..site.page_cache import PAGES_DIR, TEMPLATES_DIR, LinePack, PageCache
from ..site.render import ARTICLES_PAGE, MISSING_PAGE, InputDigests, Record, article_links, environment, guarded_article, render_corpus, shown_links
from ..site.search_index import KEPT_FOLDER, SEARCH_DIR, SMALL_ARCHIVE_MANIFEST, build_search_index
from ..site.timeline_pages import TIMELINE_PAGE, render_timeline
from ..site.write import Content, Written, write_files
from ..timeline import Timeline, build_timeline
from ..timeline.build import Sentences
from .cache import CAPTURES_FILE, COPIES_FILE, STEPS_DIR, ParseCache, Parsed, ReadSummary, furniture_fingerprint
from .features import Features
from .features import features as features_of
from .workers import parse_all

Progress = Callable[[int, int, str], None]

#: From this many articles on, the split index replaces Material's search for articles (Material's index
#: passes 10 MB, which freezes pages opened from file://, at about 1,500 articles).
SPLIT_SEARCH_FROM = 1000

#: The archive's ways in, by title, as a site's navigation lists them: every other generated page is reached from these.
WAYS_IN = (
    ("Home", "index.md"),
    ("Timeline", TIMELINE_PAGE),
    ("By date", ARTICLES_PAGE),
    ("By author", AUTHORS_PAGE),
    ("By source", SOURCES_PAGE),
    ("Entities", ENTITIES_INDEX),
    ("Tags", TAGS_PAGE),
    ("Coverage report", COVERAGE_PAGE),
    ("Not in the archive", MISSING_PAGE),
    ("About", ABOUT_PAGE),
)


@dataclass(frozen=True)
class Archive:
    """Every record of a run, and every problem met on the way."""

    records: tuple[Record, ...]
    problems: tuple[Problem, ...]
    skipped: tuple[str, ...] = ()
    #: what each record's article gives cross-linking, the timeline and the search index, in the order of
    #: ``records``; or empty, and then worked out where needed. Each stage's part is dropped once it is done
    #: (``linked``, ``without_features``), so that the next stages reuse its memory.
    features: tuple[Features, ...] = ()
    #: what the timeline reads of each record's article, once cross-linking has dropped the rest (``linked``)
    sentences: tuple[tuple[Sentences, ...], ...] = ()
    #: each record's search terms, kept by ``linked`` and ``without_features`` for rendering
    terms: tuple[PackedCounts, ...] = ()
    #: the captures that failed, each with where its raw copy is published (source, site path), in order
    kept: tuple[tuple[str, str], ...] = ()
    #: what the run has to say that is no problem of a capture: which articles' names the trained model read
    notes: tuple[str, ...] = ()

    def linked(self) -> Archive:
        """The archive once cross-linked: of its features, only what the timeline and the search index read."""
        if not self.features:
            return self
        return replace(self, features=(), sentences=tuple(f.sentences for f in self.features), terms=tuple(f.terms for f in self.features))

    def without_features(self) -> Archive:
        """The archive once placed on the timeline: of its features, only the search terms, which rendering reads."""
        return replace(self.linked(), sentences=())

    def failed(self) -> int:
        return len(self._failed_sources())

    def _failed_sources(self) -> set[str]:
        return {p.source for p in self.problems if p.severity is Severity.ERROR}

    def converted(self) -> int:
        """The articles made without failing (an article whose page failed to render has a stand-in page)."""
        failed = self._failed_sources()
        return sum(1 for r in self.records if r.source not in failed)

    def total(self) -> int:
        """The articles made, and the files that gave none because they failed."""
        return len(self.records) + len(self._failed_sources() - {r.source for r in self.records})


def _page_for(stem: str, sha256: str, raw_suffix: str, published_iso: str | None, taken: set[str]) -> tuple[str, str]:
    """Where an article lives: by date and by the capture's own name, which stay put when a title changes.

    Returns the page and the path of its raw copy, whose suffix never lets a browser run it (".html.txt").
    """
    candidate = unique_slug(stem, sha256[:12], taken)
    folder = f"articles/{published_iso[:4]}/{published_iso[5:7]}" if published_iso and len(published_iso) >= 7 else (
        f"articles/{published_iso[:4]}" if published_iso else "articles/undated"
    )
    return f"{folder}/{candidate}.md", f"captures/{candidate}{raw_suffix}"


def _raw_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in (".html.gz", ".htm.gz"):
        if lower.endswith(suffix):
            return suffix  # compressed: downloaded, never shown
    suffix = PurePosixPath(lower).suffix
    if suffix in (".txt", ".text"):
        return suffix
    return (suffix or "") + ".txt"  # ".md.txt", ".html.txt": shown as text, never rendered


# Long: reading and parsing stream through worker processes, results drawn in order and matched to their
# captures; a split would have to hold the streams open across calls.
def collect(
    raw_dir: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    jobs: int | None = None,
    pool_from: int = POOL_FROM,
    parse_cache: ParseCache | None = None,
) -> tuple[Archive, dict[str, Path | bytes]]:
    """Read and parse every capture under ``raw_dir``. Returns the archive and the raw captures to publish, by site path.

    With ``cache_dir``, a capture whose content, batch furniture and parser are unchanged is not parsed again.
    The others are parsed by ``jobs`` processes (all cores by default) when there are ``pool_from`` or more.
    The parse cache drops the entries this run did not use at the end, unless the caller gives its own
    ``parse_cache`` (of ``cache_dir``) and prunes it itself, later.
    """
    found_files = find_captures(raw_dir)
    paths, skipped = found_files.captures, found_files.others
    problems: list[Problem] = [
        Problem(name, Severity.WARNING, "skipped: not a capture (.txt, .text, .md, .html, .htm, .html.gz, .warc or .warc.gz)")
        for name in skipped
    ]
    problems += found_files.problems
    pages = [(source_name(path, raw_dir), path) for path in paths if capture_kind(path.name)]  # HTML and WARC
    texts = [path for path in paths if not capture_kind(path.name)]
    cache = parse_cache if parse_cache is not None else ParseCache(cache_dir)
    known = cache.reads()
    stamps = Stamps(cache_dir / CAPTURES_FILE if cache_dir is not None else None)
    sources = [source_name(path, raw_dir) for path in texts]
    trusted = [_trusted(texts[i], sources[i], stamps, known, max_bytes) for i in range(len(texts))]
    to_read = [i for i, found in enumerate(trusted) if found is None]
    if 0 < len(to_read) < pool_from and (default_jobs() if jobs is None else jobs) > 1:
        ner.load_beside()  # a few captures changed: the model loads on another core while the others are read back
    try:
        fresh = fork_map(lambda j: _read(texts[to_read[j]], raw_dir, max_bytes, known), len(to_read), jobs, pool_from, died=lambda j, why: Failure("reading", why).problem(sources[to_read[j]]))
        captures: list[Capture] = []
        summaries: list[ReadSummary] = []
        for done, found in enumerate(trusted, start=1):  # drawn to the end, so the workers stop before parsing shares out
            result = found or next(fresh)
            if isinstance(result, Problem):
                problems.append(result)
            else:
                captures.append(result[0])
                summaries.append(result[1])
                stamps.now[result[0].source] = result[2]
            if progress:
                progress(done, len(texts), f"Reading {sources[done - 1]}")
        next(fresh, None)
        stamps.save()
        common = common_among([s.candidates for s in summaries])
        furniture = furniture_fingerprint(common)
        keys = [cache.key(capture.sha256, furniture) for capture in captures]
        with collector_paused():
            entries: list[Parsed | None] = [cache.get(key) for key in keys]
        missing = [i for i, entry in enumerate(entries) if entry is None]
        # Captures known by their hash were not decoded; the few of them to parse again (new furniture) are read now.
        unread = [i for i in missing if not captures[i].text]
        unread_paths = [captures[i].path for i in unread]
        if len(unread) >= pool_from:
            ner.stop_beside()  # no process beside the workers forked next
        again_read = fork_map(lambda j: _read(unread_paths[j], raw_dir, max_bytes, {}), len(unread), jobs, pool_from, died=lambda j, why: Failure("reading", why).problem(captures[unread[j]].source))
        for i, again in zip(unread, again_read):
            if isinstance(again, Problem):
                problems.append(again)
            else:
                captures[i], summaries[i], _ = again
                keys[i] = cache.key(again[0].sha256, furniture)
        missing = [i for i in missing if captures[i].text]
        if len(missing) >= pool_from or (missing and not ner.reading_beside()):
            ner.warm()  # loaded once here, shared by the parsing workers forked next
        parsed = parse_all([captures[i].text for i in missing], common, jobs, pool_from)
        for done, made in enumerate(parsed, start=1):
            i = missing[done - 1]
            if isinstance(made, Failure):
                problems.append(made.problem(captures[i].source))
            else:
                entries[i] = made.entry()
                cache.put(keys[i], entries[i], made.data)  # the bytes a worker sent: not pickled again here
            if progress:
                progress(done, len(missing), f"Parsing {captures[i].source}")
        cache.keep_reads({capture.sha256: summary for capture, summary in zip(captures, summaries)})
        records: list[Record] = []
        features: list[Features] = []
        raw_files: dict[str, Path | bytes] = {}
        taken: set[str] = {"index"}  # a month's own page is index.md
        for capture, entry, key in zip(captures, entries, keys):
            if entry is None:
                continue  # could not be read again, or failed: its problem says why
            article, found = entry
            problems.extend(Problem(capture.source, Severity.WARNING, w) for w in capture.warnings)
            if not article.body and not article.comments:
                problems.append(Problem(capture.source, Severity.ERROR, "holds no article text, only page furniture (menus, links, notices); nothing to publish"))
                continue
            problems.extend(Problem(capture.source, Severity.WARNING, w) for w in article.warnings)
            stem = PurePosixPath(capture.source).with_suffix("").as_posix()
            page, raw_copy = _page_for(stem, capture.sha256, _raw_suffix(capture.source), article.published.iso(), taken)
            records.append(Record(capture.source, capture.sha256, capture.size, capture.encoding, page, raw_copy, article, parsed=key))
            features.append(found)
            raw_files[raw_copy] = capture.path
        del captures, entries  # the texts: the articles hold what the site needs
        found_pages, trouble = _page_records(pages, cache, taken, max_bytes, jobs, pool_from)
        problems.extend(trouble)
        for record, found, raw in found_pages:
            records.append(record)
            features.append(found)
            raw_files[record.raw_copy] = raw
        cache.save()
        if (trouble := cache.problem()) is not None:
            problems.append(Problem(CACHE_NAME, Severity.WARNING, trouble))
        if parse_cache is None:
            cache.prune()
            cache.close()
        kept = _keep_failed(raw_dir, paths, problems, taken, max_bytes)
        raw_files.update((copy, path) for _, path, copy in kept)
        return Archive(tuple(records), tuple(problems), tuple(skipped), tuple(features), kept=tuple((source, copy) for source, _, copy in kept)), raw_files

    finally:
        ner.stop_beside()  # read all it was to read, or the run went wrong

def _keep_failed(raw_dir: Path, paths: list[Path], problems: list[Problem], taken: set[str], max_bytes: int) -> list[tuple[str, Path, str]]:
    """Each capture that failed, with its file and where its raw copy is published: nothing is lost, and the
    coverage page links it. A file that is gone or cannot be read, or is over the size limit, has no copy."""
    failed = {p.source for p in problems if p.severity is Severity.ERROR}
    kept = []
    for path in paths if failed else ():
        source = source_name(path, raw_dir)
        if source not in failed:
            continue
        try:
            if path.stat().st_size > max_bytes or not os.access(path, os.R_OK):
                continue
        except OSError:
            continue
        stem = PurePosixPath(source).with_suffix("").as_posix()
        slug = unique_slug(stem, hashlib.sha256(source.encode()).hexdigest()[:12], taken)
        kept.append((source, path, f"captures/failed/{slug}{_raw_suffix(source)}"))
    return kept


#: A text capture read: what it holds, its summary, and its stamp for the next run ([size, modification time, change
#: time, SHA-256]).
Read = tuple[Capture, ReadSummary, list]


def _trusted(path: Path, source: str, stamps: Stamps, known: Mapping[str, ReadSummary], max_bytes: int) -> Read | None:
    """A capture whose size, modification time and change time are those the last run saw, as it was then (its
    hash and summary), without reading it; None when it must be read."""
    kept = stamps.kept.get(source)
    if kept is None or len(kept) != 4 or not stamps.settled(kept[2]) or kept[3] not in known:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    if file_times(info) != kept[:3] or info.st_size > max_bytes:
        return None
    summary = known[kept[3]]
    return Capture(path, source, kept[3], info.st_size, summary.encoding, "", summary.warnings), summary, kept


def _read(path: Path, raw_dir: Path, max_bytes: int, known: Mapping[str, ReadSummary]) -> Read | Problem:
    """One text capture, read, decoded and cleaned, with its summary; or the problem that stopped it.

    A capture whose bytes have a ``known`` summary is only hashed: its text is left empty, to be read if it must be parsed.
    """
    try:
        info = path.stat()  # before the bytes are read: a change made while they are read shows as another time
        data = None
        if known and info.st_size <= max_bytes:
            data = path.read_bytes()
            sha256 = sha256_of(data)
            summary = known.get(sha256)
            if summary is not None:
                capture = Capture(path, source_name(path, raw_dir), sha256, len(data), summary.encoding, "", summary.warnings)
                return capture, summary, [*file_times(info), sha256]
        capture = read_capture(path, raw_dir, max_bytes=max_bytes, data=data)  # the bytes are read once
        return capture, ReadSummary(capture.encoding, capture.warnings, furniture_candidates(capture.text)), [*file_times(info), capture.sha256]
    except CaptureError as error:
        return problem_from(error, source_name(path, raw_dir))
    except OSError as error:
        return Problem(source_name(path, raw_dir), Severity.ERROR, f"cannot be read: {error.strerror or error}")
    except Exception as error:  # noqa: BLE001 - whatever else goes wrong in decoding fails this capture alone
        return Failure("reading and decoding", reason_of(error)).problem(source_name(path, raw_dir))


@dataclass(frozen=True)
class _PageInput:
    """A page to extract: from an HTML file, or a response of a WARC archive (``url`` and ``captured_at`` set)."""

    source: str  # the capture's name in the report
    name: str  # the record's source: the file's name, with "#" and the address for a WARC response
    stem: str
    raw: bytes
    html: str | bytes
    url: str | None
    captured_at: str | None
    copy: Path | bytes  # what the site publishes as its raw copy
    raw_suffix: str


def _page_inputs(source: str, path: Path, max_bytes: int) -> tuple[list[_PageInput], list[Problem]]:
    """The pages of an HTML file or a WARC archive to extract, and the problems met reading them."""
    # imported here, for the archives that hold HTML: trafilatura, htmldate and warcio take 0.7 s to import
    from ..capture.warc import listing_reason, read_warc
    from ..parse.html import decode_html

    problems: list[Problem] = []
    try:
        if path.stat().st_size > max_bytes and capture_kind(path.name) == "html":
            return [], [Problem(source, Severity.ERROR, f"larger than {max_bytes // 1_048_576} MiB; raise --max-mib to read it")]
        data = path.read_bytes()
    except OSError as error:
        return [], [Problem(source, Severity.ERROR, f"cannot be read: {error.strerror or error}")]
    if capture_kind(path.name) == "html":
        html = guarded("decoding", lambda: decode_html(data, path.name))
        if isinstance(html, Failure):
            return [], [html.problem(source)]
        return [_PageInput(source, source, PurePosixPath(source).name.split(".")[0], data, html, None, None, path, _raw_suffix(path.name))], []
    archive = guarded("reading the WARC archive", lambda: read_warc(path))
    if isinstance(archive, Failure):
        return [], [archive.problem(source)]
    found, skipped, damage = archive
    problems += [Problem(source, Severity.WARNING, f"{s.url}: skipped: {s.reason}") for s in skipped]
    if damage:
        problems.append(Problem(source, Severity.WARNING, damage))
    inputs = []
    for page in found:
        reason = listing_reason(page.url)
        if reason:
            problems.append(Problem(source, Severity.WARNING, f"{page.url}: skipped: not an article ({reason})"))
            continue
        stem = PurePosixPath(urlsplit(page.url).path.rstrip("/")).name.split(".")[0] or urlsplit(page.url).hostname or "page"
        inputs.append(_PageInput(source, f"{source}#{page.url}", stem, page.payload, page.payload, page.url, page.captured_at, page.payload, ".html.txt"))
    return inputs, problems


def _extracted(page: _PageInput) -> Parsed | Failure | str:
    """A page's article and its features; a ``Failure``; or, for a page that is no article, why."""
    from ..parse.html import NotAnArticle, html_article

    url = page.url
    try:
        article = guarded("extracting the article from HTML" + (f" of {url}" if url else ""), lambda: html_article(page.html, url, page.captured_at), (NotAnArticle,))
    except NotAnArticle as reason:
        return str(reason)
    if isinstance(article, Failure):
        return article
    found = guarded("working out its names, dates and passages", lambda: features_of(article))
    return found if isinstance(found, Failure) else (article, found)


def _page_records(
    pages: list[tuple[str, Path]], cache: ParseCache, taken: set[str], max_bytes: int, jobs: int | None, pool_from: int
) -> tuple[list[tuple[Record, Features, Path | bytes]], list[Problem]]:
    """The articles of the HTML files and WARC archives, with their raw copies, and the problems met, in order.

    Pages whose article is not in ``cache`` are extracted by ``jobs`` processes (all cores by default) when
    there are ``pool_from`` or more, ``PAGE_BATCH`` files at a time: their bytes are held until then.
    """
    records: list[tuple[Record, Features, Path | bytes]] = []
    problems: list[Problem] = []
    for start in range(0, len(pages), PAGE_BATCH):
        found, trouble = _page_batch(pages[start: start + PAGE_BATCH], cache, taken, max_bytes, jobs, pool_from)
        records += found
        problems += trouble
    return records, problems


#: The HTML files and WARC archives read at a time: their pages are extracted together, by the workers.
PAGE_BATCH = 256


def _page_batch(
    pages: list[tuple[str, Path]], cache: ParseCache, taken: set[str], max_bytes: int, jobs: int | None, pool_from: int
) -> tuple[list[tuple[Record, Features, Path | bytes]], list[Problem]]:
    read = [_page_inputs(source, path, max_bytes) for source, path in pages]
    inputs = [page for found, _ in read for page in found]
    shas = [sha256_of(page.raw) for page in inputs]
    # trafilatura reads the address: a WARC response is kept under it too
    keys = [cache.key(sha, "html" if page.url is None else "url-" + hashlib.sha256(page.url.encode()).hexdigest()[:16]) for sha, page in zip(shas, inputs)]
    entries: list[Parsed | Failure | str | None] = [cache.get(key) for key in keys]
    todo = [i for i, entry in enumerate(entries) if entry is None]
    if len(todo) >= pool_from:
        ner.warm()  # loaded once here, shared by the workers forked next
    made = fork_map(
        lambda j: _extracted(inputs[todo[j]]), len(todo), jobs, pool_from, died=lambda j, why: Failure("extracting the article from HTML", why)
    )
    for i, entry in zip(todo, made):
        if isinstance(entry, tuple):
            cache.put(keys[i], entry)
        entries[i] = entry
    records: list[tuple[Record, Features, Path | bytes]] = []
    problems: list[Problem] = []
    number = 0
    for found, trouble in read:
        problems += trouble
        for page in found:
            entry, key, sha = entries[number], keys[number], shas[number]
            number += 1
            prefix = f"{page.url}: " if page.url else ""
            if isinstance(entry, str):
                problems.append(Problem(page.source, Severity.WARNING, f"{prefix}skipped: not an article: {entry}"))
                continue
            if not isinstance(entry, tuple):  # a Failure: every page is looked up or extracted above
                problems.append(entry.problem(page.source))  # type: ignore[union-attr]
                continue
            article, features = entry
            problems += [Problem(page.source, Severity.WARNING, f"{prefix}{w}") for w in article.warnings]
            path, raw_copy = _page_for(page.stem, sha, page.raw_suffix, article.published.iso(), taken)
            records.append((Record(page.name, sha, len(page.raw), "html", path, raw_copy, article, page.url, page.captured_at, key), features, page.copy))
    return records, problems


def link_archive(archive: Archive, curation_file: Path | None = None, cache_dir: Path | None = None) -> tuple[Archive, Links]:
    """Cross-link the archive; a curated entities file that cannot be used is reported and left out.

    With ``cache_dir``, what the last run with it worked out and the archive still gives is not worked out again;
    the word counts of the last run are updated with the articles that changed, whose readings then are read
    back from the parse cache while it still holds them (``collect`` with a ``parse_cache`` pruned later).
    """
    try:
        curation = load_curation(curation_file)
    except CurationError as error:
        problem = Problem(curation_file.name if curation_file else "entities.yml", Severity.ERROR, f"{error}; the curated entities are left out")
        archive = replace(archive, problems=(*archive.problems, problem))
        curation = None
    articles = [(r.page, r.article) for r in archive.records]
    steps = StepCache(cache_dir / STEPS_DIR if cache_dir is not None else None)
    if not archive.features:
        return archive, link(articles, curation, steps=steps)
    archive = replace(archive, notes=(*archive.notes, names_note([r.source for r in archive.records], [f.language for f in archive.features])))
    readings = [f.names for f in archive.features]
    sums = None
    if cache_dir is not None:
        by_page = {r.page: reading for r, reading in zip(archive.records, readings)}
        with ParseCache(cache_dir) as parsed:

            def earlier(key: str) -> Reading | None:
                entry = parsed.get(key, use=False)
                return entry[1].names if entry is not None else None

            sums = kept_sums(by_page, {r.page: r.parsed for r in archive.records}, steps, earlier)
    return archive, link(articles, curation, readings, [f.paragraphs for f in archive.features], steps, sums, [f.recognised for f in archive.features])


#: How many of the articles whose names discovery alone read a run's note lists by name.
NOTE_NAMES = 10


def names_note(sources: Sequence[str], read_in: Sequence[str | None]) -> str:
    """Which articles' names a trained pipeline read, in which language, and which discovery alone read (in a
    language with no pipeline installed)."""
    alone = [source for source, language in zip(sources, read_in) if language is None]
    if not ner.available():
        return f"names: spaCy's English pipeline ({ner.MODEL}) is not installed (make setup installs it): the archive's own discovery alone named the entities of all {len(sources)} articles"
    by_language = Counter(language for language in read_in if language is not None)
    languages = ", ".join(f"{count} {ner.LANGUAGES[language]}" for language, count in sorted(by_language.items(), key=lambda item: -item[1]))
    said = f"names: spaCy's pipelines read {len(sources) - len(alone)} of {len(sources)} articles" + (f" ({languages})" if languages else "")
    if not alone:
        return said
    shown = ", ".join(alone[:NOTE_NAMES]) + (f" and {len(alone) - NOTE_NAMES} more" if len(alone) > NOTE_NAMES else "")
    readable = " or ".join(ner.LANGUAGES[language] for language in ner.MODELS if ner.available(language))
    return f"{said}; the archive's own discovery alone named the entities of {len(alone)} not in {readable}: {shown}"


def place(archive: Archive, links: Links) -> Timeline:
    """The timeline of the archive: its articles and the events their text dates."""
    read = archive.sentences or tuple(f.sentences for f in archive.features) or None
    return build_timeline([(r.page, r.article) for r in archive.records], links, read)


def readdress(archive: Archive, book_file: Path | None, cache_dir: Path | None = None) -> tuple[Archive, AddressBook]:
    """Update the address book with this build's addresses; a book that cannot be read is reported and replaced.

    With ``cache_dir``, a book whose text is as the last run left it is read back from there."""
    steps = StepCache(cache_dir / STEPS_DIR if cache_dir is not None else None)
    try:
        book = load_book(book_file, steps)
    except AddressBookError as error:
        problem = Problem(book_file.name if book_file else ADDRESS_BOOK, Severity.WARNING, f"{error}; old addresses will not redirect")
        archive = replace(archive, problems=(*archive.problems, problem))
        book = AddressBook()
    book = update_book(book, archive.records)
    if book_file is not None:
        save_book(book, book_file, steps)
    return archive, book


def _then(pieces: Iterator[str], after: Callable[[], object]) -> Iterator[str]:
    yield from pieces
    after()


# Long: the docs folder's files in the one order they are made and written, one generator that a split would
# have to chain.
def render_files(
    archive: Archive,
    raw_files: dict[str, Path | bytes],
    links: Links | None = None,
    book: AddressBook | None = None,
    timeline: Timeline | None = None,
    split_search_from: int = SPLIT_SEARCH_FROM,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    problems: list[Problem] | None = None,
    directory_urls: bool = False,
) -> Iterator[tuple[str, Content]]:
    """Every generated file of the docs folder, one at a time, as (path relative to it, ``Content``).

    One at a time, so that a writer can store each before the next is made; the largest data files come
    in pieces, each to be drawn to the end before the next file is asked for. Article and entity pages
    are rendered by ``jobs`` processes (all cores by default) in large archives. With ``cache_dir``, article
    pages, entity pages and corpus lines whose inputs did not change are copied from it, not rendered again.
    An article whose page fails to render gets a page that says so and links its raw capture; the problem is
    added to ``problems``, and to the coverage page. Addresses in the data files, the feed and the redirect
    pages are the pages' as MkDocs makes them (``directory_urls``: its ``use_directory_urls``).
    """
    keep_compiled(environment(), cache_dir / TEMPLATES_DIR if cache_dir is not None else None)
    links = links if links is not None else link([(r.page, r.article) for r in archive.records])
    records = archive.records
    split = len(records) >= split_search_from
    cache = PageCache(cache_dir / PAGES_DIR if cache_dir is not None else None)
    shown = links.shown()  # the entities with pages: what the articles link and the indexes list
    every = article_links(links)  # the corpus's records name every entity
    views = shown_links(every, links, shown)
    digests = InputDigests(views)  # shared by the article pages and, when every entity is shown, the corpus lines
    titles = {r.page: r.article.title for r in records}
    pages = cache.pages(
        "page",
        len(records),
        lambda i: (*digests.page_key_inputs(records[i], titles), split),
        lambda i: guarded_article(records[i], views.get(records[i].page), titles, split),
        jobs,
    )
    failed: list[Problem] = []
    for number, page in enumerate(pages):  # drawn to the end, so the workers stop before the next share-out
        if isinstance(page, FailedPage):
            failed.append(Problem(records[number].source, Severity.ERROR, f"{page.reason}; {KEPT}"))
        yield records[number].page, page
    if problems is not None:
        problems.extend(failed)
    yield from render_link_pages(links, records, split, jobs, cache, shown)
    kept = cache_dir / STEPS_DIR / KEPT_FOLDER if cache_dir is not None else None
    yield from (build_search_index(records, archive.terms, kept, directory_urls) if split else {f"{SEARCH_DIR}/manifest.js": SMALL_ARCHIVE_MANIFEST}).items()
    timeline = timeline if timeline is not None else place(archive, links)
    yield from render_timeline(timeline, records, shown, cache, directory_urls).items()
    of_captures = [p for p in (*archive.problems, *failed) if p.source != CACHE_NAME]  # the cache's are the run's, not the archive's
    yield from render_browse(records, shown, of_captures, archive.skipped, cache, archive.kept).items()
    yield FEED, render_feed(records, directory_urls)
    lines = LinePack(cache_dir)

    def ended() -> None:
        # the page cache is pruned once this last file is drawn, when every page, listing and timeline part it held was asked for
        cache.prune()
        if lines.damaged and problems is not None:
            problems.append(Problem(CACHE_NAME, Severity.WARNING, f"{lines.damaged} lines of corpus.jsonl kept in the cache were damaged; made again"))

    if shown is not links:
        views = every
        digests = InputDigests(views)
    yield "corpus.jsonl", _then(render_corpus(records, views, jobs, lines, digests), ended)
    yield from raw_files.items()
    if book is not None:
        yield from redirect_files(book, records, directory_urls).items()


#: How a run's report names the cache folder in a problem with it (such problems are the run's, so they are
#: not on the coverage page: a run that rebuilt its cache makes the same site as one that did not).
CACHE_NAME = "(cache folder)"

#: The stages of ``convert``, in order, as its ``stage`` callback names them when each ends.
STAGES = ("read_parse", "cross_link", "timeline", "render_write")


# Long: the stages in order, each ended and settled before the next; it is the pipeline as one reads it.
def convert(
    raw_dir: Path,
    out_dir: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    entities: Path | None = None,
    addresses: Path | None = None,
    split_search_from: int = SPLIT_SEARCH_FROM,
    jobs: int | None = None,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    stage: Callable[[str], None] | None = None,
    select: Callable[[Iterator[tuple[str, Content]]], Iterator[tuple[str, Content]]] | None = None,
    directory_urls: bool = False,
) -> tuple[Archive, Written]:
    """The whole conversion: every capture of ``raw_dir`` read, cross-linked, placed and rendered into ``out_dir``.

    ``stage`` is told the name of each of ``STAGES`` as it ends; ``select`` may hold back some of the files
    before they are written (the MkDocs plugin serves raw captures from where they lie). What each stage
    made is settled out of the garbage collector's sight (``processes.batch``). ``directory_urls`` is MkDocs'
    ``use_directory_urls`` of the site the files are for. Raises ``UnsafePathError`` for a path that would
    leave ``out_dir``.
    """

    def ended(name: str) -> None:
        if stage is not None:
            stage(name)
        settle()

    # pruned at the end: cross-linking reads the last run's entries of changed captures
    with ParseCache(cache_dir) as parse_cache, batch():
        archive, raw_files = collect(raw_dir, max_bytes=max_bytes, progress=progress, cache_dir=cache_dir, jobs=jobs, parse_cache=parse_cache)
        ended("read_parse")
        # Cross-linking and the timeline make no garbage in reference cycles (test_workers), only objects that
        # live on: a collection there scans them all to free nothing (at 10,000 articles, 1-1.5 s of each stage).
        with collector_paused():
            archive, links = link_archive(archive, entities, cache_dir)
            archive = archive.linked()
        ended("cross_link")
        with collector_paused():
            timeline = place(archive, links)
        ended("timeline")
        archive, book = readdress(archive.without_features(), addresses, cache_dir)
        rendering: list[Problem] = []
        files = render_files(archive, raw_files, links, book, timeline, split_search_from, jobs, cache_dir, rendering, directory_urls)
        copies = cache_dir / COPIES_FILE if cache_dir is not None else None
        written = write_files(out_dir, select(files) if select is not None else files, copies)
        copies_of = {r.raw_copy: r.source for r in archive.records} | {copy: source for source, copy in archive.kept}
        rendering += [
            Problem(copies_of.get(path, path), Severity.ERROR, f"gone while the run read it: {why}; its raw capture is not in the archive")
            for path, why in written.unreadable
        ]
        archive = replace(archive, problems=(*archive.problems, *rendering))
        parse_cache.prune()
        ended("render_write")
    return archive, written
