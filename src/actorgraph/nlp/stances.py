"""Stances: positions a holder takes and keeps toward an actor, an agreement or a policy.

A stance is not a copy of every verbal event (see `eval/ANNOTATION.md`). Two sources:

* Events that state a position: support (backing, praising, endorsing, welcoming, defending,
  recognising, approving), and opposition to a policy, plan, agreement or recognition (opposing,
  vetoing, rejecting a plan, a demand or an idea, refusing to recognise, to back or to join,
  labelling a policy hostile). An accusation, a condemnation of an attack or of one decision, a
  label on one act ("called the raid a crime"), a demand or a threat is an event and no stance.
* Expressions that are no event of their own: "views it as a threat", "regards them as
  partners", "reacted strongly to", "took a firm stance against", "refrained from making a
  definitive statement", "remains neutral", "wants independence", "voiced support for". A negated
  position ("does not see the drills as a danger", "does not explicitly endorse") is neutral, not
  the opposite; not recognising is opposition.

One holder with one polarity in one sentence is one stance, however many targets it names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from actorgraph import __version__
from actorgraph.nlp.arguments import ActorIndex, ArgActor
from actorgraph.nlp.proposals import reported_by
from actorgraph.nlp.syntax import asks, condition_clause, no_longer
from actorgraph.nlp.words import W, load_words
from actorgraph.types import ActorRef, Document, Event, Polarity, Stance
from actorgraph.types import Span as TextSpan

EXTRACTOR = f"actorgraph.stances/{__version__}"
# The stance extractor's own word classes, beside the coder's shared ones.
SW = load_words(Path(__file__).parent / "data" / "stance_words.txt")

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
POLICIES = TOPICS - W.table("event_nouns").keys() | W["accords"] | {"ban", "sanctions"} | SW["policy_nouns"]
_COURTESIES = SW["courtesies"]
LABELLING = SW["labelling_verbs"]
SINGLE_ACTS = SW["single_acts"]
LABELS_AGAINST = SW["labels_against"] | W["negative_words"] | W["threat_nouns"]
LABELS_FOR = W["praise_words"] | W["praise_nouns"]
POSITION_NOUNS = SW.table("position_nouns")
REFUSABLE = SW["refusable"]


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
        return _decided(_dedupe(stances))

    def _from_event(
        self, doc: Doc, document: Document, index: ActorIndex, event: Event, events: Sequence[Event]
    ) -> list[Stance] | None:
        if event.modality == "hypothetical":
            return None
        trigger = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand") if (
            event.trigger is not None
        ) else None
        root = trigger.root if trigger is not None and len(trigger) else None
        sources = list(event.source)
        if not sources:
            return None
        if root is not None and _unrealised(root):
            return None  # "would not object to": a negated event under a modal is a condition
        if _dropped(root) or _disowned(root) or _greeted(root, index) or (root is not None and _conditioned(root)):
            return None
        # Signing is an act; that the signatories back the deal is the text's to say.
        signing = event.lemma in _SIGNING
        topic = _topic_of(doc, event, index)
        polarity: Polarity | None = None
        if signing and (root is None or _ratified_bid(root, index) is None):
            return None
        labelling = root is not None and (
            root.lemma_.lower() in LABELLING
            # "denounced the levy as a betrayal": blame that names its label labels
            or (root.lemma_.lower() in OPPOSE_VERBS and _as_complement(root) is not None)
        )
        label = _label(root) if root is not None and labelling else None
        if event.type == "SUPPORT" and event.lemma not in _COURTESIES and not _material(root):
            polarity = "support"
        elif event.type == "ACCUSE" and root is not None and labelling:
            # what a label says decides: "called the levy a mistake" is a position, "called the
            # raid a crime" a reaction to one act (the label is None)
            if label is None:
                return None
            polarity = label[0]
            topic = _topic_word(label[1]) if label[1] is not None and label[1].pos_ != "PRON" else topic
        elif event.type == "REJECT" and root is not None and _refused_position(root) is not None:
            # "refused to join the sanctions", "refuses to back the amendments"
            polarity, topic = "oppose", _refused_position(root)
        elif event.type in ("REJECT", "ACCUSE") and _about_policy(event, topic, root):
            polarity = "oppose"
        elif event.type == "PROTEST" and root is not None and _policy(_pobj(root, "against")):
            # "marched against the new pension law": protesting a policy is opposing it
            against = _pobj(root, "against")
            assert against is not None
            polarity, topic = "oppose", _topic_word(against)
        standing = root is not None and (
            any(c.dep_ == "advmod" and c.lower_ in W["standing_adverbs"] for c in root.children) or _describing(root)
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
                _stance(document, holder, "support", None, None, asked, event.evidence, 0.7) for holder in sources
            ]
        # "is not opposed to": the negation sits on the copula of the trigger
        if event.modality == "negated" or (root is not None and (root.dep_ == "acomp" and _denied(root) or _neither(root))):
            # not recognising someone is a stance against them; not endorsing, neutrality
            recognise = event.lemma is not None and event.lemma.startswith("recogni")
            polarity = "oppose" if recognise else "neutral"
        linked = _linked_event(topic, events, event) if topic else None
        out = []
        owners = [a.ref for a in _nominal_owners(root, index, sources)]
        for holder in owners or sources:
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
            if token.pos_ not in ("VERB", "AUX", "ADJ") and not _mistagged_verb(token):
                continue
            polarity: Polarity | None = None
            obj: Token | None = None
            holder_word: Token | None = None  # the holder when it is not the verb's subject
            # "no longer supports" gives up the position as "does not support" does
            negated = any(c.dep_ == "neg" for c in token.children) or no_longer(token) or _neither(token)
            if lemma in REACT and any(c.lower_ in STRONG for c in token.children):
                polarity, obj = "oppose", _pobj(token, "to")
            elif lemma in LABELLING:
                label = _label(token)
                if label is not None:
                    polarity, obj = label
            elif lemma in WISHES and _wish(token) is not None:
                polarity, obj = _wish(token)  # type: ignore[misc]
                negated = False  # "does not want" is already the opposition it states
            elif lemma in VOICING and _voiced(token) is not None:
                polarity, obj = _voiced(token)  # type: ignore[misc]
            elif lemma in SW["having_verbs"] and _objection_held(token) is not None:
                # "has serious reservations about the deal"; "has no objection to it" takes no side
                polarity, obj = _objection_held(token)  # type: ignore[misc]
            elif lemma in SW["accepting_verbs"] and negated and _object(token) is not None:
                # "will never tolerate a junta", "a verdict it has never accepted"
                polarity, obj = "oppose", _object(token)
                negated = False
            elif lemma == "have" and _denied_right(token) is not None and _speaker(token) is not None:
                # "Minsk had no right to annex the region, the minister said": the speaker's position
                polarity, obj = "oppose", _denied_right(token)
                holder_word = _speaker(token)
            elif lemma.startswith("recogni") and (negated or _refused(token)):
                # "the party does not recognise the accord": refusing recognition is opposition
                polarity, obj = "oppose", next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
                negated = False
            elif lemma in SW.table("yielding_verbs") and (negated or _refused(token)) and _land_kept(token) is not None:
                # "will not cede any territory", "refuses to give up the islands": a claim held
                polarity, obj = "oppose", _land_kept(token)
                negated = False
            elif lemma in SW["seeing_verbs"] and _no_threat_seen(token):
                # "sees no threat in the drills", "had seen no sign of a threat from them": as
                # "does not see it as a threat", no side
                polarity, obj = "neutral", _pobj(_object(token), "in") or _pobj(_object(token), "from")
            elif lemma in ("view", "see", "perceive", "regard", "consider"):
                complement = _as_complement(token) or next(
                    (c for c in token.children if c.dep_ in ("oprd", "ccomp", "xcomp")), None
                ) or _object_as(token)
                described = token.head if token.dep_ == "relcl" and complement is None else None
                if described is not None:
                    # "a faction that Rome considers an enemy": the label is parsed as
                    # the object, and what is labelled is the noun the clause hangs on
                    complement = _object(token)
                words = {t.lemma_.lower() for t in complement.subtree} if complement is not None else set()
                threat = bool(words & THREAT_NOUNS) or _blamed(complement)
                if threat or words & PRAISE_NOUNS:
                    polarity = "oppose" if threat else "support"
                    if negated and polarity == "support":
                        # "no longer sees Moscow as a reliable partner": praise withheld takes
                        # no side, as a threat not seen does not
                        polarity, negated = "neutral", False
                    obj = described or next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
                    if obj is None and complement is not None and complement.dep_ in ("ccomp", "xcomp", "oprd"):
                        obj = next((c for c in complement.children if c.dep_ in ("nsubj",)), None)
            elif lemma == "refrain" or (lemma == "decline" and any(c.lemma_ in ("comment",) for c in token.subtree)):
                polarity = "neutral"
                obj = _pobj(_first_prep(token, "about") or token, "about")
            elif lemma == "take" and any(c.lemma_ == "stance" for c in token.children):
                stance_noun = next(c for c in token.children if c.lemma_ == "stance")
                against = _pobj(stance_noun, "against")
                polarity, obj = ("oppose", against) if against is not None else ("neutral", _pobj(stance_noun, "on"))
            elif lemma in SW["neutral_copulas"] and any(
                c.lower_ in SW.table("neutral_copulas")[lemma] for c in token.children
            ):
                polarity = "neutral"  # "remains neutral", "is impartial in the dispute"
            elif _judged_policy(token) is not None and _speaker(token) is not None:
                # "Ankara says the pipeline deal is illegal", "Brussels said the tariffs were
                # justified": a judgement the speaker passes on a policy is its position on it
                polarity, obj = _judged_policy(token)  # type: ignore[misc]
                holder_word = _speaker(token)
            elif _refused_backing(token) is not None:
                # "the opposition party refuses to back it": refusing to back is opposing, with or
                # without an event (the coder codes refusals only toward actors)
                polarity, obj = "oppose", _refused_backing(token)
            elif _side_taken(token) is not None:
                polarity, obj = "support", _side_taken(token)  # "took Minsk's side", "took sides with Rome"
            elif _no_side(token) or _kept_neutrality(token):
                # "has taken no side", "declined to take sides", "maintains its neutrality"
                polarity = "neutral"
                negated = False
            elif lemma == "stand" and (_pobj(token, "with") or _pobj(token, "behind") or _pobj(token, "by")) is not None:
                polarity, obj = "support", _pobj(token, "with") or _pobj(token, "behind") or _pobj(token, "by")
            elif lemma in SUPPORT_VERBS | POSITION_OPPOSE and not negated and _habitual(token) is not None:
                # "militias that back the government", "a movement that opposes the monarchy": a
                # relative clause in the present describes whom its noun stands with or against
                polarity = "support" if lemma in SUPPORT_VERBS else "oppose"
                obj = _habitual(token)
            elif lemma in SUPPORT_VERBS | POSITION_OPPOSE and not negated and _spoken_for(token) is not None:
                # '"We oppose any partition," the president said': the coder codes no event for
                # "we", and what the speaker's side backs or opposes is its position
                polarity = "support" if lemma in SUPPORT_VERBS else "oppose"
                obj = _spoken_for(token)
            elif lemma in SUPPORT_VERBS | POSITION_OPPOSE and not negated and _policy_object(token) is not None:
                # "defends the levy", "opposes the draft law", "is endorsed by the AU": a
                # position on a policy, plan or agreement (acts against actors are events)
                polarity = "support" if lemma in SUPPORT_VERBS else "oppose"
                obj = _policy_object(token)
            elif lemma in SW["lasting_position_verbs"] and not negated and _held_object(token) is not None:
                # "has long backed Palestinian statehood", "backs the creation of a fund": a position
                # on a thing no actor code names, which no event records
                polarity = "support" if lemma in SUPPORT_VERBS else "oppose"
                obj = _held_object(token)
            elif lemma in POSITION_OPPOSE and not negated and _resisted(token) is not None:
                polarity, obj = "oppose", _resisted(token)  # "has long resisted ...", "rejects the presence of ..."
            elif lemma in SW["blocking_verbs"] and not negated and _vowed_block(token) is not None:
                polarity, obj = "oppose", _vowed_block(token)  # "vowed to block the package"
            elif lemma in SW["binding_verbs"] and _unbound(token) is not None:
                # "says it will not be bound by the verdict", "do not consider themselves bound by it"
                polarity, obj = "oppose", _unbound(token)
                holder_word = _unbound_holder(token)
                negated = False
            elif lemma in SW["staying_out_verbs"] and _stayed_out(token):
                polarity = "neutral"  # "has stayed out of the dispute"
            elif lemma in PROTEST_VERBS and _policy(_pobj(token, "against")):
                polarity, obj = "oppose", _pobj(token, "against")  # "marched against the pension law"
            elif (lemma in NEUTRAL_VERBS and lemma == "acknowledge" and _policy(_object(token))) or (
                lemma in SUPPORT_VERBS | OPPOSE_VERBS and negated and not _passive(token)
            ):
                # "acknowledged the ruling", "does not endorse the plan"; acknowledging an act
                # one did is an admission, and "was not endorsed by" reports a fact, not a view
                polarity, obj = "neutral", _object(token)
            elif lemma in W["position_verbs"] and not _bodily(token, index):
                # "favours a negotiated settlement", "respected every resolution"
                polarity, obj = "support", next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)
            elif lemma == "look" and _pobj(_first_prep(token, "to") or token, "to") is not None and any(
                c.lower_ == "forward" for c in token.children
            ):
                polarity, obj = "support", _pobj(_first_prep(token, "to") or token, "to")  # "looked forward to"
            elif lemma == "be" and _pobj(token, "against") is not None:
                polarity, obj = "oppose", _pobj(token, "against")  # "is against the plan"
            elif _phrased(token) is not None:
                # "came out against the levy", "is in favour of the truce", "lobbied for the bid"
                polarity, obj = _phrased(token)  # type: ignore[misc]
                if negated:
                    polarity, negated = "neutral", False  # "is not in favour of": no side stated
            elif lemma in SW["objecting_verbs"] and _pobj(token, SW.table("objecting_verbs")[lemma][0]) is not None:
                polarity, obj = "oppose", _pobj(token, SW.table("objecting_verbs")[lemma][0])  # "balked at the levy"
            elif lemma in SW["backing_phrase_verbs"] and _pobj(token, "behind") is not None:
                polarity, obj = "support", _pobj(token, "behind")  # "threw its weight behind the bid"
            elif _aboard(token) is not None or _approved_of(token) is not None:
                polarity, obj = "support", _aboard(token) or _approved_of(token)  # "is on board with the plan"
            elif _kept_aim(token) is not None:
                # "has not given up its bid to join", "will never drop its claim": kept, not dropped
                polarity, obj = _kept_aim(token)  # type: ignore[misc]
                negated = False
            elif _defended(token) is not None:
                polarity, obj = "support", _defended(token)  # "defended the levy as lawful"
            elif _attitude(token) is not None:
                # "has been critical of the pipeline", "remains committed to the accord"
                polarity, obj = _attitude(token)  # type: ignore[misc]
                holder_word = next((c for c in token.children if c.dep_ == "nsubjpass"), None) or _copula_subject(token)
                if _denied(token):
                    polarity, negated = "neutral", False
            elif lemma in W["readiness"] and _readied(token) is not None:
                polarity, obj = "support", _readied(token)  # "stands ready to back Skopje"
            elif lemma in DISPLEASING | DISPLEASED and _displeased(token) is not None:
                # "the purchases have alarmed Zagreb", "Ankara was angered by the vote": the one
                # displeased holds a position against what displeased it
                polarity = "oppose"
                holder_word, obj = _displeased(token)  # type: ignore[misc]
            elif lemma in DISPLEASED and token.pos_ == "ADJ" and _cause(token) is not None and not _denied(token):
                polarity, obj = "oppose", _cause(token)  # "was bitterly unhappy with the tariffs"
            elif _solidarity(token) is not None:
                polarity, obj = "support", _solidarity(token)  # "walked out in solidarity with the protests"
            # the refusal is this stance: "refuses to recognise", "declined to take sides"
            # "said it would not be bound by the ruling" refuses now: its agent is no forecaster's
            refusal = (
                (lemma.startswith("recogni") or _no_side(token)) and _refused(token)
                or _kept_aim(token) is not None
                or _cannot_accept(token)
                or (lemma in SW["binding_verbs"] and polarity == "oppose")
            )
            if polarity is None or (_unrealised(token) and not refusal) or _questioned(token) or _disowned(token) or _conditioned(token) or (
                polarity == "neutral" and _committed(token)
            ):
                continue
            if negated and polarity == "oppose":
                polarity = "neutral"  # "does not see the drills as a danger"
            owner = _owner(token) if lemma in VOICING else None
            subject = owner if owner is not None and index.actors_of(owner) else holder_word
            subject = subject or next((c for c in token.children if c.dep_ in ("nsubj",)), None)
            if subject is None and token.pos_ == "VERB":
                # "Cyprus objects to ...": the parser may take the subject and verb for a compound noun
                # ("Bucharest disputes the estimate" may even give the name as a modifier of the verb)
                subject = next(
                    (c for c in token.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" and c.i < token.i),
                    None,
                )
            agent = _pobj(next((c for c in token.children if c.dep_ == "agent"), None), "by") or next(
                (o for a in token.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None
            )
            if subject is None and agent is not None:
                subject = agent  # "a roadmap endorsed by the AU and ASEAN"
            if subject is None and token.dep_ in ("conj", "xcomp", "advcl", "acomp"):
                subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if subject is None and polarity == "neutral" and token.dep_ == "xcomp" and token.head.dep_ == "acomp":
                # "India has been careful not to take sides": the subject is the copula's (what one
                # is "not ready to back" is no position; readiness has its own rule)
                subject = next((c for c in token.head.head.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in W["relative_pronouns"] and token.dep_ == "relcl":
                subject = token.head  # "Latvia, which sees the pact as a danger"
            holders = _holders(subject, token, index) if subject is not None else []
            if not holders:
                continue
            found.extend(_positions(sentence, document, index, events, holders, polarity, obj))
        for noun in sentence:
            held = _nominal_position(noun, index)
            if held is not None:
                found.extend(_positions(sentence, document, index, events, *held))
        return found


def _positions(
    sentence: Span,
    document: Document,
    index: ActorIndex,
    events: Sequence[Event],
    holders: Sequence[ArgActor],
    polarity: Polarity,
    obj: Token | None,
) -> list[Stance]:
    """The stances of holders with one polarity toward what `obj` names, on a sentence's evidence."""
    found: list[Stance] = []
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


