"""The package's shape: stages that import only the stages before them, a docstring for every module,
no function longer than a screen without a reason written above it, and a README that stays short."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "newsarchive"

#: The stages in the order data flows through them; "" is the thin top (the command line, the MkDocs plugin).
STAGES = ("common", "capture", "parse", "link", "timeline", "site", "build", "bench", "")

#: A screen of code, in lines.
SCREEN = 50

MODULES = sorted(PACKAGE.rglob("*.py"))


def _stage(parts: list[str]) -> str:
    return parts[0] if parts and parts[0] in STAGES else ""


def upward_imports(path: Path, package: Path = PACKAGE) -> list[str]:
    """The imports of ``path`` (a module of ``package``) from a stage after its own."""
    relative = path.relative_to(package)
    home = list(relative.parts[:-1])
    own = STAGES.index(_stage(home))
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            target = home[: len(home) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            if not target:  # "from . import pipeline": the name is the module
                target = [node.names[0].name]
            if STAGES.index(_stage(target)) > own:
                found.append(f"{relative}:{node.lineno} imports {'.'.join(target)}")
    return found


def long_functions_without_reason(path: Path, package: Path = PACKAGE) -> list[str]:
    """The functions of ``path`` longer than ``SCREEN`` lines with no "# Long: why" comment over them."""
    lines = path.read_text("utf-8").split("\n")
    found = []
    for node in ast.walk(ast.parse("\n".join(lines))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > SCREEN:
            top = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1  # 0-based line of the def or decorator
            above = []
            while top > 0 and lines[top - 1].strip().startswith("#"):
                top -= 1
                above.append(lines[top].strip())
            if not any(line.startswith("# Long:") for line in above):
                found.append(f"{path.relative_to(package)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)")
    return found


def test_each_stage_imports_only_the_stages_before_it() -> None:
    assert [found for path in MODULES for found in upward_imports(path)] == []


def test_an_import_from_a_later_stage_is_found(tmp_path: Path) -> None:
    (tmp_path / "parse").mkdir()
    module = tmp_path / "parse" / "rules.py"
    module.write_text("from ..common.models import Article\nfrom ..site.render import environment\nfrom .lines import Line\n")
    assert upward_imports(module, tmp_path) == ["parse/rules.py:2 imports site.render"]
    top = tmp_path / "cli.py"
    top.write_text("from .build import pipeline\nfrom . import report\n")
    assert upward_imports(top, tmp_path) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_says_its_job(path: Path) -> None:
    if path.name == "__main__.py":
        return
    docstring = ast.get_docstring(ast.parse(path.read_text("utf-8")))
    assert docstring, f"{path.relative_to(PACKAGE)} has no docstring"


def test_no_function_is_longer_than_a_screen_without_a_reason() -> None:
    assert [found for path in MODULES for found in long_functions_without_reason(path)] == []


def test_a_long_function_needs_its_reason_right_above_it(tmp_path: Path) -> None:
    body = "".join(f"    x{n} = {n}\n" for n in range(SCREEN))
    module = tmp_path / "long.py"
    module.write_text(f"# Long: one pass that reads best in order.\ndef kept():\n{body}\n\n# a comment, no reason\ndef bare():\n{body}")
    assert [found.split(" ")[1] for found in long_functions_without_reason(module, tmp_path)] == ["bare"]


def test_the_readme_is_for_users_and_short_and_its_links_lead_somewhere() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.encode("utf-8")) <= 12 * 1024
    assert readme.splitlines()[0] == "# newsarchive" and "make site" in readme and "make test" in readme
    targets = re.findall(r"\]\(([^)#:]+)\)", readme)
    assert {"ARCHITECTURE.md", "FORMATS.md", "BENCHMARK.md"} <= set(targets)
    assert [target for target in targets if not (ROOT / target).exists()] == []
