"""Who a participle or an object pronoun stands for when the parse or the nearest name misleads."""

from __future__ import annotations

from datetime import date

import pytest

from tests.nlp.conftest import brief

DAY = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs "urging" on the addressees; its pronoun object says they are not its subject
        (
            "The Kenyan foreign minister wrote to ECOWAS leaders urging them to reopen the border with Niger.",
            [("REQUEST", ("KEN",), ("ECOWAS",), "asserted")],
        ),
        (
            "Hungary's prime minister spoke to EU leaders, accusing them of ignoring the farmers.",
            [("CONSULT", ("HUN",), ("EU",), "asserted"), ("ACCUSE", ("HUN",), ("EU",), "asserted")],
        ),
        # a participle with an object of its own is still the act of the people it describes
        (
            "Police in Tbilisi clashed with protesters chanting slogans against the government.",
            [("ASSAULT", ("GEO",), ("GEO",), "asserted")],
        ),
    ],
)
def test_a_participle_on_the_addressee_with_a_pronoun_for_them_is_the_writers_act(
    code, text: str, expected: list
) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "North Korea's foreign minister Choe Son Hui arrived in Vientiane on Friday for a regional forum. "
            "Wang Yi, Beijing's top diplomat, met her on Saturday and told her not to raise tensions with more launches.",
            [
                ("CONSULT", ("PRK",), ("LAO",), "asserted"),
                ("CONSULT", ("CHN",), ("PRK",), "asserted"),
                ("REQUEST", ("CHN",), ("PRK",), "asserted"),
            ],
        ),
        (
            "Serbian President Aleksandar Vucic flew to Paris on Monday. "
            "French President Emmanuel Macron urged him to align with EU sanctions, the Elysee said.",
            [("CONSULT", ("SRB",), ("FRA",), "asserted"), ("REQUEST", ("FRA",), ("SRB",), "asserted")],
        ),
        # the same person as subject and object needs "himself", so "him" is the other man
        (
            "Armenian Prime Minister Nikol Pashinyan landed in Brussels on Tuesday. "
            "European Council President Antonio Costa thanked him for the reforms and invited him to a summit.",
            [
                ("CONSULT", ("ARM",), ("BEL",), "asserted"),
                ("SUPPORT", ("EU",), ("ARM",), "asserted"),
                ("AGREE", ("EU",), ("ARM",), "asserted"),
            ],
        ),
    ],
)
def test_an_object_pronoun_never_means_the_subject_of_its_own_clause(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected
