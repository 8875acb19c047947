"""Events: PLOVER-coded who-did-what-to-whom, each proven by its sentence.

The coder is a chain of stages over each sentence, each returning values:

1. proposals (`nlp.proposals`): words that may be events, from the trigger lexicon and the
   verb dictionary, with the rule and CAMEO code behind each;
2. roles (`nlp.roles`): source and target from the parse;
3. modality and nesting (`nlp.modality`): what the clause makes of each reading, then what
   complements make of the readings they sit in, read in two passes so word order never
   changes the answer;
4. the choices below: one reading per act (a light verb's noun over the verb, an event noun
   restated by its verb is one event, casualties are their attack's toll, a warning of one's
   own act is a threat), then evidence, date, place and confidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from actorgraph import __version__
from actorgraph.nlp import conventions
from actorgraph.nlp.arguments import ActorIndex, ArgActor
from actorgraph.nlp.cameo import CameoMap, load_cameo_map
from actorgraph.nlp.lexicon import Lexicon
from actorgraph.nlp.modality import (
    HOSTILE_ACTS,
    Clause,
    Nesting,
    Reading,
    act_clause,
    apply_nesting,
    final_reading,
    is_commentator,
    read_clause,
    settle_nesting,
    threat_mode,
)
from actorgraph.nlp.proposals import REPORTING, Proposal, Proposer, act_of_war, reported_by
from actorgraph.nlp.roles import (
    EVENT_NOUN_TYPES,
    Roles,
    assign_roles,
    earlier_actors,
    event_coreference,
    mediated_act,
    noun_own_source,
)
from actorgraph.nlp.syntax import (
    asks,
    attributions,
    auxiliaries,
    children,
    first_conjunct,
    hyphen_start,
    is_passive,
    lemma,
    object_lemmas,
    object_of,
    reduced_passive,
    reprisal,
    subject_of,
)
from actorgraph.nlp.temporal import sentence_date
from actorgraph.nlp.verbmatch import VerbMatch, VerbMatcher
from actorgraph.nlp.words import W
from actorgraph.ontology import QUAD
from actorgraph.types import ORGANISATION_TYPES, Document, Event
from actorgraph.types import Span as TextSpan

EXTRACTOR = f"actorgraph.rules/{__version__}"
# Acts aimed at someone even when the sentence leaves them unnamed; measured on dev gold, the
# story's other side is the target 23 times in 28 for these, and under half the time for
# accusations and meetings, which often concern third parties.
_COUNTERPART_TYPES = frozenset({"SANCTION", "REQUEST", "AID", "SUPPORT", "REJECT", "THREATEN"})
_STATELESS_ORGS = {"igo", "ngo", "armed_group", "hacker_group", "mission", "agency", "organisation"}


@dataclass(frozen=True, slots=True)
class Frame:
    """A proposal with its roles, its clause and the reading they give it."""

    proposal: Proposal
    roles: Roles
    clause: Clause
    reading: Reading
    nesting: Nesting

    @property
    def trigger(self):  # noqa: ANN201 - a Token
        return self.proposal.trigger

    @property
    def predicate(self):  # noqa: ANN201 - a Token
        return self.proposal.predicate


class EventExtractor:
    """Stateless rules over a parsed story; one instance serves every document."""

    def __init__(
        self,
        lexicon: Lexicon,
        verbs: VerbMatcher | None = None,
        *,
        cameo: CameoMap | None = None,
        dictionary_first: bool = False,
    ) -> None:
        self.lexicon = lexicon
        self.verbs = verbs
        self.proposer = Proposer(lexicon, cameo or load_cameo_map(), dictionary_first=dictionary_first)

    def extract(self, doc: Doc, document: Document, index: ActorIndex) -> list[Event]:
        """All events of a story, in text order."""
        headings = document.headings
        matches: Mapping[int, VerbMatch] = (
            self.verbs.lazy(doc, index.sentences, lambda t: bool(index.by_token.get(t.i)))
            if self.verbs is not None
            else {}
        )
        events: list[Event] = []
        told: set[str] = set()  # the kinds of act the story's earlier sentences have named
        for number, sentence in enumerate(index.sentences):
            if any(s <= sentence.start_char < e for s, e in headings):
                continue
            proposals = self.proposer.propose(sentence, index, matches)
            frames = self.frames_of(proposals, index)
            for frame in frames:
                event = self._event(frame, sentence, number, document, index, events, frames, told)
                if event is not None:
                    events.append(event)
                    allegation = _allegation(frame, event, index)
                    if allegation is not None:
                        events.append(allegation)
                    call = _call_held(frame, event, index)
                    if call is not None:
                        events.append(call)
            told |= {p.entry.type for p in proposals}
        return _dedupe(events)

    # -- one sentence
    def frames_of(self, proposals: Sequence[Proposal], index: ActorIndex) -> list[Frame]:
        """The readings among a sentence's proposals that are events of their own."""
        clauses = [read_clause(number, proposals) for number in range(len(proposals))]
        nestings = settle_nesting(proposals, clauses)
        frames: list[Frame] = []
        for proposal, clause, nesting in zip(proposals, clauses, nestings, strict=True):
            # A bare noun ("the threat of instability") is an event only with its own actor,
            # or when it is said to be happening ("protests spread across the country").
            if proposal.bare_noun and not noun_own_source(proposal, index) and not _happening(proposal):
                continue
            if _in_question(proposal.predicate) or _wished(proposal.predicate) or _in_name(proposal.trigger):
                continue
            if proposal.noun and proposal.trigger.dep_ == "compound" and lemma(proposal.trigger.head) in W["kind_heads"]:
                continue  # "riot police", "attack helicopters": the noun says what kind, not what happened
            if _attributive(proposal.trigger):
                continue  # "the hacking group", "a protesting crowd": what kind of group, not an act
            if proposal.noun and (_feared(proposal.trigger) or _trend(proposal)):
                continue
            reading = apply_nesting(final_reading(proposal, clause), nesting)
            frames.append(Frame(proposal, assign_roles(proposal, index), clause, reading, nesting))
        frames = _borrow_targets(frames, proposals)
        return _choose(_split_reciprocal(frames), index)

    # -- building the record
    def _event(
        self,
        frame: Frame,
        sentence: Span,
        number: int,
        document: Document,
        index: ActorIndex,
        earlier: Sequence[Event],
        frames: Sequence[Frame],
        told: set[str] | frozenset[str] = frozenset(),
    ) -> Event | None:
        proposal, reading = frame.proposal, frame.reading
        kind, mode = reading.type, reading.mode
        if frame.clause.standing:
            return None
        predicate = proposal.predicate
        if (
            kind in ("ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN")
            and not proposal.noun
            and reduced_passive(predicate)
            and not children(predicate, "agent")
        ):
            return None  # "the minister, accused of corruption, resigned": a description, no one's act
        source, target = list(frame.roles.source), list(frame.roles.target)
        if proposal.entry.lemma == "warn":
            own = _warns_of_own_action(proposal, source, index)
            if frame.nesting.reported and not own:
                return None  # the warned-of act by someone else is the event
            if kind == "THREATEN" and not own:
                if _warns_of_things(proposal, index):
                    return None  # "warned that the drought could worsen": a forecast, no one's act
                if (children(proposal.predicate, "xcomp") or _warned_off(proposal.predicate)) and (
                    object_of(proposal.predicate) is not None or children(proposal.predicate, "nsubjpass")
                ):
                    # "warned Washington to stop meddling", "warned Athens against arming the
                    # islands": a demand
                    kind, mode = "REQUEST", None
                else:
                    kind, mode = "ACCUSE", "disapprove"
        if (
            kind in ("ACCUSE", "THREATEN")
            and source
            and (
                all(a.ref.sector in ("EDU", "MED") and not a.ref.code for a in source)
                or is_commentator(subject_of(proposal.predicate)[0] or proposal.trigger)
            )
        ):
            return None  # analysts and reporters predicting or describing, not accusing
        if frame.clause.request_for is not None and not target:
            # "met at Israel's request": the request went to those who met
            outer = next((f for f in frames if f.predicate.i == frame.clause.request_for), None)
            if outer is not None:
                target = [a for a in outer.roles.source if a.ref.code not in {s.ref.code for s in source}]
        if not target and kind in ("ACCUSE", "REJECT", "SUPPORT", "THREATEN"):
            target = event_coreference(proposal, source, earlier)
        if not target and kind == "REQUEST":
            target = _holder(proposal, source, earlier)
        if not target and proposal.predicate.dep_ == "conj":
            # "denounced the arrests and kept open a reply of its own": the second act of one
            # subject is aimed where the first was
            head = proposal.predicate.head
            first = next(
                (e for e in reversed(earlier) if e.trigger is not None and e.trigger.start == head.idx and e.target), None
            )
            if first is not None and {r.code for r in first.source} == {a.ref.code for a in source}:
                target = [ArgActor(r, None, "conjunct", first.evidence.start, r.type) for r in first.target]
        if not target and kind in ("THREATEN", "SANCTION", "REJECT", "AGREE", "REQUEST"):
            target = _addressee(proposal, source, index)
        if not source and kind != proposal.entry.type and kind in ("REJECT", "AGREE", "CONCEDE", "THREATEN"):
            # "the suspects would not be handed over, Bosnian police said": a promise or refusal
            # in the passive, naming no one, is the word of whoever announces it
            source = _announcer(proposal, index)
        if not source and not proposal.noun:
            # "The strike killed seven members of the Revolutionary Guards": the strike's author
            subject, _ = subject_of(proposal.predicate)
            if subject is not None:
                source = earlier_actors(subject, earlier, {a.ref.code for a in target})
        if kind == "MOBILIZE" and not target and lemma(proposal.trigger) in W["drill_nouns"] and (
            len({a.ref.code for a in source if a.ref.code}) >= 2
        ):
            kind, mode = "COOPERATE", None  # drills held by several states together train them together
        if kind == "RETREAT" and mode == "access" and _reopened_between(proposal.entry.lemma, source, target):
            kind, mode = "COOPERATE", None  # neighbours opening their common frontier resume exchange
        mutual = _joint(kind, proposal.entry.lemma, source, target)
        if mutual:
            target = list(source)  # "Serbia and Kosovo agreed": each party toward the others
        if not target and (
            kind == "THREATEN" or (kind in ("ACCUSE", "REJECT") and _condemns_a_named_act(proposal, index))
        ):
            # "Beijing called the discharge selfish", "Tokyo rejected the criticism": the act is
            # the other side's, not the speaker's own; so is whoever a threat naming no one is for
            target = index.counterpart({a.ref.code for a in source})
        holder = _holds_out_until(proposal, source, index)
        if holder:
            # "the treaty stays suspended until Islamabad ends its backing of militants, Delhi
            # said": what another must do before a measure is lifted is demanded of it
            kind, mode, source, target = "REQUEST", None, holder, source
        if kind == "REQUEST" and source and _party_calls_for_talks(proposal, source, index):
            # PLOVER: a party to a dispute calling for talks or a negotiated settlement between
            # "the two sides" states its own intent (AGREE) toward the other side
            kind, mode = "AGREE", None
            caller = {a.ref.code for a in source}
            if all(a.ref.code in caller for a in target):
                target = [a for a in index.counterpart(caller) if a.ref.code in index.sides()] or target
        if kind == "THREATEN" and proposal.entry.type in HOSTILE_ACTS and _forecast(proposal):
            # "diplomats said the bloc could impose sanctions if the talks failed": onlookers'
            # conditions are a forecast of the measure, not a threat by the one who would act
            kind, mode = proposal.entry.type, proposal.entry.mode
            frame = replace(frame, reading=replace(frame.reading, modality="hypothetical"))
        if kind in HOSTILE_ACTS and _announces_own_measure(proposal, source, index):
            # "Turkey could cut ties with Abu Dhabi, Erdogan said": a side saying what it may do
            # to another threatens it; the same words from onlookers are only a forecast
            kind, mode = "THREATEN", threat_mode(proposal.entry)
            frame = replace(frame, reading=replace(frame.reading, modality="asserted"))
        if kind == "COERCE" and source and not target and _closes_frontier(proposal):
            # crossings shut, with no one named, in a story about a neighbour: a frontier is
            # closed on the state across it, not on one's own people
            target = [a for a in index.counterpart({a.ref.code for a in source}) if a.type == "state"]
        if mode not in ("expel", "resign", "cyber"):
            # an expulsion is of foreigners, whoever they are; a resignation is aimed at no one;
            # an attack online comes from abroad as often as not, so it is never its author's own
            target = conventions.domestic_default(kind, proposal.trigger, source, target, index, mode)
        elif mode == "resign" and not target:
            # "stepped down as Peru's interior minister": left an office of that state
            target = conventions.office_state(proposal.predicate, index)
        if not target and source and kind in _COUNTERPART_TYPES:
            target = index.counterpart({a.ref.code for a in source})
        if not target and source and not mutual:
            target = _sentence_other(proposal, source, index)
        if kind in _FORCE_TYPES and source and all(a.via == "domestic" for a in target):
            target = _reporting_victim(proposal, source, index) or target
        if kind == "COERCE" and _closes_border_on(proposal, source, target):
            kind, mode = "SANCTION", "discontinue"  # a border shut on a neighbour cuts it off
        if not source and not (target and kind in ("ASSAULT", "COERCE")):
            return None
        if reading.modality == "asserted" and _told_before(proposal, kind, number, earlier, told):
            return None
        if kind == "ACCUSE" and not target and "complement" in proposal.entry.target:
            # "part of what it termed a pattern of meddling": a characterisation that names no
            # one and points to no act told before blames no one we can code
            return None
        if (
            source
            and all(a.ref.code is None and a.type not in _STATELESS_ORGS for a in source)
            and kind not in ("ASSAULT", "COERCE")
        ):
            # "Activists condemned ...": with no state or organisation behind the source, a
            # verbal event says little about relations; attacks by unknown groups still count,
            # and so does what a known organisation of no state does ("al-Qaeda threatened").
            return None
        named = [a for a in source if a.via != "location"]
        if reading.background and not named:
            return None
        if (
            reading.background
            and proposal.bare_noun
            and not any(
                a.via not in ("domestic", "location", "implied")
                or (a.via == "location" and a.ref.code not in {s.ref.code for s in source})
                for a in target
            )
        ):
            # "since the 2003 invasion", "on the sidelines of a summit": an act named in passing
            # as the time or cause of the news is background; it counts only when the text
            # names both sides ("following its strikes on nuclear sites in Iran")
            return None
        if (
            act_clause(predicate)
            and any(f.predicate.i == predicate.head.i for f in frames)
            and not any(a.via not in ("domestic", "location", "implied") for a in target)
        ):
            # "recalled its envoy a day after a jet shot down a helicopter": an act told as the
            # time of another is news only when it says whom it hit
            return None
        return self._record(frame, kind, mode, source, target, sentence, number, document, index, mutual=mutual)

    def _record(
        self,
        frame: Frame,
        kind: str,
        mode: str | None,
        source: Sequence[ArgActor],
        target: Sequence[ArgActor],
        sentence: Span,
        number: int,
        document: Document,
        index: ActorIndex,
        *,
        mutual: bool = False,
    ) -> Event:
        proposal = frame.proposal
        start, end = sentence.start_char, sentence.end_char
        while end > start and document.text[end - 1].isspace():
            end -= 1
        day, _how = sentence_date(sentence, document.published)
        confidence = 0.9
        if any(a.via != "mention" for a in (*source, *target)):
            confidence *= 0.85
        if proposal.noun:
            confidence *= 0.85
        if not source:
            confidence *= 0.8
        if any(a.via == "story" for a in target):
            confidence *= 0.8  # the target is the story's other side, not named in the sentence
        if any(a.via == "sentence" for a in target):
            confidence *= 0.85  # named in the sentence, but in no slot of the act
        if frame.reading.background:
            confidence *= 0.9
        if proposal.entry.origin != self.lexicon_origin and proposal.entry.origin != "obligation":
            confidence *= 0.9  # a dictionary reading is less sure than a curated one
        scores = [a.actor.resolution.score for a in (*source, *target) if a.actor is not None]
        if scores:
            confidence *= min(scores) ** 0.5
        source_refs = tuple(a.ref for a in source)
        target_refs = tuple(a.ref for a in target)
        opening = hyphen_start(proposal.trigger)
        first, end_char = opening.idx, proposal.trigger.idx + len(proposal.trigger.text)
        # the words' own span: `Doc.text` joins the whole document again at every call
        words = proposal.trigger.doc[opening.i : proposal.trigger.i + 1].text
        trigger = TextSpan(first, end_char, words)
        key = f"{document.id}|{kind}|{trigger.start}|{[r.code for r in source_refs]}|{[r.code for r in target_refs]}"
        return Event(
            doc_id=document.id,
            id="e" + hashlib.sha1(key.encode()).hexdigest()[:12],
            type=kind,
            mode=mode,
            context=_context(mode, sentence),
            source=source_refs,
            target=target_refs,
            modality=frame.reading.modality,
            date=day,
            location=conventions.place_of(proposal.trigger, proposal.predicate, index),
            evidence=TextSpan(start, end, document.text[start:end]),
            confidence=round(confidence, 3),
            extractor=EXTRACTOR,
            trigger=trigger,
            sentence=number,
            cameo=proposal.cameo,
            rule=proposal.rule,
            lemma=proposal.entry.lemma,
            mutual=mutual,
        )

    @property
    def lexicon_origin(self) -> str:
        return "triggers.tsv"


