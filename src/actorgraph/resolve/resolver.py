"""Actor phrases to coded actors: code, sector, canonical name, and the reason for each.

Resolution is date-aware: a person is coded by the office they held on the story's date,
and a title without a name ("Serbia's president") is resolved to whoever held that office
then, when the knowledge base knows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc

from actorgraph.nlp.actors import (
    AGENT,
    NER_ORG,
    NER_PERSON,
    ORG,
    PERSON,
    STATE,
    SURNAME,
    Phrase,
    Piece,
)
from actorgraph.nlp.syntax import seats_people
from actorgraph.nlp.words import W
from actorgraph.resolve.kb import Entry, KnowledgeBase
from actorgraph.resolve.phoenix import sector_of
from actorgraph.text import fold_key
from actorgraph.types import Actor, Mention, Resolution, Span

# Sectors that an agent word may impose on an organisation it qualifies ("NATO troops").
_SPECIFIC_SECTORS = {"MIL", "COP", "SPY", "LEG", "JUD"}
# Labels of a city's own institutions: with a capital they name the city, not the state.
_LOCAL_LABELS = {"municipality", "mayor", "city council", "city hall", "local government"}
# Agent labels that mean "the government" in general rather than a named body.
_GENERIC_LABELS = {"government", "officials", "authorities", "leadership", "administration"}


@dataclass(frozen=True, slots=True)
class Resolved:
    """One phrase, resolved: the key groups mentions of the same actor in a story."""

    key: str
    code: str | None
    sector: str | None
    name: str
    type: str
    kb_id: str | None
    score: float
    reason: str
    span: Span
    sentence: int
    via: str
    role: str | None = None
    # Further (code, sector) pairs the same words stand for: an imported actor with several
    # codes at once ("the Shire" → FRO, BIL, SAM) is that many actors.
    also: tuple[tuple[str | None, str | None], ...] = ()


def _entry(kb: KnowledgeBase, piece: Piece) -> Entry | None:
    return kb.entries.get(piece.best.entry_id) if piece.best else None


def _locus(kb: KnowledgeBase, piece: Piece, day: date | None) -> tuple[Entry | None, str]:
    entry = _entry(kb, piece)
    form = piece.best.form if piece.best else "name"
    if entry is not None and entry.roles and entry.kind in ("state", "organisation"):
        # A state or organisation with dated codes (an imported dictionary's): the one of the day.
        code, sector = entry.codes_at(day)[0]
        entry = replace(entry, code=code, sector=sector)
    return entry, form


def _agent(kb: KnowledgeBase, agents: Sequence[Piece]) -> Entry | None:
    # The head word is the last one ("Defense Minister", "Foreign Ministry"); earlier words
    # qualify it ("Deputy Prime Minister" -> the title).
    for piece in reversed(agents):
        entry = _entry(kb, piece)
        if entry is not None and entry.kind == "agent":
            return entry
    return None


def _person_for_office(kb: KnowledgeBase, code: str, label: str, day: date | None) -> Entry | None:
    """Who held the office `label` of `code` on `day` (None when unknown or ambiguous)."""
    found = [
        entry
        for entry, role in kb.offices.get((code, fold_key(label)), [])
        if (day is None and role.end is None) or (day is not None and role.active(day))
    ]
    return found[0] if len(found) == 1 else None


# Agent words that, with no state named, belong to the state the story is about; others
# (diplomats, peacekeepers, analysts, reporters) are as likely to be foreign.
_DOMESTIC_SECTORS = {"GOV", "COP", "JUD", "LEG", "OPP", "PTY", "CVL", "LAB", "EDU", "REL", "BUS", "HLH", "AGR"}
_FOREIGN_LABELS = {
    "diplomats",
    "diplomat",
    "ambassador",
    "embassy",
    "consulate",
    "envoy",
    "mediator",
    "peacekeepers",
    "mission",
    "delegation",
    "observers",
    "monitors",
    "analysts",
    "experts",
    "journalists",
    "reporters",
    "media",
    "researchers",
    "foreign ministers",
    "leaders",
    "leadership",
    "officials",
    "spokesperson",
    "migrants",
    "refugees",
    "hackers",
    "hacking group",
    "gunmen",
    "militants",
    "rebels",
    "international community",
}


# "Arnor former security officials", "an ex-minister": no longer in office.
_FORMER_INSIDE = re.compile(r"\b(?:former|ex)\b", re.I)
_FORMER_BEFORE = re.compile(r"\b(?:former\s+|ex-\s*)$", re.I)


def _former(text: str, phrase: Phrase, kb: KnowledgeBase) -> bool:
    """Whether the phrase's people are qualified by "former" (CAMEO's ELI, elites).

    Only people can be former office holders: "the former Yugoslav army" is the army of a
    state that was, not an elite.
    """
    head = _agent(kb, phrase.agents)
    if head is None or head.agent_kind == "institution":
        return False
    inside = text[phrase.start : phrase.agents[-1].start]
    return bool(_FORMER_INSIDE.search(inside) or _FORMER_BEFORE.search(text[max(0, phrase.start - 10) : phrase.start]))


def _segments(value: str | None) -> tuple[str, ...]:
    value = value or ""
    return tuple(value[i : i + 3] for i in range(0, len(value), 3))


@dataclass(frozen=True, slots=True)
class _Code:
    """A PETRARCH actor code: the actor's own code, then the agent segments after it."""

    code: str | None
    segments: tuple[str, ...] = ()

    def full(self) -> str:
        return (self.code or "---") + "".join(self.segments)

    def record(self) -> tuple[str | None, str | None]:
        """(code, sector) as an actor record carries them: ARNGOVELI → ARN, GOV."""
        return self.code, sector_of(self.segments)


def _with_agent(actor: _Code, agent: Entry, former: bool) -> _Code:
    """`actor` qualified by an imported agent, as PETRARCH mixes codes.

    `[~GOV]` adds GOV after the actor's code unless already there (ARN → ARNGOV; the White
    House's USAGOV stays), `[NGO~]` puts NGO before it (ARN → NGOARN). "former" makes the
    agent an elite: ARN + former security officials → ARNELI.
    """
    added = ("ELI",) if former and agent.placement != "before" else _segments(agent.sector)
    if not added:
        return actor
    if agent.placement == "before":
        own = (actor.code,) if actor.code else ()
        return _Code(added[0], added[1:] + own + actor.segments)
    # Only what the actor's code lacks: the Quibbler's HGWGOV + [~GOVMED] gives HGWGOVMED.
    return _Code(actor.code, actor.segments + tuple(s for s in added if s not in actor.segments))


def _petrarch_agents(kb: KnowledgeBase, phrase: Phrase) -> list[Entry] | None:
    """The phrase's agents in order, if any comes from an imported (PETRARCH) dictionary."""
    entries = [e for piece in phrase.agents if (e := _entry(kb, piece)) is not None and e.kind == "agent"]
    return entries if any(e.placement for e in entries) else None


def _actor_codes(locus: Entry | None, day: date | None) -> list[_Code]:
    if locus is None:
        return [_Code(None)]
    return [_Code(code, _segments(sector)) for code, sector in locus.codes_at(day)]


