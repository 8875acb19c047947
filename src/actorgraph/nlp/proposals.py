"""Trigger proposals: which words of a sentence may be events, and what kind.

Three sources propose readings, each a value (`Proposal`) that later stages read and never
change:

* the trigger lexicon (`data/triggers.tsv`): a verb or noun with conditions on its object,
  prepositions, subject and the light verb that carries it ("launched an attack");
* a PETRARCH verb dictionary (CAMEO.2.0 by default, or the user's own), compiled by
  `nlp.verbmatch`: every verb the dictionary knows, with the CAMEO code of the pattern that
  fired and, where the pattern marks them, the phrases of the source (`$`) and target (`+`);
* reported obligations ("Russia said Sudan must return the helicopter"): a demand.

Which source wins on a word is a policy. A dictionary the user gives (`--verbs`) comes before
the lexicon: the user's vocabulary is the one they asked for. The built-in CAMEO dictionary only
annotates: a lexicon reading takes the CAMEO code of the dictionary's reading of the same verb
when the two agree on the PLOVER type. It proposes no event of its own, because measured on our
dev gold its readings of verbs the lexicon does not know were right 36 times and wrong 206 times
(its WordNet synonym sets put "face" with "meet" and "dismiss" with "despatch"); `--verbs` with
its path turns it on as a primary vocabulary for those who want PETRARCH's coding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from actorgraph.nlp.arguments import ActorIndex
from actorgraph.nlp.cameo import CameoMap, PloverCode
from actorgraph.nlp.lexicon import Lexicon, Need, Trigger
from actorgraph.nlp.syntax import (
    children,
    future,
    hyphen_start,
    lemma,
    object_lemmas,
    object_of,
    obligation_word,
    preps,
    reprisal,
    small_clause_subject,
    subject_of,
    titles,
)
from actorgraph.nlp.verbmatch import VerbMatch
from actorgraph.nlp.words import W

# Where a dictionary verb's target is when its pattern does not mark one, tried in order.
DICTIONARY_TARGETS = (
    "dobj",
    "iobj",
    "prep:with",
    "prep:against",
    "prep:to",
    "prep:on",
    "prep:at",
    "prep:into",
    "prep:from",
    "prep:toward",
    "prep:towards",
    "objowner",
    "xobj",
)


@dataclass(frozen=True, slots=True)
class Proposal:
    """A reading of a word as an event, before its arguments and modality are known."""

    trigger: Token
    predicate: Token  # the word that carries the clause: the verb, or a noun's light verb
    noun: bool
    entry: Trigger
    cameo: str | None = None
    source_at: int | None = None  # a dictionary pattern's `$`
    target_at: int | None = None  # a dictionary pattern's `+`
    reverse: bool = False  # a dictionary code read from target to source (`[:054]`)
    compound: bool = False  # a dictionary pattern's `%`: the actors act together

    @property
    def rule(self) -> str:
        return self.entry.rule

    @property
    def bare_noun(self) -> bool:
        """A noun with no verb carrying it ("the threat of instability", "US strikes on Iran")."""
        return self.noun and self.predicate.i == self.trigger.i


# Verbs whose clause is what someone said or thinks, not their act.
REPORTING = W["speech"] | W["belief"]


def reported_by(clause: Token) -> Token | None:
    """The verb of saying or believing a clause is the complement of ("said [the riots were
    directed from Moscow]"), or None."""
    return clause.head if clause.dep_ == "ccomp" and lemma(clause.head) in REPORTING else None
OBLIGATION = Trigger("must", "V", (), "REQUEST", None, ("xsubj",), (), 0, origin="obligation")


class Proposer:
    """Proposes readings for the words of a sentence from the lexicon and a verb dictionary."""

    def __init__(self, lexicon: Lexicon, cameo: CameoMap, *, dictionary_first: bool = False) -> None:
        self.lexicon = lexicon
        self.cameo = cameo
        # True: the dictionary outranks the lexicon and proposes on its own; False: it annotates
        self.dictionary_first = dictionary_first
        self.trigger_verbs = frozenset(lexicon.verbs)

    def propose(self, sentence: Span, index: ActorIndex, matches: Mapping[int, VerbMatch]) -> list[Proposal]:
        """Every reading of the sentence's words, in token order."""
        found: list[Proposal] = []
        for token in sentence:
            verbal = self._verb(token, index, matches) if _verb_like(token, self.lexicon) else None
            if verbal:
                found.extend(verbal)
            elif (verbal is None or token.dep_ in _NOMINAL_DEPS) and _noun_like(token, self.lexicon, index):
                # "Russian drills near the Baltic coast went on for a third day": a noun the tagger took for a
                # verb still stands where nouns stand
                reading = self._noun(token, index)
                if reading is not None:
                    found.append(reading)
        found.extend(_obligations(sentence, index, {p.predicate.i for p in found}))
        found.extend(_reported_threats(sentence, index, {t for p in found for t in (p.predicate.i, p.trigger.i)}))
        found.extend(_characterisations(sentence, index, {p.trigger.i for p in found if not p.noun}))
        return [p for p in found if not (p.entry.type in _ONGOING and obstructed(p.trigger))]

    # ---- verbs
    def _verb(self, token: Token, index: ActorIndex, matches: Mapping[int, VerbMatch]) -> list[Proposal]:
        curated = self._curated_verb(token, index)
        if not self.dictionary_first and (curated is None or curated.cameo):
            # the curated lexicon decides; the dictionary is asked only for a missing CAMEO code
            return [Proposal(token, token, False, curated, cameo=curated.cameo)] if curated is not None else []
        match = matches.get(token.i)
        from_dictionary = self._from_dictionary(token, match, curated) if match is not None else []
        if match is not None and self.dictionary_first and (from_dictionary or match.pattern is not None):
            if match.pattern is None and _reports_event(token, matches):
                # "Arnor will restore ties, an official said": a verb of saying alone frames
                # what it reports; read as an event, it would swallow the event it reports
                return []
            return from_dictionary  # the user's dictionary decides, even that a pattern is no event
        if curated is not None:
            same = [p for p in from_dictionary if p.entry.type == curated.type and not p.reverse]
            cameo = curated.cameo or (same[0].cameo if same else None)
            return [Proposal(token, token, False, curated, cameo=cameo)]
        return from_dictionary if self.dictionary_first else []

    def _curated_verb(self, token: Token, index: ActorIndex) -> Trigger | None:
        word, base = token.lower_, lemma(token)
        # an adjectival form with a reading of its own comes first ("is opposed to")
        readings = (
            (*self.lexicon.verbs.get(word, ()), *self.lexicon.verbs.get(base, ()))
            if word != base
            else self.lexicon.verbs.get(base, ())
        )
        return next((entry for entry in readings if needs_met(token, entry, index, None)), None)

    def _from_dictionary(self, token: Token, match: VerbMatch, curated: Trigger | None) -> list[Proposal]:
        forward = self._plover(match.code, match, curated)
        backward = self._plover(match.reverse, match, curated)
        out = []
        if forward is not None:
            out.append(self._dictionary_proposal(token, match, forward, match.code, reverse=False))
        if backward is not None:  # "[032:033]": the visit, and the hosting it implies
            out.append(self._dictionary_proposal(token, match, backward, match.reverse, reverse=True))
        return out

    def _plover(self, code: str | None, match: VerbMatch, curated: Trigger | None) -> PloverCode | None:
        """What a dictionary code means in PLOVER. A CAMEO code means what the table says (a
        statement, `01`, is no event). A code outside CAMEO (a WEIS code such as `223`, a
        coder's own such as `903`) still names an event, which keeps the meaning of what it
        refines: the verb's own code or its family's, else the lexicon's reading of the verb."""
        if not code:
            return None
        if _is_cameo(code):
            return self.cameo.lookup(code)
        for broader in (match.reading.code, match.family.code):
            if broader and _is_cameo(broader):
                return self.cameo.lookup(broader)
        return PloverCode(curated.type, curated.mode, ()) if curated is not None else None

    def _dictionary_proposal(
        self, token: Token, match: VerbMatch, code: PloverCode, cameo: str | None, *, reverse: bool
    ) -> Proposal:
        line = match.pattern.line if match.pattern is not None else match.reading.line
        entry = Trigger(
            lemma=match.reading.lemma,
            pos="V",
            needs=(),
            type=code.type,
            mode=code.mode,
            target=("none",) if match.compound else DICTIONARY_TARGETS,
            source=(),
            line=line,
            origin=match.rule.rsplit(":", 1)[0],
        )
        return Proposal(
            token,
            token,
            False,
            entry,
            cameo=cameo,
            source_at=match.source,
            target_at=None if match.compound else match.target if match.target is not None else match.object_actor,
            reverse=reverse,
            compound=match.compound,
        )

    # ---- nouns
    def _noun(self, token: Token, index: ActorIndex) -> Proposal | None:
        governor = light_governor(token, self.trigger_verbs)
        readings = tuple(r for key in _noun_keys(token) for r in self.lexicon.nouns.get(key, ()))
        # A verb with readings of its own is no light verb, but a row may still name it as the
        # noun's carrier: "reinforced its military presence", "granted an amnesty".
        carrier = (
            token.head
            if governor is None and token.dep_ in ("dobj", "obj", "nsubjpass") and token.head.pos_ == "VERB"
            else None
        )
        for entry in dict.fromkeys(readings):
            if needs_met(token, entry, index, governor):
                predicate = governor if governor is not None else token
                if governor is None and any(need.kind == "subjof" for need in entry.needs):
                    # "gunfire was heard in the capital": the verb it is subject of says where and when
                    predicate = token.head
                return Proposal(token, predicate, True, entry, cameo=entry.cameo)
            names_its_carrier = any(need.kind == "gov" for need in entry.needs)
            if carrier is not None and names_its_carrier and needs_met(token, entry, index, carrier):
                return Proposal(token, carrier, True, entry, cameo=entry.cameo)
        return None


# Acts that can be a running process (talks, cooperation, aid, an accord being worked out)
_ONGOING = frozenset({"CONSULT", "COOPERATE", "SUPPORT", "AID", "AGREE"})


def obstructed(token: Token) -> bool:
    """ "a raid may set back the talks", "hampered efforts to mend ties": a
    process something is said to harm is going on already; naming it reports no new act."""
    if token.dep_ in ("acl", "xcomp") and token.head.pos_ == "NOUN":
        token = token.head  # "efforts to normalise": the effort is what is harmed
    if token.dep_ not in ("dobj", "obj", "nsubjpass"):
        return False
    head = token.head
    particles = [c.lower_ for c in children(head, "prt", "advmod")]
    keys = {lemma(head), *(f"{lemma(head)} {p}" for p in particles)}
    return bool(keys & W["obstruction_verbs"])


