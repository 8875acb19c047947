"""Munitions brought down in flight are intercepted: no one is attacked by it. Aircraft shot
down are. Each test asserts the whole list of events of its sentence; sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "Israeli air defences shot down four rockets fired from Gaza.",
        "Four rockets fired from Gaza were shot down by Israeli air defences.",
        "Four rockets fired from Gaza were shot down, an Israeli army spokesman said.",
    ],
)
def test_munitions_brought_down_are_no_attack(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "India shot down a Pakistani fighter jet over Kashmir.",
        "A Pakistani fighter jet was shot down by India over Kashmir.",
        "India shot down a Pakistani fighter jet over Kashmir, the Indian air force said.",
    ],
)
def test_an_aircraft_shot_down_is_attacked(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("ASSAULT", ("IND",), ("PAK",), "asserted")]
