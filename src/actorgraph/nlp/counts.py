"""How many: the killed, wounded, detained, displaced and deployed that an event's sentence counts.

A count is read off the parse, from a word of a toll ("killing", "injured", "arrests", "the
death toll") to the quantity it governs: its object or passive subject ("killing at least 14
civilians", "dozens were injured"), the noun it describes ("three gunmen dead") or the number
a toll rises to. The words are data (`[count_kinds]` and friends in `data/words.txt`); numbers
written as words are read by text2num. No count is made up: a quantity without a number
("dozens") keeps `count` empty and is marked approximate.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token
from text_to_num import text2num

from actorgraph.nlp.words import W
from actorgraph.types import Count, Event
from actorgraph.types import Span as TextSpan

# The counts each kind of event carries.
KINDS_BY_TYPE = {
    "ASSAULT": frozenset({"killed", "wounded", "detained", "displaced"}),
    "COERCE": frozenset({"killed", "wounded", "detained", "displaced"}),
    "MOBILIZE": frozenset({"deployed"}),
}
_INTRANSITIVE = {"die", "flee"}  # their subject is who is counted ("14 people died")
_LIFE_VERBS = {"claim", "cost", "take", "lose"}  # "claimed 12 lives"
_TOLL_PREPS = {"to", "at", "of"}
_PART_PREPS = {"among", "including"}
_LARGEST = 100_000_000  # beyond any head count: a number this big is money or a year's output


def attach_counts(doc: Doc, events: Sequence[Event]) -> list[Event]:
    """`events` with the counts of their sentences, each count given to the one event nearest it."""
    chosen: dict[int, list[Count]] = {}
    for sentence in {e.sentence for e in events if e.type in KINDS_BY_TYPE}:
        candidates = [i for i, e in enumerate(events) if e.sentence == sentence and e.type in KINDS_BY_TYPE]
        sent = _sentence(doc, events[candidates[0]])
        if sent is None:
            continue
        for count, anchor in find_counts(sent):
            fitting = [
                i for i in candidates
                if count.kind in KINDS_BY_TYPE[events[i].type] and not _in_background(doc, events[i], anchor)
            ]
            if fitting:
                best = min(fitting, key=lambda i: _distance(doc, events[i], anchor))
                chosen.setdefault(best, []).append(count)
    return [replace(e, counts=tuple(chosen[i])) if i in chosen else e for i, e in enumerate(events)]


def find_counts(sent: Span) -> list[tuple[Count, Token]]:
    """Every count in a sentence, with the word of the toll it hangs on."""
    kinds = W.table("count_kinds")
    found: list[tuple[Count, Token]] = []
    taken: set[int] = set()
    for token in sent:
        lemma = token.lemma_.lower()
        if lemma in W["toll_nouns"]:
            heads = list(_toll_quantities(token))
            kind = "killed" if _is_death_toll(token) else None
        elif lemma in kinds or token.lower_ in kinds:
            kind = kinds.get(lemma, kinds.get(token.lower_, ("",)))[0]
            heads = list(_counted(token, lemma, kind))
        else:
            continue
        for head in heads:
            if _part_of_a_whole(head):
                continue
            quantity = _quantity(head)
            if kind is None or quantity is None or quantity[0] in taken:
                continue
            start, end, number, approximate = quantity
            if any(t.lower_ in _PART_PREPS for t in sent.doc[max(sent.start, start - 2) : start]):
                continue  # "among them 19 children": a part of the number before it
            taken.add(start)
            words = sent.doc[start:end]
            span = TextSpan(words.start_char, words.end_char, words.text)
            found.append((Count(kind, number, approximate, span, toll=lemma in W["toll_nouns"]), token))
    # A toll is a running total: beside a count of the act itself it would count the dead twice.
    direct = {c.kind for c, _ in found if not c.toll}
    return [(c, t) for c, t in found if not (c.toll and c.kind in direct)]


def _counted(token: Token, lemma: str, kind: str) -> Iterator[Token]:
    """The words a toll word counts: nouns or quantities."""
    if token.pos_ == "NOUN":
        if lemma == "life" and token.head.lemma_.lower() not in _LIFE_VERBS:
            return
        yield token
        return
    if token.pos_ == "ADJ" or (token.tag_ == "VBN" and token.dep_ in ("acomp", "oprd")):
        yield from _described(token)
        return
    if token.pos_ not in ("VERB", "AUX"):
        return
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if lemma in _INTRANSITIVE:
        objects += subjects
        if not subjects and token.dep_ == "xcomp":
            # "forced 2,000 people to flee": the controller's object is who fled
            objects += [c for c in token.head.children if c.dep_ == "dobj"]
    elif not objects and token.tag_ == "VBN":
        # "dozens wounded": a participle with a quantity for subject reports, not acts
        objects += [s for s in subjects if _is_quantity(s)]
    if token.dep_ in ("acl", "amod") and token.tag_ == "VBN":
        objects.append(token.head)  # "14 people killed in the raid"
    for noun in objects:
        for member in (noun, *_conjuncts(noun)):
            if kind != "deployed" or _is_troops(member, lemma):
                yield member


def _part_of_a_whole(token: Token) -> bool:
    """A quantity that only picks out part of one already counted ("185 people, among them 19
    children", "seven, including two generals")."""
    return any(t.dep_ == "prep" and t.lower_ in _PART_PREPS for t in token.ancestors) or any(
        t.dep_ == "prep" and t.lower_ in _PART_PREPS for t in [token.head] if token.dep_ == "pobj"
    )


def _described(adjective: Token) -> Iterator[Token]:
    """What "dead" or "injured" says it of: "three gunmen dead", "five were injured"."""
    if adjective.dep_ == "amod":
        yield adjective.head
    elif adjective.dep_ == "acomp":
        yield from (c for c in adjective.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    elif adjective.dep_ == "oprd":
        yield from (c for c in adjective.head.children if c.dep_ == "dobj")
    elif adjective.dep_ == "conj" and _is_quantity(adjective.head):
        yield adjective.head


def _toll_quantities(toll: Token) -> Iterator[Token]:
    """The number a toll is or rises to: "a toll of 30", "the toll rose to 30", "the toll is 30"."""
    places = [toll, toll.head] if toll.dep_ in ("nsubj", "nsubjpass") else [toll]
    for word in places:
        for child in word.children:
            if child.dep_ == "prep" and child.lower_ in _TOLL_PREPS:
                yield from (c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("attr", "appos", "dobj") and child is not toll:
                yield child


def _is_death_toll(toll: Token) -> bool:
    # a bare "toll" in news of an attack is a death toll; "the toll of injuries" is not
    return not any(c.lemma_.lower() in ("injury", "arrest") for c in toll.subtree)


def _conjuncts(noun: Token) -> Iterator[Token]:
    for child in noun.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "NUM"):
            yield child
            yield from _conjuncts(child)


def _is_troops(noun: Token, verb: str) -> bool:
    if noun.lemma_.lower() in W["troop_nouns"] or noun.lower_ in W["troop_nouns"]:
        return True
    # a bare number deployed ("deployed 3,000") counts people; a bare number sent does not
    return verb not in ("send", "station") and noun.like_num


def _is_quantity(token: Token) -> bool:
    return token.like_num or token.lemma_.lower() in W["vague_counts"] or token.lower_ in W["vague_counts"]


def _quantity(head: Token) -> tuple[int, int, int | None, bool] | None:
    """The quantity of a counted word: (first token, end token, number, approximate)."""
    if _is_quantity(head) and head.pos_ != "PROPN":
        number = head
    else:
        numbers = [c for c in head.children if c.dep_ == "nummod" and _is_quantity(c)]
        if not numbers:
            return None
        number = numbers[0]
    if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "not") for t in (head, number) for c in t.children):
        return None  # "no one was hurt" counts nobody
    start, end = _number_bounds(number)
    start = _with_approximator(number.doc, start)
    words = [t.lower_ for t in number.doc[start:end]]
    value, approximate = read_quantity(words)
    if value is not None and not 0 < value <= _LARGEST:
        return None
    return start, end, value, approximate


