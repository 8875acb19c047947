"""Words that look like events but are none, and events whose readings went astray: each
asserted as the whole list of events of its sentence, so an extra event fails. Sentences
written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    "sentence",
    [
        "Asked whether Rome would expel the Russian envoy, Italian Prime Minister Giorgia Meloni said no decision had been taken.",
        "No decision had been taken, Italian Prime Minister Giorgia Meloni said when asked whether Rome would expel the Russian envoy.",
        "Asked whether the Russian envoy would be expelled, Italian Prime Minister Giorgia Meloni said no decision had been taken.",
    ],
)
def test_a_reporters_question_asks_no_one_for_anything(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Syria agreed on Tuesday to withdraw its troops from Lebanon.",
        "Syria agreed on Tuesday to withdraw its troops from Lebanon, the Lebanese government said.",
    ],
)
def test_agreeing_to_give_ground_is_a_concession(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("CONCEDE", ("SYR",), ("LBN",), "asserted")]


def test_agreeing_to_free_captives_is_a_concession(code) -> None:  # noqa: ANN001
    text = "Moscow agreed to release two American journalists held in Yekaterinburg, the State Department said."
    assert brief(code(text, DAY)) == [("CONCEDE", ("RUS",), ("USA",), "asserted")]


def test_a_foreign_bureau_dateline_is_not_the_story_state(code) -> None:  # noqa: ANN001
    text = (
        "NAIROBI, May 16 (Reuters) - Ethiopia's army said on Thursday it had retaken two towns in the Amhara region. "
        "The military said its troops had detained dozens of militia fighters."
    )
    events = brief(code(text, DAY))
    assert events and all("KEN" not in (*source, *target) for _, source, target, _ in events)


def test_a_clause_that_dates_a_judgement_is_no_part_of_it(code) -> None:  # noqa: ANN001
    assert brief(code("Zelensky called the swap the biggest since the war began.", DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Kenya called the Sudanese shelling of its embassy in Khartoum a crime.",
        "Kenya called the shelling of its embassy in Khartoum by Sudanese forces a crime.",
    ],
)
def test_calling_an_attack_on_someone_a_crime_calls_on_no_one(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("ACCUSE", ("KEN",), ("SDN",), "asserted")]


def test_a_violation_of_ones_own_sovereignty_blames_the_violator(code) -> None:  # noqa: ANN001
    text = (
        "Venezuelan soldiers raided the Guyanese consulate in Caracas on Friday. "
        "Guyana's president called the raid a gross breach of diplomatic law and of Guyana's sovereignty."
    )
    assert brief(code(text, DAY)) == [
        ("ASSAULT", ("VEN",), ("GUY",), "asserted"),
        ("ACCUSE", ("GUY",), ("VEN",), "asserted"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lithuanian officials warned that rail networks might be hit in the coming days.",
        "Rail networks might be hit in the coming days, Lithuanian officials warned.",
    ],
)
def test_a_warning_of_what_may_befall_things_accuses_no_one(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        '"We are close to a deal," Hungarian Foreign Minister Peter Szijjarto told journalists after the summit.',
        "Hungarian Foreign Minister Peter Szijjarto told reporters after the summit that a deal was close.",
    ],
)
def test_telling_the_press_after_a_meeting_is_no_meeting(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Armenia wants to join the European Union.",
        "Kyiv hopes talks with Moscow will resume in the spring.",
        "Ukraine does not seek to join the Collective Security Treaty Organisation.",
        "Moldova's president, who wants her country to join the European Union, spoke in Balti.",
    ],
)
def test_an_aspiration_is_no_act(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == []


def test_a_dateline_state_named_once_in_passing_is_not_the_story_state(code) -> None:  # noqa: ANN001
    text = (
        "DAKAR, May 16 (Reuters) - Soldiers in Guinea seized power on Sunday and detained President Alpha Conde, "
        "Guinean state television said. Guinea's new rulers dissolved the government. Guinean officials said the "
        "borders of Guinea had been closed. Senegal's foreign minister said the region was watching closely. "
        "The junta ordered a curfew across the country from Sunday night."
    )
    assert brief(code(text, DAY))[-1] == ("COERCE", ("GIN",), ("GIN",), "asserted")


def test_a_verb_inside_a_name_is_no_act(code) -> None:  # noqa: ANN001
    text = "The Committee to Protect Journalists condemned the detention of two reporters in Yangon."
    assert [e[0] for e in brief(code(text, DAY))] == ["ACCUSE"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Seoul struck Japan off its export whitelist.",
        "Seoul struck Japan off its export whitelist, the trade ministry said.",
    ],
)
def test_striking_a_state_off_a_list_is_no_strike(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("SANCTION", ("KOR",), ("JPN",), "asserted")]


def test_a_strike_off_a_coast_is_still_a_strike(code) -> None:  # noqa: ANN001
    text = "US and British warships struck Houthi targets off the coast of Yemen."
    assert brief(code(text, DAY)) == [("ASSAULT", ("USA", "GBR"), ("YEM",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Georgian riot police detained dozens of demonstrators outside parliament in Tbilisi.",
        "Dozens of demonstrators were detained by Georgian riot police outside parliament in Tbilisi.",
        "Georgian riot police detained dozens of demonstrators outside parliament, the interior ministry said.",
    ],
)
def test_riot_police_are_no_riot(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("COERCE", ("GEO",), ("GEO",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lithuania's foreign ministry called in Russian Ambassador Alexei Isakov for explanations on Monday.",
        "Lithuania's foreign ministry called in Russian Ambassador Alexei Isakov for explanations on Monday, "
        "a ministry spokeswoman said.",
        "Russian Ambassador Alexei Isakov was called in by Lithuania's foreign ministry for explanations on Monday.",
    ],
)
def test_calling_in_a_titled_envoy_is_a_summons(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("ACCUSE", ("LTU",), ("RUS",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Polish government called the Belarusian strikes on border villages a dangerous escalation.",
        "The Polish government called the Belarusian strikes on border villages a dangerous escalation, "
        "a spokesman said.",
    ],
)
def test_a_label_for_strikes_on_someone_calls_on_no_one(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("ACCUSE", ("POL",), ("BLR",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Georgia, which has long opposed the pipeline, has asked Azerbaijan for talks.",
        "Georgia, which has long opposed the pipeline, has asked Azerbaijan for talks, the ministry said.",
    ],
)
def test_a_side_taken_in_a_relative_clause_is_a_stance(code, sentence: str) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == [("REQUEST", ("GEO",), ("AZE",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Slovakia and Slovenia joined the alliance together in 2004, while Austria stayed out.",
        "Slovenia, which joined the alliance in 2004, said it would send two officers to the mission.",
    ],
)
def test_joining_a_body_in_a_past_year_is_background(code, sentence: str) -> None:  # noqa: ANN001
    assert not [e for e in brief(code(sentence, DAY)) if e[0] == "COOPERATE"]



def test_rejecting_a_proposal_is_still_a_rejection(code) -> None:  # noqa: ANN001
    text = "Minsk rejected the Lithuanian proposal for talks on the border."
    assert brief(code(text, DAY)) == [("REJECT", ("BLR",), ("LTU",), "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "ISLAMABAD, May 16 (Reuters) - India expelled three Pakistani diplomats on Thursday. "
        "New Delhi also closed the main land crossing at Wagah.",
        "ISLAMABAD, May 16 (Reuters) - India expelled three Pakistani diplomats on Thursday. "
        "New Delhi also closed the main land crossing at Wagah, officials said.",
    ],
)
def test_a_border_closed_on_a_neighbour_is_a_sanction(code, text: str) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == [
        ("SANCTION", ("IND",), ("PAK",), "asserted"),
        ("SANCTION", ("IND",), ("PAK",), "asserted"),
    ]


def test_crossings_closed_at_home_restrict(code) -> None:  # noqa: ANN001
    text = "Kosovo police closed two crossings in the north after the attack."
    assert brief(code(text, DAY)) == [("COERCE", ("XKX",), ("XKX",), "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "BELGRADE, May 16 (Reuters) - Serbian students have occupied a dozen faculties across Serbia since "
        "November, demanding the release of all files on the collapse.",
        "BELGRADE, May 16 (Reuters) - Serbian students have occupied a dozen faculties across Serbia since "
        "November, demanding the release of all files on the collapse, organisers said.",
    ],
)
def test_what_a_protest_demands_is_part_of_the_protest(code, text: str) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == [("PROTEST", ("SRB",), ("SRB",), "asserted")]


def test_protesters_calling_on_governments_request_nothing_of_their_own(code) -> None:  # noqa: ANN001
    text = (
        "NORTH MITROVICA, May 16 (Reuters) - Serb protesters waved flags and carried banners in Mitrovica, "
        "calling on European governments to press Pristina."
    )
    assert [e for e in brief(code(text, DAY)) if e[0] == "REQUEST"] == []


def test_a_call_on_protesters_is_still_a_request(code) -> None:  # noqa: ANN001
    text = "Serbia's president called on the students to end the blockade."
    assert brief(code(text, DAY)) == [("REQUEST", ("SRB",), ("SRB",), "asserted")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Austria has yet to approve Croatia's accession.", [("SUPPORT", ("AUT",), ("HRV",), "negated")]),
        ("Austria has yet to approve Croatia's accession, officials said.", [("SUPPORT", ("AUT",), ("HRV",), "negated")]),
        ("Austria approved Croatia's accession.", [("SUPPORT", ("AUT",), ("HRV",), "asserted")]),
    ],
)
def test_an_act_not_yet_done_is_negated(code, sentence: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == expected
