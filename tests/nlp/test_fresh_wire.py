"""Constructions found by coding fresh wire copy about regions and actors the dev gold seldom
names (Caucasus, Central Asia, Horn of Africa, Sahel, Gulf, Pacific, South China Sea). Each is
asserted as the whole list of events of its sentence, plain, as fronted reported speech and in
the passive, with a sentence that must not give the event. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

CASES = [
    # police sent abroad are deployed as troops are
    pytest.param("Kenya will send 1,000 police officers to Haiti.", [("MOBILIZE", ("KEN",), ("HTI",), "hypothetical")], id="send-police"),
    pytest.param(
        "Kenya will send 1,000 police officers to Haiti, President William Ruto said.",
        [("MOBILIZE", ("KEN",), ("HTI",), "hypothetical")],
        id="send-police-fronted",
    ),
    pytest.param(
        "A thousand police officers will be sent to Haiti by Kenya.",
        [("MOBILIZE", ("KEN",), ("HTI",), "hypothetical")],
        id="send-police-passive",
    ),
    # seeking aid asks for it: the asker is the source, the one asked the target
    pytest.param("Tajikistan sought military assistance from Russia.", [("REQUEST", ("TJK",), ("RUS",), "asserted")], id="seek-aid"),
    pytest.param(
        "Tajikistan sought military assistance from Russia, the Tajik foreign ministry said.",
        [("REQUEST", ("TJK",), ("RUS",), "asserted")],
        id="seek-aid-fronted",
    ),
    pytest.param(
        "Military assistance was sought from Russia by Tajikistan.",
        [("REQUEST", ("TJK",), ("RUS",), "asserted")],
        id="seek-aid-passive",
    ),
    pytest.param("Russia provided military assistance to Tajikistan.", [("AID", ("RUS",), ("TJK",), "asserted")], id="provided-aid-stays-aid"),
    # freezing one's part in a body cuts ties with it
    pytest.param("Armenia froze its participation in the CSTO.", [("SANCTION", ("ARM",), ("CSTO",), "asserted")], id="freeze-participation"),
    pytest.param(
        "Armenia froze its participation in the CSTO, Prime Minister Nikol Pashinyan said.",
        [("SANCTION", ("ARM",), ("CSTO",), "asserted")],
        id="freeze-participation-fronted",
    ),
    pytest.param(
        "Armenia's participation in the CSTO was frozen by Yerevan.",
        [("SANCTION", ("ARM",), ("CSTO",), "asserted")],
        id="freeze-participation-passive",
    ),
    pytest.param("Armenia increased its participation in the CSTO.", [], id="more-participation-no-event"),
    # blocking another state's ships restricts it
    pytest.param(
        "Chinese coast guard vessels blocked a Philippine supply ship near the shoal.",
        [("COERCE", ("CHN",), ("PHL",), "asserted")],
        id="block-ship",
    ),
    pytest.param(
        "Chinese coast guard vessels blocked a Philippine supply ship, the Philippine military said.",
        [("COERCE", ("CHN",), ("PHL",), "asserted")],
        id="block-ship-fronted",
    ),
    pytest.param(
        "A Philippine supply ship was blocked by Chinese coast guard vessels.",
        [("COERCE", ("CHN",), ("PHL",), "asserted")],
        id="block-ship-passive",
    ),
    pytest.param("Chinese coast guard vessels escorted a Philippine supply ship.", [], id="escort-no-event"),
    # ties restored by two states together are aimed at each other
    pytest.param(
        "Bahrain and Qatar restored diplomatic relations.",
        [("SUPPORT", ("BHR", "QAT"), ("BHR", "QAT"), "asserted")],
        id="restore-ties-mutual",
    ),
    pytest.param(
        "Bahrain and Qatar restored diplomatic relations, the two foreign ministries said.",
        [("SUPPORT", ("BHR", "QAT"), ("BHR", "QAT"), "asserted")],
        id="restore-ties-mutual-fronted",
    ),
    pytest.param(
        "Diplomatic relations were restored by Bahrain and Qatar.",
        [("SUPPORT", ("BHR", "QAT"), ("BHR", "QAT"), "asserted")],
        id="restore-ties-mutual-passive",
    ),
    pytest.param("Bahrain restored diplomatic relations.", [("SUPPORT", ("BHR",), (), "asserted")], id="restore-ties-alone"),
    # a broker is no party to what it brokers
    pytest.param(
        "Ethiopia and Somalia agreed to end their dispute under a deal brokered by Turkey.",
        [("AGREE", ("ETH", "SOM"), ("ETH", "SOM"), "asserted")],
        id="brokered-deal",
    ),
    pytest.param(
        "Ethiopia and Somalia agreed to end their dispute under a deal brokered by Turkey, the Turkish presidency said.",
        [("AGREE", ("ETH", "SOM"), ("ETH", "SOM"), "asserted")],
        id="brokered-deal-fronted",
    ),
    pytest.param(
        "Ethiopia and Somalia agreed to hold talks mediated by Turkey.",
        [("AGREE", ("ETH", "SOM"), ("ETH", "SOM"), "asserted")],
        id="mediated-talks",
    ),
    pytest.param("Ethiopia agreed to hold talks with Somalia.", [("AGREE", ("ETH",), ("SOM",), "asserted")], id="talks-with-other-party"),
    # a sum of money "in aid" is aid
    pytest.param("Washington suspended $95 million in aid to Georgia.", [("SANCTION", ("USA",), ("GEO",), "asserted")], id="sum-in-aid"),
    pytest.param(
        "Washington suspended $95 million in aid to Georgia, the State Department said.",
        [("SANCTION", ("USA",), ("GEO",), "asserted")],
        id="sum-in-aid-fronted",
    ),
    pytest.param(
        "$95 million in aid to Georgia was suspended by Washington.",
        [("SANCTION", ("USA",), ("GEO",), "asserted")],
        id="sum-in-aid-passive",
    ),
    pytest.param("Japan sent $5 million in aid to Vanuatu.", [("AID", ("JPN",), ("VUT",), "asserted")], id="sum-in-aid-sent"),
    # ending a pact with a state cuts a tie with it
    pytest.param("Chad ended its defence pact with France.", [("SANCTION", ("TCD",), ("FRA",), "asserted")], id="end-pact"),
    pytest.param(
        "Chad ended its defence pact with France, the foreign ministry in N'Djamena said.",
        [("SANCTION", ("TCD",), ("FRA",), "asserted")],
        id="end-pact-fronted",
    ),
    pytest.param("The defence pact with France was ended by Chad.", [("SANCTION", ("TCD",), ("FRA",), "asserted")], id="end-pact-passive"),
    pytest.param("Chad ended the state of emergency.", [], id="end-emergency-no-sanction"),
    pytest.param("Chad renewed its defence pact with France.", [], id="renew-pact-no-sanction"),
    # a crowd at an embassy addresses the state the embassy speaks for
    pytest.param(
        "Hundreds of protesters rallied outside the Russian embassy in Tbilisi.",
        [("PROTEST", ("GEO",), ("RUS",), "asserted")],
        id="embassy-protest",
    ),
    pytest.param(
        "Hundreds of protesters rallied outside the Russian embassy in Tbilisi, police said.",
        [("PROTEST", ("GEO",), ("RUS",), "asserted")],
        id="embassy-protest-fronted",
    ),
    pytest.param(
        "Hundreds of protesters rallied outside parliament in Tbilisi.",
        [("PROTEST", ("GEO",), ("GEO",), "asserted")],
        id="parliament-protest-domestic",
    ),
    pytest.param("Protesters gathered outside the embassy in Baku.", [("PROTEST", ("AZE",), ("AZE",), "asserted")], id="unnamed-embassy-domestic"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fresh_wire(code, text, expected):  # noqa: ANN001, ANN201
    assert brief(code(text, DAY)) == expected
