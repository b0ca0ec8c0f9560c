from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw"


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A copy of the shipped corpus in a folder of its own."""
    target = tmp_path / "raw"
    shutil.copytree(SEED, target)
    return target


def stored_after(stamps: Path, nanoseconds: int) -> None:
    """Copy stamps (``write.CopyStamps``), as if stored ``nanoseconds`` after the last change they record: a
    change made within the same tick of the clock would not show, so only stamps stored later are trusted."""
    data = json.loads(stamps.read_text("utf-8"))
    data["recorded_ns"] = max(t for stamp in data["stamps"].values() for t in (stamp[3], stamp[6])) + nanoseconds
    stamps.write_text(json.dumps(data), "utf-8")
