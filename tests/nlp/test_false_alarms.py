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