def _reports_event(token: Token, matches: Mapping[int, VerbMatch]) -> bool:
    """Whether a verb of saying or believing reports a clause in which the dictionary finds an event."""
    if lemma(token) not in REPORTING:
        return False
    return any(
        (found := matches.get(t.i)) is not None and (found.code or found.reverse)
        for clause in children(token, "ccomp")
        for t in clause.subtree
    )


def _is_cameo(code: str) -> bool:
    """Whether a code is CAMEO's: its first two digits one of the twenty cue categories."""
    return code[:2].isdigit() and 1 <= int(code[:2]) <= 20


_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _verb_like(token: Token, lexicon: Lexicon) -> bool:
    return (
        token.pos_ == "VERB"
        or (token.pos_ in ("ADJ", "AUX") and token.tag_ in ("VBN", "VBD", "VB", "VBG", "VBZ", "VBP"))
        or (token.pos_ == "ADJ" and token.lower_ in lexicon.verbs)
    )


def _noun_keys(token: Token) -> tuple[str, ...]:
    """The lexicon keys a noun may stand under: its lemma, its form, and for the last part of a
    hyphenated word ("build-up", split by the tokenizer) the whole word, hyphen or not."""
    keys = [lemma(token), token.lower_]
    first = hyphen_start(token)
    if first.i != token.i:
        keys += [f"{first.lower_}-{token.lower_}", f"{first.lower_}{token.lower_}"]
    return tuple(dict.fromkeys(keys))


def _noun_like(token: Token, lexicon: Lexicon, index: ActorIndex) -> bool:
    keys = _noun_keys(token)
    if not (token.pos_ in ("NOUN", "PROPN") and keys[0] in lexicon.nouns or any(k in lexicon.nouns for k in keys[1:])):
        return False
    # a noun inside an actor's name ("the Peace Implementation Council") is no event
    return not any(o.actor.type not in ("agent", "state") for o in index.by_token.get(token.i, []))


# ---- conditions of lexicon rows ---------------------------------------------------------------
def _withheld_words(clause: Token) -> bool:
    """ "declined to comment", "refused to give his name", "declined to be identified": keeping
    silent is refusing no one anything."""
    if lemma(clause) in W["speech"] | W["withheld_speech"]:
        return True
    return lemma(clause) in ("give", "provide") and any(lemma(o) in W["withheld_details"] for o in children(clause, "dobj"))



def needs_met(token: Token, entry: Trigger, index: ActorIndex, governor: Token | None) -> bool:
    """Whether every condition of a lexicon row holds for this word."""
    # "declared two diplomats persona non grata": the object the parser made a clause's subject
    obj = (object_of(token) or small_clause_subject(token)) if entry.pos == "V" else None
    return all(_need_met(need, token, entry, obj, index, governor) for need in entry.needs)


