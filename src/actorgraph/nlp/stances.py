"""Stances: positions a holder takes and keeps toward an actor, an agreement or a policy.

A stance is not a copy of every verbal event (see `eval/ANNOTATION.md`). Two sources:

* Events that state a position: support (backing, praising, endorsing, welcoming, defending,
  recognising, approving), and opposition to a policy, plan, agreement or recognition (opposing, vetoing, rejecting a plan, refusing to
  recognise, condemning a decision). An accusation, a condemnation of an attack, a demand or a
  threat is an event and no stance.
* Expressions that are no event of their own: "views it as a threat", "regards them as
  partners", "reacted strongly to", "took a firm stance against", "refrained from making a
  definitive statement", "remains neutral". A negated position ("does not see the drills as a danger",
  "does not explicitly endorse") is neutral, not the opposite.

One holder with one polarity in one sentence is one stance, however many targets it names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from actorgraph import __version__
from actorgraph.nlp.arguments import ActorIndex, ArgActor
from actorgraph.nlp.words import W
from actorgraph.types import ActorRef, Document, Event, Polarity, Stance
from actorgraph.types import Span as TextSpan

EXTRACTOR = f"actorgraph.stances/{__version__}"

SUPPORT_VERBS = W["support_verbs"]
OPPOSE_VERBS = W["oppose_verbs"]
NEUTRAL_VERBS = W["neutral_verbs"]
THREAT_NOUNS = W["threat_nouns"]
PRAISE_NOUNS = W["praise_nouns"]
_SIGNING = W["signing"]
# topic words that name an agreement, which a signing or an agreeing event brings about
_ACCORDS = W["accords"]
REACT = W["react_verbs"]
STRONG = W["strong_adverbs"]
TOPICS = W["topics"]
# Topics that are policies, plans or agreements, not acts: opposing one is a position.
POLICIES = TOPICS - W.table("event_nouns").keys() | W["accords"] | {"decision", "move", "ban", "sanctions"}
# Acts of support that are courtesies of a moment, not positions.
_COURTESIES = {"thank", "congratulate", "apologise", "apologize", "forgive", "invite"}


class StanceExtractor:
    """Stances of a story, from its events and from stance expressions."""

    def extract(self, doc: Doc, document: Document, index: ActorIndex, events: Sequence[Event]) -> list[Stance]:
        stances: list[Stance] = []
        for event in events:
            stance = self._from_event(doc, document, index, event, events)
            if stance is not None:
                stances.extend(stance)
        for sentence in index.sentences:
            if any(s <= sentence.start_char < e for s, e in document.headings):
                continue
            stances.extend(self._expressions(sentence, document, index, events))
        return _dedupe(stances)

    def _from_event(
        self, doc: Doc, document: Document, index: ActorIndex, event: Event, events: Sequence[Event]
    ) -> list[Stance] | None:
        if event.modality == "hypothetical" or not event.source:
            return None
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if (
            event.trigger is not None
        ) else None
        root = trigger.root if trigger is not None and len(trigger) else None
        if root is not None and _unrealised(root):
            return None  # "would not object to": a negated event under a modal is a condition
        # Signing is an act; that the signatories back the deal is the text's to say.
        signing = event.lemma in _SIGNING
        topic = _topic_of(doc, event, index)
        polarity: Polarity | None = None
        if signing:
            return None
        if event.type == "SUPPORT" and event.lemma not in _COURTESIES:
            polarity = "support"
        elif event.type in ("REJECT", "ACCUSE") and _about_policy(event, topic, root):
            polarity = "oppose"
        elif event.type == "PROTEST" and root is not None and _policy(_pobj(root, "against")):
            # "marched against the new pension law": protesting a policy is opposing it
            against = _pobj(root, "against")
            assert against is not None
            polarity, topic = "oppose", _topic_word(against)
        standing = root is not None and any(
            c.dep_ == "advmod" and c.lower_ in W["standing_adverbs"] for c in root.children
        )
        asked: str | None = None
        if polarity is None and standing:
            # "has long pressed Hanoi to free the bloggers", "has repeatedly accused Minsk":
            # a demand or a charge the text presents as held over time is a position
            if event.type == "REQUEST" and root is not None:
                asked = _requested(root)
                polarity = "support" if asked else None
            elif event.type in ("ACCUSE", "REJECT", "PROTEST") and (event.target or topic):
                polarity = "oppose"
        if polarity is None:
            return None
        if asked is not None:
            return [
                _stance(document, holder, "support", None, None, asked, event.evidence, 0.7) for holder in event.source
            ]
        if event.modality == "negated":
            # not recognising someone is a stance against them; not endorsing, neutrality
            recognise = event.lemma is not None and event.lemma.startswith("recogni")
            polarity = "oppose" if recognise else "neutral"
        linked = _linked_event(topic, events, event) if topic else None
        out = []
        for holder in event.source:
            targets = [t for t in event.target if t.code != holder.code]
            # one stance per holder: the first named target stands for a list of them
            target = targets[0] if targets else None
            # toward nothing the text names: the statement itself is what the stance is about
            about = None if linked or target else (topic or "statement")
            out.append(
                _stance(
                    document, holder, polarity, target, linked, about, event.evidence,
                    0.8 if target else 0.75,
                )
            )
        return out

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
                c.lower_ in ("neutral", "silent", "noncommittal", "impartial") for c in token.children
            ):
                polarity = "neutral"
            elif lemma == "stand" and (_pobj(token, "with") or _pobj(token, "behind") or _pobj(token, "by")) is not None:
                polarity, obj = "support", _pobj(token, "with") or _pobj(token, "behind") or _pobj(token, "by")
            elif lemma in SUPPORT_VERBS | POSITION_OPPOSE and not negated and _policy_object(token) is not None:
                # "defends the levy", "opposes the draft law", "is endorsed by the AU": a
                # position on a policy, plan or agreement (acts against actors are events)
                polarity = "support" if lemma in SUPPORT_VERBS else "oppose"
                obj = _policy_object(token)
            elif lemma in PROTEST_VERBS and _policy(_pobj(token, "against")):
                polarity, obj = "oppose", _pobj(token, "against")  # "marched against the pension law"
            elif lemma in NEUTRAL_VERBS and lemma == "acknowledge" or lemma in SUPPORT_VERBS | OPPOSE_VERBS and negated:
                polarity, obj = "neutral", next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
            elif lemma in W["position_verbs"]:
                # "favours a negotiated settlement", "respected every resolution"
                polarity, obj = "support", next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
            elif lemma == "look" and _pobj(_first_prep(token, "to") or token, "to") is not None and any(
                c.lower_ == "forward" for c in token.children
            ):
                polarity, obj = "support", _pobj(_first_prep(token, "to") or token, "to")  # "looked forward to"
            elif lemma == "be" and _pobj(token, "against") is not None:
                polarity, obj = "oppose", _pobj(token, "against")  # "is against the plan"
            elif _solidarity(token) is not None:
                polarity, obj = "support", _solidarity(token)  # "walked out in solidarity with the protests"
            if polarity is None or _unrealised(token):
                continue
            if negated and polarity == "oppose":
                polarity = "neutral"  # "does not see the drills as a danger"
            subject = next((c for c in token.children if c.dep_ in ("nsubj",)), None)
            agent = _pobj(next((c for c in token.children if c.dep_ == "agent"), None), "by") or next(
                (o for a in token.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None
            )
            if subject is None and agent is not None:
                subject = agent  # "a roadmap endorsed by the AU and ASEAN"
            if subject is None and token.dep_ in ("conj", "xcomp", "advcl"):
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in W["relative_pronouns"] and token.dep_ == "relcl":
                subject = token.head  # "Latvia, which sees the pact as a danger"
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


_ASKING = W["asking"]
_MAYBE = W["maybe"]


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


POSITION_OPPOSE = W["position_oppose"]
PROTEST_VERBS = W["protest_verbs"]


def _policy(token: Token | None) -> bool:
    return token is not None and token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in POLICIES | TOPICS


def _policy_object(token: Token) -> Token | None:
    """The policy a verb of position is about: its object, or in the passive its subject (the
    noun a relative clause hangs on: "the plan, which is backed by ...")."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj") and _policy(child):
            return child
        if child.dep_ == "nsubjpass":
            head = token.head if child.lower_ in W["relative_pronouns"] and token.dep_ == "relcl" else child
            if _policy(head):
                return head
        if child.dep_ == "prep" and child.lower_ == "to" and token.lemma_.lower() == "object":
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if _policy(inner):
                return inner
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN" and _policy(token.head):
        return token.head  # "the roadmap endorsed by the AU"
    return None


