"""The ``newsarchive`` command: parse options, call the pipeline, print the report, pick the exit code."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.progress import Progress

from .build import pipeline
from .build.report import print_report
from .common.models import Severity
from .site.write import UnsafePathError

#: What the progress bar says once each stage of the conversion has ended.
_NEXT = {"read_parse": "Cross-linking", "cross_link": "Placing on the timeline", "timeline": "Rendering pages"}


# Long: the command's whole run as a user meets it: the folder checked, the progress bar around the pipeline,
# the report, the exit code.
def _convert(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    raw_dir, docs_dir = Path(args.raw_dir), Path(args.docs_dir)
    if not raw_dir.is_dir():
        console.print(f"error: {raw_dir}: no such folder of captures")
        return 2
    with Progress(console=console, transient=True, disable=args.quiet or not console.is_terminal) as bar:
        task = bar.add_task("Reading captures", total=None)

        def progress(done: int, total: int, doing: str) -> None:
            bar.update(task, completed=done, total=total, description=doing)

        timings: dict[str, float] = {}
        clock = time.perf_counter()

        def stage(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = round(now - clock, 3)
            clock = now
            bar.update(task, description=_NEXT.get(name, ""))

        try:
            archive, written = pipeline.convert(
                raw_dir,
                docs_dir,
                max_bytes=int(args.max_mib * 1_048_576),
                entities=Path(args.entities) if args.entities else None,
                addresses=Path(args.addresses) if args.addresses else None,
                split_search_from=args.split_search_from,
                jobs=args.jobs,
                cache_dir=Path(args.cache) if args.cache else None,
                progress=progress,
                stage=stage,
            )
        except UnsafePathError as error:
            console.print(f"error: {error}")
            return 1
    if args.timings:
        Path(args.timings).write_text(json.dumps({"articles": len(archive.records), "stages": timings}, indent=1) + "\n", "utf-8")
    total = archive.total()
    if not args.quiet or archive.problems:
        print_report(archive, total, console)
    if not args.quiet:
        console.print(f"Wrote {written.written} files to {docs_dir} ({written.removed} stale files removed).")
    if archive.failed():
        return 1
    if args.strict and any(p.severity is Severity.WARNING for p in archive.problems):
        console.print("--strict: warnings count as failure")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsarchive", description="Turn raw article captures into a searchable archive site.")
    commands = parser.add_subparsers(dest="command", required=True)
    convert = commands.add_parser("convert", help="parse every capture in RAW_DIR and write Markdown pages to DOCS_DIR")
    convert.add_argument("raw_dir", metavar="RAW_DIR")
    convert.add_argument("docs_dir", metavar="DOCS_DIR")
    convert.add_argument("--strict", action="store_true", help="exit non-zero when any file has a warning")
    convert.add_argument("--max-mib", type=float, default=20.0, help="largest capture to read, in MiB (default 20)")
    convert.add_argument("--entities", metavar="FILE", help="curated entities file (YAML): add, merge, rename, retype or ignore entities")
    convert.add_argument("--addresses", metavar="FILE", help="address book (YAML) that keeps moved articles' old addresses redirecting; updated by each run")
    convert.add_argument("--cache", metavar="DIR", help="keep parsed captures and rendered article pages in DIR, keyed by content, so unchanged ones are not made again")
    convert.add_argument("--split-search-from", type=int, default=pipeline.SPLIT_SEARCH_FROM, metavar="N",
                         help=f"search articles through the split index from N articles on (default {pipeline.SPLIT_SEARCH_FROM})")
    convert.add_argument("--jobs", type=int, default=None, metavar="N", help="parse and render with N processes (default: every core)")
    convert.add_argument("--timings", metavar="FILE", help="write the seconds each stage took to FILE (JSON)")
    convert.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    bench = commands.add_parser("bench", help="benchmark synthetic archives against a bare Material build; figures to WORK/results.{json,md}")
    bench.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="archive sizes (default 1000 10000)")
    bench.add_argument("--work", default="bench", help="folder for the archives and the figures (default bench/)")
    bench.add_argument("--captures", metavar="DIR", help="time the parsers instead, on the text and HTML captures in DIR; figures to WORK/parsing.{json,md}")
    generate = commands.add_parser("generate", help="write N synthetic captures into a folder")
    generate.add_argument("count", type=int)
    generate.add_argument("folder")
    generate.add_argument("--seed", type=int, default=2011)
    fit = commands.add_parser("fit-zoning", help="fit the model that zones whole pages' text dumps on annotated pages (see ../shared/realpages)")
    fit.add_argument("pages", metavar="PAGES", help="folder with manifest.json, text/ and truth/ (the fit split is fitted, the check split scored)")
    fit.add_argument("--out", default=None, metavar="FILE", help="where to write the model (default: the package's parse/zoning.json)")
    args = parser.parse_args(argv)
    if args.command == "fit-zoning":
        from .parse.zoning_fit import main as fit_main

        return fit_main(Path(args.pages), Path(args.out) if args.out else None)
    if args.command == "bench" and args.captures:
        from .bench.parsing import main as parsing_main

        return parsing_main(Path(args.captures), Path(args.work))
    if args.command == "bench":
        from .bench.benchmark import main as bench_main

        return bench_main(args.sizes, Path(args.work))
    if args.command == "generate":
        from .bench.synth import generate as write

        write(args.count, Path(args.folder), args.seed)
        return 0
    return _convert(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