def _need_met(
    need: Need, token: Token, entry: Trigger, obj: Token | None, index: ActorIndex, governor: Token | None
) -> bool:
    kind, values = need.kind, need.values
    if kind == "obj":
        if entry.pos == "N":
            # a noun's object: "the signing of an agreement", "a ban on trade"
            of = [c for prep in children(token, "prep") if prep.lower_ in ("of", "on") for c in children(prep, "pobj")]
            return any(object_lemmas(o) & values for o in of)
        return obj is not None and bool(object_lemmas(obj) & values)
    if kind == "noobj":
        return obj is None
    if kind == "notobj":
        # "told journalists once the summit ended": the press is told, no one is met
        told = [obj] if obj is not None else []
        told += children(token, "dative", "iobj")
        return not any(object_lemmas(o) & values for o in told)
    if kind == "pobj":
        return any((object_lemmas(pobj) | titles(pobj)) & values for pobj in _measured(preps(token, depth=0).values()))
    if kind == "notpobj":
        # "speaking to reporters" is no consultation
        return not any(lemma(pobj) in values for pobj in preps(token, depth=0).values())
    if kind == "future":
        return future(governor if governor is not None else token)
    if kind == "prep":
        # the word's own prepositions and its object's: "agreed with X", "held talks with X";
        # not one buried deeper ("agreed to mediation in talks with X"); "called for the vote to
        # be rerun" may come parsed as a clause marked "for"
        marks = {m.lower_ for c in children(token, "advcl") for m in children(c, "mark")} & {"for"}
        return bool((set(preps(token, depth=0)) | marks) & values)
    if kind == "prt":
        # a preposition counts as a particle only bare: "gave in", not "given ... in Kano"
        if any(
            c.lower_ in values and not (c.dep_ == "prep" and children(c, "pobj"))
            for c in children(token, "prt", "prep", "advmod")
        ):
            return True
        # the parser may hang a split particle on the object: "hand the islands back to X"
        return obj is not None and any(c.lower_ in values for c in children(obj, "prt", "advmod"))
    if kind == "xcomp":
        # with values, the clause's verb must be one of them: "ordered the staff to leave"
        clauses = children(token, "xcomp", "ccomp")
        return any(lemma(c) in values for c in clauses) if values else bool(clauses)
    if kind == "notspeech":
        return not any(_withheld_words(c) for c in children(token, "xcomp"))
    if kind == "objclause":
        # "told the crowd to go home", "warned Washington not to interfere": an infinitive whose
        # doer is the object, not "told reporters that ..." nor "vowed to retaliate"; an order to
        # one's own ministry or army is the act it orders, no request
        return (
            obj is not None
            and lemma(obj) not in W["own_apparatus"]
            and any(any(a.lower_ == "to" for a in children(c, "aux")) for c in children(token, "xcomp"))
        )
    if kind == "subjword":
        # "a car bomb exploded": what the subject is, for verbs with no agent of their own
        subject = subject_of(token)[0]  # "troops began arriving": the controlling subject
        # "hundreds of fighters moved closer": what a quantity counts
        return subject is not None and bool((object_lemmas(subject) - {subject.lower_} | {lemma(subject)}) & values)
    if kind == "notsubjword":
        # "the storm killed twelve", "were killed in floods": a toll with no one's hand behind
        # it; "stocks rallied", "the team rallied": markets and sides move, they do not protest
        subject = subject_of(token)[0]
        causes = [subject] if subject is not None else []
        if children(token, "nsubjpass"):
            causes += [o for p in children(token, "prep") if p.lower_ in ("in", "by") for o in children(p, "pobj")]
        return not any(((object_lemmas(c) - {c.lower_}) | {lemma(c)}) & values for c in causes)
    if kind == "xsubjactor":
        # "helped Albania investigate the attack" parsed with Albania as the clause's subject
        for clause in children(token, "xcomp", "ccomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and (index.covering(subject) or subject.pos_ == "PRON"):
                return True
        return False
    if kind in ("subj", "notsubj"):
        # a noun's subject is its light verb's ("workers staged a strike"), or the actor in its
        # own phrase ("a strike by oil workers")
        if entry.pos == "N" and governor is None:
            own = [c for p in children(token, "prep") if p.lower_ == "by" for c in children(p, "pobj")]
            own += children(token, "poss", "compound")
            subject = own[0] if own else None
        else:
            subject = subject_of(governor if governor is not None else token)[0]
        sectors = {a.ref.sector for a in index.actors_of(subject, anchor=False)} if subject is not None else set()
        civilian = subject is not None and lemma(subject) in W["civilian_words"]
        if kind == "subj":
            return bool(sectors & values) or civilian
        return not (sectors & values) and not civilian
    if kind == "mod":
        mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
        # "a joint counter-terrorism exercise": the parser may hang "joint" on the compound
        mods += [g for c in mods if c.dep_ == "compound" for g in c.children if g.dep_ in ("amod", "compound")]
        return bool(({c.lower_ for c in mods} | {lemma(c) for c in mods}) & values)
    if kind in ("objactor", "objnotactor"):
        if obj is None:
            return False
        named = bool(index.covering(obj) or index.paired_adjectives(obj)) or (obj.pos_ == "PRON" and bool(index.resolve_pronoun(obj)))
        return named if kind == "objactor" else not named
    if kind == "gov":
        return governor is not None and lemma(governor) in values
    if kind == "notgov":
        # "lifted its objections", "sidestepped his objections": a complaint set aside is no new one
        verbs = [governor] if governor is not None else []
        if token.dep_ in ("dobj", "obj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
            verbs.append(token.head)
        return not any(lemma(v) in values for v in verbs)
    if kind == "notquestion":
        # "'What talks could there be with them?' he asked": a question put, no request made
        clauses = children(token, "ccomp", "parataxis")
        sentence = index.sentence(token)
        # the parser may end a sentence at the question's closing quote: look just before it too
        if any(t.text == "?" for t in token.doc[max(0, sentence.start - 3) : sentence.end]):
            return False
        if token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and not children(token, "nsubj", "nsubjpass"):
            return False  # "Asked about the talks, the spokesman said ...": a reporter's question
        if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for cl in clauses for c in cl.children):
            return False  # "asked whether Paris feared a backlash"
        return not any(t.tag_ in ("WDT", "WP", "WRB") for c in clauses for t in c.subtree)
    if kind == "subjof":
        # "the truce came into effect": the noun is the subject of one of these verbs
        return token.dep_ in ("nsubj", "nsubjpass") and lemma(token.head) in values
    if kind == "judged":
        # "called the assaults an escalation", "branded the curbs hostile", "described it as a
        # crime": the verb says what its object is (not "called on Kigali to stop the attacks")
        return obj is not None and bool(
            children(token, "oprd", "attr")
            or any(p.lower_ == "as" for p in children(token, "prep"))
            or any(c.dep_ in ("amod", "acomp") and c.i > obj.i for c in obj.children)
            # "termed the curbs illegal" parsed as a small clause; "called the launch a
            # provocation" parsed with two objects
            or any(c.pos_ in ("ADJ", "NOUN") and obj.head.i == c.i for c in children(token, "ccomp"))
            or any(c.i > obj.i for c in children(token, "dobj"))
        )
    if kind == "noclause":
        # "ordered troops to the border", not "ordered troops to pull back" (that act is the event)
        return not _clauses(token)
    if kind == "ownprep":
        # "called on Kosovo to ...", not "called the attack on its embassy a crime" (however
        # the parser hangs "on": a label for the object says the verb characterises)
        return not children(token, "oprd") and any(
            c.lower_ in values and not any(o.ent_type_ in ("DATE", "TIME") for o in children(c, "pobj"))
            for c in children(token, "prep", "prt")
        )
    if kind == "leavestate":
        # "told to leave the country / Ghana / within 48 hours" is an expulsion; "told to leave
        # the market" an instruction
        return any(_leaves_a_state(c, index) for c in children(token, "xcomp"))
    if kind == "objcoded":
        # "told Indian nationals to leave", not "told the pupils to leave the room"
        return obj is not None and any(a.ref.code for a in index.actors_of(obj))
    if kind == "negated":
        # "will not hesitate to strike": the word means something only with its negation
        return any(c.dep_ == "neg" or c.lower_ == "never" for c in token.children)
    if kind == "noprep":
        return not set(preps(token, depth=0)) & values
    if kind == "notprt":
        return not any(c.lower_ in values for c in children(token, "prt", "advmod"))
    if kind == "xsubjother":
        # "claiming Pristina was preparing an attack": a claim about another actor's act
        speaker = {a.ref.code for a in index.actors_of(subject_of(token)[0])}
        for clause in children(token, "ccomp"):
            claimed = {a.ref.code for a in index.actors_of(subject_of(clause)[0])}
            if claimed - speaker - {None}:
                return True
        return False
    if kind == "with":
        # a word that completes the verb, however it is parsed: "set free", "found guilty"
        return any(c.lower_ in values for c in (*token.children, *(obj.children if obj is not None else ())))
    if kind == "phrase":
        # a noun's complement may hang on its light verb: "renewed its bid | to join the bloc"
        head = governor if entry.pos == "N" and governor is not None else token
        text = " ".join(t.lower_ for t in head.subtree)
        return any(value in text for value in values)
    if kind == "ctx":
        return any(_context_holds(value, token, obj, index) for value in values)
    return True


def _measured(objects: Iterable[Token]) -> list[Token]:
    """Objects, with what a measure among them measures: "the highest level of readiness"."""
    out = []
    for obj in objects:
        out.append(obj)
        if lemma(obj) in W["measure_heads"]:
            out += [c for p in children(obj, "prep") if p.lower_ == "of" for c in children(p, "pobj")]
    return out


def _clauses(token: Token) -> list[Token]:
    """Clauses that complete a verb: "to pull back", "that they leave"."""
    found = children(token, "xcomp", "ccomp")
    found += [c for c in children(token, "advcl") if any(a.lower_ == "to" for a in children(c, "aux"))]
    return found


def _time_clause(token: Token) -> bool:
    """ "called the swap the largest since the war began": a clause that dates the judgement
    is no part of it."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in W["time_marks"] for c in token.children)


def _context_holds(value: str, token: Token, obj: Token | None, index: ActorIndex) -> bool:
    sentence = index.sentence(token)
    if value == "cyber":
        return any(t.lower_ in W["cyber_words"] for t in sentence)
    if value == "strike":
        return any(t.lower_ in W["military_words"] for t in sentence)
    if value == "negative":
        # "called the raid a provocation": the label, where there is one, is the judgement
        # ("called the junta's takeover an opening for reform" blames no one); words of a clause
        # hung on the verb ("since the war began") or inside the label's own time clause are not
        aside = {
            t.i
            for c in token.subtree
            if c.dep_ == "advcl" and any(m.lower_ in W["time_marks"] for m in children(c, "mark"))
            for t in c.subtree
        }

        def said(parts: Iterable[Token]) -> set[str]:
            return {
                lemma(t)
                for c in parts
                for t in c.subtree
                if t.i not in aside and not (t.i >= 2 and t.doc[t.i - 2].lower_ == "anti")  # "anti-terrorist measures"
            }

        label = children(token, "oprd", "attr") + [o for p in children(token, "prep") if p.lower_ == "as" for o in children(p, "pobj")]
        parts = [c for c in token.children if c.dep_ not in ("nsubj", "nsubjpass")]
        return bool(
            said(label) & W["negative_words"]
            or (said(parts) & W["negative_words"] and not said(label) & (W["praise_words"] | W["praise_nouns"]))
        )
    if value == "positive":
        words = {
            lemma(t) for c in token.children if c.dep_ not in ("nsubj", "nsubjpass") and not _time_clause(c) for t in c.subtree
        }
        return bool(words & W["praise_words"]) and not words & W["negative_words"]
    if value == "agreement":
        inner = children(token, "xcomp")
        return bool(inner) and (
            lemma(inner[0]) in ("agree", "conclude", "finalise", "finalize")
            or (
                lemma(inner[0]) in ("reach", "secure", "strike", "sign")
                and bool(object_lemmas(object_of(inner[0])) & W["agreement_nouns"])
            )
        )
    if value == "force":
        inner = children(token, "xcomp", "advcl", "ccomp")
        return bool(inner) and (lemma(inner[0]) in W["force_verbs"] or _force_used(inner[0]))
    return False


def _leaves_a_state(clause: Token, index: ActorIndex) -> bool:
    if lemma(clause) not in W["leaving_verbs"]:
        return False
    left = children(clause, "dobj")
    return not left or any(
        lemma(o) in W["country_words"] or any(a.type == "state" for a in index.actors_of(o, anchor=False)) or o.i in index.places
        for o in left
    )


def _force_used(verb: Token) -> bool:
    """ "to use force", "to resort to arms", "to take further measures", "to act against":
    force or reprisal named by a light verb and its object, or aimed at someone."""
    words = {lemma(t) for t in verb.subtree if t.i != verb.i}
    if lemma(verb) in ("use", "resort", "employ") and words & {"force", "arm", "arms", "weapon", "military"}:
        return True
    if lemma(verb) in ("take", "adopt", "direct", "order") and words & {"measure", "measures", "step", "steps", "action"}:
        return True
    return lemma(verb) in ("act", "take", "respond") and "against" in preps(verb, depth=1)


# ---- light verbs ------------------------------------------------------------------------------
def light_governor(token: Token, trigger_verbs: frozenset[str]) -> Token | None:
    """The verb whose object a noun trigger is: "launched an attack", "expressed support"."""
    if token.dep_ == "compound" and token.head.dep_ in ("dobj", "obj") and lemma(token.head) in W["empty_heads"]:
        token = token.head  # "undertook a mediation mission", "launched a mediation effort"
    head = token.head
    if (
        token.dep_ in ("dobj", "obj", "nsubjpass", "attr")
        and lemma(head) in W["light_verbs"]
        and head.pos_ in ("VERB", "AUX")
    ):
        return head
    # "speeded up the withdrawal", "completed their withdrawal", "ordered the expulsion":
    # a verb that is no event of its own carries the noun's event.
    if (
        token.dep_ in ("dobj", "obj")
        and head.pos_ == "VERB"
        and lemma(head) not in W["own_event_verbs"]
        and lemma(head) not in W["speech"]
        and lemma(head) not in trigger_verbs
    ):
        return head
    if (
        token.dep_ in ("dobj", "obj")
        and lemma(head) == "call"
        and lemma(token) in W["called_acts"]
        and not children(head, "oprd", "attr", "ccomp", "prt")
        and len(children(head, "dobj")) == 1
    ):
        return head  # "called a general strike": calling one is staging it, no judgement
    # "was put under investigation", "placed under house arrest"
    if token.dep_ == "pobj" and head.lower_ == "under" and lemma(head.head) in W["under_verbs"]:
        return head.head
    # "took responsibility for the ambush"
    if token.dep_ == "pobj" and head.lower_ == "for" and lemma(head.head) in ("responsibility", "credit"):
        verb = head.head.head
        if lemma(verb) in ("claim", "accept", "admit", "take", "deny"):
            return verb
    # "take part in offensive operations", "denied any role in the attack"
    if token.dep_ == "pobj" and head.lower_ == "in" and lemma(head.head) in ("part", "role", "involvement", "hand"):
        verb = head.head.head
        if verb.pos_ in ("VERB", "AUX"):
            return verb
    if (
        token.dep_ == "pobj"
        and head.lower_ == "in"
        and head.head.pos_ == "VERB"
        and lemma(head.head) == "take"
        and any(lemma(o) == "part" for o in children(head.head, "dobj"))
    ):
        return head.head  # "took part in protests", the "in" hung on the verb
    return None


# ---- reported obligations ---------------------------------------------------------------------
def same_side(a, b) -> bool:  # noqa: ANN001 - two ActorRefs
    """Whether two actors may be one party: same code, unless their sectors set them apart
    (rebels and the government of one state are two sides)."""
    return a.code == b.code and not (a.sector and b.sector and a.sector != b.sector)


def _obligations(sentence: Span, index: ActorIndex, taken: set[int]) -> list[Proposal]:
    """A reported obligation laid on someone else is a demand of the speaker (REQUEST), and the
    act demanded is part of it. The speaker must be a coded actor and the obliged party another."""
    found = []
    for verb in sentence:
        if lemma(verb) not in REPORTING or verb.i in taken or verb.pos_ not in ("VERB", "AUX"):
            continue
        speaker, _ = subject_of(verb)
        speakers = [a.ref for a in index.actors_of(speaker) if a.ref.code] if speaker is not None else []
        if not speakers:
            continue
        for clause in children(verb, "ccomp"):
            modal = obligation_word(clause)
            if modal is None:
                continue
            subject, _ = subject_of(clause)
            obliged = [a.ref for a in index.actors_of(subject) if a.ref.code] if subject is not None else []
            if any(not any(same_side(a, b) for a in speakers) for b in obliged):
                found.append(Proposal(modal, verb, False, OBLIGATION))
                break
    return found


# ---- reported threats ------------------------------------------------------------------------
THREAT = Trigger("would", "V", (), "THREATEN", None, ("none",), (), 0, origin="reported threat", cameo="130")


def _reported_threats(sentence: Span, index: ActorIndex, taken: set[int]) -> list[Proposal]:
    """ "X would pay a heavy price, the minister said", "it would go to arbitration unless the
    dispute was settled": a speaker announcing a reprisal, or an act of their own made to hang on
    someone else's conduct, threatens (THREATEN). The announced clause must be future and hold no
    event of its own (that event, recoded, is the threat), and the speaker must be a coded actor."""
    found = []
    for verb in sentence:
        if lemma(verb) not in REPORTING | W["warning"] or verb.i in taken or verb.pos_ not in ("VERB", "AUX"):
            continue
        speaker, _ = subject_of(verb)
        speakers = [a.ref for a in index.actors_of(speaker) if a.ref.code] if speaker is not None else []
        if speaker is None or not speakers:
            continue
        clauses = children(verb, "ccomp")
        if verb.dep_ == "parataxis":  # "X will pay, the minister said" parsed the other way
            clauses.append(verb.head)
        for clause in clauses:
            if clause.i in taken or not future(clause) or any(t.i in taken for t in children(clause, "xcomp")):
                continue
            if not (any(reprisal(t) for t in clause.subtree) or act_of_war(clause) or _withheld_unless(clause)):
                continue
            others = [
                t for t in clause.subtree
                if any(a.ref.code and not any(same_side(a.ref, b) for b in speakers) for a in index.actors_of(t))
            ]
            target = others[0] if others else None
            while target is not None and target.dep_ in ("compound", "amod", "flat") and target.head.i != target.i:
                target = target.head  # the phrase's head, which carries its conjuncts
            found.append(
                Proposal(clause, verb, False, THREAT, cameo=THREAT.cameo, source_at=speaker.i,
                         target_at=target.i if target is not None else None)
            )
            break
    return found


def act_of_war(clause: Token) -> bool:
    """ "we would treat any blockade as an act of war": an act declared a cause of war."""
    return any(
        lemma(t) == "war"
        and (
            (t.dep_ == "pobj" and lemma(t.head.head) in ("act", "declaration"))
            # "any attack would trigger a regional war": a strike answered with war
            or (t.dep_ == "dobj" and lemma(t.head) in W["war_starting_verbs"])
        )
        for t in clause.subtree
    )


def _withheld_unless(clause: Token) -> bool:
    """An announced act made to hang on what another does or fails to do: "unless the captives
    are freed", "if the dispute is not settled"."""
    for child in children(clause, "advcl"):
        marks = {c.lower_ for c in children(child, "mark")}
        if "unless" in marks or (marks & {"if"} and any(c.dep_ == "neg" for c in child.children)):
            return True
    return False


# ---- reported judgements ---------------------------------------------------------------------
CONDEMNATION = Trigger("be", "V", (), "ACCUSE", "disapprove", ("none",), (), 0, origin="judgement", cameo="111")
ATTRIBUTION = Trigger("be", "V", (), "ACCUSE", "allege", ("none",), (), 0, origin="judgement", cameo="112")
PRAISE = Trigger("be", "V", (), "SUPPORT", None, ("none",), (), 0, origin="judgement", cameo="051")


def _behind_an_act(verb: Token) -> bool:
    """Whether a clause of being puts its subject behind an act: "was behind the attack", "is
    responsible for the bombing", "an FARC faction was responsible", "was highly likely to be
    responsible for the attack"."""
    heads = [verb, *children(verb, "acomp")]
    # "likely to be responsible": the adjective of the clause the adjective governs
    heads += [a for h in list(heads) for x in children(h, "xcomp") if lemma(x) == "be" for a in (x, *children(x, "acomp"))]
    if any(lemma(h) == "responsible" and not children(h, "prep") for h in heads):
        return True  # "said an FARC faction was responsible": for the act the story is about
    acts = [
        o
        for h in heads
        for p in children(h, "prep")
        if p.lower_ == "behind" or (p.lower_ == "for" and lemma(h) == "responsible")
        for o in children(p, "pobj")
    ]
    named = W.table("event_nouns")
    return any(lemma(o) in named or o.lower_ in named for o in acts)


def _first_to_strike(verb: Token) -> bool:
    """ "Eritrean gunners opened fire first": saying who fired first blames them."""
    return any(
        lemma(a) == "first" and any(lemma(x) in W["assault_verbs"] | {"open", "start", "violate", "break"} for x in children(a, "relcl", "acl", "xcomp"))
        for a in children(verb, "attr")
    )


def _blamed_manner(verb: Token) -> bool:
    """Whether a clause says its act was done in a blameworthy way: "had illegally entered
    Chinese waters", "had sought to redraw the line on its own"."""
    clauses = [verb, *children(verb, "xcomp")]
    return any(lemma(c) in W["blame_adverbs"] for v in clauses for c in children(v, "advmod"))


def _unjustified(verb: Token) -> Token | None:
    """What a clause says nothing justifies: "nothing could justify the violence", "there was
    no justification for the strikes"."""
    if lemma(verb) == "justify" and any(s.lower_ in ("nothing", "none") for s in children(verb, "nsubj")):
        return object_of(verb)
    if lemma(verb) == "be":
        for attr in children(verb, "attr", "nsubj"):
            if lemma(attr) in ("justification", "excuse") and any(c.lower_ == "no" for c in attr.children):
                return next((o for p in children(attr, "prep") if p.lower_ == "for" for o in children(p, "pobj")), None)
    return None


def _runs_counter(verb: Token) -> bool:
    """ "the curbs run counter to international practice": a reported judgement that an act breaks them."""
    return lemma(verb) in ("run", "go") and any(c.lower_ == "counter" for c in verb.children)


def _names_an_act(token: Token) -> bool:
    """Whether a subject names an act someone did ("such moves", "the tax") or points to one ("it")."""
    acts = W.table("event_nouns")
    return token.lower_ in ("it", "this", "that") or lemma(token) in acts or token.lower_ in acts or lemma(token) in W["unrest_nouns"]


def _speech_over(verb: Token) -> Token | None:
    """The verb of saying a clause is reported by, through the clauses it sits in ("said the
    fighting started because the other army had moved first")."""
    for _ in range(4):
        speech = reported_by(verb)
        if speech is None and verb.dep_ == "ccomp" and lemma(verb.head) in W["finding_verbs"]:
            speech = verb.head  # "the allies agreed that Minsk was almost certainly behind it"
        if speech is not None or verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head.i == verb.i:
            return speech
        verb = verb.head
    return None


def _instigator(verb: Token) -> Token | None:
    """Who a passive verb of instigation names as the hand behind an act: "was orchestrated from
    Belgrade", "had been planned by Iranian intelligence"."""
    if lemma(verb) not in W["instigation_verbs"] or (verb.dep_ == "conj" and lemma(verb.head) in W["instigation_verbs"]):
        return None  # "orchestrated and sponsored by Iran" is one attribution, read at its first verb
    patients = children(verb, "nsubjpass")
    hostile = {"ASSAULT", "COERCE", "PROTEST", "THREATEN", "MOBILIZE"}
    acts = W.table("event_nouns")
    if not any(hostile & set(acts.get(lemma(p), ())) or lemma(p) in W["unrest_nouns"] for p in patients):
        return None  # "the summit was organised by the EU" accuses no one
    for holder in [verb, *children(verb, "conj")]:
        for prep in children(holder, "agent", "prep"):
            if prep.lower_ in ("by", "from"):
                for named in children(prep, "pobj"):
                    return named
    return None


def _author_of_result(verb: Token, index: ActorIndex) -> Token | None:
    """Whom a clause of being names as the cause of a hostile act: "said the shooting was the
    result of a deliberate move by Baku", "the unrest is the work of foreign agents from Kyiv"."""
    if lemma(verb) != "be":
        return None
    subject = next(iter(children(verb, "nsubj")), None)
    acts = W.table("event_nouns")
    if subject is None or not (set(acts.get(lemma(subject), ())) & {"ASSAULT", "COERCE", "PROTEST"} or lemma(subject) in W["unrest_nouns"]):
        return None
    for attr in children(verb, "attr"):
        if lemma(attr) not in ("result", "consequence", "work", "fault", "doing", "product"):
            continue
        for token in attr.subtree:
            by_agent = token.dep_ == "pobj" and token.head.lower_ in ("by", "from")
            if (by_agent or token.dep_ == "poss") and any(a.ref.code for a in index.actors_of(token)):
                return token
    return None


def _characterisations(sentence: Span, index: ActorIndex, verbs_taken: set[int]) -> list[Proposal]:
    """ "The move is outrageous and unacceptable, Peskov said": a speaker who calls someone's act
    unacceptable, or says it violates something, condemns its author (ACCUSE); one who calls
    it historic praises it (SUPPORT).
    The judgement must be reported: a journalist's own adjectives are no one's event."""
    found = []
    for verb in sentence:
        instigator = _instigator(verb) or _author_of_result(verb, index)
        if instigator is not None:
            # "said the riots were directed from Moscow": the speaker accuses the
            # one it says set the act in motion
            speech = reported_by(verb)
            speaker = subject_of(speech)[0] if speech is not None else None
            if speaker is not None and index.actors_of(speaker) and index.actors_of(instigator):
                found.append(
                    Proposal(verb, verb, False, ATTRIBUTION, cameo=ATTRIBUTION.cameo, source_at=speaker.i, target_at=instigator.i)
                )
            continue
        wrongdoer = False
        kind: Trigger | None
        unjustified = _unjustified(verb)
        if unjustified is not None:
            # "said nothing could excuse the raids", "there was no justification for the
            # strikes": what cannot be justified is condemned
            kind = CONDEMNATION
        elif lemma(verb) == "be":
            words = {lemma(t) for c in children(verb, "acomp", "attr") for t in (c, *children(c, "amod", "conj"))}
            kind = CONDEMNATION if words & W["negative_words"] else PRAISE if words & W["praise_nouns"] else None
            if _behind_an_act(verb) or _first_to_strike(verb):
                kind = ATTRIBUTION  # "said Serbia was behind the attack", "was responsible for the blast"
        elif (lemma(verb) in W["violation_verbs"] and verb.i not in verbs_taken) or _runs_counter(verb):
            # "ministers say the deal breaches the old treaty", "runs counter to the charter"; a verb
            # read as an act of its own ("threatened Baku with a blockade") judges nothing
            kind = CONDEMNATION
        elif lemma(verb) in W["deception_verbs"] or _blamed_manner(verb):
            # "said Latvian officials had made up the report", "said the boats had illegally
            # entered its waters": the speaker alleges a wrong by the one who did it
            kind, wrongdoer = ATTRIBUTION, True
        else:
            continue
        subject = unjustified or next(iter(children(verb, "nsubj")), None)
        if kind is None or subject is None:
            continue
        if (wrongdoer or lemma(verb) in W["violation_verbs"] or _runs_counter(verb)) and not (
            any(a.ref.code for a in index.actors_of(subject)) or _names_an_act(subject)
        ):
            continue  # "said the drought had worsened the crisis": a wrong needs someone who did it
        if subject.lower_ == "it" and any(
            c.dep_ == "xcomp" and c.i > verb.i for h in (verb, *children(verb, "acomp", "attr")) for c in h.children
        ):
            continue  # "it would be a mistake to widen the bloc": an opinion of a course, no one's act judged
        speech = _speech_over(verb) or next((c for c in children(verb, "parataxis", "ccomp") if lemma(c) in REPORTING), None)
        if speech is None:
            continue
        speaker, _ = subject_of(speech)
        if speaker is None or not index.actors_of(speaker):
            continue
        if wrongdoer and all(
            any(same_side(a.ref, b.ref) for b in index.actors_of(speaker)) for a in index.actors_of(subject)
        ):
            continue  # a side does not allege its own wrongs: "the ships" read as the speaker's is misread
        found.append(Proposal(verb, verb, False, kind, cameo=kind.cameo, source_at=speaker.i, target_at=subject.i))
    return found


__all__ = ["ATTRIBUTION", "act_of_war", "CONDEMNATION", "DICTIONARY_TARGETS", "OBLIGATION", "PRAISE", "REPORTING", "THREAT", "Proposal", "Proposer", "light_governor", "needs_met", "reported_by", "same_side"]
