"""From syntax to actors: which actors a noun phrase, pronoun or description stands for.

`ActorIndex` knows where every actor is mentioned. Given the head token of an argument it
returns the actors of its phrase (compound actors included), and resolves pronouns ("it",
"they", "he") and definite descriptions ("the country", "the alliance", "the two sides")
to the nearest compatible actor before them. Generic agents that the text ties to no state
("the government said") are anchored to the state the story is about at that point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from actorgraph.nlp.story import story_state_of
from actorgraph.nlp.syntax import clause_head, seats_people, stray_subject
from actorgraph.nlp.words import W
from actorgraph.types import ORGANISATION_TYPES, Actor, ActorRef, Document

# Dependents that start a new clause or aside: their actors are not the argument's.
_CLAUSAL = {"relcl", "acl", "appos", "advcl", "parataxis", "punct", "cc", "mark", "ccomp", "xcomp"}
_NP_PREPS = W["owner_preps_np"]
# An owner ("calls by Belarus's rulers", "a camp for Congolese refugees", "crimes committed
# by Croat forces") may sit deeper in a phrase than an argument's own words.
_OWNER_PREPS = _NP_PREPS | {"by", "for", "against", "with", "on", "to"}
_PRONOUNS = {word: kinds[0] for word, kinds in W.table("pronouns").items()}
_DESCRIPTIONS = {word: kinds[0] for word, kinds in W.table("descriptions").items()}
_OFFICIAL = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
_SPEAKER_NOUNS = W["speaker_nouns"]
_PERSON_AGENTS = W["person_agents"]
_MULTI = re.compile(r"^(two|both|three|four|all)$", re.I)
_MULTI_NOUNS = W["multi_nouns"]
_MULTI_PEOPLE = W["multi_people"]
# "all parties", "the warring sides": in the news of one conflict, its two sides
_COUNT = {"two": 2, "both": 2, "three": 3, "four": 4, "all": 2, "warring": 2}
_NEUTRAL_MODIFIERS = W["neutral_modifiers"]
_TIES = W["ties_words"]


@dataclass(frozen=True, slots=True)
class ArgActor:
    """An actor filling an argument, and how: named in the phrase, or by coreference."""

    ref: ActorRef
    actor: Actor | None
    via: str  # mention | coref | anchored | tied
    start: int  # where the actor's words are, for ordering and evidence
    type: str | None = None


@dataclass(frozen=True, slots=True)
class _Occurrence:
    start: int
    end: int
    token: int  # index of the mention's last token
    actor: Actor
    subject: bool
    group: int  # mentions in one coordinated phrase share a group number
    plural: bool = False


class ActorIndex:
    """Where each actor is mentioned in a parsed story, and resolution of arguments to actors."""

    def __init__(
        self,
        doc: Doc,
        actors: Sequence[Actor],
        document: Document,
        states: dict[str, str],
        places: Sequence = (),
        kb=None,
    ):  # noqa: ANN001
        self.doc = doc
        self.document = document
        self.states = states  # code -> state name, for naming anchored agents
        # `token.sent` scans the document on every call: sentences are looked up here instead
        self.sentences: list[Span] = list(doc.sents)
        self._sentence_of = [0] * len(doc)
        for number, sentence in enumerate(self.sentences):
            for i in range(sentence.start, sentence.end):
                self._sentence_of[i] = number
        # token index -> (place name as written, ISO3 code) for event locations
        self.places: dict[int, tuple[str, str | None]] = {}
        for piece in places:
            entry = kb.entries.get(piece.best.entry_id) if kb is not None and piece.best else None
            span = doc.char_span(piece.start, piece.end, alignment_mode="expand")
            if span is None or entry is None:
                continue
            for token in span:
                self.places[token.i] = (document.text[piece.start : piece.end], entry.code)
        self.by_token: dict[int, list[_Occurrence]] = {}
        occurrences: list[_Occurrence] = []
        for actor in actors:
            for mention in actor.mentions:
                span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                head = span.root
                occurrences.append(
                    _Occurrence(
                        mention.span.start,
                        mention.span.end,
                        span[-1].i,
                        actor,
                        head.dep_ in ("nsubj", "nsubjpass") or head.head.dep_ in ("nsubj", "nsubjpass"),
                        _group_of(head),
                        span[-1].tag_ in ("NNS", "NNPS"),
                    )
                )
                for token in span:
                    self.by_token.setdefault(token.i, []).append(occurrences[-1])
        self.occurrences = sorted(occurrences, key=lambda o: o.start)
        self._counts: dict[str, dict[str, int]] = {}

    def sentence(self, token: Token) -> Span:
        """The sentence of a token (cached)."""
        return self.sentences[self._sentence_of[token.i]]

    def sentence_number(self, token: Token) -> int:
        return self._sentence_of[token.i]

    # ---- phrases ------------------------------------------------------------------------
    def phrase_tokens(self, head: Token, *, owner: bool = False) -> list[Token]:
        """The tokens of the noun phrase headed by `head`, without clauses and asides."""
        preps = _OWNER_PREPS if owner else _NP_PREPS
        out: list[Token] = []
        stack = [head]
        while stack:
            token = stack.pop()
            out.append(token)
            for child in token.children:
                if child.dep_ in _CLAUSAL and not (owner and child.dep_ == "acl" and child.tag_ == "VBN"):
                    continue
                if child.dep_ == "acl" and child.lemma_.lower() in W["go_between_verbs"]:
                    continue  # "a deal brokered by Qatar": the broker stands outside the deal
                if child.dep_ == "prep" and child.lower_ not in preps:
                    continue
                if child.dep_ == "prep" and child.lower_ in W["place_preps"] and _venue_of(token):
                    continue  # "a summit in Vilnius": where it is held, not who holds it
                stack.append(child)
        return sorted(out, key=lambda t: t.i)

    def actors_of(self, head: Token | None, *, anchor: bool = True) -> list[ArgActor]:
        """The actors an argument headed by `head` stands for (empty if none)."""
        if head is None:
            return []
        other = self.across(head)
        if other:
            return other
        heads = [head, *_conjuncts(head)]
        found: list[ArgActor] = []
        for item in heads:
            if item.lower_ in _PRONOUNS and item.pos_ == "PRON" or (item.lower_ in _PRONOUNS and item.dep_ == "poss"):
                found.extend(self.resolve_pronoun(item))
                continue
            leader = self._leader(item)
            if leader:
                found.extend(leader)
                continue
            covering = self.covering(item)
            if covering and all(a.type == "people" for a in covering):
                # "The Albanians of southern Serbia": a community placed in a state belongs to it
                placed = [
                    a
                    for a in self._inside(item)
                    if a.type == "state" and a.ref.code not in {c.ref.code for c in covering}
                ]
                if placed:
                    found.extend(
                        ArgActor(
                            ActorRef(a.ref.code, "CVL", f"{covering[0].ref.name} ({a.ref.name})", "people"),
                            covering[0].actor,
                            "located",
                            a.start,
                            "people",
                        )
                        for a in placed
                    )
                    continue
            if all(a.ref.code is None and a.type == "agent" for a in covering):
                # "a spokesperson for the mission", "the envoy for Kosovo": whom they speak for
                spoken_for = self._spoken_for(item)
                if spoken_for:
                    found.extend(spoken_for)
                    continue
            inside_states = [a for a in self._inside(item) if a.ref.code and a.type == "state"]
            if covering and inside_states and all(_from_context(a) for a in covering):
                # "the ministers in Athens and Ankara" in a story filed from Athens: the states
                # the phrase names, not the dateline's
                covering = [replace(a, ref=replace(a.ref, code=None)) for a in covering]
            if covering and all(_from_context(a) for a in covering) and item.lower_ in _MULTI_PEOPLE | _MULTI_NOUNS:
                # "the three juntas" in a story filed from Abuja: the sides named before, not
                # the dateline's state
                sides = self.resolve_description(item)
                if len(sides) >= 2:
                    found.extend(sides)
                    continue
            if covering and all(a.ref.code is None and a.type == "agent" for a in covering):
                # "the mission" after "KFOR": a definite description of a named body
                described = (
                    [a for a in self.resolve_description(item) if a.ref.code and a.type != "person"]
                    if _DESCRIPTIONS.get(item.lemma_.lower()) in ("org", "group", "armed", "junta", "alliance", "bloc")
                    # "the two leaders": the two sides named just before, not one generic official
                    else self.resolve_description(item) if item.lower_ in _MULTI_PEOPLE | _MULTI_NOUNS
                    else []
                )
                if described:
                    found.extend(described)
                    continue
                # "Demonstrators in Baghdad", "governments of Mali and Burkina Faso": the
                # generic word takes the state named in its own phrase.
                seated = [a for a in self._inside(item) if a.ref.code and a.type == "igo" and seats_people(item)]
                if seated:
                    found.extend(seated)  # "officials in Brussels": the body the city seats
                    continue
                inside = (
                    [a for a in self._inside(item) if a.ref.code and a.type in ("state",)]
                    or self._placed(item)
                    or self._owned_by_pronoun(item)
                )
                if inside:
                    sector = covering[0].ref.sector
                    found.extend(
                        ArgActor(
                            ActorRef(a.ref.code, sector, f"{covering[0].ref.name} ({a.ref.name})", "agent"),
                            covering[0].actor,
                            "located",
                            a.start,
                            "agent",
                        )
                        for a in inside
                    )
                    continue
            if covering:
                found.extend(covering)
                continue
            inside = self._inside(item)
            if inside:
                found.extend(inside)
                continue
            described = self.resolve_description(item)
            if described:
                found.extend(described)
        found = unique_args(found)
        if anchor:
            found = [self._anchor(a, head) for a in found]
        return found

    def _leader(self, token: Token) -> list[ArgActor]:
        """ "NATO-led peacekeepers", "a Saudi-led coalition": a force acts for whoever leads it
        (not for whoever backs it: an "Iran-backed militia" is still its own)."""
        if any(a.ref.code for a in self.covering(token)):
            return []
        for modifier in token.children:
            if modifier.dep_ != "amod" or modifier.lemma_.lower() not in ("lead", "command", "run"):
                continue
            for named in modifier.children:
                if named.dep_ in ("npadvmod", "compound", "nmod", "nsubj") and named.i < modifier.i:
                    found = [a for a in self.covering(named) if a.ref.code]
                    if found:
                        return found
        return []

    def _spoken_for(self, token: Token) -> list[ArgActor]:
        if token.lemma_.lower() not in _SPEAKER_NOUNS:
            return []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        found = self.actors_of(pobj, anchor=False)
                        if any(a.ref.code for a in found):
                            return [a for a in found if a.ref.code]
        return []

    def owner_of(self, head: Token | None, exclude: Iterable[str | None] = ()) -> list[ArgActor]:
        """Actors named inside a non-actor phrase: "Iraq's proposal", "Russian diplomats";
        pronouns never mean the codes in `exclude` ("told its envoys to go home": not the
        expelling state's own)."""
        if head is None:
            return []
        exclude = tuple(exclude)
        found: list[ArgActor] = []
        other = self.across(head)
        if other:
            return other
        for item in [head, *_conjuncts(head)]:
            if item.pos_ == "PRON" and item.lower_ in _PRONOUNS:
                found.extend(self.resolve_pronoun(item, exclude))
                continue
            found.extend(
                self._inside(item, owner=True, exclude=exclude)
                or self.covering(item)
                or self._possessive_pronoun(item, exclude)
                or self._possessive_description(item)
            )
        return unique_args([self._anchor(a, head) for a in found])

    def covering(self, token: Token) -> list[ArgActor]:
        """The actors whose mentions cover this very token."""
        found = [self._arg(o, "mention") for o in self.by_token.get(token.i, [])]
        return [self._apposed(a, token) for a in found]

    def paired_adjectives(self, token: Token) -> list[ArgActor]:
        """ "Somali and Ethiopian officials": the actors of coordinated adjectives, which name the
        noun as one such adjective does ("Somali officials")."""
        for child in token.children:
            if child.dep_ == "amod" and child.conjuncts and self.covering(child):
                return unique_args([a for t in (child, *child.conjuncts) for a in self.covering(t)])
        return []

    def _apposed(self, arg: ArgActor, token: Token) -> ArgActor:
        """ "Ana Petrova, the OSCE's special envoy": code from the aside."""
        if arg.ref.code is not None or arg.type not in ("person", "agent"):
            return arg
        for child in token.children:
            if child.dep_ != "appos":
                continue
            for inner in child.subtree:
                for occurrence in self.by_token.get(inner.i, []):
                    if occurrence.actor.code and arg.type == "person":
                        ref = ActorRef(occurrence.actor.code, occurrence.actor.sector, arg.ref.name, "person")
                        return ArgActor(ref, arg.actor, "apposition", arg.start, "person")
                    if occurrence.actor.code and occurrence.actor.type != "person":
                        # "the largest party in parliament, Fidesz,": the name says who
                        return self._arg(occurrence, "apposition")
        return arg

    def _inside(self, token: Token, *, owner: bool = False, exclude: Iterable[str | None] = ()) -> list[ArgActor]:
        found: list[ArgActor] = []
        for item in self.phrase_tokens(token, owner=owner):
            for occurrence in self.by_token.get(item.i, []):
                found.append(self._arg(occurrence, "mention"))
            if item.i != token.i and item.dep_ == "poss" and item.lower_ in _PRONOUNS:
                found.extend(self.resolve_pronoun(item, exclude))
        return unique_args(found)

    def across(self, head: Token) -> list[ArgActor]:
        """ "its border with Belarus": a border is toward the side it is shared with."""
        if head.lemma_.lower() not in W["border_nouns"]:
            return []
        return [
            a
            for p in head.children
            if p.dep_ == "prep" and p.lower_ == "with"
            for o in p.children
            if o.dep_ == "pobj"
            for a in self.actors_of(o)
        ]

    def _placed(self, token: Token) -> list[ArgActor]:
        """ "Kivu militias", "farmers in Punjab": a place the phrase names stands for its state."""
        found = []
        for item in self.phrase_tokens(token):
            if item.i in self.places and item.i != token.i:
                name, code = self.places[item.i]
                if code and code in self.states:
                    ref = ActorRef(code, None, self.states[code], "state")
                    found.append(ArgActor(ref, None, "location", item.idx, "state"))
        return unique_args(found)[:1]

    def _owned_by_pronoun(self, token: Token) -> list[ArgActor]:
        """ "Lula said his government would send aid": a state's organ owned by a pronoun is
        the organ of the state the pronoun stands for, not of whichever state is salient."""
        return [
            replace(a, ref=replace(a.ref, name=self.states.get(a.ref.code, a.ref.code)))
            for a in self._possessive_pronoun(token)
            if a.ref.code
        ]

    def _possessive_pronoun(self, token: Token, exclude: Iterable[str | None] = ()) -> list[ArgActor]:
        found = [
            a
            for child in token.children
            if child.dep_ == "poss" and child.lower_ in _PRONOUNS
            for a in self.resolve_pronoun(child, exclude)
        ]
        return found or self._relative_owner(token, exclude)

    def _relative_owner(self, token: Token, exclude: Iterable[str | None] = ()) -> list[ArgActor]:
        """ "the Wagner Group, whose fighters killed dozens": "whose" owns for the noun its
        relative clause hangs on."""
        if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in token.children):
            return []
        clause = token
        while clause.dep_ != "relcl" and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "relcl":
            return []
        skip = set(exclude)
        return [a for a in self.actors_of(clause.head, anchor=False) if a.ref.code not in skip]

    def _possessive_description(self, token: Token) -> list[ArgActor]:
        """ "froze the country's assets": a definite description as the owner."""
        return [a for child in token.children if child.dep_ == "poss" for a in self.resolve_description(child)]

    def _arg(self, occurrence: _Occurrence, via: str) -> ArgActor:
        actor = occurrence.actor
        return ArgActor(actor.ref, actor, via, occurrence.start, actor.type)

    # ---- coreference ---------------------------------------------------------------------
    def _before(self, token: Token, sentences_back: int) -> list[_Occurrence]:
        own_sentence = self.sentence(token)
        sentence_start = own_sentence.start
        first_sentence = self.sentences[max(0, self._sentence_of[token.i] - sentences_back)]
        lower = first_sentence.start_char
        own = set(self.by_token.get(token.i, []))
        return [
            o
            for o in self.occurrences
            if lower <= o.start < token.idx
            and o not in own
            and not (o.start >= own_sentence.start_char and o.token > token.i)
            and (o.start < self.doc[sentence_start].idx or o.token < token.i)
        ]

    def resolve_pronoun(self, token: Token, exclude: Iterable[str | None] = ()) -> list[ArgActor]:
        """The actors a pronoun points back to; `exclude` rules out codes it cannot mean (a
        target's possessive that is not the source's own)."""
        kind = _PRONOUNS.get(token.lower_)
        if kind is None:
            return []
        excluded = set(exclude)
        candidates = [o for o in self._before(token, 2) if o.actor.code not in excluded or not excluded]
        if not candidates:
            return []
        bound = self._bound(token, kind, candidates) or self._reporter(token, kind, candidates)
        if bound:
            return bound
        if kind == "person":
            pick = [o for o in candidates if o.actor.type == "person"]
            if not pick:
                # "A Kremlin spokesman said ... He added ...": a titled agent
                pick = [o for o in candidates if self._one_person(o)]
            if not pick:
                return []
            pick = self._disjoint(token, pick)
            # the person the text is about: the last one who was a subject, else the nearest
            subjects = [o for o in pick if o.subject]
            chosen = subjects[-1] if subjects and subjects[-1].start >= pick[-1].start - 400 else pick[-1]
            return [self._arg(chosen, "coref")]
        if kind == "single":
            if token.lower_ == "it" and token.dep_ in ("nsubj", "nsubjpass") and self._last_subject_is_thing(token):
                return []  # "it" continues a sentence about the agreement, not an actor
            pick = [
                o
                for o in candidates
                if o.actor.type != "person" and not (o.plural and o.actor.type in ("agent", "people"))
            ]
            if not pick:
                return []
            pick = self._disjoint(token, pick)
            chosen = pick[-1]
            verb = _clause_verb(token)
            in_subject = token.dep_ in ("nsubj", "nsubjpass") or (
                token.dep_ == "poss" and token.head.dep_ in ("nsubj", "nsubjpass")
            )
            if in_subject and verb is not None and verb.dep_ in ("conj", "ROOT", "advcl"):
                # "Serbia is a candidate for EU membership, and it has refused ...", "Serbia
                # bought drones from China, and its cooperation with Beijing grew": a main
                # clause's subject continues the last subject, not the nearest name
                number = self._sentence_of[token.i]
                subjects = [o for o in pick if o.subject and self._sentence_of[o.token] >= number - 1]
                if subjects:
                    chosen = subjects[-1]
            elif token.dep_ in ("nsubj", "nsubjpass") and not any(
                o.start >= self.sentence(token).start_char for o in pick
            ):
                # a subject pronoun opening a sentence continues the last sentence's subject
                subjects = [o for o in pick if o.subject]
                if subjects and self._sentence_of[subjects[-1].token] >= self._sentence_of[token.i] - 1:
                    chosen = subjects[-1]
            # "China regards Taiwan as a province of its own": the object of the verb that
            # governs the pronoun's phrase is not its antecedent; the subject is.
            verb = _clause_verb(token)
            if verb is not None and _is_object_of(self.doc[chosen.token], verb):
                subjects = [o for o in pick if _is_subject_of(self.doc[o.token], verb)]
                if subjects:
                    chosen = subjects[-1]
            return [self._arg(chosen, "coref")]
        # plural: the most recent coordinated group, else a plural agent or organisation
        groups: dict[int, list[_Occurrence]] = {}
        for occurrence in candidates:
            if occurrence.group >= 0:
                groups.setdefault(occurrence.group, []).append(occurrence)
        recent = [g for g in groups.values() if len({o.actor.id for o in g}) >= 2]
        pick = [o for o in candidates if o.plural or o.actor.type in ORGANISATION_TYPES]
        # "Hundreds of villagers blocked the road. They say ...": a plural subject named after
        # the last coordinated group is the nearer antecedent
        plural_subjects = [o for o in pick if o.plural and o.actor.type in ("agent", "people")]
        if recent:
            group = max(recent, key=lambda g: g[-1].start)
            if not plural_subjects or plural_subjects[-1].start < group[-1].start:
                return unique_args([self._arg(o, "coref") for o in group])
            return [self._arg(plural_subjects[-1], "coref")]
        return [self._arg(pick[-1], "coref")] if pick else []

    def _bound(self, token: Token, kind: str, candidates: list[_Occurrence]) -> list[ArgActor]:
        """ "Pakistan has urged its citizens to leave": a possessive in a clause refers to that
        clause's subject when the subject is a fitting actor named before it."""
        if token.dep_ != "poss":
            return []
        verb = _clause_verb(token)
        while verb is not None and verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
            verb = verb.head
        if verb is None:
            return []
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
        if not subjects:
            return []
        inside = {t.i for t in subjects[0].subtree}
        found = [o for o in candidates if o.token in inside]
        if kind == "person":
            found = [o for o in found if o.actor.type == "person"]
        elif kind == "single":
            found = [o for o in found if o.actor.type != "person" and not o.plural]
        else:
            found = [o for o in found if o.actor.type != "person"]
            if len({o.actor.id for o in found}) < 2:
                # "Beijing recognised their independence": one state is no "they"
                found = [o for o in found if o.actor.type != "state" or o.plural]
        if kind != "plural" or len({o.actor.id for o in found}) < 2:
            found = found[:1]
        return unique_args([self._arg(o, "coref") for o in found])

    def _reporter(self, token: Token, kind: str, candidates: list[_Occurrence]) -> list[ArgActor]:
        """ "The rebels said they had taken the town", "Hanoi told Manila it would send an
        envoy": the subject of a reported clause is its reporter when the reporter fits the
        pronoun."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return []
        verb = token.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ in ("relcl", "advcl"):
            # "Ankara said the raid answered the bombing of its consulate, which it blamed on
            # the PKK": a clause inside what was reported is the reporter's too
            verb = next((a for a in verb.ancestors if a.dep_ == "ccomp"), verb)
        if verb.dep_ != "ccomp" or verb.head.i == verb.i:
            return []
        matrix = verb.head
        if matrix.lemma_.lower() not in W["speech"] | W["belief"]:
            return []
        subjects = [c for c in matrix.children if c.dep_ == "nsubj"]
        if not subjects and matrix.dep_ == "acl" and matrix.head.dep_ == "ROOT" and matrix.head.pos_ == "NOUN":
            subjects = [matrix.head]  # "The juntas announced that ...", parsed as a noun the verb modifies
        if not subjects:
            return []
        inside = {t.i for t in subjects[0].subtree if t.i < matrix.i}
        found = [o for o in candidates if o.token in inside]
        if kind != "person" and all(o.actor.code is None or self._from_story(o) for o in found):
            # "The three juntas announced they were leaving": a reporter named by a description
            described = self.resolve_description(subjects[0])
            # "The Marines said they had landed": one body named by a plural noun
            one_body = len(described) == 1 and subjects[0].tag_ in ("NNS", "NNPS") and described[0].type != "state"
            if (len(described) >= 2 or one_body) if kind == "plural" else len(described) == 1:
                return described
        if kind == "person":
            found = [o for o in found if o.actor.type == "person" or self._one_person(o)]
        elif kind == "single":
            found = [o for o in found if o.actor.type != "person" and not o.plural]
        else:
            found = [o for o in found if o.plural or o.actor.type in ORGANISATION_TYPES]
        if kind != "plural" or len({o.actor.id for o in found}) < 2:
            found = found[:1]
        return unique_args([self._arg(o, "coref") for o in found])

    @staticmethod
    def _from_story(occurrence: _Occurrence) -> bool:
        """Whether a mention got its state from the story (its dateline), not from its words."""
        here = [m for m in occurrence.actor.mentions if m.span.start == occurrence.start]
        return bool(here) and all(m.via == "context" for m in here)

    def _one_person(self, occurrence: _Occurrence) -> bool:
        """Whether an agent mention names one person ("a spokeswoman", "the minister")."""
        if occurrence.actor.type != "agent":
            return False
        span = self.doc.char_span(occurrence.start, occurrence.end, alignment_mode="expand")
        words = [span.root] if span is not None and len(span) else []
        words += [t for t in words[0].children if t.dep_ == "compound"] if words else []
        return any(t.tag_ in ("NN", "NNP") and t.lemma_.lower() in _PERSON_AGENTS for t in words)

    def _last_subject_is_thing(self, token: Token) -> bool:
        """Whether the subject before `token` (same or previous sentence) names no actor."""
        number = self._sentence_of[token.i]
        sentence = self.sentences[number]
        scopes = [t for t in sentence if t.i < token.i]
        if number > 0:
            scopes = list(self.sentences[number - 1]) + scopes
        for candidate in reversed(scopes):
            if candidate.dep_ in ("nsubj", "nsubjpass") and candidate.i != token.i:
                if candidate.pos_ == "PRON" or not _main_clause(candidate.head):
                    # "Egypt said the talks had stalled. It accused Addis Ababa ...": the
                    # subject of a reported clause is not what the text goes on about
                    continue
                return not self.by_token.get(candidate.i)
        return False

    @staticmethod
    def _clause_subject(token: Token) -> set[int]:
        """The tokens of the subject of the clause a word stands in."""
        return {t.i for c in clause_head(token).children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}

    def _venue(self, occurrence: _Occurrence) -> bool:
        """ "In Oslo, the envoy urged both sides ...": a state named only as where something
        happens is not one of the sides."""
        token = self.doc[occurrence.token]
        return (
            occurrence.actor.type == "state"
            and token.dep_ == "pobj"
            and token.head.lower_ in W["place_preps"]
            and token.head.head.pos_ in ("VERB", "AUX")
        )

    def resolve_description(self, token: Token) -> list[ArgActor]:
        """ "the country", "the alliance", "the two sides" → the actors they point back to."""
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod")}
        if not determiners & {"the", "both", "two", "three", "four", "this", "that", "these", "all", "warring"}:
            return []
        lemma = token.lemma_.lower()
        candidates = self._before(token, 4)
        if token.lower_ in _MULTI_PEOPLE and determiners == {"the"}:
            # "the leaders" of a summit the story tells: the organisation that holds it
            host = self._summit_host(token, candidates)
            if host:
                return host
        if (
            token.lower_ in _MULTI_NOUNS
            and determiners <= {"the", "these"}
            and not any(c.dep_ in ("compound", "nmod", "poss") for c in token.children)
        ):
            # "Serbia and Kosovo ... the neighbours": the pair named last, however many
            return self._last_pair(token, candidates)
        if token.lower_ in _MULTI_NOUNS | _MULTI_PEOPLE and (determiners & set(_COUNT)):
            # "NATO called on both sides": whoever addresses the sides is not one of them
            asking = self._clause_subject(token)
            candidates = [o for o in candidates if o.token not in asking and not self._venue(o)]
            # nor are those who brokered or hosted the sides' talks ("brokered by Qatar")
            mediators = self._mediators(token)
            candidates = [o for o in candidates if o.actor.id not in mediators]
            count = max(_COUNT.get(d, 0) for d in determiners)
            kinds = ("state", "agent", *ORGANISATION_TYPES)  # "Kyrgyz and Tajik troops ... both sides"
            if token.lower_ in _MULTI_PEOPLE:
                kinds = (*kinds, "person")
            usable = [o for o in candidates if o.actor.code and o.actor.type in kinds]
            # "Vučić and Kurti met Lajčák ... the two leaders": a coordinated pair comes first
            pair = self._pair(usable, count)
            if pair:
                return pair
            seen: list[_Occurrence] = []
            for occurrence in reversed(candidates):
                if occurrence.actor.code and occurrence.actor.type in kinds and occurrence.actor.code not in {
                    o.actor.code for o in seen
                }:
                    seen.append(occurrence)
                if len(seen) == count:
                    break
            if len(seen) == count:
                return [self._arg(o, "coref") for o in reversed(seen)]
            # failing both, a pair named earlier in the story, beyond the nearby sentences
            story = [
                o
                for o in self._before(token, len(self.sentences))
                if o.actor.code and o.actor.type in kinds and o.token not in asking and o.actor.id not in mediators
            ]
            return self._pair(story, count)
        if token.text in ("North", "South", "East", "West") and "the" in determiners:
            # "talks with the South": the state named before whose name starts so
            halves = [
                o
                for o in self._before(token, len(self.sentences))
                if o.actor.type == "state" and o.actor.name.startswith(token.text + " ")
            ]
            return [self._arg(halves[-1], "coref")] if halves else []
        # "the State Department ... the department", "the Security Council ... the council":
        # the head word of a body named just before
        named = [o for o in candidates if o.actor.code and o.actor.type != "person" and self._head_lemma(o) == lemma]
        if named and lemma not in _DESCRIPTIONS.keys() - {"ministry", "agency", "mission", "body"}:
            return [self._arg(named[-1], "coref")]
        kind = _DESCRIPTIONS.get(lemma)
        if kind is None or not determiners & {"the", "this", "that", "these", "those"}:
            return []  # "four opposition groups" is no group named before
        if kind == "state":
            pick = self._disjoint(token, [o for o in candidates if o.actor.type == "state"])
            if token.dep_ in ("nsubj", "nsubjpass"):
                # "Chile has tense ties with Lima. The country has also ...": a subject
                # description continues the last subject, not the nearest name
                number = self._sentence_of[token.i]
                subjects = [o for o in pick if o.subject and self._sentence_of[o.token] >= number - 1]
                pick = subjects or pick
        elif kind == "island":
            pick = [o for o in candidates if o.actor.type == "state" and str(o.actor.code).lower() in W["island_states"]]
        elif kind == "alliance":
            pick = [o for o in candidates if o.actor.code in ("NATO", "CSTO") or "alliance" in o.actor.name.lower()]
        elif kind == "bloc":
            pick = [o for o in candidates if o.actor.type == "igo"]
        elif kind == "junta":
            # "Burkina Faso's military government ... the junta": the rulers named last
            pick = [
                o
                for o in candidates
                if o.actor.code
                and (o.actor.type == "state" or (o.actor.sector in ("GOV", "MIL") and o.actor.type == "agent"))
                and o.actor.name.split(" ")[0].lower() not in _SPEAKER_NOUNS  # an envoy rules nothing
            ]
        elif kind == "armed":
            pick = [o for o in candidates if o.actor.code and (o.actor.type == "armed_group" or o.actor.sector == "REB")]
        elif kind in ("org", "group"):
            pick = [o for o in candidates if o.actor.type in ORGANISATION_TYPES]
        elif kind == "person":
            pick = [o for o in candidates if o.actor.type == "person"]
            # "Argentina's president met China's leader ... The president said": the one
            # named with that very title
            pick = [o for o in pick if lemma in self.document.text[o.start : o.end].lower()] or pick
        else:  # a sector: "the government", "the army"
            pick = [o for o in candidates if o.actor.sector == kind and o.actor.code] or [
                o for o in candidates if o.actor.type == "state"
            ]
            if pick and pick[-1].actor.sector != kind:
                state = pick[-1].actor
                name = f"{'Government' if kind == 'GOV' else token.lemma_.title()} of {state.name}"
                ref = ActorRef(state.code, kind, name, "agent")
                return [ArgActor(ref, None, "coref", pick[-1].start, "agent")]
        pick = self._disjoint(token, pick)
        return [self._arg(pick[-1], "coref")] if pick else []

    def _disjoint(self, token: Token, pick: list[_Occurrence]) -> list[_Occurrence]:
        """ "Baku accused Yerevan ... The republic accused Baku", "Wang met him": a subject is
        not what its own clause names as another party, nor an object its subject; unless no
        other antecedent is left. A person is ruled out as that very person, or by the state
        or organisation they belong to ("He accused Baku"), not by another of its bodies ("the
        court banned him")."""
        others = self._clause_others(token)
        if not others:
            return pick

        def clashes(candidate: _Occurrence) -> bool:
            for other in others:
                if other.actor.id == candidate.actor.id:
                    return True
                if other.actor.code == candidate.actor.code and (
                    candidate.actor.type != "person" or other.actor.type in ("state", "igo")
                ):
                    return True
            return False

        return [o for o in pick if not clashes(o)] or pick

    def _clause_others(self, token: Token) -> list[_Occurrence]:
        """Actors a subject's verbs take as objects (its own conjoined verbs that have no
        subject of their own included); not those of clauses or places inside them."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return self._subject_of_object(token)
        verbs = [token.head]
        for verb in verbs:
            verbs.extend(
                c
                for c in verb.children
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
            )
        objects = [c for v in verbs for c in v.children if c.dep_ in ("dobj", "dative", "attr", "oprd")]
        objects += [o for v in verbs for p in v.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        return self._named(objects)

    def _subject_of_object(self, token: Token) -> list[_Occurrence]:
        """ "Tehran accused the kingdom", "Wang met him": the subject of the verb whose object
        (or object's owner) a description or a personal pronoun is. "it" and "them" often stand
        for an act or a thing, and a possessive or reflexive pronoun for the subject itself."""
        if token.pos_ == "PRON" and _PRONOUNS.get(token.lower_) != "person" or token.lower_.endswith(("self", "selves")):
            return []
        if token.dep_ == "poss" and token.pos_ == "PRON":
            return []
        holder = token.head if token.dep_ == "poss" else token
        if holder.dep_ == "pobj" and holder.head.dep_ == "prep":
            holder = holder.head
        if holder.dep_ not in ("dobj", "dative", "prep") or holder.head.pos_ not in ("VERB", "AUX"):
            return []
        verb = holder.head
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head
        return self._named([c for c in verb.children if c.dep_ == "nsubj"])

    def _named(self, heads: list[Token]) -> list[_Occurrence]:
        return [o for head in heads for inner in _name_tokens(head) for o in self.by_token.get(inner.i, []) if o.actor.code]

    def _pair(self, pool: list[_Occurrence], count: int | None = None) -> list[ArgActor]:
        """The members of the latest coordinated phrase of `count` actors in `pool` (of two or
        more when no count is given), told apart by actor, not code: a state's army and a
        militia of the same state are two sides."""
        for group in dict.fromkeys(o.group for o in reversed(pool) if o.group >= 0):
            members = list({o.actor.id: o for o in pool if o.group == group}.values())
            if (len(members) == count) if count is not None else (len(members) >= 2):
                return [self._arg(o, "coref") for o in members]
        return []

    def _mediators(self, token: Token) -> set[str]:
        """Actors the story names, before `token`, as brokering or hosting others' act (the
        agent of "brokered by", the subject of "hosted") or as addressing both sides (the
        subject of "called on both sides")."""
        found: set[str] = set()
        for sides in self.doc[: token.i]:
            if sides.lower_ in _MULTI_NOUNS and any(c.lower_ in _COUNT for c in sides.children):
                found.update(o.actor.id for i in self._clause_subject(sides) for o in self.by_token.get(i, []))
        for verb in self.doc[: token.i]:
            if verb.lemma_.lower() not in W["go_between_verbs"] or verb.pos_ not in ("VERB", "AUX"):
                continue
            agents = [o for p in verb.children if p.dep_ == "agent" for o in p.children if o.dep_ == "pobj"]
            agents += [c for c in verb.children if c.dep_ == "nsubj"]
            for agent in agents:
                # "by Qatar and Egypt"; not "by Lavrov, Armenia and Azerbaijan agreed", a
                # misparse that hangs the parties on the host
                paired = any(c.dep_ == "cc" for c in agent.children)
                for head in (agent, *(c for c in agent.children if c.dep_ == "conj" and paired)):
                    found.update(
                        o.actor.id for t in _name_tokens(head) if t.dep_ != "conj" or t is head for o in self.by_token.get(t.i, [])
                    )
        return found

    def _last_pair(self, token: Token, candidates: list[_Occurrence]) -> list[ArgActor]:
        """The actors of the last coordinated phrase that names two or more coded actors, unless
        the clause's own subject is among them (whoever addresses "the rivals" is not one)."""
        asking = self._clause_subject(token)
        return self._pair([o for o in candidates if o.actor.code and o.token not in asking and o.actor.type != "person"])

    def _summit_host(self, token: Token, candidates: list[_Occurrence]) -> list[ArgActor]:
        """The organisation named last before a plural "the leaders", when the story has told of
        a summit by then."""
        if not any(t.lemma_.lower() == "summit" for t in self.doc[: token.i]):
            return []
        igos = [o for o in candidates if o.actor.type == "igo" and o.actor.code]
        return [self._arg(igos[-1], "coref")] if igos else []

    def _head_lemma(self, occurrence: _Occurrence) -> str:
        """The noun a mention names or modifies: "U.S. State Department" → department."""
        span = self.doc.char_span(occurrence.start, occurrence.end, alignment_mode="expand")
        if span is None or not len(span):
            return ""
        token = span.root
        while token.dep_ in ("compound", "amod", "nmod", "poss") and token.head.i != token.i:
            token = token.head
        return token.lemma_.lower()

    # ---- anchoring and ties ------------------------------------------------------------
    def _anchor(self, arg: ArgActor, head: Token) -> ArgActor:
        actor = arg.actor
        if actor is None or actor.code is not None or arg.ref.code is not None:
            return arg  # coded already, e.g. "the ministers in Athens and Ankara"
        if actor.type == "person" and actor.sector in _OFFICIAL:
            # "President Abdelaziz Bouteflicka threatened to impose a curfew in Algiers": an
            # official the knowledge base does not know holds office in the story's state
            code = self.salient_state(head)
            if code is None:
                return arg
            ref = ActorRef(code, actor.sector, actor.name, "person")
            return ArgActor(ref, actor, "anchored", arg.start, "person")
        if actor.type != "agent":
            return arg
        tied = self._tied_state(head)
        if tied is not None:
            code, how = tied
            return ArgActor(
                ActorRef(code, actor.sector, f"{actor.name} ({self.states.get(code, code)})", "agent"),
                actor,
                f"tied:{how}",
                arg.start,
                "agent",
            )
        if actor.sector not in ("GOV", "COP", "MIL", "LEG", "JUD", "SPY", "PTY", "OPP", "REB"):
            return arg  # parties, the opposition and rebels are, like the state's organs, domestic
        if any(
            c.dep_ in ("amod", "compound", "nmod") and not self.by_token.get(c.i) and c.lower_ not in _NEUTRAL_MODIFIERS
            for c in head.children
        ):
            return arg  # "Western officials", "West African leaders": someone else's
        code = self.salient_state(head)
        if code is None:
            return arg
        name = f"{'Government' if actor.sector == 'GOV' else actor.name} of {self.states.get(code, code)}"
        return ArgActor(ActorRef(code, actor.sector, name, "agent"), actor, "anchored", arg.start, "agent")

    def named_as_foreign(self, arg: ArgActor) -> bool:
        """ "Western governments", "European leaders": a region's adjective no actor covers marks
        the agent as of states the text does not name, not as the source's own."""
        span = self.doc.char_span(arg.start, arg.start + 1, alignment_mode="expand")
        if span is None:
            return False
        head = span[0]
        return any(
            c.dep_ in ("amod", "compound") and c.lower_ in W["region_adjectives"] and not self.by_token.get(c.i)
            for c in head.children
        )

    def _tied_state(self, head: Token) -> tuple[str, str] | None:
        """ "a group believed to be linked to Iran": the state the text ties an agent to."""
        scopes = list(head.subtree)
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in ("believe", "think", "suspect", "say", "report"):
            # misparsed reduced relative: "Gunmen thought to be tied to Niger raided ..."
            scopes += [t for c in head.head.children if c.dep_ == "xcomp" for t in c.subtree]
        for token in scopes:
            if token.i < head.i or token.lower_ not in _TIES:
                continue
            for inner in token.subtree:
                for occurrence in self.by_token.get(inner.i, []):
                    # "linked to Iran", "tied to a Belgrade trade union"
                    if occurrence.actor.code in self.states and occurrence.actor.type != "person":
                        return occurrence.actor.code, token.text
        return None

    def salient_state(self, token: Token) -> str | None:
        """The state a story is about (`story_state_of`), else the last one named as a subject."""
        dateline = self.document.place.code if self.document.place else None
        found = story_state_of(
            self._state_counts(), self._state_counts(body=True), dateline, lead=self._lead_state() if dateline else None
        )
        if found is not None:
            return found[0]
        for occurrence in reversed(self._before(token, 2)):
            if occurrence.subject and occurrence.actor.code and occurrence.actor.code in self.states:
                return occurrence.actor.code
        return None


    def _lead_state(self) -> str | None:
        """The first state the body names, through any of its actors."""
        headings = self.document.headings
        for occurrence in self.occurrences:
            code = occurrence.actor.code
            if code in self.states and not any(s <= occurrence.start < e for s, e in headings):
                return code
        return None

    def counterpart(self, exclude: Iterable[str | None]) -> list[ArgActor]:
        """The other side of the story: the actor it names most apart from `exclude`, when it is
        named at least twice and half as often again as any rival. A sanction, demand or refusal
        whose sentence names no target is, in a story about two parties, aimed at the other."""
        skip = set(exclude)
        counts: dict[str, int] = {}
        for occurrence in self.occurrences:
            code = occurrence.actor.code
            if code and code not in skip:
                counts[code] = counts.get(code, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]):
            return []
        code = ranked[0][0]
        named = [o for o in self.occurrences if o.actor.code == code]
        # the body or state itself, rather than one of its people, stands for the side
        first = next((o for o in named if o.actor.type != "person"), named[0])
        return [self._arg(first, "story")]

    def sides(self) -> list[str]:
        """The two actors a story names most (each at least twice): the sides of a story about
        a dispute between two."""
        counts: dict[str, int] = {}
        for occurrence in self.occurrences:
            code = occurrence.actor.code
            if code:
                counts[code] = counts.get(code, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])[:2]
        return [code for code, count in ranked if count >= 2]

    def _state_counts(self, *, body: bool = False) -> dict[str, int]:
        """Mentions of each state; with `body`, outside headings (title and dateline)."""
        key = "body" if body else "all"
        if key not in self._counts:
            counts: dict[str, int] = {}
            headings = self.document.headings if body else ()
            for occurrence in self.occurrences:
                if occurrence.actor.type != "state" or not occurrence.actor.code:
                    continue
                if any(s <= occurrence.start < e for s, e in headings):
                    continue
                counts[occurrence.actor.code] = counts.get(occurrence.actor.code, 0) + 1
            self._counts[key] = counts
        return self._counts[key]