def _resolve_petrarch(
    phrase: Phrase,
    span: Span,
    kb: KnowledgeBase,
    agents: list[Entry],
    locus: Entry,
    day: date | None,
    text: str,
) -> Resolved:
    """An actor phrase with imported agents, coded as PETRARCH would: codes mixed in order."""
    former = _former(text, phrase, kb)
    codes = []
    for actor in _actor_codes(locus, day):
        for agent in agents:
            actor = _with_agent(actor, agent, former)
        codes.append(actor)
    (code, sector), also = codes[0].record(), tuple(c.record() for c in codes[1:])
    label = " ".join((a.label or a.name) for a in agents)
    return Resolved(
        key=f"agent:{'/'.join(c.full() for c in codes)}:{fold_key(label)}",
        code=code,
        sector=sector,
        name=f"{label} of {locus.name}",
        type="agent",
        kb_id=locus.id,
        score=0.85,
        reason=f"'{span.text}': {locus.name} ({locus.code or 'no code'}) + {' + '.join(_label_code(a) for a in agents)}"
        f"{' (former)' if former else ''} → {', '.join(c.full() for c in codes)}",
        span=span,
        sentence=phrase.sentence,
        via="kb",
        also=also,
    )


def _label_code(agent: Entry) -> str:
    """How an imported agent reads in a reason: `'Security Officials' [~GOV]`."""
    code = agent.sector or ""
    return (
        f"'{agent.label or agent.name}' [{code}~]"
        if agent.placement == "before"
        else f"'{agent.label or agent.name}' [~{code}]"
    )


def resolve_phrase(
    phrase: Phrase, text: str, kb: KnowledgeBase, day: date | None, context: tuple[str, str] | None = None
) -> Resolved | None:
    """Resolve one phrase; None when it names no actor worth recording.

    `context` is the state the story is about and why (its dateline, or the state it names
    most): generic domestic agents ("police", "the interior ministry", "students") with no
    state of their own in the text are taken to be of that state, with a lower score.
    """
    resolved = _resolve_phrase(phrase, text, kb, day, context)
    if resolved is not None:
        resolved = _local_party(resolved, context)
    locus = _entry(kb, phrase.loci[0]) if phrase.loci else None
    if resolved is None or locus is None or not locus.roles or locus.kind == "person":
        return resolved
    (code, sector), *others = locus.codes_at(day)
    codes = ", ".join(c or "no code" for c in (code, *(c for c, _ in others)))
    reason = f"{resolved.reason}; {locus.name} is coded {codes}"
    if any(role.dated for role in locus.roles):
        reason += f" as of {day.isoformat()}" if day else " (story undated)"
    if resolved.also or not others or resolved.code != code:
        return replace(resolved, reason=reason)
    # "Benelux officials": each of the codes, with what the phrase adds to it.
    also = tuple((each, resolved.sector if resolved.sector != sector else own) for each, own in others)
    return replace(resolved, also=also, reason=reason)


def _local_party(resolved: Resolved, context: tuple[str, str] | None) -> Resolved:
    """A party name many states share, named bare, belongs to the state the story is about."""
    if resolved.type != "party" or context is None or context[0] == resolved.code:
        return resolved
    words = resolved.span.text.lower().removeprefix("the ").split()
    if " ".join(words) not in W["generic_party_names"]:
        return resolved
    code = context[0]
    return replace(
        resolved,
        key=f"party:{code}:{fold_key(resolved.span.text)}",
        code=code,
        sector="PTY",
        name=f"{resolved.span.text.removeprefix('the ').removeprefix('The ')} ({code})",
        kb_id=None,
        score=min(resolved.score, 0.6),
        reason=f"{resolved.reason}; a name parties of many states share, in a story about {code} ({context[1]})",
    )


