"""The curated entities file: add, merge, rename, retype or ignore what discovery finds.

```yaml
add:                       # entities discovery cannot find, or misses
  - name: Carl Zeiss
    kind: organisation     # person, organisation, product, place or event
    aliases: [Zeiss]
    roles: [Lens maker]
merge:                     # alias: the entity it belongs to
  WP7: Windows Phone 7
rename:                    # discovered name: the name to show (the old one stays an alias)
  Microsoft adCenter: adCenter
kind:                      # name: kind
  Office: product
ignore:                    # names that are not entities
  - U.S.
```

Every key is optional; names match an entity's name or any of its aliases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .models import Kind

_KINDS = ", ".join(k.value for k in Kind)


@dataclass(frozen=True)
class Addition:
    name: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Curation:
    add: tuple[Addition, ...] = ()
    merge: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    kind: dict[str, Kind] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()


class CurationError(ValueError):
    """The curated file cannot be used; the message names the file and the fix."""


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise CurationError(f"{where} must be a list of names")


def _mapping(value: object, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise CurationError(f"{where} must map names to names, as 'Old name: New name'")
    return dict(value)


def _kind(value: object, where: str) -> Kind:
    try:
        return Kind(str(value).strip().lower())
    except ValueError:
        raise CurationError(f"{where}: unknown kind {value!r}; use one of {_KINDS}") from None


def parse_curation(data: object, source: str = "entities.yml") -> Curation:
    """Validate the loaded YAML; raise :class:`CurationError` naming the file and the wrong key."""
    if data is None:
        return Curation()
    if not isinstance(data, dict):
        raise CurationError(f"{source}: expected a mapping with the keys add, merge, rename, kind, ignore")
    unknown = sorted(set(data) - {"add", "merge", "rename", "kind", "ignore"})
    if unknown:
        raise CurationError(f"{source}: unknown key {unknown[0]!r}; the keys are add, merge, rename, kind, ignore")
    additions = []
    for n, entry in enumerate(data.get("add") or [], start=1):
        where = f"{source}: add #{n}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise CurationError(f"{where} needs a name")
        additions.append(
            Addition(
                entry["name"].strip(),
                _kind(entry.get("kind", "organisation"), where),
                _strings(entry.get("aliases"), f"{where} aliases"),
                _strings(entry.get("roles"), f"{where} roles"),
            )
        )
    kinds = {name: _kind(kind, f"{source}: kind of {name!r}") for name, kind in _mapping(data.get("kind"), f"{source}: kind").items()}
    return Curation(
        tuple(additions),
        _mapping(data.get("merge"), f"{source}: merge"),
        _mapping(data.get("rename"), f"{source}: rename"),
        kinds,
        frozenset(_strings(data.get("ignore"), f"{source}: ignore")),
    )


def load_curation(path: Path | None) -> Curation:
    """The curated file at ``path``; an empty curation when there is none."""
    if path is None or not path.is_file():
        return Curation()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise CurationError(f"{path.name}: not valid YAML: {error}") from None
    return parse_curation(data, path.name)
