"""CAMEO codes to PLOVER type, mode and context.

PLOVER's own table (`data/cameo/CAMEO2PLOVER-2021.txt`) comes first, then our supplement
(`CAMEO2PLOVER-supplement.txt`), whose rows win. A code not in either falls back to its
nearest listed parent: `0356` to `035`, `075A` (a dictionary's own sub-code) to `075`, `1734`
to `173` to `17`. A code whose family maps to `NONE` (statements) or to nothing is no event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from actorgraph.errors import KnowledgeBaseError
from actorgraph.ontology import CONTEXTS, EVENT_TYPES, MODES

CAMEO_DIR = Path(__file__).parent / "data" / "cameo"
TABLES = (CAMEO_DIR / "CAMEO2PLOVER-2021.txt", CAMEO_DIR / "CAMEO2PLOVER-supplement.txt")
_ROW = re.compile(r"^\s*([0-9]{2,5})\s*:\s*([^#]*?)\s*(?:#.*)?$")


@dataclass(frozen=True, slots=True)
class PloverCode:
    """What a CAMEO code means in PLOVER."""

    type: str
    mode: str | None
    context: tuple[str, ...]


class CameoMap:
    """Looks up CAMEO codes (with fallback to parent codes)."""

    def __init__(self, table: dict[str, PloverCode | None]) -> None:
        self._table = table

    def lookup(self, code: str | None) -> PloverCode | None:
        """The PLOVER reading of a code, or None when it is no PLOVER event."""
        if not code:
            return None
        digits = re.match(r"[0-9]+", code)
        if digits is None:
            return None
        key = digits.group(0)
        while len(key) >= 2:
            if key in self._table:
                return self._table[key]
            key = key[:-1]
        return None


@lru_cache(maxsize=2)
def load_cameo_map(paths: tuple[Path, ...] = TABLES) -> CameoMap:
    """Read the CAMEO→PLOVER tables; later tables override earlier ones."""
    table: dict[str, PloverCode | None] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith(("#", "~")):
                continue
            row = _ROW.match(line)
            if row is None:
                raise KnowledgeBaseError(f"{path.name}:{number}: cannot read the row {line[:60]!r}")
            code, rest = row.group(1), row.group(2)
            cells = [c.strip() for c in rest.split(",")]
            kind = cells[0].upper()
            if kind == "NONE":
                table[code] = None
                continue
            if kind not in EVENT_TYPES:
                raise KnowledgeBaseError(f"{path.name}:{number}: unknown PLOVER type {kind!r}")
            mode = cells[1] if len(cells) > 1 and cells[1] in MODES[kind] else None
            contexts = tuple(
                c.strip() for c in (cells[2] if len(cells) > 2 else "").split(";") if c.strip() in CONTEXTS
            )
            table[code] = PloverCode(kind, mode, contexts)
    return CameoMap(table)


__all__ = ["CameoMap", "PloverCode", "load_cameo_map"]
