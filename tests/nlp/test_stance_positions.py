"""Stances stated by constructions of position: each test asserts every stance of its sentence."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 5, 16)


def stances_of(code, text: str) -> list[tuple[str | None, str, str | None]]:  # noqa: ANN001
    return [
        (s.holder.code, s.polarity, s.target_actor.code if s.target_actor else s.target_topic)
        for s in code(text, DAY).stances
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a present-tense relative clause says whom its noun stands with or against
        ("Kenya, which backs the Somali government, sent more troops.", [("KEN", "support", "SOM")]),
        # a label parsed as the object of a relative clause of regarding
        (
            "Hamas, a group that Israel considers a terrorist organisation, held a rally.",
            [("ISR", "oppose", "group")],
        ),
        # a label parsed as an adverbial clause
        ("Egypt has described the ruling as politically motivated.", [("EGY", "oppose", "ruling")]),
        # readiness to back someone or to sign an accord is a position held now
        ("Ottawa stood ready to support Latvia, a NATO ally.", [("CAN", "support", "LVA")]),
        # "we" in what someone says is the speaker's side
        ('"We stand with the people of Sudan," the Kenyan foreign minister said.', [("KEN", "support", "SDN")]),
    ],
)
def test_positions_stated_by_construction(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert stances_of(code, text) == expected


def test_readiness_to_sign_an_accord_supports_it(code) -> None:  # noqa: ANN001
    [(holder, polarity, _)] = stances_of(code, "Moldova was willing to sign the treaty on the spot.")
    assert (holder, polarity) == ("MDA", "support")


@pytest.mark.parametrize(
    "text",
    [
        # help handed over is aid, not a view
        "Norway and Denmark provided support for the operation, according to a statement.",
        # not yet done
        "Slovakia has also yet to approve Finland's membership.",
        # a reporter's forecast about someone else
        "Such a step would surely be rejected by Greece, diplomats said.",
        # not ready says nothing of a position
        "Chile is not ready to back the proposal.",
        # readiness to do something else is an intention
        "Peru was ready to work with the mission on its departure.",
    ],
)
def test_no_position_is_stated(code, text: str) -> None:  # noqa: ANN001
    assert stances_of(code, text) == []
