"""Events: PLOVER-coded who-did-what-to-whom, each proven by its sentence.

For every sentence (headings excluded) the trigger lexicon proposes readings of its verbs and
nouns; the dependency parse gives each reading its arguments (subject, object, prepositional
objects; passive voice; shared subjects of coordinated and controlled verbs), which
`ActorIndex` turns into actors. The clause around the trigger decides the modality (negation,
modals, conditions, speculation, denials) and the nesting: an event inside the complement
of another one ("accused Serbia of destabilising the region", "agreed to cooperate") is part
of it, not an event of its own; a promised cooperative act is AGREE and a promised hostile
act THREATEN, as PLOVER codes them.

Other conventions a careful coder follows: an obligation reported of someone else ("Russia
said Sudan must return the helicopter") is the speaker's REQUEST; an act named in passing as
the time or cause of the news ("since last month's invasion") is background, not news; an
event noun restated by its verb ("US drone attacks killed ...") is one event; an attack
nobody is named for is coded to the state where it happened; a place the knowledge base
knows stands for its state; a definite act ("condemned the drills") points back to whoever
did it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from actorgraph import __version__
from actorgraph.nlp.arguments import ActorIndex, ArgActor, unique_args
from actorgraph.nlp.lexicon import Lexicon, Need, Trigger
from actorgraph.nlp.temporal import sentence_date
from actorgraph.ontology import QUAD
from actorgraph.types import ActorRef, Document, Event, Modality, Place
from actorgraph.types import Span as TextSpan

LIGHT_VERBS = {
    "launch",
    "carry",
    "conduct",
    "hold",
    "stage",
    "mount",
    "express",
    "voice",
    "issue",
    "make",
    "give",
    "take",
    "impose",
    "announce",
    "begin",
    "start",
    "resume",
    "continue",
    "intensify",
    "step",
    "reach",
    "declare",
    "lodge",
    "file",
    "deliver",
    "raise",
    "extend",
    "order",
    "claim",
    "reiterate",
    "reaffirm",
    "renew",
    "open",
    "initiate",
    "pledge",
    "offer",
    "provide",
    "deepen",
    "expand",
    "strengthen",
    "seek",
    "sign",
    "agree",
    "finalize",
    "finalise",
    "conclude",
    "complete",
    "undertake",
}
SPEECH = {
    "say",
    "tell",
    "add",
    "state",
    "announce",
    "report",
    "note",
    "stress",
    "emphasize",
    "emphasise",
    "argue",
    "declare",
    "confirm",
    "reiterate",
    "write",
    "tweet",
    "explain",
    "respond",
    "reply",
    "assert",
    "maintain",
    "insist",
    "claim",
    "believe",
    "think",
    "signal",
    "indicate",
    "acknowledge",
    "admit",
    "reveal",
    "disclose",
    "recall",
    "underline",
    "underscore",
    "point",
    "describe",
    "quote",
}
DENY = {"deny", "refute", "dispute"}
NEGATING = {"refrain", "fail", "avoid", "stop", "cease", "halt", "abandon", "forgo"}
HYPOTHETICAL = {
    "plan",
    "intend",
    "expect",
    "hope",
    "want",
    "seek",
    "aim",
    "consider",
    "prepare",
    "try",
    "wish",
    "mull",
    "weigh",
    "contemplate",
    "propose",
    "speculate",
    "suggest",
    "predict",
    "fear",
    "envisage",
    "envision",
    "could",
    "may",
    "might",
    "need",
    "urge",
    "ask",
    "call",
    "demand",
    "request",
    "push",
}
# Adverbs that make a statement a guess: "would almost certainly be opposed", "probably".
_EPISTEMIC = {"potentially", "possibly", "perhaps", "likely", "reportedly", "probably", "presumably", "conceivably"}
MODAL_HYPOTHETICAL = {"could", "may", "might", "can", "should", "ought", "must"}
FUTURE = {"will", "shall", "'ll", "wo", "would", "'d"}
CONDITION_MARKS = {"if", "unless", "whether", "provided", "lest"}
BACKGROUND_MARKS = {"after", "before", "since", "following", "when", "while", "as", "until", "because", "amid"}
COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
HOSTILE_ACTS = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
_CYBER = re.compile(
    r"\b(cyber|hack|hacker|hackers|hacking|website|websites|servers?|ransomware|malware|ddos|online)\b", re.I
)
_MILITARY = re.compile(
    r"\b(missiles?|drones?|rockets?|air|artillery|troops|army|military|forces|shelling|jets?|bomb)\b", re.I
)
_VERBAL_OBJECTS = {
    "decision",
    "policy",
    "statement",
    "remarks",
    "plan",
    "proposal",
    "law",
    "report",
    "comments",
    "move",
    "speech",
    "approach",
    "stance",
    "position",
    "claims",
    "idea",
}
_NEGATIVE_WORDS = {
    "aggression",
    "violation",
    "attack",
    "persecution",
    "provocation",
    "crime",
    "crimes",
    "terrorism",
    "terrorist",
    "unacceptable",
    "illegal",
    "illegitimate",
    "motivated",
    "outrageous",
    "shameful",
    "disgraceful",
    "hostile",
    "threat",
    "lie",
    "lies",
    "propaganda",
    "farce",
    "sham",
    "mistake",
    "betrayal",
    "blackmail",
    "genocide",
    "cleansing",
    "occupation",
    "invasion",
    "piracy",
    "unjustified",
    "unfounded",
    "absurd",
    "baseless",
}
_FORCE = {"retaliate", "fight", "respond", "avenge", "destroy", "attack", "strike", "punish", "crush", "defend"}
_THREAT_MODE = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "COERCE": "restrict",
    "PROTEST": "restrict",
    "SANCTION": "relations",
}
_THREAT_MODE_BY_MODE = {"arrest": "arrest", "expel": "expel", "curfew": "restrict", "deport": "expel"}
EXTRACTOR = f"actorgraph.rules/{__version__}"


@dataclass
class Frame:
    """A trigger reading with the token that carries its clause (the verb)."""

    trigger: Token
    entry: Trigger
    predicate: Token
    noun: bool
    type: str = ""
    mode: str | None = None
    modality: Modality = "asserted"
    source: list[ArgActor] = field(default_factory=list)
    target: list[ArgActor] = field(default_factory=list)
    nested_in: Frame | None = None
    background: bool = False
    notes: list[str] = field(default_factory=list)


# ---- matching the lexicon ---------------------------------------------------------------------
def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


_RELATIVE = {"which", "that", "who", "whom"}


def _object(token: Token) -> Token | None:
    objects = _children(token, "dobj", "obj", "attr", "oprd")
    if not objects:
        objects = _children(token, "nsubjpass")
    if not objects:
        # "denounced as an ugly crime Serbia's suppression of ...": a heavy object moved
        # after the "as" phrase, parsed as an apposition to it
        objects = [
            a
            for p in _children(token, "prep")
            if p.lower_ == "as"
            for o in _children(p, "pobj")
            for a in _children(o, "appos")
        ]
    if not objects:
        return None
    if objects[0].lower_ in _RELATIVE and token.dep_ == "relcl":
        return token.head  # "a plan, which is backed by the EU": the plan is backed
    return objects[0]


def _is_passive(token: Token) -> bool:
    return bool(_children(token, "nsubjpass", "auxpass"))


def _preps(token: Token, depth: int = 2) -> dict[str, Token]:
    """Preposition (or particle) word → its object, for a word, its object and their objects.

    "called for a clarification from Albania": `from` hangs off `clarification`, itself the
    object of `for`; "a suspension of air links with Serbia": `with` hangs off `links`.
    """
    found: dict[str, Token] = {}
    owners = [(token, 0)]
    obj = _object(token)
    if obj is not None:
        owners.append((obj, 1))
    while owners:
        owner, level = owners.pop(0)
        for child in owner.children:
            if child.dep_ in ("prep", "agent", "dative") or (child.dep_ == "prt" and child.pos_ == "ADP"):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects and objects[0].ent_type_ in ("DATE", "TIME"):
                    continue  # "called on Tuesday ...": a date is never an argument
                found.setdefault(child.lower_, objects[0] if objects else child)
                if objects and level < depth:
                    owners.append((objects[0], level + 1))
            elif child.dep_ == "prt":
                found.setdefault(child.lower_, child)
    return found


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


_QUANTITY = {
    "ton",
    "tons",
    "tonne",
    "tonnes",
    "kg",
    "kilogram",
    "batch",
    "shipment",
    "package",
    "consignment",
    "number",
    "dozens",
    "hundreds",
    "thousands",
    "million",
    "millions",
    "billion",
    "worth",
    "amount",
    "part",
    "first",
    "set",
    "squadron",
    "unit",
    "batteries",
    "units",
    "cache",
    "stockpile",
    "haul",
    "quantity",
}


def _object_lemmas(token: Token | None) -> set[str]:
    if token is None:
        return set()
    out = {token.lower_, _lemma(token)}
    if token.lower_ in ("state", "threat", "lot", "series", "wave") or token.lower_ in _QUANTITY or token.pos_ == "NUM":
        # "25,000 tons of food aid", "a first batch of missiles": the goods are what counts.
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        out |= {pobj.lower_, _lemma(pobj)}
    for conj in token.conjuncts:
        out |= {conj.lower_, _lemma(conj)}
    for child in token.children:
        if child.dep_ == "compound":
            out.add(f"{child.lower_} {token.lower_}")
    return out


def _needs_met(frame_token: Token, entry: Trigger, index: ActorIndex, governor: Token | None) -> bool:
    obj = _object(frame_token) if entry.pos == "V" else None
    return all(_need_met(need, frame_token, entry, obj, index, governor) for need in entry.needs)


def _need_met(
    need: Need, token: Token, entry: Trigger, obj: Token | None, index: ActorIndex, governor: Token | None
) -> bool:
    kind, values = need.kind, need.values
    if kind == "obj":
        if entry.pos == "N":
            of = [c for prep in _children(token, "prep") if prep.lower_ == "of" for c in _children(prep, "pobj")]
            return any(_object_lemmas(o) & values for o in of)
        return obj is not None and bool(_object_lemmas(obj) & values)
    if kind == "noobj":
        return obj is None
    if kind == "pobj":
        return any(_lemma(pobj) in values for pobj in _preps(token, depth=0).values())
    if kind == "notpobj":
        # "speaking to reporters" is no consultation
        return not any(_lemma(pobj) in values for pobj in _preps(token, depth=0).values())
    if kind == "future":
        holder = governor if governor is not None else token
        auxes = {c.lower_ for c in holder.children if c.dep_ in ("aux", "auxpass")}
        return bool(auxes & FUTURE) or _ready_to(holder) or _going_to(holder)
    if kind == "prep":
        # the word's own prepositions and its object's: "agreed with X", "held talks with X";
        # not one buried deeper ("agreed to mediation in talks with X")
        return bool(set(_preps(token, depth=0)) & values)
    if kind == "prt":
        return any(c.lower_ in values for c in _children(token, "prt", "prep", "advmod"))
    if kind == "xcomp":
        # with values, the clause's verb must be one of them: "ordered the staff to leave"
        clauses = _children(token, "xcomp", "ccomp")
        return any(_lemma(c) in values for c in clauses) if values else bool(clauses)
    if kind == "subjword":
        # "a car bomb exploded": what the subject is, for verbs with no agent of their own
        subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject is not None and _lemma(subject) in values
    if kind == "xsubjactor":
        # "helped Albania investigate the attack" parsed with Albania as the clause's subject
        for clause in _children(token, "xcomp", "ccomp"):
            subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and (index._covering(subject) or subject.pos_ == "PRON"):
                return True
        return False
    if kind in ("subj", "notsubj"):
        subject = _subject(token)[0]
        sectors = {a.ref.sector for a in index.actors_of(subject, anchor=False)} if subject is not None else set()
        if kind == "subj":
            return bool(sectors & values) or (subject is not None and _lemma(subject) in _CIVILIAN_WORDS)
        return not (sectors & values) and not (subject is not None and _lemma(subject) in _CIVILIAN_WORDS)
    if kind == "mod":
        mods = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        mods |= {_lemma(c) for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
        return bool(mods & values)
    if kind in ("objactor", "objnotactor"):
        if obj is None:
            return False
        named = bool(index._covering(obj)) or (obj.pos_ == "PRON" and bool(index.resolve_pronoun(obj)))
        return named if kind == "objactor" else not named
    if kind == "ctx":
        sentence = index.sentence(token).text
        for value in values:
            if value == "cyber" and _CYBER.search(sentence):
                return True
            if value == "strike" and _MILITARY.search(sentence):
                return True
            if value == "verbal" and obj is not None and _lemma(obj) in _VERBAL_OBJECTS:
                return True
            if value == "negative":
                words = {
                    _lemma(t)
                    for c in token.children
                    if c.dep_ not in ("nsubj", "nsubjpass")
                    for t in c.subtree
                    if not (t.i >= 2 and t.doc[t.i - 2].lower_ == "anti")  # "anti-terrorist measures"
                }
                if words & _NEGATIVE_WORDS:
                    return True
            if value == "agreement":
                inner = _children(token, "xcomp")
                if inner and (
                    _lemma(inner[0]) in ("agree", "conclude", "finalise", "finalize")
                    or (
                        _lemma(inner[0]) in ("reach", "secure", "strike", "sign")
                        and _object_lemmas(_object(inner[0]))
                        & {"agreement", "deal", "accord", "consensus", "compromise", "settlement", "truce", "ceasefire"}
                    )
                ):
                    return True
            if value == "force":
                inner = _children(token, "xcomp", "advcl", "ccomp")
                if inner and _lemma(inner[0]) in _FORCE:
                    return True
            if value in ("declare", "express", "lodge", "issue", "impose", "take") and governor is not None:
                allowed = {
                    "take": {"take", "took", "adopt"},
                    "declare": {"declare", "agree", "announce", "call", "observe", "reach", "sign"},
                    "express": {"express", "voice", "raise", "reiterate", "register"},
                    "lodge": {"lodge", "file", "register", "send", "deliver"},
                    "issue": {"issue", "make", "deliver", "send", "give", "repeat"},
                    "impose": {"impose", "declare", "order", "introduce", "announce", "reimpose"},
                }[value]
                if _lemma(governor) in allowed:
                    return True
        return False
    return True


_CIVILIAN_WORDS = {
    "worker",
    "protester",
    "demonstrator",
    "student",
    "teacher",
    "farmer",
    "employee",
    "doctor",
    "nurse",
    "miner",
    "driver",
    "union",
    "people",
    "thousand",
    "hundred",
    "resident",
    "citizen",
    "activist",
}


def _subject(token: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of a verb (following shared subjects up the tree) and whether it is an agent."""
    if depth > 6:
        return None, False
    for child in token.children:
        if child.dep_ in ("nsubj", "csubj", "expl"):
            if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                return token.head, True  # "Russia, which opposed its membership": Russia
            return child, True
    agents = [c for c in _children(token, "agent") for c in _children(c, "pobj")]
    if _children(token, "nsubjpass"):
        return (agents[0], True) if agents else (None, False)
    if token.dep_ == "ccomp" and _lemma(token.head) in _REDUCED_RELATIVE:
        # "Hackers believed to be linked to Russia hacked ...", parsed as if "believed" were
        # the main verb: the subject of "believed" is the one who acted
        subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        if subjects and not any(c.dep_ == "aux" for c in token.head.children):
            return subjects[0], True
    if token.dep_ == "xcomp":
        # "urged Serbia to normalise": the object controls; "agreed to cooperate": the subject.
        head_object = _children(token.head, "dobj", "obj")
        if head_object:
            return head_object[0], True
        return _subject(token.head, depth + 1)
    if token.dep_ == "conj" and _children(token.head, "nsubjpass") and (token.tag_ != "VBN" or _children(token, "aux")):
        # "was indicted by the court and will resign": an active verb joined to a passive
        # one shares its patient ("the prime minister"), not its agent
        return _children(token.head, "nsubjpass")[0], True
    if token.dep_ in ("conj", "advcl", "pcomp", "acomp", "attr", "oprd") or (
        token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "VERB"
    ):
        return _subject(token.head, depth + 1)
    if (
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and token.head.dep_ in ("dobj", "obj")
        and token.head.head.pos_ == "VERB"
    ):
        # "issued a declaration demanding that ...": the declarer demands
        return _subject(token.head.head, depth + 1)
    if token.dep_ in ("relcl", "acl"):
        return token.head, True
    return None, False


