"""Acceptance on the seed page (when ../shared is beside the repo): the events, speculation,
non-events and stances a careful analyst codes in it."""

from __future__ import annotations

import pytest

from actorgraph.pipeline import extract, prepare

from ..conftest import SHARED, requires_shared

SEEDS = SHARED / "corpus" / "seeds"
pytestmark = requires_shared(SEEDS)


@pytest.fixture(scope="module")
def stories(resources):  # noqa: ANN001, ANN201
    page = next(SEEDS.glob("001_*.txt"))
    prepared = prepare([str(page)], resources, warn=lambda *_: None)
    return list(extract(prepared.documents, resources))


def _has(events, kind: str, source: set[str], target: set[str] | None = None, modality: str = "asserted") -> bool:  # noqa: ANN001
    for event in events:
        codes = {r.code for r in event.source}
        targets = {r.code for r in event.target}
        if (
            event.type == kind
            and source <= codes
            and (target is None or target <= targets)
            and event.modality == modality
        ):
            return True
    return False


def test_the_analysis_events(stories) -> None:  # noqa: ANN001
    events = stories[0].events
    # the signing of a defence cooperation pact commits the three to cooperate: AGREE among them
    assert _has(events, "AGREE", {"ALB", "HRV", "XKX"}, {"ALB", "HRV", "XKX"})
    assert _has(events, "ACCUSE", {"SRB"}, {"ALB", "HRV"})  # Vučić's accusation
    assert _has(events, "THREATEN", {"SRB"})  # ... and warning
    assert _has(events, "REQUEST", {"SRB"}, {"ALB", "HRV"})  # demand for clarification
    assert _has(events, "REJECT", {"SRB"}, {"XKX"})  # refusal to recognise Kosovo
    assert _has(events, "REJECT", {"XKX"}, {"SRB"})  # Kosovo's dismissal
    assert _has(events, "ACCUSE", {"XKX"}, {"SRB"})  # and counter-accusation
    assert _has(events, "REJECT", {"HRV", "ALB"}, {"SRB"})  # Croatia's and Albania's rejection
    assert _has(events, "REQUEST", {"EU", "USA"}, {"SRB"})  # the EU's and US's calls on Serbia
    # speculation about who could join
    assert _has(events, "COOPERATE", {"BGR", "MKD", "MNE"}, modality="hypothetical")
    # "does not view it as a threat" is no event; "does not explicitly endorse" is negated
    threat_sentence = [e for e in events if "does not view it as a" in e.evidence.text]
    assert all(e.modality == "negated" for e in threat_sentence)


def test_the_teasers_events(stories) -> None:  # noqa: ANN001
    teasers = [e for story in stories[1:] for e in story.events]
    assert _has(teasers, "ASSAULT", {"USA"}, {"IRN"})  # US strikes on Iran
    assert _has(teasers, "SUPPORT", {"ALB"}, {"USA"})  # Albania's support
    assert _has(teasers, "COERCE", {"IRN"}, {"ALB"})  # the cyber attack on Tirana


def test_the_analysis_stances(stories) -> None:  # noqa: ANN001
    """Positions the analysis states, one per holder and sentence; the signing itself is an act."""
    stances = stories[0].stances
    held = {(s.holder.code, s.polarity) for s in stances}
    assert {("SRB", "oppose"), ("XKX", "support"), ("ALB", "support"), ("NATO", "neutral")} <= held
    refusing = [s for s in stances if "refuses to recognize" in s.evidence.text]
    assert [(s.holder.code, s.polarity, s.target_actor.code if s.target_actor else None) for s in refusing] == [
        ("SRB", "oppose", "XKX")
    ]
    assert not [s for s in stances if "signing of a trilateral" in s.evidence.text]
    assert all(s.polarity == "neutral" for s in stances if s.holder.code == "NATO")
