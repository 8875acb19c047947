"""PLOVER's conventions for actors the text does not name outright.

* Where: the state in which an act happened ("in Kosovo", or a place the knowledge base puts
  in one: "a jail in Dili") stands for that state.
* Unnamed authors: an attack or arrest nobody is named for is coded to the state where it
  happened ("a roadside bomb near Samarra killed a U.S. soldier": IRQ → USA).
* Domestic acts: a target the text ties to no state ("students", "the demonstration") belongs
  to the source's state; an act of one state's actors that names no other state targets that
  state ("Sudan's government lifted a state of emergency": SDN → SDN).
* Communities are coded where they act ("ethnic Albanians demonstrated in Serbia": SRB).

Each function is pure: it reads the parse and the actor index and returns actors.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from actorgraph.nlp.arguments import ActorIndex, ArgActor
from actorgraph.nlp.syntax import attributions, children, lemma, object_of, preps, subject_of
from actorgraph.nlp.words import W
from actorgraph.types import ActorRef, Place

# Acts only a state's authorities do: when the text names no one, they did it.
STATE_POWERS = frozenset({"arrest", "deport", "restrict", "curfew", "censor", "martial-law", "seize"})
_DOMESTIC_TYPES = {"CONCEDE", "RETREAT", "COERCE", "ASSAULT", "PROTEST", "REJECT", "AGREE", "ACCUSE", "REQUEST", "THREATEN"}
# Forces and police sent out at home are a domestic act; weapons tests and drills face no one.
_DOMESTIC_MOBILIZE = {"troops", "police", "militia"}


def placed_state(token: Token, index: ActorIndex) -> list[ArgActor]:
    """The state of a known place named in the phrase of `token` (not in its clauses)."""
    for inner in index.phrase_tokens(token):
        place = index.places.get(inner.i)
        if place is not None and place[1] and place[1] in index.states and inner.pos_ != "ADJ":
            code = place[1]
            ref = ActorRef(code, None, index.states[code], "state")
            return [ArgActor(ref, None, "location", inner.idx, "state")]
    return []


def location_actors(tokens: Sequence[Token | None], index: ActorIndex) -> list[ArgActor]:
    """The state where an act happened, from the "in/at/near" phrases of its words."""
    for token in tokens:
        if token is None:
            continue
        for word, pobj in preps(token, depth=1).items():
            if word not in ("in", "at", "near", "inside", "into") or pobj.dep_ != "pobj":
                continue
            if lemma(pobj) in W["not_places"] | W["attack_nouns"]:
                continue  # "in defiance of Chinese authorities", "in response to", "in Russian shelling"
            nested = [c for p in children(pobj, "prep") if p.lower_ in W["around"] for c in children(p, "pobj")]
            # "in the capital, Kabul", "into waters around Taiwan"
            for where in (pobj, *children(pobj, "appos"), *nested):
                states = [a for a in index.actors_of(where, anchor=False) if a.type == "state"]
                if states:
                    return states
                placed = placed_state(where, index)
                if placed:
                    return placed
    return []


def where_of(trigger: Token, predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """`location_actors` for an event's trigger, predicate and the predicate's object."""
    return location_actors((trigger, predicate, object_of(predicate)), index)


def where_act_fell(act: Token, index: ActorIndex) -> list[ArgActor]:
    """The state where an attack named by a noun fell, however deep its phrase names the place
    ("an ambush on a convoy near Timbuktu")."""
    return location_actors((act, *(o for p in children(act, "prep") for o in children(p, "pobj"))), index)


def act_told_in(predicate: Token) -> Token | None:
    """The attack a passive or intransitive toll was part of: "were killed in an attack on a
    market", "died in shelling of the town", "killed five in an ambush near Gao"."""
    for prep in children(predicate, "prep"):
        if prep.lower_ in ("in", "during"):
            for act in children(prep, "pobj"):
                if lemma(act) in W["attack_nouns"]:
                    return act
    return None


def unattributed(
    trigger: Token, predicate: Token, noun: bool, mode: str | None, index: ActorIndex
) -> list[ArgActor]:
    """The source PLOVER gives an attack or arrest nobody is named for: the state where it
    happened ("two men were arrested in Zvečan": authorities of Kosovo). Not for cyber attacks,
    which come from anywhere."""
    places = where_of(trigger, predicate, index)
    told_in = None if noun else act_told_in(predicate)
    if not places and told_in is not None:
        places = where_act_fell(told_in, index)
    if not places and not noun:
        subject, _ = subject_of(predicate)
        if subject is not None and not children(predicate, "nsubjpass") and lemma(subject) in W["attack_nouns"]:
            # "an attack on a police school in Bamako killed 70": where the attack fell
            places = where_act_fell(subject, index)
        if not places and subject is not None and not children(predicate, "nsubjpass"):
            for word, pobj in preps(subject, depth=0).items():
                if word in ("in", "at", "near", "outside", "inside") and pobj.dep_ == "pobj":
                    places = [a for a in index.actors_of(pobj, anchor=False) if a.type == "state"]
                    places = places or placed_state(pobj, index)
                    if places:
                        break
    out = []
    for place in places[:1]:
        code = place.ref.code
        if code is None:
            continue
        out.append(_stand_in(code, place.start, index, authorities=mode in ("arrest", "investigate", "allege", "deport", "seize")))
    return out