# ---- the extractor ---------------------------------------------------------------------------
class EventExtractor:
    """Stateless rules over a parsed story; one instance serves every document."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        _TRIGGER_VERBS.update(lexicon.verbs)

    def extract(self, doc: Doc, document: Document, index: ActorIndex) -> list[Event]:
        """All events of a story, in text order."""
        headings = document.headings
        events: list[Event] = []
        for number, sentence in enumerate(index.sentences):
            if any(s <= sentence.start_char < e for s, e in headings):
                continue
            frames = self._frames(sentence, index)
            settled = self._settle(frames, index)
            for frame in settled:
                event = self._event(frame, sentence, number, document, index, events, frames)
                if event is not None:
                    events.append(event)
        return _dedupe(events)

    # -- proposing readings
    def _frames(self, sentence: Span, index: ActorIndex) -> list[Frame]:
        frames: list[Frame] = []
        for token in sentence:
            lemma = _lemma(token)
            if (
                token.pos_ == "VERB"
                or (token.pos_ in ("ADJ", "AUX") and token.tag_ in ("VBN", "VBD", "VB", "VBG", "VBZ", "VBP"))
                or (token.pos_ == "ADJ" and token.lower_ in self.lexicon.verbs)
            ):
                # an adjectival form with a reading of its own comes first ("is opposed to")
                readings = (*self.lexicon.verbs.get(token.lower_, ()), *self.lexicon.verbs.get(lemma, ()))
                for entry in readings if token.lower_ != lemma else self.lexicon.verbs.get(lemma, ()):
                    if _needs_met(token, entry, index, None):
                        frames.append(Frame(token, entry, token, noun=False))
                        break
            elif (
                token.pos_ in ("NOUN", "PROPN") and lemma in self.lexicon.nouns or token.lower_ in self.lexicon.nouns
            ) and not any(o.actor.type not in ("agent", "state") for o in index.by_token.get(token.i, [])):
                governor = _light_governor(token)
                readings = (*self.lexicon.nouns.get(lemma, ()), *self.lexicon.nouns.get(token.lower_, ()))
                for entry in dict.fromkeys(readings):
                    if _needs_met(token, entry, index, governor):
                        predicate = governor if governor is not None else token
                        frames.append(Frame(token, entry, predicate, noun=True))
                        break
        frames.extend(self._obligations(sentence, index, {f.predicate.i for f in frames}))
        return frames

    def _obligations(self, sentence: Span, index: ActorIndex, taken: set[int]) -> list[Frame]:
        """ "Russia said Sudan must return the helicopter": a reported obligation laid on
        someone else is a demand of the speaker (REQUEST), and the act demanded is part of it.
        The speaker must be a coded actor and the obliged party another one."""
        found = []
        for verb in sentence:
            if _lemma(verb) not in SPEECH or verb.i in taken or verb.pos_ not in ("VERB", "AUX"):
                continue
            speaker, _ = _subject(verb)
            speakers = [a.ref for a in index.actors_of(speaker) if a.ref.code] if speaker is not None else []
            if not speakers:
                continue
            for clause in _children(verb, "ccomp"):
                modal = _obligation_word(clause)
                if modal is None:
                    continue
                subject, _ = _subject(clause)
                obliged = [a.ref for a in index.actors_of(subject) if a.ref.code] if subject is not None else []
                if any(not any(_same_side(a, b) for a in speakers) for b in obliged):
                    found.append(Frame(modal, _OBLIGATION, verb, noun=False))
                    break
        return found

    # -- nesting, modality, arguments
    def _settle(self, frames: list[Frame], index: ActorIndex) -> list[Frame]:
        by_predicate = {f.predicate.i: f for f in frames if not f.noun or f.predicate.i != f.trigger.i}
        by_trigger = {f.trigger.i: f for f in frames}
        kept: list[Frame] = []
        for frame in frames:
            if frame.noun and frame.predicate.i == frame.trigger.i:
                # A bare noun ("the threat of instability") is an event only with its own actor.
                frame.source = self._slots(frame, frame.entry.source or ("poss", "amod", "compound", "prep:by"), index)
                if not frame.source:
                    continue
            frame.type, frame.mode = frame.entry.type, frame.entry.mode
            self._arguments(frame, index)
            self._modality(frame, by_predicate, by_trigger)
            if "reciprocal" in frame.notes:
                for side in frame.source:
                    others = [a for a in frame.source if a.ref.code != side.ref.code]
                    kept.append(replace(frame, source=[side], target=others, notes=list(frame.notes)))
                continue
            kept.append(frame)
        # On one light verb, the object's own reading wins over a modifier's ("issued arrest
        # warrants" is about warrants, not arrests).
        heads = {
            f.predicate.i: f for f in kept if f.noun and f.predicate.i != f.trigger.i and f.trigger.dep_ != "compound"
        }
        kept = [f for f in kept if not (f.noun and f.trigger.dep_ == "compound" and f.predicate.i in heads)]
        # Light-verb readings win over the bare verb on the same predicate ("held talks").
        nouny = {f.predicate.i for f in kept if f.noun and f.predicate.i != f.trigger.i}
        kept = [f for f in kept if f.noun or f.predicate.i not in nouny]
        # "US drone attacks have killed eight militants": an event noun that is the subject of
        # an event verb names the same act; the verb, which has the arguments, tells it.
        # So does one that says what the verb's act was: "launched missiles at Israel in its
        # first direct attack on Israeli territory".
        verbs = {f.predicate.i: f.entry.type for f in kept if not f.noun}
        kept = [f for f in kept if not (f.noun and f.predicate.i == f.trigger.i and _restates(f, verbs))]
        # "killed one soldier and wounded two others": casualties joined to an attack are
        # that attack's toll, one event.
        assaults = {f.predicate.i for f in kept if not f.noun and f.entry.type == "ASSAULT"}
        kept = [
            f
            for f in kept
            if not (
                not f.noun
                and f.entry.lemma in _CASUALTY
                and f.predicate.dep_ == "conj"
                and f.predicate.head.i in assaults
            )
        ]
        # "warned that Serbia will take necessary steps": a threat of one's own act is one
        # event (THREATEN); the warned-of act is part of it
        inner_of_threats = {
            int(note.split(":")[1])
            for f in kept
            if f.entry.lemma == "warn" and _warns_of_own_action(f, index)
            for note in f.notes
            if note.startswith("inner-frame:")
        }
        return [f for f in kept if f.nested_in is None and f.trigger.i not in inner_of_threats]

    def _slots(self, frame: Frame, slots: Sequence[str], index: ActorIndex) -> list[ArgActor]:
        token = frame.trigger
        predicate = frame.predicate
        for slot in slots:
            found: list[ArgActor] = []
            if slot == "subj":
                subject, _ = _subject(predicate)
                if subject is not None and (not frame.noun or predicate.i != token.i):
                    named = not frame.noun or bool(
                        index._covering(subject) or subject.pos_ == "PRON" or index.resolve_description(subject)
                    )
                    found = index.actors_of(subject) if named else []
            elif slot == "dobj":
                obj = _object(predicate) if not frame.noun else None
                if obj is not None:
                    found = [a for a in index.actors_of(obj) if a.via in ("mention", "coref", "anchored")]
                    if not index._covering(obj) and obj.pos_ != "PRON" and not _describes(obj):
                        found = []
                    if not found and obj.i in index.places:
                        found = _placed_state(obj, index)  # "shelled Donetsk"
            elif slot == "iobj":
                found = [a for d in _children(predicate, "dative", "iobj") for a in index.actors_of(d)]
            elif slot == "objowner":
                obj = _object(predicate) if not frame.noun else None
                if frame.noun:
                    obj = next(
                        (c for p in _children(token, "prep") if p.lower_ == "of" for c in _children(p, "pobj")), None
                    )
                if obj is not None and not frame.noun and _is_act(obj):
                    # "condemned the attack on its consulate": an act belongs to its author
                    found = _authors(obj, index)
                else:
                    found = index.owner_of(obj)
                if not found and obj is not None:
                    found = _placed_state(obj, index)  # "evacuated settlements in the Gaza Strip"
            elif slot.startswith("prep:"):
                word = slot[5:]
                holders = [token] if frame.noun else []
                holders.append(predicate)
                for holder in holders:
                    target = _preps(holder).get(word)
                    if target is not None and target.dep_ in ("pobj", "pcomp"):
                        found = index.actors_of(target)
                        if not found:
                            found = index.owner_of(target)
                        if not found:
                            found = _placed_state(target, index)  # "the invasion of South Lebanon"
                    if found:
                        break
            elif slot == "xsubj":
                clauses = _children(predicate, "ccomp", "xcomp")
                for clause in clauses:
                    subject, _ = _subject(clause)
                    found = index.actors_of(subject)
                    if found:
                        break
            elif slot == "complement":
                # "called the incident an act of aggression by Russia": the culprit named in
                # what the act is called
                found = _culprits(predicate, index)
            elif slot == "place":
                found = _location_actors(frame, index)  # "troops remained on alert in the West Bank"
            elif slot == "cause":
                # "in defiance of Chinese authorities", "in protest at the decision of Serbia"
                for word, pobj in _preps(predicate, depth=0).items():
                    if word != "in" or _lemma(pobj) not in ("defiance", "protest", "opposition", "anger"):
                        continue
                    found = [
                        a
                        for prep in _children(pobj, "prep")
                        if prep.lower_ in ("of", "against", "at", "over", "to")
                        for inner in _children(prep, "pobj")
                        for a in (index.actors_of(inner) or index.owner_of(inner))
                    ]
            elif slot == "xobj":
                # the act's own object: "refuses to recognise its independence", "to show their
                # disapproval of the United States' policies"
                clauses = _children(predicate, "xcomp", "ccomp")
                clauses += [c for c in _children(predicate, "advcl") if any(a.lower_ == "to" for a in c.children)]
                if frame.noun:
                    clauses += _children(token, "acl")
                source_codes = {a.ref.code for a in frame.source}
                for clause in clauses:
                    # not the clause's own subject, but a small clause's is the object:
                    # "to hold Iran accountable"
                    own = {t.i for c in _children(clause, "nsubj", "nsubjpass") for t in c.subtree}
                    candidates = [t for t in clause.subtree if t.i != clause.i and t.i not in own]
                    found = [a for t in candidates for a in index._covering(t) if a.ref.code not in source_codes]
                    found = unique_args(found)
                    if found:
                        break
            elif slot in ("poss", "amod", "compound", "nmod"):
                for child in token.children:
                    if child.dep_ == slot or (slot == "amod" and child.dep_ == "nmod"):
                        found.extend(index.actors_of(child))
            elif slot == "none":
                return []
            if found:
                return found
        return []

    def _arguments(self, frame: Frame, index: ActorIndex) -> None:
        entry = frame.entry
        if frame.noun and frame.predicate.i != frame.trigger.i:
            subject, _ = _subject(frame.predicate)
            if "subj" in entry.target:
                frame.source = self._slots(frame, entry.source, index)  # "took delivery of Chinese systems"
            elif _lemma(frame.predicate) == "claim" or subject is not None:
                # "Serbia's cooperation ... has raised concerns": an event is no speaker
                named = subject is not None and (
                    index._covering(subject) or subject.pos_ == "PRON" or bool(index.resolve_description(subject))
                )
                frame.source = index.actors_of(subject) if named else []
            if not frame.source:
                frame.source = self._slots(frame, entry.source or ("poss", "amod", "compound", "prep:by"), index)
        elif not frame.noun:
            if entry.source:
                frame.source = self._slots(frame, entry.source, index)
            else:
                subject, _ = _subject(frame.predicate)
                if subject is None and entry.lemma == frame.trigger.lower_ and _children(frame.predicate, "nsubjpass"):
                    subject = _children(frame.predicate, "nsubjpass")[0]  # "Israel is opposed to ..."
                frame.source = index.actors_of(subject)
        frame.target = self._slots(frame, entry.target, index)
        if frame.noun and frame.trigger.head.lower_ == "under" and _children(frame.predicate, "nsubjpass"):
            # "a US national was put under investigation": the one under it
            frame.target = index.actors_of(_children(frame.predicate, "nsubjpass")[0]) or frame.target
        if _reciprocal(frame.predicate) and len({a.ref.code for a in frame.source}) >= 2:
            # "Pristina and Belgrade blamed each other": each side is the other's target
            frame.notes.append("reciprocal")
            frame.target = list(frame.source)
            return
        source_keys = {(a.ref.code, a.ref.sector, a.ref.name) for a in frame.source}
        frame.target = [a for a in frame.target if (a.ref.code, a.ref.sector, a.ref.name) not in source_keys]
        if not frame.target and not frame.noun and "none" not in entry.target:
            frame.target = [
                a for a in _shared_object(frame.predicate, index) if a.ref.code not in {k[0] for k in source_keys}
            ]
        own = {a.ref.code for a in frame.source if a.ref.code}
        if frame.type not in ("ASSAULT", "COERCE", "PROTEST") and any(a.ref.code not in own for a in frame.target):
            # "cancelled talks between Chinese and U.S. commanders": the other side is the target
            frame.target = [a for a in frame.target if a.ref.code not in own]
        if (
            "xobj" in entry.target
            and frame.target
            and not self._slots(frame, [t for t in entry.target if t != "xobj"], index)
        ):
            # targets found inside a complement clause never repeat the source's own state
            codes = {a.ref.code for a in frame.source}
            frame.target = [a for a in frame.target if a.ref.code not in codes]
        if not frame.target and frame.noun and "none" not in entry.target:
            # "strikes on three sites in Iran" where the parser hung "on" elsewhere
            following = frame.trigger.doc[frame.trigger.i + 1] if frame.trigger.i + 1 < len(frame.trigger.doc) else None
            if following is not None and following.lower_ in ("on", "against") and following.dep_ == "prep":
                pobj = next((c for c in following.children if c.dep_ == "pobj"), None)
                found = index.owner_of(pobj) if pobj is not None else []
                frame.target = [a for a in found if (a.ref.code, a.ref.sector, a.ref.name) not in source_keys]
        if not frame.target and "none" not in entry.target:
            frame.target = self._fallback_target(frame, index, source_keys)
        if frame.type == "PROTEST" and all(a.ref.code is None for a in frame.source):
            # "people blocked streets in Hong Kong", "students rallied in Tbilisi"
            frame.source = [_located(a, place) for a in frame.source for place in _location_actors(frame, index)[:1]]
            frame.source = frame.source or _location_actors(frame, index)
        elif frame.type == "PROTEST" and all(a.type == "people" for a in frame.source):
            frame.source = _residents(frame, index)
        if not frame.source and (
            (frame.type in ("ASSAULT", "COERCE") and frame.mode != "cyber")
            or (frame.type == "ACCUSE" and frame.mode in ("investigate", "allege") and _is_passive(frame.predicate))
        ):
            frame.source = _unattributed(frame, index)
        frame.target = _domestic(frame, index)

    def _fallback_target(self, frame: Frame, index: ActorIndex, source_keys: set) -> list[ArgActor]:
        """Targets the lexicon's slots missed: in the complement, or where a material act happened."""
        source_codes = {key[0] for key in source_keys}
        if frame.entry.type in ("AGREE", "THREATEN", "REQUEST", "REJECT") and not frame.noun:
            for clause in _children(frame.predicate, "xcomp", "ccomp"):
                found = [
                    a
                    for t in clause.subtree
                    if t.i != clause.i
                    for a in index._covering(t)
                    if (a.ref.code, a.ref.sector, a.ref.name) not in source_keys and a.ref.code not in source_codes
                ]
                if found:
                    return unique_args(found)
        obj = _object(frame.predicate) if not frame.noun else None
        if obj is not None and obj.pos_ == "PRON":
            return []  # "they were attacked in Zvečan": whoever "they" are, not the place
        if frame.type in HOSTILE_ACTS | {"CONCEDE", "RETREAT", "AID", "COOPERATE"}:
            # where the act happened, the source's own state included ("Afghan rebels
            # exploded bombs in Kabul": AFG → AFG, as PLOVER codes domestic events)
            place = _location_actors(frame, index)
            if place:
                return place
            if frame.type == "PROTEST" and frame.source:
                # Protesters address their own government unless the text names another.
                code = frame.source[0].ref.code
                if code:
                    name = f"Government of {index.states.get(code, code)}"
                    return [ArgActor(ActorRef(code, "GOV", name, "agent"), None, "implied", frame.trigger.idx, "agent")]
        return []

    def _modality(self, frame: Frame, by_predicate: dict[int, Frame], by_trigger: dict[int, Frame]) -> None:
        predicate = frame.predicate
        auxes = {c.lower_ for c in predicate.children if c.dep_ in ("aux", "auxpass")}
        negated = (
            any(c.dep_ == "neg" for c in predicate.children)
            or any(
                c.lower_ in ("no", "never") and c.dep_ in ("det", "advmod", "neg")
                for c in (*predicate.children, *frame.trigger.children)
            )
            or _no_longer(predicate)
        )
        hypothetical = (
            bool(auxes & MODAL_HYPOTHETICAL)
            or any(
                c.lower_ in _EPISTEMIC or (c.lower_ == "certainly" and any(g.lower_ == "almost" for g in c.children))
                for c in predicate.children
            )
            or (
                predicate.dep_ == "xcomp"
                and predicate.head.lower_
                in ("due", "scheduled", "expected", "set", "likely", "unlikely", "possible", "able")
            )
        )
        future = bool(auxes & FUTURE) or _going_to(predicate) or _ready_to(predicate)
        if frame.noun and predicate.i != frame.trigger.i and _lemma(predicate) in HYPOTHETICAL:
            hypothetical = True  # "was preparing a major offensive", "plans a visit"
        conditional = _condition(predicate)
        # Walk up: complements of other words decide nesting and modality.
        token = predicate
        path: list[str] = []
        while token.head.i != token.i:
            dep, head = token.dep_, token.head
            path.append(dep)
            lemma = _lemma(head)
            if dep in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in token.children):
                hypothetical = True
            if dep in ("advcl", "relcl", "acl") and any(
                c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in token.children
            ):
                frame.background = True
            if dep == "pobj" and head.lower_ in BACKGROUND_MARKS | {"following", "despite", "amid", "during"}:
                frame.background = True
            if dep == "pobj" and head.lower_ in ("of", "to") and _lemma(head.head) in _CAUSE_NOUNS:
                frame.background = True  # "in the wake of the execution", "in response to the strikes"
            if dep in ("relcl",):
                frame.background = True
            outer = by_predicate.get(head.i) or (by_trigger.get(head.i) if head.pos_ in ("NOUN", "PROPN") else None)
            adjunct = (
                "prep" in path
                and not (set(path) & {"pcomp", "xcomp", "ccomp"})
                and not _complement_prep(predicate, head)
            )
            if outer is not None and outer is not frame and adjunct and frame.noun and frame.type == "REQUEST":
                frame.notes.append(f"request-for:{head.i}")
            if outer is not None and outer is not frame and outer.entry.lemma == "warn" and dep == "ccomp":
                # "Analysts warned that Tehran may retaliate": the warning reports someone
                # else's act, which is the event; a warning of one's own act is a threat.
                outer.notes.append(f"inner:{frame.entry.type}")
                outer.notes.append(f"inner-frame:{frame.trigger.i}")
                token = head
                continue
            if (
                outer is not None
                and outer is not frame
                and not adjunct
                and dep in ("xcomp", "ccomp", "pcomp", "pobj", "advcl", "prep", "acl", "dobj")
            ):
                if outer.entry.type in ("THREATEN",) and not frame.noun:
                    outer.mode = outer.mode or _threat_mode(frame.entry)
                if outer.entry.lemma == "vow" and frame.entry.type in HOSTILE_ACTS:
                    outer.type, outer.mode = "THREATEN", _threat_mode(frame.entry)
                if outer.entry.lemma == "warn":
                    outer.notes.append(f"inner:{frame.entry.type}")
                if not outer.target and frame.target and outer.entry.type == frame.entry.type:
                    # "criticised the decision, calling it a provocation by Pristina"
                    outer.target = frame.target
                frame.nested_in = outer
                return
            if lemma in DENY and dep in ("xcomp", "ccomp", "pcomp", "dobj", "prep"):
                negated = True
            if lemma in NEGATING and dep in ("xcomp", "pcomp", "prep"):
                negated = True
            if lemma in HYPOTHETICAL and dep in ("xcomp", "ccomp") and lemma not in SPEECH:
                hypothetical = True
            if dep in ("ccomp",) and lemma in SPEECH and future:
                pass  # reported commitment: handled below
            token = head
        if conditional == "unless" and not negated and frame.type not in ("THREATEN", "REQUEST"):
            # "will withdraw its force unless ...": a conditional act is a threat.
            frame.type, frame.mode = "THREATEN", _threat_mode(frame.entry)
            hypothetical, future = False, False
        elif conditional == "if" and (future or auxes & {"may", "might", "could"}) and frame.type in HOSTILE_ACTS:
            frame.type, frame.mode = "THREATEN", _threat_mode(frame.entry)
            hypothetical, future = False, False
        if negated and (future or _refusing(predicate)) and frame.type in COOPERATIVE | {"AGREE"}:
            # "will not accept refugees", "would not recognise": a refusal, not a denial.
            frame.type, frame.mode, negated = "REJECT", None, False
        frame.modality = "negated" if negated else "hypothetical" if hypothetical and not future else "asserted"
        if future and not negated and not hypothetical:
            # PLOVER: a promised cooperative act is AGREE, a promised hostile act THREATEN.
            if frame.type in COOPERATIVE:
                frame.type, frame.mode = "AGREE", None
            elif frame.type in HOSTILE_ACTS - {"SANCTION", "MOBILIZE"}:
                frame.type, frame.mode = "THREATEN", _threat_mode(frame.entry)
            elif frame.type == "MOBILIZE":
                frame.modality = "hypothetical"  # an announced deployment that has not happened yet
        if frame.entry.lemma == "warn" and frame.type == "THREATEN":
            frame.notes.append("warn")

    # -- building the record
    def _event(
        self,
        frame: Frame,
        sentence: Span,
        number: int,
        document: Document,
        index: ActorIndex,
        earlier: Sequence[Event] = (),
        frames: Sequence[Frame] = (),
    ) -> Event | None:
        if frame.entry.lemma == "warn":
            inner = [n for n in frame.notes if n.startswith("inner-frame:")]
            own = _warns_of_own_action(frame, index)
            if inner and not own:
                return None  # the warned-of act by someone else is the event
            if frame.type == "THREATEN" and not own:
                frame.type, frame.mode = "ACCUSE", "disapprove"
        if (
            frame.type in ("ACCUSE", "THREATEN")
            and frame.source
            and (
                all(a.ref.sector in ("EDU", "MED") and not a.ref.code for a in frame.source)
                or _lemma(_subject(frame.predicate)[0] or frame.trigger) in _COMMENTATORS
            )
        ):
            return None  # analysts and reporters predicting or describing, not accusing
        for note in frame.notes:
            if note.startswith("request-for:") and not frame.target:
                # "met at Israel's request": the request went to those who met
                outer = next((f for f in frames if f.predicate.i == int(note.split(":")[1])), None)
                if outer is not None:
                    frame.target = [a for a in outer.source if a.ref.code not in {s.ref.code for s in frame.source}]
        if not frame.target and frame.type in ("ACCUSE", "REJECT", "SUPPORT", "THREATEN"):
            frame.target = _event_coreference(frame, earlier, index)
        if not frame.source and not frame.noun:
            # "The strike killed seven members of the Revolutionary Guards": the strike's author
            subject, _ = _subject(frame.predicate)
            if subject is not None:
                frame.source = _earlier_actors(subject, earlier, {a.ref.code for a in frame.target})
        frame.target = _domestic_default(frame, index)
        if not frame.source and not (frame.target and frame.type in ("ASSAULT", "COERCE")):
            return None
        if (
            frame.source
            and all(a.ref.code is None and a.type not in _STATELESS_ORGS for a in frame.source)
            and frame.type not in ("ASSAULT", "COERCE")
        ):
            # "Activists condemned ...": with no state or organisation behind the source, a
            # verbal event says little about relations; attacks by unknown groups still count,
            # and so does what a known organisation of no state does ("al-Qaeda threatened").
            return None
        named = [a for a in frame.source if a.via != "location"]
        if frame.background and not named:
            return None
        if (
            frame.background
            and frame.noun
            and frame.predicate.i == frame.trigger.i
            and not any(a.via not in ("domestic", "location", "implied") for a in frame.target)
        ):
            # "since last month's U.S. invasion", "during a G8 summit": an act named in passing
            # as the time or cause of the news is background; it counts only when the text
            # names both sides ("following its strikes on nuclear sites in Iran")
            return None
        start = sentence.start_char
        end = sentence.end_char
        while end > start and document.text[end - 1].isspace():
            end -= 1
        evidence = TextSpan(start, end, document.text[start:end])
        day, _how = sentence_date(sentence, document.published)
        location = _location(frame, index)
        confidence = 0.9
        if any(a.via != "mention" for a in (*frame.source, *frame.target)):
            confidence *= 0.85
        if frame.noun:
            confidence *= 0.85
        if not frame.source:
            confidence *= 0.8
        if frame.background:
            confidence *= 0.9
        scores = [a.actor.resolution.score for a in (*frame.source, *frame.target) if a.actor is not None]
        if scores:
            confidence *= min(scores) ** 0.5
        source = tuple(_ref(a) for a in frame.source)
        target = tuple(_ref(a) for a in frame.target)
        trigger = TextSpan(frame.trigger.idx, frame.trigger.idx + len(frame.trigger.text), frame.trigger.text)
        key = f"{document.id}|{frame.type}|{trigger.start}|{[r.code for r in source]}|{[r.code for r in target]}"
        return Event(
            doc_id=document.id,
            id="e" + hashlib.sha1(key.encode()).hexdigest()[:12],
            type=frame.type,
            mode=frame.mode,
            context=_context(frame, sentence),
            source=source,
            target=target,
            modality=frame.modality,
            date=day,
            location=location,
            evidence=evidence,
            confidence=round(confidence, 3),
            extractor=f"{EXTRACTOR}:{frame.entry.rule}",
            trigger=trigger,
            sentence=number,
        )


def _ref(arg: ArgActor) -> ActorRef:
    return arg.ref


def _describes(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "both") for c in token.children)


def _light_governor(token: Token) -> Token | None:
    """The verb whose object a noun trigger is: "launched an attack", "expressed support"."""
    if token.dep_ == "compound" and token.head.dep_ in ("dobj", "obj") and token.head.lemma_.lower() in _EMPTY_HEADS:
        token = token.head  # "undertook a mediation mission", "launched a mediation effort"
    head = token.head
    if (
        token.dep_ in ("dobj", "obj", "nsubjpass", "attr")
        and _lemma(head) in LIGHT_VERBS
        and head.pos_ in ("VERB", "AUX")
    ):
        return head
    # "speeded up the withdrawal", "completed their withdrawal", "ordered the expulsion":
    # a verb that is no event of its own carries the noun's event.
    if (
        token.dep_ in ("dobj", "obj")
        and head.pos_ == "VERB"
        and _lemma(head) not in _OWN_EVENT_VERBS
        and _lemma(head) not in SPEECH
        and _lemma(head) not in _TRIGGER_VERBS
    ):
        return head
    # "was put under investigation", "placed under house arrest"
    if token.dep_ == "pobj" and head.lower_ == "under" and _lemma(head.head) in ("put", "place", "keep"):
        return head.head
    # "claimed responsibility for a major attack"
    if token.dep_ == "pobj" and head.lower_ == "for" and _lemma(head.head) in ("responsibility", "credit"):
        verb = head.head.head
        if _lemma(verb) in ("claim", "accept", "admit", "take", "deny"):
            return verb
    # "take part in offensive operations", "denied any role in the attack"
    if token.dep_ == "pobj" and head.lower_ == "in" and _lemma(head.head) in ("part", "role", "involvement", "hand"):
        verb = head.head.head
        if verb.pos_ in ("VERB", "AUX"):
            return verb
    return None