def _allegation(frame: Frame, event: Event, index: ActorIndex) -> Event | None:
    """ "Manila said Chinese vessels had blocked its supply boat", "Baku says Armenian units
    shot first": a side that puts forward its own account of what its adversary did to it
    accuses the adversary (ACCUSE allege), besides the act it reports. A third party's report,
    or the wire's trailing attribution ("..., the army said"), is sourcing, not an accusation."""
    if event.type not in ("ASSAULT", "COERCE") or event.modality != "asserted" or event.trigger is None:
        return None
    if all(a.via == "location" for a in frame.roles.source):
        return None  # "the blast at its consulate in Erbil": no one is named for it
    clause = frame.predicate
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head  # "said Indian troops had crossed the border and attacked"
    reporter = clause.head
    if clause.dep_ != "ccomp" or lemma(reporter) not in W["allegation_verbs"] or reporter.i > clause.i:
        return None
    speakers = {a.ref.code: a.ref for a in index.actors_of(subject_of(reporter)[0]) if a.ref.code}
    speaking = set(speakers)
    doers = {r.code for r in event.source if r.code}
    victims = {r.code for r in event.target if r.code}
    if not speaking or not doers or speaking & doers or (victims and not speaking <= victims):
        return None
    return _derived(
        event,
        reporter,
        f"{sorted(speaking)}|{sorted(doers)}",
        kind="ACCUSE",
        mode="allege",
        source=tuple(speakers.values()),
        target=tuple(r for r in event.source if r.code),
        location=None,
        cameo="112",
        rule="allegation",
    )


