"""A process something is said to harm is going on already: "could set back the talks",
"undermined efforts to restore ties" report no new meeting or accord. Talks held or hosted are
still events. Each test asserts the whole list of events of its sentence; sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts said the border shooting could set back the talks between Armenia and Azerbaijan.",
        "The border shooting could set back the talks between Armenia and Azerbaijan, analysts said.",
        "The talks between Armenia and Azerbaijan were set back by the border shooting, analysts said.",
        "Analysts fear the riots may undermine Turkish efforts to restore ties between Egypt and Qatar.",
        "The dispute over fishing rights has hampered cooperation between Norway and Iceland, officials said.",
    ],
)
def test_a_harmed_process_is_no_new_act(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Armenia and Azerbaijan held talks in Almaty on Friday.",
        "Armenia and Azerbaijan held talks in Almaty on Friday, the Armenian foreign ministry said.",
    ],
)
def test_talks_held_are_still_a_meeting(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("CONSULT", ("ARM", "AZE"), ("ARM", "AZE"), "asserted")]