# fmt: off
# Verbs that are events about their object (or that their subject undergoes): an event noun
# they govern keeps its own source.
_OWN_EVENT_VERBS = {
    "monitor", "watch", "report", "describe", "see", "fear", "expect", "follow", "discuss", "mark", "cover",
    "predict", "call", "consider", "view", "regard", "study", "review", "assess", "analyse", "analyze",
    "recall", "remember", "mention", "highlight", "welcome", "oppose", "criticise", "criticize", "condemn",
    "reject", "deny", "support", "praise", "denounce", "investigate", "blame", "protest", "demand", "urge",
    "prevent", "avert", "stop", "halt", "block", "deter", "survive", "witness", "cause", "trigger", "spark",
    "prompt", "provoke", "justify", "explain", "document", "probe", "question", "defend", "postpone", "delay",
    "cancel", "gain", "win", "receive", "seek", "lose", "need", "get", "obtain", "face", "suffer", "undergo",
    "attract", "earn", "deserve", "enjoy", "risk", "avoid", "escape", "resist",
}
# fmt: on
_TRIGGER_VERBS: set[str] = set()


_EMPTY_HEADS = {
    "mission",
    "effort",
    "initiative",
    "campaign",
    "process",
    "operation",
    "bid",
    "drive",
    "attempt",
    "round",
}
# People whose warnings are forecasts, wherever they work ("analysts in Sarajevo warned").
_COMMENTATORS = {"analyst", "expert", "observer", "researcher", "commentator", "economist", "scholar"}
_CASUALTY = {"kill", "wound", "injure", "hurt", "maim"}
_CAUSE_NOUNS = {"wake", "aftermath", "response", "retaliation", "reaction", "run-up", "eve", "result"}
_REDUCED_RELATIVE = {"believe", "think", "suspect", "understand", "thought", "allege", "report", "say", "know", "link"}


