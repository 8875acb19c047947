"""An act a plan or deal lays down ("are to sign", "is to deploy") is announced, not done: it
reads as a promise does ("will sign"), and every verb of one promise shares it. A rank ("was
among the first to send") lays down nothing. Each test asserts the whole list of events of its
sentence; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "Georgia and Armenia are to sign a transit agreement next month.",
        "Georgia and Armenia are to sign a transit agreement next month, officials in Tbilisi said.",
        "Georgia and Armenia will sign a transit agreement next month.",
    ],
)
def test_a_scheduled_signing_is_an_agreement_to_come(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("AGREE", ("GEO", "ARM"), ("GEO", "ARM"), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile and Peru will restore diplomatic ties and sign a fisheries accord.",
        "Chile and Peru are to restore diplomatic ties and sign a fisheries accord.",
    ],
)
def test_every_verb_of_one_promise_is_promised(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [
        ("AGREE", ("CHL", "PER"), ("CHL", "PER"), "asserted"),
        ("AGREE", ("CHL", "PER"), ("CHL", "PER"), "asserted"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lithuania is to deploy more troops to the border with Belarus.",
        "Lithuania is to deploy more troops to the border with Belarus, the defence ministry said.",
    ],
)
def test_a_scheduled_deployment_has_not_happened_yet(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("MOBILIZE", ("LTU",), ("BLR",), "hypothetical")]


def test_a_rank_among_helpers_is_no_plan(code) -> None:  # noqa: ANN001
    text = "Spain was among the first donors to send rescue teams to Morocco."
    assert brief(code(text, DAY)) == [("AID", ("ESP",), ("MAR",), "asserted")]
