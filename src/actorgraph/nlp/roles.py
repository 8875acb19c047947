"""Argument roles: who did it (source) and to whom (target), read from the parse.

A proposal's reading names where its arguments are (`target` and `source` slots of the trigger
lexicon, or the `$`/`+` of a dictionary pattern). The defaults follow English syntax: the
subject acts, in either voice ("was shelled by Russian forces"); a noun's actor is its own
possessor or modifier ("Serbia's cooperation with Russia", "US strikes on Iran"); the target of
a nominal event is the object of its preposition, or the owner of what was acted on
("condemned Russia's drills", "an attack on Israel's embassy"). A target never repeats the
source unless the text says so ("blamed each other"), and an act that stays inside one state
falls to PLOVER's domestic conventions (`nlp.conventions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from actorgraph.nlp import conventions
from actorgraph.nlp.arguments import ActorIndex, ArgActor, unique_args
from actorgraph.nlp.proposals import Proposal
from actorgraph.nlp.syntax import (
    children,
    clause_head,
    condition_clause,
    describes,
    first_conjunct,
    is_passive,
    lemma,
    object_of,
    preps,
    reciprocal,
    small_clause_subject,
    speaker_conjunct,
    subject_of,
    sums_up_act,
)
from actorgraph.nlp.words import W
from actorgraph.types import ActorRef, Event

HOSTILE_ACTS = frozenset({"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
_NOUN_SOURCE = ("poss", "amod", "compound", "prep:by")


@dataclass(frozen=True, slots=True)
class Roles:
    """The actors of a proposal: who acted, on whom; `reciprocal` when each acted on the other."""

    source: tuple[ArgActor, ...]
    target: tuple[ArgActor, ...]
    reciprocal: bool = False


def noun_own_source(proposal: Proposal, index: ActorIndex) -> list[ArgActor]:
    """The actor a bare event noun names in its own phrase ("Serbia's cooperation"). For a noun
    whose possessor is usually its patient ("Putin's arrest"), the possessor acts when an "of"
    phrase names the patient ("Serbia's expulsion of two diplomats")."""
    entry = proposal.entry
    if "poss" in entry.target and any(p.lower_ == "of" for p in children(proposal.trigger, "prep")):
        owner = [a for c in children(proposal.trigger, "poss") for a in index.actors_of(c)]
        if owner:
            return owner
    return slot_actors(proposal, entry.source or _NOUN_SOURCE, index, ())


def _judged_move(predicate: Token, index: ActorIndex, source_codes: set[str | None]) -> list[ArgActor]:
    """ "ratified the bid, a move welcomed by Washington", "freed the prisoners, a step the US
    praised": a judgement of the act a clause summed up as "a move" is aimed at its doer."""
    if predicate.dep_ not in ("acl", "relcl"):
        return []
    doer = _move_doer(predicate.head)
    return [a for a in index.actors_of(doer) if a.ref.code not in source_codes] if doer is not None else []


def _move_doer(noun: Token) -> Token | None:
    """Who did the act a noun like "a move" sums up, when it follows that act's clause."""
    if not sums_up_act(noun):
        return None
    return subject_of(clause_head(noun.head))[0]


def _drawn_from(proposal: Proposal, index: ActorIndex) -> tuple[list[ArgActor], list[ArgActor]] | None:
    """ "vetoed the resolution, drawing condemnation from Paris": a reaction an act draws is
    made by whoever it comes from, at whoever drew it, not by the one who drew it."""
    if not proposal.noun:
        return None
    noun = first_conjunct(proposal.trigger)
    if noun.dep_ != "dobj" or lemma(noun.head) not in W["drawing_verbs"]:
        return None
    givers = [
        a
        for p in children(proposal.trigger, "prep") + children(noun.head, "prep")
        if p.lower_ == "from"
        for o in children(p, "pobj")
        for a in index.actors_of(o)
    ]
    if not givers:
        return None
    drawer, _ = subject_of(noun.head)
    if drawer is not None:
        drawer = _move_doer(drawer) or drawer  # "..., a move that drew condemnation from Paris"
    return givers, index.actors_of(drawer)