def _resolve_phrase(
    phrase: Phrase, text: str, kb: KnowledgeBase, day: date | None, context: tuple[str, str] | None
) -> Resolved | None:
    span = Span(phrase.start, phrase.end, text[phrase.start : phrase.end])
    agent = _agent(kb, phrase.agents)
    locus_piece = phrase.loci[0] if phrase.loci else None
    locus, locus_form = _locus(kb, locus_piece, day) if locus_piece else (None, "")
    when = f" as of {day.isoformat()}" if day else " (story undated: latest office)"

    imported = _petrarch_agents(kb, phrase)
    if imported is not None and phrase.person is None and locus is not None and locus.kind != "place":
        return _resolve_petrarch(phrase, span, kb, imported, locus, day, text)
    if agent is not None and agent.placement:
        # Elsewhere an imported agent counts as ours do, by the one sector its code names:
        # a title with a name, a place ("Mitrovica police"), or alone (then the story's state).
        agent = replace(agent, sector=sector_of(_segments(agent.sector)))

    if phrase.person is not None:
        return _resolve_person(phrase, span, kb, day, agent, locus, when, text, context)
    former = _former(text, phrase, kb)

    if agent is not None and locus is not None:
        label = agent.label or agent.name
        if locus.kind == "place":
            if not locus.code:
                return None
            state = kb.state(locus.code)
            place_name = text[locus_piece.start : locus_piece.end] if locus_piece is not None else locus.name
            state_name = state.name if state else locus.code
            return Resolved(
                key=f"local:{locus.code}:{fold_key(locus.name)}:{agent.sector}:{fold_key(label)}",
                code=locus.code,
                sector=agent.sector,
                name=f"{label} of {place_name}",
                type="agent",
                kb_id=locus.id,
                score=0.8,
                reason=f"'{span.text}': {place_name} is in {state_name} ({locus.code}); '{label}' → {agent.sector}",
                span=span,
                sentence=phrase.sentence,
                via="kb",
            )
        if locus.kind == "organisation":
            if agent.sector in _SPECIFIC_SECTORS and agent.sector != locus.sector:
                return Resolved(
                    key=f"agent:{locus.code}:{agent.sector}:{fold_key(label)}",
                    code=locus.code,
                    sector=agent.sector,
                    name=f"{label} of {locus.name}",
                    type="agent",
                    kb_id=locus.id,
                    score=0.85,
                    reason=f"'{span.text}': {locus.name} ({locus.code}) + '{label}' → {agent.sector}",
                    span=span,
                    sentence=phrase.sentence,
                    via="kb",
                )
            return _org(locus, span, phrase, score=0.9, extra=f" with '{label}'")
        if agent.agent_kind == "title" and locus.code and day is not None and not former:
            holder = _person_for_office(kb, locus.code, label, day)
            if holder is not None:
                role, how = holder.role_at(day)
                return Resolved(
                    key=f"kb:{holder.id}",
                    code=role.code if role else locus.code,
                    sector=role.sector if role else agent.sector,
                    name=holder.name,
                    type="person",
                    kb_id=holder.id,
                    score=0.8,
                    reason=f"office '{label}' of {locus.name} was held by {holder.name}{when}",
                    span=span,
                    sentence=phrase.sentence,
                    via="office",
                    role=role.title if role else None,
                )
        generic = fold_key(label) in _GENERIC_LABELS
        name = f"Government of {locus.name}" if generic else f"{label} of {locus.name}"
        if locus_form == "capital" and fold_key(label) in _LOCAL_LABELS and locus_piece is not None:
            # "Tirana Municipality" is the city's own administration, not the state's.
            city = text[locus_piece.start : locus_piece.end]
            return Resolved(
                key=f"local:{locus.code}:{fold_key(city)}:{fold_key(label)}",
                code=locus.code,
                sector=agent.sector,
                name=f"{label} of {city}",
                type="agent",
                kb_id=locus.id,
                score=0.85,
                reason=f"'{span.text}': local institution of {city}, capital of {locus.name} ({locus.code})",
                span=span,
                sentence=phrase.sentence,
                via="kb",
            )
        sector = "ELI" if former else agent.sector
        return Resolved(
            key=f"agent:{locus.code}:{sector}:{'government' if generic else fold_key(label)}",
            code=locus.code,
            sector=sector,
            name=f"Former {name[:1].lower()}{name[1:]}" if former else name,
            type="agent",
            kb_id=locus.id,
            score=0.85 if locus_form in ("name", "alias", "adjective") else 0.8,
            reason=f"'{span.text}': {locus_form} of {locus.name} → {locus.code}; '{label}'"
            f"{' (former: elite)' if former else ''} → {sector}",
            span=span,
            sentence=phrase.sentence,
            via="kb",
        )

    if agent is not None:
        if agent.agent_kind == "title" or phrase.heading:
            return None  # a bare title ("the president") is for coreference, not an actor
        label = agent.label or agent.name
        if former:
            agent = replace(agent, sector="ELI")
        if (
            context is not None
            and agent.sector in _DOMESTIC_SECTORS
            and fold_key(label) not in _FOREIGN_LABELS
            and (fold_key(span.text).split()[-1] not in _FOREIGN_LABELS)
        ):
            code, why = context
            state = kb.state(code)
            state_name = state.name if state else code
            generic = fold_key(label) in _GENERIC_LABELS
            return Resolved(
                key=f"agent:{code}:{agent.sector}:{'government' if generic else fold_key(label)}",
                code=code,
                sector=agent.sector,
                name=f"Government of {state_name}" if generic else f"{label} of {state_name}",
                type="agent",
                kb_id=state.id if state else None,
                score=0.55,
                reason=f"'{span.text}' names a kind of actor ({agent.sector}) and no state; {why}",
                span=span,
                sentence=phrase.sentence,
                via="context",
            )
        return Resolved(
            key=f"agent:-:{agent.sector}:{fold_key(label)}",
            code=None,
            sector=agent.sector,
            name=label,
            type="agent",
            kb_id=None,
            score=0.4,
            reason=f"'{span.text}' names a kind of actor ({agent.sector}); the text ties it to no state",
            span=span,
            sentence=phrase.sentence,
            via="kb",
        )

    if locus is not None and locus_piece is not None:
        if locus.kind == "place":
            return None  # a place on its own is where something happens, not who acts
        if locus.kind == "organisation":
            return _org(locus, span, phrase, score=0.95)
        if locus.kind == "state":
            best = locus_piece.best
            if best and best.form == "metonym":
                sector = best.sector
                named = (
                    best.surface if fold_key(locus.name) in fold_key(best.surface) else f"{best.surface} ({locus.name})"
                )
                return Resolved(
                    key=f"metonym:{locus.code}:{sector}:{fold_key(best.surface)}",
                    code=locus.code,
                    sector=sector,
                    name=named,
                    type="institution",
                    kb_id=locus.id,
                    score=0.9,
                    reason=f"'{span.text}' stands for an institution of {locus.name} ({sector})",
                    span=span,
                    sentence=phrase.sentence,
                    via="kb",
                )
            if best and best.form == "demonym":
                return Resolved(
                    key=f"people:{locus.code}",
                    code=locus.code,
                    sector="CVL",
                    name=f"People of {locus.name}",
                    type="people",
                    kb_id=locus.id,
                    score=0.75,
                    reason=f"demonym '{span.text}' → people of {locus.name}",
                    span=span,
                    sentence=phrase.sentence,
                    via="kb",
                )
            score = {"name": 0.99, "alias": 0.97, "capital": 0.85, "adjective": 0.9}.get(locus_form, 0.8)
            how = {
                "name": "name of",
                "alias": "another name of",
                "capital": "capital used for",
                "adjective": "adjective of",
            }.get(locus_form, "name of")
            return Resolved(
                key=f"kb:{locus.id}",
                code=locus.code,
                sector=None,
                name=locus.name,
                type="state",
                kb_id=locus.id,
                score=score,
                reason=f"'{span.text}': {how} {locus.name} ({locus.code})",
                span=span,
                sentence=phrase.sentence,
                via="kb",
            )
    if locus_piece is not None and locus_piece.kind == NER_ORG:
        if phrase.heading:
            return None
        return Resolved(
            key=f"ner:org:{fold_key(span.text)}",
            code=None,
            sector=None,
            name=_strip_article(span.text),
            type="organisation",
            kb_id=None,
            score=0.3,
            reason="organisation found by the entity recogniser; not in the knowledge base",
            span=span,
            sentence=phrase.sentence,
            via="ner",
        )
    return None


