"""ACCUSE: blame, criticism, condemnation, allegations, charges, investigations and summonses,
and whom each is aimed at. Each test asserts the whole list of events of its text (an extra
event fails), so a neutral sentence that must give no accusation is checked as strictly as one
that must. Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


def accusations(extraction) -> list[tuple[str, tuple, tuple, str]]:  # noqa: ANN001
    return [e for e in brief(extraction) if e[0] == "ACCUSE"]


# ---- a condemned act is aimed at whoever did it -------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Israeli jets hit the port of Hodeidah on Saturday. Yemeni air defences shot down "
            "two drones over the city. France and Germany condemned the strike.",
            [("ACCUSE", ("FRA", "DEU"), ("ISR",), "asserted")],
            id="the-story's-strike-not-the-last-act-of-its-kind",
        ),
        pytest.param(
            "Sudan's army bombed a market in Darfur on Tuesday. Chadian troops later "
            "struck a smuggling camp near the border. The European Union condemned the bombing.",
            [("ACCUSE", ("EU",), ("SDN",), "asserted")],
            id="the-act-told-with-the-same-word",
        ),
        pytest.param(
            "Iranian militiamen raided the Saudi consulate in Mashhad on Friday. "
            "Britain and Canada condemned the storming of the consulate.",
            [("ACCUSE", ("GBR", "CAN"), ("IRN",), "asserted")],
            id="an-act-named-by-a-noun-is-no-actor",
        ),
        pytest.param(
            "Azerbaijani forces shelled Stepanakert on Friday. "
            "France's foreign minister denounced what she called a cowardly attack.",
            [("ACCUSE", ("FRA",), ("AZE",), "asserted")],
            id="condemned-what-she-called-an-attack",
        ),
    ],
)
def test_a_condemned_act_is_aimed_at_its_author(code, text: str, expected: list) -> None:
    assert accusations(code(text, DAY)) == expected


def test_a_judge_speaks_of_what_was_done_to_it(code) -> None:
    # Two moves are told; Moscow's complaint is about the one aimed at Russia.
    text = (
        "Estonia banned the transit of Russian fertiliser through its ports on Saturday. "
        "The European Union suspended Hungary's voting rights on Monday. "
        "A Kremlin spokesman called the move unlawful."
    )
    assert accusations(code(text, DAY)) == [("ACCUSE", ("RUS",), ("EST",), "asserted")]


def test_unrest_at_home_judged_at_home_is_domestic(code) -> None:
    text = (
        "Thousands of protesters marched in Tehran on Monday. "
        "Iran's interior minister called the riots acts of terrorism."
    )
    assert accusations(code(text, DAY)) == [("ACCUSE", ("IRN",), ("IRN",), "asserted")]


# ---- who blames -------------------------------------------------------------------------------
def test_blamed_on_and_a_pronoun_in_a_reported_clause(code) -> None:
    text = "Ankara said its raid answered the bombing of its consulate in Erbil, which it has blamed on Syria."
    assert accusations(code(text, DAY)) == [("ACCUSE", ("TUR",), ("SYR",), "asserted")]


def test_it_after_a_reported_clause_is_the_speaker(code) -> None:
    text = (
        "Egypt's foreign ministry said the talks on the Nile dam had stalled once more. "
        "It accused Ethiopia of ignoring its concerns."
    )
    assert accusations(code(text, DAY)) == [("ACCUSE", ("EGY",), ("ETH",), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Italy recalled its ambassador from Egypt on Wednesday, after Rome blamed Cairo for the killing of a student.",
            ("ACCUSE", ("ITA",), ("EGY",), "asserted"),
            id="after-a-clause",
        ),
        pytest.param(
            "Greece is sending more patrol boats to its sea border with Turkey after accusing Ankara of "
            "violating Greek waters.",
            ("ACCUSE", ("GRC",), ("TUR",), "asserted"),
            id="after-a-gerund",
        ),
    ],
)
def test_an_accusation_told_as_the_time_of_the_news_is_an_act(code, text: str, expected: tuple) -> None:
    assert expected in brief(code(text, DAY))


# ---- charges and investigations ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Georgia's chief prosecutor on Monday charged four men over the arson attack.",
            [("ACCUSE", ("GEO",), ("GEO",), "asserted")],
            id="charged-five-men",
        ),
        pytest.param(
            "Belarus's prosecutor general said 300 protesters had been detained, most of whom face charges of rioting.",
            [("COERCE", ("BLR",), ("BLR",), "asserted"), ("ACCUSE", ("BLR",), ("BLR",), "asserted")],
            id="face-charges",
        ),
        pytest.param(
            "Former Bolivian minister Arturo Murillo is under investigation over the purchase of tear gas.",
            [("ACCUSE", ("BOL",), ("BOL",), "asserted")],
            id="under-investigation",
        ),
    ],
)
def test_charges_and_investigations_are_the_states(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


# ---- judgements of what something is -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Malian soldiers attacked a camp for displaced people in Mopti on Friday. The United Nations "
            "called the attacks on refugees and on aid workers an unacceptable escalation.",
            ("ACCUSE", ("UN",), ("MLI",), "asserted"),
            id="called-X-on-Y-a-Z-is-no-call-on",
        ),
        pytest.param(
            "Russia began pulling troops back from the Ukrainian border on Tuesday. "
            "NATO dismissed the Russian moves as window dressing.",
            ("ACCUSE", ("NATO",), ("RUS",), "asserted"),
            id="dismissed-as",
        ),
    ],
)
def test_saying_what_an_act_is_judges_it(code, text: str, expected: tuple) -> None:
    found = accusations(code(text, DAY))
    assert found == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Azerbaijan's defence ministry said Armenian officials had fabricated the footage.",
            ("ACCUSE", ("AZE",), ("ARM",), "asserted"),
            id="invented",
        ),
        pytest.param(
            "Vietnam's coast guard said the Chinese trawlers had illegally crossed into Vietnamese waters.",
            ("ACCUSE", ("VNM",), ("CHN",), "asserted"),
            id="illegally",
        ),
        pytest.param(
            "Pakistan said the fighting started because Indian troops had sought to move the line unilaterally.",
            ("ACCUSE", ("PAK",), ("IND",), "asserted"),
            id="unilaterally-in-a-clause-of-cause",
        ),
        pytest.param(
            "Yerevan says Azerbaijani units were the first to open fire.",
            ("ACCUSE", ("ARM",), ("AZE",), "asserted"),
            id="first-to-shoot",
        ),
        pytest.param(
            "The Peruvian government said a rebel cell was responsible.",
            ("ACCUSE", ("PER",), ("PER",), "asserted"),
            id="responsible",
        ),
        pytest.param(
            "NATO allies agreed that Iran was responsible for the attack.",
            ("ACCUSE", ("NATO",), ("IRN",), "asserted"),
            id="a-finding-likely-responsible",
        ),
    ],
)
def test_saying_another_did_wrong_alleges_it(code, text: str, expected: tuple) -> None:
    assert expected in brief(code(text, DAY))


def test_harm_and_what_nothing_justifies(code) -> None:
    text = (
        "Latvian police raided Russian-language schools in Riga on Monday. "
        "The Russian embassy said such steps only stoked ethnic tensions."
    )
    assert accusations(code(text, DAY)) == [("ACCUSE", ("RUS",), ("LVA",), "asserted")]
    text = "Rioters set fire to shops in Niamey on Sunday. Niger's prime minister said that nothing could justify the rioting."
    assert accusations(code(text, DAY)) == [("ACCUSE", ("NER",), ("NER",), "hypothetical")]


def test_what_someone_called_names_whom_it_blames(code) -> None:
    text = (
        "Washington said the vote sent a message to what it called the "
        "illegal regimes of Syria and Iran."
    )
    assert accusations(code(text, DAY)) == [("ACCUSE", ("USA",), ("SYR", "IRN"), "asserted")]


def test_stated_horror_at_an_attack(code) -> None:
    text = "Russian missiles struck a shopping centre in Kremenchuk on Monday. The European Union voiced outrage at the attack."
    assert accusations(code(text, DAY)) == [("ACCUSE", ("EU",), ("RUS",), "asserted")]


# ---- summonses --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Latvia accused Russia of spying from its embassy, and Moscow denied it. "
            "The foreign ministry in Riga called in Ambassador Mikhail Vanin for explanations.",
            ("ACCUSE", ("LVA",), ("RUS",), "asserted"),
            id="a-named-envoy-is-the-other-side's",
        ),
        pytest.param(
            "The German ambassador to Iran, Markus Potzel, was summoned on Tuesday to the foreign ministry.",
            ("ACCUSE", ("IRN",), ("DEU",), "asserted"),
            id="summoned-by-the-state-it-is-posted-to",
        ),
    ],
)
def test_a_summons_is_aimed_at_the_envoys_state(code, text: str, expected: tuple) -> None:
    assert accusations(code(text, DAY))[-1:] == [expected]


# ---- what is no accusation ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Officials said the drought had worsened the crisis.",
        "Sweden's migration minister said it would be wrong to widen a scheme that was failing.",
        "Portugal's foreign minister said Lisbon was ready to drop its objections if Madrid signed the accord.",
        "The minister said Croatian delegates had entered the talks in good faith.",
        "Chad and Sudan warned that any foreign intervention in Libya would amount to a declaration of war.",
        "The Houthi leader warned Riyadh to stop interfering in Yemen's affairs.",
        "Ukraine's human rights ombudsman called the swap the biggest exchange since the fighting started.",
        "Niger's opposition leader described the takeover as an opportunity for reform.",
    ],
)
def test_neutral_reports_forecasts_and_warnings_accuse_no_one(code, text: str) -> None:
    assert accusations(code(text, DAY)) == []
