"""Words that promise reprisal only in the reading that promises it: what goods cost is no price
paid, and an act done "in response to" another answers it without threatening anyone. Each test
asserts the whole list of events of its sentence; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Hungarian central bank said fuel prices would stay high until the spring.",
        "Fuel prices would stay high until the spring, the Hungarian central bank said.",
        "Poland's finance ministry said bread prices would be listed in both zloty and euros.",
    ],
)
def test_what_goods_cost_threatens_no_one(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Russia said Ukraine would pay a heavy price for the raid.",
        "Ukraine would pay a heavy price for the raid, Russia said.",
    ],
)
def test_a_price_to_be_paid_is_a_threat(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("THREATEN", ("RUS",), ("UKR",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Lithuanian government said the talks would resume in response to the Polish proposal.",
        "The talks would resume in response to the Polish proposal, the Lithuanian government said.",
    ],
)
def test_acting_in_response_to_a_proposal_threatens_no_one(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []
