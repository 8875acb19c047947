"""Casualty, detention, displacement and deployment counts on the events that carry them.

Each sentence is asserted whole: every event it gives, with every count of each, so a count
on the wrong event, a count invented, or one too many fails. Sentences written for these tests."""

from __future__ import annotations

import pytest

from actorgraph.nlp.counts import read_quantity


def counted(extraction) -> list[tuple[str, list[tuple[str, int | None, bool, str]]]]:  # noqa: ANN001
    return [
        (e.type, [(c.kind, c.count, c.approximate, c.span.text) for c in e.counts]) for e in extraction.events
    ]


CASES = [
    pytest.param(
        "Gunmen attacked a village in central Mali on Sunday, killing at least 14 civilians and wounding 20 others.",
        [("ASSAULT", [("killed", 14, True, "at least 14"), ("wounded", 20, False, "20")])],
        id="floor-and-exact",
    ),
    pytest.param(
        "Dozens of UN peacekeepers were injured in clashes with Bosnian Serb protesters near Brcko.",
        [("ASSAULT", [("wounded", None, True, "Dozens")])],
        id="vague-quantity-has-no-number",
    ),
    pytest.param(
        "Georgian police detained more than 300 demonstrators in Tbilisi overnight.",
        [("COERCE", [("detained", 300, True, "more than 300")])],
        id="detentions",
    ),
    pytest.param(
        "Russia deployed 3,000 troops to its border with Finland.",
        [("MOBILIZE", [("deployed", 3000, False, "3,000")])],
        id="deployment",
    ),
    pytest.param(
        "Israeli air strikes killed twenty-five people in Rafah, and the death toll rose to 1,200.",
        [("ASSAULT", [("killed", 25, False, "twenty-five")])],
        id="toll-beside-a-direct-count-is-not-added",
    ),
    pytest.param(
        "The Sudanese army shelled El Fasher on Monday, forcing some 2,000 people to flee.",
        [("ASSAULT", [("displaced", 2000, True, "some 2,000")])],
        id="displaced",
    ),
    pytest.param(
        "The drone attack on the base killed two American soldiers.",
        [("ASSAULT", [("killed", 2, False, "two")])],
        id="word-number",
    ),
    pytest.param(
        "No one was hurt when Houthi rebels fired a missile at a tanker in the Red Sea.",
        [("ASSAULT", [])],
        id="nobody-is-no-count",
    ),
    pytest.param(
        "The Netherlands sent two frigates to the Baltic Sea.",
        [("MOBILIZE", [])],
        id="ships-are-no-head-count",
    ),
    pytest.param(
        "Security forces in Myanmar had killed at least 140 people, 12 of them children, by Friday, a monitoring group said.",
        [("ASSAULT", [("killed", 140, True, "at least 140")])],
        id="a-part-of-the-dead-is-not-counted-again",
    ),
    pytest.param(
        "Pakistan closed its airspace to all Indian carriers after an attack in Kashmir that killed 26 tourists.",
        [("SANCTION", [])],
        id="a-recalled-attack-lends-its-dead-to-no-other-act",
    ),
    pytest.param(
        "Fourteen people were killed when Russian missiles hit Kharkiv on Friday.",
        [("ASSAULT", [("killed", 14, False, "Fourteen")])],
        id="the-dead-of-the-clause-that-tells-when",
    ),
    pytest.param(
        "Turkey pledged aid for 2,000 displaced families in northern Syria.",
        [("AGREE", [])],  # aid pledged, not yet given
        id="only-violent-and-forceful-events-count",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_counts_ride_on_their_events(code, text: str, expected) -> None:  # noqa: ANN001
    assert counted(code(text)) == expected


def test_count_offsets_point_into_the_story(code) -> None:  # noqa: ANN001
    extraction = code("Syrian government forces arrested 45 men in Deraa on Friday, a monitoring group said.")
    [event] = extraction.events
    [count] = event.counts
    assert extraction.document.text[count.span.start : count.span.end] == "45"
    assert (count.kind, count.count, count.approximate) == ("detained", 45, False)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["at", "least", "14"], (14, True)),
        (["dozens"], (None, True)),
        (["fourteen"], (14, False)),
        (["twenty", "-", "five"], (25, False)),
        (["1.2", "million"], (1_200_000, False)),
        (["a", "dozen"], (12, True)),
        (["nearly", "300"], (300, True)),
        (["several"], (None, True)),
        (["many"], (None, False)),
    ],
)
def test_quantities_are_read_from_digits_and_words(words: list[str], expected: tuple[int | None, bool]) -> None:
    assert read_quantity(words) == expected
