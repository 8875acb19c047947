"""Modality and nesting: what a clause makes of its event, decided as values.

Two passes over the proposals of a sentence, neither of which depends on word order:

1. `read_clause` walks from each proposal's predicate up the parse and returns a `Clause`: its
   own negation, modals, conditions, futurity, whether it is background ("since last month's
   invasion"), and the proposal it is the complement of, if any ("agreed to *cooperate*",
   "accused Serbia of *destabilising* the region": part of the outer event, not one of its own).
2. `settle_nesting` then gives every outer proposal what its complements make of it ("vowed to
   attack" is a THREATEN; a threat takes its mode from the threatened act). It reads each
   complement's own reading, never one an earlier step rewrote, so "Iran will attack Israel,
   the government vowed" and "the government vowed Iran would attack Israel" agree.

`final_reading` applies PLOVER's rules for promised and conditional acts: a promised
cooperative act is AGREE, a promised or conditional hostile act THREATEN, "will not accept"
a REJECT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from actorgraph.nlp.lexicon import Trigger
from actorgraph.nlp.proposals import REPORTING, Proposal
from actorgraph.nlp.syntax import (
    auxiliaries,
    children,
    clause_head,
    complement_prep,
    condition,
    condition_clause,
    first_conjunct,
    future,
    lemma,
    no_longer,
    not_yet,
    refusing,
    reprisal,
    scheduled,
    speaker_conjunct,
    sums_up_act,
)
from actorgraph.nlp.words import W
from actorgraph.types import Modality

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})

HOSTILE_ACTS = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
# Acts done rather than said: one "long" done is a practice, while a demand or a charge "long"
# made is made again in the news
_MATERIAL = HOSTILE_ACTS | {"AID", "COOPERATE", "RETREAT", "CONCEDE"}
_THREAT_MODE = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "PROTEST": "restrict",
    "SANCTION": "relations",
}
_THREAT_MODE_BY_MODE = {"arrest": "arrest", "expel": "expel", "curfew": "restrict", "deport": "expel"}
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "pcomp", "pobj", "advcl", "prep", "acl", "dobj"}


@dataclass(frozen=True, slots=True)
class Clause:
    """What a proposal's own clause says about it."""

    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    conditional: str | None = None  # "if" or "unless"
    background: bool = False
    outer: int | None = None  # index of the proposal this one is a complement of
    reported_by_warning: int | None = None  # index of a "warned that ..." proposal over it
    request_for: int | None = None  # "met at Israel's request": the predicate the request was for
    standing: bool = False  # a state of long standing, not news ("stationed there since 1976")


@dataclass(frozen=True, slots=True)
class Reading:
    """The event a proposal codes after its clause and its complements are read."""

    type: str
    mode: str | None
    modality: Modality
    background: bool = False
    nested: bool = False


def threat_mode(entry: Trigger) -> str | None:
    """The THREATEN mode of a threatened act."""
    if entry.mode in _THREAT_MODE_BY_MODE:
        return _THREAT_MODE_BY_MODE[entry.mode]
    return _THREAT_MODE.get(entry.type)


def read_clause(number: int, proposals: Sequence[Proposal]) -> Clause:
    """The clause reading of proposal `number` among the proposals of its sentence."""
    proposal = proposals[number]
    predicate = proposal.predicate
    auxes = auxiliaries(predicate)
    # "would not hesitate to retaliate" affirms: its negation is part of the word
    litotes = any(n.kind == "negated" for n in proposal.entry.needs)
    negated = not litotes and (
        any(c.dep_ == "neg" for c in predicate.children)
        or any(
            c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod", "neg")
            for c in (*predicate.children, *proposal.trigger.children)
        )
        or no_longer(predicate)
        or not_yet(predicate)
        # "neither Athens nor Nicosia accepts it"
        or any(c.lower_ == "neither" for s in children(predicate, "nsubj", "nsubjpass") for c in s.children)
        # "arrested no one", "made no concession"
        or any(c.lower_ == "no" for o in children(predicate, "dobj") for c in o.children if c.dep_ == "det")
    )
    hypothetical = (
        bool(auxes & W["modals"])
        or any(
            c.lower_ in W["epistemic"] or (c.lower_ == "certainly" and any(g.lower_ == "almost" for g in c.children))
            for c in predicate.children
        )
        or (predicate.dep_ == "xcomp" and predicate.head.lower_ in W["expectation"])
        # "was preparing a major offensive", "plans a visit"
        or (proposal.noun and predicate.i != proposal.trigger.i and lemma(predicate) in W["hypothetical"])
    )
    by_predicate = {p.predicate.i: i for i, p in enumerate(proposals) if not p.noun or not p.bare_noun}
    by_trigger = {p.trigger.i: i for i, p in enumerate(proposals)}
    background = False
    warning: int | None = None
    request_for: int | None = None
    token = predicate
    path: list[str] = []
    independent = False  # a clause joined on with a subject of its own is no one's complement
    while token.head.i != token.i:
        dep, head = token.dep_, speaker_conjunct(token) or token.head
        path.append(dep)
        if dep == "conj" and children(token, "nsubj", "nsubjpass"):
            independent = True
        if sums_up_act(token) and path[:-1] in (["acl"], ["relcl"]):
            independent = True  # "..., a move welcomed by Washington": a judgement of the act, not part of it
        if condition_clause(token):
            hypothetical = True
        if dep in ("advcl", "relcl", "acl") and any(
            c.dep_ == "mark" and c.lower_ in W["background_marks"] for c in token.children
        ):
            background = True
        if dep == "pobj" and head.lower_ in W["background_preps"]:
            background = True
        if dep == "pobj" and head.lower_ in ("of", "to") and lemma(head.head) in W["cause_nouns"]:
            background = True  # "in the wake of a hanging", "in response to air raids"
        if dep == "relcl":
            background = True
        if dep == "prep" and token.lower_ == "by" and path[-2:-1] == ["pcomp"]:
            # "could answer by expelling its envoys": the means shares the modal of its end
            hypothetical = hypothetical or bool(auxiliaries(head) & W["modals"])
        outer_at = by_predicate.get(head.i)
        if outer_at is None and head.pos_ in ("NOUN", "PROPN"):
            outer_at = by_trigger.get(head.i)
        demand = _demand_of(token, proposals, by_trigger)
        if demand is not None:
            outer_at, dep = demand, "acl"
        adjunct = (
            "prep" in path and not (set(path) & {"pcomp", "xcomp", "ccomp"}) and not complement_prep(predicate, head)
        )
        if outer_at is not None and outer_at != number:
            outer = proposals[outer_at]
            if dep == "nsubjpass" and _undone_in_passive(path, proposal, outer):
                dep = "dobj"
            if adjunct and proposal.noun and proposal.entry.type == "REQUEST":
                request_for = head.i
            if outer.entry.lemma == "warn" and dep == "ccomp":
                # "Experts warned that Caracas might hit back": the warning reports someone
                # else's act, which is the event; a warning of one's own act is a threat.
                warning = outer_at
                token = head
                continue
            # "said the boats had illegally entered its waters carrying materials for the ship,
            # which it asked Hanoi to take down": a relative clause told inside a judgement is an
            # act of its own, not what is judged
            judged_aside = independent or (outer.entry.origin == "judgement" and "relcl" in path)
            # "told his opposite number by phone that the skirmish was Delhi's doing",
            # "concluded that Minsk was almost certainly behind it": a judgement told in a
            # call or stated as a finding is its own, not a part of the call or the agreement
            judged_aside = judged_aside or (
                proposal.entry.origin == "judgement"
                and dep == "ccomp"
                and lemma(head) in W["speech"] | W["finding_verbs"]
            )
            if not adjunct and not judged_aside and dep in _COMPLEMENT_DEPS and not _separate_clause(token, proposal, outer):
                return Clause(
                    negated,
                    hypothetical,
                    future(predicate),
                    condition(predicate),
                    background,
                    outer=outer_at,
                    reported_by_warning=warning,
                    request_for=request_for,
                    standing=standing(proposal),
                )
        base = lemma(head)
        if base in W["deny"] and dep in ("xcomp", "ccomp", "pcomp", "dobj", "prep"):
            negated = True
        if dep == "ccomp" and base in W["assertion_verbs"] and any(c.dep_ == "neg" for c in head.children):
            negated = True  # "does not mean that Peru is leaving the pact"
        if base in W["negating"] and dep in ("xcomp", "pcomp", "prep"):
            negated = True
        if base in W["hypothetical"] and dep in ("xcomp", "ccomp") and base not in REPORTING:
            hypothetical = True
        token = head
    return Clause(
        negated,
        hypothetical,
        future(predicate),
        condition(predicate),
        background,
        reported_by_warning=warning,
        request_for=request_for,
        standing=standing(proposal),
    )


def _demand_of(clause: Token, proposals: Sequence[Proposal], by_trigger: dict[int, int]) -> int | None:
    """ "has faced calls from Paris to sign the treaty": an infinitive the parser hung
    on the verb is what the demand that verb governs asks for, not an act of its own."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None
    for obj in children(clause.head, "dobj"):
        at = by_trigger.get(obj.i)
        if at is not None and proposals[at].noun and proposals[at].entry.type == "REQUEST" and obj.i < clause.i:
            return at
    return None


def _undone_in_passive(path: list[str], inner: Proposal, outer: Proposal) -> bool:
    """ "A visit by the minister was cancelled", "a charter severing ties with the capital
    was signed": the passive's subject is what the verb calls off or enacts, as its object is in
    the active. (An act judged in the passive, "the signing was criticised", stays told.)"""
    if path == ["nsubjpass"] and inner.noun:
        return outer.entry.type in ("REJECT", "SANCTION") and outer.entry.mode in ("meet", "discontinue")
    return path[-2:] == ["acl", "nsubjpass"] and outer.entry.lemma == "sign"


def standing(proposal: Proposal) -> bool:
    """Whether a clause describes a state of long standing rather than an act: "troops have been
    stationed there since 1976", "has been under sanctions since 2017", "Russia, which refuses
    to recognise Kosovo". (A demand "long urged" is still news: it is made again.) Such a state is the
    background of the news, and a stance where it is a position, but no event."""
    verb = clause_head(proposal.predicate)
    if (
        proposal.bare_noun
        and proposal.trigger.dep_ == "nsubj"
        and lemma(proposal.trigger.head) in ("continue", "remain")
        and proposal.entry.type not in HOSTILE_ACTS
    ):
        # "its refusal to recognise Kosovo remains a sore point"; but "protests continued in 19
        # cities" is an act happening again
        return True
    if verb.dep_ == "relcl" and verb.tag_ in ("VBZ", "VBP") and not proposal.noun:
        return True
    if (
        verb.dep_ == "relcl"
        and not proposal.noun
        and lemma(proposal.trigger) in W["side_verbs"]
        and (children(verb, "auxpass") or any(c.lower_ == "long" for c in children(verb, "advmod")))
    ):
        return True  # "Orban, who has long opposed it", "a party which is backed by Belgrade": where one stands
    first = first_conjunct(verb)  # "typically encrypts files and threatens to leak them"
    if any(
        c.dep_ == "advmod" and c.lower_ in W["habitual_adverbs"]
        for c in (*verb.children, *first.children, *proposal.trigger.children)
    ):
        return True  # "armed groups often attack convoys": what tends to happen, no one act
    if proposal.entry.type == "AID" and not proposal.noun and _simple_present(verb):
        # "Russia supplies Armenia with gas", "spends its gas revenue to pay pensions there": a
        # practice (a partner that "cooperates with NATO" is told as a tie, which the news codes)
        return True
    if proposal.entry.type == "COOPERATE" and lemma(proposal.trigger) == "join" and _in_a_year(verb):
        return True  # "joined the alliance in 2009": how long a membership has stood, not news
    if not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'s", "'ve") for c in verb.children):
        return False
    if _toll(proposal, verb):
        return True
    if proposal.entry.type in _MATERIAL and any(c.lower_ == "long" for c in children(verb, "advmod")):
        return True  # "has long supplied Yerevan with gas": a practice of long standing, no new act
    if not proposal.noun and lemma(proposal.trigger) in W["side_verbs"] and any(c.lower_ == "long" for c in children(verb, "advmod")):
        return True  # "Belgrade has long backed the Bosnian Serb leadership": a position held, no act
    since = [o for p in children(verb, "prep") if p.lower_ == "since" for o in children(p, "pobj")]
    if children(verb, "auxpass") and (
        any({lemma(o), o.lower_} & (W["event_nouns"] | W["upheavals"]) for o in since)
        or any(c.dep_ == "mark" and c.lower_ == "since" for a in children(verb, "advcl") for c in a.children)
    ):
        return True  # "the ports have been blockaded since the invasion": a state an old act left
    return any(
        lemma(o) in ("decade", "year") or any(t.shape_.startswith("dddd") for t in o.subtree) for o in since
    )


def _simple_present(verb: Token) -> bool:
    """Whether a clause, or the clause whose purpose it is ("spends X to pay for Y"), is in the simple
    present with no auxiliary: in the body of a story, what is done as a rule."""
    if verb.dep_ in ("xcomp", "advcl") and verb.tag_ == "VB" and any(c.lower_ == "to" for c in children(verb, "aux")):
        verb = verb.head
    return verb.tag_ in ("VBZ", "VBP") and not children(verb, "aux", "auxpass") and verb.dep_ in ("ROOT", "conj", "relcl")


def _in_a_year(verb: Token) -> bool:
    """Whether a clause is dated by a bare year ("in 2009"): news is dated by day or month."""
    return any(
        p.lower_ == "in" and o.shape_ == "dddd" for p in children(verb, "prep") for o in children(p, "pobj")
    )


def vows_reprisal(verb: Token) -> bool:
    """Whether what a promise promises is reprisal: a reprisal noun as its object ("promised a
    stern retaliation") or making someone pay ("swore to make Seoul pay")."""
    if any(reprisal(o) for o in children(verb, "dobj")):
        return True
    return any(
        lemma(c) == "make" and any(lemma(t) in ("pay", "regret", "suffer") for t in c.subtree if t.i != c.i)
        for c in children(verb, "xcomp")
    )


def warns_of_reprisal(verb: Token) -> bool:
    """Whether a warning to do something names what follows if it is not done."""
    return any(reprisal(t) for t in verb.subtree if t.i != verb.i)


def _toll(proposal: Proposal, verb: Token) -> bool:
    """ "Some 900 civilians have been killed in Darfur this year": a running toll, summed up in the perfect
    with no one named for it, counts what happened; the attacks it counts are told elsewhere. A
    toll that names its cause ("killed in fighting with Tajik forces") is still news."""
    if proposal.noun or lemma(proposal.trigger) not in W["casualty_verbs"] or not children(verb, "auxpass"):
        return False
    named = [t for t in verb.subtree if t.ent_type_ in ("GPE", "NORP", "ORG") and t.head.dep_ != "prep" or t.dep_ == "agent"]
    causes = [
        t
        for p in children(verb, "prep")
        if p.lower_ in ("in", "during", "by")
        for t in children(p, "pobj")
        if any(c.dep_ == "prep" and c.lower_ in ("with", "by", "between") for c in t.children)
    ]
    return not children(verb, "agent") and not causes and not named


def _separate_clause(token: Token, inner: Proposal, outer: Proposal) -> bool:
    """An adverbial clause is an act of its own ("condemned the attack, while welcoming the
    arrests"), unless it is a purpose ("to punish them") or restates the outer act in a
    participle ("criticised the decision, calling it a provocation")."""
    if token.dep_ == "acl" and inner.entry.mode == "third-party" and children(token, "agent"):
        return True  # "talks mediated by Qatar": the mediator's part is told of its own
    if token.dep_ == "prep" and token.lower_ in W["time_marks"] and inner.entry.type == "ACCUSE" and not inner.noun:
        return True  # "closed the crossing after accusing Tirana of ..."
    if token.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in token.children if c.dep_ in ("mark", "aux")}
    if marks & {"while", "whereas"}:
        return True  # two acts side by side
    if marks & W["time_marks"] and inner.entry.type == "ACCUSE":
        # "recalled its envoy after Rome blamed Cairo": the accusation is an act of its
        # own, told as the time of the news, subject or none
        return True
    if act_clause(token):
        return True  # other acts so told are their own only with a subject of their own
    if marks:
        return False  # a purpose, a time or a cause is part of the outer act's story
    return inner.entry.type != outer.entry.type


