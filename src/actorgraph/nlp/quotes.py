"""Quotes: who said what, in quotation marks or in reported speech.

Quotation marks are paired within a paragraph, so an unbalanced or stray mark never swallows
the rest of a story; short quoted words with no speech verb around them are scare quotes
("condemned as “illegal”"), not quotations. The speaker is the subject of the speech verb
next to the quotation (or "according to X"), resolved like any other argument — "he said"
included.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from actorgraph.nlp.arguments import ActorIndex
from actorgraph.types import ActorRef, Document, Quote
from actorgraph.types import Span as TextSpan

CUES = {
    "say",
    "tell",
    "add",
    "state",
    "stress",
    "warn",
    "insist",
    "declare",
    "write",
    "tweet",
    "announce",
    "note",
    "argue",
    "ask",
    "explain",
    "emphasize",
    "emphasise",
    "claim",
    "respond",
    "reply",
    "continue",
    "conclude",
    "complain",
    "acknowledge",
    "admit",
    "assert",
    "maintain",
    "reiterate",
    "underline",
    "underscore",
    "confirm",
    "deny",
    "vow",
    "pledge",
    "promise",
    "predict",
    "suggest",
    "urge",
    "accuse",
    "describe",
    "call",
    "post",
    "quote",
}
INDIRECT_CUES = CUES - {
    "ask",
    "call",
    "describe",
    "post",
    "quote",
    "urge",
    "accuse",
    "deny",
    "vow",
    "pledge",
    "promise",
}
PAIRS = {"“": "”", '"': '"', "«": "»", "„": "“", "‘": "’", "‹": "›"}
INVERTED_CUES = {
    "say",
    "tell",
    "add",
    "confirm",
    "state",
    "announce",
    "report",
    "note",
    "stress",
    "write",
    "explain",
    "warn",
}
_PERSONAL = {"he", "she", "they", "we", "i"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class _Marked:
    start: int  # first character inside the marks
    end: int  # last character inside + 1
    open_at: int
    close_at: int


def quotation_spans(text: str) -> Iterator[_Marked]:
    """Quoted stretches of `text`, paired paragraph by paragraph (unmatched marks skipped)."""
    offset = 0
    for paragraph in text.split("\n"):
        yield from _pairs(paragraph, offset)
        offset += len(paragraph) + 1


def _pairs(paragraph: str, offset: int) -> Iterator[_Marked]:
    index = 0
    while index < len(paragraph):
        ch = paragraph[index]
        if ch in PAIRS and not _apostrophe(paragraph, index):
            close = PAIRS[ch]
            end = index + 1
            while end < len(paragraph):
                if paragraph[end] == close and not (close == "’" and _apostrophe(paragraph, end)):
                    break
                end += 1
            if end < len(paragraph) and end > index + 1:
                inner = paragraph[index + 1 : end]
                if ch != "‘" or len(inner.split()) >= 3:
                    yield _Marked(offset + index + 1, offset + end, offset + index, offset + end)
                    index = end + 1
                    continue
        index += 1


def _apostrophe(text: str, index: int) -> bool:
    """A ’ or ‘ between letters is an apostrophe (Serbia’s, don’t), not a quotation mark."""
    if text[index] not in "’‘'":
        return False
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    following = text[index + 2] if index + 2 < len(text) else " "
    return text[index] == "’" and before.isalnum() and after == "s" and not following.isalnum()


class QuoteExtractor:
    """Direct and reported quotations of a story."""

    def extract(self, doc: Doc, document: Document, index: ActorIndex) -> list[Quote]:
        quotes: list[Quote] = []
        taken: list[tuple[int, int]] = []
        for marked in quotation_spans(document.text):
            if any(s <= marked.open_at < e for s, e in document.headings):
                continue
            quote = self._direct(doc, document, index, marked)
            if quote is not None:
                quotes.append(quote)
                taken.append((marked.open_at, marked.close_at + 1))
        for sentence in index.sentences:
            if any(s <= sentence.start_char < e for s, e in document.headings):
                continue
            quotes.extend(self._indirect(sentence, document, index, taken))
        return sorted(quotes, key=lambda q: q.content.start)

    def _direct(self, doc: Doc, document: Document, index: ActorIndex, marked: _Marked) -> Quote | None:
        content_text = document.text[marked.start : marked.end]
        words = len(_WORD.findall(content_text))
        sentences = [s for s in index.sentences if s.start_char <= marked.close_at and marked.open_at < s.end_char]
        if not sentences:
            return None
        cue = self._cue_near(sentences, marked)
        # A quotation needs words; two quoted words with no speech verb are scare quotes.
        if cue is None and words < 8:
            return None
        if cue is not None and words < 3 and not self._adjacent(cue, marked):
            return None
        speaker, speaker_text = (None, None)
        if cue is not None:
            speaker, speaker_text = self._speaker(cue, index)
        start = min(sentences[0].start_char, marked.open_at)
        end = max(sentences[-1].end_char, marked.close_at + 1)
        if cue is not None:
            end = max(end, index.sentence(cue).end_char)
            start = min(start, index.sentence(cue).start_char)
        while end > start and document.text[end - 1].isspace():
            end -= 1
        content = TextSpan(marked.start, marked.end, content_text)
        evidence = TextSpan(start, end, document.text[start:end])
        return _quote(document, speaker, speaker_text, cue.text if cue is not None else None, content, True, evidence)

    def _cue_near(self, sentences: list[Span], marked: _Marked) -> Token | None:
        best: tuple[int, Token] | None = None
        for sentence in sentences:
            for token in sentence:
                inside = marked.open_at <= token.idx <= marked.close_at
                if inside or token.lemma_.lower() not in CUES or token.pos_ not in ("VERB", "AUX"):
                    continue
                distance = min(abs(token.idx - marked.close_at), abs(token.idx - marked.open_at))
                if best is None or distance < best[0]:
                    best = (distance, token)
            according = _according(sentence, marked)
            if according is not None and best is None:
                best = (999, according)
        return best[1] if best else None

    def _adjacent(self, cue: Token, marked: _Marked) -> bool:
        return abs(cue.idx - marked.close_at) < 25 or abs(marked.open_at - (cue.idx + len(cue.text))) < 25

    def _speaker(self, cue: Token, index: ActorIndex) -> tuple[ActorRef | None, str | None]:
        if cue.lower_ == "to" and cue.head.lower_ == "according":
            heads = [c for c in cue.children if c.dep_ == "pobj"]
        else:
            heads = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not heads and cue.dep_ in ("conj", "advcl", "xcomp"):
                heads = [c for c in cue.head.children if c.dep_ == "nsubj"]
        if not heads:
            return None, None
        head = heads[0]
        phrase = index.phrase_tokens(head)
        speaker_text = index.document.text[phrase[0].idx : phrase[-1].idx + len(phrase[-1].text)]
        actors = index.actors_of(head)
        return (actors[0].ref if actors else None), speaker_text

    def _according_to(
        self, according: Token, sentence: Span, document: Document, index: ActorIndex, taken: list[tuple[int, int]]
    ) -> Quote | None:
        """ "According to the interior ministry, twenty officers were injured": reported speech."""
        to = next(c for c in according.children if c.lower_ == "to")
        speaker, speaker_text = self._speaker(to, index)
        if speaker_text is None:
            return None
        phrase = {t.i for t in according.subtree}
        rest = [t for t in sentence if t.i not in phrase]
        while rest and (rest[-1].is_punct or rest[-1].is_space):
            rest.pop()
        while rest and (rest[0].is_punct or rest[0].is_space):
            rest.pop(0)
        if len(rest) < 3:
            return None
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
        if any(s <= start < e for s, e in taken):
            return None
        content = TextSpan(start, end, document.text[start:end])
        evidence = _sentence_span(sentence, document)
        return _quote(document, speaker, speaker_text, "according to", content, False, evidence)

    def _indirect(
        self, sentence: Span, document: Document, index: ActorIndex, taken: list[tuple[int, int]]
    ) -> list[Quote]:
        found = []
        for token in sentence:
            if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
                quote = self._according_to(token, sentence, document, index, taken)
                if quote is not None:
                    found.append(quote)
                continue
            if token.lemma_.lower() not in INDIRECT_CUES or token.pos_ != "VERB":
                continue
            clauses = [c for c in token.children if c.dep_ == "ccomp"]
            inverted = False
            if (
                not clauses
                and token.dep_ in ("parataxis", "ccomp")
                and token.head.pos_ in ("VERB", "AUX")
                and token.i > token.head.i
                and token.lemma_.lower() in INVERTED_CUES
            ):
                clauses, inverted = [token.head], True  # "Hungary will answer this, Orbán told the press"
            for clause in clauses:
                tokens = [t for t in clause.subtree if not (inverted and t.i >= token.i - 1 and t in token.subtree)]
                tokens = [t for t in tokens if t.dep_ != "mark" or t.i != tokens[0].i]
                if not tokens:
                    continue
                start = tokens[0].idx
                last = max(
                    (t for t in tokens if not (inverted and t.i in {x.i for x in token.subtree})), key=lambda t: t.i
                )
                end = last.idx + len(last.text)
                while end > start and document.text[end - 1] in " ,.;":
                    end -= 1
                if end - start < 12 or any(s <= start < e or s < end <= e for s, e in taken):
                    continue
                speaker, speaker_text = self._speaker(token, index)
                if speaker is None and not _personal(token):
                    continue  # "This suggests that ...": no one speaks
                content = TextSpan(start, end, document.text[start:end])
                s_start, s_end = sentence.start_char, sentence.end_char
                while s_end > s_start and document.text[s_end - 1].isspace():
                    s_end -= 1
                evidence = TextSpan(s_start, s_end, document.text[s_start:s_end])
                found.append(_quote(document, speaker, speaker_text, token.text, content, False, evidence))
        return found


def _personal(cue: Token) -> bool:
    """Whether the speaker of a cue is a person the text does not resolve ("he said")."""
    return any(c.dep_ == "nsubj" and (c.lower_ in _PERSONAL or c.ent_type_ == "PERSON") for c in cue.children)


def _sentence_span(sentence: Span, document: Document) -> TextSpan:
    start, end = sentence.start_char, sentence.end_char
    while end > start and document.text[end - 1].isspace():
        end -= 1
    return TextSpan(start, end, document.text[start:end])


def _according(sentence: Span, marked: _Marked) -> Token | None:
    for token in sentence:
        if (
            token.lower_ == "to"
            and token.head.lower_ == "according"
            and not marked.open_at <= token.idx <= marked.close_at
        ):
            return token
    return None


def _quote(
    document: Document,
    speaker: ActorRef | None,
    speaker_text: str | None,
    cue: str | None,
    content: TextSpan,
    direct: bool,
    evidence: TextSpan,
) -> Quote:
    key = f"{document.id}|{content.start}|{content.end}|{direct}"
    return Quote(
        doc_id=document.id,
        id="q" + hashlib.sha1(key.encode()).hexdigest()[:12],
        speaker=speaker,
        speaker_text=speaker_text,
        cue=cue,
        content=content,
        direct=direct,
        evidence=evidence,
    )
