"""An act said to threaten peace, stability or someone's sovereignty is judged by the speaker
(ACCUSE), not a threat made by its author; threatening an actor with an act is still THREATEN.
Each test asserts the whole list of events of its sentence; sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hanoi said the Chinese survey ships threatened stability in the South China Sea.",
        "The Chinese survey ships threatened stability in the South China Sea, Hanoi said.",
    ],
)
def test_an_act_that_threatens_stability_is_blamed_by_the_speaker(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("ACCUSE", ("VNM",), ("CHN",), "asserted")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Azerbaijan threatened Armenia with a blockade of the corridor.", [("THREATEN", ("AZE",), ("ARM",), "asserted")]),
        (
            "Azerbaijan threatened Armenia with a blockade of the corridor, Armenian officials said.",
            [("THREATEN", ("AZE",), ("ARM",), "asserted")],
        ),
        ("Armenia was threatened by Azerbaijan with a blockade.", [("THREATEN", ("AZE",), ("ARM",), "asserted")]),
    ],
)
def test_threatening_an_actor_is_still_a_threat(code, sentence: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == expected
