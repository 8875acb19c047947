"""Stances: who supports, opposes or stays neutral toward an actor, an event or a topic.

Two sources. Verbal events carry a stance (SUPPORT is support; ACCUSE, REJECT and THREATEN
are opposition) toward their target. And a small lexicon of stance expressions that are no
event of their own: "welcomed the agreement", "reacted strongly to", "views it as a threat",
"refrained from making a definitive statement". A negated stance ("does not view it as a
threat", "does not explicitly endorse") is neutral, not the opposite.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from actorgraph import __version__
from actorgraph.nlp.arguments import ActorIndex, ArgActor
from actorgraph.types import ActorRef, Document, Event, Polarity, Stance
from actorgraph.types import Span as TextSpan

EXTRACTOR = f"actorgraph.stances/{__version__}"

SUPPORT_VERBS = {
    "welcome",
    "support",
    "back",
    "endorse",
    "praise",
    "defend",
    "hail",
    "favour",
    "favor",
    "embrace",
    "applaud",
    "commend",
    "champion",
    "approve",
    "laud",
    "salute",
}
OPPOSE_VERBS = {
    "oppose",
    "criticise",
    "criticize",
    "condemn",
    "reject",
    "denounce",
    "slam",
    "decry",
    "deplore",
    "resist",
    "dispute",
    "contest",
    "challenge",
    "protest",
    "lambast",
    "lambaste",
}
NEUTRAL_VERBS = {"acknowledge", "note", "refrain", "abstain"}
THREAT_NOUNS = {
    "threat",
    "challenge",
    "danger",
    "provocation",
    "risk",
    "menace",
    "destabilizing",
    "destabilising",
    "illegitimate",
    "illegal",
    "unacceptable",
    "hostile",
    "aggressive",
    "unlawful",
    "dangerous",
    "aggression",
    "occupation",
    "enemy",
    "adversary",
    "terrorist",
    "terrorists",
    "persecution",
    "violation",
    "mistake",
}
PRAISE_NOUNS = {
    "partner",
    "ally",
    "friend",
    "success",
    "achievement",
    "milestone",
    "positive",
    "important",
    "historic",
    "welcome",
    "breakthrough",
    "guarantor",
    "contribution",
    "opportunity",
}
_SIGNING = {"sign", "signing", "ratify", "adopt"}
# topic words that name an agreement, which a signing or an agreeing event brings about
_ACCORDS = {"agreement", "pact", "deal", "declaration", "accord", "treaty"}
REACT = {"react", "respond"}
STRONG = {"strongly", "angrily", "furiously", "sharply", "harshly", "negatively"}
TOPICS = {
    "agreement",
    "pact",
    "deal",
    "declaration",
    "accord",
    "treaty",
    "plan",
    "proposal",
    "initiative",
    "decision",
    "alliance",
    "cooperation",
    "law",
    "move",
    "sanctions",
    "strikes",
    "attack",
    "bid",
    "membership",
    "policy",
    "resolution",
    "vote",
    "election",
    "elections",
    "dialogue",
    "talks",
    "ban",
    "reform",
    "reforms",
    "deployment",
    "independence",
    "sovereignty",
    "recognition",
    "accession",
    "secession",
    "mission",
    "regulation",
    "amendment",
    "amendments",
}
_EVENT_STANCE: dict[str, Polarity] = {"SUPPORT": "support", "ACCUSE": "oppose", "REJECT": "oppose", "THREATEN": "oppose"}


class StanceExtractor:
    """Stances of a story, from its events and from stance expressions."""

    def extract(self, doc: Doc, document: Document, index: ActorIndex, events: Sequence[Event]) -> list[Stance]:
        stances: list[Stance] = []
        for event in events:
            polarity: Polarity | None = _EVENT_STANCE.get(event.type)
            if polarity is None or event.modality == "hypothetical" or not event.source:
                continue
            trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if (
                event.trigger is not None
            ) else None
            if trigger is not None and len(trigger) and _unrealised(trigger.root):
                continue  # "would not object to": a negated event under a modal is a condition
            if event.modality == "negated":
                # not recognising someone is a stance against them; not endorsing, neutrality
                recognise = event.trigger is not None and event.trigger.text.lower().startswith("recogni")
                polarity = "oppose" if recognise else "neutral"
            sentence = next((s for s in index.sentences if s.start_char <= event.evidence.start < s.end_char), None)
            topic = _topic_of(doc, event, index) if sentence is not None else None
            signing = event.lemma in _SIGNING
            for holder in event.source:
                targets = [t for t in event.target if t.code != holder.code] if not signing else []
                if targets:
                    # "condemned the agreement": against its signatories, and about the signing
                    linked = _linked_event(topic, events, event) if topic is not None else None
                    for target in targets:
                        stances.append(_stance(document, holder, polarity, target, linked, None, event.evidence, 0.8))
                elif topic is not None or signing:
                    # the signatories stand behind the agreement their signing event is
                    linked = event.id if signing else _linked_event(topic, events, event)
                    stances.append(
                        _stance(
                            document, holder, polarity, None, linked, None if linked else topic, event.evidence, 0.75
                        )
                    )
        for sentence in index.sentences:
            if any(s <= sentence.start_char < e for s, e in document.headings):
                continue
            stances.extend(self._expressions(sentence, document, index, events))
        return _dedupe(stances)

    def _expressions(
        self, sentence: Span, document: Document, index: ActorIndex, events: Sequence[Event]
    ) -> list[Stance]:
        found = []
        for token in sentence:
            lemma = token.lemma_.lower()
            if token.pos_ not in ("VERB", "AUX", "ADJ"):
                continue
            polarity: Polarity | None = None
            obj: Token | None = None
            negated = any(c.dep_ == "neg" for c in token.children)
            if lemma in REACT and any(c.lower_ in STRONG for c in token.children):
                polarity, obj = "oppose", _pobj(token, "to")
            elif lemma in ("view", "see", "perceive", "regard", "consider", "describe", "call", "brand", "label"):
                complement = _pobj(token, "as") or next(
                    (c for c in token.children if c.dep_ in ("oprd", "ccomp", "xcomp")), None
                )
                words = {t.lemma_.lower() for t in complement.subtree} if complement is not None else set()
                if words & THREAT_NOUNS or words & PRAISE_NOUNS:
                    polarity = "oppose" if words & THREAT_NOUNS else "support"
                    obj = next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
                    if obj is None and complement is not None and complement.dep_ in ("ccomp", "xcomp", "oprd"):
                        obj = next((c for c in complement.children if c.dep_ in ("nsubj",)), None)
            elif lemma == "refrain" or (lemma == "decline" and any(c.lemma_ in ("comment",) for c in token.subtree)):
                polarity = "neutral"
                obj = _pobj(_first_prep(token, "about") or token, "about")
            elif lemma == "take" and any(c.lemma_ == "stance" for c in token.children):
                stance_noun = next(c for c in token.children if c.lemma_ == "stance")
                against = _pobj(stance_noun, "against")
                polarity, obj = ("oppose", against) if against is not None else ("neutral", _pobj(stance_noun, "on"))
            elif lemma in ("remain", "stay") and any(
                c.lower_ in ("neutral", "silent", "noncommittal") for c in token.children
            ):
                polarity = "neutral"
            elif lemma in NEUTRAL_VERBS and lemma == "acknowledge" or lemma in SUPPORT_VERBS | OPPOSE_VERBS and negated:
                polarity, obj = "neutral", next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
            if polarity is None or _unrealised(token):
                continue
            if negated and polarity == "oppose":
                polarity = "neutral"  # "does not view it as a threat"
            subject = next((c for c in token.children if c.dep_ in ("nsubj",)), None)
            if subject is None and token.dep_ in ("conj", "xcomp", "advcl"):
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            holders = index.actors_of(subject) if subject is not None else []
            if not holders:
                continue
            target_actors = index.actors_of(obj) if obj is not None and obj.pos_ != "PRON" else []
            holder_codes = {h.ref.code for h in holders}
            target_actors = [t for t in target_actors if t.ref.code not in holder_codes]
            topic = None
            if not target_actors and obj is not None:
                topic = _topic_word(obj) if obj.pos_ != "PRON" else _recent_topic(obj, index)
            start, end = sentence.start_char, sentence.end_char
            while end > start and document.text[end - 1].isspace():
                end -= 1
            evidence = TextSpan(start, end, document.text[start:end])
            for holder in holders:
                if target_actors:
                    for target in target_actors:
                        found.append(_stance(document, holder, polarity, target, None, None, evidence, 0.7))
                else:
                    linked = _linked_event(topic, events, None) if topic else None
                    found.append(
                        _stance(
                            document,
                            holder,
                            polarity,
                            None,
                            linked,
                            None if linked else (topic or "statement"),
                            evidence,
                            0.65,
                        )
                    )
        return found


_ASKING = {"urge", "ask", "call", "demand", "press", "request", "want", "expect", "encourage", "invite", "tell"}
_MAYBE = {"would", "could", "might", "may", "should", "must"}


def _unrealised(token: Token) -> bool:
    """A stance someone is asked to take, or might take, is nobody's stance yet.

    "urged Kosovo and Serbia to refrain from ...", "demanded that Skopje acknowledge ...",
    "Serbia would not object to ...": the verb sits under a verb of asking or carries a modal.
    A "would" in reported speech is the speaker's intention, held now: "he repeated that Serbia
    would not recognise ...".
    """
    clause = token
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    for aux in (c for c in token.children if c.dep_ == "aux" and c.lemma_.lower() in _MAYBE):
        if not (aux.lower_ == "would" and clause.dep_ == "ccomp"):
            return True
    current = token
    while current.dep_ in ("xcomp", "ccomp", "conj") and current.head is not current:
        current = current.head
        if current.lemma_.lower() in _ASKING:
            return True
    return False


def _pobj(token: Token | None, word: str) -> Token | None:
    if token is None:
        return None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == word:
            for inner in child.children:
                if inner.dep_ in ("pobj", "pcomp"):
                    return inner
    return None


def _first_prep(token: Token, word: str) -> Token | None:
    for inner in token.subtree:
        if inner.dep_ == "prep" and inner.lower_ == word:
            return inner.head
    return None


def _topic_word(token: Token) -> str:
    compounds = [c.text.lower() for c in token.children if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ")]
    return " ".join([*compounds[-2:], token.lemma_.lower()])


def _recent_topic(pronoun: Token, index: ActorIndex) -> str | None:
    """ "it" after "the agreement": the last topic noun in this or the previous sentence."""
    doc = pronoun.doc
    number = index.sentence_number(pronoun)
    start = index.sentences[max(0, number - 1)].start
    for token in reversed(doc[start : pronoun.i]):
        if token.pos_ == "NOUN" and token.lemma_.lower() in TOPICS:
            return _topic_word(token)
    return None


def _topic_of(doc: Doc, event: Event, index: ActorIndex) -> str | None:
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None:
        return None
    trigger = span.root
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "obj")), None)
    if obj is None:
        obj = next(
            (c for prep in trigger.children if prep.dep_ == "prep" for c in prep.children if c.dep_ == "pobj"), None
        )
    if obj is None:
        return None
    if obj.pos_ == "PRON":
        return _recent_topic(obj, index)
    return _topic_word(obj) if obj.lemma_.lower() in TOPICS or obj.pos_ == "NOUN" else None


def _linked_event(topic: str | None, events: Sequence[Event], exclude: Event | None) -> str | None:
    """The story's event a topic word refers to: "the agreement" → the signing of it."""
    if not topic:
        return None
    head = topic.split()[-1]
    for event in events:
        if event is exclude or event.trigger is None:
            continue
        if (
            event.type in ("SUPPORT", "AGREE")
            and head in _ACCORDS
            and any(word in event.evidence.text.lower() for word in (head, "agreement", "pact", "declaration"))
        ):
            return event.id
        if event.type in ("ASSAULT", "COERCE") and head in ("attack", "strikes", "strike", "attacks"):
            return event.id
        if event.type == "SANCTION" and head in ("sanctions", "decision", "ban"):
            return event.id
    return None