def act_clause(verb: Token) -> bool:
    """ "after Azerbaijani forces shelled villages, Armenia recalled its envoy": a time told as
    a finite clause with a subject of its own is an act of its own, not a part of the news."""
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ in W["act_marks"] for c in verb.children)
        and bool(children(verb, "nsubj", "nsubjpass"))
    )


def yields_ground(entry: Trigger) -> bool:
    """A retreat or concession by the actor itself, not one that lets others in or back
    ("allow inspectors", "will allow refugees to return"), which PLOVER's gold codes AGREE
    when promised."""
    if entry.type not in ("RETREAT", "CONCEDE"):
        return False
    return entry.mode != "access" and entry.lemma not in ("allow", "permit")


def final_reading(proposal: Proposal, clause: Clause) -> Reading:
    """A proposal's own reading: its type rewritten by promise, condition and refusal."""
    kind, mode = proposal.entry.type, proposal.entry.mode
    negated, hypothetical, is_future = clause.negated, clause.hypothetical, clause.future
    auxes = auxiliaries(proposal.predicate)
    if proposal.predicate.dep_ == "xcomp":
        auxes |= auxiliaries(proposal.predicate.head)  # "could decide to shut"
    if clause.conditional == "unless" and not negated and kind not in ("THREATEN", "REQUEST"):
        # "will withdraw its force unless ...": a conditional act is a threat.
        kind, mode = "THREATEN", threat_mode(proposal.entry)
        hypothetical, is_future = False, False
    elif clause.conditional == "if" and (is_future or auxes & {"may", "might", "could"}) and kind in HOSTILE_ACTS:
        kind, mode = "THREATEN", threat_mode(proposal.entry)
        hypothetical, is_future = False, False
    if kind == "AGREE" and not negated and proposal.entry.lemma in W["threat_vows"] | {"promise", "pledge"} and vows_reprisal(
        proposal.predicate
    ):
        kind, mode = "THREATEN", None  # "promised a befitting retaliation", "vowed to make Washington pay"
    if proposal.noun and kind in ("AID", "COOPERATE") and lemma(proposal.predicate) in W["pledging"]:
        kind, mode = "AGREE", None  # "offered Warsaw a loan": aid promised, not yet given
    if kind == "REQUEST" and proposal.entry.lemma in W["warning"] and warns_of_reprisal(proposal.predicate):
        kind, mode = "THREATEN", None  # "warned Tokyo to stop the drills or face the consequences"
    if negated and (is_future or refusing(proposal.predicate)) and kind in COOPERATIVE | {"AGREE"}:
        # "will not accept refugees", "would not recognise": a refusal, not a denial.
        kind, mode, negated = "REJECT", None, False
    if not negated and not hypothetical and yields_ground(proposal.entry) and scheduled(proposal.predicate):
        # "under the deal, the troops are to withdraw": an announced retreat (PLOVER: CONCEDE)
        kind, mode = "CONCEDE", None
    modality: Modality = "negated" if negated else "hypothetical" if hypothetical and not is_future else "asserted"
    if is_future and not negated and not hypothetical:
        # PLOVER: a promised cooperative act is AGREE, a promised hostile act THREATEN.
        # (PLOVER's gold codes a promised withdrawal or release as AGREE too, though its manual
        # hesitates; we follow the gold.)
        if kind in COOPERATIVE - {"CONCEDE"} or (kind == "CONCEDE" and proposal.entry.lemma in ("allow", "permit")):
            # A promised concession stays one (PLOVER's manual: CONCEDE + future does not reduce
            # to AGREE), but a promise to let others in or back ("will allow refugees to
            # return") promises access, which its gold codes AGREE.
            kind, mode = "AGREE", None
        elif kind in HOSTILE_ACTS - {"SANCTION", "MOBILIZE"}:
            kind, mode = "THREATEN", threat_mode(proposal.entry)
        elif kind == "MOBILIZE":
            modality = "hypothetical"  # an announced deployment that has not happened yet
    return Reading(kind, mode, modality, clause.background, clause.outer is not None)


