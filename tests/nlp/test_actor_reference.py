"""Who the actors of an event are when the text tells them indirectly: the parties to talks
held through a mediator or host. Each case asserts the whole list of events of its sentence.
Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

CASES = [
    # talks through a mediator: the parties consulted the mediator
    pytest.param(
        "Armenia and Azerbaijan held talks mediated by Russia on Monday.",
        [("CONSULT", ("ARM", "AZE"), ("RUS",), "asserted")],
        id="talks-mediated-by",
    ),
    pytest.param(
        "Armenia and Azerbaijan held talks mediated by Russia on Monday, the Armenian foreign ministry said.",
        [("CONSULT", ("ARM", "AZE"), ("RUS",), "asserted")],
        id="talks-mediated-by-fronted",
    ),
    pytest.param(
        "The talks between Armenia and Azerbaijan were mediated by Russia.",
        [("CONSULT", ("ARM", "AZE"), ("RUS",), "asserted")],
        id="talks-passive-mediated",
    ),
    pytest.param(
        "The accord was signed by Ethiopia and Eritrea under Saudi mediation.",
        [
            ("SUPPORT", ("ETH", "ERI"), ("ETH", "ERI"), "asserted"),
            ("CONSULT", ("ETH", "ERI"), ("SAU",), "asserted"),
        ],
        id="under-mediation",
    ),
    pytest.param(
        "Eritrea freed four Ethiopian soldiers under a deal brokered by Kenya.",
        [("RETREAT", ("ERI",), ("ETH",), "asserted"), ("CONSULT", ("ERI",), ("KEN",), "asserted")],
        id="deal-brokered-by",
    ),
    pytest.param(
        "Serbia and Kosovo reached the deal after talks in Brussels hosted by the European Union.",
        [("AGREE", ("SRB", "XKX"), ("SRB", "XKX"), "asserted"), ("CONSULT", ("SRB", "XKX"), ("EU",), "asserted")],
        id="talks-hosted-by",
    ),
    # the mediator acts itself: mediating or hosting talks between two, brokering a compromise
    pytest.param(
        "Norway, which had mediated two years of quiet negotiations between Colombia and Venezuela, welcomed the accord.",
        [("CONSULT", ("NOR",), ("COL", "VEN"), "asserted"), ("SUPPORT", ("NOR",), (), "asserted")],
        id="mediator-relative-clause",
    ),
    pytest.param(
        "Oman hosted several rounds of talks between Tehran and Washington last year.",
        [("CONSULT", ("OMN",), ("IRN", "USA"), "asserted")],
        id="host-rounds-of-talks",
    ),
    pytest.param(
        "France brokered a compromise between Bulgaria and North Macedonia.",
        [("CONSULT", ("FRA",), ("BGR", "MKD"), "asserted")],
        id="broker-compromise-between",
    ),
    pytest.param(
        "Qatar is mediating between Israel and Hamas, the ministry said.",
        [("CONSULT", ("QAT",), ("ISR", "PSE"), "asserted")],
        id="mediating-between",
    ),
    # no parties named: the mediator's own act, aimed at no one the text names
    pytest.param(
        "The talks were hosted by Qatar.",
        [("CONSULT", ("QAT",), (), "asserted")],
        id="hosted-no-parties",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_actor_reference(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


# A story of two neighbours; its last sentence varies.
_NEIGHBOURS = "Azerbaijan accused Armenia of shelling its villages on Monday.\n\nAzerbaijan said its forces had returned fire.\n\n"
_ACCUSAL = ("ACCUSE", ("AZE",), ("ARM",), "asserted")

STORIES = [
    # forces sent toward a border the sentence names no side of: the story's other side
    pytest.param(
        "Armenia was moving troops and artillery towards the border, the defence ministry said.",
        [_ACCUSAL, ("MOBILIZE", ("ARM",), ("AZE",), "asserted")],
        id="toward-the-border-fronted",
    ),
    pytest.param(
        "The defence ministry said Armenia was moving troops and artillery towards the border.",
        [_ACCUSAL, ("MOBILIZE", ("ARM",), ("AZE",), "asserted")],
        id="toward-the-border",
    ),
    pytest.param(
        "Troops and artillery were being moved towards the border by Armenia, the ministry said.",
        [_ACCUSAL, ("MOBILIZE", ("ARM",), ("AZE",), "asserted")],
        id="toward-the-border-passive",
    ),
    # a border whose side is named lies toward that side
    pytest.param(
        "Armenia was moving troops towards its northern border with Georgia.",
        [_ACCUSAL, ("MOBILIZE", ("ARM",), ("GEO",), "asserted")],
        id="border-with-named-side",
    ),
    # forces deployed at home, no one else named: a domestic act, aimed at their own state
    pytest.param(
        "Armenian soldiers patrolled the streets of Yerevan.",
        [_ACCUSAL, ("MOBILIZE", ("ARM",), ("ARM",), "asserted")],
        id="patrol-at-home",
    ),
]


@pytest.mark.parametrize(("last", "expected"), STORIES)
def test_actor_reference_in_story(code, last: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(_NEIGHBOURS + last, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ecuadorean soldiers patrolled the streets of Quito on Tuesday.",
            [("MOBILIZE", ("ECU",), ("ECU",), "asserted")],
            id="patrol-domestic",
        ),
        pytest.param(
            "Ecuadorean soldiers patrolled the streets of Quito on Tuesday, the defence ministry said.",
            [("MOBILIZE", ("ECU",), ("ECU",), "asserted")],
            id="patrol-domestic-fronted",
        ),
        pytest.param(
            "Ecuadorean troops were deployed in Quito on Tuesday.",
            [("MOBILIZE", ("ECU",), ("ECU",), "asserted")],
            id="deployed-domestic-passive",
        ),
        pytest.param(
            "Ecuador deployed troops to the border with Colombia.",
            [("MOBILIZE", ("ECU",), ("COL",), "asserted")],
            id="deployed-to-named-border",
        ),
        # weapons tests and drills face no one the text names
        pytest.param(
            "Iran test-fired a new ballistic missile on Sunday.",
            [("MOBILIZE", ("IRN",), (), "asserted")],
            id="missile-test-no-target",
        ),
        pytest.param(
            "Iranian naval units held drills in the Gulf on Sunday.",
            [("MOBILIZE", ("IRN",), (), "asserted")],
            id="drills-no-target",
        ),
    ],
)
def test_domestic_deployment(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city name two states share belongs to the state the story is about
        pytest.param(
            "Lebanese troops patrolled the streets of Tripoli on Saturday after two bombs hit mosques in the "
            "northern city.\n\nLebanon's army said it had arrested three suspects in Beirut.\n\n"
            "The Lebanese government condemned the bombings in Tripoli.",
            [
                ("MOBILIZE", ("LBN",), ("LBN",), "asserted"),
                ("COERCE", ("LBN",), ("LBN", "LBN"), "asserted"),
                ("ACCUSE", ("LBN",), ("LBN",), "asserted"),
            ],
            id="shared-city-name-lebanon",
        ),
        pytest.param(
            "Libyan militias clashed in Tripoli on Saturday.",
            [("ASSAULT", ("LBY",), ("LBY",), "asserted")],
            id="shared-city-name-libya",
        ),
        pytest.param(
            "The government in Tripoli said on Sunday it would not recognise the rival parliament in Tobruk.",
            [("REJECT", ("LBY",), ("LBY",), "asserted")],
            id="shared-capital-libya",
        ),
    ],
)
def test_shared_place_names(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


_SUMMIT = (
    "NAIROBI, May 16 (Reuters) - Kenyan President William Ruto on Saturday urged Sudan, Somalia and Eritrea "
    "to stay in the regional bloc after all.\n\n"
)
_URGED = ("REQUEST", ("KEN",), ("SDN", "SOM", "ERI"), "asserted")
_THREE = ("SDN", "SOM", "ERI")


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        # "the three juntas" are the three named before, not the state the story is filed from;
        # so is the "they" of what they announced
        pytest.param(
            "The three juntas announced in March that they were quitting IGAD, calling its sanctions unjust.",
            [_URGED, ("SANCTION", _THREE, ("IGAD",), "asserted"), ("ACCUSE", _THREE, ("IGAD",), "asserted")],
            id="counted-description-reports",
        ),
        pytest.param(
            "They were quitting IGAD with immediate effect, the three juntas said in March.",
            [_URGED, ("SANCTION", _THREE, ("IGAD",), "asserted")],
            id="counted-description-fronted",
        ),
        pytest.param(
            "The three juntas accused IGAD of serving foreign interests.",
            [_URGED, ("ACCUSE", _THREE, ("IGAD",), "asserted")],
            id="counted-description-subject",
        ),
        pytest.param(
            "The three juntas were accused by IGAD of destabilising the region.",
            [_URGED, ("ACCUSE", ("IGAD",), _THREE, "asserted")],
            id="counted-description-passive",
        ),
    ],
)
def test_counted_description_in_a_datelined_story(code, last: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(_SUMMIT + last, DAY)) == expected


_AU_SUMMIT = (
    "Heads of state of the African Union opened a two-day summit in Addis Ababa on Saturday.\n\n"
    "The Ethiopian prime minister told the gathering that the region faced grave threats.\n\n"
)
_OPENED = ("CONSULT", ("AU",), ("ETH",), "asserted")


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        # "the leaders" at a summit the story tells: the organisation holding it
        pytest.param(
            "At the summit, the leaders lifted the suspension of Gabon.",
            [_OPENED, ("CONCEDE", ("AU",), ("GAB",), "asserted")],
            id="summit-leaders",
        ),
        pytest.param(
            "The leaders lifted the suspension of Gabon, the bloc's commission chairman said.",
            [_OPENED, ("CONCEDE", ("AU",), ("GAB",), "asserted")],
            id="summit-leaders-fronted",
        ),
        pytest.param(
            "The suspension of Gabon was lifted by the leaders on Sunday.",
            [_OPENED, ("CONCEDE", ("AU",), ("GAB",), "asserted")],
            id="summit-leaders-passive",
        ),
        # leaders the phrase names are those states
        pytest.param(
            "The leaders of Kenya and Ethiopia also urged Sudan to agree to a ceasefire.",
            [_OPENED, ("REQUEST", ("KEN", "ETH"), ("SDN",), "asserted")],
            id="named-leaders-at-summit",
        ),
    ],
)
def test_leaders_of_a_summit(code, last: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(_AU_SUMMIT + last, DAY)) == expected


_TIES = "Chile, a member of the Pacific Alliance, has long had tense relations with Bolivia. "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the country" as a subject continues the last subject, not the nearest state named
        pytest.param(
            _TIES + "The country has also joined sanctions against Venezuela.",
            [("SANCTION", ("CHL",), ("VEN",), "asserted")],
            id="the-country-continues-subject",
        ),
        pytest.param(
            _TIES + "The country has also joined sanctions against Venezuela, the foreign ministry said.",
            [("SANCTION", ("CHL",), ("VEN",), "asserted")],
            id="the-country-continues-subject-fronted",
        ),
        # with no state as the last subject, the nearest state named
        pytest.param(
            "Talks with Bolivia have stalled for years. The country has also joined sanctions against Venezuela.",
            [("SANCTION", ("BOL",), ("VEN",), "asserted")],
            id="the-country-nearest-state",
        ),
    ],
)
def test_the_country(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name before a joined clause's own auxiliary is that clause's subject, even when the
        # parser joined it to the object before it
        pytest.param(
            "Serbia will lift its ban on imports from Kosovo and Pristina will scrap its tariffs.",
            [("CONCEDE", ("SRB",), ("XKX",), "asserted"), ("CONCEDE", ("XKX",), ("SRB",), "asserted")],
            id="stray-subject",
        ),
        pytest.param(
            "Serbia will lift its ban on imports from Kosovo and Pristina will scrap its tariffs, the two governments said.",
            [("CONCEDE", ("SRB",), ("XKX",), "asserted"), ("CONCEDE", ("XKX",), ("SRB",), "asserted")],
            id="stray-subject-fronted",
        ),
        # a clause with no subject of its own keeps the first one's
        pytest.param(
            "Serbia will lift its ban on imports from Kosovo and Albania and will scrap its tariffs.",
            [("CONCEDE", ("SRB",), ("XKX", "ALB"), "asserted"), ("CONCEDE", ("SRB",), ("XKX", "ALB"), "asserted")],
            id="shared-subject",
        ),
    ],
)
def test_subject_of_a_joined_clause(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
