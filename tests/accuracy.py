"""The accuracy of the converter on the real pages of ``../shared/realpages`` (``check`` split) and of its entities
on ``../shared/entities-dev``, against floors that only rise (``accuracy_floors.json``: each kind's floors,
oldest first).

Measure, and raise the floors to what the converter reaches now (after a change that improves it):

    .venv/bin/python -m tests.accuracy            # the figures, and the floors they stand on
    .venv/bin/python -m tests.accuracy --raise    # a new floor entry: each figure at least its last floor

A floor falls only by less than ``FALL_EXPLAINED`` and with the reason written in its entry (``--raise --fell
KIND.NAME="why, with the evidence"``): where the measure counted what it should not have, so that a change that reads the
page better reads less of what the measure counts.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALPAGES = ROOT.parent / "shared" / "realpages"
ENTITIES_DEV = ROOT.parent / "shared" / "entities-dev"
FLOORS = Path(__file__).resolve().parent / "accuracy_floors.json"
KINDS = ("text", "html")
#: How far a floor may fall where its entry says why: a few words of one page, never a page's worth.
FALL_EXPLAINED = 0.005
ENTITIES = "entities"


def measure_entities() -> dict[str, float]:
    """Precision, recall and kind of the entities on ``../shared/entities-dev`` (its ``evaluate``)."""
    with tempfile.TemporaryDirectory(prefix="newsarchive-entities-") as work:
        command = [sys.executable, str(ENTITIES_DEV / "evaluate"), "--json", "--work", work, "--bin", str(Path(sys.executable).parent / "newsarchive")]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    overall = json.loads(run.stdout)["overall"]
    return {name: overall[name] for name in ("precision", "recall", "kind")}


def measure(kind: str) -> dict[str, float]:
    """Each figure of ``evaluate --kind KIND --split check``, by name (``ENTITIES``: of entities-dev)."""
    if kind == ENTITIES:
        return measure_entities()
    with tempfile.TemporaryDirectory(prefix="newsarchive-accuracy-") as work:
        command = [sys.executable, str(REALPAGES / "evaluate"), "--kind", kind, "--split", "check", "--json", "--work", work,
                   "--bin", str(Path(sys.executable).parent / "newsarchive")]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return {name: value for name, (value, _count) in json.loads(run.stdout)["all"].items()}


def floors() -> dict[str, list[dict]]:
    return json.loads(FLOORS.read_text("utf-8"))


def latest(kind: str) -> dict[str, float]:
    return floors()[kind][-1]["figures"]


def _raise(fell: dict[str, str]) -> None:
    """A new floor entry for each kind whose figures rose: each at least its last floor, but for the figures named
    in ``fell`` ("KIND.NAME": why), which stand where they are measured now."""
    kept = floors()
    for kind in (*KINDS, ENTITIES):
        now = measure(kind)
        last = kept[kind][-1]["figures"] if kept.get(kind) else {}
        figures = {name: round(now[name] if f"{kind}.{name}" in fell else max(now[name], last.get(name, 0.0)), 3) for name in sorted(now)}
        if figures != last:
            entry: dict = {"date": date.today().isoformat(), "figures": figures}
            if why := {name: fell[f"{kind}.{name}"] for name in figures if f"{kind}.{name}" in fell and figures[name] < last.get(name, 0.0)}:
                entry["fell"] = why
            kept.setdefault(kind, []).append(entry)
        print(kind, json.dumps(figures))
    FLOORS.write_text(json.dumps(kept, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    if "--raise" in sys.argv:
        _raise(dict(arg.split("=", 1) for arg in sys.argv[sys.argv.index("--fell") + 1 :] if "=" in arg) if "--fell" in sys.argv else {})
    else:
        for kind in (*KINDS, ENTITIES):
            now, floor = measure(kind), latest(kind)
            for name in sorted(now):
                print(f"{kind:5} {name:30} {now[name]:.3f}  floor {floor.get(name, 0):.3f}")