def _nominal_position(noun: Token, index: ActorIndex) -> tuple[list[ArgActor], Polarity, Token | None] | None:
    """A position a noun phrase states of its owner: "over objections from Ankara", "with the
    backing of Rome", "Minsk, a close ally of Moscow", "Quito is a critic of it".
    Support handed over, given up or lifted is none ("lifted its objections")."""
    if noun.pos_ != "NOUN" or any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return None
    lemma = noun.lemma_.lower()
    if lemma in POSITION_NOUNS:
        if _dropped(noun) or (noun.dep_ == "pobj" and noun.head.lower_ == "in") or _charged(noun):
            return None  # "in support of X" names whom an act is for, not who backs it
        owner = next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        owner = owner or _pobj(noun, "from") or _pobj(noun, "of") or _drawn_from(noun) or _demonym_owner(noun, index)
        if owner is None:
            return None
        polarity: Polarity = "oppose" if POSITION_NOUNS[lemma][0] == "oppose" else "support"
        # "of" names the owner ("the backing of Rome") unless a possessive does ("Kenya's endorsement of the plan")
        preps = ("for", "to", "with", "toward", "towards") + (("of",) if owner.dep_ == "poss" else ())
        target = next((t for t in (_pobj(noun, w) for w in preps) if t is not None), None)
    elif lemma in SW["ally_nouns"] or lemma in SW["opponent_nouns"]:
        target = _pobj(noun, "of") or _pobj(noun, "against") or next((c for c in noun.children if c.dep_ == "poss"), None)
        phrase = _one_of(noun)
        if phrase.dep_ == "appos":
            owner = phrase.head
        elif phrase.dep_ == "attr":
            owner = next((c for c in phrase.head.children if c.dep_ == "nsubj"), None)
        else:
            owner = _counted_in(noun) or _named_ally(noun)
        if owner is None or target is None or _dealing(noun):
            return None
        polarity = "support" if lemma in SW["ally_nouns"] else "oppose"
    else:
        return None
    holders = [a for a in index.actors_of(owner) if a.ref.code]
    return (holders, polarity, target) if holders else None


