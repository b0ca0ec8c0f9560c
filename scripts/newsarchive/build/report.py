"""The report that ends every run: what was converted, and what was wrong with which file."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..common.models import Severity
from .pipeline import Archive

MAX_ROWS = 100


def summary(archive: Archive, total: int) -> str:
    warned = {p.source for p in archive.problems if p.severity is Severity.WARNING}
    warnings = sum(1 for p in archive.problems if p.severity is Severity.WARNING)
    return (
        f"Converted {archive.converted()} of {total} files: {archive.failed()} failed, "
        f"{warnings} warnings in {len(warned)} files."
    )


def print_report(archive: Archive, total: int, console: Console) -> None:
    problems = sorted(archive.problems, key=lambda p: (p.severity is not Severity.ERROR, p.source, p.line or 0))
    if problems:
        table = Table("file", "", "problem", title="Problems", title_justify="left", show_lines=False)
        for problem in problems[:MAX_ROWS]:
            style = "red" if problem.severity is Severity.ERROR else "yellow"
            where = f"{problem.source}:{problem.line}" if problem.line else problem.source
            table.add_row(where, f"[{style}]{problem.severity.value}[/]", problem.message)
        console.print(table)
        if len(problems) > MAX_ROWS:
            console.print(f"… and {len(problems) - MAX_ROWS} more problems (all are in problems.json)")
    console.print(summary(archive, total))
    for note in archive.notes:
        console.print(note)
