"""Word classes and constructions for sentences that once gave no event at all, each tested as
a class (several members, voices and reported-speech forms) with the whole list of events of
its sentence. Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

CASES = [
    # -- threats made by refusing to hold back: "will not hesitate to" + an act of force
    ("Algeria will not hesitate to defend its borders against Moroccan incursions.", [("THREATEN", ("DZA",), ("MAR",), "asserted")]),
    (
        "Algeria will not hesitate to defend its borders against Moroccan incursions, the army chief of staff said.",
        [("THREATEN", ("DZA",), ("MAR",), "asserted")],
    ),
    (
        "Manila would not hesitate to use force against Chinese vessels, the Philippine defence secretary said.",
        [("THREATEN", ("PHL",), ("CHN",), "asserted")],
    ),
    (
        "Beijing would not hesitate to take action against any move toward Taiwanese independence, a spokesman said.",
        [("THREATEN", ("CHN",), ("TWN",), "asserted")],
    ),
    # ... and of a friendly act, a promise
    ("Kenya will not hesitate to help Somalia, Nairobi said.", [("AGREE", ("KEN",), ("SOM",), "asserted")]),
    # ... but a past "never hesitated" tells a habit, no threat
    ("Moscow never hesitated to use force against Georgia, analysts said.", []),
    # -- reprisal promised as a reply: "will give a firm response / a decisive reply"
    ("The Rwandan army will give a firm response to any Burundian incursion.", [("THREATEN", ("RWA",), ("BDI",), "asserted")]),
    (
        "Ethiopia will deliver a decisive reply to Eritrean provocations, its defence minister said.",
        [("THREATEN", ("ETH",), ("ERI",), "asserted")],
    ),
    ("Bolivia gave a cautious reply to the Chilean proposal on Tuesday.", []),
    # -- "hold X to account / responsible": promised, a threat; said of the present, blame
    ("Lithuania will hold Belarus to account for the migrant crisis.", [("THREATEN", ("LTU",), ("BLR",), "asserted")]),
    ("Lithuania will hold Belarus to account for the migrant crisis, Vilnius said.", [("THREATEN", ("LTU",), ("BLR",), "asserted")]),
    ("Poland holds Belarus responsible for the border deaths.", [("ACCUSE", ("POL",), ("BLR",), "asserted")]),
    (
        "Poland holds Belarus responsible for the border deaths, the Polish government said.",
        [("ACCUSE", ("POL",), ("BLR",), "asserted")],
    ),
    ("The Czech police held a Ukrainian suspect for questioning.", []),
    # -- talks counted in rounds and series: "held three rounds of talks"
    ("Generals of Armenia and Azerbaijan held three rounds of talks on the border.", [("CONSULT", ("ARM", "AZE"), ("ARM", "AZE"), "asserted")]),
    ("Cambodian and Thai negotiators have held a series of meetings since March.", [("CONSULT", ("KHM", "THA"), ("KHM", "THA"), "asserted")]),
    # -- an object named by coordinated adjectives: "hosted Iranian and Saudi delegations"
    ("Qatar hosted Iranian and Saudi delegations for talks in Doha.", [("CONSULT", ("QAT",), ("IRN", "SAU"), "asserted")]),
    ("Iranian and Saudi delegations were hosted by Qatar for talks in Doha.", [("CONSULT", ("QAT",), ("IRN", "SAU"), "asserted")]),
    (
        "Turkey hosted Syrian and Iraqi officials in Ankara, the Turkish foreign ministry said.",
        [("CONSULT", ("TUR",), ("SYR", "IRQ"), "asserted")],
    ),
    ("Police in Lagos arrested Ghanaian and Togolese traders.", [("COERCE", ("NGA",), ("GHA", "TGO"), "asserted")]),
    # -- unclaimed fire that came from a state: "were fired on from X territory"
    ("Thai troops were fired on from Cambodian territory on Monday.", [("ASSAULT", ("KHM",), ("THA",), "asserted")]),
    ("Thai troops were fired on from Cambodian territory on Monday, the Thai army said.", [("ASSAULT", ("KHM",), ("THA",), "asserted")]),
    ("Indian posts in Kashmir were shelled from Pakistani territory overnight.", [("ASSAULT", ("PAK",), ("IND",), "asserted")]),
    ("Rockets fired from Lebanon hit northern Israel on Sunday.", [("ASSAULT", ("LBN",), ("ISR",), "asserted")]),
    ("Indian troops withdrew from Bhutanese territory last week.", [("RETREAT", ("IND",), ("BTN",), "asserted")]),
    # -- missiles thrown by no named crowd: an attack, coded where it happened
    ("Stones were thrown at the Turkish embassy in Athens on Friday.", [("ASSAULT", ("GRC",), ("TUR",), "asserted")]),
    ("Stones were thrown at the Turkish embassy in Athens on Friday, the Greek police said.", [("ASSAULT", ("GRC",), ("TUR",), "asserted")]),
    ("Unknown attackers threw a grenade at the Russian consulate in Lviv.", [("ASSAULT", ("UKR",), ("RUS",), "asserted")]),
    ("Petrol bombs were hurled at the Israeli embassy in Amman overnight.", [("ASSAULT", ("JOR",), ("ISR",), "asserted")]),
    # ... thrown by protesters, a riot; thrown out, an expulsion; a party thrown, nothing
    ("Protesters threw stones at the French embassy in Niamey.", [("PROTEST", ("NER",), ("FRA",), "asserted")]),
    ("Serbia threw out two Croatian diplomats.", [("SANCTION", ("SRB",), ("HRV",), "asserted")]),
    ("The minister threw a party for the Japanese delegation.", []),
    # -- trade stopped, told as a clause: "stopped carrying / buying / supplying"
    ("Kazakhstan's national rail operator stopped carrying Russian timber.", [("SANCTION", ("KAZ",), ("RUS",), "asserted")]),
    ("Kazakhstan stopped buying Russian fuel on Monday.", [("SANCTION", ("KAZ",), ("RUS",), "asserted")]),
    (
        "Kazakhstan stopped buying Russian fuel on Monday, the energy ministry in Astana said.",
        [("SANCTION", ("KAZ",), ("RUS",), "asserted")],
    ),
    ("Hungary halted supplying electricity to Ukraine last week.", [("SANCTION", ("HUN",), ("UKR",), "asserted")]),
    ("Algeria suspended selling gas to Spain.", [("SANCTION", ("DZA",), ("ESP",), "asserted")]),
    ("The dockers stopped carrying cargo at noon.", []),
    # -- press credentials withdrawn: "suspended the accreditation", "revoked the licence"
    ("Azerbaijan suspended the accreditation of a Russian news agency.", [("COERCE", ("AZE",), ("RUS",), "asserted")]),
    ("The accreditation of a Russian news agency was suspended by Azerbaijan.", [("COERCE", ("AZE",), ("RUS",), "asserted")]),
    ("Mali revoked the licence of a French broadcaster, the junta said in Bamako.", [("COERCE", ("MLI",), ("FRA",), "asserted")]),
    # -- forces pulled apart: "disengaged"
    ("Indian and Chinese troops disengaged along the frontier.", [("RETREAT", ("IND", "CHN"), (), "asserted")]),
    ("Indian and Chinese troops disengaged along the frontier, the Indian army said.", [("RETREAT", ("IND", "CHN"), (), "asserted")]),
    # -- asking to be let in: "renewed its bid to join / for membership"
    ("Ukraine renewed its bid for NATO membership.", [("REQUEST", ("UKR",), ("NATO",), "asserted")]),
    ("Moldova will press its bid to join the European Union, its president said.", [("REQUEST", ("MDA",), ("EU",), "asserted")]),
    ("Albania is expected to renew its bid to join the EU this year.", [("REQUEST", ("ALB",), ("EU",), "hypothetical")]),
    ("Chinese firms made a bid for the Greek port.", []),
    # -- demands told as wants: "wants an apology from X"
    ("Seoul wants an apology from Tokyo for wartime forced labour.", [("REQUEST", ("KOR",), ("JPN",), "asserted")]),
    ("South Korea wants compensation from Japanese firms, the foreign ministry said.", [("REQUEST", ("KOR",), ("JPN",), "asserted")]),
    ("Greece wants peace with Turkey.", []),
    # -- expulsions told as an order to leave, in the passive with no one named
    ("Sudanese nationals in Chad were told to leave within three days.", [("COERCE", ("TCD",), ("SDN",), "asserted")]),
    ("Russian diplomats were ordered to leave Estonia within a week.", [("SANCTION", ("EST",), ("RUS",), "asserted")]),
    (
        "Russian diplomats were ordered to leave Estonia within a week, the Estonian foreign ministry said.",
        [("SANCTION", ("EST",), ("RUS",), "asserted")],
    ),
    ("Ghana ordered Nigerian traders to leave the country.", [("COERCE", ("GHA",), ("NGA",), "asserted")]),
    ("Nigerian traders were ordered to leave Ghana, the Nigerian government said.", [("COERCE", ("GHA",), ("NGA",), "asserted")]),
    ("Mexico told Ecuadorian diplomats to leave within 72 hours.", [("SANCTION", ("MEX",), ("ECU",), "asserted")]),
    ("The teacher told students to leave the room.", []),
    ("Kenya told Somalia to withdraw its troops.", [("REQUEST", ("KEN",), ("SOM",), "asserted")]),
    # -- violence told as what happened: "gunfire was heard", "fighting broke out between"
    ("Heavy gunfire was heard in Bamako on Friday.", [("ASSAULT", ("MLI",), ("MLI",), "asserted")]),
    ("Heavy gunfire was heard in Bamako on Friday, residents said.", [("ASSAULT", ("MLI",), ("MLI",), "asserted")]),
    ("Heavy shelling was reported in Khartoum overnight.", [("ASSAULT", ("SDN",), ("SDN",), "asserted")]),
    ("Fighting broke out between Armenian and Azerbaijani forces on Tuesday.", [("ASSAULT", ("ARM", "AZE"), ("ARM", "AZE"), "asserted")]),
    ("Heavy gunfire erupted near the presidential palace in Niamey.", [("ASSAULT", ("NER",), ("NER",), "asserted")]),
    ("The talks began after fighting broke out in April.", []),
    ("Gunfire was a constant worry for residents of Port-au-Prince.", []),
    # -- an accusation named by a noun and repeated: "renewed its charge that X ..."
    ("Ethiopia renewed its charge that Egypt was arming rebels.", [("ACCUSE", ("ETH",), ("EGY",), "asserted")]),
    (
        "Ethiopia renewed its charge that Egypt was arming rebels, the foreign ministry in Addis Ababa said.",
        [("ACCUSE", ("ETH",), ("EGY",), "asserted")],
    ),
    ("Sudan repeated its charge against the UAE on Monday.", [("ACCUSE", ("SDN",), ("ARE",), "asserted")]),
    ("The prosecutor dropped the charge against the Kenyan activist.", []),
    # -- agreements approved: "approved the accord / the treaty with X"
    ("Kenya's parliament approved the accord with Ethiopia on Thursday.", [("SUPPORT", ("KEN",), ("ETH",), "asserted")]),
    ("The accord with Ethiopia was approved by Kenya's parliament.", [("SUPPORT", ("KEN",), ("ETH",), "asserted")]),
    (
        "The Mongolian parliament approved the treaty with China on Friday, state media said.",
        [("SUPPORT", ("MNG",), ("CHN",), "asserted")],
    ),
    # -- shows of force: "faced off", forces "placed aboard", counted troops that "moved closer"
    ("Several hundred Serbian soldiers moved closer to the Hungarian border.", [("MOBILIZE", ("SRB",), ("HUN",), "asserted")]),
    ("Thousands of Indian and Chinese troops have faced off along the frontier.", [("MOBILIZE", ("IND", "CHN"), (), "asserted")]),
    ("Greek and Turkish warships faced off in the Aegean on Tuesday.", [("MOBILIZE", ("GRC", "TUR"), (), "asserted")]),
    (
        "Greek and Turkish warships faced off in the Aegean on Tuesday, the Greek navy said.",
        [("MOBILIZE", ("GRC", "TUR"), (), "asserted")],
    ),
    ("The two teams faced off in the final.", []),
    ("Washington placed armed guards aboard ships in the Red Sea.", [("MOBILIZE", ("USA",), (), "asserted")]),
    ("The company placed an order for Chinese trains.", []),
    # -- a meeting named by those who met: "a meeting / videoconference of X"
    ("The ministers agreed on the plan at a videoconference of EU foreign ministers.", [("CONSULT", ("EU",), (), "asserted")]),
    ("The deal was reached at a meeting of Peruvian and Chilean border commissions.", [("CONSULT", ("PER", "CHL"), ("PER", "CHL"), "asserted")]),
    ("The meeting of EU ministers broke up without agreement.", [("CONSULT", ("EU",), (), "asserted")]),
    ("EU foreign ministers held a videoconference on Monday.", [("CONSULT", ("EU",), (), "asserted")]),
    ("The meeting of the two sides ended in Geneva.", []),
    # -- hostile steps held in store: "did not rule out sanctions / the use of force"
    ("The EU did not rule out further sanctions against Belarus.", [("THREATEN", ("EU",), ("BLR",), "asserted")]),
    ("China did not rule out the use of force against Taiwan.", [("THREATEN", ("CHN",), ("TWN",), "asserted")]),
    (
        "Moscow has not ruled out retaliatory measures against Helsinki, the Kremlin said.",
        [("THREATEN", ("RUS",), ("FIN",), "asserted")],
    ),
    # ... a friendly step not ruled out is no threat; ruling out is a refusal
    ("The EU did not rule out new talks with Belarus.", [("REJECT", ("EU",), ("BLR",), "negated")]),
    ("Greece ruled out talks with Turkey on sovereignty.", [("REJECT", ("GRC",), ("TUR",), "asserted")]),
    # -- people let go in a swap: "swapped X for Y", "swapped prisoners"
    ("Armenia and Azerbaijan swapped prisoners at the border.", [("RETREAT", ("ARM", "AZE"), (), "asserted")]),
    ("Belarus swapped two jailed Polish activists for a Belarusian agent.", [("RETREAT", ("BLR",), ("POL",), "asserted")]),
    (
        "Tehran swapped the detained Americans for Iranian prisoners jailed by Washington, the Iranian foreign ministry said.",
        [("RETREAT", ("IRN",), ("USA",), "asserted")],
    ),
    ("Bolivia traded its gas for Brazilian machinery.", []),
    ("Kenya exchanged views with Uganda on the border.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text[:50] for text, _ in CASES])
def test_vocabulary_class(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