def _holders(subject: Token, verb: Token, index: ActorIndex) -> list[ArgActor]:
    """Who holds a position stated by `verb` with `subject`: the actors the subject names; for
    "we" in what someone says ("We stand with Kyiv," the minister said) the speaker; for "they"
    the speakers when several speak ("The two leaders said they favoured ...")."""
    # a holder the text names but no code places ("investors") is nobody's position to score
    found = [a for a in index.actors_of(subject) if a.ref.code]
    if not found and subject.tag_ in ("NNS", "NNPS") and subject.pos_ in ("NOUN", "PROPN"):
        return _community(subject, index)
    plural = subject.lower_ in SW["plural_speaker_pronouns"]
    if (found and not plural) or subject.lower_ not in SW["speaker_pronouns"] | SW["plural_speaker_pronouns"]:
        return found
    speaker = _speaker(verb)
    if speaker is None or speaker.pos_ == "PRON" and speaker.lower_ in SW["speaker_pronouns"]:
        return found
    speakers = [a for a in index.actors_of(speaker) if a.ref.code]
    if plural:
        return speakers if len({a.ref.code for a in speakers}) >= 2 else found
    return speakers


def _community(subject: Token, index: ActorIndex) -> list[ArgActor]:
    """ "villagers who back the rebels", "crowds marched against the levy": people the text
    does not name as an actor take a position within the state the story is about."""
    if any(
        c.dep_ in ("amod", "compound", "nmod") and c.text[:1].isupper() and c.nbor(-1).text != "-"
        for c in subject.children
        if c.i > 0
    ):
        return []  # "Western governments" are placed elsewhere ("pro-Western" places nobody)
    code = index.salient_state(subject)
    if code is None:
        return []
    ref = ActorRef(code, "CVL", f"{subject.text} ({index.states.get(code, code)})", "people")
    return [ArgActor(ref, None, "anchored", subject.idx, "people")]


_ASKING = W["asking"] | SW["asking_verbs"] | SW["asking_nouns"]
_MAYBE = W["maybe"]
_MAYBE_ADVERBS = W["epistemic"] | SW["forecast_adverbs"]