def _number_bounds(number: Token) -> tuple[int, int]:
    """The tokens of the number: its CARDINAL entity ("more than 100", "1.2 million") or itself."""
    doc = number.doc
    for ent in doc.ents:
        if ent.label_ == "CARDINAL" and ent.start <= number.i < ent.end:
            return ent.start, ent.end
    end = number.i + 1
    while end < len(doc) and doc[end].like_num and doc[end].head.i in (number.i, end):
        end += 1
    return number.i, end


def _with_approximator(doc: Doc, start: int) -> int:
    phrases = {tuple(p.split()) for p in W["count_approximators"]}
    for size in (3, 2, 1):
        if start - size >= 0 and tuple(t.lower_ for t in doc[start - size : start]) in phrases:
            return start - size
    return start


def read_quantity(words: list[str]) -> tuple[int | None, bool]:
    """The number in a quantity's words and whether it is approximate:
    ["at", "least", "14"] -> (14, True); ["dozens"] -> (None, True); ["fourteen"] -> (14, False)."""
    approximate = False
    phrases = sorted((tuple(p.split()) for p in W["count_approximators"]), key=len, reverse=True)
    stripped = True
    while stripped and words:
        stripped = False
        for phrase in phrases:
            if tuple(words[: len(phrase)]) == phrase and len(words) > len(phrase):
                words, approximate, stripped = words[len(phrase) :], True, True
                break
    words = [w for w in words if w not in ("-", "and")]
    if not words:
        return None, approximate
    if words in (["dozen"], ["a", "dozen"]):
        return 12, True
    if len(words) == 1 and words[0] in W["vague_counts"]:
        return None, True
    return _number(words), approximate


def _number(words: list[str]) -> int | None:
    scales = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
    digits = words[0].replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        try:
            return int(text2num(" ".join(words), "en"))
        except ValueError:
            return None
    for word in words[1:]:
        if word not in scales:
            return None
        value *= scales[word]
    return int(value)


def _trigger(doc: Doc, event: Event) -> Token | None:
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _in_background(doc: Doc, event: Event, anchor: Token) -> bool:
    """Whether a toll belongs to an act the event's sentence only recalls: "closed its airspace
    after the attack that killed 26" counts the attack's dead, not the closure's."""
    trigger = _trigger(doc, event)
    if trigger is None or trigger == anchor:
        return False
    for token in [anchor, *anchor.ancestors]:
        if token == trigger:
            return False
        if token.dep_ in ("relcl", "acl") and token.head.pos_ == "NOUN" and token.head != trigger:
            return True
        if token.dep_ == "prep" and token.lower_ in W["background_preps"]:
            return True
        if token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in W["background_marks"] for c in token.children):
            return True
    return False


def _sentence(doc: Doc, event: Event) -> Span | None:
    span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _distance(doc: Doc, event: Event, anchor: Token) -> tuple[int, int]:
    """How far an event's trigger is from the word a count hangs on: through the tree first."""
    trigger = _trigger(doc, event)
    if trigger is None:
        return 99, 99
    chain = [anchor, *anchor.ancestors]
    steps = chain.index(trigger) if trigger in chain else 50 + min(
        (i for i, t in enumerate(trigger.ancestors) if t == anchor), default=40
    )
    return steps, abs(trigger.i - anchor.i)
