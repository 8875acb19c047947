"""Which PLOVER type a sentence's act takes when its words offer more than one: the visit a host
calls off, the frontier closed on a neighbour, sympathy offered, a call in which something is
said, a measure partners agree on, a signed charter that enacts a break, a measure a side says
it may take, what a demand asks for, a call for talks by one of two sides,
a measure kept until another acts. Each case asserts the
whole list of events of its text (an extra event fails), in plain, fronted reported speech and
passive form where those exist. Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

_THAILAND = "Thailand accused Cambodia of shelling its border villages, and Phnom Penh rejected the charge. "
_THAILAND_SAYS = [("ACCUSE", ("THA",), ("KHM",), "asserted"), ("REJECT", ("KHM",), ("THA",), "asserted")]
_LATVIA = "Latvia accused Belarus of pushing migrants over the frontier, a charge Minsk denied. "
_LATVIA_ACCUSES = ("ACCUSE", ("LVA",), ("BLR",), "asserted")

CASES = [
    # PLOVER: cancelling a meeting is REJECT; a visit called off by its host is one
    pytest.param(
        (
            "Bulgaria cancelled a planned visit by the North Macedonian foreign minister.",
            "Bulgaria cancelled a planned visit by the North Macedonian foreign minister, the government in Sofia said.",
            "A planned visit by the North Macedonian foreign minister was cancelled by Bulgaria.",
        ),
        [("REJECT", ("BGR",), ("MKD",), "asserted")],
        id="host-cancels-visit",
    ),
    pytest.param(
        (
            "Kenya postponed a visit by the Ugandan president on Friday.",
            "Kenya postponed a visit by the Ugandan president on Friday, officials in Nairobi said.",
        ),
        [("REJECT", ("KEN",), ("UGA",), "asserted")],
        id="host-postpones-visit",
    ),
    # one's own trip to a state called off stays cut contact (PLOVER's gold)
    pytest.param(
        ("A Dutch minister cancelled a planned trip to Suriname.",),
        [("SANCTION", ("NLD",), ("SUR",), "asserted")],
        id="own-trip-cancelled",
    ),
    # a frontier closed in a story about the neighbour is closed on it
    pytest.param(
        (
            _LATVIA + "Riga shut two more crossings on Monday.",
            _LATVIA + "Riga shut two more crossings on Monday, the interior ministry said.",
            _LATVIA + "Two more crossings were shut by Riga on Monday.",
        ),
        [_LATVIA_ACCUSES, ("SANCTION", ("LVA",), ("BLR",), "asserted")],
        id="frontier-closed-on-neighbour",
    ),
    pytest.param(
        (_LATVIA + "Latvian police closed three roads in central Riga on Monday.",),
        [_LATVIA_ACCUSES, ("COERCE", ("LVA",), ("LVA",), "asserted")],
        id="roads-closed-at-home",
    ),
    pytest.param(
        ("Greek police closed the Kipoi land crossing.",),
        [("COERCE", ("GRC",), ("GRC",), "asserted")],
        id="crossing-closed-no-neighbour-in-story",
    ),
    # sympathy is verbal support, not a promise
    pytest.param(
        (
            "Brazil expressed condolences to the Chilean people on Sunday.",
            "Brazil expressed condolences to the Chilean people, the foreign ministry in Brasilia said.",
            "Condolences were sent to the Chilean people by Brazil.",
        ),
        [("SUPPORT", ("BRA",), ("CHL",), "asserted")],
        id="condolences",
    ),
    pytest.param(
        (
            "The African Union, which Niger left last year, condemned the bombing and sent its condolences "
            "to the Chadian government.",
        ),
        [("ACCUSE", ("AU",), (), "asserted"), ("SUPPORT", ("AU",), ("TCD",), "asserted")],
        id="condolences-its-is-the-sender",
    ),
    pytest.param(
        ("Spain offered to mediate between Morocco and Algeria.",),
        [("AGREE", ("ESP",), ("MAR", "DZA"), "asserted")],
        id="an-offer-to-mediate-is-still-a-promise",
    ),
    # what is said in a phone call is said in a consultation
    pytest.param(
        (
            "U.S. Secretary of State Rubio urged Ukrainian President Volodymyr Zelensky in a phone call on Monday "
            "to accept the proposal.",
            "Ukrainian President Volodymyr Zelensky was urged by U.S. Secretary of State Rubio in a phone call on "
            "Monday to accept the proposal.",
        ),
        [("REQUEST", ("USA",), ("UKR",), "asserted"), ("CONSULT", ("USA",), ("UKR",), "asserted")],
        id="urged-in-a-phone-call",
    ),
    pytest.param(
        (
            "The Turkish president apologised to Greek Prime Minister Kyriakos Mitsotakis in a phone call on "
            "Friday, the Greek government said.",
        ),
        [("SUPPORT", ("TUR",), ("GRC",), "asserted"), ("CONSULT", ("TUR",), ("GRC",), "asserted")],
        id="apology-in-a-phone-call",
    ),
    pytest.param(
        ("U.S. Secretary of State Rubio urged Ukrainian President Volodymyr Zelensky on Monday to accept the proposal.",),
        [("REQUEST", ("USA",), ("UKR",), "asserted")],
        id="urged-with-no-call",
    ),
    pytest.param(
        ("Kenya's president told reporters in Nairobi on Monday that Uganda should withdraw its troops.",),
        [("REQUEST", ("KEN",), ("UGA",), "asserted")],
        id="told-reporters-is-no-call",
    ),
    # partners agreeing on a measure against a third decide the measure; they promise no cooperation
    pytest.param(
        (
            "EU governments agreed on Monday to impose sanctions on Belarusian officials.",
            "EU governments agreed on Monday to impose sanctions on Belarusian officials, diplomats said.",
        ),
        [("SANCTION", ("EU",), ("BLR",), "hypothetical")],
        id="agreed-to-impose-sanctions",
    ),
    pytest.param(
        ("Serbia and Hungary agreed to hold joint exercises in May.",),
        [("AGREE", ("SRB", "HUN"), ("SRB", "HUN"), "asserted")],
        id="agreed-to-cooperate",
    ),
    pytest.param(
        ("Oman and Qatar agreed on Monday to restore air links, six years after Muscat cut ties.",),
        [("AGREE", ("OMN", "QAT"), ("OMN", "QAT"), "asserted")],
        id="a-past-break-told-as-time-is-not-what-was-agreed",
    ),
    # a signed charter that breaks off ties is the break, not a signature of support
    pytest.param(
        (
            "Bosnian Serb deputies signed a charter severing ties with the state institutions in Sarajevo.",
            "Bosnian Serb deputies signed a charter severing ties with the state institutions in Sarajevo, the "
            "assembly said.",
            "A charter severing ties with the state institutions in Sarajevo was signed by Bosnian Serb deputies.",
        ),
        [("SANCTION", ("BIH",), (), "asserted")],
        id="charter-severing-ties",
    ),
    # a side saying what it may do to another threatens it; onlookers saying so only forecast
    pytest.param(
        (
            "Prime Minister Meloni said Italy could suspend diplomatic relations with Egypt.",
            "Italy could suspend diplomatic relations with Egypt, Prime Minister Meloni said.",
            "Diplomatic relations with Egypt could be suspended by Italy, Prime Minister Meloni said.",
        ),
        [("THREATEN", ("ITA",), ("EGY",), "asserted")],
        id="own-possible-measure-is-a-threat",
    ),
    pytest.param(
        (
            "Italy could suspend diplomatic relations with Egypt or recall its ambassador, Prime Minister Meloni "
            "told reporters in Rome on Friday.",
        ),
        [("THREATEN", ("ITA",), ("EGY",), "asserted"), ("THREATEN", ("ITA",), ("EGY",), "asserted")],
        id="own-possible-measures-in-a-list",
    ),
    pytest.param(
        ("Diplomats said the African Union could still impose sanctions on Gabon.",),
        [("SANCTION", ("AU",), ("GAB",), "hypothetical")],
        id="onlookers-forecast-a-measure",
    ),
    pytest.param(
        ("Diplomats said the African Union could impose sanctions on Gabon if the talks failed.",),
        [("SANCTION", ("AU",), ("GAB",), "hypothetical")],
        id="onlookers-conditional-measure-is-a-forecast",
    ),
    pytest.param(
        (
            "The African Union could impose sanctions on Gabon if the junta did not free the president, the "
            "bloc's chairman said.",
        ),
        [("THREATEN", ("AU",), ("GAB",), "asserted")],
        id="own-conditional-measure-is-a-threat",
    ),
    pytest.param(
        ("Analysts said Russia might expel more Estonian diplomats.",),
        [("SANCTION", ("RUS",), ("EST",), "hypothetical")],
        id="analysts-forecast-an-expulsion",
    ),
    pytest.param(
        ("Italy suspended diplomatic relations with Egypt, Prime Minister Meloni said.",),
        [("SANCTION", ("ITA",), ("EGY",), "asserted")],
        id="a-measure-taken-is-the-measure",
    ),
    # what a demand asks for is no act of the one asked, however the parser hangs it
    pytest.param(
        (
            "Armenia has faced repeated calls from Paris to sign the peace treaty.",
            "Armenia has faced repeated calls from Paris to sign the peace treaty, diplomats said.",
            "Armenia has received calls from Paris to sign the peace treaty.",
        ),
        [("REQUEST", ("FRA",), ("ARM",), "asserted")],
        id="calls-to-act",
    ),
    pytest.param(
        ("Kosovo rejected calls from Washington to suspend the tariff.",),
        [("REJECT", ("XKX",), ("USA",), "asserted")],
        id="rejected-calls-to-act",
    ),
    # PLOVER: a party calling for talks between the two sides states its own intent (AGREE)
    pytest.param(
        (
            _THAILAND + "Thai Foreign Minister Maris said the two kingdoms must resolve the quarrel by negotiation.",
            _THAILAND + "The two kingdoms must resolve the quarrel by negotiation, Thai Foreign Minister Maris said.",
            _THAILAND + "Bangkok nonetheless called for dialogue between the two countries.",
            _THAILAND + "Dialogue between the two countries was called for by Bangkok.",
        ),
        [*_THAILAND_SAYS, ("AGREE", ("THA",), ("KHM",), "asserted")],
        id="party-calls-for-talks",
    ),
    pytest.param(
        (_THAILAND + "The United Nations called for dialogue between the two countries.",),
        [*_THAILAND_SAYS, ("REQUEST", ("UN",), ("KHM",), "asserted")],
        id="third-party-calls-for-talks",
    ),
    pytest.param(
        (_THAILAND + "Bangkok called on Cambodia to withdraw its troops.",),
        [*_THAILAND_SAYS, ("REQUEST", ("THA",), ("KHM",), "asserted")],
        id="party-demands-a-withdrawal",
    ),
    # a measure kept "until" another does something demands it of that other
    pytest.param(
        (
            "Japan said the import ban would remain in force until China ended its support for the militia.",
            "The import ban will remain in force until China ends its support for the militia, the Japanese trade "
            "minister said.",
        ),
        [("REQUEST", ("JPN",), ("CHN",), "asserted")],
        id="kept-until-another-acts",
    ),
    pytest.param(
        ("Serbia waited until Hungary signed the deal.",),
        [("SUPPORT", ("HUN",), ("SRB",), "asserted")],
        id="until-as-time-sets-no-condition",
    ),
    pytest.param(
        ("Peru and Chile signed a memorandum on sharing intelligence.",),
        [("SUPPORT", ("PER", "CHL"), ("PER", "CHL"), "asserted")],
        id="a-plain-signature-is-support",
    ),
]


@pytest.mark.parametrize(("texts", "expected"), CASES)
def test_the_type_a_construction_takes(code, texts, expected) -> None:  # noqa: ANN001
    for text in texts:
        assert brief(code(text, DAY)) == expected, text
