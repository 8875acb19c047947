"""People named short of their listed full name, or only by whom they serve."""

from __future__ import annotations

from datetime import date

import pytest

from actorgraph.text import shorter_name
from tests.nlp.conftest import brief

DAY = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Tayyip Erdogan", "Recep Tayyip Erdoğan", True),
        ("Lula da Silva", "Luiz Inácio Lula da Silva", True),
        ("Lopez Obrador", "Andrés Manuel López Obrador", True),
        # a lone surname, a repeated word, another given name or the full name itself are not
        ("Erdogan", "Recep Tayyip Erdoğan", False),
        ("Saqr Saqr", "Ahmad Saqr", False),
        ("Mehmet Erdogan", "Recep Tayyip Erdoğan", False),
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", False),
        ("Tayyip Recep Erdogan", "Recep Tayyip Erdoğan", False),
    ],
)
def test_a_shorter_name_keeps_the_order_and_the_surname(short: str, full: str, same: bool) -> None:
    assert shorter_name(short, full) is same


def speakers(extraction) -> list[tuple[str | None, str]]:  # noqa: ANN001
    return [(q.speaker.code if q.speaker else None, q.content.text) for q in extraction.quotes]


def test_a_listed_leader_named_without_a_given_name_is_that_leader(code) -> None:
    # the story names the Gulf first; the speaker is still Turkey's president, not a state near him
    text = (
        "The United Arab Emirates and Israel signed a trade deal on Thursday. "
        "Ankara could recall its envoy from Abu Dhabi, Tayyip Erdogan said in a televised address."
    )
    extraction = code(text, DAY)
    assert speakers(extraction) == [("TUR", "Ankara could recall its envoy from Abu Dhabi")]
    assert [p for p in extraction.actors if p.type == "person"][0].name == "Recep Tayyip Erdoğan"
    assert brief(extraction) == [
        ("AGREE", ("ARE", "ISR"), ("ARE", "ISR"), "asserted"),
        ("THREATEN", ("TUR",), ("ARE",), "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow's team was headed by Oleg Varin, an aide to President Vladimir Putin. "
            "Varin told reporters that Russia was ready to keep talking.",
            [("RUS", "Russia was ready to keep talking")],
        ),
        (
            "Marta Lopes, a spokeswoman for Lula, said the president would travel to Beijing in May.",
            [("BRA", "the president would travel to Beijing in May")],
        ),
    ],
)
def test_an_unknown_person_set_beside_the_leader_they_serve_takes_that_state(code, text: str, expected: list) -> None:
    assert speakers(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "White House national security spokesman Tom Reyes said Washington was concerned.",
            [("USA", "Washington was concerned")],
        ),
        (
            "Turkey's chief negotiator Ali Demir said Ankara would wait for an answer.",
            [("TUR", "Ankara would wait for an answer")],
        ),
        # a verb between a state and a title joins nothing: the spokesman is no one we can code
        ("Serbia said the spokesman Jan Novak was wrong.", [("SRB", "the spokesman Jan Novak was wrong")]),
    ],
)
def test_lower_case_words_of_a_portfolio_keep_a_title_with_its_state(code, text: str, expected: list) -> None:
    assert speakers(code(text, DAY)) == expected