def _org(locus: Entry, span: Span, phrase: Phrase, *, score: float, extra: str = "") -> Resolved:
    return Resolved(
        key=f"kb:{locus.id}",
        code=locus.code,
        sector=locus.sector,
        name=locus.name,
        type=locus.type,
        kb_id=locus.id,
        score=score,
        reason=f"'{span.text}' is {locus.name}{extra} → {locus.code or 'no code'}/{locus.sector or '-'}",
        span=span,
        sentence=phrase.sentence,
        via="kb",
    )


def _resolve_person(
    phrase: Phrase,
    span: Span,
    kb: KnowledgeBase,
    day: date | None,
    agent: Entry | None,
    locus: Entry | None,
    when: str,
    text: str,
    context: tuple[str, str] | None = None,
) -> Resolved | None:
    person = phrase.person
    assert person is not None
    title = (agent.label or agent.name) if agent else None
    entry = _entry(kb, person) if person.kind in (PERSON, SURNAME) else None
    if entry is not None and entry.kind == "person":
        candidates = [kb.entries[a.entry_id] for a in person.aliases if a.entry_id in kb.entries]
        if locus is not None and len(candidates) > 1:
            # Several people share the surname: prefer the one of the locus's state.
            matching = [c for c in candidates if any(r.code == locus.code for r in c.roles)]
            if matching:
                entry = matching[0]
        role, how = entry.role_at(day)
        code = role.code if role else entry.code
        sector = role.sector if role else entry.sector
        score = {"current": 0.95, "latest": 0.9, "former": 0.75, "future": 0.6}.get(how, 0.7)
        if person.kind == SURNAME:
            score -= 0.1
        reason = f"person '{entry.name}'"
        if role:
            reason += f": {how} office {role.describe()}{when}"
        if locus is not None and locus.code and code and locus.code != code:
            reason += f"; the text also names {locus.name}"
            score -= 0.15
        return Resolved(
            key=f"kb:{entry.id}",
            code=code,
            sector=sector,
            name=entry.name,
            type="person",
            kb_id=entry.id,
            score=round(score, 2),
            reason=reason,
            span=span,
            sentence=phrase.sentence,
            via="kb" if person.kind == PERSON else "surname",
            role=role.title if role else None,
        )
    # A person the knowledge base does not know: code and sector from the words around.
    name = text[person.start : person.end]
    code = locus.code if locus is not None else None
    sector = agent.sector if agent is not None else None
    if locus is not None and agent is None:
        sector = locus.sector if locus.kind == "organisation" else None
    imported = _petrarch_agents(kb, phrase)
    if imported is not None:
        actor = _actor_codes(locus, day)[0]
        for each in imported:
            actor = _with_agent(actor, each, _former(text, phrase, kb))
        code, sector = actor.record()
    elif agent is not None and _former(text, phrase, kb):
        sector = "ELI"  # "former army commander Ratko Mladić": CAMEO codes former office holders as elites
    parts = []
    if locus is not None:
        parts.append(f"{locus.name} → {locus.code}")
    if title:
        parts.append(f"title '{title}' → {sector}")
    listed = _entry(kb, person)
    if listed is not None and person.kind not in (PERSON, SURNAME, NER_PERSON):
        # A holder's name that the knowledge base codes like a state (imported dictionaries do)
        reason = f"'{name}' after a title: its holder, listed as {listed.code or 'no code'}"
    else:
        reason = "person not in the knowledge base"
    reason += ("; " + ", ".join(parts)) if parts else "; no state or organisation in the phrase"
    score = 0.6 if code else 0.3
    if (
        code is None
        and context is not None
        and agent is not None
        and agent.sector in ("GOV", "MIL", "COP", "JUD", "LEG")
    ):
        # "Prime Minister X" in a story about one state: that state's office holder
        code, why = context
        score = 0.5
        reason += f"; {why}"
    return Resolved(
        key=f"ner:person:{fold_key(name)}",
        code=code,
        sector=sector,
        name=name,
        type="person",
        kb_id=None,
        score=score,
        reason=reason,
        span=span,
        sentence=phrase.sentence,
        via="ner" if person.kind == NER_PERSON else "kb",
        role=title,
    )


