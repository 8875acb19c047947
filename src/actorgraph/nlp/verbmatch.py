"""A verb dictionary compiled into matchers over the parse.

Two steps, each where it is cheapest:

* Two dictionaries find the verbs: word form → verbs (each verb's written word, listed forms
  or regular forms) and lemma → verbs, for irregular forms no entry lists. A reading by form
  wins over one by lemma ("left" is LEFT, not LEAVE); a misspelt regular form ("departes") is
  no verb. Multi-word verbs check the words around the verb (`+MEET_WITH` is "meet" followed
  by "with"). The parser decides what is a verb, as in PETRARCH: a noun "attack" never starts
  a verb pattern. (A spaCy `Matcher` with a rule per verb did this before; it tried every rule
  at every word, and with CAMEO.2.0 it made this whole module eight times slower.)
* Each family's patterns are compiled once into element matchers that read the dependency
  parse around the verb: words after `*` must lie in the verb's own phrase (its objects,
  complements, prepositional phrases and the clause it reports, not its subject or a
  conjoined clause), in order; `(PREP ...)` must be a preposition of that phrase with the rest
  inside it; words before `*` come before the verb in its sentence. Pattern words are complete
  words, as in PETRARCH ("RESOLUTION" is not "resolutions"; synonym sets list their plurals).
  `$`, `+` and `%` capture the head of the noun phrase where they stand, which argument
  resolution turns into actors; with no `+`, the target is the first actor the verb's objects
  name, else its prepositional phrases (PETRARCH's reading of a verb's lower phrase).

DependencyMatcher was tried for the second step: with ~4,700 patterns its per-call loop over
every pattern key and its per-node set predicates cost more than parsing the text, and PETRARCH's
"the first noun phrase after this word" has no operator there. Matching the few patterns of the
families whose verbs a sentence holds, against the parse, is exact and cheap.

Of the patterns that match one verb the most specific wins (the most words and phrases, then
the earlier line); with none, the verb's own code applies (`[---]` meaning no event).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from actorgraph.nlp.verbdict import Element, Family, Pattern, Verb, VerbDictionary

# Dependents of a verb that are not part of its own phrase: its subject, a clause joined to it
# or embedded in it. (The clause a verb itself reports, its `ccomp`, is read by `_phrase`.)
_OUTSIDE = {
    "nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "cc", "conj", "punct", "mark", "parataxis", "preconj",
    "ccomp", "advcl", "relcl", "acl", "appos",
}
# Of a clause that completes the verb ("agreed to let them go"), only its verb and particles count.
_LIGHT_CLAUSE = {"xcomp"}
_PREP_DEPS = {"prep", "agent", "dative", "prt"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_INSIDE_PHRASE = {"compound", "poss", "amod", "nmod", "nummod", "det", "case", "quantmod", "predet"}


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """What the dictionary says about one verb of a sentence."""

    verb: int  # token index of the verb
    family: Family
    reading: Verb
    pattern: Pattern | None  # None: the verb alone, with its own code
    code: str | None
    reverse: str | None
    source: int | None = None  # head of the noun phrase marked `$` (or `%`)
    target: int | None = None  # head of the noun phrase marked `+` (or `%`)
    compound: bool = False  # `%`: one actor group acting together
    rule: str = ""
    # With no `+`: the first actor the verb's own phrase names, in its objects, else in its
    # prepositional phrases (PETRARCH's reading of a verb's target)
    object_actor: int | None = None

    @property
    def matched_words(self) -> int:
        return self.pattern.weight if self.pattern is not None else 0


class VerbMatcher:
    """A verb dictionary compiled for matching parsed text (`vocab` is no longer needed)."""

    def __init__(self, dictionary: VerbDictionary, vocab: Vocab | None = None) -> None:
        self.dictionary = dictionary
        # word form -> the verbs it is a form of; lemma -> the verbs with that base word
        self._by_form: dict[str, list[tuple[Family, Verb]]] = {}
        self._by_lemma: dict[str, list[tuple[Family, Verb]]] = {}
        for family in dictionary.families:
            for verb in family.verbs:
                for form in verb.surface:
                    self._by_form.setdefault(form, []).append((family, verb))
                self._by_lemma.setdefault(verb.lemma, []).append((family, verb))
        self._backwards: dict[int, tuple[Element, ...]] = {}  # a pattern's words before `*`, read backwards

    def matches(self, doc: Doc, sentences: Sequence[Span], actor_at: Callable[[Token], bool]) -> dict[int, VerbMatch]:
        """The best dictionary reading of each verb the dictionary knows, by verb index.

        `actor_at(token)` tells whether a token lies in an actor's mention, so that `+` and `$`
        prefer a noun phrase that names someone over one that does not.
        """
        found: dict[int, VerbMatch] = {}
        for sentence in sentences:
            for token in sentence:
                best = self.match_at(token, sentence, actor_at)  # the parser decides what is a verb
                if best is not None:
                    found[token.i] = best
        return found

    def lazy(self, doc: Doc, sentences: Sequence[Span], actor_at: Callable[[Token], bool]) -> LazyMatches:
        """`matches`, computed verb by verb when asked for: the curated lexicon, which decides
        by default, only asks for the CAMEO code of readings that have none."""
        return LazyMatches(self, doc, sentences, actor_at)

    def match_at(self, token: Token, sentence: Span, actor_at: Callable[[Token], bool]) -> VerbMatch | None:
        """The best dictionary reading of one verb, or None."""
        if not token.tag_.startswith(("VB", "MD")):
            return None
        best: VerbMatch | None = None
        for family, verb, end in self._readings(token.doc, token):
            match = self._best(token, family, verb, end, sentence, actor_at)
            if best is None or _better(match, best):
                best = match
        return best

    def _readings(self, doc: Doc, token: Token) -> list[tuple[Family, Verb, int]]:
        """The dictionary's verbs this word is, each with the end of its words in the text.

        A reading by the word's own form (as written, listed, or regularly inflected) beats one
        by its lemma alone: "left" is the dictionary's LEFT, not its LEAVE. The lemma serves for
        irregular forms no entry lists ("fought" for FIGHT), never for a misspelt regular one
        ("departes" is no form of DEPART)."""
        word = token.lower_
        out = [(f, v, e) for f, v in self._by_form.get(word, ()) if (e := _fits(doc, token, v)) is not None]
        if out:
            return out
        return [
            (f, v, e)
            for f, v in self._by_lemma.get(token.lemma_.lower(), ())
            if not word.startswith(v.lemma) and (e := _fits(doc, token, v)) is not None
        ]

    def _best(
        self, token: Token, family: Family, verb: Verb, end: int, sentence: Span, actor_at: Callable[[Token], bool]
    ) -> VerbMatch:
        first = token.i - len(verb.before)
        after = [t for t in _phrase(token) if t.i >= end]
        before = _before(token, first, sentence)
        chosen: tuple[Pattern, dict[str, int]] | None = None
        for pattern in family.patterns:
            backward = self._backwards.get(id(pattern))
            if backward is None:
                backward = self._backwards[id(pattern)] = _backward(pattern) if pattern.before else ()
            captures = _match_pattern(pattern, backward, first, end, after, before, actor_at)
            if captures is not None and (chosen is None or pattern.weight > chosen[0].weight):
                chosen = (pattern, captures)
        name = self.dictionary.name
        if chosen is None:
            return VerbMatch(
                token.i,
                family,
                verb,
                None,
                verb.code,
                verb.reverse,
                rule=f"{name}:{verb.line}",
                object_actor=_object_actor(token, end, actor_at),
            )
        pattern, captures = chosen
        target = captures.get("target", captures.get("compound"))
        return VerbMatch(
            token.i,
            family,
            verb,
            pattern,
            pattern.code,
            pattern.reverse,
            source=captures.get("source", captures.get("compound")),
            target=target,
            compound="compound" in captures,
            rule=f"{name}:{pattern.line}",
            object_actor=_object_actor(token, end, actor_at) if target is None else None,
        )


def _fits(doc: Doc, token: Token, verb: Verb) -> int | None:
    """Where a verb's words end if the words that must come with it stand around `token`
    ("+MEET_WITH": "met with"), else None."""
    first, end = token.i - len(verb.before), token.i + 1 + len(verb.after)
    if first < 0 or end > len(doc):
        return None
    if any(doc[first + k].lower_ != word for k, word in enumerate(verb.before)):
        return None
    if any(doc[token.i + 1 + k].lower_ != word for k, word in enumerate(verb.after)):
        return None
    return end


def _better(match: VerbMatch, other: VerbMatch) -> bool:
    """A reading with a matching pattern beats one without; a multi-word verb beats its head."""
    mine = (match.pattern is not None, len(match.reading.after) + len(match.reading.before), match.matched_words)
    theirs = (other.pattern is not None, len(other.reading.after) + len(other.reading.before), other.matched_words)
    return mine > theirs


def _phrase(verb: Token) -> list[Token]:
    """The verb's own phrase after it: objects, prepositional phrases, particles, the verb of an
    infinitive that completes it, and a clause it reports ("allowed that Mordor is no pleasant
    place", PETRARCH's "* + THAT $ WILL PULL_OUT"); not adverbial or relative clauses, nor
    clauses joined to it."""
    out: list[Token] = []
    stack = [c for c in verb.children if c.i > verb.i and (c.dep_ not in _OUTSIDE or c.dep_ == "ccomp")]
    while stack:
        token = stack.pop()
        if token.dep_ == "ccomp":
            out.extend(token.subtree)
            continue
        out.append(token)
        if token.dep_ in _LIGHT_CLAUSE:
            stack.extend(c for c in token.children if c.dep_ in ("aux", "prt", "neg", "dobj", "xcomp"))
            continue
        stack.extend(c for c in token.children if c.dep_ not in _OUTSIDE)
    return sorted(out, key=lambda t: t.i)


def _before(verb: Token, first: int, sentence: Span) -> list[Token]:
    """What may stand before the verb in a pattern: its subject's phrase, its auxiliaries and
    negation, and the verbs it depends on ("SAID *"), in text order."""
    keep: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj", "expl"):
            keep.update(t.i for t in child.subtree)
        elif child.dep_ in ("advmod", "npadvmod"):
            keep.update(t.i for t in child.subtree)  # "heavily and unjustly"
        elif child.dep_ in ("aux", "auxpass", "neg"):
            keep.add(child.i)
    head = verb
    while head.head.i != head.i:
        head = head.head
        keep.add(head.i)
        for child in head.children:
            if child.dep_ in ("aux", "auxpass", "neg", "nsubj"):
                keep.add(child.i)
            elif child.dep_ in ("advmod", "npadvmod") and child.i < verb.i:
                keep.update(t.i for t in child.subtree)  # "is inching nearer to accord"
    return [t for t in sentence if t.i < first and t.i in keep]


_OBJECTS = {"dobj", "obj", "dative", "iobj", "attr", "oprd"}


def _object_actor(verb: Token, end: int, actor_at: Callable[[Token], bool]) -> int | None:
    """The first actor named in the verb's objects, else in its prepositional phrases: "left for
    Minas Tirith", "warned of the Prince of Dol Amroth". A passive verb's target is its subject."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    # what hangs on the verb, or on the other words of a multi-word verb ("cordoned off the roads")
    own = [g for c in verb.children if verb.i < c.i < end for g in c.children if g.i >= end]
    own += [c for c in verb.children if c.i >= end]
    objects = [c for c in own if c.dep_ in _OBJECTS or c.dep_ == "pobj"]
    phrases = [c for c in own if c.dep_ == "prep"]
    # "marched very close to the border with Mordor", "contribute a million florin to Gondor"
    modifiers = [c for c in own if c.dep_ in ("advmod", "acomp", "npadvmod")]
    for group in (objects, phrases, modifiers):
        for child in group:
            for token in child.subtree:
                if actor_at(token) and token.pos_ in _NOMINAL:
                    return _first_conjunct(_mention_head(token, actor_at)).i
    return None


# ---- element matching ------------------------------------------------------------------------
Captures = dict[str, int]


def _match_pattern(
    pattern: Pattern,
    backward: tuple[Element, ...],
    first: int,
    end: int,
    after: list[Token],
    before: list[Token],
    actor_at: Callable[[Token], bool],
) -> Captures | None:
    """Captures of the first way the pattern fits, or None."""
    after_captures = next((c for _p, c in _sequence(pattern.after, after, 0, end - 1, actor_at)), None)
    if after_captures is None or not pattern.before:
        return after_captures
    # Words before the verb are read backwards from it, so the nearest fitting ones count.
    for _position, captures in _sequence(backward, before[::-1], 0, first, actor_at, backward=True):
        return {**captures, **after_captures}
    return None


def _backward(pattern: Pattern) -> tuple[Element, ...]:
    """The elements before the verb, nearest first; each joined to the one after it in the text."""
    elements = list(reversed(pattern.before))
    joins = [pattern.verb_joined_before, *(e.joined for e in reversed(pattern.before[1:]))]
    return tuple(Element(e.kind, e.options, e.inner, joined) for e, joined in zip(elements, joins, strict=True))


def _sequence(
    elements: Sequence[Element],
    tokens: list[Token],
    position: int,
    previous: int,
    actor_at: Callable[[Token], bool],
    *,
    backward: bool = False,
) -> Iterator[tuple[int, Captures]]:
    """Every way `elements` fit `tokens` from `position` on; `previous` is the token index the
    first element may have to be joined to."""
    if not elements:
        yield position, {}
        return
    first, rest = elements[0], elements[1:]
    for after, last, captures in _element(first, tokens, position, previous, actor_at, backward):
        for end, more in _sequence(rest, tokens, after, last, actor_at, backward=backward):
            yield end, {**captures, **more}


def _adjacent(a: int, b: int, backward: bool) -> bool:
    return b == a - 1 if backward else b == a + 1


def _element(
    element: Element,
    tokens: list[Token],
    position: int,
    previous: int,
    actor_at: Callable[[Token], bool],
    backward: bool,
) -> Iterator[tuple[int, int, Captures]]:
    """Where one element fits: (next position, index of its last token, captures)."""
    for index in range(position, len(tokens)):
        token = tokens[index]
        if element.joined and not _adjacent(previous, token.i, backward):
            return
        if element.kind == "words":
            if token.lower_ not in (element.lasts if backward else element.firsts):
                continue
            for run in element.options:
                length = _run_at(run, tokens, index, backward)
                if length:
                    yield index + length, tokens[index + length - 1].i, {}
        elif element.kind == "prep":
            if not _is_prep(token, element):
                continue
            inside = sorted((t for t in token.subtree if t.i > token.i), key=lambda t: t.i)
            if backward:
                inside = list(reversed(inside))
            span_end = _after_subtree(tokens, index, token)
            for _end, captures in _sequence(element.inner, inside, 0, token.i, actor_at, backward=backward):
                yield span_end, token.i, captures
        elif element.kind in ("source", "target", "compound", "skip"):
            if token.pos_ not in _NOMINAL or token.ent_type_ in ("DATE", "TIME"):
                continue
            head = _phrase_head(token)
            if element.kind == "skip":
                # the noun phrase up to its head ("^ WITH +": "the talks with Gondor"), else
                # with what hangs after it
                short = _after_head(tokens, index, head)
                yield short, head.i, {}
                long = _after_subtree(tokens, index, head)
                if long != short:
                    yield long, head.i, {}
            elif actor_at(token):
                yield index + 1, token.i, {element.kind: _first_conjunct(_mention_head(token, actor_at)).i}
            elif not _names_actor(head, actor_at):
                yield index + 1, token.i, {element.kind: _first_conjunct(head).i}
            # else: a plain noun whose phrase names an actor further on ("the embassy of
            # Gondor"): "+" stands for that actor, met at a later position
        else:  # an element kind this matcher does not know cannot fit
            return
        if element.joined:
            return


def _run_at(run: tuple[str, ...], tokens: list[Token], index: int, backward: bool) -> int:
    """Length of `run` (a run of consecutive words) found at `tokens[index]`, else 0."""
    words = tuple(reversed(run)) if backward else run
    if index + len(words) > len(tokens):
        return 0
    for offset, word in enumerate(words):
        token = tokens[index + offset]
        if offset and not _adjacent(tokens[index + offset - 1].i, token.i, backward):
            return 0
        if word != token.lower_:  # PETRARCH reads complete words: RESOLUTION is not "resolutions"
            return 0
    return len(words)


def _is_prep(token: Token, element: Element) -> bool:
    if token.dep_ not in _PREP_DEPS and token.pos_ != "ADP":
        return False
    return not element.options or any(token.lower_ == run[0] for run in element.options)


def _after_subtree(tokens: list[Token], index: int, head: Token) -> int:
    """The first position after `head`'s subtree in `tokens`."""
    right = head.right_edge.i
    position = index
    while position < len(tokens) and tokens[position].i <= right:
        position += 1
    return max(position, index + 1)


def _after_head(tokens: list[Token], index: int, head: Token) -> int:
    """The first position after `head` itself in `tokens`."""
    position = index
    while position < len(tokens) and tokens[position].i <= head.i:
        position += 1
    return max(position, index + 1)


def _mention_head(token: Token, actor_at: Callable[[Token], bool]) -> Token:
    """The last word of the name a word begins ("Minas" in "Minas Tirith": Tirith)."""
    while token.dep_ in ("compound", "flat") and token.head.i > token.i and actor_at(token.head):
        token = token.head
    return token


def _phrase_head(token: Token) -> Token:
    """The head of the noun phrase a word belongs to ("Gondor" in "the Gondor border": border)."""
    while token.dep_ in _INSIDE_PHRASE and token.head.i > token.i and token.head.pos_ in _NOMINAL:
        token = token.head
    return token


def _first_conjunct(token: Token) -> Token:
    """ "Gondor and Osgiliath": the phrase of both is headed by the first."""
    while token.dep_ == "conj" and token.head.i < token.i:
        token = token.head
    return token


def _names_actor(head: Token, actor_at: Callable[[Token], bool]) -> bool:
    """Whether the phrase of `head` names an actor anywhere in it."""
    return any(actor_at(t) for t in head.subtree)


__all__ = ["VerbMatch", "VerbMatcher"]


class LazyMatches(Mapping[int, VerbMatch]):
    """The dictionary's readings of a story's verbs, each computed the first time it is asked for."""

    def __init__(
        self, matcher: VerbMatcher, doc: Doc, sentences: Sequence[Span], actor_at: Callable[[Token], bool]
    ) -> None:
        self._matcher, self._doc, self._actor_at = matcher, doc, actor_at
        self._sentence = {t.i: sentence for sentence in sentences for t in sentence}
        self._done: dict[int, VerbMatch | None] = {}

    def __getitem__(self, i: int) -> VerbMatch:
        if i not in self._done:
            sentence = self._sentence.get(i)
            self._done[i] = None if sentence is None else self._matcher.match_at(self._doc[i], sentence, self._actor_at)
        found = self._done[i]
        if found is None:
            raise KeyError(i)
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(i for i in self._sentence if i in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)