_SPOKEN_ACTS = frozenset({"REQUEST", "SUPPORT", "CONCEDE", "ACCUSE", "AGREE", "REJECT", "THREATEN"})


def _call_held(frame: Frame, event: Event, index: ActorIndex) -> Event | None:
    """ "pressed the Armenian leader by phone to stop shelling", "apologised to his counterpart
    by telephone": what was said was said in a call, which is itself a consultation (PLOVER
    CONSULT phone) between the speaker and the one called."""
    if event.type not in _SPOKEN_ACTS or event.modality != "asserted" or frame.proposal.noun or not event.source:
        return None
    call = _phone_call(frame.predicate)
    if call is None:
        return None
    partners = [a.ref for p in children(call, "prep") if p.lower_ == "with" for o in children(p, "pobj") for a in index.actors_of(o)]
    own = {r.code for r in event.source}
    called = [r for r in (partners or list(event.target)) if r.code and r.code not in own]
    if not called:
        return None
    return _derived(
        event,
        call,
        f"{sorted(own, key=str)}|{[r.code for r in called]}",
        kind="CONSULT",
        mode="phone",
        target=tuple(called),
        cameo="041",
        rule="call",
    )


def _derived(event: Event, word: Token, parties: str, *, kind: str, **fields: Any) -> Event:
    """A second event an event's own sentence implies (an allegation, a call), triggered by
    `word`: its id comes from the word's place and its parties, its confidence is lower."""
    start = word.idx
    key = f"{event.doc_id}|{kind}|{start}|{parties}"
    return replace(
        event,
        id="e" + hashlib.sha1(key.encode()).hexdigest()[:12],
        type=kind,
        context=(),
        trigger=TextSpan(start, start + len(word.text), word.text),
        lemma=lemma(word),
        mutual=False,
        confidence=round(event.confidence * 0.8, 3),
        **fields,
    )


