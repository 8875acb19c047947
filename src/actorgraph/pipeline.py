"""The pipeline, stage by stage: ingest → segment → dedupe → NLP (actors) → records.

Heavy resources (the spaCy pipeline, the knowledge base) are built once and passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from actorgraph import __version__
from actorgraph.config import Settings
from actorgraph.dating import date_pages, today_utc
from actorgraph.dedupe import Known, mark_duplicates
from actorgraph.ingest import InputFormat, read_inputs
from actorgraph.nlp.actors import PLACE, STATE, Piece, compose, find_pieces
from actorgraph.nlp.arguments import ActorIndex
from actorgraph.nlp.counts import attach_counts
from actorgraph.nlp.events import EventExtractor
from actorgraph.nlp.lexicon import load_lexicon
from actorgraph.nlp.pipeline import load_nlp, model_version
from actorgraph.nlp.quotes import QuoteExtractor
from actorgraph.nlp.stances import StanceExtractor
from actorgraph.nlp.story import story_state_of
from actorgraph.nlp.verbdict import load_verb_dictionary
from actorgraph.nlp.verbmatch import VerbMatcher
from actorgraph.nlp.words import W
from actorgraph.resolve.gazetteer import Gazetteer
from actorgraph.resolve.kb import KnowledgeBase, shared_kb
from actorgraph.resolve.resolver import group_actors, link_appositions, resolve_phrase, seat_metonyms
from actorgraph.segment import content_id, segment
from actorgraph.types import Actor, Article, Document, Event, Quote, Skipped, Stance, WarnFn


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one story."""

    document: Document
    actors: tuple[Actor, ...]
    events: tuple[Event, ...] = ()
    stances: tuple[Stance, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Failed:
    """A story an executor could not code, however often it tried, and why."""

    document: Document
    reason: str

    @property
    def skipped(self) -> Skipped:
        """The failure as the run reports it."""
        return Skipped(self.document.source, f"story {self.document.id} could not be coded: {self.reason}")


def failure_reason(exc: BaseException) -> str:
    """One line for the skipped report: the exception's type and its first sentence if long."""
    message = str(exc).strip()
    first = message.splitlines()[0] if message else ""
    if len(first) > 200 and ". " in first:
        first = first.split(". ", 1)[0] + "."
    if len(first) > 200:
        first = first[:197] + "..."
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


@dataclass
class Prepared:
    """The stories of a run, de-duplicated, and what could not be used."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Stored documents found to duplicate new ones: {id: (duplicate_of, containment)}
    stored_duplicates: dict[str, tuple[str, float]] = field(default_factory=dict)


class Resources:
    """The knowledge base and spaCy pipeline, loaded on first use and then kept."""

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None, nlp: Language | None = None):
        self.settings = settings
        self._kb = kb
        self._nlp = nlp
        self._coder: StoryCoder | None = None

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            # the one instance the analyses, the report and the dashboard read too
            self._kb = shared_kb(self.settings.kb_dirs)
        return self._kb

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.spacy_model)
        return self._nlp

    @property
    def coder(self) -> StoryCoder:
        if self._coder is None:
            self._coder = StoryCoder(
                self.kb, self.nlp.vocab, verbs=self.settings.verbs,
                gazetteer=Gazetteer(self.settings.gazetteer_min_population),
            )
        return self._coder

    @property
    def extractor_version(self) -> str:
        """Names what codes the stories: our version, the model, and a user's verb dictionary."""
        version = f"actorgraph-{__version__}+{model_version(self.nlp)}"
        if self.settings.verbs is not None:
            import hashlib

            digest = hashlib.sha256(self.settings.verbs.read_bytes()).hexdigest()[:8]
            version += f"+verbs:{self.settings.verbs.name}@{digest}"
        return version


def _fix_lemmas(doc: Doc) -> None:
    """The tagger's known slips in verb lemmas ("staged" read as "stag"), mended once for every reader."""
    fixes = W.table("verb_lemma_fixes")
    for token in doc:
        fixed = fixes.get(token.lemma_.lower())
        if fixed and token.pos_ in ("VERB", "AUX"):
            token.lemma_ = fixed[0]


def place_resolver(kb: KnowledgeBase):  # noqa: ANN201 - returns a PlaceResolver
    """A function from a place name (city or country) to the ISO3 code of its state."""

    def resolve(name: str) -> str | None:
        found = kb.lookup(name)
        for entry, alias in found:
            if entry.kind == "state" and alias.form in ("name", "alias", "capital"):
                return entry.code
        for entry, _alias in found:
            if entry.kind == "place" and entry.code:
                return entry.code
        return None

    return resolve


def prepare(
    inputs: Iterable[str],
    resources: Resources,
    *,
    input_format: InputFormat = "auto",
    warn: WarnFn,
    similar: Callable[[dict[str, str]], list[Known]] | None = None,
    stdin=None,  # noqa: ANN001
    today: date | None = None,
) -> Prepared:
    """Read every input (paths, directories, URLs, stdin), then `prepare_articles` what was read.

    A story without a date of its own gets the best capture date there is (`dating`); `today`
    is the day of ingest for the last resort (the current UTC day unless given).
    """
    read = read_inputs(inputs, resources.settings, input_format=input_format, warn=warn, stdin=stdin)
    return prepare_articles(read, resources, warn=warn, similar=similar, today=today)


def prepare_articles(
    articles: Iterable[Article | Skipped],
    resources: Resources,
    *,
    warn: WarnFn,
    similar: Callable[[dict[str, str]], list[Known]] | None = None,
    today: date | None = None,
) -> Prepared:
    """Segment, date and de-duplicate articles however they arrived: files, a feed, an API request.

    A `Skipped` among `articles` (an input its reader could not use) is passed on to the result,
    so a reader can stream both. `similar` finds stored stories that new ones may copy. `warn`
    is where the stages would report a problem that does not cost an article; none of them
    does yet, but every way in passes it so that one added later reaches all of them.
    """
    del warn  # accepted for the callers' sake (see above); no stage warns today
    settings = resources.settings
    prepared = Prepared()
    usable: list[Article] = []
    for item in articles:
        if isinstance(item, Skipped):
            prepared.skipped.append(item)
        else:
            usable.append(item)
    resolve_place = place_resolver(resources.kb)
    documents: list[Document] = []
    seen: dict[str, Document] = {}
    # Dating needs every article of a run at once: a page's undated teasers borrow its stories' dates.
    read = date_pages([(a, segment(a, resolve_place)) for a in usable], today=today or today_utc())
    for article, stories in read:
        if not stories:
            prepared.skipped.append(Skipped(article.source, "no story text left after removing boilerplate"))
            continue
        for document in stories:
            previous = seen.get(document.id)
            if previous is not None:
                if previous.source == document.source:
                    prepared.skipped.append(Skipped(document.source, "the same input was given twice"))
                    continue
                if article.given_id is not None:
                    prepared.skipped.append(Skipped(document.source, f"id '{document.id}' was already used"))
                    continue
                # The same text from another source: its own id, marked as a copy below.
                document = replace(document, id=content_id(document.text, salt=document.source))
            seen[document.id] = document
            documents.append(document)
    known = similar({d.id: d.text for d in documents}) if similar and documents else []
    prepared.documents, prepared.stored_duplicates = mark_duplicates(
        documents,
        threshold=settings.dedupe_containment,
        shingle_size=settings.dedupe_shingle,
        num_perm=settings.dedupe_num_perm,
        known=known,
    )
    return prepared


class StoryCoder:
    """The NLP stages after parsing: actors, then events, stances and quotes.

    `verbs` is a PETRARCH verb dictionary of the user's, which then outranks the trigger
    lexicon on the verbs it knows; without one the built-in CAMEO dictionary fills in where
    the lexicon has no reading.
    """

    def __init__(
        self, kb: KnowledgeBase, vocab: Vocab, *, verbs: Path | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.kb = kb
        self.gazetteer = gazetteer or Gazetteer()
        self.states = {e.code: e.name for e in kb.entries.values() if e.kind == "state" and e.code}
        dictionary = load_verb_dictionary(verbs) if verbs is not None else load_verb_dictionary()
        self.verbs = VerbMatcher(dictionary, vocab)
        self.events = EventExtractor(load_lexicon(), self.verbs, dictionary_first=verbs is not None)
        self.quotes = QuoteExtractor()
        self.stances = StanceExtractor()

    def code(self, doc: Doc, document: Document) -> Extraction:
        _fix_lemmas(doc)
        actors, places = actors_and_places(doc, document, self.kb)
        index = ActorIndex(doc, actors, document, self.states, places, self.kb)
        events = tuple(self._placed(attach_counts(doc, list(self.events.extract(doc, document, index))), document, actors))
        stances = tuple(self.stances.extract(doc, document, index, events))
        quotes = tuple(self.quotes.extract(doc, document, index))
        return Extraction(document=document, actors=actors, events=events, stances=stances, quotes=quotes)


    def _placed(self, events: list[Event], document: Document, actors: Sequence[Actor]) -> list[Event]:
        """Events whose place the gazetteer knows get its coordinates; ambiguous names go to the
        story's countries: its dateline's first, then those it names most."""
        if not any(e.location for e in events):
            return events
        named: dict[str, int] = {}
        for actor in actors:
            if actor.code in self.states:
                named[actor.code] = named.get(actor.code, 0) + len(actor.mentions)
        story = [document.place.code] if document.place and document.place.code else []
        story += [code for code, _ in sorted(named.items(), key=lambda kv: -kv[1]) if code not in story]
        out = []
        for event in events:
            place = event.location
            found = self.gazetteer.locate(place.name, place.code, story) if place else None
            if place is not None and found is not None:
                place = replace(
                    place, code=place.code or found.country, lat=found.lat, lon=found.lon, admin1=found.admin1,
                    geonameid=found.geonameid, reason=found.reason,
                )
                event = replace(event, location=place)
            out.append(event)
        return out


def extract_actors(doc: Doc, document: Document, kb: KnowledgeBase) -> tuple[Actor, ...]:
    """The actors of one parsed story."""
    return actors_and_places(doc, document, kb)[0]


def actors_and_places(doc: Doc, document: Document, kb: KnowledgeBase) -> tuple[tuple[Actor, ...], list[Piece]]:
    """The actors of one parsed story, and the places and states it names (for locations)."""
    place_code = document.place.code if document.place else None
    pieces = find_pieces(doc, kb, document.headings, place_code)
    phrases = compose(pieces, document.text, document.headings)
    day: date | None = document.published
    context = story_state(document, pieces, kb)
    placed = sentence_places(pieces, document.text, kb)
    resolved = []
    for phrase in phrases:
        found = resolve_phrase(phrase, document.text, kb, day, context)
        if found is not None and found.via == "context" and found.sector in _LOCAL_SECTORS and phrase.sentence in placed:
            # police and crowds act where the sentence puts them, not where the story is filed
            found = resolve_phrase(phrase, document.text, kb, day, placed[phrase.sentence])
        if found is not None:
            resolved.append(found)
    resolved = seat_metonyms(link_appositions(resolved, doc), doc, kb)
    places = [p for p in pieces if p.kind in (PLACE, STATE)]
    return tuple(group_actors(document.id, resolved)), places


_LOCAL_SECTORS = {"COP", "CVL", "LAB", "EDU", "REF"}
_LOCATIVE = re.compile(r"\b(in|at)\s+(the\s+)?$", re.IGNORECASE)


def sentence_places(pieces: Sequence[Piece], text: str, kb: KnowledgeBase) -> dict[int, tuple[str, str]]:
    """Sentences that say where they happen ("In Lagos, police dispersed ..."): police or
    protesters named there, with no state of their own, are that place's, whatever the dateline.
    Only a sentence with one such state counts."""
    found: dict[int, set[tuple[str, str]]] = {}
    for piece in pieces:
        if piece.kind not in (PLACE, STATE) or piece.best is None:
            continue
        code = kb.entries[piece.best.entry_id].code
        if code and _LOCATIVE.search(text[max(0, piece.start - 12) : piece.start]):
            name = text[piece.start : piece.end]
            found.setdefault(piece.sentence, set()).add((code, f"the sentence places it in {name} ({code})"))
    out = {}
    for sentence, places in found.items():
        if len({code for code, _ in places}) == 1:
            out[sentence] = min(places)
    return out


def story_state(document: Document, pieces: Sequence[Piece], kb: KnowledgeBase) -> tuple[str, str] | None:
    """The state a story is about (`story_state_of`), and why."""
    counts: dict[str, int] = {}
    body_counts: dict[str, int] = {}
    for piece in pieces:
        if piece.kind == STATE and piece.best is not None:
            code = kb.entries[piece.best.entry_id].code
            if code:
                counts[code] = counts.get(code, 0) + 1
                if not any(s <= piece.start < e for s, e in document.headings):
                    body_counts[code] = body_counts.get(code, 0) + 1
    dateline = document.place.code if document.place else None
    lead = _first_body_state(document, pieces, kb) if dateline else None
    found = story_state_of(counts, body_counts, dateline, least=3, lead=lead)
    if found is not None and found[1] == "datelined" and document.place is not None:
        return found[0], f"the story is datelined {document.place.name} ({found[0]})"
    if found is not None and found[1] == "the lead":
        return found[0], f"the story's lead names {found[0]}; its dateline's state is named nowhere else"
    if found is not None:
        return found[0], f"the story is mostly about {found[0]} ({found[1]})"
    return None


def _first_body_state(document: Document, pieces: Sequence[Piece], kb: KnowledgeBase) -> str | None:
    for piece in sorted(pieces, key=lambda p: p.start):
        if piece.kind != STATE or piece.best is None or any(s <= piece.start < e for s, e in document.headings):
            continue
        code = kb.entries[piece.best.entry_id].code
        if code:
            return code
    return None


def extract(documents: Sequence[Document], resources: Resources) -> Iterator[Extraction]:
    """Run the NLP stages over stories, in batches, yielding one `Extraction` per story.

    The first story that fails raises; `code_each` is the executor that carries on past it."""
    nlp = resources.nlp
    coder = resources.coder
    stream = nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=resources.settings.batch_size)
    for doc, document in stream:
        yield coder.code(doc, document)


def code_each(documents: Sequence[Document], resources: Resources) -> Iterator[Extraction | Failed]:
    """The local executor: `extract`, except that a story that cannot be coded costs only itself.

    Stories are parsed a batch at a time; when a batch fails, its stories are parsed one by one
    so that only the one at fault comes back as `Failed`."""
    size = resources.settings.batch_size
    for begin in range(0, len(documents), size):
        batch = documents[begin : begin + size]
        try:
            results: list[Extraction | Failed] = list(extract(batch, resources))
        except Exception:
            results = [_code_one(document, resources) for document in batch]
        yield from results


def _code_one(document: Document, resources: Resources) -> Extraction | Failed:
    try:
        doc = resources.nlp(document.text)
        return resources.coder.code(doc, document)
    except Exception as exc:
        return Failed(document, failure_reason(exc))
