"""Actor mentions by class: who an event's source and target are when the actor is named by an
envoy's posting, an office with its portfolio, a grouping of states, a state company, a given
name that is also a state's, or a place that only says where something happened. Each
sentence's whole list of events is asserted (plain, fronted reported speech, passive).
Sentences written for these tests in the style of wire copy; the people are made up."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

# (plain, fronted reported speech, passive) → the events each must give, whole
VARIANTS = [
    pytest.param(
        (
            "Hungary's EU envoy accused Ukraine of stalling the talks.",
            "Hungary's EU envoy accused Ukraine of stalling the talks, the foreign ministry in Budapest said.",
            "Ukraine was accused by Hungary's EU envoy of stalling the talks.",
        ),
        [("ACCUSE", ("HUN",), ("UKR",), "asserted")],
        id="envoy-to-a-body-is-the-states",
    ),
    pytest.param(
        (
            "Pakistan's U.N. ambassador, Tariq Mahmood Qureshi, accused India of violating the treaty.",
            "Pakistan's U.N. ambassador, Tariq Mahmood Qureshi, accused India of violating the treaty, his office said.",
            "India was accused by Pakistan's U.N. ambassador of violating the treaty.",
        ),
        [("ACCUSE", ("PAK",), ("IND",), "asserted")],
        id="un-ambassador-is-the-states",
    ),
    pytest.param(
        (
            "Chinese Ambassador to Australia Li Wenhao criticised Canberra over the visa ban.",
            "Chinese Ambassador to Australia Li Wenhao criticised Canberra over the visa ban, the embassy said.",
            "Canberra was criticised by Chinese Ambassador to Australia Li Wenhao over the visa ban.",
        ),
        [("ACCUSE", ("CHN",), ("AUS",), "asserted")],
        id="ambassador-to-a-state-named",
    ),
    pytest.param(
        (
            "The U.N. human rights chief, Henrik Molander, condemned the executions in Belarus.",
            "The U.N. human rights chief, Henrik Molander, condemned the executions in Belarus, his office said.",
            "The executions in Belarus were condemned by the U.N. human rights chief, Henrik Molander.",
        ),
        [("ACCUSE", ("UN",), ("BLR",), "asserted")],
        id="rights-chief",
    ),
    pytest.param(
        (
            "IAEA chief Tomas Ferreyra urged Iran to let inspectors back into the Fordow site.",
            "Iran must let inspectors back into the Fordow site, IAEA chief Tomas Ferreyra said.",
            "Iran was urged by IAEA chief Tomas Ferreyra to let inspectors back into the Fordow site.",
            "IAEA executive director Tomas Ferreyra urged Iran to let inspectors back into the Fordow site.",
        ),
        [("REQUEST", ("IAEA",), ("IRN",), "asserted")],
        id="organisation-chief-not-listed",
    ),
    pytest.param(
        (
            "EU migration commissioner Ruta Kalnina urged Greece to speed up asylum checks.",
            "EU migration commissioner Ruta Kalnina urged Greece to speed up asylum checks, her spokesman said.",
            "Greece was urged by EU migration commissioner Ruta Kalnina to speed up asylum checks.",
        ),
        [("REQUEST", ("EU",), ("GRC",), "asserted")],
        id="lower-case-portfolio",
    ),
    pytest.param(
        (
            "The three Baltic states expelled four Belarusian diplomats on Monday.",
            "The three Baltic states expelled four Belarusian diplomats on Monday, their foreign ministries said.",
            "Four Belarusian diplomats were expelled by the three Baltic states on Monday.",
        ),
        [("SANCTION", ("EST", "LVA", "LTU"), ("BLR",), "asserted")],
        id="baltic-states",
    ),
    pytest.param(
        (
            "The Nordic countries condemned the Russian drone flights.",
            "The Nordic countries condemned the Russian drone flights, the Finnish foreign ministry said.",
            "The Russian drone flights were condemned by the Nordic countries.",
        ),
        [("ACCUSE", ("DNK", "FIN", "ISL", "NOR", "SWE"), ("RUS",), "asserted")],
        id="nordic-countries",
    ),
    pytest.param(
        (
            "Gazprom halted gas deliveries to Bulgaria on Wednesday.",
            "Gazprom halted gas deliveries to Bulgaria on Wednesday, the Bulgarian energy ministry said.",
            "Gas deliveries to Bulgaria were halted by Gazprom on Wednesday.",
        ),
        [("SANCTION", ("RUS",), ("BGR",), "asserted")],
        id="state-company",
    ),
    pytest.param(
        (
            "Sandu accused Moscow of meddling in the election.",
            "Sandu accused Moscow of meddling in the election, her office said.",
            "Moscow was accused by Sandu of meddling in the election.",
        ),
        [("ACCUSE", ("MDA",), ("RUS",), "asserted")],
        id="listed-surname-alone",
    ),
    pytest.param(
        (
            "Russian troops attacked Ukrainian positions near Pokrovsk.",
            "Russian troops attacked Ukrainian positions near Pokrovsk, the Ukrainian military said.",
            "Ukrainian positions near Pokrovsk were attacked by Russian troops.",
        ),
        [("ASSAULT", ("RUS",), ("UKR",), "asserted")],
        id="troops-attack-positions",
    ),
    pytest.param(
        (
            "Emirati officials met Sudanese army representatives.",
            "Emirati officials met Sudanese army representatives, the foreign ministry in Abu Dhabi said.",
        ),
        [("CONSULT", ("ARE",), ("SDN",), "asserted")],
        id="representatives",
    ),
]


@pytest.mark.parametrize(("texts", "expected"), VARIANTS)
def test_mention_variants(code, texts, expected) -> None:  # noqa: ANN001
    for text in texts:
        assert brief(code(text, DAY)) == expected, text


SINGLE = [
    # both members of a pair named as one
    ("Both Koreas accused each other of violating the military pact.",
     [("ACCUSE", ("KOR",), ("PRK",), "asserted"), ("ACCUSE", ("PRK",), ("KOR",), "asserted")]),
    ("The Visegrad countries rejected the EU migration pact.",
     [("REJECT", ("CZE", "HUN", "POL", "SVK"), ("EU",), "asserted")]),
    ("Naftogaz accused Gazprom of breaking the transit contract.", [("ACCUSE", ("UKR",), ("RUS",), "asserted")]),
    # armed groups, parties and forces named by their own names take their state's code
    ("Jaish al-Adl militants killed five Iranian border guards.", [("ASSAULT", ("IRN",), ("IRN",), "asserted")]),
    ("The Awami League accused the Bangladesh Nationalist Party of inciting violence.",
     [("ACCUSE", ("BGD",), ("BGD",), "asserted")]),
    # a state's name that is a person's given name, and the state itself
    ("Chad Whitfield criticised the Mexican government.", []),
    ("Jordan condemned the Israeli raid on the refugee camp.", [("ACCUSE", ("JOR",), ("ISR",), "asserted")]),
    # a state's whole name the tagger takes for a person's is still the state
    ("Sri Lanka expelled two Iranian diplomats on Monday.", [("SANCTION", ("LKA",), ("IRN",), "asserted")]),
    # the U.S. state of Georgia is not the country
    ("The governor of Georgia vetoed a bill on mail-in voting.", []),
    ("Georgia accused Russia of occupying a fifth of its territory.", [("ACCUSE", ("GEO",), ("RUS",), "asserted")]),
    # the venue of a gathering is not a party to it
    ("A summit in Vilnius approved new military aid for Ukraine.", []),
    # a warning of a danger no one named brings is a forecast; a warning of someone's act is not
    ("The WHO warned on Tuesday of a cholera outbreak in Sudan.", []),
    ("Poland warned on Monday of Russian provocations on the border.", [("ACCUSE", ("POL",), ("RUS",), "asserted")]),
    # an office named by its service and "chief" gives its holder the service's state
    ("Kyrgyz border guard chief Almaz Tursunov accused Tajikistan of firing first.",
     [("ACCUSE", ("KGZ",), ("TJK",), "asserted")]),
    ("Greek coast guard chief Vassilis Raptis accused Turkey of pushing migrants back.",
     [("ACCUSE", ("GRC",), ("TUR",), "asserted")]),
    # officials of unnamed states are not the asking state's own
    ("Ukraine urged Western governments to send more air defence systems.", [("REQUEST", ("UKR",), (None,), "asserted")]),
    ("Georgian police detained opposition activists.", [("COERCE", ("GEO",), ("GEO",), "asserted")]),
    # a politician attacking a stand is verbal; a date is no surname
    ("Erdogan attacked Sweden's position on the Kurdish militants.", [("ACCUSE", ("TUR",), ("SWE",), "asserted")]),
    ("The vote was postponed by Friday.", []),
    # an envoy named as serving a body keeps the body as an antecedent
    ("Russia's envoy to NATO criticised the alliance.", [("ACCUSE", ("RUS",), ("NATO",), "asserted")]),
    # a company's chief is no organisation's office, a state's army chief is the state's
    ("The company's chief executive met the Serbian president on Monday.", []),
    ("Serbia's army chief Milan Radic met his Hungarian counterpart in Budapest.", [("CONSULT", ("SRB",), ("HUN",), "asserted")]),
]


@pytest.mark.parametrize(("text", "expected"), SINGLE)
def test_mention_single(code, text, expected) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


# (text, name of an actor in the story's actor list, its code)
ACTORS = [
    ("Chinese Ambassador to Australia Li Wenhao criticised Canberra over the visa ban.", "Li Wenhao", "CHN"),
    ("Chad Whitfield criticised the Mexican government.", "Chad Whitfield", None),
    ("Ryan Jordan accused the Justice Department of bias.", "Ryan Jordan", None),
    ("The U.N. human rights chief, Henrik Molander, condemned the executions.", "Henrik Molander", "UN"),
]


@pytest.mark.parametrize(("text", "name", "expected"), ACTORS)
def test_mention_actor_code(code, text, name, expected) -> None:  # noqa: ANN001
    codes = {a.code for a in code(text, DAY).actors if a.name == name}
    assert codes == {expected}
