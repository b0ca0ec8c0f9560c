from __future__ import annotations

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
