"""The coder's word classes (`data/words.txt`), loaded once.

Rules in Python name a class ("speech", "future", "light_verbs"); the words are data, so a
user adapts the coder to their sources by editing one file, and no rule hides a word list.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from actorgraph.errors import KnowledgeBaseError

WORDS = Path(__file__).parent / "data" / "words.txt"
_HEADER = re.compile(r"^\[([a-z_]+)\]\s*$")


class Words:
    """Named word sets and tables; a missing name is an error that names the file."""

    def __init__(self, sets: dict[str, frozenset[str]], tables: dict[str, dict[str, tuple[str, ...]]], path: Path):
        self._sets = sets
        self._tables = tables
        self.path = path

    def __getitem__(self, name: str) -> frozenset[str]:
        try:
            return self._sets[name]
        except KeyError:
            raise KnowledgeBaseError(f"{self.path.name}: no word class [{name}]") from None

    def table(self, name: str) -> dict[str, tuple[str, ...]]:
        """A class of `word: VALUE ...` lines."""
        try:
            return self._tables[name]
        except KeyError:
            raise KnowledgeBaseError(f"{self.path.name}: no word table [{name}]") from None

    def names(self) -> list[str]:
        return sorted({*self._sets, *self._tables})


@lru_cache(maxsize=2)
def load_words(path: Path = WORDS) -> Words:
    """Read a word-class file; errors name the line."""
    sets: dict[str, set[str]] = {}
    tables: dict[str, dict[str, tuple[str, ...]]] = {}
    current: str | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header = _HEADER.match(line)
        if header:
            current = header.group(1)
            if current in sets or current in tables:
                raise KnowledgeBaseError(f"{path.name}:{number}: class [{current}] defined twice")
            continue
        if current is None:
            raise KnowledgeBaseError(f"{path.name}:{number}: words before any [class] header")
        if ":" in line and not line.startswith("'"):
            key, _, values = line.partition(":")
            tables.setdefault(current, {})[key.strip().replace("_", " ")] = tuple(values.split())
        else:
            sets.setdefault(current, set()).update(w.replace("_", " ") for w in line.split())
    for name in tables:
        sets.setdefault(name, set()).update(tables[name])
    return Words({k: frozenset(v) for k, v in sets.items()}, tables, path)


W = load_words()

__all__ = ["W", "Words", "load_words"]
