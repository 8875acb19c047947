"""Material cooperation told in news shapes the rules were not written from: aid in money,
arms and relief; loans, refuge, training and rescues; concessions that withdraw, drop or reverse
a measure; retreats by troops leaving, resigning, demobilising or letting inspectors in; drills
with a partner, joint patrols, trade and joining a body. Each sentence's whole list of events is
asserted; sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


def _case(text: str, expected: list, name: str):  # noqa: ANN202 - a pytest ParameterSet
    return pytest.param(text, expected, id=name)


AID = [
    _case(
        "Germany delivered two more air defence systems to Ukraine on Friday.",
        [("AID", ("DEU",), ("UKR",), "asserted")],
        "deliver",
    ),
    _case(
        "Germany delivered two more air defence systems to Ukraine on Friday, the defence ministry in Berlin said.",
        [("AID", ("DEU",), ("UKR",), "asserted")],
        "deliver-fronted",
    ),
    _case(
        "Two more air defence systems were delivered to Ukraine by Germany on Friday.",
        [("AID", ("DEU",), ("UKR",), "asserted")],
        "deliver-passive",
    ),
    _case(
        "The IMF approved a $1.1 billion loan to Pakistan on Wednesday.",
        [("AID", ("IMF",), ("PAK",), "asserted")],
        "loan-approved",
    ),
    _case(
        "A $1.1 billion loan to Pakistan was approved by the IMF on Wednesday.",
        [("AID", ("IMF",), ("PAK",), "asserted")],
        "loan-approved-passive",
    ),
    _case(
        "Poland gave Ukraine 200 tanks, the defence ministry in Warsaw said.",
        [("AID", ("POL",), ("UKR",), "asserted")],
        "arms-given",
    ),
    _case(
        "The United States provided Taiwan with $80 million in military aid.",
        [("AID", ("USA",), ("TWN",), "asserted")],
        "provided-with",
    ),
    _case(
        "Kyiv received 100 Leopard tanks from Berlin, the Ukrainian defence minister said.",
        [("AID", ("DEU",), ("UKR",), "asserted")],
        "arms-received",
    ),
    _case(
        "Spain's shipment of ammunition to Ukraine arrived in Poland on Monday.",
        [("AID", ("ESP",), ("UKR",), "asserted")],
        "shipment-noun",
    ),
    _case("Tehran gave refuge to the ousted Afghan governor.", [("AID", ("IRN",), ("AFG",), "asserted")], "refuge"),
    _case(
        "French instructors trained Malian soldiers for a decade.",
        [("AID", ("FRA",), ("MLI",), "asserted")],
        "training-forces",
    ),
    _case(
        "Colombian police freed a kidnapped businessman in Cali on Friday.",
        [("AID", ("COL",), ("COL",), "asserted")],
        "police-free-captive",
    ),
    _case(
        "Indian rescue teams arrived in Nepal on Sunday to search for survivors of the quake.",
        [("AID", ("IND",), ("NPL",), "asserted")],
        "rescue-teams-arrive",
    ),
    _case(
        "Bolivia sent 20 firefighters to Chile to help fight wildfires.",
        [("AID", ("BOL",), ("CHL",), "asserted")],
        "firefighters-sent",
    ),
    _case(
        "Saudi Arabia deposited $3 billion in Pakistan's central bank on Monday.",
        [("AID", ("SAU",), ("PAK",), "asserted")],
        "deposit",
    ),
    _case(
        "Morocco has accepted aid from Spain, Britain, Qatar and the UAE.",
        [("AID", ("ESP", "GBR", "QAT", "ARE"), ("MAR",), "asserted")],
        "aid-accepted",
    ),
    _case(
        "Bangladeshi peacekeepers arrived in South Sudan on Monday.",
        [("AID", ("BGD",), ("SSD",), "asserted")],
        "peacekeepers-arrive",
    ),
    # no aid: a question, wages paid at home, a crash scene, one's own recruits, fruit
    _case("Was Belgrade sending weapons to Kyiv?", [], "direct-question"),
    _case("The ministry disbursed salaries to teachers on Monday.", [], "salaries-no-aid"),
    _case("Rescue teams arrived at the scene of the crash near Kragujevac.", [], "crash-scene-no-aid"),
    _case("The army trained its new recruits at a camp near Nis.", [], "own-recruits-no-aid"),
    _case("The shipment of bananas from Ecuador arrived in Rotterdam.", [], "banana-shipment-no-aid"),
]

CONCEDE = [
    _case(
        "Kenya's President William Ruto withdrew the finance bill after deadly protests.",
        [("CONCEDE", ("KEN",), ("KEN",), "asserted")],
        "bill-withdrawn",
    ),
    _case(
        "Kenya withdrew the finance bill after deadly protests, the presidency in Nairobi said.",
        [("CONCEDE", ("KEN",), ("KEN",), "asserted")],
        "bill-withdrawn-fronted",
    ),
    _case(
        "The finance bill was withdrawn by Kenya's president after deadly protests.",
        [("CONCEDE", ("KEN",), ("KEN",), "asserted")],
        "bill-withdrawn-passive",
    ),
    _case(
        "Turkey dropped its objections to Finland's NATO membership, Erdogan said.",
        [("CONCEDE", ("TUR",), ("FIN", "NATO"), "asserted")],
        "objections-dropped",
    ),
    _case(
        "The Sri Lankan government reversed its ban on chemical fertilisers after farmers protested.",
        [("CONCEDE", ("LKA",), ("LKA",), "asserted")],
        "ban-reversed",
    ),
    _case(
        "Guinea's junta bowed to the demands of protesters and cut fuel prices.",
        [("CONCEDE", ("GIN",), ("GIN",), "asserted")],
        "bowed-to-demands",
    ),
    _case(
        "The EU's lifting of sanctions on Belarusian potash angered Lithuania.",
        [("CONCEDE", ("EU",), ("BLR",), "asserted")],
        "lifting-noun",
    ),
    _case(
        "The Georgian parliament scrapped the bill after two nights of protests.",
        [("CONCEDE", ("GEO",), ("GEO",), "asserted")],
        "bill-scrapped",
    ),
    # no concession: a bow, a private lawsuit, monetary easing
    _case("The prime minister bowed to the crowd at the ceremony in Skopje.", [], "bow-to-crowd"),
    _case("The actress dropped her lawsuit against the magazine.", [], "private-lawsuit"),
    _case("The Bank of Japan's easing of monetary policy lifted stocks.", [], "monetary-easing"),
]

RETREAT = [
    _case("The last French troops left Niger on Friday.", [("RETREAT", ("FRA",), ("NER",), "asserted")], "troops-left"),
    _case(
        "The last French troops left Niger on Friday, the French army said.",
        [("RETREAT", ("FRA",), ("NER",), "asserted")],
        "troops-left-fronted",
    ),
    _case(
        "Mongolia's prime minister quit on Friday after losing a confidence vote.",
        [("RETREAT", ("MNG",), (), "asserted")],
        "quit",
    ),
    _case(
        "Petar Ivanov stepped down as Bulgaria's finance minister on Monday.",
        [("RETREAT", ("BGR",), ("BGR",), "asserted")],
        "resigned-office-of-state",
    ),
    _case(
        "Peru's premier stepped down on Monday, submitting his resignation to President Boluarte.",
        [("RETREAT", ("PER",), (), "asserted")],
        "resignation-retold-in-tail",
    ),
    _case(
        "South Sudan demobilised 5,000 former rebel fighters on Monday.",
        [("RETREAT", ("SSD",), ("SSD",), "asserted")],
        "demobilised",
    ),
    _case(
        "Iran allowed IAEA inspectors to visit the Fordow site on Tuesday.",
        [("RETREAT", ("IRN",), ("IAEA",), "asserted")],
        "inspectors-let-in",
    ),
    _case(
        "Iran allowed IAEA inspectors to visit the Fordow site on Tuesday, the Iranian foreign ministry said.",
        [("RETREAT", ("IRN",), ("IAEA",), "asserted")],
        "inspectors-let-in-fronted",
    ),
    _case(
        "The exchange of prisoners between Russia and Ukraine took place on Friday.",
        [("RETREAT", ("RUS", "UKR"), (), "asserted")],
        "exchange-took-place",
    ),
    _case(
        "Turkey reopened its border with Armenia for aid trucks.",
        [("RETREAT", ("TUR",), ("ARM",), "asserted")],
        "border-reopened-to-neighbour",
    ),
    _case(
        "After Belarus's release of a Lithuanian journalist, Vilnius thanked Minsk.",
        [("RETREAT", ("BLR",), ("LTU",), "asserted"), ("SUPPORT", ("LTU",), ("BLR",), "asserted")],
        "release-noun",
    ),
    _case(
        "The Colombian government and ELN rebels began a six-month ceasefire on Thursday.",
        [("RETREAT", ("COL",), ("COL",), "asserted")],
        "ceasefire-begun",
    ),
    _case(
        "Azerbaijani soldiers handed over the bodies of two Armenian soldiers on Friday.",
        [("RETREAT", ("AZE",), ("ARM",), "asserted")],
        "bodies-handed-over",
    ),
    _case(
        "Israeli troops vacated three positions in southern Lebanon on Sunday, the Lebanese army said.",
        [("RETREAT", ("ISR",), ("LBN",), "asserted")],
        "positions-vacated",
    ),
    # no retreat: tenants, a player, tourists, a patrol setting out
    _case("The Serbian tennis player quit the tournament with an injury.", [], "player-quit"),
    _case("The tenants vacated the building on Monday.", [], "tenants-vacated"),
    _case("French tourists left Bali after the volcano erupted.", [], "tourists-left"),
    _case("Peacekeepers left their base in Goma to patrol the town.", [], "left-base"),
    _case("The exchange rate of the dinar fell on Monday.", [], "exchange-rate"),
]

COOPERATE = [
    _case(
        "Armenia held military exercises with the United States near Yerevan.",
        [("COOPERATE", ("ARM",), ("USA",), "asserted")],
        "drills-with",
    ),
    _case(
        "Armenia held military exercises with the United States near Yerevan, the defence ministry said.",
        [("COOPERATE", ("ARM",), ("USA",), "asserted")],
        "drills-with-fronted",
    ),
    _case(
        # where they patrol is a venue, not a party: the two work with each other
        "Turkish and Russian forces conducted a joint patrol in Idlib province on Friday.",
        [("COOPERATE", ("TUR", "RUS"), ("TUR", "RUS"), "asserted")],
        "joint-patrol",
    ),
    _case(
        "Joint patrols by Turkish and Russian troops resumed in northern Syria on Thursday.",
        [("COOPERATE", ("TUR", "RUS"), ("TUR", "RUS"), "asserted")],
        "joint-patrols-by",
    ),
    _case(
        "Kazakhstan began exporting oil to Germany through the Druzhba pipeline on Monday.",
        [("COOPERATE", ("KAZ",), ("DEU",), "asserted")],
        "export",
    ),
    _case(
        "Moldova imported electricity from Romania after Russian gas supplies stopped.",
        [("COOPERATE", ("MDA",), ("ROU",), "asserted")],
        "import",
    ),
    _case(
        "Egypt and Iran joined the BRICS group of emerging economies on Monday.",
        [("COOPERATE", ("EGY", "IRN"), ("BRICS",), "asserted")],
        "joined-group",
    ),
    _case(
        "Sweden became NATO's 32nd member on Thursday.",
        [("COOPERATE", ("SWE",), ("NATO",), "asserted")],
        "became-member",
    ),
    _case(
        "Italy reopened its embassy in Damascus, the foreign ministry in Rome said.",
        [("SUPPORT", ("ITA",), ("SYR",), "asserted")],
        "embassy-reopened",
    ),
    _case(
        "Peru and Ecuador reopened two border crossings on Friday, the foreign ministry in Lima said.",
        [("COOPERATE", ("PER", "ECU"), ("PER", "ECU"), "asserted")],
        "crossings-reopened-between",
    ),
    _case(
        "Serbia's extradition of a Belarusian dissident to Minsk drew criticism from rights groups.",
        [("COOPERATE", ("SRB",), ("BLR",), "asserted")],
        "extradition-noun",
    ),
    _case(
        "The suspect, who was extradited from Spain to Serbia last month, appeared in court in Belgrade.",
        [("COOPERATE", ("ESP",), ("SRB",), "asserted")],
        "extradited-from-relative",
    ),
    # no cooperation: a hearing, a band, a private firm's trade, live-fire drills
    _case("The extradition hearing in London was adjourned.", [], "extradition-hearing"),
    _case("Macedonian singers joined the group on stage in Ohrid.", [], "band-joined"),
    _case("The carmaker exported 20,000 vehicles to Germany last year.", [], "firm-exports"),
    _case("The drills with live ammunition lasted three days, the Greek navy said.", [], "drills-with-ammunition"),
]


@pytest.mark.parametrize(("text", "expected"), AID + CONCEDE + RETREAT + COOPERATE)
def test_material_cooperation(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