def _unrealised(token: Token) -> bool:
    """A stance someone is asked to take, or might take, is nobody's stance yet.

    "pressed Athens and Ankara to avoid ...", "insisted that Baku withdraw ...",
    "Serbia would not object to ...": the verb sits under a verb of asking or carries a modal.
    A "would" in reported speech is the speaker's intention, held now: "he repeated that Serbia
    would not recognise ...".
    """
    clause = token
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    for aux in (c for c in token.children if c.dep_ == "aux" and c.lemma_.lower() in _MAYBE):
        if not (aux.lower_ == "would" and clause.dep_ == "ccomp") or _forecast(token):
            return True
    if token.dep_ == "xcomp" and any(c.lower_ == "yet" for c in token.head.children):
        return True  # "has yet to approve": not done so far
    if any(c.lower_ == "yet" for c in token.children) and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # "has also yet to approve", parsed with the infinitive as the main verb
    if condition_clause(token):
        return True  # "tariffs will come if Beijing refuses the offer"
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in SW["refusing"]:
        return True  # "refuses to back the plan": the refusal is the stance
    current = token
    # through "acl" to a noun of asking ("faced calls to align with the bloc"), and through an
    # infinitive the parser hangs on as an adverbial ("pushed Rome to back the plan")
    while (
        current.dep_ in ("xcomp", "ccomp", "conj", "acl") or (current.dep_ == "advcl" and _infinitive(current))
    ) and current.head is not current:
        edge, current = current.dep_, current.head
        # a verb joined to a verb of asking is no complement of it: "wants X to join and has condemned Y"
        # "told Quito to back it" asks; a quote fronted before "told reporters" reports (after the
        # verb, the coder's sources of a told clause are too often the listeners to trust)
        telling = edge == "ccomp" and current.lemma_.lower() in SW["telling_verbs"] and (
            current.i > token.i or _stated_clause(token, current)
        )
        if edge != "conj" and not telling and (current.lemma_.lower() in _ASKING or current.lower_ in _ASKING):
            return True
    return _under_modal(token)


def _stated_clause(token: Token, telling: Token) -> bool:
    """ "told reporters that Brasilia backs the claim": a finite clause with its own subject after
    a verb of telling is what was said; "told Quito to back it" asks."""
    clause = token
    while clause.head.i != telling.i and clause.head.i != clause.i:
        clause = clause.head
    # a subject that names its actor ("Brasilia"), not a description ("the movement") the coder
    # may resolve to the listeners
    return clause.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN" for c in clause.children
    ) and not _infinitive(clause)


def _conditioned(token: Token) -> bool:
    """ "would back the package only if its funds were freed": support on a condition under a
    modal is a prospect, not a position held."""
    modal = any(c.dep_ == "aux" and c.lemma_.lower() in _MAYBE for c in token.children)
    return modal and any(condition_clause(c) for c in token.children)


def _describing(verb: Token) -> bool:
    """ "Sandu, who has condemned the war, ...": a perfect in a relative clause on its holder
    describes what the holder has stood for, not one act the story reports."""
    clause = verb
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    perfect = verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)
    # the relative pronoun is the subject: "the strike, which it has blamed on Rome" describes the strike
    on_holder = any(c.dep_ == "nsubj" and c.lower_ in W["relative_pronouns"] for c in clause.children)
    return clause.dep_ == "relcl" and perfect and on_holder and not _passive(verb)


def _judged_policy(copula: Token) -> tuple[Polarity, Token] | None:
    """A judgement in a reported clause whose subject is a policy, plan or agreement: "the levy
    was unlawful" opposes it, "the tariffs were justified" supports it. Of one act ("the raid
    was illegal") it is a reaction, an event; a negated one says neither."""
    if copula.dep_ != "ccomp" or any(c.dep_ == "neg" for c in copula.children):
        return None
    if copula.lemma_.lower() == "be":
        subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
        complement = next((c for c in copula.children if c.dep_ in ("acomp", "attr")), None)
        words = {t.lemma_.lower() for t in complement.subtree} | {t.lower_ for t in complement.subtree} if (
            complement is not None
        ) else set()
    elif copula.tag_ == "VBN" and _passive(copula):
        # "the tariffs were justified", parsed as a passive
        # the parser may hang the subject on the auxiliary ("the controls [are] justified")
        near = [*copula.children, *(g for c in copula.children if c.dep_ == "auxpass" for g in c.children)]
        subject = next((c for c in near if c.dep_ in ("nsubjpass", "nsubj")), None)
        words = {copula.lower_}
    else:
        return None
    if subject is None or not _policy(subject) or subject.lemma_.lower() in SINGLE_ACTS or subject.lower_ in SINGLE_ACTS:
        return None
    if words & LABELS_AGAINST:
        return "oppose", subject
    if words & (LABELS_FOR | SW["approving_labels"]):
        return "support", subject
    return None


def _refused_backing(verb: Token) -> Token | None:
    """What a refusal to back, or to join or accept a policy, opposes: "refuses to back the reform"."""
    if verb.lemma_.lower() not in SW["refusing"]:
        return None
    for clause in verb.children:
        if clause.dep_ == "xcomp" and clause.pos_ == "VERB" and not any(c.dep_ == "neg" for c in clause.children):
            obj = _object(clause)
            if clause.lemma_.lower() in SUPPORT_VERBS or (obj is not None and _policy(obj)):
                return obj if obj is not None else clause
    return None


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _under_modal(token: Token) -> bool:
    """ "the plan would have both sides recognise ...", "would mean recognition of ...": a
    clause or a noun under a verb with a modal is a prospect. Through an infinitive the modal's
    subject is the holder ("would continue to back"), which the holder's own verb decides."""
    current = token
    while current.dep_ in ("conj", "ccomp", "xcomp", "pobj", "prep", "dobj") and current.head is not current:
        edge, current = current.dep_, current.head
        if edge in ("ccomp", "pobj", "prep", "dobj") and current.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lemma_.lower() in _MAYBE for c in current.children
        ):
            return current.lemma_.lower() not in W["speech"] | W["belief"]
        if current.lemma_.lower() in W["speech"] | W["belief"]:
            return False
    return False


def _refused(token: Token) -> bool:
    """ "refuses to recognise the vote": the verb is what its holder refuses."""
    return token.dep_ == "xcomp" and token.head.lemma_.lower() in SW["refusing"]


def _denied_right(verb: Token) -> Token | None:
    """What "has no right to" denies: the verb or noun after "right"."""
    right = _object(verb)
    if right is None or right.lemma_.lower() != "right":
        return None
    if not any(c.dep_ == "det" and c.lower_ == "no" for c in right.children):
        return None
    return next((c for c in right.children if c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB"), None) or _pobj(
        right, "to"
    )


def _speaker(verb: Token) -> Token | None:
    """The subject of the verb of saying a clause is reported by."""
    clause = verb
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    told = (
        clause.head
        if clause.dep_ == "ccomp" and clause.head.lemma_.lower() in SW["telling_verbs"] and clause.head.i > clause.i
        else None
    )
    speech = reported_by(clause) or told
    while speech is not None:
        subject = next((c for c in speech.children if c.dep_ == "nsubj"), None)
        if subject is not None or speech.dep_ != "conj" or speech.head is speech:
            return subject
        speech = speech.head  # "accused Sofia of ..., and said ...": the first verb's subject
    return None


def _bodily(verb: Token, index: ActorIndex) -> bool:
    """ "embraced the returning pilot": a verb of position done to a person's body is a gesture."""
    obj = _object(verb)
    if verb.lemma_.lower() not in SW["bodily_verbs"] or obj is None:
        return False
    kinds = {a.type for a in index.actors_of(obj)}
    # a named officer the index files under his service is still a person, not the service
    return obj.ent_type_ == "PERSON" or "person" in kinds or (obj.pos_ == "PROPN" and kinds <= {"agent", None})


def _forecast(token: Token) -> bool:
    """ "would surely be rejected by Athens, diplomats said": a "would" the reporter
    says of someone else (a passive's agent) or hedges is a forecast, not the holder's intent."""
    hedged = any(c.dep_ == "advmod" and c.lower_ in _MAYBE_ADVERBS for c in token.children)
    return hedged or (_passive(token) and any(c.dep_ == "agent" for c in token.children))


def _nominal_owners(noun: Token | None, index: ActorIndex, source: Sequence[ActorRef]) -> list[ArgActor]:
    """Whose position a noun names: "their endorsement of the breakaway region" is theirs,
    whoever the sentence's subject is ("Tbilisi expelled envoys, angered by their endorsement").
    A pronoun in a phrase that answers the subject's act points at the others."""
    if noun is None or noun.pos_ != "NOUN":
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return []
    if owner.pos_ == "PRON" and noun.dep_ == "pobj":
        return index.resolve_pronoun(owner, exclude=[s.code for s in source])
    return index.actors_of(owner)


def _dropped(noun: Token | None) -> bool:
    """ "lifted its objections", "provided support": a position given up, or help handed over."""
    return (
        noun is not None
        and noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "obj")
        and noun.head.lemma_.lower() in SW["dropping_verbs"] | SW["material_verbs"]
        and _with_particle(noun.head, SW.table("dropping_verbs").get(noun.head.lemma_.lower(), ()))
    )


def _with_particle(verb: Token, particles: Sequence[str]) -> bool:
    """Whether a verb carries one of the particles it needs ("gave up"), when it needs any."""
    return not particles or any(c.dep_ == "prt" and c.lower_ in particles for c in verb.children)


def _material(noun: Token | None) -> bool:
    """ "provided support for the operation", "gave military backing to": support handed over is
    help given, not a view."""
    return (
        noun is not None
        and noun.pos_ == "NOUN"
        and noun.dep_ in ("dobj", "obj")
        and (
            noun.head.lemma_.lower() in SW["material_verbs"]
            or any(c.dep_ == "amod" and c.lower_ in SW["material_modifiers"] for c in noun.children)
        )
    )


def _committed(token: Token) -> bool:
    """ "undertook to refrain from any statement": restraint promised for later is no neutrality held."""
    current = token
    while current.dep_ in ("xcomp", "conj") and current.head is not current:
        current = current.head
        if current.lemma_.lower() in SW["commitments"]:
            return True
    return False


def _object(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)


def _passive(token: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)


def _free_relative(verb: Token) -> bool:
    """ "what Moscow called provocations": the words only name a thing, the label is quoted."""
    return any(c.lower_ == "what" for c in verb.children) or (
        verb.dep_ in ("relcl", "ccomp") and verb.head.lower_ == "what"
    )


def _label(verb: Token) -> tuple[Polarity, Token | None] | None:
    """The position a labelling verb states toward its object: "branded the restrictions hostile"
    opposes them, "called the ceasefire a milestone" supports it.

    A label on one act ("called the raid a crime") is a reaction to it, an event; a label in a
    free relative only names a thing. Neither is a position held, and a label that neither
    blames nor praises states none.
    """
    if _free_relative(verb) or any(c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") for c in verb.children):
        return None  # "called on Pyongyang to stop ..." asks; it labels nothing
    complement = _as_complement(verb) or next(
        (c for c in verb.children if c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "acomp")), None
    )
    if complement is None:
        return None
    obj = _object(verb)
    if obj is None and complement.dep_ in ("ccomp", "xcomp", "oprd"):
        obj = next((c for c in complement.children if c.dep_ == "nsubj"), None)
    if obj is not None and obj.lower_ in W["relative_pronouns"] and verb.dep_ == "relcl":
        obj = verb.head  # "the raid, which the minister termed an outrage"
    if obj is not None and (obj.lemma_.lower() in SINGLE_ACTS or obj.lower_ in SINGLE_ACTS or obj.lower_ == "what"):
        return None
    if obj is not None and obj.pos_ == "PRON" and _act_antecedent(obj):
        return None  # "called the raid a crime, and Rome described it as barbaric": still the one act
    if obj is None and complement.head.lower_ == "as":
        # "condemned as illegal the expulsion": the thing labelled follows its label
        obj = next((c for c in complement.head.children if c.dep_ == "pobj" and c is not complement), None)
    if obj is not None and obj.lemma_.lower() in SINGLE_ACTS:
        return None
    words = {t.lemma_.lower() for t in complement.subtree} | {t.lower_ for t in complement.subtree}
    if words & LABELS_AGAINST:
        return "oppose", obj
    if words & LABELS_FOR:
        return "support", obj
    return None


def _act_antecedent(pronoun: Token) -> bool:
    """Whether the argument noun a pronoun most likely stands for, in its sentence or the one
    before, names a single act ("the attack ... described it as a crime")."""
    doc = pronoun.doc
    start = doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start > 0 else pronoun.sent.start
    for token in reversed(doc[start : pronoun.i]):
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubj", "nsubjpass"):
            return token.lemma_.lower() in SINGLE_ACTS or token.lower_ in SINGLE_ACTS
    return False


def _as_complement(verb: Token) -> Token | None:
    """The label after "as": "described the ruling as a sham", and "as deeply unfair",
    which the parser hangs on "as" as a modifier or takes for an adverbial clause."""
    for child in verb.children:
        if child.lower_ == "as" and child.dep_ == "prep":
            inner = next((c for c in child.children if c.dep_ in ("pobj", "pcomp", "amod", "acomp")), None)
            if inner is not None:
                return inner
        if child.dep_ == "advcl" and any(g.lower_ == "as" for g in child.children):
            return child
    return None


def _wish(verb: Token) -> tuple[Polarity, Token | None] | None:
    """What a holder wants it stands for: "wants independence", "wanted peace"; "wanted no part
    in it" or "does not want" it stands against."""
    obj = _object(verb)
    clause = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if obj is None and clause is None:
        return None
    refused = any(c.dep_ == "neg" for c in verb.children) or (
        obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children)
    )
    return ("oppose" if refused else "support"), (obj if obj is not None else clause)


def _voiced(verb: Token) -> tuple[Polarity, Token | None] | None:
    """A position named by a noun the holder voices: "voiced support for the soldiers",
    "restated its opposition to the plan"."""
    noun = _object(verb)
    if noun is None or noun.lemma_.lower() not in POSITION_NOUNS:
        return None
    if _dropped(noun) or _material(noun):
        return None  # "gave up its objections"; "gave financial support to the rebels" hands help over
    polarity: Polarity = "oppose" if POSITION_NOUNS[noun.lemma_.lower()][0] == "oppose" else "support"
    # the phrase may hang on the verb: "gave its backing to the plan", "threw its support behind"
    return polarity, next(
        (t for h in (noun, verb) for w in ("for", "to", "with", "of", "behind") if (t := _pobj(h, w)) is not None),
        None,
    )


def _owner(verb: Token) -> Token | None:
    """Whose position a voiced noun names: "reaffirmed Serbia's support for Kyiv" is Serbia's."""
    noun = _object(verb)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
    return owner if owner is not None and owner.pos_ != "PRON" else None


def _refused_position(verb: Token) -> str | None:
    """What a refusal that is a position refuses, as a topic: backing something, or joining,
    signing or accepting a policy ("refused to join the sanctions"). Refusing to comment or to
    meet is an act (None)."""
    for clause in verb.children:
        if clause.dep_ != "xcomp" or clause.pos_ != "VERB":
            continue
        obj = _object(clause)
        if clause.lemma_.lower() in SUPPORT_VERBS or (obj is not None and _policy(obj)):
            return _topic_word(obj) if obj is not None and obj.pos_ != "PRON" else clause.lemma_.lower()
    return None


WISHES = SW["wish_verbs"]
DISPLEASING = SW["displeasing_verbs"]
DISPLEASED = SW["displeased_adjectives"]
VOICING = SW["voicing_verbs"]
POSITION_OPPOSE = W["position_oppose"]
PROTEST_VERBS = W["protest_verbs"]


