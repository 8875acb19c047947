"""Frozen records that flow between the pipeline stages.

Every fact carries a `Span` into its document's text, so provenance can be checked with
`document.text[span.start:span.end] == span.text`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Modality = Literal["asserted", "hypothetical", "negated"]
Polarity = Literal["support", "oppose", "neutral"]
# Where a story's date came from, best first: its own text or record (`text`), the page it was
# found on (`page`), the HTTP `Last-Modified` of the fetched page (`http`), the file's
# modification time (`file`), or the day it was ingested (`ingest`). See `actorgraph.dating`.
DateSource = Literal["text", "page", "http", "file", "ingest"]
# How an input was captured, when that gives a date: over HTTP or read from a file.
CaptureSource = Literal["http", "file"]
# Called with (input name, message) for problems that do not stop an input from being used.
WarnFn = Callable[[str, str], None]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """One input unit as read from a file, URL, stdin or a JSON Lines record (before segmenting)."""

    source: str
    text: str
    title: str | None = None
    published: date | None = None
    byline: str | None = None
    url: str | None = None
    given_id: str | None = None
    # Whether `text` came from HTML extraction (already cleaned) or raw text that still
    # needs un-wrapping and boilerplate removal.
    from_html: bool = False
    # Position of the input in the run, so "later" is defined when no date tells it.
    order: int = 0
    # Stories of one page found apart (HTML teasers): their number after the main story.
    part: int = 0
    # A date in the file name (archives often name files by date): used when the text
    # itself gives none, and to complete a dateline without a year.
    date_hint: date | None = None
    # When the input was captured, as the fetch or the file system tells it: the HTTP
    # `Last-Modified` of a fetched page, or a file's modification time. Only a story with no
    # date of its own and none from its page falls back to it (`actorgraph.dating`).
    captured: date | None = None
    captured_by: CaptureSource | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A named place; where the gazetteer knows it, its coordinates and why that place was chosen."""

    name: str
    code: str | None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None  # GeoNames' first-level division code ("RS.SE")
    geonameid: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One story: the unit that is de-duplicated and coded."""

    id: str
    source: str
    text: str
    title: str | None
    published: date | None
    byline: str | None
    place: Place | None
    url: str | None = None
    # Character spans of lines that are headings (title, sub-headings): kept out of sentences.
    headings: tuple[tuple[int, int], ...] = ()
    story_index: int = 0
    order: int = 0
    duplicate_of: str | None = None
    containment: float | None = None
    # How `published` was found (None when there is no date, and on rows stored before it was
    # recorded). Anything but "text" is a capture date standing in for a missing one.
    date_source: DateSource | None = None

    @property
    def text_sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Resolution:
    """Why an actor got its code: a score in 0..1 and a human-readable reason."""

    score: float
    reason: str


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as an event, stance or quote refers to it."""

    code: str | None
    sector: str | None
    name: str
    type: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text where an actor is named, with how it was recognised."""

    span: Span
    sentence: int
    # "kb" (knowledge base alias), "ner" (spaCy entity), "title" (agent phrase), "coref" ...
    via: str = "kb"


# `Actor.type` values of bodies that are neither states nor people nor generic agents
ORGANISATION_TYPES = frozenset({
    "igo", "mission", "agency", "ngo", "media", "party", "armed_group", "hacker_group", "company", "court",
    "legislature", "government", "organisation", "imported",
})


@dataclass(frozen=True, slots=True)
class Actor:
    doc_id: str
    id: str
    code: str | None
    sector: str | None
    name: str
    type: str
    mentions: tuple[Mention, ...]
    resolution: Resolution
    kb_id: str | None = None
    roles: tuple[str, ...] = field(default=())

    @property
    def ref(self) -> ActorRef:
        return ActorRef(self.code, self.sector, self.name, self.type)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, with a reason a user can act on."""

    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class Count:
    """How many people an act touched, as the text says it: "at least 14 civilians" killed.

    `count` is None when the text gives a quantity but no number ("dozens were injured");
    `approximate` marks a floor, a ceiling or a round guess. `span` is the quantity's words."""

    kind: str  # killed, wounded, detained, displaced, deployed
    count: int | None
    approximate: bool
    span: Span
    toll: bool = False  # a running total ("the death toll rose to 30"), not the act's own count


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event with its participants and the sentence that proves it."""

    doc_id: str
    id: str
    type: str
    mode: str | None
    context: tuple[str, ...]
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    modality: Modality
    date: date | None
    location: Place | None
    evidence: Span
    confidence: float
    extractor: str
    trigger: Span | None = None
    sentence: int = 0
    # The CAMEO code of the verb-dictionary pattern that fired (or agreed with the lexicon's
    # reading), the rule that fired ("triggers.tsv:38", "CAMEO.2.0.txt:5447") and its word.
    cameo: str | None = None
    rule: str | None = None
    lemma: str | None = None
    # A joint act of the parties in `source`, each toward the others ("Serbia and Kosovo
    # agreed"): `target` lists the same parties.
    mutual: bool = False
    counts: tuple[Count, ...] = ()


@dataclass(frozen=True, slots=True)
class Stance:
    """Who supports, opposes or stays neutral toward an actor, an event or a topic."""

    doc_id: str
    id: str
    holder: ActorRef
    polarity: Polarity
    target_actor: ActorRef | None
    target_event: str | None
    target_topic: str | None
    evidence: Span
    confidence: float
    extractor: str


@dataclass(frozen=True, slots=True)
class Quote:
    """Who said what: direct (in quotation marks) or reported."""

    doc_id: str
    id: str
    speaker: ActorRef | None
    speaker_text: str | None
    cue: str | None
    content: Span
    direct: bool
    evidence: Span
