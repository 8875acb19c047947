"""Small pure readings of the dependency parse that several coder stages share.

Each answers one question about a token ("its object", "its subject, following shared
subjects", "is it passive") so that proposals, argument roles and modality read the parse the
same way.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from actorgraph.nlp.words import W


def children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def object_of(token: Token) -> Token | None:
    """The direct object of a verb (or its passive subject), or None."""
    objects = children(token, "dobj", "obj", "attr", "oprd")
    if not objects:
        objects = children(token, "nsubjpass")
    if not objects and reduced_passive(token):
        objects = [token.head]  # "the diplomats expelled by Estonia": the noun is the patient
    if not objects:
        # "condemned as unlawful Bolivia's seizure of ...": a heavy object moved
        # after the "as" phrase, parsed as an apposition to it
        objects = [
            a
            for p in children(token, "prep")
            if p.lower_ == "as"
            for o in children(p, "pobj")
            for a in children(o, "appos")
        ]
    if not objects:
        # "condemned as 'illegal' the deportation of ...": the same shift, parsed as the object of "as"
        objects = [
            o
            for p in children(token, "prep")
            if p.lower_ == "as" and p.i == token.i + 1
            for o in children(p, "pobj")
            if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in o.children)
        ]
    if not objects:
        return None
    if objects[0].lower_ in W["relative_pronouns"] and token.dep_ == "relcl":
        return token.head  # "a proposal, which is endorsed by the AU": the proposal is endorsed
    return objects[0]


def small_clause_subject(token: Token) -> Token | None:
    """The object of a verb the parser read as the subject of a verbless clause: "declared two
    diplomats persona non grata", "declared the vote illegal"."""
    for clause in children(token, "ccomp"):
        if clause.tag_ in ("VBD", "VBZ") or children(clause, "mark", "aux", "auxpass"):
            continue  # a finite clause of its own: "said the diplomats were spies"
        subjects = [s for s in children(clause, "nsubj") if s.pos_ in ("NOUN", "PROPN")]
        if subjects:
            return subjects[0]
    return None


def reduced_passive(token: Token) -> bool:
    """A passive participle after its noun, set off by a comma or with its agent: "the diplomats
    expelled by Estonia", "the minister, accused of corruption,". (Without either, "activists
    called on Washington" is as likely a main verb the parser misread.)"""
    if token.dep_ != "acl" or token.tag_ != "VBN" or token.i <= token.head.i:
        return False
    return bool(children(token, "agent")) or token.doc[token.i - 1].lower_ == ","


def is_passive(token: Token) -> bool:
    return bool(children(token, "nsubjpass", "auxpass"))


def preps(token: Token, depth: int = 2) -> dict[str, Token]:
    """Preposition (or particle) word → its object, for a word, its object and their objects.

    "called for a clarification from Albania": `from` hangs off `clarification`, itself the
    object of `for`; "a halt of rail links with Latvia": `with` hangs off `links`.
    """
    found: dict[str, Token] = {}
    owners = [(token, 0)]
    obj = object_of(token)
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
                if not objects:
                    # "out of Argentina", "away from the border": the inner preposition holds the object
                    for inner in child.children:
                        if inner.dep_ == "prep":
                            inner_objects = [c for c in inner.children if c.dep_ in ("pobj", "pcomp")]
                            if inner_objects:
                                found.setdefault(inner.lower_, inner_objects[0])
            elif child.dep_ == "prt":
                found.setdefault(child.lower_, child)
            elif child.dep_ == "advmod" and child.lower_ in W["directional_adverbs"] and level == 0:
                owners.append((child, level))
    return found


def titles(token: Token) -> set[str]:
    """The titles a name carries: "Ambassador Oleg Vasnetsov" is an ambassador."""
    if token.pos_ != "PROPN":
        return set()
    return {lemma(c).lower() for c in token.children if c.dep_ == "compound"}


def _money(token: Token) -> bool:
    """Whether a quantity is a sum of money ("$95 million", "20 million euros")."""
    marks = {"$", "€", "£", "usd", "dollars", "euros", "dollar", "euro", "pounds"}
    return token.lower_ in marks or any(c.lower_ in marks for c in token.children)


