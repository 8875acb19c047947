"""Which state a story is about, when its dateline is elsewhere."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from actorgraph.nlp.story import story_state_of

from .conftest import brief


def test_a_dateline_named_once_in_passing_yields_to_the_state_the_story_keeps_naming() -> None:
    counts = {"GAB": 6, "CMR": 2}
    assert story_state_of(counts, {"GAB": 5, "CMR": 1}, "CMR") == ("GAB", "named 6 times")


def test_a_dateline_the_body_names_often_enough_stays() -> None:
    assert story_state_of({"GAB": 5, "CMR": 3}, {"GAB": 5, "CMR": 2}, "CMR") == ("CMR", "datelined")


def test_a_foreign_bureaus_dateline_yields_to_the_state_the_lead_names() -> None:
    # a dateline whose state the body never names, and no state dominating: the lead's
    assert story_state_of({"GAB": 2, "CMR": 1, "FRA": 2}, {"GAB": 2, "FRA": 2}, "CMR", lead="GAB") == ("GAB", "the lead")
    assert story_state_of({"GAB": 2, "CMR": 1, "FRA": 2}, {"GAB": 2, "FRA": 2}, "CMR") == ("CMR", "datelined")


def test_without_a_dateline_only_a_clear_majority_names_the_story() -> None:
    assert story_state_of({"GAB": 3, "CMR": 2}, {"GAB": 3, "CMR": 2}, None) is None
    assert story_state_of({"GAB": 2}, {"GAB": 2}, None, least=3) is None


def test_the_junta_of_a_story_filed_from_a_summit_host_is_the_stories_state(code) -> None:  # noqa: ANN001
    story = (
        "YAOUNDE, Sept 2 (actorgraph) - Central African leaders suspended Gabon on Saturday after "
        "the army seized power in Libreville. Gabon was suspended from all bodies of the bloc, "
        "Cameroon's foreign minister told reporters after the summit. "
        "The junta then imposed a curfew across the country on Sunday night. "
        "Soldiers have also closed Gabon's borders, and Gabon's president remains under house arrest."
    )
    curfew = [e for e in code(story, date(2023, 9, 2)).events if "curfew" in e.evidence.text]
    assert brief(SimpleNamespace(events=curfew)) == [("COERCE", ("GAB",), ("GAB",), "asserted")]