def _strip_article(value: str) -> str:
    for article in ("The ", "the "):
        if value.startswith(article):
            return value[len(article) :]
    return value


def group_actors(doc_id: str, resolved: Sequence[Resolved]) -> list[Actor]:
    """Mentions of the same actor in a story become one `Actor`, in order of first mention."""
    merged = _merge_unknown_surnames(resolved)
    order: list[str] = []
    by_key: dict[str, list[Resolved]] = {}
    for item in merged:
        if item.key not in by_key:
            order.append(item.key)
            by_key[item.key] = []
        by_key[item.key].append(item)
    actors = []
    for key in order:
        items = by_key[key]
        best = max(items, key=lambda r: r.score)
        # An unknown person named once with a title and once without keeps the titled coding.
        code = best.code or next((r.code for r in items if r.code), None)
        sector = best.sector or next((r.sector for r in items if r.sector), None)
        mentions = tuple(Mention(r.span, r.sentence, r.via) for r in sorted(items, key=lambda r: r.span.start))
        roles = tuple(dict.fromkeys(r.role for r in items if r.role))
        # One actor per code: the further codes of a many-coded actor share its mentions.
        for index, (each_code, each_sector) in enumerate(((code, sector), *best.also)):
            reason = best.reason
            if each_code and each_code.lower() in _CONTINUATORS:
                # a Soviet ministry of 1985 is Russia's to the contract (ISO 3166-1)
                reason += f"; {each_code} is continued by {_CONTINUATORS[each_code.lower()][0]}"
                each_code = _CONTINUATORS[each_code.lower()][0]
            actors.append(
                Actor(
                    doc_id=doc_id,
                    id=actor_id(doc_id, key if not index else f"{key}#{each_code}/{each_sector}"),
                    code=each_code,
                    sector=each_sector,
                    name=best.name,
                    type=best.type,
                    mentions=mentions,
                    resolution=Resolution(best.score, reason),
                    kb_id=best.kb_id,
                    roles=roles,
                )
            )
    return actors