def _no_longer(token: Token) -> bool:
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in token.children)


_COMPLEMENT_PREPS = {"of", "for", "about", "over", "into", "against", "to", "from", "with", "on"}


def _complement_prep(token: Token, outer: Token) -> bool:
    """Whether `token` hangs off `outer` through a preposition that takes its argument."""
    while token.head.i != token.i and token.head.i != outer.i:
        if token.dep_ == "prep":
            return token.lower_ in _COMPLEMENT_PREPS
        token = token.head
    return token.dep_ != "prep" or token.lower_ in _COMPLEMENT_PREPS


_OBLIGATION = Trigger("must", "V", (), "REQUEST", None, ("xsubj",), (), 0)


def _same_side(a: ActorRef, b: ActorRef) -> bool:
    """Whether two actors may be one party: same code, unless their sectors set them apart
    (rebels and the government of one state are two sides)."""
    return a.code == b.code and not (a.sector and b.sector and a.sector != b.sector)


def _obligation_word(clause: Token) -> Token | None:
    """The word that makes a clause an obligation: "must", "should", "ought to", "has to",
    "needs to" (not "should have", which blames a past act)."""
    auxes = [c for c in clause.children if c.dep_ == "aux"]
    if any(a.lower_ == "have" for a in auxes):
        return None
    for aux in auxes:
        if aux.lower_ in ("must", "should", "ought"):
            return aux
    if _lemma(clause) in ("have", "need") and clause.tag_ in ("VBZ", "VBP", "VBD"):
        inner = _children(clause, "xcomp")
        if inner and any(c.lower_ == "to" for c in inner[0].children):
            return clause
    return None