@dataclass(frozen=True, slots=True)
class Nesting:
    """What an outer proposal takes from the complements nested in it."""

    type: str | None = None  # a type the complement imposes ("vowed to attack": THREATEN)
    mode: str | None = None
    reported: tuple[int, ...] = ()  # trigger indices of acts a warning reports
    borrowed_target_from: int | None = None  # a complement of the same type lends its target
    modality: Modality | None = None  # what the complement makes of the outer act's modality


def settle_nesting(proposals: Sequence[Proposal], clauses: Sequence[Clause]) -> list[Nesting]:
    """For each proposal, what its nested complements and reported warnings tell it.

    Reads only the complements' own entries, so the result is the same whatever order the
    words come in."""
    out = [Nesting() for _ in proposals]
    for number, clause in enumerate(clauses):
        inner = proposals[number]
        if clause.reported_by_warning is not None:
            at = clause.reported_by_warning
            current = out[at]
            out[at] = Nesting(
                current.type,
                current.mode,
                (*current.reported, inner.trigger.i),
                current.borrowed_target_from,
                current.modality,
            )
        if clause.outer is None:
            continue
        at, outer = clause.outer, proposals[clause.outer]
        current = out[at]
        kind, mode, modality = current.type, current.mode, current.modality
        if outer.entry.lemma in W["threat_vows"] and inner.entry.type in HOSTILE_ACTS:
            kind, mode = "THREATEN", threat_mode(inner.entry)
        elif outer.entry.type == "AGREE" and inner.entry.type == "AID" and inner.entry.lemma in ("forgive", "write", "cancel"):
            kind, mode = "AID", inner.entry.mode  # PLOVER: "agreed to forgive" a debt is the relief itself
        elif outer.entry.type == "AGREE" and yields_ground(inner.entry) and not clause.negated:
            # PLOVER: agreeing to withdraw, release or lift a ban is the concession itself
            # (RETREAT or CONCEDE + future do not reduce to AGREE).
            kind, mode = "CONCEDE", None
        elif outer.entry.type == "THREATEN" and not inner.noun and mode is None:
            mode = outer.entry.mode or threat_mode(inner.entry)
        elif outer.entry.lemma == "sign" and inner.entry.type in ("SANCTION", "COERCE") and not clause.negated:
            # a signed charter that severs every tie with the capital: what is signed is the
            # break itself, not support for anyone
            kind, mode = inner.entry.type, inner.entry.mode
        elif (
            agrees_on_measure(outer.entry, inner.entry)
            and not clause.negated
            and infinitive_of(inner.predicate, outer.predicate)
        ):
            # "EU governments agreed to impose sanctions on Minsk": partners settling on a measure
            # against a third promise it no cooperation; the measure is decided, not yet taken
            kind, mode, modality = inner.entry.type, inner.entry.mode, "hypothetical"
        borrowed = current.borrowed_target_from
        if borrowed is None and inner.entry.type == outer.entry.type:
            borrowed = number  # "criticised the decision, calling it a provocation by Pristina"
        out[at] = Nesting(kind, mode, current.reported, borrowed, modality)
    return out