_CONTINUATORS = W.table("continuators")


def _merge_unknown_surnames(resolved: Sequence[Resolved]) -> list[Resolved]:
    """'Ivan Horvat ... Horvat said': the bare surname joins the full name seen earlier."""
    full: dict[str, str] = {}
    out: list[Resolved] = []
    for item in resolved:
        if item.key.startswith("ner:person:"):
            words = item.name.split()
            if len(words) > 1:
                full.setdefault(fold_key(words[-1]), item.key)
            elif fold_key(item.name) in full:
                item = replace(item, key=full[fold_key(item.name)])
        out.append(item)
    return out


def link_appositions(resolved: Sequence[Resolved], doc: Doc) -> list[Resolved]:
    """A person the knowledge base does not know takes the code of the role set beside them:
    "Ana Petrova, Bulgaria's energy minister," and "Moldova's deputy premier, Ion Rusu," are
    BGR and MDA; "X, who leads the OSCE mission in Skopje," is OSCE. Later bare surnames follow
    the full name (`group_actors`)."""
    coded = [r for r in resolved if r.code and r.type != "person"]
    people = [r for r in resolved if r.code and r.type == "person"]
    out = []
    for item in resolved:
        if item.type == "person" and item.code is None and item.kb_id is None:
            role = _apposed_role(item, coded, people, doc)
            if role is not None:
                item = replace(
                    item,
                    code=role.code,
                    sector=role.sector if role.type != "state" else item.sector,
                    score=0.55,
                    reason=f"{item.reason}; set beside '{role.span.text}' → {role.code}"
                    + (f" {role.sector}" if role.sector and role.type != "state" else ""),
                )
        out.append(item)
    return out