def assign_roles(proposal: Proposal, index: ActorIndex) -> Roles:
    """Source and target of a proposal, from its slots, the parse and PLOVER's conventions."""
    entry, kind = proposal.entry, proposal.entry.type
    mediated = mediated_roles(proposal, index)
    if mediated is not None:
        return mediated
    source = _source(proposal, index)
    target = slot_actors(proposal, entry.target, index, source)
    if proposal.target_at is not None:
        marked_at = proposal.trigger.doc[proposal.target_at]
        if is_act(marked_at):
            # "such steps stoked tensions": whoever made them, told here or before, not a
            # description the words happen to fit
            target = authors(marked_at, index) or target
        else:
            target = index.actors_of(marked_at) or index.owner_of(marked_at) or target
    drawn = _drawn_from(proposal, index)
    if drawn is not None:
        source, target = drawn
    if not target and not proposal.noun:
        target = _judged_move(proposal.predicate, index, {a.ref.code for a in source})
    if proposal.compound:
        target = []
    if proposal.reverse:
        source, target = target, source
    if proposal.noun and proposal.trigger.head.lower_ == "under":
        # "a US national was put under investigation", "the former minister is under investigation": the one
        # under it, not its author
        patient = children(proposal.predicate, "nsubjpass") or (
            children(proposal.predicate, "nsubj") if lemma(proposal.predicate) in W["under_verbs"] else []
        )
        if patient:
            target = index.actors_of(patient[0]) or target
            patients = {_key(a) for a in index.actors_of(patient[0])}
            source = [a for a in source if _key(a) not in patients]
    if reciprocal(proposal.predicate) and len({a.ref.code for a in source}) >= 2:
        # "Pristina and Belgrade blamed each other": each side is the other's target
        return Roles(tuple(source), tuple(source), reciprocal=True)
    source_keys = {_key(a) for a in source}
    source_codes = {a.ref.code for a in source}
    target = [a for a in target if _key(a) not in source_keys]
    if not target and not proposal.noun and "none" not in entry.target:
        target = [a for a in _shared_object(proposal.predicate, index) if a.ref.code not in source_codes]
    own = {code for code in source_codes if code}
    if kind not in ("ASSAULT", "COERCE", "PROTEST") and any(a.ref.code not in own for a in target):
        # "called off a meeting between Turkish and Greek generals": the other side is the target
        target = [a for a in target if a.ref.code not in own]
    if kind in ("THREATEN", "SANCTION", "REJECT", "ACCUSE"):
        # "North Korea warned it would resume": a state does not threaten, punish, rebuff or
        # blame itself; its own people or bodies it may
        target = [a for a in target if not (a.type == "state" and a.ref.code in own)]
    if "xobj" in entry.target and target and not slot_actors(proposal, [t for t in entry.target if t != "xobj"], index, source):
        # targets found inside a complement clause never repeat the source's own state
        target = [a for a in target if a.ref.code not in source_codes]
    if not target and proposal.noun and "none" not in entry.target:
        target = [a for a in _following_target(proposal.trigger, index) if _key(a) not in source_keys]
    if not target and proposal.noun and kind == "ASSAULT" and proposal.trigger.dep_ == "nsubj":
        # "an Israeli strike destroyed a depot near Hama": where the strike fell, told on the
        # verb it is the subject of
        done = proposal.trigger.head
        target = [a for a in conventions.where_of(done, done, index) if a.ref.code not in source_codes]
    if not target and not proposal.noun and kind in ("ASSAULT", "COERCE"):
        # "a missile strike on Kharkiv killed seven": the strike's aim, where its victims are no one's
        act = act_subject(proposal.predicate) or conventions.act_told_in(proposal.predicate)
        target = [a for a in _aim_of_act(act, index) if _key(a) not in source_keys]
    if not target and kind == "MOBILIZE":
        target = _across_a_border(proposal.trigger, index, source_codes)
    if not target and "none" not in entry.target:
        target = _fallback_target(proposal, index, source_keys)
        if not target and kind == "PROTEST":
            target = protest_addressee(source, index)
    source = _conventional_source(proposal, source, target, index)
    if entry.mode == "expel":
        # those expelled are foreigners: never of the expelling state, and only where named
        return Roles(tuple(source), tuple(a for a in target if a.ref.code and a.ref.code not in source_codes))
    deporting = {a.ref.code for a in source}
    if entry.mode == "deport" and any(a.ref.code not in deporting for a in target):
        # "Sudanese nationals in Chad were told to leave": the foreigners, not where they were
        target = [a for a in target if a.ref.code not in deporting]
    where = _where_force_fell(proposal, index) if kind in ("ASSAULT", "COERCE") else []
    if entry.mode == "cyber" and not where:
        # "hackers targeted ministry websites": an attack online comes from anywhere, so the
        # unnamed victims are of the state the story is about, not the attackers'
        where = [a for a in conventions.story_state(proposal.trigger, index) if a.ref.code not in source_codes]
        target = target or where
    return Roles(tuple(source), tuple(conventions.domestic(source, target, index, where)))


def mediated_roles(proposal: Proposal, index: ActorIndex) -> Roles | None:
    """Talks told as held through a mediator or host: the parties consulted the mediator ("a
    truce brokered by Egypt", "talks hosted by Oman", "under AU mediation"). None when the text
    names no parties, or tells the mediator's own act ("Oman hosted talks between ...",
    "France brokered a settlement"), where the mediator meets the parties."""
    if proposal.entry.mode != "third-party":
        return None
    found = _mediator_and_act(proposal, index)
    if found is None:
        return None
    mediator, act = found
    codes = {a.ref.code for a in mediator}
    parties = [a for a in _parties(act, proposal, index) if a.ref.code and a.ref.code not in codes]
    if not mediator or not parties:
        return None
    return Roles(tuple(unique_args(parties)), tuple(mediator))


def mediated_act(proposal: Proposal, index: ActorIndex) -> Token | None:
    """The talks a mediator's reading already tells, with their parties."""
    found = _mediator_and_act(proposal, index) if mediated_roles(proposal, index) is not None else None
    return found[1] if found is not None else None


