"""An organ owned by a pronoun ("his government") is that actor's; a position given up is no side."""

from __future__ import annotations

from datetime import date

import pytest

from tests.nlp.conftest import brief

DAY = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "President Lula said his government would send aid to Ukraine.",
            [("AGREE", ("BRA",), ("UKR",), "asserted")],
        ),
        (
            "Chad's president said his army would send 1,000 troops to Mali.",
            [("MOBILIZE", ("TCD",), ("MLI",), "hypothetical")],
        ),
    ],
)
def test_an_organ_owned_by_a_pronoun_is_the_pronouns_actor(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


def positions(extraction) -> list[tuple[str | None, str, str | None]]:  # noqa: ANN001
    return [(s.holder.code, s.polarity, s.target_actor.code if s.target_actor else None) for s in extraction.stances]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brazil's president said his government favours a negotiated settlement in Ukraine.", [("BRA", "support", "UKR")]),
        ("Armenia no longer sees Russia as a reliable security partner.", [("ARM", "neutral", "RUS")]),
        ("Georgia does not regard Moscow as a trustworthy partner, its premier said.", [("GEO", "neutral", "RUS")]),
        ("Armenia no longer supports Moscow's plan for the corridor.", [("ARM", "neutral", "RUS")]),
        # the position itself still stands
        ("Armenia sees Russia as a reliable partner.", [("ARM", "support", "RUS")]),
    ],
)
def test_a_position_given_up_or_praise_withheld_takes_no_side(code, text: str, expected: list) -> None:
    assert positions(code(text, DAY)) == expected