def _phone_call(verb: Token) -> Token | None:
    """The call a verb's act was made in ("in a phone call", "during a telephone
    conversation", "by videoconference"), or None."""
    for prep in children(verb, "prep"):
        if prep.lower_ not in W["call_preps"]:
            continue
        for noun in children(prep, "pobj"):
            if lemma(noun) in W["remote_talks"]:
                return noun
            if lemma(noun) in ("call", "conversation") and any(lemma(m) in W["remote_media"] for m in noun.children):
                return noun
    return None


_SIDES = frozenset({"state", "agent", "person", *ORGANISATION_TYPES})


_FORCE_TYPES = frozenset({"ASSAULT", "MOBILIZE"})


def _reporting_victim(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> list[ArgActor]:
    """ "The Kremlin said Ukraine had shelled a border village", "Pristina said Serbia had
    sent troops to the border": force one state tells of another's using, with no one else
    named as its aim, is aimed at the teller; a third party's report is sourcing."""
    speech = _speech_over(first_conjunct(proposal.predicate))
    if speech is None:
        return []
    if proposal.entry.type == "MOBILIZE" and any(e.label_ == "LOC" for e in index.sentence(proposal.trigger).ents):
        return []  # "patrols over the Baltic Sea, Lithuania said": open seas are no one's home
    speaker = subject_of(speech)[0]
    if speaker is None or any(lemma(t) in W["outside_tellers"] for t in speaker.subtree):
        return []
    mine = {a.ref.code for a in source}
    states = set(index.states)
    found = [
        a
        for a in index.actors_of(speaker)
        if a.ref.code in states and a.ref.code not in mine and a.via == "mention" and (a.ref.sector in ("GOV", "MIL") or a.type == "state")
    ]
    return found if found and all(a.ref.code in states for a in source) else []


def _sentence_other(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> list[ArgActor]:
    """With no slot naming a target, the one other state or body its sentence names, the
    reporter aside ("rejected a fresh offer from Afghanistan for talks" parsed astray): the side
    a news sentence names besides the doer is, far more often than not, the side the act is done
    to. With two or more candidates nothing is guessed."""
    if "none" in proposal.entry.target:
        return []  # an act aimed at no one ("resigned")
    mine = {a.ref.code for a in source}
    clause = proposal.predicate
    speakers: set[int] = set()
    head = clause
    while head.head.i != head.i:
        speech = reported_by(head)
        subject = subject_of(speech)[0] if speech is not None else None
        speakers |= {t.i for t in subject.subtree} if subject is not None else set()
        head = head.head
    found: dict[str, ArgActor] = {}
    sentence = index.sentence(proposal.trigger)
    speakers |= attributions(sentence)
    for token in sentence:
        if token.i in speakers:
            continue
        for arg in index.covering(token):
            code = arg.ref.code
            if code and code not in mine and arg.type in _SIDES:
                found.setdefault(code, ArgActor(arg.ref, arg.actor, "sentence", arg.start, arg.type))
    return list(found.values()) if len(found) == 1 else []


def _announces_own_measure(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> bool:
    """Whether a possible act ("could suspend relations", "may expel") is told by the side that
    would do it ("..., the president said"), rather than forecast by someone else."""
    verb = first_conjunct(proposal.predicate)
    if proposal.noun or not auxiliaries(verb) & W["possibility_modals"]:
        return False
    speech = _speech_over(verb)
    if speech is None:
        return False
    speakers = {a.ref.code for a in index.actors_of(subject_of(speech)[0]) if a.ref.code}
    own = {a.ref.code for a in source if a.ref.code}
    return bool(speakers) and speakers <= own


def _party_calls_for_talks(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> bool:
    """ "X said the two kingdoms must resolve the row by negotiation", "X called for
    dialogue between the two countries", told by one of the story's two sides."""
    own = {a.ref.code for a in source if a.ref.code}
    if not own & set(index.sides()):
        return False
    words = list(proposal.predicate.subtree) if proposal.predicate.i != proposal.trigger.i else []
    words += list(proposal.trigger.subtree)
    talks = any(lemma(t) in W["talk_nouns"] for t in words)
    pair = any(t.lower_ in ("two", "both") and t.dep_ in ("nummod", "det", "predet", "preconj") for t in words)
    return talks and pair


def _holds_out_until(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> list[ArgActor]:
    """Who keeps a measure in place "until" the doer of this act does it: the one who says so,
    or the subject of the clause the "until" hangs on; empty when that is the doer itself."""
    verb = proposal.predicate
    while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in ("dobj", "pobj", "prep") and verb.head.i != verb.i:
        verb = verb.head  # "until Hanoi ends its support": the clause of the act
    verb = first_conjunct(verb)
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in W["until_marks"] for c in verb.children):
        return []
    doers = {a.ref.code for a in source if a.ref.code}
    if not doers:
        return []
    main = verb.head
    held = {lemma(main), *auxiliaries(main)}
    if not held & W["holding_verbs"]:
        return []  # "fought until the town fell": a time, not a condition set to another
    speech = _speech_over(main)
    subject, _ = subject_of(speech if speech is not None else main)
    holder = [a for a in index.actors_of(subject) if a.ref.code]
    return holder if holder and not doers & {a.ref.code for a in holder} else []


def _speech_over(verb: Token) -> Token | None:
    """The verb of saying that reports a clause, before it or after it ("..., the president
    said", which the parser may make a clause of its own or a conjunct)."""
    speech = reported_by(verb)
    if speech is not None:
        return speech
    return next(
        (c for c in children(verb, "parataxis", "conj") if lemma(c) in REPORTING and c.i > verb.i and children(c, "nsubj")),
        None,
    )


def _forecast(proposal: Proposal) -> bool:
    """Whether a clause is told by onlookers (diplomats, analysts), not by anyone who acts."""
    speech = _speech_over(first_conjunct(proposal.predicate))
    if speech is None:
        return False
    speaker, _ = subject_of(speech)
    return speaker is not None and lemma(speaker) in W["commentators"] | W["onlookers"]


def _closes_frontier(proposal: Proposal) -> bool:
    """Whether a verb closes border crossings or checkpoints."""
    if proposal.noun or lemma(proposal.trigger) not in ("close", "shut", "seal"):
        return False
    return bool(object_lemmas(object_of(proposal.predicate)) & W["frontier_points"])


def _closes_border_on(proposal: Proposal, source: Sequence[ArgActor], target: Sequence[ArgActor]) -> bool:
    """ "New Delhi closed the main land crossing" in a story about Pakistan: a border closed on
    another state (not a district sealed at home) is a break with that state."""
    if not _closes_frontier(proposal):
        return False
    own = {a.ref.code for a in source if a.ref.code}
    return bool(own) and any(a.ref.code and a.ref.code not in own and a.type == "state" for a in target)


def _announcer(proposal: Proposal, index: ActorIndex) -> list[ArgActor]:
    """Who reports a passive clause that names no agent: the subject of the reporting verb."""
    clause = proposal.predicate
    if clause.dep_ == "xcomp":
        clause = clause.head
    if proposal.noun or not is_passive(clause) or any(p.lower_ == "by" for p in children(clause, "agent", "prep")):
        return []
    speech = reported_by(clause)
    return index.actors_of(subject_of(speech)[0]) if speech is not None else []


def _reopened_between(word: str, source: Sequence[ArgActor], target: Sequence[ArgActor]) -> bool:
    """Whether several states, naming no one else, open a crossing or frontier between them."""
    return word in ("open", "reopen") and not target and len({a.ref.code for a in source if a.ref.code}) >= 2


def _joint(kind: str, word: str, source: Sequence[ArgActor], target: Sequence[ArgActor]) -> bool:
    """Whether an act of several parties with no one else named is an act among them: they
    agree, meet, cooperate or sign together. A target that is only one of the parties (the
    capital they met in: "Britain and India resumed talks in New Delhi") names no one else."""
    codes = {a.ref.code for a in source if a.ref.code}
    if len(codes) < 2 or any(a.ref.code not in codes for a in target):
        return False
    return (
        kind in ("AGREE", "CONSULT", "COOPERATE")
        or (kind == "SUPPORT" and word in W["signing"] | W["mutual_ties"])
        or (kind == "ASSAULT" and word in W["mutual_fighting"])  # "the two armies clashed"
    )


# ---- choosing among readings ------------------------------------------------------------------
def _borrow_targets(frames: list[Frame], proposals: Sequence[Proposal]) -> list[Frame]:
    """An outer reading without a target takes the target of a complement of its own type."""
    by_trigger = {f.proposal.trigger.i: f for f in frames}
    out = []
    for frame in frames:
        lender_at = frame.nesting.borrowed_target_from
        lender = by_trigger.get(proposals[lender_at].trigger.i) if lender_at is not None else None
        if not frame.roles.target and lender is not None and lender.roles.target:
            frame = replace(frame, roles=replace(frame.roles, target=lender.roles.target))
        out.append(frame)
    return out


def _split_reciprocal(frames: list[Frame]) -> list[Frame]:
    """ "Pristina and Belgrade blamed each other": one event per side, aimed at the others."""
    out = []
    for frame in frames:
        if not frame.roles.reciprocal:
            out.append(frame)
            continue
        for side in frame.roles.source:
            others = tuple(a for a in frame.roles.source if a.ref.code != side.ref.code)
            out.append(replace(frame, roles=Roles((side,), others)))
    return out


def _choose(frames: list[Frame], index: ActorIndex) -> list[Frame]:
    """One reading per act."""
    # On one light verb, the object's own reading wins over a modifier's ("issued arrest
    # warrants" is about warrants, not arrests).
    heads = {
        f.predicate.i
        for f in frames
        if f.proposal.noun and not f.proposal.bare_noun and f.trigger.dep_ != "compound"
    }
    frames = [f for f in frames if not (f.proposal.noun and f.trigger.dep_ == "compound" and f.predicate.i in heads)]
    # Light-verb readings win over the bare verb on the same predicate ("held talks").
    nouny = {f.predicate.i for f in frames if f.proposal.noun and not f.proposal.bare_noun}
    frames = [f for f in frames if f.proposal.noun or f.predicate.i not in nouny]
    # "US drone attacks have killed eight militants": an event noun that is the subject of an
    # event verb names the same act; the verb, which has the arguments, tells it. So does one
    # that says what the verb's act was ("launched missiles ... in its first direct attack").
    verbs = {f.predicate.i: f.proposal.entry.type for f in frames if not f.proposal.noun}
    restating = [f for f in frames if f.proposal.bare_noun and _restates(f, verbs)]
    lenders = {f.trigger.head.i: f for f in restating if f.trigger.dep_ == "nsubj"}
    lenders |= {f.trigger.head.head.i: f for f in restating if f.trigger.head.dep_ == "agent"}
    frames = [_complete(f, lenders.get(f.predicate.i)) for f in frames if not any(f is r for r in restating)]
    # "the talks between Baku and Yerevan were mediated by Moscow": one act, told with its mediator
    mediated = {f.trigger.i: f for f in frames if f.proposal.entry.mode == "third-party" and not f.reading.nested}
    told = {act.i for f in mediated.values() if (act := mediated_act(f.proposal, index)) is not None}
    frames = [
        f
        for f in frames
        if not (f.proposal.noun and f.trigger.i in told and f.proposal.entry.type == "CONSULT" and f.trigger.i not in mediated)
    ]
    # "killed one soldier and wounded two others": casualties joined to an attack are that
    # attack's toll, one event.
    assaults = {f.predicate.i for f in frames if not f.proposal.noun and f.proposal.entry.type == "ASSAULT"}
    frames = [
        f
        for f in frames
        if not (
            not f.proposal.noun
            and f.proposal.entry.lemma in W["casualty_verbs"]
            and f.predicate.dep_ == "conj"
            and f.predicate.head.i in assaults
        )
    ]
    # "stepped down, handing in her resignation": a participle tail whose noun names
    # the main verb's act again is that act, one event
    verb_kinds = {f.predicate.i: f.reading.type for f in frames if not f.proposal.noun}
    frames = [f for f in frames if not _retold_in_tail(f, verb_kinds)]
    # "students occupied faculties, demanding the files": what a protest demands is its
    # cause, part of the protest (PLOVER), not a request of its own
    protesting = {f.predicate.i for f in frames if f.reading.type == "PROTEST"}
    frames = [f for f in frames if not (f.reading.type == "REQUEST" and _protest_demand(f.predicate, protesting))]
    # "warned that Ankara would act in kind": a threat of one's own act is one event
    # (THREATEN); the warned-of act is part of it.
    inner_of_threats = {
        trigger
        for f in frames
        if f.proposal.entry.lemma == "warn" and _warns_of_own_action(f.proposal, f.roles.source, index)
        for trigger in f.nesting.reported
    }
    return [f for f in frames if not f.reading.nested and f.trigger.i not in inner_of_threats]


def _retold_in_tail(frame: Frame, verb_kinds: dict[int, str]) -> bool:
    """A noun reading carried by a participle tail of a verb that has the same reading."""
    verb = frame.predicate
    return (
        frame.proposal.noun
        and verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb_kinds.get(verb.head.i) == frame.reading.type
    )


def _protest_demand(verb: Token, protesting: set[int]) -> bool:
    """Whether a participle ("..., demanding new elections") hangs on a protest: a clause coded
    PROTEST, or one whose subject is protesters."""
    if verb.dep_ != "advcl" or verb.tag_ != "VBG":
        return False
    clause = verb.head
    while True:
        subject = subject_of(clause)[0]
        if clause.i in protesting or (subject is not None and lemma(subject) in W["protester_nouns"]):
            return True
        if clause.dep_ != "conj" or clause.head.i == clause.i:
            return False
        clause = clause.head


def _complete(frame: Frame, noun: Frame | None) -> Frame:
    """A verb whose subject is its own act named as a noun takes what the noun says and the verb
    does not: "a missile strike on Kharkiv killed seven" was aimed at Kharkiv."""
    if noun is None or frame.proposal.noun or noun.proposal.entry.type != frame.proposal.entry.type:
        return frame
    source = frame.roles.source or noun.roles.source
    codes = {a.ref.code for a in source}
    target = frame.roles.target or tuple(a for a in noun.roles.target if a.ref.code not in codes)
    return replace(frame, roles=replace(frame.roles, source=source, target=target))


def _in_question(token: Token) -> bool:
    """Whether an act is only what a question asks about ("asked whether Ankara would
    retaliate", "Asked about new strikes, the minister said ...", "Will Serbia accept the
    plan?", "whether Moscow backs it is unclear"): no one's act."""
    if asks(token.sent):
        return True
    if any(c.dep_ == "mark" and c.lower_ == "whether" for t in (token, *token.ancestors) for c in t.children):
        return True
    while token.head.i != token.i:
        head = token.head
        if lemma(head) in W["question_verbs"]:
            if token.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in token.children):
                return True
            if token.dep_ == "prep" and head.tag_ == "VBN" and not children(head, "nsubj", "nsubjpass"):
                return True  # "Asked about new strikes on the port, ..."
        token = head
    return False


def _attributive(trigger: Token) -> bool:
    """Whether a verb's -ing form only qualifies the noun it stands before ("the hacking group
    Homeland Justice", "fighting units"): an attribute, with no time, subject or object."""
    return (
        trigger.pos_ == "VERB"
        and trigger.tag_ == "VBG"
        and trigger.dep_ in ("amod", "compound")
        and trigger.i < trigger.head.i
        and not any(c.dep_ in ("dobj", "nsubj", "prep", "npadvmod") for c in trigger.children)
    )


def _warned_off(verb: Token) -> bool:
    """ "warned Athens against arming the islands": what the one warned must not do."""
    return any(
        c.dep_ == "pcomp" or c.tag_ == "VBG" or any(g.dep_ == "compound" and g.lower_.endswith("ing") for g in c.children)
        for p in children(verb, "prep")
        if p.lower_ == "against"
        for c in p.children
    )


def _in_name(token: Token) -> bool:
    """Whether a trigger word is part of a name ("the Committee to Protect Journalists", "the
    Union for Peace"): capitalised inside a sentence, where wire copy capitalises only names."""
    if not token.text.istitle() or token.is_sent_start or token.i == 0:
        return False
    return not token.doc[token.i - 1].is_punct  # after a colon or an opening quote a sentence starts


def _feared(token: Token) -> bool:
    """Whether an act noun is what a fear or a risk is of ("the fear of a Russian attack", "the
    risk of a Serbian incursion"): a topic, no act."""
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in ("of", "about") and lemma(head.head) in W["apprehension_nouns"]


def _trend(proposal: Proposal) -> bool:
    """Whether an act noun is the subject of a trend ("attacks by the group have decreased",
    "arrests rose by a third"): a count over time, not one act. Protests that grow are
    happening, and are left to `_happening`."""
    token = proposal.trigger
    return (
        proposal.entry.type != "PROTEST"
        and token.tag_ == "NNS"  # a count of acts; "cooperation has grown" tells a tie that grew
        and token.dep_ in ("nsubj", "nsubjpass")
        and lemma(token.head) in W["trend_verbs"]
    )


def _wished(token: Token) -> bool:
    """Whether an act is only wished for ("wants Armenia in the bloc one day", "hopes talks will
    resume", "is not seeking membership of the alliance"): an aspiration is a stance, no act."""
    while token.head.i != token.i:
        head = token.head
        if token.dep_ in ("xcomp", "ccomp"):
            if lemma(head) in W["desire_verbs"]:
                return True
            if lemma(head) == "seek" and any(c.dep_ == "neg" for c in head.children):
                return True
        token = head
    return False


def _happening(proposal: Proposal) -> bool:
    """A protest noun that is the subject of its clause is reported as taking place
    ("demonstrations continued in 19 cities"); its actors are coded where it happens."""
    token = proposal.trigger
    return proposal.entry.type == "PROTEST" and token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB"


# Nouns that name an act, or those who did it as doing it ("the attackers", "the gunmen"): in
# the definite, either points back to an act of its kind already told
_ACT_WORDS = {**EVENT_NOUN_TYPES, **W.table("act_agents")}


def _told_before(
    proposal: Proposal, kind: str, number: int, earlier: Sequence[Event], told: set[str] | frozenset[str]
) -> bool:
    """ "The strikes killed four fighters", "the rally was organised by students", "the talks,
    which ended late, were attended by ...": a definite description of an act, as the subject of
    its clause, once the story has told an act of its kind, is that act told again with its
    details or its toll (one act, one event); a new act comes with its own actor, not "the"."""
    act = _definite_subject_act(proposal)
    if act is None:
        return False
    kinds = set(_ACT_WORDS.get(act.lower_) or _ACT_WORDS.get(lemma(act)) or ())
    if proposal.noun:
        kinds.add(proposal.entry.type)
    if kind not in kinds:
        return False  # "the protests were broken up by police": a new act done to the old one
    # the lede may name the act in words that code no event of their own ("a rally", "talks")
    return kind in told or any(e.sentence < number and e.type == kind for e in earlier)


def _definite_subject_act(proposal: Proposal) -> Token | None:
    """The definite act noun ("the strikes", "the deal") that is, or is the subject of, a
    proposal's clause."""
    subjects = children(proposal.predicate, "nsubj", "nsubjpass")
    noun: Token | None = proposal.trigger if proposal.noun else (subjects[0] if subjects else None)
    if noun is None or noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    if not proposal.noun and not (noun.lower_ in _ACT_WORDS or lemma(noun) in _ACT_WORDS):
        return None
    if any(
        c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("NORP", "GPE", "ORG")
        for c in noun.children
        if c.dep_ in ("poss", "compound", "amod", "nmod")
    ):
        return None  # "Iran's strikes", "the Russian invasion": told with its author, as news
    if any(p.lower_ == "by" for p in children(noun, "prep")):
        return None  # "the signing of the accord by the three ministers": its doers named again
    if lemma(noun.head) in W["renewal_verbs"]:
        return None  # "the clashes resumed on Saturday": a new round of the act
    if auxiliaries(noun.head) & (W["modals"] | W["future"]):
        return None  # "the protests could go on for weeks": what may come next is news
    definite = any(c.dep_ == "det" and c.lower_ in W["definite"] for c in noun.children)
    return noun if definite else None


def _restates(frame: Frame, verbs: dict[int, str]) -> bool:
    """Whether a bare event noun names the act of an event verb it hangs on."""
    token = frame.trigger
    if token.dep_ == "nsubj":
        return token.head.i in verbs
    if token.dep_ == "pobj" and token.head.dep_ == "agent":  # "were killed by a missile strike"
        return verbs.get(token.head.head.i) == frame.proposal.entry.type
    if token.dep_ == "pobj" and token.head.lower_ in ("in", "as") and token.head.dep_ == "prep":
        return verbs.get(token.head.head.i) == frame.proposal.entry.type
    return False


def _warns_of_own_action(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> bool:
    """ "warned that Ankara would act in kind": a threat only if the warner would act."""
    source_codes = {a.ref.code for a in source}
    warned_of = [o for p in children(proposal.predicate, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    if any(reprisal(o) or lemma(o) in ("reply", "answer") for o in warned_of):
        return True  # "warned Tehran of serious consequences", "of a fitting reply"
    if any(set(EVENT_NOUN_TYPES.get(lemma(o), ())) & {"SANCTION", "COERCE", "ASSAULT"} for o in warned_of):
        return True  # "warns of harsher steps should Tehran enrich further"
    for clause in children(proposal.predicate, "ccomp", "xcomp"):
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if not auxes & (W["future"] | W["modals"] | {"must"}):
            continue
        if any(reprisal(t) for t in clause.subtree) or act_of_war(clause):
            return True  # "the shelling would be answered", "they will regret it", "would be a declaration of war"
        subject, _ = subject_of(clause)
        if subject is None:
            continue
        if subject.lower_ in ("we", "it"):
            return True
        if {a.ref.code for a in index.actors_of(subject)} & source_codes:
            return True
    return False


def _condemns_a_named_act(proposal: Proposal, index: ActorIndex) -> bool:
    """Whether what is condemned or rejected is a definite act or thing of no named author ("the discharge",
    "the move"), which the story, not the sentence, says is whose."""
    doc = proposal.trigger.doc
    token = doc[proposal.target_at] if proposal.target_at is not None else object_of(proposal.predicate)
    if token is not None and token.pos_ != "NOUN":
        # "called the discharge selfish", "called the move a provocation": the parse may hang
        # the thing judged under the judgement
        token = next((c for c in token.children if c.dep_ in ("nsubj", "compound") and c.pos_ == "NOUN"), None)
    return (
        token is not None
        and token.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in W["definite"] for c in token.children)
        and not index.covering(token)
        and not any(c.dep_ == "poss" for c in token.children)
    )


def _addressee(proposal: Proposal, source: Sequence[ArgActor], index: ActorIndex) -> list[ArgActor]:
    """ "Tehran told Copenhagen it would expel its envoy": an act announced to someone, that
    names no target of its own, is aimed at the one told."""
    verb = proposal.predicate
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "ccomp" or lemma(verb.head) not in W["speech"] | W["warning"]:
        return []
    own = {a.ref.code for a in source}
    told = [a for c in children(verb.head, "dobj", "dative", "iobj") for a in index.actors_of(c)]
    # "told reporters": the press is told, not aimed at
    return [a for a in told if a.ref.code not in own and a.ref.code is not None]


def _holder(proposal: Proposal, source: Sequence[ArgActor], earlier: Sequence[Event]) -> list[ArgActor]:
    """ "Iran seized a tanker ... London demanded the release of the ship": a demand to free
    or hand back is made of whoever seized or holds it, the author of the last seizure told
    (or, when the demander protested a detention, the one it protested to)."""
    predicate = proposal.predicate
    asked = [proposal.trigger] if proposal.noun else children(predicate, "dobj")
    asked += [o for h in (proposal.trigger, predicate) for p in children(h, "prep") if p.lower_ == "for" for o in children(p, "pobj")]
    if not any(lemma(t) in W["release_nouns"] for t in asked):
        return []
    own = {a.ref.code for a in source}
    for event in reversed(earlier):
        codes = {r.code for r in event.source}
        if event.type == "COERCE" and codes and not codes & own:
            return [ArgActor(r, None, "event", event.evidence.start, r.type) for r in event.source if r.code]
        if event.type in ("ACCUSE", "PROTEST") and codes and codes <= own:
            return [ArgActor(r, None, "event", event.evidence.start, r.type) for r in event.target if r.code and r.code not in own]
    return []


def _warns_of_things(proposal: Proposal, index: ActorIndex) -> bool:
    """Whether a warning is a forecast, of things no one named brings: every clause it reports
    has a subject that is no actor ("warned that the drought could worsen"), or, with no clause
    and no one it is told to, what it warns of names no one ("warned of a looming famine")."""
    verb = proposal.predicate
    clauses = children(verb, "ccomp")
    if clauses:
        # "warned that power plants could be targeted next": a passive naming no doer speaks of
        # what it befalls
        subjects = [subject_of(c)[0] or next(iter(children(c, "nsubjpass")), None) for c in clauses]
        return all(
            s is not None and s.pos_ != "PRON" and not index.actors_of(s) and not index.owner_of(s) for s in subjects
        )
    if object_of(verb) is not None or children(verb, "xcomp", "nsubjpass", "dative"):
        return False
    # "warned on Friday of ...": the parse may hang the "of" under a time phrase
    heads = [verb, *(o for p in children(verb, "prep") for o in children(p, "pobj"))]
    warned_of = [o for h in heads for p in children(h, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
    return bool(warned_of) and not any(
        a.ref.code and a.type != "agent"
        for o in warned_of
        for t in o.subtree
        if not (t.dep_ == "pobj" and t.head.lower_ in W["place_preps"])  # "an outbreak in Sudan"
        for a in index.covering(t)
    )


def _context(mode: str | None, sentence: Span) -> tuple[str, ...]:
    """PLOVER contexts the sentence's words point to."""
    words = {t.lower_ for t in sentence}
    found = ["cyber"] if mode == "cyber" or words & W["cyber_words"] else []
    found += [name for name, cues in W.table("contexts").items() if words & set(cues)]
    return tuple(found)


def _dedupe(events: Iterable[Event]) -> list[Event]:
    best: dict[tuple, Event] = {}
    for event in events:
        key = (
            event.sentence,
            event.type,
            tuple(r.code for r in event.source),
            tuple(r.code for r in event.target),
            event.modality,
            event.trigger.start if event.trigger else -1,
        )
        if key not in best or event.confidence > best[key].confidence:
            best[key] = event
    return sorted(best.values(), key=lambda e: (e.evidence.start, e.trigger.start if e.trigger else 0))


__all__ = ["EXTRACTOR", "EventExtractor", "Frame", "QUAD"]