def _mediator_and_act(proposal: Proposal, index: ActorIndex) -> tuple[list[ArgActor], Token] | None:
    """Who mediated, and the word for what was mediated (the talks, the deal, the signing)."""
    trigger, predicate = proposal.trigger, proposal.predicate
    if proposal.noun:
        if trigger.head.lower_ != "under" or trigger.head.head.i == trigger.head.i:
            return None
        owners = [c for c in trigger.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
        owners += [o for p in children(trigger, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
        return [a for o in owners for a in index.actors_of(o) if a.ref.code], trigger.head.head
    agents = [o for a in children(predicate, "agent") for o in children(a, "pobj")]
    if agents:
        act = predicate.head if predicate.dep_ == "acl" else next(iter(children(predicate, "nsubjpass")), None)
        if act is None:
            return None
        return [a for o in agents for a in index.actors_of(o) if a.ref.code], act
    return None


def _parties(act: Token, proposal: Proposal, index: ActorIndex) -> list[ArgActor]:
    """Those who talked: named "between" them, on the talks' own words, or as the doers of the
    clause the talks or deal belong to ("Iran freed them under a deal brokered by Oman")."""
    for holder in (act, proposal.predicate, proposal.trigger):
        between = preps(holder).get("between")
        if between is not None:
            found = index.actors_of(between)
            if found:
                return found
    own = [a for c in act.children if c.dep_ in ("poss", "amod", "compound") for a in index.actors_of(c)]
    if own:
        return own
    clause = act
    while clause.dep_ in ("pobj", "prep", "dobj", "nsubjpass", "conj", "appos") and clause.head.i != clause.i:
        clause = clause.head
    if clause.pos_ not in ("VERB", "AUX"):
        return []
    doers = [o for a in children(clause, "agent") for o in children(a, "pobj")]
    if doers:
        return [a for o in doers for a in index.actors_of(o)]
    subject = subject_of(clause)[0]
    if subject is None or subject.i == act.i or lemma(subject) in W["talk_nouns"] | W["agreement_nouns"]:
        return []
    return index.actors_of(subject)


def _key(arg: ArgActor) -> tuple[str | None, str | None, str]:
    return (arg.ref.code, arg.ref.sector, arg.ref.name)


def _named(subject: Token, index: ActorIndex) -> bool:
    return bool(index.covering(subject) or subject.pos_ == "PRON" or index.resolve_description(subject))


def _source(proposal: Proposal, index: ActorIndex) -> list[ArgActor]:
    entry = proposal.entry
    if proposal.source_at is not None:
        marked = index.actors_of(proposal.trigger.doc[proposal.source_at])
        if marked:
            return marked
    if proposal.bare_noun:
        return noun_own_source(proposal, index)
    if proposal.noun:
        # "reaffirmed Serbia's support for Ukraine": the possessor of the act did it
        owner = [a for c in children(proposal.trigger, "poss") for a in index.actors_of(c)]
        subject, _ = subject_of(proposal.predicate)
        if owner and _reflexive_owner(proposal, subject):
            # "ECOWAS, which Mali quit, sent its condolences": a pronoun owning the act of a
            # light verb is that verb's subject, whatever the nearest name is
            owner = index.actors_of(subject) or owner
        if owner and "subj" not in entry.target and "poss" not in entry.target:
            return owner
        source: list[ArgActor] = []
        if "subj" in entry.target:
            source = slot_actors(proposal, entry.source, index, ())  # "took delivery of Chinese systems"
        elif lemma(proposal.predicate) == "claim" or subject is not None:
            # "Serbia's cooperation ... has raised concerns": an event is no speaker
            named = subject is not None and (
                # "navies from Chile and Peru held drills": people sent from named states
                _named(subject, index) or (not is_act(subject) and any(p.lower_ == "from" for p in children(subject, "prep")))
            )
            source = index.actors_of(subject) if subject is not None and named else []
            if not source and subject is not None and proposal.predicate.i != proposal.trigger.i:
                # "UNICEF teams resumed shipments": a body named by its modifier
                source = [a for c in children(subject, "compound", "amod") for a in index.actors_of(c)]
        return source or slot_actors(proposal, entry.source or _NOUN_SOURCE, index, ())
    if entry.source:
        return slot_actors(proposal, entry.source, index, ())
    subject, _ = subject_of(proposal.predicate)
    if subject is None and entry.lemma == proposal.trigger.lower_ and children(proposal.predicate, "nsubjpass"):
        subject = children(proposal.predicate, "nsubjpass")[0]  # "Israel is opposed to ..."
    return index.actors_of(subject)


def _reflexive_owner(proposal: Proposal, subject: Token | None) -> bool:
    """Whether an act's possessor is a pronoun ("its", "their") standing for the subject of the
    verb that carries the act ("sent its condolences", "reaffirmed its support")."""
    if subject is None or proposal.predicate.i == proposal.trigger.i:
        return False
    return any(c.pos_ == "PRON" and c.lower_ in ("its", "their", "his", "her") for c in children(proposal.trigger, "poss"))


def _conventional_source(
    proposal: Proposal, source: list[ArgActor], target: Sequence[ArgActor], index: ActorIndex
) -> list[ArgActor]:
    """Sources PLOVER infers: protesters where they protest, authors of unclaimed attacks,
    the authorities behind an arrest or a ban that names no one."""
    kind, mode = proposal.entry.type, proposal.entry.mode
    if kind == "PROTEST" and source and all(a.ref.code is None for a in source):
        # "farmers blocked roads in Warsaw", "workers marched in Lagos"; placed nowhere,
        # a crowd is the story's
        places = conventions.where_of(proposal.trigger, proposal.predicate, index) or conventions.story_state(
            proposal.trigger, index
        )
        return [conventions.located(a, places[0]) for a in source] if places else places
    if kind == "PROTEST" and source and all(a.type == "people" for a in source):
        return conventions.residents(source, conventions.where_of(proposal.trigger, proposal.predicate, index), index)
    if kind == "PROTEST" and not source:
        return conventions.where_of(proposal.trigger, proposal.predicate, index) or conventions.story_state(
            proposal.trigger, index
        )
    if kind == "RETREAT" and mode == "resign" and source and all(a.ref.code is None for a in source):
        # "Ana Petrova quit as Bulgaria's energy minister": the office says whose
        owners = conventions.office_state(proposal.predicate, index)
        if owners:
            return owners
    if not source and mode in ("expel", "deport") and not proposal.noun:
        left = conventions.state_left(proposal.predicate, index)
        if left:
            return left
    if not source and kind == "ASSAULT":
        origin = conventions.fired_from(proposal.predicate, index)
        if origin:
            return origin
        # "six guards died in a firefight with Afghan fighters": the other side of the
        # fighting the dead fell in
        foe = _other_side_of_fighting(proposal.predicate, index)
        if foe:
            return foe
        # "were killed in Russian shelling of Kherson": the author of the attack they fell in
        act = conventions.act_told_in(proposal.predicate)
        found = [a for a in authors(act, index) if a.ref.code] if act is not None else []
        if found:
            return found
        # "three fighters were killed when a Turkish drone hit their vehicle": the clause that
        # says how names who did it
        for clause in children(proposal.predicate, "advcl"):
            if lemma(clause) in W["assault_verbs"]:
                found = index.actors_of(subject_of(clause)[0])
                if found:
                    return found
    if (
        kind == "ASSAULT"
        and source
        and all(a.ref.code is None and a.type in ("agent", "armed_group") for a in source)
    ):
        # "armed men raided a village near Gao": fighters no state is named for
        # are coded, as PLOVER codes unclaimed attacks, by where they struck
        subject = subject_of(proposal.predicate)[0]
        kin = subject is not None and any(
            any(a.ref.code for a in index.covering(t))
            or (t.dep_ == "amod" and lemma(t) in ("back", "support", "sponsor", "fund", "arm", "align", "finance"))
            for t in subject.subtree
        )
        places = conventions.where_of(proposal.trigger, proposal.predicate, index)
        if places and places[0].ref.code and not kin:  # "Iran-backed militias" are no one's, not Syria's
            return [conventions.located(a, places[0]) for a in source]
    undergone = "authorities" in proposal.entry.source or (proposal.noun and proposal.trigger.head.lower_ == "under")
    if not source and (
        (kind in ("ASSAULT", "COERCE") and mode != "cyber")
        or (kind == "ACCUSE" and mode in ("investigate", "allege") and (is_passive(proposal.predicate) or undergone))
    ):
        found = conventions.unattributed(proposal.trigger, proposal.predicate, proposal.noun, mode, index)
        if not found and (undergone or (kind == "COERCE" and mode in conventions.STATE_POWERS)):
            # "a dozen of its activists were held", "three activists face charges", "she is under
            # investigation": arrests, bans and charges are the state's doing
            found = conventions.authorities(target, proposal.trigger, index)
        return found
    return source


def _where_force_fell(proposal: Proposal, index: ActorIndex) -> list[ArgActor]:
    """The state an act struck in: its own "in" phrase, else the aim of the attack its toll was
    told in ("civilians were killed in shelling of Kherson")."""
    where = conventions.where_of(proposal.trigger, proposal.predicate, index)
    if where or proposal.noun:
        return where
    act = conventions.act_told_in(proposal.predicate)
    return [a for a in _aim_of_act(act, index) if a.type == "state"] if act is not None else []


def act_subject(predicate: Token) -> Token | None:
    """An attack named as the doer of a verb ("the raid on the camp killed twelve")."""
    if children(predicate, "nsubjpass"):
        return None
    subject = subject_of(predicate)[0]
    return subject if subject is not None and lemma(subject) in W["attack_nouns"] else None


def _aim_of_act(act: Token | None, index: ActorIndex) -> list[ArgActor]:
    """Whom an attack noun was aimed at: the owner of its "on"/"against" object, else where it fell."""
    if act is None:
        return []
    for prep in children(act, "prep"):
        if prep.lower_ in ("on", "against", "of"):
            for aim in children(prep, "pobj"):
                found = [a for a in index.actors_of(aim) or index.owner_of(aim) if a.ref.code]
                found = found or (conventions.placed_state(aim, index) if prep.lower_ == "of" else [])
                if found:
                    return found
    return conventions.where_act_fell(act, index)


def _other_side_of_fighting(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """Who the victims of a passive killing fought: "were wounded in a battle with Houthi units",
    "wounded in an attack by gunmen"."""
    if not children(predicate, "auxpass", "nsubjpass"):
        return []
    for prep in children(predicate, "prep"):
        if prep.lower_ not in ("in", "during"):
            continue
        for fight in children(prep, "pobj", "pcomp"):
            if lemma(fight) not in W["mutual_fighting"] | W["attack_nouns"]:
                continue
            for inner in children(fight, "prep"):
                if inner.lower_ in ("with", "by", "against"):
                    found = [a for o in children(inner, "pobj") for a in index.actors_of(o) if a.ref.code]
                    if found:
                        return found
    return []


# ---- slots ------------------------------------------------------------------------------------
# Acts done to others, never to oneself: a possessive pronoun in their target ("ordered its
# envoys to go home", "shelled their outposts") is not the source's own.
_OUTWARD = frozenset({"ASSAULT", "SANCTION", "ACCUSE", "THREATEN", "REJECT"})


def _not_own(proposal: Proposal, source: Sequence[ArgActor]) -> tuple[str | None, ...]:
    return tuple(a.ref.code for a in source if a.ref.code) if proposal.entry.type in _OUTWARD else ()


def slot_actors(
    proposal: Proposal, slots: Sequence[str], index: ActorIndex, source: Sequence[ArgActor]
) -> list[ArgActor]:
    """The actors of the first slot that names any."""
    for slot in slots:
        if slot == "none":
            return []
        found = _slot(proposal, slot, index, source)
        if found:
            return found
    return []


def _slot(proposal: Proposal, slot: str, index: ActorIndex, source: Sequence[ArgActor]) -> list[ArgActor]:
    token, predicate, noun = proposal.trigger, proposal.predicate, proposal.noun
    if slot == "subj":
        subject, _ = subject_of(predicate)
        if subject is None or proposal.bare_noun:
            return []
        return index.actors_of(subject) if not noun or _named(subject, index) else []
    if slot == "dobj":
        obj = object_of(predicate) if not noun else None
        if obj is None:
            return []
        found = [a for a in index.actors_of(obj) if a.via in ("mention", "coref", "anchored")]
        if not index.covering(obj) and index.paired_adjectives(obj):
            return index.paired_adjectives(obj)
        if not index.covering(obj) and obj.pos_ != "PRON" and (not describes(obj) or is_act(obj)):
            found = []  # "the sacking of the consulate" is an act, whoever it was done to
        return found or (conventions.placed_state(obj, index) if obj.i in index.places else [])  # "shelled Donetsk"
    if slot == "patient":
        # "Ankara was dismayed by Athens' step": the one a feeling is felt by
        return [a for s in children(predicate, "nsubjpass") for a in index.actors_of(s)]
    if slot == "iobj":
        return [a for d in children(predicate, "dative", "iobj") for a in index.actors_of(d)]
    if slot == "objowner":
        obj = (object_of(predicate) or small_clause_subject(predicate)) if not noun else None
        if noun:
            obj = next((c for p in children(token, "prep") if p.lower_ == "of" for c in children(p, "pobj")), None)
        # "condemned the attack on its consulate": an act belongs to its author
        found = (
            authors(obj, index)
            if obj is not None and not noun and is_act(obj)
            else index.owner_of(obj, _not_own(proposal, source))
        )
        if not found and obj is not None:
            found = conventions.placed_state(obj, index)  # "evacuated settlements in the Gaza Strip"
        return found
    if slot.startswith("prep:"):
        word = slot[5:]
        for holder in ([token] if noun else []) + [predicate]:
            target = preps(holder).get(word)
            if target is not None and target.dep_ in ("pobj", "pcomp"):
                found = (
                    index.actors_of(target)
                    or index.owner_of(target, _not_own(proposal, source))
                    or conventions.placed_state(target, index)
                )
                if found:
                    return found
        return []
    if slot == "xsubj":
        # "cleared the way for Slovakia to join the scheme": a "for ... to" clause counts too
        clauses = children(predicate, "ccomp", "xcomp") + [
            c for c in children(predicate, "advcl", "acl") if any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
        ]
        for clause in clauses:
            subject, _ = subject_of(clause)
            found = index.actors_of(subject)
            if found:
                return found
        return []
    if slot == "envoy":
        return _envoy_state(proposal, index, source)
    if slot == "host":
        # "the German ambassador to Iran was summoned": by the state the envoy is posted to
        envoy = _envoy(proposal)
        for prep in children(envoy, "prep") if envoy is not None else []:
            if prep.lower_ in ("to", "in"):
                for pobj in children(prep, "pobj"):
                    found = [a for a in index.actors_of(pobj) or conventions.placed_state(pobj, index) if a.ref.code]
                    if found:
                        return found
        return []
    if slot == "complement":
        return _culprits(predicate, index)  # "termed the raid a provocation by Baku"
    if slot == "place":
        return conventions.where_of(token, predicate, index)  # "remained on alert in the West Bank"
    if slot == "premises":
        return _premises_owner(predicate, index)  # "rallied outside the Russian embassy"
    if slot == "cause":
        # "crowds furious at a foreign mining firm": what a crowd is angry at
        subject = subject_of(predicate)[0]
        for adjective in children(subject, "amod") if subject is not None else []:
            if lemma(adjective) in W["anger_words"]:
                found = [
                    a
                    for prep in children(adjective, "prep")
                    for inner in children(prep, "pobj")
                    for a in (index.actors_of(inner) or index.owner_of(inner))
                ]
                if found:
                    return found
        # "in defiance of Chinese authorities", "in protest at the decision of Serbia"
        for word, pobj in preps(predicate, depth=0).items():
            if word != "in" or lemma(pobj) not in ("defiance", "protest", "opposition", "anger"):
                continue
            found = [
                a
                for prep in children(pobj, "prep")
                if prep.lower_ in ("of", "against", "at", "over", "to")
                for inner in children(prep, "pobj")
                for a in (index.actors_of(inner) or index.owner_of(inner))
            ]
            if found:
                return found
        return []
    if slot == "xobj":
        return _complement_actors(proposal, index, {a.ref.code for a in source})
    if slot in ("poss", "amod", "compound", "nmod"):
        return [
            a
            for child in token.children
            if child.dep_ == slot or (slot == "amod" and child.dep_ == "nmod")
            for a in index.actors_of(child)
        ]
    return []


def _envoy(proposal: Proposal) -> Token | None:
    """The envoy a summons names: its object, or what "called in" takes."""
    found = object_of(proposal.predicate)
    if found is None:
        found = next((o for p in children(proposal.predicate, "prep") if p.lower_ == "in" for o in children(p, "pobj")), None)
    return found


def _envoy_state(proposal: Proposal, index: ActorIndex, source: Sequence[ArgActor]) -> list[ArgActor]:
    """The state a summoned envoy speaks for ("Iran's ambassador", "the ambassadors of Britain
    and France"): never the summoning state's own; a named envoy the text does not place
    speaks for the other side of the story."""
    envoy = _envoy(proposal)
    if envoy is None:
        return []
    own = {a.ref.code for a in source if a.ref.code}
    found = index.owner_of(envoy, tuple(own)) or index.actors_of(envoy)
    found = [a for a in found if a.ref.code and a.ref.code not in own]
    return found or (index.counterpart(own) if own else [])


def _complement_actors(proposal: Proposal, index: ActorIndex, source_codes: set[str | None]) -> list[ArgActor]:
    """An actor inside the act's complement or purpose clause: "refuses to recognise its
    independence", "to show their disapproval of the United States' policies"."""
    predicate = proposal.predicate
    clauses = children(predicate, "xcomp", "ccomp")
    clauses += [c for c in children(predicate, "advcl") if any(a.lower_ == "to" for a in c.children)]
    if proposal.noun:
        clauses += children(proposal.trigger, "acl")
    for clause in clauses:
        # not the clause's own subject, but a small clause's is the object: "to hold Iran accountable"
        own = {t.i for c in children(clause, "nsubj", "nsubjpass") for t in c.subtree} | _condition_rest(clause)
        own |= {t.i for v in clause.subtree if speaker_conjunct(v) is not None for t in v.subtree}
        candidates = [t for t in clause.subtree if t.i != clause.i and t.i not in own and not _go_between(t, clause)]
        found = unique_args(a for t in candidates for a in index.covering(t) if a.ref.code not in source_codes)
        # "refused to hand the suspects over to Ankara": a named state is aimed at, not the
        # people or forces the act handles
        found = [a for a in found if a.ref.code] or found
        if not found:
            # "refuses to recognise its independence": a possessive that is not the source's own
            found = unique_args(
                a
                for t in candidates
                if t.dep_ == "poss" and t.pos_ == "PRON"
                for a in index.resolve_pronoun(t, exclude=source_codes)
            )
        if found:
            return found
    return []


def _condition_rest(clause: Token) -> set[int]:
    """ "threatened to retaliate if Helsinki joined the alliance": of a condition only its
    subject is the one warned; what it would do or join is not aimed at."""
    return {
        t.i
        for adv in clause.subtree
        if condition_clause(adv)
        for c in (adv, *adv.children)
        if c.dep_ not in ("nsubj", "nsubjpass")
        for t in ((c,) if c is adv else c.subtree)
    }


def _premises_owner(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """The state whose embassy or consulate a crowd gathers at ("outside the French embassy",
    "in front of the embassy of Iran"): the one it addresses, not the host."""
    for token in predicate.subtree:
        if token.dep_ == "pobj" and lemma(token) in W["premises"] and token.head.lower_ in W["premises_preps"]:
            # the embassy's own modifiers, not the city it stands in
            named = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
            named += [o for p in children(token, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
            found = unique_args(a for c in named for a in index.actors_of(c) if a.ref.code)
            if found:
                return found
    return []


def _go_between(token: Token, clause: Token) -> bool:
    """Whether a token lies in a third party's part ("under a truce brokered by Qatar"): the
    broker of an act is neither its party nor whom it is aimed at."""
    for above in token.ancestors:
        if above.i == clause.i:
            return False
        if above.dep_ == "acl" and lemma(above) in W["go_between_verbs"]:
            return True
    return False


def _following_target(trigger: Token, index: ActorIndex) -> list[ArgActor]:
    """ "strikes on three sites in Iran" where the parser hung "on" elsewhere."""
    following = trigger.doc[trigger.i + 1] if trigger.i + 1 < len(trigger.doc) else None
    if following is None or following.lower_ not in ("on", "against") or following.dep_ != "prep":
        return []
    pobj = next((c for c in following.children if c.dep_ == "pobj"), None)
    return index.owner_of(pobj) if pobj is not None else []


def _across_a_border(trigger: Token, index: ActorIndex, source_codes: set[str | None]) -> list[ArgActor]:
    """Forces massed "along the frontier with Moldova", however the parser hung the phrase on:
    the state across the border is whom they face."""
    sentence = index.sentence(trigger)
    for token in sentence[trigger.i - sentence.start + 1 :]:
        found = [a for a in index.across(token) if a.ref.code and a.ref.code not in source_codes]
        if found:
            return found
    for token in sentence[trigger.i - sentence.start + 1 :]:
        if lemma(token) in W["border_nouns"] and _unnamed_side(token, index):
            # "moved troops closer to the frontier": in a story of two neighbours, the other's
            return index.counterpart(source_codes)
    return []


def _unnamed_side(border: Token, index: ActorIndex) -> bool:
    """A definite border whose phrase names no one ("the border", not "Poland's border")."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in border.children)
    return definite and not any(index.covering(t) or t.i in index.places for t in border.subtree if t.i != border.i)


def _fallback_target(proposal: Proposal, index: ActorIndex, source_keys: set) -> list[ArgActor]:
    """Targets the slots missed: in the complement, or where a material act happened."""
    kind = proposal.entry.type
    source_codes = {key[0] for key in source_keys}
    if kind in ("AGREE", "THREATEN", "REQUEST", "REJECT") and not proposal.noun:
        for clause in children(proposal.predicate, "xcomp", "ccomp"):
            found = [
                a
                for t in clause.subtree
                if t.i != clause.i and not _go_between(t, clause)
                for a in index.covering(t)
                if _key(a) not in source_keys and a.ref.code not in source_codes
            ]
            if found:
                return unique_args(found)
    obj = object_of(proposal.predicate) if not proposal.noun else None
    if obj is not None and obj.pos_ == "PRON":
        return []  # "they were attacked in Zvečan": whoever "they" are, not the place
    if kind in ("CONCEDE", "COOPERATE") and len(source_keys) >= 2:
        return []  # "the two sides signed a truce in Pretoria": where parties meet is a venue
    if kind in HOSTILE_ACTS | {"CONCEDE", "RETREAT", "AID", "COOPERATE"} and proposal.entry.mode != "expel":
        # where the act happened, the source's own state included ("Afghan rebels exploded
        # bombs in Kabul": AFG → AFG, as PLOVER codes domestic events)
        place = conventions.where_of(proposal.trigger, proposal.predicate, index)
        if place:
            return place
    return []


def protest_addressee(source: Sequence[ArgActor], index: ActorIndex) -> list[ArgActor]:
    """Protesters address their own government unless the text names another."""
    code = source[0].ref.code if source else None
    if not code:
        return []
    name = f"Government of {index.states.get(code, code)}"
    return [ArgActor(ActorRef(code, "GOV", name, "agent"), None, "implied", source[0].start, "agent")]


def _shared_object(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """ "fired on and seized three Ukrainian vessels", "established ties with and opened an
    embassy in Tehran": a preposition left without its object shares the next verb's."""
    dangling = [
        c
        for c in predicate.children
        if (c.dep_ == "prep" or (c.dep_ == "prt" and c.pos_ == "ADP")) and not children(c, "pobj", "pcomp")
    ]
    obj = object_of(predicate)
    if obj is not None:
        dangling += [c for c in obj.children if c.dep_ == "prep" and not children(c, "pobj", "pcomp")]
    if not dangling:
        return []
    for conj in children(predicate, "conj"):
        other = object_of(conj)
        if other is not None:
            found = index.actors_of(other) or index.owner_of(other)
            if found:
                return found
        for prep in children(conj, "prep"):
            for pobj in children(prep, "pobj"):
                found = index.actors_of(pobj)
                if found:
                    return found
    return []


# ---- acts named by nouns ----------------------------------------------------------------------
EVENT_NOUN_TYPES = W.table("event_nouns")


def is_act(token: Token) -> bool:
    """Whether a noun names an act someone did ("the attack", "Serbia's decision")."""
    return token.lower_ in EVENT_NOUN_TYPES or lemma(token) in EVENT_NOUN_TYPES


def authors(act: Token, index: ActorIndex) -> list[ArgActor]:
    """Who did an act named by a noun: its possessor or modifier, or the "by" phrase; not
    the one it was done to ("the attack on its consulate")."""
    for child in act.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            found = index.actors_of(child)
            if found:
                return found
    # "by X", "from X" anywhere in the act's own phrase ("the deportation of five people from an
    # Italian-run camp")
    for token in index.phrase_tokens(act, owner=True):
        if token.dep_ == "prep" and token.lower_ in ("by", "from", "between"):  # "the deal between A and B"
            found = [a for o in children(token, "pobj") for a in index.actors_of(o)]
            if found:
                return found
    return []


def _culprits(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """Who a characterisation blames: "a provocation by Baku", "Yerevan's aggression"."""
    heads = children(predicate, "oprd", "attr", "xcomp", "ccomp")
    heads += [o for p in children(predicate, "prep") if p.lower_ == "as" for o in children(p, "pobj")]
    if any(o.lower_ == "what" for o in children(predicate, "dobj")):
        # "a warning to what she called the rogue governments of Syria and Iran": the
        # label is the thing judged
        found = unique_args(a for head in heads for t in head.subtree for a in index.covering(t) if a.ref.code)
        if found:
            return found
    for head in heads:
        for token in head.subtree:
            if token.dep_ == "agent" or (token.dep_ == "prep" and token.lower_ == "by"):
                found = [a for o in children(token, "pobj") for a in index.actors_of(o)]
                if found:
                    return found
            # "Yerevan's aggression", not "a violation of Peru's sovereignty": the owner of
            # the label itself, not of what it says was wronged
            if token.dep_ == "poss" and not _under_patient_prep(token, head) and (token.head.i == head.i or (token.head.dep_ == "conj" and token.head.head.i == head.i)):
                found = index.actors_of(token)
                if found:
                    return found
    return []


def _under_patient_prep(token: Token, head: Token) -> bool:
    """ "a violation of Mexico's sovereignty", "an attack on Kenya's embassy": a possessor
    reached through such a preposition is the one wronged, not the culprit."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in W["patient_preps"]:
            return True
        token = token.head
    return False


def event_coreference(proposal: Proposal, source: Sequence[ArgActor], earlier: Sequence[Event]) -> list[ArgActor]:
    """ "The White House condemned the cyber attack", "expressed concern about the decision":
    the target is who carried out the act referred to."""
    named: list[Token] = []
    if proposal.noun:
        # "expressed concern about the decision", "voiced outrage at the attack" (the parser may
        # hang the preposition on the light verb)
        holders = [proposal.trigger] + ([proposal.predicate] if proposal.predicate.i != proposal.trigger.i else [])
        mentioned = [
            c for h in holders for p in children(h, "prep") if p.lower_ in W["about"] for c in children(p, "pobj")
        ][:1]
    else:
        obj = object_of(proposal.predicate)
        mentioned = [obj] if obj is not None else []
        # "reacted strongly to the agreement": what a reaction is to
        mentioned += [
            c for p in children(proposal.predicate, "prep") if p.lower_ in ("to", "against", "over") for c in children(p, "pobj")
        ]
        if proposal.target_at is not None:
            # "the attacks were unacceptable", "such steps stoked tensions": what a reported
            # judgement is about is an act already told, whatever its article
            named.append(proposal.trigger.doc[proposal.target_at])
            mentioned.append(named[-1])
        # "warned that the shelling would be answered": whoever shelled is threatened
        mentioned += [s for c in children(proposal.predicate, "ccomp") for s in children(c, "nsubj", "nsubjpass")]
        # "denounced what he termed a cowardly raid": the act is the one so named
        so_named = [
            o
            for c in children(proposal.predicate, "ccomp")
            if any(w.lower_ == "what" for w in children(c, "dobj", "nsubjpass"))
            for o in children(c, "oprd", "attr")
        ]
        named += so_named
        mentioned = so_named + mentioned
    source_codes = {a.ref.code for a in source}
    for token in mentioned:
        found = earlier_actors(token, earlier, source_codes, definite=token in named, judge=source_codes)
        if found:
            return found
        if token.lower_ in ("it", "this") and token.pos_ == "PRON":
            found = _last_act(token, earlier, source_codes)
            if found:
                return found
    return []


def _last_act(token: Token, earlier: Sequence[Event], exclude: set[str | None]) -> list[ArgActor]:
    """ "Jordan welcomed it too": a judgement of "it" just after an act judges that act,
    so it is aimed at whoever did it (only an act told within the last sentence or so)."""
    for event in reversed(earlier):
        if event.evidence.end < token.sent.start_char - 300:
            return []
        if event.source and not {r.code for r in event.source} & exclude and event.type not in ("ACCUSE", "SUPPORT"):
            return [ArgActor(r, None, "event", event.evidence.start, r.type) for r in event.source]
    return []


def earlier_actors(
    token: Token,
    earlier: Sequence[Event],
    exclude: set[str | None],
    *,
    definite: bool = False,
    judge: set[str | None] | None = None,
) -> list[ArgActor]:
    """The source of the earlier event a definite event noun ("the drills", "such a move") refers
    back to; `definite` when the phrase points back whatever its article ("what she called a
    despicable attack"). A `judge` of the act (who condemns or welcomes it) most often speaks of
    what was done to them: such an act comes first, then one told with the same word, then the
    first of its kind in the story, which is what its lede is about."""
    kinds = EVENT_NOUN_TYPES.get(token.lower_) or EVENT_NOUN_TYPES.get(lemma(token))
    if not kinds or not (definite or any(c.dep_ == "det" and c.lower_ in W["definite"] for c in token.children)):
        return []
    agreement = lemma(token) in W["agreement_nouns"]
    judges = {code for code in judge or () if code}
    candidates, domestic = [], []
    for event in reversed(earlier):
        if event.type not in kinds or not any(r.code for r in event.source):
            continue  # an act of no known author says nothing about whose it was
        if agreement and event.type == "SUPPORT" and event.lemma not in W["signing"]:
            continue  # "welcomed the deal": the one who signed it, not one who praised it
        codes = {r.code for r in event.source}
        if not codes & exclude:
            candidates.append(event)
        elif judges and codes <= judges and event.target and {r.code for r in event.target} <= codes:
            domestic.append(event)
    # "the premier termed the riots a plot against the state": an act inside the judge's own state,
    # when the story tells of no one else's, is aimed at that state (PLOVER's domestic events)
    candidates = candidates or domestic
    if not candidates:
        return []
    word = lemma(token)
    ranked = sorted(
        range(len(candidates)),
        key=lambda i: (
            not (judges and judges & {r.code for r in candidates[i].target}),
            not _same_word(word, candidates[i].lemma),
            -i,
        ),
    )
    named = candidates[ranked[0]]
    return [ArgActor(r, None, "event", named.evidence.start, r.type) for r in named.source if r.code]


def _same_word(noun: str, word: str | None) -> bool:
    """Whether an event noun and an event's trigger are one word ("bombing" and "bomb")."""
    if not word:
        return False
    stem = noun[:-3] if noun.endswith("ing") else noun.rstrip("s")
    return noun == word or (len(stem) >= 4 and word.startswith(stem)) or (len(word) >= 4 and stem.startswith(word))


__all__ = [
    "EVENT_NOUN_TYPES",
    "HOSTILE_ACTS",
    "Roles",
    "assign_roles",
    "authors",
    "earlier_actors",
    "event_coreference",
    "is_act",
    "noun_own_source",
    "protest_addressee",
    "slot_actors",
]