def _policy(token: Token | None) -> bool:
    # plural policy words are listed as written ("sanctions"), which the lemma would lose
    return (
        token is not None
        and token.pos_ in ("NOUN", "PROPN")
        and (
            token.lemma_.lower() in POLICIES | TOPICS
            or token.lower_ in POLICIES | TOPICS
            or _standing_claim(token)
            # "the junta's proposed transition": whatever is proposed or planned is a plan
            or any(c.dep_ == "amod" and c.lower_ in SW["plan_modifiers"] for c in token.children)
        )
    )


def _policy_object(token: Token) -> Token | None:
    """The policy a verb of position is about: its object, or in the passive its subject (the
    noun a relative clause hangs on: "the plan, which is backed by ...")."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj") and _policy(child):
            return child
        if child.dep_ == "nsubjpass":
            head = token.head if child.lower_ in W["relative_pronouns"] and token.dep_ == "relcl" else child
            if _policy(head) or _backed_thing(token, head):
                return head
        if child.dep_ == "prep" and child.lower_ == "to" and token.lemma_.lower() == "object":
            inner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if _policy(inner):
                return inner
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN" and (_policy(token.head) or _backed_thing(token, token.head)):
        return token.head  # "the roadmap endorsed by the AU"
    return None


def _backed_thing(verb: Token, noun: Token) -> bool:
    """ "a road map to reconciliation, which is backed by Paris": whatever course a support verb in
    the passive names its backers for is a position of theirs, policy word or not."""
    return (
        verb.lemma_.lower() in SUPPORT_VERBS
        and noun.pos_ == "NOUN"
        and any(c.dep_ == "agent" for c in verb.children)
    )


def _readied(adjective: Token) -> Token | None:
    """What a holder stands ready to back or to sign: "ready to back Tallinn", "willing to
    sign the accord" (the object, or the verb when it has none). Readiness to do anything
    else is an intention, not a position."""
    if any(c.dep_ == "neg" for c in (*adjective.children, *adjective.head.children)):
        return None  # "is not ready to back the plan" says no more than that
    for clause in adjective.children:
        if clause.dep_ != "xcomp" or clause.pos_ != "VERB" or any(c.dep_ == "neg" for c in clause.children):
            continue
        obj = _object(clause)
        if clause.lemma_.lower() in SUPPORT_VERBS or (clause.lemma_.lower() in _SIGNING and _policy(obj)):
            return obj if obj is not None else clause
    return None


def _displeased(verb: Token) -> tuple[Token, Token | None] | None:
    """Who a verb of displeasing displeases, and with what: "the vote angered Ankara" (the
    object, with the subject), "Ankara was angered by the vote" (the subject, with the agent)."""
    if verb.pos_ not in ("VERB", "ADJ") or _denied(verb):
        return None
    obj = _object(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if obj is not None and not _passive(verb):
        return obj, subject
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if patient is not None:
        agent = next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
        return patient, agent or _cause(verb)
    return None


def _denied(adjective: Token) -> bool:
    """ "is not unhappy with": the negation sits on the copula."""
    return any(c.dep_ == "neg" for c in (*adjective.children, *adjective.head.children))


def _cause(adjective: Token) -> Token | None:
    """What a holder is displeased by, with, at, over or about."""
    for word in SW["cause_preps"]:
        found = _pobj(adjective, word)
        if found is not None:
            return found
    return None


def _questioned(token: Token) -> bool:
    """ "wondered whether Quito was against it", "doubted how committed Rome was to it": the
    clause of the position, or the copula of its adjective, is a question."""
    clauses = [token, token.head] if token.dep_ in ("acomp", "attr") else [token]
    if any(
        c.dep_ in ("mark", "advmod") and c.lower_ in SW["question_words"] for clause in clauses for c in clause.children
    ):
        return True
    return asks(token.sent)  # the sentence itself asks


def _mistagged_verb(token: Token) -> bool:
    """ "We back Moldova's path": a word tagged as an adverb that has a subject and an object is a verb."""
    return token.pos_ == "ADV" and all(
        any(c.dep_ == dep for c in token.children) for dep in ("nsubj", "dobj")
    )


def _held_object(verb: Token) -> Token | None:
    """What an active verb of lasting position is about: a noun that names no single act
    ("backed the raid" answers one act)."""
    obj = _object(verb)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or _passive(verb):
        return None
    if obj.lemma_.lower() in SINGLE_ACTS or obj.lower_ in SINGLE_ACTS:
        return None
    if "ASSAULT" in W.table("event_nouns").get(obj.lower_, ()):
        return None  # "artillery supported the offensive": a part in a fight, not a view of it
    if _pobj(verb, "with") is not None and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children):
        return None  # "backed its claim with troops": a holder making good its own words takes no position
    return obj


def _phrased(verb: Token) -> tuple[Polarity, Token | None] | None:
    """A position a verb states with a phrase: "against X" opposes X, "in favour of X" backs it, and
    for verbs of advocacy so does "for X". A verb listed with a particle needs it ("came out")."""
    lemma = verb.lemma_.lower()
    phrase_verbs = SW.table("position_phrase_verbs")
    if lemma not in phrase_verbs or verb.pos_ not in ("VERB", "AUX"):
        return None
    needed = set(phrase_verbs[lemma])
    # "pushed back against": the particle may be parsed as an adverb
    if needed and not any(c.dep_ in ("prt", "advmod") and c.lower_ in needed for c in verb.children):
        return None
    against = _pobj(verb, "against")
    if against is not None:
        return "oppose", against
    favour = _pobj(verb, "in")
    if favour is not None and favour.lemma_.lower() in SW["favour_nouns"]:
        return "support", _pobj(favour, "of")
    advocated = _pobj(verb, "for") if lemma in SW["advocacy_verbs"] else None
    return ("support", advocated) if advocated is not None else None


def _attitude(adjective: Token) -> tuple[Polarity, Token | None] | None:
    """A lasting attitude an adjective states toward what its preposition names: "critical of the
    pipeline", "supportive of the bid". Without that phrase the word says no such thing
    ("critical infrastructure", "a hostile crowd")."""
    entry = SW.table("position_adjectives").get(adjective.lower_)
    if entry is None:
        return None
    if adjective.pos_ == "ADJ" or (adjective.tag_ == "VBN" and adjective.dep_ == "acomp"):
        # "is committed to", parsed as a participle complement of the copula
        if adjective.dep_ not in ("acomp", "conj", "xcomp", "oprd", "amod", "appos"):
            return None
    elif not _passive(adjective) or any(
        c.dep_ == "nummod"
        for s in [*(s for s in adjective.children if s.dep_ == "nsubjpass"), _copula_subject(adjective)]
        if s is not None
        for c in s.children
    ):
        return None  # "is committed to" parsed as a passive; "3,000 troops were committed to" is a deployment
    polarity, *preps = entry
    # "remains averse to joining": the parser may hang the phrase on the copula
    heads = [adjective] + ([adjective.head] if adjective.dep_ == "acomp" else [])
    target = next((t for h in heads for t in (_pobj(h, p) for p in preps) if t is not None), None)
    if target is None:
        return None
    return ("support" if polarity == "support" else "oppose"), target


def _no_side(verb: Token) -> bool:
    """ "has taken no side", "would not take sides", "declined to take sides": taking none is
    a neutral position (the refusal or the negation states it, not the taking)."""
    if verb.lemma_.lower() != "take":
        return False
    side = _object(verb)
    if side is None or side.lemma_.lower() not in SW["sides_nouns"] and side.lower_ not in SW["sides_nouns"]:
        return False
    return (
        any(c.dep_ == "det" and c.lower_ == "no" for c in side.children)
        or any(c.dep_ == "neg" for c in verb.children)
        or _refused(verb)
    )


def _side_taken(verb: Token) -> Token | None:
    """Whose side a holder takes: "took Minsk's side", "took sides with Rome" (not "took no side")."""
    side = _object(verb) if verb.lemma_.lower() == "take" else None
    if side is None or (side.lemma_.lower() not in SW["sides_nouns"] and side.lower_ not in SW["sides_nouns"]):
        return None
    if _no_side(verb):
        return None
    owner = next((c for c in side.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    return owner or _pobj(side, "with") or _pobj(verb, "with")


def _kept_neutrality(verb: Token) -> bool:
    """ "maintains its neutrality", "reaffirmed its impartiality", "has kept a neutral stance": a
    neutrality not given up."""
    noun = _object(verb)
    return (
        verb.pos_ == "VERB"
        and noun is not None
        and (noun.lemma_.lower() in SW["neutrality_nouns"] or _neutral_stance(noun))
        and verb.lemma_.lower() not in SW["dropping_verbs"]
        and not any(c.dep_ == "neg" for c in verb.children)
    )


def _spoken_for(verb: Token) -> Token | None:
    """The object of a verb of position whose subject is "we" in what a named speaker says."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ not in SW["speaker_pronouns"] or _speaker(verb) is None:
        return None
    return _object(verb)


