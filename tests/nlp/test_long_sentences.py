"""Sentences that carry two acts, by how the second one is built into the sentence: a time
clause with a subject of its own, a clause joined on with a new subject the parser lists with
the object before it, a reaction an act draws, a clause after "prompting X to", a verb joined to
a reported clause that is the speaker's own, "a move" judged after the act it sums up, a
relative clause, a hyphen dateline. Each test
asserts the whole list of events of its sentence. Sentences written for these tests in the
style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

TWO_ACTS = [
    # a time clause with its own subject is an act of its own, fronted or after the main clause
    pytest.param(
        "After Azerbaijani troops shelled the Armenian town of Jermuk on Monday, Yerevan recalled its ambassador from Baku.",
        [("ASSAULT", ("AZE",), ("ARM",), "asserted"), ("SANCTION", ("ARM",), ("AZE",), "asserted")],
        id="after-clause-fronted",
    ),
    pytest.param(
        "Yerevan recalled its ambassador from Baku after Azerbaijani troops shelled the Armenian town of Jermuk, "
        "the foreign ministry said.",
        [("SANCTION", ("ARM",), ("AZE",), "asserted"), ("ASSAULT", ("AZE",), ("ARM",), "asserted")],
        id="after-clause-reported",
    ),
    pytest.param(
        "Days after Chad expelled the German ambassador, Berlin suspended development aid to N'Djamena.",
        [("SANCTION", ("TCD",), ("DEU",), "asserted"), ("SANCTION", ("DEU",), ("TCD",), "asserted")],
        id="days-after",
    ),
    # a new subject the parser hangs on the object before it
    pytest.param(
        "Turkey shelled Kurdish positions in northern Iraq and Baghdad condemned the strikes.",
        [("ASSAULT", ("TUR",), ("IRQ",), "asserted"), ("ACCUSE", ("IRQ",), ("TUR",), "asserted")],
        id="and-new-subject-after-place",
    ),
    pytest.param(
        "Lithuania recalled its ambassador to Minsk and Belarus cut diplomatic ties with Vilnius days later.",
        [("SANCTION", ("LTU",), ("BLR",), "asserted"), ("SANCTION", ("BLR",), ("LTU",), "asserted")],
        id="and-new-subject-after-object",
    ),
    pytest.param(
        "Ghana deployed troops to the Togo border on Friday and Togo asked ECOWAS to send observers.",
        [("MOBILIZE", ("GHA",), ("TGO",), "asserted"), ("REQUEST", ("TGO",), ("ECOWAS",), "asserted")],
        id="and-new-subject-after-date",
    ),
    pytest.param(
        "In response to Pyongyang's launch of a missile over Japan, Tokyo and Canberra imposed new sanctions on North Korea.",
        [("SANCTION", ("JPN", "AUS"), ("PRK",), "asserted")],
        id="subjects-after-fronted-phrase",
    ),
    # a reaction an act draws is the giver's, aimed at the one who drew it
    pytest.param(
        "Russia blocked a UN Security Council resolution on Syria, drawing condemnation from France and Britain.",
        [("REJECT", ("RUS",), ("UN", "SYR"), "asserted"), ("ACCUSE", ("FRA", "GBR"), ("RUS",), "asserted")],
        id="drawing-condemnation-from",
    ),
    pytest.param(
        "Hungary vetoed the EU statement on Georgia, drawing criticism from Poland.",
        [("REJECT", ("HUN",), ("EU",), "asserted"), ("ACCUSE", ("POL",), ("HUN",), "asserted")],
        id="drawing-criticism-from-on-verb",
    ),
    # "a move" sums up the act before it: judging the move judges its doer
    pytest.param(
        "Serbia closed its border crossings with Kosovo, a step condemned by the European Union.",
        [("SANCTION", ("SRB",), ("XKX",), "asserted"), ("ACCUSE", ("EU",), ("SRB",), "asserted")],
        id="a-step-condemned-by",
    ),
    pytest.param(
        "Serbia closed its border crossings with Kosovo, a move that drew condemnation from the European Union.",
        [("SANCTION", ("SRB",), ("XKX",), "asserted"), ("ACCUSE", ("EU",), ("SRB",), "asserted")],
        id="a-move-that-drew",
    ),
    # "prompting X to": X does what the clause says
    pytest.param(
        "Serbian police stormed the Croatian consulate in Belgrade, prompting Zagreb to expel a Serbian diplomat.",
        [("ASSAULT", ("SRB",), ("HRV",), "asserted"), ("SANCTION", ("HRV",), ("SRB",), "asserted")],
        id="prompting-object-acts",
    ),
    # the speaker's second act, joined to the reported clause
    pytest.param(
        "Armenian Prime Minister Nikol Pashinyan said Azerbaijan had refused to pull its soldiers out of Armenian "
        "territory and called on Russia to act.",
        [("REJECT", ("AZE",), ("ARM",), "asserted"), ("REQUEST", ("ARM",), ("RUS",), "asserted")],
        id="speaker-calls-on",
    ),
    pytest.param(
        "The Moldovan government said Russia had agreed to resume gas deliveries, and urged Gazprom to keep its word.",
        [("AGREE", ("RUS",), (), "asserted"), ("REQUEST", ("MDA",), ("RUS",), "asserted")],
        id="speaker-urges-after-comma",
    ),
    # a vow, pledge or threat joined to the reported clause is the speaker's too
    pytest.param(
        "Tehran said Israel had crossed a red line and vowed to retaliate.",
        [("THREATEN", ("IRN",), ("ISR",), "asserted")],
        id="speaker-vows",
    ),
    pytest.param(
        "The Serbian president said Kosovo police had raided Serb-run offices and pledged to protect Serbs in the north.",
        [
            ("ACCUSE", ("SRB",), ("XKX",), "asserted"),
            ("COERCE", ("XKX",), ("SRB",), "asserted"),
            ("AGREE", ("SRB",), (), "asserted"),
        ],
        id="speaker-pledges",
    ),
    # force one government tells of another's using is aimed at the teller, in both orders
    pytest.param(
        "Kosovo's president said Serbia had deployed troops along the boundary.",
        [("MOBILIZE", ("SRB",), ("XKX",), "asserted")],
        id="told-by-the-aim",
    ),
    pytest.param(
        "Serbia had deployed troops along the boundary, Kosovo's president said.",
        [("MOBILIZE", ("SRB",), ("XKX",), "asserted")],
        id="told-by-the-aim-fronted",
    ),
    # a relative clause's own act
    pytest.param(
        "Niger's junta, which expelled French troops last year, signed a defence pact with Russia on Monday.",
        [("SANCTION", ("NER",), ("FRA",), "asserted"), ("AGREE", ("NER",), ("RUS",), "asserted")],
        id="relative-clause-expulsion",
    ),
    pytest.param(
        "The junta in Niamey, whose soldiers detained two French nationals on Monday, expelled the French ambassador.",
        [("COERCE", ("NER",), ("FRA",), "asserted"), ("SANCTION", ("NER",), ("FRA",), "asserted")],
        id="whose-owner",
    ),
    # a hyphen dateline does not cut off the sentence's subject
    pytest.param(
        "BAKU, May 2 (AFP) - Azerbaijan accused Armenia of shelling its positions in Nakhchivan on Tuesday.",
        [("ACCUSE", ("AZE",), ("ARM",), "asserted")],
        id="hyphen-dateline",
    ),
]

# the vocabulary added with these constructions, with the readings it must not take
WORDS = [
    pytest.param(
        "Students overran the rector's office in Belgrade on Monday.",
        [("PROTEST", ("SRB",), ("SRB",), "asserted")],
        id="protesters-overrun",
    ),
    pytest.param(
        "BAMAKO, Aug 1 (Reuters) - Mali's junta expelled the UN peacekeeping mission on Friday.",
        [("SANCTION", ("MLI",), ("UN",), "asserted")],
        id="expel-mission",
    ),
    pytest.param(
        "The United States imposed visa bans on Ugandan officials on Tuesday.",
        [("SANCTION", ("USA",), ("UGA",), "asserted")],
        id="visa-bans",
    ),
    pytest.param(
        "Visa bans were imposed on Ugandan officials by the United States on Tuesday.",
        [("SANCTION", ("USA",), ("UGA",), "asserted")],
        id="visa-bans-passive",
    ),
    pytest.param("The club expelled three players from the squad.", [], id="no-expel-players"),
    pytest.param(
        "A Czech news agency said Russia had shelled a village near Kharkiv.",
        [("ASSAULT", ("RUS",), ("UKR",), "asserted")],
        id="onlooker-is-no-aim",
    ),
    pytest.param("The warplanes crossed into Polish airspace as NATO jets scrambled.", [], id="no-actorless-time-clause"),
]


@pytest.mark.parametrize(("sentence", "expected"), TWO_ACTS + WORDS)
def test_long_sentences(code, sentence: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == expected, sentence