def fired_from(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """The state an unclaimed attack came from: "the posts were shelled from Pakistani
    territory", "rockets fired from Lebanon hit the town". Fire that crosses a border is the
    doing of the side it comes from (PLOVER's gold codes it so)."""
    subject = subject_of(predicate)[0]
    carriers = [predicate]
    if subject is not None and not children(predicate, "nsubjpass"):
        carriers += [c for c in children(subject, "acl") if c.tag_ == "VBN"]
    if predicate.dep_ in ("advcl", "conj") and lemma(predicate.head) in W["assault_verbs"]:
        carriers.append(predicate.head)  # the parse may make "fired from" the main verb
    for carrier in carriers:
        for prep in children(carrier, "prep"):
            if prep.lower_ != "from":
                continue
            for pobj in children(prep, "pobj"):
                states = [a for a in index.actors_of(pobj, anchor=False) if a.type == "state" and a.ref.code]
                states = states or placed_state(pobj, index)
                if states:
                    return [_stand_in(states[0].ref.code, states[0].start, index, authorities=False)]
    return []


def state_left(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """The authorities of the state people are told to leave, when the text names no one who
    told them: "diplomats were ordered to leave Estonia", "nationals in Chad were told to
    depart"."""
    places: list[ArgActor] = []
    for clause in children(predicate, "xcomp"):
        if lemma(clause) in ("leave", "quit", "depart"):
            for obj in children(clause, "dobj"):
                places = [a for a in index.actors_of(obj, anchor=False) if a.type == "state"] or placed_state(obj, index)
    places = places or where_of(predicate, predicate, index)
    return [_stand_in(p.ref.code, p.start, index, authorities=True) for p in places[:1] if p.ref.code is not None]


def authorities(target: Sequence[ArgActor], trigger: Token, index: ActorIndex) -> list[ArgActor]:
    """The authorities of the state whose people an act falls on, else of the story's state."""
    codes = [a.ref.code for a in target if a.ref.code in index.states]
    code = codes[0] if codes else index.salient_state(trigger)
    if code is None or code not in index.states:
        return []
    return [_stand_in(code, trigger.idx, index, authorities=True)]


def _stand_in(code: str | None, start: int, index: ActorIndex, *, authorities: bool) -> ArgActor:
    """The unnamed actor PLOVER codes by place: a state's authorities (arrests, expulsions,
    charges) or unidentified perpetrators there (attacks no one claimed)."""
    name = index.states.get(code or "", code)
    if authorities:
        ref = ActorRef(code, "GOV", f"Authorities of {name}", "agent")
    else:
        ref = ActorRef(code, None, f"Unidentified perpetrators ({name})", "agent")
    return ArgActor(ref, None, "location", start, "agent")


def story_state(trigger: Token, index: ActorIndex) -> list[ArgActor]:
    """The state a story is about, as an actor (for acts the text places nowhere else)."""
    code = index.salient_state(trigger)
    if code is None or code not in index.states:
        return []
    return [ArgActor(ActorRef(code, None, index.states[code], "state"), None, "location", trigger.idx, "state")]


def located(arg: ArgActor, place: ArgActor) -> ArgActor:
    """An uncoded group given the state where it acts ("students" in Tbilisi: GEO)."""
    code = place.ref.code
    ref = ActorRef(code, arg.ref.sector, f"{arg.ref.name} ({place.ref.name})", arg.type)
    return ArgActor(ref, arg.actor, "located", arg.start, arg.type)


def residents(source: Sequence[ArgActor], places: Sequence[ArgActor], index: ActorIndex) -> list[ArgActor]:
    """A community protesting where it lives is coded to that state, not to its kin state."""
    if len(places) != 1 or any(a.ref.code == places[0].ref.code for a in source):
        return list(source)
    code = places[0].ref.code
    if code is None:
        return list(source)
    return [
        ArgActor(
            ActorRef(code, "CVL", f"{a.ref.name} ({index.states.get(code, code)})", "people"),
            a.actor,
            "located",
            a.start,
            "people",
        )
        for a in source
    ]


def _sole_state(source: Sequence[ArgActor], index: ActorIndex) -> str | None:
    """The state code shared by every coded source, when there is exactly one."""
    codes = {a.ref.code for a in source if a.ref.code}
    code = next(iter(codes)) if len(codes) == 1 else None
    return code if code in index.states else None


def domestic(
    source: Sequence[ArgActor], target: Sequence[ArgActor], index: ActorIndex, where: Sequence[ArgActor] = ()
) -> list[ArgActor]:
    """Targets the text ties to no state ("students", "the demonstration") are, by PLOVER's
    convention for domestic events, of the source's own state; the victims of a force used
    abroad are of the state where it struck (`where`: "US drones killed militants in Pakistan")."""
    code = _sole_state(source, index)
    placed = where[0].ref.code if where and where[0].ref.code in index.states else None
    if placed is not None and placed != code:
        code = placed
    if code is None:
        return list(target)
    out = []
    for arg in target:
        # an agent given the story's state for want of another is re-placed where the force struck
        guessed = arg.ref.code is None or (placed is not None and arg.via == "anchored")
        if guessed and arg.type in ("agent", "people", "organisation") and not index.named_as_foreign(arg):
            name = arg.actor.name if arg.actor is not None else arg.ref.name
            ref = ActorRef(code, arg.ref.sector, f"{name} ({index.states[code]})", arg.type)
            out.append(ArgActor(ref, arg.actor, "domestic", arg.start, arg.type))
        else:
            out.append(arg)
    return out


def office_state(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """The state whose office a verb's "as" phrase names ("quit as Bulgaria's energy minister")."""
    office = [o for p in children(predicate, "prep") if p.lower_ == "as" for o in children(p, "pobj")]
    return [a for o in office for a in index.owner_of(o) if a.ref.code]


def domestic_default(
    kind: str,
    trigger: Token,
    source: Sequence[ArgActor],
    target: Sequence[ArgActor],
    index: ActorIndex,
    mode: str | None = None,
) -> list[ArgActor]:
    """With no target named, an act of one state's actors that mentions no other state is
    domestic: PLOVER codes its target as that state."""
    domestic_kind = kind in _DOMESTIC_TYPES or (kind == "MOBILIZE" and mode in _DOMESTIC_MOBILIZE)
    if target or not domestic_kind:
        return list(target)
    if kind in ("THREATEN", "SANCTION", "REJECT", "ACCUSE") and source and all(a.type == "state" for a in source):
        return []  # a state as such does not threaten, punish, rebuff or blame itself
    code = _sole_state(source, index)
    if code is None:
        return list(target)
    sentence = index.sentence(trigger)
    if kind == "MOBILIZE" and any(e.label_ == "LOC" for e in sentence.ents):
        return list(target)  # "placed guards aboard ships in the Red Sea": a sea or region is no home
    told = attributions(sentence)  # "according to an Oslo-based group" names no side
    others = {
        o.actor.code
        for t in sentence
        if t.i not in told
        for o in index.by_token.get(t.i, [])
        if o.actor.code and o.actor.code != code
    }
    others |= {
        c for t in sentence if t.i in index.places and t.i not in told for c in [index.places[t.i][1]] if c and c != code
    }
    # a people or place the knowledge base could not place ("Congolese", a misspelt country)
    unknown = any(
        ent.label_ in ("GPE", "NORP", "LOC") and not any(index.by_token.get(t.i) or t.i in index.places for t in ent)
        for ent in sentence.ents
    )
    if others or unknown:
        return list(target)
    ref = ActorRef(code, None, index.states[code], "state")
    return [ArgActor(ref, None, "domestic", trigger.idx, "state")]


def place_of(trigger: Token, predicate: Token, index: ActorIndex) -> Place | None:
    """Where an event happened, when its clause says so ("in Mitrovica", "at the border"), or a
    clause it belongs to does ("police clashed with protesters in Zvecan, injuring dozens"); a
    visit happens where the visitor goes ("visiting Sarajevo", "flew to Niamey")."""
    for token in (trigger, predicate, *_governing_clauses(predicate)):
        visit = lemma(token) in W["visit_words"]
        heads = [p for p in children(token, "prep") if p.lower_ in _LOCATIVE or (visit and p.lower_ == "to")]
        places = [o for p in heads for o in children(p, "pobj")]
        if visit:
            places += children(token, "dobj")
        for phrase in places:
            found = _place_in(phrase, index)
            if found is not None:
                return found
    return None


_LOCATIVE = ("in", "at", "near", "outside", "inside", "on")


def _place_in(phrase: Token, index: ActorIndex) -> Place | None:
    for inner in sorted(phrase.subtree, key=lambda t: t.i):
        # "in Serbian custody", "in Chinese waters" name a people, not where it happened
        if inner.pos_ == "ADJ" or inner.ent_type_ in ("NORP", "ORG"):
            continue
        if inner.i in index.places:
            name, code = index.places[inner.i]
            return Place(name=name, code=code)
    if phrase.ent_type_ in ("GPE", "LOC", "FAC"):
        start, end = phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge.text)
        return Place(name=index.document.text[start:end].removeprefix("the ").removeprefix("The "), code=None)
    return None


def _governing_clauses(predicate: Token) -> list[Token]:
    """The verbs whose clause contains the predicate's: "killing" in "attacked a village in Mali,
    killing 14" is placed by "attacked". Reported speech stops the climb: where something was
    said is not where it happened."""
    out = []
    token = predicate
    while token.dep_ in ("advcl", "conj", "xcomp") and token.head is not token:
        token = token.head
        if token.pos_ not in ("VERB", "AUX") or lemma(token) in W["speech"]:
            break
        out.append(token)
    return out


__all__ = [
    "STATE_POWERS",
    "act_told_in",
    "authorities",
    "domestic",
    "domestic_default",
    "located",
    "location_actors",
    "place_of",
    "placed_state",
    "residents",
    "story_state",
    "unattributed",
    "where_act_fell",
    "where_of",
]
