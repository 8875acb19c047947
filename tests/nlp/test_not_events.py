"""What is not a new event: an act already told, told again ("the strikes killed four", "the
rally was organised by ..."); what tends to happen or has long been so; storms, matches and
intercepted drones. Beside each near-miss, the close case that must still give its event. Each
test asserts the whole list of events of its story; texts written for these tests in the style
of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

EXPULSION = ("SANCTION", ("EST",), ("RUS",), "asserted")
STRIKE = ("ASSAULT", ("ISR",), ("LBN",), "asserted")


@pytest.mark.parametrize(
    ("text", "events"),
    [
        pytest.param(
            "Estonia expelled two Russian diplomats on Tuesday. The expulsion was the third this year, the ministry said.",
            [EXPULSION],
            id="the-expulsion",
        ),
        pytest.param(
            "Two Russian diplomats were expelled by Estonia on Tuesday. The expulsion was the third this year.",
            [EXPULSION],
            id="the-expulsion-after-passive",
        ),
        pytest.param(
            "Israeli jets struck Hezbollah positions in southern Lebanon on Sunday. "
            "The strikes killed four fighters, a Lebanese security source said.",
            [STRIKE],
            id="the-strikes-killed",
        ),
        pytest.param(
            "Israeli jets struck Hezbollah positions in southern Lebanon on Sunday, the Israeli army said. "
            "The strikes killed four fighters.",
            [STRIKE],
            id="the-strikes-killed-after-fronted-speech",
        ),
        pytest.param(
            "Protesters rallied in Belgrade on Saturday against lithium mining. The rally was organised by environmental groups.",
            [("PROTEST", ("SRB",), ("SRB",), "asserted")],
            id="the-rally-was-organised",
        ),
        pytest.param(
            "Chinese and Philippine diplomats held talks in Manila on Thursday. "
            "The talks, which ended without a joint statement, focused on the shoal.",
            [("CONSULT", ("CHN", "PHL"), ("CHN", "PHL"), "asserted")],
            id="the-talks-which-ended",
        ),
        pytest.param(
            "Gunmen stormed a hotel in Mogadishu on Friday, killing nine people, police said. "
            "The gunmen struck shortly after dusk, witnesses said.",
            [("ASSAULT", ("SOM",), ("SOM",), "asserted")],
            id="the-gunmen-struck",
        ),
        pytest.param(
            "Students rallied outside parliament in Skopje on Monday, police said. "
            "The protests began after a nightclub fire killed 59 people.",
            [("PROTEST", ("MKD",), ("MKD",), "asserted")],
            id="the-protests-began",
        ),
    ],
)
def test_an_act_told_again_is_one_event(code, text: str, events: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        pytest.param(
            "Russian drones struck Odesa on Monday. On Wednesday, Russian missiles struck Kharkiv.",
            [("ASSAULT", ("RUS",), ("UKR",), "asserted")] * 2,
            id="a-second-strike",
        ),
        pytest.param(
            "Poland expelled a Belarusian diplomat on Monday. Belarus expelled a Polish diplomat in response on Tuesday.",
            [("SANCTION", ("POL",), ("BLR",), "asserted"), ("SANCTION", ("BLR",), ("POL",), "asserted")],
            id="a-reply-in-kind",
        ),
        pytest.param(
            "Iran seized a British-flagged tanker in the Strait of Hormuz on Friday. Britain condemned the seizure.",
            [("COERCE", ("IRN",), ("GBR",), "asserted"), ("ACCUSE", ("GBR",), ("IRN",), "asserted")],
            id="the-seizure-condemned",
        ),
        pytest.param(
            "China held drills around Taiwan on Monday. The drills were condemned by Taipei and Washington.",
            [("MOBILIZE", ("CHN",), ("TWN",), "asserted"), ("ACCUSE", ("TWN", "USA"), ("CHN",), "asserted")],
            id="the-drills-were-condemned",
        ),
        pytest.param(
            "Gunmen stormed a hotel in Mogadishu on Friday. Somali troops killed the attackers after a six-hour siege.",
            [("ASSAULT", ("SOM",), ("SOM",), "asserted")] * 2,
            id="the-attackers-killed",
        ),
        pytest.param(
            "Pakistani jets struck militant hideouts in Afghanistan on Monday. Iran's strikes on Pakistan followed on Tuesday.",
            [("ASSAULT", ("PAK",), ("AFG",), "asserted"), ("ASSAULT", ("IRN",), ("PAK",), "asserted")],
            id="strikes-with-their-own-author",
        ),
        pytest.param(
            "Students protested in Dhaka on Monday. Student leaders said the protests might last for weeks.",
            [("PROTEST", ("BGD",), ("BGD",), "asserted")] * 2,
            id="the-protests-might-last",
        ),
    ],
)
def test_a_new_act_of_the_same_kind_is_coded(code, text: str, events: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == events


@pytest.mark.parametrize(
    "text",
    [
        "Armed groups often attack convoys on the road to Gao.",
        "Gunmen often ambush army patrols near Mocimboa da Praia.",
        "Police in Tajikistan routinely detain opposition activists, rights groups say.",
        "Russia has long supplied weapons to the Malian army.",
        "Ukraine's ports have been blockaded since the invasion.",
        "Moldova's ports have been blockaded since the war, Chisinau says.",
        "An earthquake struck eastern Turkey on Monday.",
        "A cyclone struck the coast of Mozambique on Sunday.",
        "Serbia's national team attacked from the first minute against Croatia.",
        "Ukraine's air defences shot down 25 Russian drones overnight, the air force said.",
        "Twenty-five Russian drones were shot down overnight by Ukraine's air defences.",
        "The Serbian president met reporters at the presidency on Tuesday.",
        "The Serbian president met with journalists at the presidency on Tuesday, his office said.",
        "The fear of a Russian attack has shaped Finnish policy for decades.",
        "The risk of a Chinese blockade worries officials in Taipei.",
        "Attacks by Islamic State in Syria have decreased this year, monitors said.",
        "Japan hosts about 54,000 U.S. troops.",
        "Russia supplies Armenia with gas.",
        "Moscow spends part of its gas revenue to fund pensions in Transnistria.",
        "Slovakia has withdrawn its support for the ammunition initiative.",
        "Backing for the pipeline was withdrawn by Bulgaria, Sofia said.",
    ],
)
def test_practices_states_nature_and_interceptions_are_no_event(code, text: str) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == []


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Islamist militants ambushed an army patrol near Mocimboa da Praia on Sunday.", [("ASSAULT", ("MOZ",), ("MOZ",), "asserted")]),
        ("Russia supplied weapons to the Malian army last year, Bamako said.", [("AID", ("RUS",), ("MLI",), "asserted")]),
        ("Seoul has long urged Tokyo to apologise for wartime forced labour.", [("REQUEST", ("KOR",), ("JPN",), "asserted")]),
        ("Russian forces struck Kharkiv with missiles on Sunday.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        ("Kharkiv was struck by Russian missiles on Sunday, the governor said.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        ("Russian air defences shot down a Ukrainian Su-25 jet over Donetsk.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        (
            "The Serbian president met the Hungarian prime minister in Belgrade on Tuesday.",
            [("CONSULT", ("SRB",), ("HUN",), "asserted")],
        ),
        ("Russian attacks on Kharkiv have intensified since Friday.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        ("Protests have grown across Georgia since the election.", [("PROTEST", ("GEO",), ("GEO",), "asserted")]),
        ("Turkey hosted Russian President Vladimir Putin in Ankara on Monday.", [("CONSULT", ("TUR",), ("RUS",), "asserted")]),
        ("Slovakia voiced its support for Moldova's accession talks.", [("SUPPORT", ("SVK",), ("MDA",), "asserted")]),
        (
            "Japan sent aid to Turkey after the earthquake, the ministry said.",
            [("AID", ("JPN",), ("TUR",), "asserted")],
        ),
    ],
)
def test_close_cases_keep_their_event(code, text: str, events: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == events
