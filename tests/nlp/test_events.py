"""Events from the constructions news uses, each proven by its sentence."""

from __future__ import annotations

from datetime import date

from .conftest import brief

DAY = date(2024, 3, 14)  # a Thursday


def types(extraction) -> set[str]:  # noqa: ANN001
    return {e.type for e in extraction.events if e.modality == "asserted"}


def test_compound_subject_signing_is_one_mutual_event(code) -> None:
    # a cooperation pact commits the parties to cooperate (AGREE); a treaty as such is SUPPORT
    extraction = code("Greece and Cyprus signed a maritime cooperation agreement in Athens on Monday.", DAY)
    assert brief(extraction) == [("AGREE", ("GRC", "CYP"), ("GRC", "CYP"), "asserted")]
    assert [e.mutual for e in extraction.events] == [True]
    extraction = code("Greece and Cyprus signed a treaty of friendship in Athens on Monday.", DAY)
    assert brief(extraction) == [("SUPPORT", ("GRC", "CYP"), ("GRC", "CYP"), "asserted")]


def test_passive_voice_with_agent(code) -> None:
    found = brief(code("Ukrainian positions near Kharkiv were shelled by Russian forces on Tuesday.", DAY))
    assert any(t == "ASSAULT" and s == ("RUS",) and "UKR" in g for t, s, g, _ in found)


def test_reported_accusation_with_a_capital_for_the_state(code) -> None:
    found = brief(code("Montenegro's foreign ministry accused Belgrade of meddling in the election.", DAY))
    assert ("ACCUSE", ("MNE",), ("SRB",), "asserted") in found


def test_call_on_and_urge_are_requests_to_their_object(code) -> None:
    found = brief(code("The European Union called on Kosovo and Serbia to de-escalate tensions in the north.", DAY))
    assert ("REQUEST", ("EU",), ("XKX", "SRB"), "asserted") in found
    found = brief(code("Washington urged Pristina to postpone the ban on the dinar.", DAY))
    assert ("REQUEST", ("USA",), ("XKX",), "asserted") in found


def test_warning_of_ones_own_act_is_a_threat(code) -> None:
    found = brief(code("Hungary's prime minister warned that Budapest would veto the new sanctions package.", DAY))
    assert [t for t, s, _g, _m in found if s == ("HUN",)] == ["THREATEN"]


def test_warning_about_someone_else_reports_their_possible_act(code) -> None:
    found = brief(code("Analysts warned that Russia could retaliate against Moldova.", DAY))
    assert ("ASSAULT", ("RUS",), ("MDA",), "hypothetical") in found
    assert not [t for t, *_ in found if t in ("ACCUSE", "THREATEN")]


def test_nominal_event_with_its_own_actor(code) -> None:
    found = brief(code("Serbia's military cooperation with Russia worries its neighbours.", DAY))
    assert ("COOPERATE", ("SRB",), ("RUS",), "asserted") in found


def test_pronoun_and_definite_description_point_back(code) -> None:
    text = (
        "Albania cut diplomatic ties with Iran on Wednesday. It accused Tehran of a cyber attack on government servers."
    )
    found = brief(code(text, DAY))
    assert ("SANCTION", ("ALB",), ("IRN",), "asserted") in [(t, s, g, m) for t, s, g, m in found]
    assert ("ACCUSE", ("ALB",), ("IRN",), "asserted") in found
    text = "Bulgaria blocked the start of the talks. The country demanded that Skopje amend its constitution."
    assert ("REQUEST", ("BGR",), ("MKD",), "asserted") in brief(code(text, DAY))


def test_unnamed_attacker_tied_to_a_state(code) -> None:
    found = brief(code("Hackers thought to be linked to Russia hacked ministry websites in Montenegro.", DAY))
    assert any(t == "COERCE" and s == ("RUS",) and g == ("MNE",) for t, s, g, _m in found)


def test_speculation_is_hypothetical(code) -> None:
    found = brief(code("Some diplomats speculate that Moldova and Georgia could eventually join the alliance.", DAY))
    assert [m for t, s, _g, m in found if s == ("MDA", "GEO")] == ["hypothetical"]


def test_denial_negates_the_act(code) -> None:
    found = brief(code("Serbia denied sending troops into Kosovo.", DAY))
    assert ("MOBILIZE", ("SRB",), (), "negated") in [(t, s, (), m) for t, s, _g, m in found]
    assert not [f for f in found if f[3] == "asserted"]


def test_descriptive_threats_and_negated_views_are_not_events(code) -> None:
    assert code("The growing threat of cyber attacks worries officials in Skopje.", DAY).events == ()
    extraction = code("NATO does not view the defence pact as a threat to regional stability.", DAY)
    assert [e for e in extraction.events if e.modality == "asserted"] == []


def test_promised_cooperation_is_agree_and_a_conditional_act_a_threat(code) -> None:
    found = brief(code("Turkey will send humanitarian aid to Syria next week.", DAY))
    assert ("AGREE", ("TUR",), ("SYR",), "asserted") in found
    found = brief(code("Russia will cut gas supplies to Moldova unless Chisinau pays its debt.", DAY))
    assert any(t == "THREATEN" and s == ("RUS",) and "MDA" in g for t, s, g, _m in found)


def test_refusing_to_recognise_is_a_rejection(code) -> None:
    found = brief(code("Belgrade refuses to recognise Kosovo's independence.", DAY))
    assert ("REJECT", ("SRB",), ("XKX",), "asserted") in found


def test_dates_locations_and_evidence(code) -> None:
    text = "NORTH MITROVICA, Kosovo (AP) — Kosovo police arrested two men in Zvečan on Tuesday, officials said."
    extraction = code(text, DAY)
    arrests = [e for e in extraction.events if e.type == "COERCE"]
    assert arrests, extraction.events
    event = arrests[0]
    assert event.date == date(2024, 3, 12)
    assert event.evidence.text == extraction.document.text[event.evidence.start : event.evidence.end]
    assert event.trigger is not None and event.trigger.text == "arrested"
    assert event.extractor.startswith("actorgraph.rules/")
    assert 0 < event.confidence <= 1


def test_every_event_of_the_sample_corpus_points_into_its_text(resources) -> None:
    from actorgraph.pipeline import extract, prepare

    from ..conftest import SAMPLES

    prepared = prepare([str(SAMPLES / "corpus")], resources, warn=lambda *_: None)
    total = 0
    for extraction in extract(prepared.documents, resources):
        text = extraction.document.text
        for event in extraction.events:
            total += 1
            assert text[event.evidence.start : event.evidence.end] == event.evidence.text
            assert event.type in {
                "AGREE",
                "CONSULT",
                "SUPPORT",
                "CONCEDE",
                "COOPERATE",
                "AID",
                "RETREAT",
                "REQUEST",
                "ACCUSE",
                "REJECT",
                "THREATEN",
                "PROTEST",
                "SANCTION",
                "MOBILIZE",
                "COERCE",
                "ASSAULT",
            }
        for stance in extraction.stances:
            assert text[stance.evidence.start : stance.evidence.end] == stance.evidence.text
        for quote in extraction.quotes:
            assert text[quote.content.start : quote.content.end] == quote.content.text
            assert text[quote.evidence.start : quote.evidence.end] == quote.evidence.text
    assert total > 50