def _stance(
    document: Document,
    holder: ArgActor | ActorRef,
    polarity: Polarity,
    target: ArgActor | ActorRef | None,
    event_id: str | None,
    topic: str | None,
    evidence: TextSpan,
    confidence: float,
) -> Stance:
    holder_ref = holder.ref if isinstance(holder, ArgActor) else holder
    target_ref = target.ref if isinstance(target, ArgActor) else target
    key = (
        f"{document.id}|{holder_ref.code}|{holder_ref.name}|{polarity}|{target_ref}|{event_id}|{topic}|{evidence.start}"
    )
    return Stance(
        doc_id=document.id,
        id="s" + hashlib.sha1(key.encode()).hexdigest()[:12],
        holder=holder_ref,
        polarity=polarity,
        target_actor=target_ref,
        target_event=event_id,
        target_topic=topic,
        evidence=evidence,
        confidence=confidence,
        extractor=EXTRACTOR,
    )


def _dedupe(stances: list[Stance]) -> list[Stance]:
    seen: dict[tuple, Stance] = {}
    for stance in stances:
        target = stance.target_actor.code if stance.target_actor else stance.target_event or stance.target_topic
        key = (stance.holder.code, stance.holder.name, stance.polarity, target, stance.evidence.start)
        if key not in seen or stance.confidence > seen[key].confidence:
            seen[key] = stance
    return sorted(seen.values(), key=lambda s: s.evidence.start)
