"""Accuracy on real pages never falls below its floor, and the floors never fall (``tests/accuracy.py``)."""

from __future__ import annotations

import pytest

from .accuracy import ENTITIES, ENTITIES_DEV, FALL_EXPLAINED, FLOORS, KINDS, REALPAGES, floors, latest, measure

needs_pages = pytest.mark.skipif(not (REALPAGES / "evaluate").is_file(), reason=f"no real pages at {REALPAGES}: accuracy is not measured")


def test_the_floors_only_rise() -> None:
    """Each floor entry stands at or over the one before it, figure by figure; a figure may fall only by less than
    ``FALL_EXPLAINED``, and only where the entry says why under ``fell`` (what the measure counted that it should
    not have, with the evidence)."""
    for kind, entries in floors().items():
        for before, after in zip(entries, entries[1:]):
            fallen = {name: (before["figures"][name], value) for name, value in after["figures"].items() if value < before["figures"].get(name, 0.0)}
            explained = after.get("fell", {})
            unexplained = {name: fall for name, fall in fallen.items() if not explained.get(name) or fall[0] - fall[1] >= FALL_EXPLAINED}
            assert not unexplained, f"{FLOORS.name}: {kind} floors fell on {after['date']}: {unexplained}"
            assert set(explained) <= set(fallen), f"{FLOORS.name}: {kind} entry of {after['date']} explains a fall that is none: {sorted(set(explained) - set(fallen))}"


@needs_pages
@pytest.mark.accuracy
@pytest.mark.parametrize("kind", KINDS)
def test_accuracy_on_the_check_split_stands_on_its_floor(kind: str) -> None:
    now, floor = measure(kind), latest(kind)
    below = {name: (value, now.get(name)) for name, value in floor.items() if now.get(name, 0.0) < value - 0.0005}
    assert not below, f"{kind}: below the floor (floor, now): {below}"


@pytest.mark.skipif(not (ENTITIES_DEV / "evaluate").is_file(), reason=f"no annotated texts at {ENTITIES_DEV}: entities are not measured")
@pytest.mark.accuracy
def test_entities_on_the_development_texts_stand_on_their_floor() -> None:
    now, floor = measure(ENTITIES), latest(ENTITIES)
    below = {name: (value, now.get(name)) for name, value in floor.items() if now.get(name, 0.0) < value - 0.0005}
    assert not below, f"entities: below the floor (floor, now): {below}"