def agrees_on_measure(outer: Trigger, inner: Trigger) -> bool:
    """Whether an agreement is to take a measure against someone ("agreed to impose sanctions",
    "agreed to expel the envoys"), not to cooperate. (Troops sent by agreement may be help.)"""
    return outer.type == "AGREE" and outer.lemma == "agree" and inner.type in ("SANCTION", "COERCE")


def infinitive_of(clause: Token, verb: Token) -> bool:
    """Whether a clause is what a verb governs as its infinitive ("agreed to impose ... and to
    expel"), not a time or cause hung on it ("agreed ... years after Riyadh cut ties")."""
    clause = first_conjunct(clause)
    return clause.dep_ == "xcomp" and clause.head.i == verb.i


def apply_nesting(reading: Reading, nesting: Nesting) -> Reading:
    """An outer reading with what its complements tell it."""
    if nesting.type is not None:
        modality = reading.modality
        if nesting.modality is not None and modality == "asserted":
            modality = nesting.modality
        return Reading(nesting.type, nesting.mode, modality, reading.background, reading.nested)
    if nesting.mode is not None and reading.type == "THREATEN":
        return Reading(reading.type, reading.mode or nesting.mode, reading.modality, reading.background, reading.nested)
    return reading


def is_commentator(token: Token) -> bool:
    """People whose warnings and predictions are forecasts ("analysts in Sarajevo warned")."""
    return lemma(token) in W["commentators"]


__all__ = [
    "COOPERATIVE",
    "HOSTILE_ACTS",
    "Clause",
    "Nesting",
    "Reading",
    "apply_nesting",
    "final_reading",
    "is_commentator",
    "read_clause",
    "settle_nesting",
    "threat_mode",
]