def seat_metonyms(resolved: Sequence[Resolved], doc: Doc, kb: KnowledgeBase) -> list[Resolved]:
    """A city that seats an organisation stands for it when it acts ("Brussels wants Ankara to
    ..."), not where it is a place ("a summit in Brussels" stays in Belgium)."""
    seats = W.table("seats")
    out = []
    for item in resolved:
        organisation = seats.get(fold_key(item.span.text))
        if organisation and item.type == "state" and not _locative(item, doc):
            found = [e for e, _a in kb.lookup(organisation[0].replace("_", " ")) if e.kind == "organisation"]
            if found:
                entry = found[0]
                item = replace(
                    item,
                    key=f"kb:{entry.id}",
                    code=entry.code,
                    sector=entry.sector,
                    name=entry.name,
                    type=entry.type,
                    kb_id=entry.id,
                    reason=f"'{item.span.text}' acting: the seat of {entry.name} → {entry.code}/{entry.sector or '-'}",
                )
        out.append(item)
    return out


def _locative(item: Resolved, doc: Doc) -> bool:
    span = doc.char_span(item.span.start, item.span.end, alignment_mode="expand")
    if span is None:
        return True
    head = span.root
    if head.dep_ == "pobj" and head.head.lower_ == "in" and seats_people(head.head.head):
        return False  # "officials in Brussels" speak for what the city seats
    return (head.dep_ == "pobj" and head.head.lower_ in W["place_preps"]) or head.dep_ in ("compound", "npadvmod")


def _apposed_role(
    item: Resolved, coded: Sequence[Resolved], people: Sequence[Resolved], doc: Doc
) -> Resolved | None:
    span = doc.char_span(item.span.start, item.span.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    # Character ranges that describe the person: an apposition on either side, or a relative
    # clause of heading ("who leads ..."); the person's own words are never part of them.
    ranges = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos" and head.head.i < head.i:
        ranges.append((head.head.left_edge.idx, head.head.idx + len(head.head)))
    ranges += [
        (c.idx, c.right_edge.idx + len(c.right_edge))
        for c in head.children
        if c.dep_ == "relcl" and c.lemma_.lower() in W["heading_verbs"]
    ]
    for start, end in ranges:
        inside = [r for r in coded if start <= r.span.start and r.span.end <= end]
        if inside:
            # An office or body beats the bare state named in it ("Moldova's deputy premier").
            return next((r for r in inside if r.type != "state"), inside[0])
        served = [r for r in people if start <= r.span.start and r.span.end <= end and _serves(r, doc)]
        if served:
            return served[0]
    return None


def _serves(person: Resolved, doc: Doc) -> bool:
    """Whether a known person is whom the phrase around them serves ("an aide to President
    Putin", "a spokesman for Erdogan")."""
    span = doc.char_span(person.span.start, person.span.end, alignment_mode="expand")
    if span is None:
        return False
    prep = span.root.head
    return (
        span.root.dep_ == "pobj"
        and prep.lower_ in ("to", "of", "for")
        and prep.head.lemma_.lower() in W["serving_nouns"]
    )


def actor_id(doc_id: str, key: str) -> str:
    """A stable actor id: the same story and actor give the same id in every run."""
    return "a" + hashlib.sha1(f"{doc_id}\0{key}".encode()).hexdigest()[:12]


__all__ = ["Resolved", "resolve_phrase", "group_actors", "actor_id", "link_appositions", "seat_metonyms", "AGENT", "ORG", "STATE"]
