"""Keeping silent refuses no one anything: declining to comment, to say, to give one's name or to
be identified is no REJECT, while declining or refusing an act still is. Each test asserts the
whole list of events of its sentence; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Kremlin declined to comment on the report.",
        "A spokesman for the Romanian government declined to give his name.",
        "A Slovak diplomat, who declined to be identified, said the vote was close.",
        "The Pentagon refused to say how many advisers were in the country.",
        "Ankara declined to elaborate, a Turkish official said.",
    ],
)
def test_withholding_words_is_no_rejection(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Hungary refused to back the Ukrainian request.",
        "Hungary refused to back the Ukrainian request, diplomats said.",
    ],
)
def test_refusing_an_act_is_still_a_rejection(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("REJECT", ("HUN",), ("UKR",), "asserted")]
