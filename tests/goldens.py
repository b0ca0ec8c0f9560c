"""Golden pairs: tests/fixtures/raw/NAME.txt → tests/fixtures/expected/NAME.json (parse) and NAME.md (page).

Regenerate after an intended change, then review the diff:

    .venv/bin/python -m tests.goldens
"""

from __future__ import annotations

import json
from pathlib import Path

from newsarchive.build import pipeline
from newsarchive.parse import parse_capture
from newsarchive.capture.read import read_capture
from newsarchive.site.render import article_data

FIXTURES = Path(__file__).parent / "fixtures"
RAW = FIXTURES / "raw"
EXPECTED = FIXTURES / "expected"


def names() -> list[str]:
    return sorted(path.stem for path in RAW.glob("*.txt"))


def parsed_json(name: str) -> str:
    capture = read_capture(RAW / f"{name}.txt", RAW)
    data = {"read_warnings": list(capture.warnings), "encoding": capture.encoding, "article": article_data(parse_capture(capture.text))}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


#: Pages of the whole fixture archive kept as goldens too, by path in the docs folder.
SITE_PAGES = ("timeline.md", "entities/index.md", "missing.md")


def _converted() -> tuple[pipeline.Archive, dict[str, str | Path | bytes]]:
    archive, raw_files = pipeline.collect(RAW)
    archive, links = pipeline.link_archive(archive)
    return archive, dict(pipeline.render_files(archive, raw_files, links))


def rendered_site() -> dict[str, str | Path | bytes]:
    return _converted()[1]


def rendered_pages() -> dict[str, str]:
    """Each fixture's page as the whole pipeline renders it: the fixtures are cross-linked as one archive."""
    archive, files = _converted()
    return {Path(record.source).stem: str(files[record.page]) for record in archive.records}


def site_golden(page: str) -> Path:
    return EXPECTED / "_site" / page


def main() -> None:
    EXPECTED.mkdir(exist_ok=True)
    pages = rendered_pages()
    for name in names():
        (EXPECTED / f"{name}.json").write_text(parsed_json(name), "utf-8")
        (EXPECTED / f"{name}.md").write_text(pages[name], "utf-8")
    site = rendered_site()
    for page in SITE_PAGES:
        site_golden(page).parent.mkdir(parents=True, exist_ok=True)
        site_golden(page).write_text(str(site[page]), "utf-8")
    print(f"wrote {len(names())} golden pairs and {len(SITE_PAGES)} site pages to {EXPECTED}")


if __name__ == "__main__":
    main()
