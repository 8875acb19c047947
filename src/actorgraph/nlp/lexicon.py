"""The event trigger lexicon (`data/triggers.tsv`): words to PLOVER types, with conditions.

A condition's values may name a word class of `data/words.txt` with `@`: `obj=@verbal_objects`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from actorgraph.errors import KnowledgeBaseError
from actorgraph.nlp.words import W
from actorgraph.ontology import EVENT_TYPES, MODES

TRIGGERS = Path(__file__).parent / "data" / "triggers.tsv"
_NEEDS = {
    "obj",
    "objclause",
    "notspeech",
    "noobj",
    "prep",
    "prt",
    "xcomp",
    "subj",
    "notsubj",
    "mod",
    "ctx",
    "objactor",
    "objnotactor",
    "future",
    "pobj",
    "xsubjactor",
    "notpobj",
    "subjword",
    "notsubjword",
    "gov",
    "notgov",
    "with",
    "phrase",
    "noclause",
    "judged",
    "noprep",
    "notprt",
    "xsubjother",
    "subjof",
    "notquestion",
    "notobj",
    "ownprep",
    "negated",
    "objcoded",
    "leavestate",
}


@dataclass(frozen=True, slots=True)
class Need:
    """One condition of a trigger row: `kind` and the words or codes it accepts."""

    kind: str
    values: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Trigger:
    """One reading of a word as an event."""

    lemma: str
    pos: str  # V or N
    needs: tuple[Need, ...]
    type: str
    mode: str | None
    target: tuple[str, ...]
    source: tuple[str, ...]
    line: int
    origin: str = "triggers.tsv"
    cameo: str | None = None  # the CAMEO code of this reading, where the row gives one

    @property
    def rule(self) -> str:
        """Where the reading comes from: file and line."""
        return f"{self.origin}:{self.line}"


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]


@lru_cache(maxsize=4)
def load_lexicon(path: Path = TRIGGERS) -> Lexicon:
    """Parse the trigger file; errors name the line."""
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    header: list[str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        trigger = _parse(row, number, path)
        (verbs if trigger.pos == "V" else nouns).setdefault(trigger.lemma, []).append(trigger)
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
    )


def _parse(row: dict[str, str], number: int, path: Path) -> Trigger:
    where = f"{path.name}:{number}"
    event_type = row.get("type", "").strip()
    if event_type not in EVENT_TYPES:
        raise KnowledgeBaseError(f"{where}: unknown event type {event_type!r}")
    mode = row.get("mode", "").strip() or None
    if mode is not None and mode not in MODES[event_type]:
        raise KnowledgeBaseError(f"{where}: {event_type} has no mode {mode!r}")
    pos = row.get("pos", "").strip()
    if pos not in ("V", "N"):
        raise KnowledgeBaseError(f"{where}: pos must be V or N, not {pos!r}")
    needs = []
    for part in filter(None, (p.strip() for p in row.get("needs", "").split(";"))):
        kind, _, values = part.partition("=")
        if kind not in _NEEDS:
            raise KnowledgeBaseError(f"{where}: unknown condition {kind!r}")
        words: set[str] = set()
        for value in filter(None, (v.strip() for v in values.split("|"))):
            if value.startswith("@"):
                words |= W[value[1:]]
            else:
                words.add(value if kind in ("subj", "notsubj") else value.lower())
        needs.append(Need(kind, frozenset(words)))
    return Trigger(
        lemma=row["lemma"].strip().lower(),
        pos=pos,
        needs=tuple(needs),
        type=event_type,
        mode=mode,
        target=tuple(t.strip() for t in row.get("target", "").split("|") if t.strip()) or ("none",),
        source=tuple(t.strip() for t in row.get("source", "").split("|") if t.strip()),
        line=number,
        origin=path.name,
        cameo=row.get("cameo", "").strip() or None,
    )