def _reciprocal(predicate: Token) -> bool:
    """Whether a verb's object is "each other" or "one another"."""
    for token in predicate.subtree:
        if token.lower_ in ("other", "another") and token.dep_ in ("dobj", "pobj", "obj"):
            before = token.doc[token.i - 1] if token.i else None
            if before is not None and before.lower_ in ("each", "one"):
                return True
    return False


def _shared_object(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """ "fired on and seized three Ukrainian vessels", "established ties with and opened an
    embassy in Tehran": a preposition left without its object shares the next verb's."""
    dangling = [
        c
        for c in predicate.children
        if (c.dep_ == "prep" or (c.dep_ == "prt" and c.pos_ == "ADP")) and not _children(c, "pobj", "pcomp")
    ]
    obj = _object(predicate)
    if obj is not None:
        dangling += [c for c in obj.children if c.dep_ == "prep" and not _children(c, "pobj", "pcomp")]
    if not dangling:
        return []
    for conj in _children(predicate, "conj"):
        other = _object(conj)
        if other is not None:
            found = index.actors_of(other) or index.owner_of(other)
            if found:
                return found
        for prep in _children(conj, "prep"):
            for pobj in _children(prep, "pobj"):
                found = index.actors_of(pobj)
                if found:
                    return found
    return []


def _restates(frame: Frame, verbs: dict[int, str]) -> bool:
    """Whether a bare event noun names the act of an event verb it hangs on."""
    token = frame.trigger
    if token.dep_ == "nsubj":
        return token.head.i in verbs
    if token.dep_ == "pobj" and token.head.lower_ in ("in", "as") and token.head.dep_ == "prep":
        verb = token.head.head
        return verbs.get(verb.i) == frame.entry.type
    return False


def _ready_to(token: Token) -> bool:
    """ "is ready to contribute", "are willing to forgive": an announced intention."""
    head = token.head
    return token.dep_ == "xcomp" and head.lower_ in ("ready", "willing", "prepared", "poised", "determined")


def _refusing(token: Token) -> bool:
    return any(c.lower_ in ("wo", "will", "would", "cannot", "can") for c in token.children if c.dep_ == "aux")


def _condition(token: Token) -> str | None:
    """'unless' or 'if' when the clause of `token` is conditioned by such a clause."""
    for child in token.children:
        if child.dep_ == "advcl":
            marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
            if "unless" in marks:
                return "unless"
            if marks & {"if", "provided"}:
                return "if"
    return None


def _going_to(token: Token) -> bool:
    head = token.head
    return (
        token.dep_ == "xcomp"
        and _lemma(head) == "go"
        and any(c.lower_ in ("is", "are", "was", "were", "'s", "'re") for c in head.children)
    )


def _threat_mode(entry: Trigger) -> str | None:
    if entry.mode in _THREAT_MODE_BY_MODE:
        return _THREAT_MODE_BY_MODE[entry.mode]
    return _THREAT_MODE.get(entry.type)


def _warns_of_own_action(frame: Frame, index: ActorIndex) -> bool:
    """ "warned that Serbia will take necessary steps": a threat only if the warner would act."""
    source_codes = {a.ref.code for a in frame.source}
    for clause in _children(frame.predicate, "ccomp", "xcomp"):
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if not auxes & (FUTURE | {"must"}):
            continue
        if {_lemma(t) for t in clause.subtree} & _REPRISAL:
            return True  # "the strikes would not go unanswered", "they will pay a heavy price"
        subject, _ = _subject(clause)
        if subject is None:
            continue
        if subject.lower_ in ("we", "it", "they") and subject.lower_ != "they":
            return True
        if {a.ref.code for a in index.actors_of(subject)} & source_codes:
            return True
    return False


# Words of a warning that promise reprisal whoever the clause's subject is.
_REPRISAL = {"unanswered", "unpunished", "price", "consequence", "regret", "retaliation", "reprisal", "retribution"}


_EVENT_NOUN_TYPES = {
    "attack": ("ASSAULT", "COERCE"),
    "attacks": ("ASSAULT", "COERCE"),
    "strike": ("ASSAULT",),
    "strikes": ("ASSAULT",),
    "killing": ("ASSAULT",),
    "killings": ("ASSAULT",),
    "shooting": ("ASSAULT",),
    "bombing": ("ASSAULT",),
    "ambush": ("ASSAULT",),
    "invasion": ("ASSAULT",),
    "hack": ("COERCE",),
    "cyberattack": ("COERCE",),
    "arrest": ("COERCE",),
    "arrests": ("COERCE",),
    "expulsion": ("SANCTION",),
    "sanctions": ("SANCTION",),
    "decision": ("SANCTION", "COERCE", "REJECT", "SUPPORT"),
    "move": ("SANCTION", "COERCE", "REJECT", "SUPPORT"),
    "incursion": ("ASSAULT",),
    "raid": ("ASSAULT",),
    "crackdown": ("COERCE",),
    "deployment": ("MOBILIZE",),
    "drills": ("MOBILIZE", "COOPERATE"),
    "exercises": ("MOBILIZE", "COOPERATE"),
    "exercise": ("MOBILIZE", "COOPERATE"),
    "buildup": ("MOBILIZE",),
    "build-up": ("MOBILIZE",),
    "assault": ("ASSAULT",),
    "shelling": ("ASSAULT",),
    "offensive": ("ASSAULT",),
    "blockade": ("COERCE", "PROTEST"),
    "detention": ("COERCE",),
    "seizure": ("COERCE", "ASSAULT"),
    "ban": ("COERCE", "SANCTION"),
    "measures": ("SANCTION", "COERCE"),
    "indictment": ("ACCUSE",),
    "investigation": ("ACCUSE",),
    "visit": ("CONSULT",),
    "accusation": ("ACCUSE",),
    "accusations": ("ACCUSE",),
    "allegation": ("ACCUSE",),
    "allegations": ("ACCUSE",),
    "charges": ("ACCUSE",),
    "criticism": ("ACCUSE",),
    "demand": ("REQUEST",),
    "demands": ("REQUEST",),
    "call": ("REQUEST",),
    "calls": ("REQUEST",),
    "ultimatum": ("THREATEN", "REQUEST"),
    "threat": ("THREATEN",),
    "threats": ("THREATEN",),
    "offer": ("AGREE",),
    "proposal": ("AGREE",),
    "declaration": ("SUPPORT",),
    "agreement": ("SUPPORT", "AGREE"),
    "deal": ("SUPPORT", "AGREE"),
}


def _event_coreference(frame: Frame, earlier: Sequence[Event], index: ActorIndex) -> list[ArgActor]:
    """ "The White House condemned the cyber attack", "expressed concern about the decision":
    the target is who carried out the act referred to."""
    if frame.noun:
        mentioned = [c for p in _children(frame.trigger, "prep") if p.lower_ in _ABOUT for c in _children(p, "pobj")][
            :1
        ]
    else:
        obj = _object(frame.predicate)
        mentioned = [obj] if obj is not None else []
        # "warned that the strikes would not go unanswered": whoever struck is threatened
        mentioned += [s for c in _children(frame.predicate, "ccomp") for s in _children(c, "nsubj", "nsubjpass")]
    source_codes = {a.ref.code for a in frame.source}
    for token in mentioned:
        found = _earlier_actors(token, earlier, source_codes)
        if found:
            return found
    return []


def _earlier_actors(token: Token, earlier: Sequence[Event], exclude: set[str | None]) -> list[ArgActor]:
    """The source of the last earlier event a definite event noun ("the drills", "such a
    move") refers back to."""
    kinds = _EVENT_NOUN_TYPES.get(token.lower_) or _EVENT_NOUN_TYPES.get(_lemma(token))
    if not kinds or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
        return []
    for event in reversed(earlier):
        if event.type in kinds and event.source and not {r.code for r in event.source} & exclude:
            return [ArgActor(r, None, "event", event.evidence.start, r.type) for r in event.source]
    return []


_ABOUT = {"about", "over", "at", "of", "with", "regarding", "against"}
_DEFINITE = {"the", "this", "that", "these", "those", "such"}


_STATELESS_ORGS = {"igo", "ngo", "armed_group", "hacker_group", "mission", "agency", "organisation"}
_DOMESTIC_TYPES = {"CONCEDE", "COERCE", "ASSAULT", "PROTEST", "REJECT", "AGREE", "ACCUSE", "REQUEST", "THREATEN"}


def _domestic_default(frame: Frame, index: ActorIndex) -> list[ArgActor]:
    """With no target named, an act of one state's actors that mentions no other state is
    domestic: PLOVER codes its target as that state ("Sudan's government lifted a state of
    emergency in West Darfur")."""
    if frame.target or frame.type not in _DOMESTIC_TYPES:
        return frame.target
    codes = {a.ref.code for a in frame.source if a.ref.code}
    if len(codes) != 1:
        return frame.target
    code = next(iter(codes))
    if code not in index.states:
        return frame.target
    sentence = index.sentence(frame.trigger)
    others = {
        o.actor.code for t in sentence for o in index.by_token.get(t.i, []) if o.actor.code and o.actor.code != code
    }
    others |= {c for t in sentence if t.i in index.places for c in [index.places[t.i][1]] if c and c != code}
    # a people or place the knowledge base could not place ("Congolese", a misspelt country)
    unknown = any(
        ent.label_ in ("GPE", "NORP", "LOC") and not any(index.by_token.get(t.i) or t.i in index.places for t in ent)
        for ent in sentence.ents
    )
    if others or unknown:
        return frame.target
    ref = ActorRef(code, None, index.states[code], "state")
    return [ArgActor(ref, None, "domestic", frame.trigger.idx, "state")]


def _domestic(frame: Frame, index: ActorIndex) -> list[ArgActor]:
    """Targets the text ties to no state ("students", "the demonstration") are, by PLOVER's
    convention for domestic events, of the source's own state."""
    codes = {a.ref.code for a in frame.source if a.ref.code}
    if len(codes) != 1:
        return frame.target
    code = next(iter(codes))
    if code not in index.states:
        return frame.target
    out = []
    for arg in frame.target:
        if arg.ref.code is None and arg.type in ("agent", "people", "organisation"):
            ref = ActorRef(code, arg.ref.sector, f"{arg.ref.name} ({index.states[code]})", arg.type)
            out.append(ArgActor(ref, arg.actor, "domestic", arg.start, arg.type))
        else:
            out.append(arg)
    return out


def _location_actors(frame: Frame, index: ActorIndex) -> list[ArgActor]:
    """The state where the act happened: "in Kosovo", or a place the knowledge base puts in
    one ("settlements in the Gaza Strip", "a jail in Dili")."""
    for token in (frame.trigger, frame.predicate, _object(frame.predicate)):
        if token is None:
            continue
        for word, pobj in _preps(token, depth=1).items():
            if word in ("in", "at", "near", "inside", "into") and pobj.dep_ == "pobj":
                if _lemma(pobj) in _NOT_PLACES:
                    continue  # "in defiance of Chinese authorities", "in response to"
                nested = [c for p in _children(pobj, "prep") if p.lower_ in _AROUND for c in _children(p, "pobj")]
                # "in the capital, Kabul", "into waters around Taiwan"
                for where in (pobj, *_children(pobj, "appos"), *nested):
                    states = [a for a in index.actors_of(where, anchor=False) if a.type == "state"]
                    if states:
                        return states
                    placed = _placed_state(where, index)
                    if placed:
                        return placed
    return []


def _is_act(token: Token) -> bool:
    """Whether a noun names an act someone did ("the attack", "Serbia's decision")."""
    return token.lower_ in _EVENT_NOUN_TYPES or _lemma(token) in _EVENT_NOUN_TYPES


def _authors(act: Token, index: ActorIndex) -> list[ArgActor]:
    """Who did an act named by a noun: its possessor or modifier, or the "by" phrase; not
    the one it was done to ("the attack on its consulate")."""
    for child in act.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            found = index.actors_of(child)
            if found:
                return found
    for prep in _children(act, "prep"):
        if prep.lower_ in ("by", "from"):
            found = [a for o in _children(prep, "pobj") for a in index.actors_of(o)]
            if found:
                return found
    return []


def _culprits(predicate: Token, index: ActorIndex) -> list[ArgActor]:
    """Who a characterisation blames: "an act of aggression by Russia", "Moscow's provocation"."""
    heads = _children(predicate, "oprd", "attr", "xcomp", "ccomp")
    heads += [o for p in _children(predicate, "prep") if p.lower_ == "as" for o in _children(p, "pobj")]
    for head in heads:
        for token in head.subtree:
            if token.dep_ == "agent" or (token.dep_ == "prep" and token.lower_ == "by"):
                found = [a for o in _children(token, "pobj") for a in index.actors_of(o)]
                if found:
                    return found
            if token.dep_ == "poss":
                found = index.actors_of(token)
                if found:
                    return found
    return []


def _located(arg: ArgActor, place: ArgActor) -> ArgActor:
    """An uncoded group given the state where it acts ("students" in Tbilisi: GEO)."""
    code = place.ref.code
    ref = ActorRef(code, arg.ref.sector, f"{arg.ref.name} ({place.ref.name})", arg.type)
    return ArgActor(ref, arg.actor, "located", arg.start, arg.type)


def _residents(frame: Frame, index: ActorIndex) -> list[ArgActor]:
    """ "Ethnic Albanians demonstrated in Serbia": a community protesting where it lives is
    coded to that state (PLOVER's convention for domestic actors), not to its kin state."""
    places = _location_actors(frame, index)
    if len(places) != 1 or any(a.ref.code == places[0].ref.code for a in frame.source):
        return frame.source
    code = places[0].ref.code
    if code is None:
        return frame.source
    return [
        ArgActor(
            ActorRef(code, "CVL", f"{a.ref.name} ({index.states.get(code, code)})", "people"),
            a.actor,
            "located",
            a.start,
            "people",
        )
        for a in frame.source
    ]


def _unattributed(frame: Frame, index: ActorIndex) -> list[ArgActor]:
    """An attack or arrest nobody is named for is, by PLOVER's convention, coded to the state
    where it happened ("a roadside bombing near Samarra killed a U.S. soldier": IRQ → USA).
    Not for cyber attacks, which come from anywhere."""
    places = _location_actors(frame, index)
    if not places and not frame.noun:
        subject, _ = _subject(frame.predicate)
        if subject is not None and not _children(frame.predicate, "nsubjpass"):
            for word, pobj in _preps(subject, depth=0).items():
                if word in ("in", "at", "near", "outside", "inside") and pobj.dep_ == "pobj":
                    places = [a for a in index.actors_of(pobj, anchor=False) if a.type == "state"]
                    places = places or _placed_state(pobj, index)
                    if places:
                        break
    out = []
    for place in places[:1]:
        code = place.ref.code
        if code is None:
            continue
        if frame.mode in ("arrest", "investigate", "allege", "deport", "seize"):
            # "two men were arrested in Zvečan", "was put under investigation in Italy"
            ref = ActorRef(code, "GOV", f"Authorities of {index.states.get(code, code)}", "agent")
        else:
            ref = ActorRef(code, None, f"Unidentified perpetrators ({index.states.get(code, code)})", "agent")
        out.append(ArgActor(ref, None, "location", place.start, "agent"))
    return out


_AROUND = {"around", "near", "off", "along"}
# fmt: off
# Nouns after "in" that say why or how, not where.
_NOT_PLACES = {
    "defiance", "response", "retaliation", "protest", "solidarity", "support", "violation", "breach", "favour",
    "favor", "honour", "honor", "name", "exchange", "return", "wake", "spite", "charge", "addition", "memory",
    "recognition", "accordance", "line", "talks", "negotiations", "meeting", "connection", "relation", "light",
}
# fmt: on


def _placed_state(token: Token, index: ActorIndex) -> list[ArgActor]:
    """The state of a known place named in the phrase of `token` (not in its clauses)."""
    for inner in index.phrase_tokens(token):
        place = index.places.get(inner.i)
        if place is not None and place[1] and place[1] in index.states and inner.pos_ != "ADJ":
            code = place[1]
            ref = ActorRef(code, None, index.states[code], "state")
            return [ArgActor(ref, None, "location", inner.idx, "state")]
    return []


def _location(frame: Frame, index: ActorIndex) -> Place | None:
    """Where an event happened, when its clause says so ("in Mitrovica", "at the border")."""
    for token in (frame.trigger, frame.predicate):
        for prep in _children(token, "prep"):
            if prep.lower_ not in ("in", "at", "near", "outside", "inside", "on"):
                continue
            for pobj in _children(prep, "pobj"):
                for inner in sorted(pobj.subtree, key=lambda t: t.i):
                    if inner.i in index.places:
                        name, code = index.places[inner.i]
                        return Place(name=name, code=code)
                if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
                    start, end = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
                    return Place(
                        name=index.document.text[start:end].removeprefix("the ").removeprefix("The "), code=None
                    )
    return None


# PLOVER contexts a sentence's words point to, in the order they are listed
_CONTEXT_WORDS = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        ("military", r"\b(military|defen[cs]e|troops|army|armed forces|weapons|missiles?)\b"),
        ("diplomatic", r"\b(diplomat\w*|ambassador|embassy|recogni[sz]\w+|ties|relations)\b"),
        ("economic", r"\b(sanctions?|trade|economic|tariffs?|gas|oil|currency|dinar|investment)\b"),
        ("territory", r"\b(territor\w+|border|sovereignty|independence)\b"),
        ("election", r"\b(election|elections|vote|ballot|referendum)\b"),
        ("legal", r"\b(court|judge|indict\w*|prosecut\w+|trial|ruling|law)\b"),
        ("migration", r"\b(refugees?|migrants?|asylum)\b"),
    )
)


def _context(frame: Frame, sentence: Span) -> tuple[str, ...]:
    text = sentence.text
    found = ["cyber"] if frame.mode == "cyber" or _CYBER.search(text) else []
    found += [name for name, pattern in _CONTEXT_WORDS if pattern.search(text)]
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


__all__ = ["EventExtractor", "QUAD"]