def object_lemmas(token: Token | None) -> set[str]:
    """Words that say what an object is: itself, the goods of a quantity, its conjuncts."""
    if token is None:
        return set()
    out = {token.lower_, lemma(token)} | titles(token)
    if token.pos_ == "NUM" and any(c.lower_ in ("$", "€", "£", "usd", "dollars", "euros") for c in token.children):
        out.add("money")  # "released $50,000 for survivors"
    money = _money(token)
    if token.lower_ in W["quantity"] or lemma(token) in W["quantity"] or token.pos_ == "NUM" or money:
        # "25,000 tons of food aid", "a first batch of missiles": the goods are what counts.
        goods = ("of", "in") if money else ("of",)  # "$95 million in aid"
        # the parser may hang a sum's "in aid" on the verb
        after = token.doc[token.i + 1] if money and token.i + 1 < len(token.doc) else None
        beside = [after] if after is not None and after.dep_ == "prep" and after.head.i == token.head.i else []
        for prep in [*token.children, *beside]:
            if prep.dep_ == "prep" and prep.lower_ in goods:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        out |= {pobj.lower_, lemma(pobj)}
    for conj in token.conjuncts:
        out |= {conj.lower_, lemma(conj)}
    for child in token.children:
        if child.dep_ == "compound":
            out.add(f"{child.lower_} {token.lower_}")
    return out


def first_conjunct(token: Token) -> Token:
    """The first of the words the parser joined in a list ("could suspend relations or withdraw
    its ambassador"): the subject, auxiliaries and adverbs the list shares hang on it."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def clause_head(token: Token) -> Token:
    """The verb of the clause a word stands in: the word itself when it is a verb, else the
    nearest verb above it (the root when there is none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def condition_clause(clause: Token) -> bool:
    """Whether a clause is a condition set on the verb it hangs on ("if Helsinki joined",
    "unless troops withdraw")."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in W["condition_marks"] for c in clause.children)


def sums_up_act(noun: Token) -> bool:
    """Whether a noun like "a move" or "a step" is set after a clause to sum up its act ("froze
    the talks, a move welcomed by Washington"): what is said of it is said of that act."""
    return noun.dep_ in ("appos", "npadvmod") and lemma(noun) in W["move_nouns"]


def _stray_subject(verb: Token) -> Token | None:
    """ "Tokyo will lift curbs on Korea and Seoul will drop its case", "shelled positions in
    Syria and Damascus condemned the strikes", "in response to the launch over Japan, Tokyo and
    Seoul imposed sanctions": a name right before a clause's auxiliary or finite verb, which the
    parser listed with the object or the fronted phrase before it, is that clause's subject."""
    auxes = children(verb, "aux")
    if children(verb, "nsubj", "nsubjpass"):
        return None
    if verb.dep_ not in ("conj", "advcl", "ROOT") or (verb.dep_ != "conj" and (auxes or children(verb, "mark"))):
        return None
    if not auxes and verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    first = min(auxes[0].i, verb.i) if auxes else verb.i
    if first == 0:
        return None
    doc = verb.doc
    before = doc[first - 1]
    if not (before.dep_ == "conj" and before.pos_ == "PROPN" and before.head.i < before.i and before.head.i != verb.head.i):
        return None

    def opens(name: Token, words: tuple[str, ...]) -> bool:
        return name.left_edge.i > 0 and doc[name.left_edge.i - 1].lower_ in words

    if verb.dep_ == "ROOT":
        # a main verb with no subject: the names after the comma that closes the fronted phrase
        start = before
        while start.dep_ == "conj" and not opens(start, (",",)) and start.head.dep_ == "conj":
            start = start.head
        return start if start.dep_ == "conj" and opens(start, (",",)) else None
    if not auxes and not opens(before, ("and", "but", ",")):
        return None  # a bare finite verb takes a name only where a new clause begins
    return before


def stray_subject(token: Token) -> bool:
    """Whether a name the parser listed with an object is the subject of the clause after it."""
    doc = token.doc
    end = max([token.i, *(c.i for c in _conj_chain(token))])
    if end + 1 >= len(doc):
        return False
    following = doc[end + 1]
    verb = following.head if following.dep_ == "aux" else following
    found = _stray_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    return found is not None and found.i == token.i


def _conj_chain(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ == "conj" for c in (c, *_conj_chain(c))]


def speaker_conjunct(verb: Token) -> Token | None:
    """ "Pashinyan said Baku had refused to withdraw and called on the CSTO to act": a verb the
    parser joined to the reported clause, with no subject or auxiliary of its own, is the
    speaker's second act when a comma sets it apart or it addresses someone as a speaker does
    (asks, urges, calls on, warns); returns the speech verb it belongs to."""
    if verb.dep_ != "conj" or children(verb, "nsubj", "nsubjpass", "aux", "auxpass"):
        return None
    clause = verb.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or lemma(clause.head) not in W["speech"] or not children(clause, "nsubj", "nsubjpass"):
        return None
    cc = [c for c in children(verb.head, "cc") if c.i < verb.i]
    comma = bool(cc) and cc[-1].i > 0 and verb.doc[cc[-1].i - 1].text == ","
    if comma or lemma(verb) in W["speaker_acts"]:
        return clause.head
    return None


def _stray_agents(verb: Token) -> list[Token]:
    """ "was threatened with sanctions by the EU": the parser may hang a passive's "by" on the
    object of its "with", whose author the doer is anyway."""
    if not children(verb, "auxpass"):
        return []
    return [
        o
        for w in children(verb, "prep")
        if w.lower_ == "with"
        for n in children(w, "pobj")
        for b in children(n, "prep")
        if b.lower_ == "by"
        for o in children(b, "pobj")
    ]


def subject_of(token: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject of a verb (following shared subjects up the tree) and whether it is an agent."""
    if depth > 6:
        return None, False
    # of two subjects a parser gives one verb, the one nearest the verb is the real one
    for child in sorted(children(token, "nsubj", "csubj", "expl"), key=lambda c: abs(token.i - c.i)):
        if child.lower_ in W["relative_pronouns"] and token.dep_ == "relcl":
            return token.head, True  # "Russia, which opposed its membership": Russia
        return child, True
    speech = speaker_conjunct(token)
    if speech is not None:
        return subject_of(speech, depth + 1)
    agents = [c for c in children(token, "agent") for c in children(c, "pobj")] or _stray_agents(token)
    if children(token, "nsubjpass"):
        return (agents[0], True) if agents else (None, False)
    if reduced_passive(token):
        # "the minister, accused of corruption by Romania": a passive participle's noun is its
        # patient; its agent, if any, is the doer
        return (agents[0], True) if agents else (None, False)
    if token.dep_ == "ccomp" and lemma(token.head) in W["reduced_relative"]:
        # "Gunmen thought to be tied to Niger raided ...", parsed as if "thought" were
        # the main verb: the subject of "believed" is the one who acted
        subjects = [c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
        if subjects and not any(c.dep_ == "aux" for c in token.head.children):
            return subjects[0], True
    if token.dep_ == "xcomp":
        # "urged Serbia to normalise": the object of a verb of asking or ordering controls;
        # "agreed to cooperate", "used tear gas to disperse them": the subject does.
        head_object = children(token.head, "dobj", "obj")
        if head_object and lemma(token.head) in W["object_control"]:
            return head_object[0], True
        return subject_of(token.head, depth + 1)
    stray = _stray_subject(token)
    if stray is not None:
        return stray, True
    if token.dep_ == "conj" and children(token.head, "nsubjpass") and (token.tag_ != "VBN" or children(token, "aux")):
        # "was indicted by the court and will resign": an active verb joined to a passive
        # one shares its patient ("the prime minister"), not its agent
        return children(token.head, "nsubjpass")[0], True
    if token.dep_ == "pcomp" and token.head.dep_ == "prep" and (
        token.head.lower_ == "by" or (token.head.lower_ == "after" and token.head.head.pos_ in ("VERB", "AUX"))
    ):
        # "responded by announcing a grace period": the means is the subject's own act, and so
        # is the sequel ("left after meeting the envoy"); "without consulting" is no act at all
        return subject_of(token.head.head, depth + 1)
    if token.dep_ in ("conj", "advcl", "pcomp", "acomp", "attr", "oprd") or (
        token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ == "VERB"
    ):
        return subject_of(token.head, depth + 1)
    if (
        token.dep_ == "acl"
        and token.tag_ == "VBG"
        and token.head.dep_ in ("dobj", "obj")
        and token.head.head.pos_ == "VERB"
    ):
        # "released a statement insisting that ...": the statement's author insists
        return subject_of(token.head.head, depth + 1)
    if _adverbial_participle(token):
        return subject_of(token.head.head.head, depth + 1)
    if token.dep_ in ("relcl", "acl"):
        return token.head, True
    return None, False


def _adverbial_participle(token: Token) -> bool:
    """ "wrote to the region's leaders urging them to lift the sanctions": a participle the
    parser hangs on the addressee, whose own object is a pronoun for that addressee, cannot be
    the addressee's act (a plain pronoun object never means its own subject); it is the act of
    the one who wrote."""
    if token.dep_ != "acl" or token.tag_ != "VBG" or token.head.dep_ != "pobj":
        return False
    prep = token.head.head
    if prep.dep_ != "prep" or prep.head.pos_ != "VERB":
        return False
    return any(c.lower_ in ("them", "him", "her") for c in children(token, "dobj", "obj"))


def auxiliaries(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def no_longer(token: Token) -> bool:
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in token.children)


def not_yet(token: Token) -> bool:
    """ "has yet to approve the accession": not done so far."""
    if token.dep_ == "xcomp" and token.head.lower_ in ("has", "have", "had", "is", "are", "was", "were"):
        token = token.head  # the parser may make "has" the verb and "to approve" its complement
    elif not any(c.lower_ == "to" and c.dep_ == "aux" for c in token.children):
        return False
    return any(c.lower_ == "yet" and c.dep_ == "advmod" for c in token.children)


def ready_to(token: Token) -> bool:
    """ "is ready to contribute", "are willing to forgive": an announced intention."""
    return token.dep_ == "xcomp" and token.head.lower_ in W["readiness"]


def going_to(token: Token) -> bool:
    head = token.head
    return (
        token.dep_ == "xcomp"
        and lemma(head) == "go"
        and any(c.lower_ in ("is", "are", "was", "were", "'s", "'re") for c in head.children)
    )


def scheduled(token: Token) -> bool:
    """ "Israeli forces are to withdraw", "the army is to hand over": a step a deal or a plan
    lays down, not yet taken."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and lemma(head) == "be"
        and head.tag_ in ("VBZ", "VBP", "VBD")
        and any(c.lower_ == "to" for c in children(token, "aux"))
        # "was among the first to send rescuers", "is the last to sign": a rank, not a plan
        and not children(head, "attr", "acomp", "oprd")
        and not any(p.lower_ == "among" for p in children(head, "prep"))
    )


def future(token: Token) -> bool:
    """Whether a clause is in the future or announced as intended."""
    if token.dep_ == "xcomp" and token.tag_ == "VBG" and lemma(token.head) in W["aspect_verbs"]:
        return future(token.head)  # "would keep talking": the act goes on, promised
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and not children(token, "aux", "auxpass", "nsubj", "nsubjpass"):
        return future(token.head)  # "will open embassies and sign accords": one promise
    return bool(auxiliaries(token) & W["future"]) or going_to(token) or ready_to(token) or scheduled(token)


def condition(token: Token) -> str | None:
    """'unless' or 'if' when the clause of `token` is conditioned by such a clause, or the verb
    it completes is ("could decide to shut the border if ...": the shutting hangs on it too)."""
    while True:
        for child in token.children:
            if child.dep_ == "advcl":
                marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
                if "unless" in marks:
                    return "unless"
                if marks & {"if", "provided"}:
                    return "if"
        if token.dep_ != "xcomp" or token.head.i == token.i:
            return None
        token = token.head


def refusing(token: Token) -> bool:
    """ "will not", "would not", "cannot": a negation that refuses rather than denies."""
    return any(c.lower_ in ("wo", "will", "would", "cannot", "can") for c in token.children if c.dep_ == "aux")


def complement_prep(token: Token, outer: Token) -> bool:
    """Whether `token` hangs off `outer` through a preposition that takes its argument."""
    while token.head.i != token.i and token.head.i != outer.i:
        if token.dep_ == "prep":
            return token.lower_ in W["complement_preps"]
        token = token.head
    return token.dep_ != "prep" or token.lower_ in W["complement_preps"]


def reciprocal(predicate: Token) -> bool:
    """Whether a verb's object is "each other" or "one another"."""
    for token in predicate.subtree:
        if token.lower_ in ("other", "another") and token.dep_ in ("dobj", "pobj", "obj"):
            before = token.doc[token.i - 1] if token.i else None
            if before is not None and before.lower_ in ("each", "one"):
                return True
    return False


def describes(token: Token) -> bool:
    """Whether a noun is a definite description ("the army", "both sides")."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "both") for c in token.children)


def seats_people(token: Token) -> bool:
    """Whether a noun is people placed "in" a city that seats the body they work for
    ("officials in Brussels"): the city speaks for that body, it is no place they happen to be in."""
    return token.lower_ in W["seat_people"] and any(c.dep_ == "prep" and c.lower_ == "in" for c in token.children)


def asks(sentence: Span) -> bool:
    """Whether a sentence is itself a question ("Will Lima back the truce?"): it ends in a
    question mark, closing quotes and spaces aside."""
    words = [t for t in sentence if not (t.is_quote or t.is_space)]
    return bool(words) and words[-1].text == "?"


def obligation_word(clause: Token) -> Token | None:
    """The word that makes a clause an obligation: "must", "should", "ought to", "has to",
    "needs to" (not "should have", which blames a past act)."""
    auxes = children(clause, "aux")
    if any(a.lower_ == "have" for a in auxes):
        return None
    for aux in auxes:
        if aux.lower_ in W["obligation"]:
            return aux
    if lemma(clause) in ("have", "need") and clause.tag_ in ("VBZ", "VBP", "VBD"):
        inner = children(clause, "xcomp")
        if inner and any(c.lower_ == "to" for c in inner[0].children):
            return clause
    return None


__all__ = [
    "asks",
    "auxiliaries",
    "children",
    "clause_head",
    "complement_prep",
    "condition",
    "condition_clause",
    "describes",
    "future",
    "going_to",
    "is_passive",
    "lemma",
    "no_longer",
    "not_yet",
    "obligation_word",
    "object_lemmas",
    "object_of",
    "preps",
    "ready_to",
    "reciprocal",
    "refusing",
    "seats_people",
    "subject_of",
]


def attributions(sentence: Span) -> set[int]:
    """Words that only say where a report comes from: "according to a Paris-based monitor",
    "citing Kenyan officials", a seat written into a name ("a London-based monitor")."""
    out: set[int] = set()
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            out |= {t.i for t in token.subtree} | {t.i for t in token.nbor().subtree}
        elif token.lower_ == "citing":
            out |= {t.i for t in token.subtree if t.i != token.i}
        elif token.i + 2 < sentence.end and token.nbor().text == "-" and token.nbor(2).lower_ == "based":
            out.add(token.i)
    return out


def hyphen_start(token: Token) -> Token:
    """The first part of a hyphenated word the tokenizer split ("build-up" → "build"), else the token."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_ and not doc[token.i - 1].whitespace_:
        return doc[token.i - 2]
    return token


def reprisal(token: Token) -> bool:
    """Whether a word promises reprisal. "Price" only does as something paid ("would pay a heavy
    price"), never as what goods cost; "response" not as the cause of an act ("in response to")."""
    word = lemma(token)
    if word not in W["reprisal_words"]:
        return False
    if word == "price":
        return lemma(token.head) == "pay" or any(lemma(a) in ("heavy", "high", "steep", "dear") for a in children(token, "amod"))
    if word == "response":
        return not (token.head.lower_ == "in" and any(p.lower_ == "to" for p in children(token, "prep")))
    return True
