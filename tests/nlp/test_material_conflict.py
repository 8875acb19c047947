"""Material conflict (ASSAULT, COERCE, SANCTION, MOBILIZE) read by class and by shape: tolls told
in the passive inside an attack, nominal attacks, measures adopted or raised, forces of any kind
sent or readied, attacks online. Each row asserts the whole list of events of its sentence.
Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

A = "asserted"

ASSAULT = [
    # a toll in the passive, told inside the attack: the attack's place and author
    ("At least 14 people were killed in an attack on a market in Burkina Faso.", [("ASSAULT", ("BFA",), ("BFA",), A)]),
    ("At least 14 people were killed in an attack on a market in Burkina Faso, the army said.", [("ASSAULT", ("BFA",), ("BFA",), A)]),
    ("Six soldiers were wounded in a Russian drone strike in the Sumy region.", [("ASSAULT", ("RUS",), ("UKR",), A)]),
    ("Six soldiers were wounded in a Russian drone strike in the Sumy region, the governor said.", [("ASSAULT", ("RUS",), ("UKR",), A)]),
    # a nominal attack as the subject of a verb of going on
    ("The shelling of Avdiivka by Russian forces continued overnight, Kyiv said.", [("ASSAULT", ("RUS",), ("UKR",), A)]),
    # beatings and snatchings of people, active and passive
    ("Police in Yerevan beat a retired colonel at the rally.", [("ASSAULT", ("ARM",), ("ARM",), A)]),
    ("A retired colonel was beaten by police in Yerevan.", [("ASSAULT", ("ARM",), ("ARM",), A)]),
    ("Gunmen snatched two aid workers in Haiti.", [("ASSAULT", ("HTI",), ("HTI",), A)]),
    ("Two aid workers were snatched by gunmen in Haiti, the U.N. said.", [("ASSAULT", ("HTI",), ("HTI",), A)]),
    # no one's hand: a match won, a storm, floods, drought
    ("Serbia beat Croatia 2-1 in Belgrade on Saturday.", []),
    ("The storm killed 12 people in the Philippines.", []),
    ("Twelve people were killed by floods in Kenya.", []),
    ("Drought has killed thousands of cattle in Somalia.", []),
]

COERCE = [
    # attacks online: the victims are never the attackers' own
    ("Russian hackers targeted Moldovan ministry websites.", [("COERCE", ("RUS",), ("MDA",), A)]),
    ("Moldovan ministry websites were targeted by Russian hackers.", [("COERCE", ("RUS",), ("MDA",), A)]),
    ("Ethiopia cut internet access in the Tigray region.", [("COERCE", ("ETH",), ("ETH",), A)]),
    ("Bosnian police pushed the protesters back from the government building.", [("COERCE", ("BIH",), ("BIH",), A)]),
    ("Police pushed for tougher penalties on drunk driving.", []),
]

SANCTION = [
    ("The European Union adopted a package of sanctions against Belarus.", [("SANCTION", ("EU",), ("BLR",), A)]),
    ("The European Union adopted a package of sanctions against Belarus, diplomats said.", [("SANCTION", ("EU",), ("BLR",), A)]),
    ("A package of sanctions against Belarus was adopted by the European Union.", [("SANCTION", ("EU",), ("BLR",), A)]),
    ("The United States raised tariffs on Chinese steel to 25 percent.", [("SANCTION", ("USA",), ("CHN",), A)]),
    ("Tariffs on Chinese steel were raised by the United States.", [("SANCTION", ("USA",), ("CHN",), A)]),
    ("Japan tightened export controls on chips shipped to China, the trade ministry said.", [("SANCTION", ("JPN",), ("CHN",), A)]),
    # rates raised and tariffs as a topic are no measure against anyone
    ("The central bank raised interest rates to 5 percent.", []),
    ("The new tariffs on steel are expected to raise prices, economists said.", []),
]

MOBILIZE = [
    # any kind of unit or warship sent, in every shape
    ("Hungary dispatched a battalion to its border with Serbia.", [("MOBILIZE", ("HUN",), ("SRB",), A)]),
    ("Hungary dispatched a battalion to its border with Serbia, the defence ministry said.", [("MOBILIZE", ("HUN",), ("SRB",), A)]),
    ("A battalion was dispatched to the border with Serbia by Hungary.", [("MOBILIZE", ("HUN",), ("SRB",), A)]),
    # a call-up is no request, whatever it is for
    ("Armenia called up reservists for military training.", [("MOBILIZE", ("ARM",), ("ARM",), A)]),
    ("Reservists were called up by Armenia.", [("MOBILIZE", ("ARM",), ("ARM",), A)]),
    ("Russian jets carried out patrols over the Baltic Sea, Lithuania said.", [("MOBILIZE", ("RUS",), (), A)]),
    ("Belarus began snap army exercises near the Polish border.", [("MOBILIZE", ("BLR",), ("POL",), A)]),
    ("Taiwan raised its alert level as Chinese warships approached.", [("MOBILIZE", ("TWN",), ("CHN",), A)]),
    ("The company deployed new software across its offices.", []),
    ("The team mobilised its fans ahead of the final.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), ASSAULT + COERCE + SANCTION + MOBILIZE)
def test_material_conflict(code, sentence: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == expected, sentence