def _habitual(verb: Token) -> Token | None:
    """The object of a present-tense relative clause of position: "who back the rebels"."""
    if verb.dep_ != "relcl" or verb.tag_ not in ("VBZ", "VBP"):
        return None
    obj = _object(verb)
    if obj is not None and obj.lower_ in W["relative_pronouns"]:
        return verb.head  # "the rebels, whom Kigali backs,": what the clause hangs on is backed
    return obj if obj is not None and obj.pos_ in ("NOUN", "PROPN") else None


def _disowned(token: Token | None) -> bool:
    """ "denied backing the rebels", "dismissed claims that it supports them": what the holder
    disowns is a charge answered, no position, neither support nor its absence."""
    current = token
    while current is not None and current.dep_ in ("xcomp", "ccomp", "pcomp", "conj", "acl", "dobj", "pobj", "prep"):
        current = current.head
        if current.lemma_.lower() in SW["disowning_verbs"]:
            return True
        if current.pos_ == "VERB" and current.dep_ not in ("acl", "xcomp", "ccomp", "conj", "pcomp"):
            return False
    return False


def _charged(noun: Token) -> bool:
    """ "condemned Kigali's support for the rebels": a position its critics put on a holder is
    their charge, no position the holder states."""
    return noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in OPPOSE_VERBS - POSITION_OPPOSE


def _greeted(verb: Token | None, index: ActorIndex) -> bool:
    """ "welcomed the foreign ministers of Kenya": welcoming people is hospitality, no position."""
    obj = _object(verb) if verb is not None and verb.lemma_.lower() == "welcome" else None
    if obj is None or obj.pos_ != "NOUN":
        return False
    return obj.ent_type_ == "PERSON" or any(a.type == "person" for a in index.actors_of(obj)) or (
        obj.lemma_.lower() in W["speaker_nouns"] | SW["guest_nouns"]
    )