def _from_context(arg: ArgActor) -> bool:
    """Whether an agent got its state from the story (its dateline), not from its own words."""
    if arg.type != "agent" or arg.actor is None:
        return False
    here = [m for m in arg.actor.mentions if m.span.start == arg.start]
    return bool(here) and all(m.via == "context" for m in here)


def _name_tokens(head: Token) -> list[Token]:
    """A phrase's own words, without its prepositions and clauses: "Rwanda's embassy in
    Kinshasa" names Rwanda, not Kinshasa."""
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        stack.extend(c for c in token.children if c.dep_ in ("compound", "amod", "poss", "nmod", "conj", "appos", "flat"))
    return out


def _main_clause(verb: Token) -> bool:
    """Whether a verb heads its sentence, or a clause joined to the one that does."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _clause_verb(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _is_object_of(token: Token, verb: Token) -> bool:
    while token.dep_ == "conj":
        token = token.head
    return token.head.i == verb.i and token.dep_ in ("dobj", "obj", "dative", "attr", "oprd")


def _is_subject_of(token: Token, verb: Token) -> bool:
    while token.dep_ in ("conj", "compound", "poss"):
        token = token.head
    return token.head.i == verb.i and token.dep_ in ("nsubj", "nsubjpass")


def _venue_of(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in W["gathering_nouns"]


def _conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        # "Bulgaria, North Macedonia, or Montenegro" is sometimes parsed with an apposition
        listed = (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and token.pos_ == "PROPN"
            and any(c.dep_ == "cc" for c in token.children)
        )
        if (child.dep_ == "conj" or listed) and not stray_subject(child):
            out.append(child)
            out.extend(_conjuncts(child))
    return out


def _group_of(token: Token) -> int:
    # Coordinated phrases share the index of their first conjunct. A name in apposition to its
    # title ("Prime Minister Andrej Plenković and ... Robert Golob") belongs with the title.
    while token.dep_ in ("conj", "appos") and token.head is not token:
        token = token.head
    heads = [token, *(c for c in token.children if c.dep_ == "appos")]
    return token.i if any(c.dep_ == "conj" for h in heads for c in h.children) else -1


def unique_args(items: Iterable[ArgActor]) -> list[ArgActor]:
    """Each actor once (by code, sector and name), in the order first met."""
    seen: set[tuple[str | None, str | None, str]] = set()
    out = []
    for item in items:
        key = (item.ref.code, item.ref.sector, item.ref.name)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