def _requested(verb: Token) -> str | None:
    """What a demand asks for, as a topic: "urged Serbia to normalise relations" → "normalise
    relations"."""
    for clause in verb.children:
        if clause.dep_ in ("xcomp", "ccomp") and clause.pos_ == "VERB":
            obj = next((c for c in clause.children if c.dep_ in ("dobj", "obj")), None)
            return f"{clause.lemma_.lower()} {_topic_word(obj)}" if obj is not None else clause.lemma_.lower()
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "for":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _topic_word(obj)
    return None


def _solidarity(token: Token) -> Token | None:
    """What a clause is done "in solidarity with" or "in support of"."""
    for prep in token.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and noun.lemma_.lower() in ("solidarity", "support"):
                return _pobj(noun, "with") or _pobj(noun, "of")
    return None


def _about_policy(event: Event, topic: str | None, root: Token | None) -> bool:
    """Whether a rejection or a condemnation is aimed at a policy, plan or agreement, or at
    recognising someone: a position, unlike an accusation about an act."""
    if event.lemma in ("oppose", "opposed", "veto", "object", "opposition", "objection"):
        return True
    if event.lemma is not None and event.lemma.startswith("recogni"):
        return True
    if root is not None and any(c.lemma_.lower().startswith("recogni") for c in root.subtree if c.dep_ == "xcomp"):
        return True  # "refuses to recognise its independence"
    return topic is not None and topic.split()[-1] in POLICIES


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
    compounds = [
        c.text.lower()
        for c in token.children
        if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ") and c.lower_ not in W["topic_fillers"]
    ]
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
    """One stance per holder, polarity and sentence: the one that says most (an actor target,
    then a linked event, then a topic)."""
    seen: dict[tuple, Stance] = {}
    for stance in stances:
        key = (stance.holder.code or stance.holder.name, stance.polarity, stance.evidence.start)
        if key not in seen or _weight(stance) > _weight(seen[key]):
            seen[key] = stance
    return sorted(seen.values(), key=lambda s: s.evidence.start)


def _weight(stance: Stance) -> tuple[bool, bool, float]:
    return (stance.target_actor is not None, stance.target_event is not None, stance.confidence)
