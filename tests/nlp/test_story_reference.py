"""Actors named by reference across a short story: descriptions ("the republic", "the junta",
"the neighbours"), pronouns and titles, seats of government, and acts referred back to ("the
launch"). Each story is asserted as the whole list of its events. Stories written for these
tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

# Definite descriptions standing for an actor named before.
DESCRIPTIONS = [
    pytest.param(
        "Azerbaijan accused Armenia of shelling its positions near Lachin. "
        "The republic denied the charge and accused Baku of provoking clashes.",
        [
            ("ACCUSE", ("AZE",), ("ARM",), "asserted"),
            ("REJECT", ("ARM",), ("AZE",), "asserted"),
            ("ACCUSE", ("ARM",), ("AZE",), "asserted"),
        ],
        id="subject-description-is-not-its-own-object",
    ),
    pytest.param(
        "Azerbaijan accused Armenia of shelling its positions near Lachin. "
        "The republic accused Baku of provoking the clashes, its foreign ministry said.",
        [("ACCUSE", ("AZE",), ("ARM",), "asserted"), ("ACCUSE", ("ARM",), ("AZE",), "asserted")],
        id="subject-description-fronted-speech",
    ),
    pytest.param(
        "Iran seized a tanker bound for Bahrain in the Gulf. Tehran accused the kingdom of smuggling fuel.",
        [("COERCE", ("IRN",), ("BHR",), "asserted"), ("ACCUSE", ("IRN",), ("BHR",), "asserted")],
        id="object-description-is-not-its-subject",
    ),
    pytest.param(
        "China sent warships toward Taiwan on Saturday. The island condemned the drills.",
        [("MOBILIZE", ("CHN",), ("TWN",), "asserted"), ("ACCUSE", ("TWN",), ("CHN",), "asserted")],
        id="the-island",
    ),
    pytest.param(
        "Mali's military rulers expelled the French ambassador on Monday. "
        "The junta accused Paris of meddling in its affairs.",
        [("SANCTION", ("MLI",), ("FRA",), "asserted"), ("ACCUSE", ("MLI",), ("FRA",), "asserted")],
        id="the-junta-is-no-envoy",
    ),
    pytest.param(
        "Burkina Faso's military government expelled three French diplomats. Paris condemned the junta's decision.",
        [("SANCTION", ("BFA",), ("FRA",), "asserted"), ("ACCUSE", ("FRA",), ("BFA",), "asserted")],
        id="the-junta-as-owner",
    ),
    pytest.param(
        "Iraq's government ordered the Kataib Hezbollah militia to halt attacks on U.S. bases. "
        "The militia rejected the demand.",
        [("RETREAT", ("IRQ",), ("USA",), "asserted"), ("REJECT", ("IRQ",), ("IRQ",), "asserted")],
        id="the-militia",
    ),
    pytest.param(
        "Qatar hosted talks between Sudan's army and the Rapid Support Forces in Doha. The two sides agreed to a truce.",
        [("CONSULT", ("QAT",), ("SDN", "SDN"), "asserted"), ("AGREE", ("SDN", "SDN"), ("SDN",), "asserted")],
        id="two-sides-of-one-state-not-the-host",
    ),
    pytest.param(
        "Ethiopia's army and the Tigray People's Liberation Front signed a truce in Pretoria after talks mediated "
        "by Kenya and South Africa. Nairobi and Pretoria said they would monitor it. "
        "The European Union urged both camps to honour the truce.",
        [
            ("CONCEDE", ("ETH", "ETH"), (), "asserted"),
            ("CONSULT", ("ETH", "ETH"), ("KEN", "ZAF"), "asserted"),
            ("REQUEST", ("EU",), ("ETH", "ETH"), "asserted"),
        ],
        id="both-camps-are-not-the-mediators-nor-the-venue",
    ),
    pytest.param(
        "Kyrgyz and Tajik border guards exchanged fire on Friday. Russia urged both sides to stop the shooting. "
        "The Kremlin said it was ready to help. The two sides agreed to a ceasefire on Saturday.",
        [
            ("ASSAULT", ("KGZ", "TJK"), ("KGZ", "TJK"), "asserted"),
            ("REQUEST", ("RUS",), ("KGZ", "TJK"), "asserted"),
            ("AGREE", ("KGZ", "TJK"), ("KGZ", "TJK"), "asserted"),
        ],
        id="two-sides-are-not-who-called-on-them",
    ),
    pytest.param(
        "Serbia and Kosovo met in Brussels on Thursday. The neighbours later agreed to let EU monitors visit the crossing.",
        [
            ("CONSULT", ("SRB", "XKX"), ("SRB", "XKX"), "asserted"),
            ("CONCEDE", ("SRB", "XKX"), ("EU",), "asserted"),
        ],
        id="the-neighbours",
    ),
    pytest.param(
        "Serbia and Kosovo met in Brussels on Thursday. "
        "The neighbours later agreed to let EU monitors visit the crossing, the bloc said.",
        [
            ("CONSULT", ("SRB", "XKX"), ("SRB", "XKX"), "asserted"),
            ("CONCEDE", ("SRB", "XKX"), ("EU",), "asserted"),
        ],
        id="the-neighbours-fronted-speech",
    ),
]

# Titles and pronouns pointing back to a person or body.
PEOPLE = [
    pytest.param(
        "Argentine President Javier Milei met Chinese leader Xi Jinping in Rio de Janeiro. "
        "The president later praised China as a trading partner.",
        [("CONSULT", ("ARG",), ("CHN",), "asserted"), ("SUPPORT", ("ARG",), ("CHN",), "asserted")],
        id="the-president-is-the-one-so-titled",
    ),
    pytest.param(
        "Rockets were fired at Ashkelon by the Qassam Brigades on Sunday. Residents include Russians and "
        "Ukrainians. The Brigades said they had targeted Israeli troops.",
        [("ASSAULT", ("PSE",), ("ISR",), "asserted"), ("ASSAULT", ("PSE",), ("ISR",), "asserted")],
        id="they-is-the-body-a-plural-reporter-names",
    ),
    pytest.param(
        "Chinese Foreign Minister Wang Yi was in Vientiane for a regional forum. "
        "Thai Foreign Minister Maris Sangiampongsa met him on Friday.",
        [("CONSULT", ("THA",), ("CHN",), "asserted")],
        id="him-is-not-the-subject",
    ),
]

# Seats of government and institutions standing for the actor.
SEATS = [
    pytest.param(
        "Hungary again held out against the budget deal on Wednesday. "
        "Officials in Brussels accused Budapest of holding the bloc hostage.",
        [("ACCUSE", ("EU",), ("HUN",), "asserted")],
        id="officials-in-brussels",
    ),
    pytest.param(
        "Hungary again held out against the budget deal on Wednesday. "
        "Budapest was accused by officials in Brussels of holding the bloc hostage.",
        [("ACCUSE", ("EU",), ("HUN",), "asserted")],
        id="officials-in-brussels-passive",
    ),
    pytest.param(
        "EU and Chinese leaders held a summit in Brussels. Protesters in Brussels accused China of abuses in Xinjiang.",
        [
            ("CONSULT", ("EU", "CHN"), ("EU", "CHN"), "asserted"),
            ("ACCUSE", ("BEL",), ("CHN",), "asserted"),
        ],
        id="protesters-in-brussels-stay-belgian",
    ),
]

# An act referred back to: aimed at whoever did it.
ACTS = [
    pytest.param(
        "North Korea fired two ballistic missiles into the sea on Thursday. The White House condemned the launch.",
        [("MOBILIZE", ("PRK",), (), "asserted"), ("ACCUSE", ("USA",), ("PRK",), "asserted")],
        id="the-launch",
    ),
    pytest.param(
        "North Korea fired two ballistic missiles into the sea on Thursday. The launch was condemned by the White House.",
        [("MOBILIZE", ("PRK",), (), "asserted"), ("ACCUSE", ("USA",), ("PRK",), "asserted")],
        id="the-launch-passive",
    ),
    pytest.param(
        "Iran seized a British-flagged tanker in the Strait of Hormuz. "
        "Downing Street demanded the immediate release of the ship.",
        [("COERCE", ("IRN",), ("GBR",), "asserted"), ("REQUEST", ("GBR",), ("IRN",), "asserted")],
        id="release-is-asked-of-the-captor",
    ),
    pytest.param(
        "Japan protested to China over the detention of one of its citizens. It demanded his immediate release.",
        [("ACCUSE", ("JPN",), ("CHN",), "asserted"), ("REQUEST", ("JPN",), ("CHN",), "asserted")],
        id="release-is-asked-of-the-one-protested-to",
    ),
    pytest.param(
        "Peru urged Chile to release a fishing crew. Chile rejected calls for their release.",
        [("REQUEST", ("PER",), ("CHL",), "asserted"), ("REJECT", ("CHL",), (), "asserted")],
        id="refusal-is-no-demand",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIPTIONS + PEOPLE + SEATS + ACTS)
def test_story_reference(code, text, expected):  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
