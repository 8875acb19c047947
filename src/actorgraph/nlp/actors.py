"""Finding actor phrases in a parsed story.

Spans come first, codes later (see `actorgraph.resolve.resolver`): this module finds the
pieces (knowledge-base names, agent words, spaCy person and organisation entities) and joins
adjacent ones into phrases such as "Croatian Defense Minister Ivan Anušić" (a locus, a title
and a person) or "the defence ministers of Albania, Croatia and Kosovo" (one title, three
loci). Headlines are title-cased, which makes the statistical entity recogniser see names
everywhere; inside headings only knowledge-base names count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from actorgraph.nlp.words import W
from actorgraph.resolve.kb import Alias, Hit, KnowledgeBase
from actorgraph.text import fold_key, shorter_name

# Piece kinds
STATE, ORG, PERSON, AGENT, SURNAME, NER_PERSON, NER_ORG, BLOCKER, PLACE = (
    "state",
    "org",
    "person",
    "agent",
    "surname",
    "ner_person",
    "ner_org",
    "blocker",
    "place",
)
LOCUS_KINDS = (STATE, ORG, PLACE)
PERSON_KINDS = (PERSON, SURNAME, NER_PERSON)

_FORM_RANK = {
    form: rank
    for rank, form in enumerate(
        ("name", "alias", "acronym", "metonym", "capital", "adjective", "demonym", "surname", "term")
    )
}
# Between pieces of one phrase: nothing, a possessive, a hyphen, or words that qualify a
# title ("Lebanon's new President Elias Hrawi", "Peru's former foreign minister").
_ADJACENT = re.compile(
    r"^(?:\s*['’]s)?(?:\s+(?:new|former|then|late|acting|interim|outgoing|incoming|caretaker|ousted|exiled))?\s*$"
    r"|^\s*-\s*$",
    re.I,
)
# Between a state and a title, the capitalised words of a portfolio ("Montenegrin Public
# Administration Minister", "Kosovo's Foreign Affairs Minister").
_PORTFOLIO = re.compile(r"^(?:\s*['’]s)?(?:\s+[A-Z][\w-]*){0,3}\s+$")
# ... or its words in lower case ("Germany's chief legal adviser", "the bloc's top trade
# negotiator"): only words of a portfolio, so that no verb or clause is crossed
_PORTFOLIO_WORDS = re.compile(
    r"^(?:\s*['’]s)?(?:\s+(?:" + "|".join(sorted(W["portfolio_words"], key=len, reverse=True)) + r")){1,3}\s+$", re.I
)
_OF = re.compile(r"^\s+(?:of|for|from)\s+(?:the\s+)?(?:neighbou?ring\s+|nearby\s+|fellow\s+)?$", re.I)
_AND = re.compile(r"\b(?:and|or)\b|&", re.I)
_COORD = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or|&)\s+(?:the\s+)?$|^\s*,\s*$", re.I)
_DESCRIBED = re.compile(r"^\s*[“\"‘']?\s*$")
_ATTITUDE = re.compile(r"\b(?:anti|pro)\s?-\s?$", re.I)
# "Rwandan-backed rebels", "Iran-aligned militias": backed by a state, not of it
_PATRONAGE = re.compile(r"^-(?:backed|supported|sponsored|funded|armed|aligned|allied|trained|installed)\b", re.I)
_BAD_NAME_WORD = re.compile(r"[\d@#/\\|<>{}\[\]=+*]")


@dataclass(frozen=True, slots=True)
class Piece:
    """A recognised stretch of text with what it may be."""

    start: int
    end: int
    kind: str
    aliases: tuple[Alias, ...] = ()
    sentence: int = 0
    ner_label: str | None = None
    # An agent word used as a modifier of something else ("military cooperation",
    # "Serbia's opposition to the pact") rather than naming an actor.
    modifier: bool = False
    # An imported agent whose code goes before the actor's (PETRARCH `[NGO~]`): it qualifies
    # the state or organisation named right after it ("MSF Arnor").
    prefix: bool = False

    @property
    def best(self) -> Alias | None:
        return self.aliases[0] if self.aliases else None


@dataclass(frozen=True, slots=True)
class Phrase:
    """Pieces that together name one actor (e.g. locus + title + person)."""

    start: int
    end: int
    sentence: int
    loci: tuple[Piece, ...]
    agents: tuple[Piece, ...]
    person: Piece | None
    heading: bool
    # For "ministers of A, B and C": the locus this phrase was made for.
    distributed: bool = False


def _kind_of(hit: Hit, kb: KnowledgeBase) -> tuple[str, tuple[Alias, ...]]:
    aliases = sorted(hit.aliases, key=lambda a: _FORM_RANK.get(a.form, 99))
    best = aliases[0]
    entry = kb.entries[best.entry_id]
    if entry.kind == "person":
        return (SURNAME if best.form == "surname" else PERSON), tuple(aliases)
    if entry.kind == "state":
        return STATE, tuple(aliases)
    if entry.kind == "organisation":
        return ORG, tuple(aliases)
    if entry.kind == "blocker":
        return BLOCKER, tuple(aliases)
    if entry.kind == "place":
        return PLACE, tuple(aliases)
    return AGENT, tuple(aliases)


def _in_spans(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def find_pieces(
    doc: Doc,
    kb: KnowledgeBase,
    headings: Sequence[tuple[int, int]],
    place_code: str | None = None,
) -> list[Piece]:
    """Knowledge-base names, agent words and usable entities, without overlaps.

    `place_code` (the dateline's state) helps choose between organisations that share a
    name ("the opposition Democratic Party" in a story from Tirana).
    """
    text = doc.text
    sentences = list(doc.sents)
    sentence_of = _sentence_index(sentences)
    sentence_starts = {sent.start_char for sent in sentences}
    entities = [ent for ent in doc.ents if ent.label_ in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")]

    def covering_entity(start: int, end: int) -> str | None:
        for ent in entities:
            if ent.start_char <= start and end <= ent.end_char:
                return ent.label_
        return None

    candidates: list[Piece] = []
    for hit in kb.scan(text):
        kind, aliases = _kind_of(hit, kb)
        best = aliases[0]
        label = covering_entity(hit.start, hit.end)
        if best.form == "capital" and label is None and hit.start in sentence_starts and not _acts(doc, hit.end):
            continue  # "Male", "Victoria" opening a sentence: no sign it is a place
        if kind == PLACE and kb.entries[best.entry_id].label == "ambiguous" and label not in ("GPE", "LOC", "FAC"):
            before = text[max(0, hit.start - 6) : hit.start].lower()
            if not any(before.endswith(w) for w in (" in ", " at ", "near ", "from ")) and not _in_spans(
                hit.start, hit.end, headings
            ):
                continue  # "Split", "Bar": ordinary words unless the sentence places them
        if kind in (STATE, ORG) and (
            _ATTITUDE.search(text[max(0, hit.start - 6) : hit.start]) or _PATRONAGE.match(text[hit.end : hit.end + 12])
        ):
            continue  # "an anti-Syria journalist", "pro-Russian separatists": a stance, not membership
        prefix = kind == AGENT and kb.entries[best.entry_id].placement == "before"
        candidates.append(Piece(hit.start, hit.end, kind, aliases, sentence_of(hit.start), label, prefix=prefix))

    # Longer spans first; among equals, names before words.
    candidates.sort(key=lambda p: (-(p.end - p.start), p.start, p.kind == AGENT))
    chosen: list[Piece] = []
    for piece in candidates:
        if not any(piece.start < c.end and c.start < piece.end for c in chosen):
            chosen.append(piece)

    for ent in entities:
        if ent.label_ not in ("PERSON", "ORG") or _in_spans(ent.start_char, ent.end_char, headings):
            continue
        overlapping = [c for c in chosen if c.start < ent.end_char and ent.start_char < c.end]
        if ent.label_ == "PERSON":
            strong = [
                c
                for c in overlapping
                if c.kind in (PERSON, AGENT)
                or (c.kind in (STATE, ORG) and c.best and c.best.form not in ("capital", "adjective", "demonym"))
            ]
            if strong and not _given_name(ent.text, ent.start_char, overlapping):
                continue
            if overlapping and len(ent) < 2:
                continue  # a lone surname-like token: keep the knowledge-base reading
            if not _plausible_name(ent.text):
                continue
            chosen = [c for c in chosen if c not in overlapping]
            known = _shorter_name_of(ent.text, overlapping, kb)
            kind = PERSON if known else NER_PERSON
            chosen.append(Piece(ent.start_char, ent.end_char, kind, known, sentence_of(ent.start_char), "PERSON"))
        elif not overlapping and _plausible_org(ent.text):
            chosen.append(Piece(ent.start_char, ent.end_char, NER_ORG, (), sentence_of(ent.start_char), "ORG"))

    chosen += _repeated_surnames(chosen, doc, headings, sentence_of)
    chosen = [p for p in chosen if p.kind != BLOCKER]
    chosen.sort(key=lambda p: p.start)
    chosen = _disambiguate(chosen, text, kb, place_code)
    chosen = [_mark_modifier(p, doc, chosen) if p.kind == AGENT and not p.prefix else p for p in chosen]
    return _filter_weak(chosen, text, lambda p: _acting_surname(p, doc, headings))


def _given_name(name: str, start: int, overlapping: Sequence[Piece]) -> bool:
    """ "Chad Wolf", "Jordan Bardella", "Jim Jordan": a state's name that is only one of a
    person's two or three names the tagger found, with nothing else known inside the name."""
    if len(overlapping) != 1 or overlapping[0].kind != STATE or not 2 <= len(name.split()) <= 3:
        return False
    piece = overlapping[0]
    before, after = name[: piece.start - start], name[piece.end - start :]
    if not before:  # "Chad Wolf"; but "Jordan's king", "Georgia-born" keep the state
        return bool(after.strip()) and not after.startswith(("'", "’", "-"))
    # "Jim Jordan": a family name only after a given name written out, not after an initial or "Mr."
    return not after and before.endswith(" ") and before.split()[-1][:1].isupper() and "." not in before


def _shorter_name_of(name: str, overlapping: Sequence[Piece], kb: KnowledgeBase) -> tuple[Alias, ...]:
    """ "Lula da Silva": a name the tagger found around a surname the knowledge base knows is
    that person when it is the listed full name with given or middle names left out."""
    return tuple(
        alias
        for piece in overlapping
        if piece.kind == SURNAME
        for alias in piece.aliases
        if alias.entry_id in kb.entries and shorter_name(name, kb.entries[alias.entry_id].name)
    )


def _acts(doc: Doc, end: int) -> bool:
    """Whether the words after a capital opening a sentence make it the subject of a verb
    ("Tbilisi has protested", "Dushanbe said"), which an ordinary word there rarely is."""
    span = doc.char_span(end, end, alignment_mode="expand")
    last = doc.char_span(max(0, end - 1), end, alignment_mode="expand")
    after = doc[span.start] if span is not None and span.start < len(doc) else None
    if after is None or after.idx < end or last is None or fold_key(last.text) in W["common_word_capitals"]:
        return False
    while after.pos_ == "ADV" and after.i + 1 < len(doc):
        after = doc[after.i + 1]  # "Kyiv sharply criticised", "Moscow has strongly condemned"
    return after.pos_ in ("VERB", "AUX") or after.lower_ in ("'s", "’s", ",")


def _repeated_surnames(
    chosen: Sequence[Piece], doc: Doc, headings: Sequence[tuple[int, int]], sentence_of
) -> list[Piece]:  # noqa: ANN001 - sentence_of is find_pieces' index closure
    """ "Milan Kovac ... Kovac rejected": the tagger often misses a bare surname that opens a
    sentence; once a story has named someone in full, later uses of the surname are that
    person."""
    text = doc.text
    surnames = {
        text[p.start : p.end].split()[-1]: p.end
        for p in chosen
        if p.kind == NER_PERSON and len(text[p.start : p.end].split()) > 1
    }
    if not surnames:
        return []
    found: list[Piece] = []
    for token in doc:
        after = surnames.get(token.text)
        if after is None or token.idx < after or not token.text[:1].isupper():
            continue
        start, end = token.idx, token.idx + len(token)
        if _in_spans(start, end, headings) or any(c.start < end and start < c.end for c in chosen):
            continue
        found.append(Piece(start, end, NER_PERSON, (), sentence_of(start), "PERSON"))
    return found


_NOMINAL_AGENTS = {"opposition", "support", "leadership"}


def _event_nouns() -> frozenset[str]:
    from actorgraph.nlp.lexicon import load_lexicon

    return frozenset(load_lexicon().nouns)


def _mark_modifier(piece: Piece, doc: Doc, pieces: Sequence[Piece]) -> Piece:
    span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
    if span is None or not len(span):
        return piece
    head = span[-1]
    outside = head.head if head.head.i < span.start or head.head.i >= span.end else None
    if outside is not None and head.pos_ in ("NOUN", "PROPN") and outside.lemma_.lower() in _event_nouns():
        return piece  # "an opposition demand", "a police crackdown": the agent acts
    if head.dep_ in ("amod", "compound", "nmod", "npadvmod") and outside is not None:
        covered = any(p.start <= outside.idx < p.end and p.kind in (AGENT, *PERSON_KINDS, ORG) for p in pieces)
        if not covered and not _titles_a_name(piece, doc.text, pieces):
            return replace(piece, modifier=True)
    if head.lower_ in _NOMINAL_AGENTS and any(
        child.dep_ == "prep" and child.lower_ in ("to", "against", "for", "of") for child in head.children
    ):
        return replace(piece, modifier=True)
    return piece


def _titles_a_name(piece: Piece, text: str, pieces: Sequence[Piece]) -> bool:
    """ "Bree Prime Minister Romendacil": a title between a state and a name the knowledge
    base codes as a state (imported dictionaries code people that way) is the holder's title."""
    before = [p for p in pieces if p.end <= piece.start and p.kind in LOCUS_KINDS]
    after = [p for p in pieces if p.start >= piece.end and p.kind == STATE]
    return bool(
        before
        and after
        and _ADJACENT.match(text[before[-1].end : piece.start])
        and not text[piece.end : after[0].start].strip()
    )


def _disambiguate(pieces: list[Piece], text: str, kb: KnowledgeBase, place_code: str | None) -> list[Piece]:
    """Organisations sharing a name: prefer the one of the story's own country."""
    context: dict[str, int] = {}
    for piece in pieces:
        if piece.kind == STATE and piece.best is not None:
            code = kb.entries[piece.best.entry_id].code
            if code:
                context[code] = context.get(code, 0) + 1
    if place_code:
        context[place_code] = context.get(place_code, 0) + 5
    if not context:
        return pieces
    shared = W.table("shared_state_names")
    # what the story's other names point to (the shared name itself counts for nothing)
    places: dict[str, int] = {}
    for piece in pieces:
        if piece.kind in (PLACE, STATE) and piece.best is not None and fold_key(text[piece.start : piece.end]) not in shared:
            code = kb.entries[piece.best.entry_id].code
            if code:
                places[code] = places.get(code, 0) + 1
    ranked = sorted(context, key=lambda c: -context[c])
    out = []
    for piece in pieces:
        readings = (
            shared.get(fold_key(text[piece.start : piece.end])) if piece.kind == STATE and piece.best else None
        )
        if readings:
            # "Congo" in a story about Goma and Kinshasa is the Democratic Republic
            best = max(readings, key=lambda c: places.get(c, 0) - (c != readings[0]) * 0.5)
            state = kb.state(best)
            found = [a for _e, a in kb.lookup(state.name)] if state is not None else []
            if found and piece.best is not None and best != kb.entries[piece.best.entry_id].code:
                piece = replace(piece, aliases=tuple(found))
        if piece.kind == ORG and piece.best is not None:
            entry = kb.entries[piece.best.entry_id]
            home = entry.country or entry.code
            if entry.type in ("party", "media", "armed_group") and home and home != ranked[0]:
                surface = text[piece.start : piece.end]
                for code in ranked[:2]:
                    state = kb.state(code)
                    if state is None:
                        continue
                    found = [
                        a
                        for name in (f"{surface} of {state.name}", f"{surface} ({state.name})")
                        for _e, a in kb.lookup(name)
                        if kb.entries[a.entry_id].kind == "organisation"
                    ]
                    if found:
                        piece = replace(piece, aliases=tuple(found))
                        break
        out.append(piece)
    return out


def _acting_surname(piece: Piece, doc: Doc, headings: Sequence[tuple[int, int]]) -> bool:
    """ "Lavrov urged both sides ...": a surname only one listed person has, doing what a verb
    says, is that person even where the tagger saw no name."""
    if len({a.entry_id for a in piece.aliases}) != 1 or _in_spans(piece.start, piece.end, headings):
        return False
    if any(e.label_ in ("DATE", "TIME") and e.start_char <= piece.start < e.end_char for e in doc.ents):
        return False  # "May", "Friday"
    name = doc.text[piece.start : piece.end]
    # the doer of a passive ("was accused by Sandu") as much as a subject
    by_agent = doc.text[max(0, piece.start - 4) : piece.start].lower() == " by "
    return (
        name[:1].isupper()
        and fold_key(name) not in W["common_word_capitals"]
        and (by_agent or _acts(doc, piece.end))
    )


def _filter_weak(pieces: list[Piece], text: str, acting: Callable[[Piece], bool] = lambda _p: False) -> list[Piece]:
    """Keep a bare surname only with support: a title before it, the full name earlier, or a
    verb it is the doer of."""
    full_names: set[str] = set()
    kept: list[Piece] = []
    for index, piece in enumerate(pieces):
        if piece.kind == PERSON and piece.best:
            full_names.add(piece.best.entry_id)
        if piece.kind == SURNAME:
            previous = pieces[index - 1] if index else None
            titled = (
                previous is not None
                and previous.kind == AGENT
                and _ADJACENT.match(text[previous.end : piece.start]) is not None
            )
            known = [a for a in piece.aliases if a.entry_id in full_names]
            if known:
                piece = Piece(piece.start, piece.end, SURNAME, tuple(known), piece.sentence, piece.ner_label)
            elif not (titled or piece.ner_label == "PERSON" or acting(piece)):
                continue
        kept.append(piece)
    return kept


def _plausible_name(value: str) -> bool:
    words = value.split()
    if not 1 <= len(words) <= 5 or _BAD_NAME_WORD.search(value):
        return False
    return all(
        w[:1].isupper() or w.lower() in {"bin", "ibn", "al", "de", "van", "von", "der", "da"} or w[:1] in "'’-"
        for w in words
    )


def _plausible_org(value: str) -> bool:
    words = value.split()
    if not 1 <= len(words) <= 8 or _BAD_NAME_WORD.search(value) or "\n" in value:
        return False
    if words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    return bool(words) and words[0][:1].isupper() and len(fold_key(value)) > 2


def _sentence_index(sentences):  # noqa: ANN001, ANN202 - small closure factory
    starts = [sent.start_char for sent in sentences]
    import bisect

    def index(char: int) -> int:
        return max(0, bisect.bisect_right(starts, char) - 1)

    return index


_POSSESSIVE = re.compile(r"^\s*['’]s\s+(?:the\s+)?$", re.I)


def _posted_to(state: Piece, body: Piece, after: Sequence[Piece], text: str) -> bool:
    """ "Russia's U.N. ambassador", "Hungary's EU envoy": a state's envoy to a body is the
    state's, the body only says where the envoy is posted."""
    return bool(
        state.kind == STATE
        and body.kind == ORG
        and after
        and after[0].kind == AGENT
        and fold_key(text[after[0].start : after[0].end]) in W["posting_agents"]
        and _POSSESSIVE.match(text[state.end : body.start])
        and not text[body.end : after[0].start].strip()
    )


_TO = re.compile(r"^\s+(?:to|at)\s+(?:the\s+)?$", re.I)


def _posting(agent: Piece, place: Piece, text: str) -> bool:
    """ "Russia's ambassador to the U.N.": the body or state an envoy is sent to."""
    return (
        agent.sentence == place.sentence
        and fold_key(text[agent.start : agent.end]) in W["posting_agents"]
        and _TO.match(text[agent.end : place.start]) is not None
    )


def compose(pieces: Sequence[Piece], text: str, headings: Sequence[tuple[int, int]]) -> list[Phrase]:
    """Join adjacent pieces into actor phrases."""
    pieces = [p for p in pieces if not p.modifier]
    phrases: list[Phrase] = []
    n = len(pieces)

    def joins(left: Piece, right: Piece, pattern: re.Pattern[str] = _ADJACENT) -> bool:
        return left.sentence == right.sentence and pattern.match(text[left.end : right.start]) is not None

    i = 0
    while i < n:
        loci: list[Piece] = []
        agents: list[Piece] = []
        person: Piece | None = None
        last: Piece | None = None  # the piece the next one must follow
        j = i
        # "MSF Arnor": agents whose code goes before the actor's, right before its name.
        while (
            j + 1 < n
            and pieces[j].prefix
            and (pieces[j + 1].kind in LOCUS_KINDS or pieces[j + 1].prefix)
            and joins(pieces[j], pieces[j + 1])
        ):
            agents.append(pieces[j])
            j += 1
        # Loci: "Albania, Croatia and Kosovo" (coordinated: one actor each) or "Bosnian Serb"
        # (nested: the first names the state, the second a community in it).
        separators: list[str] = []
        while j < n and pieces[j].kind in LOCUS_KINDS:
            if last is not None:
                gap = text[last.end : pieces[j].start]
                if last.sentence != pieces[j].sentence:
                    break
                if not gap.strip() and len(loci) == 1 and not separators:
                    last = pieces[j]  # nested qualifier: keep the first locus only
                    j += 1
                    continue
                if len(loci) == 1 and not separators and _posted_to(last, pieces[j], pieces[j + 1 : j + 2], text):
                    last = pieces[j]  # "Russia's U.N. ambassador": the body is the posting
                    j += 1
                    continue
                if not _COORD.match(gap):
                    break
                separators.append(gap)
            loci.append(pieces[j])
            last = pieces[j]
            j += 1
        if separators and not any(_AND.search(g) for g in separators):
            # "In Belgrade, Serbian President ...": a comma alone makes no list.
            j = pieces.index(loci[0], i) + 1
            last = loci[0]
            loci = loci[:1]
        # Titles and agent words, then a person: "Defense Minister Ivan Anušić"
        while (
            j < n
            and pieces[j].kind == AGENT
            and (
                last is None
                or joins(last, pieces[j])
                or (
                    not agents
                    and loci
                    and (joins(last, pieces[j], _PORTFOLIO) or joins(last, pieces[j], _PORTFOLIO_WORDS))
                )
            )
        ):
            agents.append(pieces[j])
            last = pieces[j]
            j += 1
        if (
            loci
            and agents
            and j + 1 < n
            and pieces[j].kind in LOCUS_KINDS
            and pieces[j + 1].kind in PERSON_KINDS
            and _posting(agents[-1], pieces[j], text)
            and joins(pieces[j], pieces[j + 1])
        ):
            last = pieces[j]  # "Turkish Ambassador to Iraq Ali Demir": where he serves, not whose
            j += 1
        if j < n and pieces[j].kind in PERSON_KINDS and (last is None or joins(last, pieces[j])):
            person = pieces[j]
            j += 1
        elif (
            loci and agents and j < n and pieces[j].kind == STATE and not text[agents[-1].end : pieces[j].start].strip()
        ):
            # "Bree Prime Minister Romendacil": a name after a title is its holder's, even one
            # an imported dictionary codes like a state.
            person = pieces[j]
            j += 1
        # "the opposition Democratic Party", "the hacking group “Homeland Justice”": the
        # agent words describe the organisation that follows.
        if (
            agents
            and not loci
            and person is None
            and j < n
            and pieces[j].kind == ORG
            and joins(agents[-1], pieces[j], _DESCRIBED)
        ):
            loci.append(pieces[j])
            agents = []
            j += 1
        if j == i:
            j = i + 1
        # "the defence ministers of Albania, Croatia and Kosovo"
        of_loci: list[Piece] = []
        if (
            agents
            and not loci
            and person is None
            and j < n
            and pieces[j].kind in LOCUS_KINDS
            and joins(agents[-1], pieces[j], _OF)
        ):
            of_loci.append(pieces[j])
            j += 1
            while j < n and pieces[j].kind in LOCUS_KINDS and joins(of_loci[-1], pieces[j], _COORD):
                of_loci.append(pieces[j])
                j += 1
        group = pieces[i:j]
        start, end = group[0].start, group[-1].end
        heading = _in_spans(start, end, headings)
        sentence = group[0].sentence
        if person is not None:
            phrases.append(Phrase(start, end, sentence, tuple(loci[:1]), tuple(agents), person, heading))
        elif agents and (loci or of_loci):
            targets = loci or of_loci
            for locus in targets:
                distributed = len(targets) > 1
                span_start, span_end = (locus.start, locus.end) if distributed else (start, end)
                phrases.append(
                    Phrase(span_start, span_end, sentence, (locus,), tuple(agents), None, heading, distributed)
                )
        elif agents:
            phrases.append(Phrase(start, end, sentence, (), tuple(agents), None, heading))
        else:
            for locus in loci:
                phrases.append(Phrase(locus.start, locus.end, locus.sentence, (locus,), (), None, heading))
        i = j
    return phrases