def _ratified_bid(verb: Token, index: ActorIndex) -> Token | None:
    """ "ratified Sweden's accession": ratifying another's bid to join backs the bid (ratifying a
    treaty one signed is an act of the signatory)."""
    obj = _object(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if verb.lemma_.lower() != "ratify" or obj is None or obj.lemma_.lower() not in SW["joining_nouns"]:
        return None
    owner = next((c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON"), None) or _pobj(obj, "of")
    return obj if owner is not None and index.actors_of(owner) else None


def _counted_in(noun: Token) -> Token | None:
    """The holder a set of allies counts in: "Oslo is one of Kyiv's staunchest backers",
    "Vilnius is among the strongest supporters of the sanctions"."""
    head = noun.head
    if noun.dep_ != "pobj" or head.lower_ not in ("of", "among"):
        return None
    member = head.head if head.lower_ == "of" and head.head.lower_ in SW["member_words"] else head
    if head.lower_ == "of" and member is head:
        return None
    copula = member.head if member.dep_ in ("attr", "prep") else None
    if copula is None or copula.lemma_.lower() not in ("be", "remain"):
        return None
    return next((c for c in copula.children if c.dep_ == "nsubj"), None)


def _named_ally(noun: Token) -> Token | None:
    """The holder an ally noun introduces: "Moscow's closest ally, Minsk," and "Moscow's ally Minsk"
    (the parser may leave the name beside the noun, or make the noun its compound). Whose ally a
    pronoun leaves to a guess ("its allies, Rome and Paris") is no position stated."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return None
    named = next((c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if named is not None:
        return named
    if noun.dep_ == "compound" and noun.head.pos_ == "PROPN":
        return noun.head
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if after is not None and after.pos_ == "PROPN" and after.head.i == noun.head.i and after.dep_ == noun.dep_:
        return after
    return None


def _dealing(noun: Token) -> bool:
    """ "Seoul's biggest trading partner": a partner in business takes no side."""
    return any(c.dep_ in ("amod", "compound") and c.lower_ in SW["dealing_modifiers"] for c in noun.children)


def _aboard(verb: Token) -> Token | None:
    """What a holder "is on board with"."""
    if verb.lemma_.lower() not in SW["aboard_verbs"]:
        return None
    board = _pobj(verb, "on")
    return _pobj(board, "with") if board is not None and board.lower_ == "board" else None


def _approved_of(verb: Token) -> Token | None:
    """What a holder "approves of"."""
    return _pobj(verb, "of") if verb.lemma_.lower() in SW["of_approving_verbs"] else None


def _kept_aim(verb: Token) -> tuple[Polarity, Token | None] | None:
    """A position a holder says it will not give up: "has not given up its bid to join the bloc"
    backs the bid, "never dropped its objections" opposes what they are to."""
    lemma = verb.lemma_.lower()
    noun = _object(verb)
    if lemma not in SW["dropping_verbs"] or noun is None or not _with_particle(verb, SW.table("dropping_verbs")[lemma]):
        return None
    if not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return None
    word = noun.lemma_.lower()
    if word in POSITION_NOUNS:
        polarity: Polarity = "oppose" if POSITION_NOUNS[word][0] == "oppose" else "support"
        return polarity, next((t for h in (noun, verb) for w in ("to", "for", "of") if (t := _pobj(h, w)) is not None), None)
    if word in SW["aim_nouns"]:
        return "support", noun
    return None


def _defended(verb: Token) -> Token | None:
    """The course or act a holder stands behind: "defended the levy", "justified its purchases of
    oil". Ground held by force ("troops defended the town") and people are no such thing."""
    obj = _object(verb)
    if verb.lemma_.lower() not in SW["defending_verbs"] or obj is None or obj.pos_ != "NOUN" or _passive(verb):
        return None
    if obj.lemma_.lower() in SW["held_ground"] or obj.lower_ in SW["held_ground"]:
        return None
    return obj


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
    return topic is not None and topic.split()[-1] in POLICIES | REFUSABLE


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


def _copula_subject(verb: Token) -> Token | None:
    """ "The Mexican government is opposed to it": the parser may hang the subject on the copula."""
    return next(
        (s for a in verb.children if a.dep_ in ("aux", "auxpass") for s in a.children if s.dep_ in ("nsubj", "nsubjpass")),
        None,
    )


def _drawn_from(noun: Token) -> Token | None:
    """Whose a position noun is when "from" hangs on its verb: "the plan drew objections from
    Athens", "the bid won backing from Rome"."""
    return _pobj(noun.head, "from") if noun.dep_ in ("dobj", "obj") else None


def _one_of(noun: Token) -> Token:
    """ "Warsaw, one of the fiercest critics of the pipeline": the phrase the noun stands in is "one"."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        return noun.head.head
    return noun


def _blamed(complement: Token | None) -> bool:
    """ "considers the accords a betrayal": the label itself (not a word inside it, as in "a
    partner in the war on terror") is one of blame."""
    if complement is None:
        return False
    heads = [complement, *(c for c in complement.children if c.dep_ in ("dobj", "attr", "oprd", "pobj"))]
    # "an act of economic war", "a form of blackmail": the wrapped noun is the label
    heads += [w for h in heads if h.lemma_.lower() in SW["label_wrappers"] if (w := _pobj(h, "of")) is not None]
    return any(h.lemma_.lower() in LABELS_AGAINST or h.lower_ in LABELS_AGAINST for h in heads)


def _objection_held(verb: Token) -> tuple[Polarity, Token | None] | None:
    """An objection a holder has: "has reservations about the pact" opposes it, "has no
    objection to it" takes no side. What a holder has the support of is another's position."""
    voiced = _voiced(verb)
    noun = _object(verb)
    if voiced is None or noun is None or voiced[0] != "oppose":
        return None
    target = voiced[1] or _pobj(noun, "about") or _pobj(noun, "over")
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return "neutral", target
    return "oppose", target


def _cannot_accept(verb: Token) -> bool:
    """ "Seoul cannot accept the ruling": a refusal stated as inability is held now, not a maybe."""
    return (
        verb.lemma_.lower() in SW["accepting_verbs"]
        and any(c.dep_ == "neg" for c in verb.children)
        and any(c.dep_ == "aux" and c.lower_ in SW["inability_modals"] for c in verb.children)
    )


def _neither(verb: Token) -> bool:
    """ "neither supports nor opposes the plan", "neither Rome nor Madrid backs it": the verb is
    denied as "not" denies it."""
    first = verb.head if verb.dep_ == "conj" else verb
    pairs = [first, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))]
    return any(
        any(c.dep_ == "preconj" and c.lower_ == "neither" for c in p.children)
        and any(c.dep_ == "cc" and c.lower_ == "nor" for c in p.children)
        for p in pairs
    )


def _resisted(verb: Token) -> Token | None:
    """What a verb of opposition holds out against as a position: anything it "has long" or
    "consistently" resisted or now rejects, or a call, demand or proposal ("resisted calls for joint debt")."""
    obj = _held_object(verb)
    if obj is None:
        return None
    standing = any(c.dep_ == "advmod" and c.lower_ in W["standing_adverbs"] for c in verb.children)
    # the simple present states what a holder holds ("Baku rejects the presence of foreign troops")
    standing = standing or verb.tag_ in ("VBZ", "VBP")
    return obj if standing or obj.lemma_.lower() in REFUSABLE or obj.lower_ in REFUSABLE else None


def _vowed_block(verb: Token) -> Token | None:
    """What a holder commits itself to block: "vowed to block the aid package", "pledged to veto
    Cyprus joining". A threat to block unless something is done is a threat, not a commitment."""
    if verb.dep_ != "xcomp" or verb.head.lemma_.lower() not in SW["commitments"]:
        return None
    obj = _object(verb)
    if _policy(obj) or (obj is not None and obj.lemma_.lower() in REFUSABLE):
        return obj
    return obj if _pobj(verb, "from") is not None else None


def _standing_claim(noun: Token) -> bool:
    """ "Beijing's claim to the islands", "Rabat's claims over the territory": a claim to land is
    a policy held; a claim that something happened is a charge (it has a clause, not a place)."""
    if noun.lemma_.lower() not in SW["claim_nouns"] or any(c.dep_ in ("acl", "ccomp", "relcl") for c in noun.children):
        return False
    # "disputes Beijing's claim to the reef": the phrase may hang on the verb
    verb_preps = [c for c in noun.head.children if c.i > noun.i] if noun.dep_ in ("dobj", "obj") else []
    for prep in [*noun.children, *verb_preps]:
        if prep.dep_ != "prep" or prep.lower_ not in SW["claim_preps"]:
            continue
        place = next((c for c in prep.children if c.dep_ == "pobj"), None)
        # "claims in the report" are words; "claims in the South China Sea" are to land
        if place is not None and (prep.lower_ != "in" or place.ent_type_ in ("GPE", "LOC")):
            return True
    return False


def _demonym_owner(noun: Token, index: ActorIndex) -> Token | None:
    """ "French objections to the farm chapter", "American support for the bid": a people's word
    names whose position it is (with a preposition naming what it is about). "Ukrainian resistance"
    is most often fighting, not a view."""
    if noun.lemma_.lower() in SW["armed_position_nouns"] or not any(
        _pobj(noun, w) is not None for w in ("to", "for", "toward", "towards")
    ):
        return None
    return next(
        (c for c in noun.children if c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN") and c.text[:1].isupper() and index.actors_of(c)),
        None,
    )


def _decided(stances: list[Stance]) -> list[Stance]:
    """ "said Turkey would not approve Sweden's bid": a refusal read both as support withheld
    (no side) and as opposition is opposition; a holder takes no side only where it takes none."""
    sided = {(s.holder.code or s.holder.name, s.evidence.start) for s in stances if s.polarity != "neutral"}
    return [s for s in stances if s.polarity != "neutral" or (s.holder.code or s.holder.name, s.evidence.start) not in sided]


def _object_as(verb: Token) -> Token | None:
    """ "did not see the missile test as a threat": the parser may hang "as" on the object."""
    obj = _object(verb)
    return _as_complement(obj) if obj is not None else None


def _unbound(verb: Token) -> Token | None:
    """What a holder denies being bound by: "will not be bound by the verdict", "the authorities do
    not consider themselves bound by it" (the denial sits on the participle or on "consider")."""
    if verb.tag_ != "VBN":
        return None
    by = next((o for a in verb.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"), None)
    if by is None:
        return None
    denied = any(c.dep_ == "neg" for c in verb.children) or (
        verb.dep_ in ("ccomp", "xcomp", "oprd") and any(c.dep_ == "neg" for c in verb.head.children)
    )
    return by if denied else None


def _unbound_holder(verb: Token) -> Token | None:
    """Who is not bound: the passive subject, or the subject of "consider" for "itself"."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    if subject is not None and subject.lower_ not in SW["reflexive_pronouns"]:
        return subject
    return next((c for c in verb.head.children if c.dep_ == "nsubj"), None)


def _stayed_out(verb: Token) -> bool:
    """ "has stayed out of the dispute", "kept out of the conflict": keeping out is taking no side."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    out = next((c for c in verb.children if c.lower_ == "out" and c.dep_ in ("prt", "advmod", "prep")), None)
    if out is None:
        return False
    of = _pobj(out, "of") or _pobj(verb, "of")
    return of is not None and of.lemma_.lower() in SW["dispute_nouns"]


def _no_threat_seen(verb: Token) -> bool:
    """ "sees no threat in the drills", "has seen no sign of any threat": a threat denied by "no"."""
    obj = _object(verb)
    if obj is None or not any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
        return False
    return any(t.lemma_.lower() in THREAT_NOUNS for t in obj.subtree)


def _land_kept(verb: Token) -> Token | None:
    """The land or the claim a holder refuses to yield ("cede any territory", "give up the islands");
    a verb listed with a particle yields only with it ("give up")."""
    if not _with_particle(verb, SW.table("yielding_verbs")[verb.lemma_.lower()]):
        return None
    obj = _object(verb)
    if obj is None or (obj.lemma_.lower() not in SW["land_nouns"] and obj.lower_ not in SW["land_nouns"]):
        return None
    return obj


def _neutral_stance(noun: Token) -> bool:
    """ "a neutral stance", "an impartial position", "a position of neutrality"."""
    if noun.lemma_.lower() not in SW["stance_nouns"]:
        return False
    neutral = _pobj(noun, "of")
    return any(c.dep_ == "amod" and c.lower_ in SW["neutral_adjectives"] for c in noun.children) or (
        neutral is not None and neutral.lemma_.lower() in SW["neutrality_nouns"]
    )
