"""Results kept between runs: worked out again exactly when what they come from changed."""

from __future__ import annotations

import newsarchive.link as link_module
from newsarchive.build.features import features
from newsarchive.link import discover as discover_module
from newsarchive.link import entities as entities_module
from newsarchive.link import link
from newsarchive.link.related import relate
from newsarchive.common.memo import StepCache, inputs_digest
from newsarchive.parse import parse_capture

from .conftest import SEED


def _counting(calls: list, value):
    return lambda *args: calls.append(args) or value


def test_a_step_is_worked_out_again_only_when_its_inputs_change(tmp_path) -> None:
    calls: list = []
    assert StepCache(tmp_path).once("step", ("a", 1), _counting(calls, "first")) == "first"
    assert StepCache(tmp_path).once("step", ("a", 1), _counting(calls, "second")) == "first"  # a later run
    assert len(calls) == 1
    assert StepCache(tmp_path).once("step", ("a", 2), _counting(calls, "third")) == "third"
    assert StepCache(tmp_path).once("other", ("a", 2), _counting(calls, "fourth")) == "fourth"  # each step keeps its own
    assert StepCache(None).once("step", ("a", 2), _counting(calls, "fifth")) == "fifth"  # no folder: always worked out
    assert len(calls) == 4


def test_a_damaged_step_file_is_only_worked_out_again(tmp_path) -> None:
    StepCache(tmp_path).once("step", 1, lambda: "kept")
    (tmp_path / "step.pickle").write_bytes(b"not a pickle")
    assert StepCache(tmp_path).once("step", 1, lambda: "again") == "again"
    (tmp_path / "each.pickle").write_bytes(b"\x80\x05N.")  # a pickle, of None
    assert StepCache(tmp_path).each("each", "shared", ["k"], lambda i: "made") == ["made"]


def test_items_are_worked_out_again_when_new_or_when_what_they_share_changes(tmp_path) -> None:
    made: list[int] = []

    def work(keys: list[str]):
        return lambda i: made.append(i) or keys[i].upper()

    keys = ["a", "b", "c"]
    assert StepCache(tmp_path).each("items", "v1", keys, work(keys)) == ["A", "B", "C"]
    assert made == [0, 1, 2]
    made.clear()
    keys = ["a", "d", "c"]
    assert StepCache(tmp_path).each("items", "v1", keys, work(keys)) == ["A", "D", "C"]
    assert made == [1]  # only the new item
    made.clear()
    keys = ["b"]
    assert StepCache(tmp_path).each("items", "v1", keys, work(keys)) == ["B"]
    assert made == [0]  # "b" was dropped by the run before, which did not use it
    made.clear()
    assert StepCache(tmp_path).each("items", "v2", keys, work(keys)) == ["B"]
    assert made == [0]  # what the items share changed: worked out again


def test_the_digest_depends_on_values_not_on_which_are_one_object() -> None:
    page = "articles/2011/02/" + "nokia"  # made at run time: not the same object as the other
    other = "".join(["articles/2011/02/", "nokia"])
    assert page == other and page is not other
    assert inputs_digest("step", (page, page)) == inputs_digest("step", (page, other))
    assert inputs_digest("step", (page, page)) != inputs_digest("step", (page, "articles/2011/02/microsoft"))
    assert inputs_digest("step", 1) != inputs_digest("other", 1)


def _seed(added: str = "") -> list[tuple[str, object]]:
    """The shipped articles, with ``added`` as a paragraph of the first one's body."""
    texts = [path.read_text("utf-8") for path in sorted(SEED.glob("*.txt"))]
    assert "\n\nNokia CEO, Stephen Elop" in texts[0]
    texts[0] = texts[0].replace("\n\nNokia CEO, Stephen Elop", f"\n\n{added}\n\nNokia CEO, Stephen Elop", 1) if added else texts[0]
    return [(f"articles/{n}.md", parse_capture(text)) for n, text in enumerate(texts)]


def _link(articles, steps=None, model=True):
    """Cross-linking as the pipeline calls it: with what each article's own text gives, worked out beforehand
    (without ``model``, what discovery alone reads: as for articles not in English)."""
    found = [features(article) for _, article in articles]
    recognised = [f.recognised if model else None for f in found]
    return link(articles, None, [f.names for f in found], [f.paragraphs for f in found], steps, recognised=recognised)


