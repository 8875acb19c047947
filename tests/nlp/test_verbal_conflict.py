"""Verbal conflict (ACCUSE, REJECT, THREATEN, PROTEST) by class: each sentence is asserted as the
whole list of its events, in plain, fronted reported speech and passive forms where they exist,
with near misses that must give no event or another type. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

ACCUSE = [
    # a capital opening the sentence acts even with an adverb before its verb
    ("Sofia sharply criticised Skopje over the language dispute.", [("ACCUSE", ("BGR",), ("MKD",), "asserted")]),
    ("Moscow strongly condemned the Estonian decision.", [("ACCUSE", ("RUS",), ("EST",), "asserted")]),
    # verbal attacks with a particle
    ("Israel lashed out at Spain over the minister's remarks.", [("ACCUSE", ("ISR",), ("ESP",), "asserted")]),
    ("Israel lashed out at Spain over the remarks, the foreign ministry said.", [("ACCUSE", ("ISR",), ("ESP",), "asserted")]),
    ("Hungary hit out at Austria over the migration pact.", [("ACCUSE", ("HUN",), ("AUT",), "asserted")]),
    ("Rockets hit out near the base.", []),
    # a charge about another's act, told as fronted speech
    ("Tirana is behind the unrest, the Serbian foreign minister charged.", [("ACCUSE", ("SRB",), ("ALB",), "asserted")]),
    # blame needs someone to blame
    ("Serbia's president blamed Pristina for the unrest.", [("ACCUSE", ("SRB",), ("XKX",), "asserted")]),
    ("Serbia's president blamed the heavy rains for the flooding.", []),
    # a judgement however parsed: a small clause, two objects
    ("Moscow termed the American sanctions illegal.", [("ACCUSE", ("RUS",), ("USA",), "asserted")]),
    ("Seoul called the missile launch by Pyongyang a grave provocation.", [("ACCUSE", ("KOR",), ("PRK",), "asserted")]),
    # a question asked outright asserts nothing
    ("Reporters pressed the minister on Monday. Did Belgrade accuse Zagreb of the incident?", []),
]

REJECT = [
    ("Eritrea ignored Ethiopia's call for talks.", [("REJECT", ("ERI",), ("ETH",), "asserted")]),
    (
        "Ethiopia's call for talks was ignored by Eritrea.",
        [("REQUEST", ("ETH",), ("ERI",), "asserted"), ("REJECT", ("ERI",), ("ETH",), "asserted")],
    ),
    ("Investors ignored the warnings and bought shares.", []),
    ("Beijing dismissed Manila's protest as groundless.", [("REJECT", ("CHN",), ("PHL",), "asserted")]),
    ("Hungary blocked the EU's new aid package.", [("REJECT", ("HUN",), ("EU",), "asserted")]),
    ("The Azerbaijani delegation walked out of the talks with Armenia.", [("REJECT", ("AZE",), ("ARM",), "asserted")]),
    # the state handed to is the target, not the people handed over
    ("Moscow has refused to extradite the two suspects to Britain.", [("REJECT", ("RUS",), ("GBR",), "asserted")]),
    ("Iraq refused to hand over the suspects to Turkey, the ministry said.", [("REJECT", ("IRQ",), ("TUR",), "asserted")]),
    ("Beijing refused to rule out new talks with Taipei.", [("REJECT", ("CHN",), ("TWN",), "asserted")]),
    ("The Kremlin dismissed Kyiv's peace formula as unrealistic.", [("REJECT", ("RUS",), ("UKR",), "asserted")]),
    ("Kyiv's peace formula was dismissed by the Kremlin.", [("REJECT", ("RUS",), ("UKR",), "asserted")]),
    # a state staying away from a vote rebuffs it; a community staying away from elections protests
    ("Russia boycotted the vote at the Security Council.", [("REJECT", ("RUS",), ("UN",), "asserted")]),
]

THREATEN = [
    ("Beijing refused to rule out the use of force against Taipei.", [("THREATEN", ("CHN",), ("TWN",), "asserted")]),
    (
        "Beijing declined to rule out military action against Taipei, a spokesman said.",
        [("THREATEN", ("CHN",), ("TWN",), "asserted")],
    ),
    ("Serbia was threatened with sanctions by the European Union.", [("THREATEN", ("EU",), ("SRB",), "asserted")]),
    # the one threatened, not those the threatened act would hit
    ("Turkey threatened Iraq with an operation against Kurdish militants.", [("THREATEN", ("TUR",), ("IRQ",), "asserted")]),
    (
        "Pakistan issued an ultimatum to the Afghan government to hand over the militants.",
        [("THREATEN", ("PAK",), ("AFG",), "asserted")],
    ),
    # of a condition only its subject is warned
    ("Moscow threatened to retaliate if Sweden joined NATO.", [("THREATEN", ("RUS",), ("SWE",), "asserted")]),
    ("Sudan's army threatened to strike Chad over its support for the rebels.", [("THREATEN", ("SDN",), ("TCD",), "asserted")]),
    ("Beijing vowed to crush any attempt by Taipei to declare independence.", [("THREATEN", ("CHN",), ("TWN",), "asserted")]),
    # warning someone off an act is a demand (as "warned X not to")
    ("Turkey warned Cyprus against drilling near the coast.", [("REQUEST", ("TUR",), ("CYP",), "asserted")]),
    ("Turkey warned Cyprus against drilling near the coast, the ministry said.", [("REQUEST", ("TUR",), ("CYP",), "asserted")]),
    ("Cyprus was warned by Turkey against drilling near the coast.", [("REQUEST", ("TUR",), ("CYP",), "asserted")]),
    ("The region waited on Monday. Will Tehran retaliate against Washington?", []),
    # an act said to bring on war is warned of as a reprisal; a forecast of war is no threat
    ("Russia warned that arming Kyiv would trigger a wider war.", [("THREATEN", ("RUS",), ("UKR",), "asserted")]),
    ("Sending troops to Kyiv would trigger a wider war, Russia warned.", [("THREATEN", ("RUS",), ("UKR",), "asserted")]),
    ("Egypt's foreign minister said the crisis could spark a civil war in Libya.", []),
]

PROTEST = [
    ("Dock workers in Piraeus walked out on Monday.", [("PROTEST", ("GRC",), ("GRC",), "asserted")]),
    ("Thousands rallied in Tokyo against the government.", [("PROTEST", ("JPN",), ("JPN",), "asserted")]),
    ("Stocks rallied in Tokyo on Friday.", []),
    ("Opposition parties boycotted the parliamentary elections in Belarus.", [("PROTEST", ("BLR",), ("BLR",), "asserted")]),
    ("Students marched in Belgrade against the government.", [("PROTEST", ("SRB",), ("SRB",), "asserted")]),
    ("Fans marched to the stadium before the derby in Belgrade.", []),
    # collective actions named by nouns and idioms
    ("Supporters of the former prime minister staged a march on Islamabad.", [("PROTEST", ("PAK",), ("PAK",), "asserted")]),
    ("Thousands took part in protests in Tbilisi on Sunday.", [("PROTEST", ("GEO",), ("GEO",), "asserted")]),
    ("A nationwide strike was called by French unions.", [("PROTEST", ("FRA",), ("FRA",), "asserted")]),
    ("Kenyan doctors called off their strike on Tuesday.", [("CONCEDE", ("KEN",), ("KEN",), "asserted")]),
    ("Mine workers in South Africa downed tools over unpaid wages.", [("PROTEST", ("ZAF",), ("ZAF",), "asserted")]),
    ("Tens of thousands of Israelis poured into the streets of Tel Aviv.", [("PROTEST", ("ISR",), ("ISR",), "asserted")]),
    ("Floodwater poured into the streets of Venice.", []),
]


@pytest.mark.parametrize(("text", "expected"), ACCUSE)
def test_accusations_and_their_near_misses(code, text: str, expected) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(("text", "expected"), REJECT)
def test_rejections_and_their_near_misses(code, text: str, expected) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(("text", "expected"), THREATEN)
def test_threats_and_their_near_misses(code, text: str, expected) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(("text", "expected"), PROTEST)
def test_protests_and_their_near_misses(code, text: str, expected) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
