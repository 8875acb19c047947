"""Helpers for coding short texts written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from actorgraph.pipeline import Extraction, place_resolver
from actorgraph.segment import segment
from actorgraph.types import Article


@pytest.fixture(scope="session")
def code(resources):  # noqa: ANN001, ANN201
    """Code a text as one story (optionally dated) and return its extraction."""

    def run(text: str, published: date | None = None) -> Extraction:
        [document] = segment(Article(source="test", text=text, published=published), place_resolver(resources.kb))
        return resources.coder.code(resources.nlp(document.text), document)

    return run


def brief(extraction: Extraction) -> list[tuple[str, tuple, tuple, str]]:
    """(type, source codes, target codes, modality) of each event."""
    return [
        (e.type, tuple(r.code for r in e.source), tuple(r.code for r in e.target), e.modality)
        for e in extraction.events
    ]