def test_cross_linking_with_kept_steps_is_cross_linking_afresh(tmp_path, monkeypatch) -> None:
    """After one article's text changes, and after a new name appears, cross-linking with the steps kept from the
    run before gives what it gives afresh, reads again only the articles whose texts changed, and relates the
    articles again only when which of them name what changed."""
    read: list[int] = []
    original = entities_module._read_texts
    monkeypatch.setattr(entities_module, "_read_texts", lambda automaton, texts, names: read.append(len(texts)) or original(automaton, texts, names))
    decided: list[int] = []
    original_decide = discover_module._decide
    monkeypatch.setattr(discover_module, "_decide", lambda texts, answers: decided.append(1) or original_decide(texts, answers))
    related: list[int] = []
    monkeypatch.setattr(link_module, "relate", lambda pages, *rest: related.append(len(pages)) or relate(pages, *rest))
    steps = StepCache(tmp_path)
    articles = _seed()
    assert _link(articles, steps) == _link(articles)
    read.clear()
    assert _link(articles, steps) == _link(articles, StepCache(None)) and len(read) == len(articles)  # the second one's
    read.clear()

    changed = _seed("It was a quiet afternoon, and the sentence was added to the story later.")
    assert len(changed[0][1].body) == len(articles[0][1].body) + 1
    related.clear()
    decided.clear()
    kept = _link(changed, steps)
    assert len(read) == 1 and len(decided) == 1  # only the edited article
    assert related == []  # it names what it named, as often
    assert kept == _link(changed)

    renamed = _seed("It was a quiet afternoon when Zelda Quartermaine of Zyxcorp met Zelda Quartermaine again.")
    read.clear()
    related.clear()
    kept = _link(renamed, steps)
    assert len(read) == len(articles)  # new names to look for: every article read again
    assert related == [len(articles)]
    assert kept == _link(renamed)
    assert any(e.name == "Zelda Quartermaine" for e in kept.entities)


def test_an_article_is_read_again_when_the_archive_answers_its_questions_otherwise(tmp_path, monkeypatch) -> None:
    """Whether a sentence's first word is a name depends on the rest of the archive: when another article starts
    writing "Zorblax" mid-sentence, the unchanged article that only starts sentences with it is read again."""
    decided: list[int] = []
    original_decide = discover_module._decide
    monkeypatch.setattr(discover_module, "_decide", lambda texts, answers: decided.append(1) or original_decide(texts, answers))

    def archive(other: str) -> list:
        return [
            ("articles/a.md", parse_capture("Harbour news\n\nZorblax opened the harbour on Monday. Zorblax closed it again at night.\n")),
            ("articles/b.md", parse_capture(f"Market news\n\n{other}\n")),
        ]

    steps = StepCache(tmp_path)
    before = archive("The market opened late on Monday, and traders waited for news.")
    assert _link(before, steps, model=False) == _link(before, model=False)
    assert "Zorblax" not in {e.name for e in _link(before, model=False).entities}  # discovery's question, without the model's answer
    decided.clear()
    after = archive("The market opened late on Monday, and Zorblax waited for news with the traders.")
    kept = _link(after, steps, model=False)
    assert len(decided) == 2  # the edited article, and the one whose question about "Zorblax" has another answer now
    assert kept == _link(after, model=False)
    assert "Zorblax" in {e.name for e in kept.entities}


def test_references_are_not_matched_again_when_an_edit_only_moves_them(tmp_path, monkeypatch) -> None:
    """A paragraph added above a "Read more" list moves its lines, not its titles: the matches are kept; a new
    title is matched."""
    resolved: list[int] = []
    original = link_module.resolve_references
    monkeypatch.setattr(link_module, "resolve_references", lambda articles: resolved.append(1) or original(articles))

    def archive(added: str, title: str = "Harbour Reopens After the Storm") -> list:
        citing = f"Market news\n\nBy Ann Lee | July 1, 2011\n\nTraders waited for news on Monday.\n\n{added}\n\nRead more\n\n- {title}\n- A Story Nobody Archived\n"
        return [
            ("articles/a.md", parse_capture("Harbour Reopens After the Storm\n\nBy Bo Park | June 30, 2011\n\nThe harbour opened again on Monday after the storm.\n")),
            ("articles/b.md", parse_capture(citing)),
        ]

    steps = StepCache(tmp_path)
    before = archive("")
    assert [r.target for r in _link(before, steps).references] == ["articles/a.md", None]
    moved = archive("A paragraph added later, above the list.\n\nAnd another one.")
    assert moved[1][1].references[0].lines != before[1][1].references[0].lines
    resolved.clear()
    assert _link(moved, steps) == _link(moved, StepCache(None)) and resolved == [1]  # the second one's, afresh
    retitled = archive("", "Harbour Reopens")
    resolved.clear()
    kept = _link(retitled, steps)
    assert resolved == [1] and kept == _link(retitled)
