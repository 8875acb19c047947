"""Concessions against agreements, retreats and requests: agreeing to give ground is the
concession itself (PLOVER: RETREAT or CONCEDE + future do not reduce to AGREE), halting
fighting or a measure imposed on another side gives ground, and an expectation laid on
another side is a demand. Each sentence's whole list of events is asserted; sentences written
for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

CASES = [
    # agreeing to halt fighting: a declared ceasefire is a concession by both sides
    pytest.param(
        "Peru and Ecuador agreed to halt fighting along their border from Friday.",
        [("CONCEDE", ("PER", "ECU"), (), "asserted")],
        id="agree-halt-fighting",
    ),
    pytest.param(
        "Peru and Ecuador agreed to halt fighting along their border from Friday, the foreign ministry in Lima said.",
        [("CONCEDE", ("PER", "ECU"), (), "asserted")],
        id="agree-halt-fighting-fronted",
    ),
    # agreeing to pull back or to cede ground
    pytest.param(
        "Ecuador agreed to pull its troops back from the disputed valley.",
        [("CONCEDE", ("ECU",), ("ECU",), "asserted")],
        id="agree-pull-back",
    ),
    pytest.param(
        "Ecuador agreed to pull its troops back from the disputed valley, officials in Quito said.",
        [("CONCEDE", ("ECU",), ("ECU",), "asserted")],
        id="agree-pull-back-fronted",
    ),
    pytest.param(
        "Namibia agreed to hand three river islands back to Botswana.",
        [("CONCEDE", ("NAM",), ("BWA",), "asserted")],
        id="agree-hand-back",
    ),
    pytest.param(
        "Namibia agreed to hand three river islands back to Botswana, the Namibian cabinet said.",
        [("CONCEDE", ("NAM",), ("BWA",), "asserted")],
        id="agree-hand-back-fronted",
    ),
    # agreeing to lift a measure
    pytest.param(
        "Chile agreed to lift its tariffs on Bolivian goods.",
        [("CONCEDE", ("CHL",), ("BOL",), "asserted")],
        id="agree-lift-tariffs",
    ),
    pytest.param(
        "Chile agreed to lift its tariffs on Bolivian goods, the trade ministry in Santiago said.",
        [("CONCEDE", ("CHL",), ("BOL",), "asserted")],
        id="agree-lift-tariffs-fronted",
    ),
    pytest.param(
        "Tariffs on Bolivian goods were lifted by Chile.",
        [("CONCEDE", ("CHL",), ("BOL",), "asserted")],
        id="lift-tariffs-passive",
    ),
    # stopping the issue of documents imposed on the other side
    pytest.param(
        "Nepal will stop issuing work permits to Indian contractors.",
        [("CONCEDE", ("NPL",), ("IND",), "asserted")],
        id="stop-issuing",
    ),
    pytest.param(
        "Nepal will stop issuing work permits to Indian contractors, the labour ministry in Kathmandu said.",
        [("CONCEDE", ("NPL",), ("IND",), "asserted")],
        id="stop-issuing-fronted",
    ),
    # a retreat a deal lays down ("are to withdraw") is announced, not done
    pytest.param(
        "Under the accord, Ugandan troops are to withdraw from South Sudan within 90 days.",
        [("CONCEDE", ("UGA",), ("SSD",), "asserted")],
        id="scheduled-withdrawal",
    ),
    pytest.param(
        "Ugandan troops are to withdraw from South Sudan within 90 days under the accord, the army said.",
        [("CONCEDE", ("UGA",), ("SSD",), "asserted")],
        id="scheduled-withdrawal-fronted",
    ),
    # putting off a measure
    pytest.param(
        "Guatemala postponed the ban on Mexican poultry imports.",
        [("CONCEDE", ("GTM",), ("MEX",), "asserted")],
        id="postpone-ban",
    ),
    pytest.param(
        "Guatemala postponed the ban on Mexican poultry imports, the agriculture ministry said.",
        [("CONCEDE", ("GTM",), ("MEX",), "asserted")],
        id="postpone-ban-fronted",
    ),
    pytest.param(
        "The ban on Mexican poultry imports was postponed by Guatemala.",
        [("CONCEDE", ("GTM",), ("MEX",), "asserted")],
        id="postpone-ban-passive",
    ),
    # letting people back is a permission
    pytest.param(
        "Tunisian police let traders return to the market in Ben Guerdane on Monday.",
        [("CONCEDE", ("TUN",), ("TUN",), "asserted")],
        id="let-return",
    ),
    pytest.param(
        "Tunisian police let traders return to the market in Ben Guerdane on Monday, the interior ministry said.",
        [("CONCEDE", ("TUN",), ("TUN",), "asserted")],
        id="let-return-fronted",
    ),
    # halting an offensive that is under way ends the fighting: a retreat, done
    pytest.param(
        "Pakistani troops halted their offensive against the Indian positions on Tuesday.",
        [("RETREAT", ("PAK",), ("IND",), "asserted")],
        id="halt-offensive",
    ),
    # an expectation laid on another side is a demand of it
    pytest.param(
        "Tunisia said it expected Libya to stop such incursions.",
        [("REQUEST", ("TUN",), ("LBY",), "asserted")],
        id="expect-other-to-stop",
    ),
    # the parser may hang "back" on a clause inside the object
    pytest.param(
        "Namibia has agreed to hand two river islands it has held since 1990 back to Botswana.",
        [("CONCEDE", ("NAM",), ("BWA",), "asserted")],
        id="agree-hand-back-split",
    ),
    pytest.param(
        "Namibia has agreed to hand two river islands it has held since 1990 back to Botswana, the two governments said.",
        [("CONCEDE", ("NAM",), ("BWA",), "asserted")],
        id="agree-hand-back-split-fronted",
    ),
    # a grace period before a measure bites; "responded by" lends its subject
    pytest.param(
        "Uruguay responded by announcing a three-month grace period for Argentine hauliers.",
        [("CONCEDE", ("URY",), ("ARG",), "asserted")],
        id="grace-period",
    ),
    pytest.param(
        "Uruguay responded by announcing a three-month grace period for Argentine hauliers, the transport ministry said.",
        [("CONCEDE", ("URY",), ("ARG",), "asserted")],
        id="grace-period-fronted",
    ),
    pytest.param(
        "Uruguay responded by closing the border with Argentina.",
        [("SANCTION", ("URY",), ("ARG",), "asserted")],
        id="responded-by-other-act",
    ),
    # stopping an attack under way, the gerund read as a verb
    pytest.param(
        "Peru stopped shelling the Ecuadorian border posts on Friday.",
        [("RETREAT", ("PER",), ("ECU",), "asserted")],
        id="stop-shelling",
    ),
    pytest.param(
        "Peru stopped shelling the Ecuadorian border posts on Friday, the Ecuadorian army said.",
        [("RETREAT", ("PER",), ("ECU",), "asserted")],
        id="stop-shelling-fronted",
    ),
    pytest.param("Peru handed the letter to Ecuador's ambassador.", [], id="hand-no-back"),
    # telling or warning someone to do something is a request of them
    pytest.param(
        "Thai police told Cambodian traders to leave the border market.",
        [("REQUEST", ("THA",), ("KHM",), "asserted")],
        id="tell-to",
    ),
    pytest.param(
        "Thai police told Cambodian traders to leave the border market, the provincial governor said.",
        [("REQUEST", ("THA",), ("KHM",), "asserted")],
        id="tell-to-fronted",
    ),
    pytest.param(
        "Cambodian traders were told by Thai police to leave the border market.",
        [("REQUEST", ("THA",), ("KHM",), "asserted")],
        id="tell-to-passive",
    ),
    pytest.param(
        "Hanoi warned Beijing not to interfere in its fishing grounds.",
        [("REQUEST", ("VNM",), ("CHN",), "asserted")],
        id="warn-not-to",
    ),
    pytest.param(
        "Hanoi warned Beijing not to interfere in its fishing grounds, the foreign ministry said.",
        [("REQUEST", ("VNM",), ("CHN",), "asserted")],
        id="warn-not-to-fronted",
    ),
    pytest.param(
        "Beijing was warned by Hanoi not to interfere in its fishing grounds.",
        [("REQUEST", ("VNM",), ("CHN",), "asserted")],
        id="warn-not-to-passive",
    ),
    # an order to one's own ministry is the act ordered; telling reporters is saying
    pytest.param(
        "The Thai prime minister told the foreign ministry to expel two Cambodian diplomats.",
        [("SANCTION", ("THA",), ("KHM",), "asserted")],
        id="tell-own-ministry",
    ),
    pytest.param("Thailand told reporters that the border would reopen.", [], id="tell-reporters-that"),
    # lifting one's objections gives up a veto
    pytest.param(
        "Greece lifted its objections to Albania's accession talks.",
        [("CONCEDE", ("GRC",), ("ALB",), "asserted")],
        id="lift-objections",
    ),
    pytest.param(
        "Greece lifted its objections to Albania's accession talks, the Greek government said.",
        [("CONCEDE", ("GRC",), ("ALB",), "asserted")],
        id="lift-objections-fronted",
    ),
    pytest.param(
        "Athens is willing to lift all of its objections if Tirana amends the property law.",
        [("CONCEDE", ("GRC",), ("ALB",), "asserted")],
        id="willing-to-lift-objections-if",
    ),
    # an apology issued is regret (PLOVER's manual); the verb "apologised to" stays SUPPORT,
    # as PLOVER's own gold codes it
    pytest.param(
        "Portugal issued a formal apology to Angola for the colonial massacres.",
        [("CONCEDE", ("PRT",), ("AGO",), "asserted")],
        id="apology-issued",
    ),
    pytest.param(
        "A formal apology for the colonial massacres was issued by Portugal to Angola.",
        [("CONCEDE", ("PRT",), ("AGO",), "asserted")],
        id="apology-issued-passive",
    ),
    pytest.param(
        "Portugal apologised to Angola for the colonial massacres.",
        [("SUPPORT", ("PRT",), ("AGO",), "asserted")],
        id="apologised-verb",
    ),
    # agreeing to a delay or a swap is the concession itself
    pytest.param(
        "Bosnia agreed to a brief delay.",
        [("CONCEDE", ("BIH",), ("BIH",), "asserted")],
        id="agree-to-delay",
    ),
    pytest.param(
        "Bosnia agreed to a brief delay, the Bosnian presidency said.",
        [("CONCEDE", ("BIH",), ("BIH",), "asserted")],
        id="agree-to-delay-fronted",
    ),
    pytest.param(
        "Bosnia agreed to a prisoner swap with Croatia.",
        [("CONCEDE", ("BIH",), ("HRV",), "asserted")],
        id="agree-to-swap",
    ),
    pytest.param(
        "Bosnia agreed to talks with Croatia.",
        [("AGREE", ("BIH",), ("HRV",), "asserted")],
        id="agree-to-talks-stays-agree",
    ),
    # a ceasefire signed is declared, not yet carried out
    pytest.param(
        "Ethiopia and Eritrea signed a ceasefire on Monday.",
        [("CONCEDE", ("ETH", "ERI"), (), "asserted")],
        id="sign-ceasefire",
    ),
    pytest.param(
        "Ethiopia and Eritrea signed a ceasefire on Monday, the Ethiopian government said.",
        [("CONCEDE", ("ETH", "ERI"), (), "asserted")],
        id="sign-ceasefire-fronted",
    ),
    pytest.param(
        "A ceasefire was signed by Ethiopia and Eritrea on Monday.",
        [("CONCEDE", ("ETH", "ERI"), (), "asserted")],
        id="sign-ceasefire-passive",
    ),
    # a promise to go on talking is a promised meeting (AGREE); going on, a meeting
    pytest.param(
        "Lithuania will keep talking to Poland about the pipeline.",
        [("AGREE", ("LTU",), ("POL",), "asserted")],
        id="will-keep-talking",
    ),
    pytest.param(
        "Lithuania will keep talking to Poland about the pipeline, the foreign minister said.",
        [("AGREE", ("LTU",), ("POL",), "asserted")],
        id="will-keep-talking-fronted",
    ),
    pytest.param(
        "Lithuania kept talking to Poland about the pipeline.",
        [("CONSULT", ("LTU",), ("POL",), "asserted")],
        id="kept-talking",
    ),
    pytest.param(
        "NATO defence ministers will reconvene in March.",
        [("AGREE", ("NATO",), (), "asserted")],
        id="will-reconvene",
    ),
    pytest.param(
        "NATO defence ministers will reconvene in March, diplomats said.",
        [("AGREE", ("NATO",), (), "asserted")],
        id="will-reconvene-fronted",
    ),
    pytest.param(
        "NATO defence ministers reconvened on Monday.",
        [("CONSULT", ("NATO",), (), "asserted")],
        id="reconvened",
    ),
    # a retreat inside one state, naming no other, is aimed at that state; a resignation at no one
    pytest.param(
        "Peruvian troops began pulling back from the disputed zone on Monday.",
        [("RETREAT", ("PER",), ("PER",), "asserted")],
        id="domestic-pullback",
    ),
    pytest.param(
        "Peruvian troops began pulling back from the disputed zone on Monday, a military spokesman said.",
        [("RETREAT", ("PER",), ("PER",), "asserted")],
        id="domestic-pullback-fronted",
    ),
    pytest.param(
        "Mozambican rebels started to hand over their weapons on Friday.",
        [("RETREAT", ("MOZ",), ("MOZ",), "asserted")],
        id="domestic-disarming",
    ),
    pytest.param(
        "Ugandan units pulled out of several towns in South Sudan.",
        [("RETREAT", ("UGA",), ("SSD",), "asserted")],
        id="pullout-abroad",
    ),
    pytest.param(
        "The Bulgarian minister resigned on Monday.",
        [("RETREAT", ("BGR",), (), "asserted")],
        id="resignation-aimed-at-no-one",
    ),
    # calling off contacts cuts them; calling off a strike yields
    pytest.param(
        "Armenia's sports ministry called off all matches with Azerbaijani clubs.",
        [("SANCTION", ("ARM",), ("AZE",), "asserted")],
        id="call-off-matches",
    ),
    pytest.param(
        "Armenia's sports ministry called off all matches with Azerbaijani clubs, the ministry said.",
        [("SANCTION", ("ARM",), ("AZE",), "asserted")],
        id="call-off-matches-fronted",
    ),
    pytest.param(
        "All matches with Azerbaijani clubs were called off by Armenia.",
        [("SANCTION", ("ARM",), ("AZE",), "asserted")],
        id="call-off-matches-passive",
    ),
    pytest.param(
        "Armenia called off the talks with Azerbaijan.",
        [("REJECT", ("ARM",), ("AZE",), "asserted")],
        id="call-off-talks",
    ),
    pytest.param(
        "Kenyan doctors called off their strike on Tuesday.",
        [("CONCEDE", ("KEN",), ("KEN",), "asserted")],
        id="call-off-strike",
    ),
    # "called for X to be done", the clause parsed as one marked "for"
    pytest.param(
        "Honduras called for the Nicaraguan election result to be annulled.",
        [("REQUEST", ("HND",), ("NIC",), "asserted")],
        id="call-for-clause",
    ),
    pytest.param(
        "Honduras called for the Nicaraguan election result to be annulled, the foreign ministry said.",
        [("REQUEST", ("HND",), ("NIC",), "asserted")],
        id="call-for-clause-fronted",
    ),
    # negative cases
    pytest.param("The commander vowed that his troops would not retreat.", [], id="vow-not-to-retreat"),
    pytest.param(
        "Kenya agreed to meet Somalia next month.",
        [("AGREE", ("KEN",), ("SOM",), "asserted")],
        id="agree-to-meet-stays-agree",
    ),
    pytest.param(
        "Chile will not lift its tariffs on Bolivian goods.",
        [("REJECT", ("CHL",), ("BOL",), "asserted")],
        id="will-not-lift-is-refusal",
    ),
    pytest.param("Nepal stopped issuing press releases about the talks.", [], id="stop-issuing-statements"),
    pytest.param("Nepal stopped sending gas to India.", [], id="stop-supplies-no-concession"),
    pytest.param("The ministry said it expected the talks to resume next week.", [], id="expect-no-actor"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_concession(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
