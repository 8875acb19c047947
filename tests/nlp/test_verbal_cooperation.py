"""Verbal cooperation (AGREE, CONSULT, SUPPORT, REQUEST) read by class: each construction as
the whole list of events of its sentence, in its plain form, as fronted reported speech and in
the passive where it has one, with sentences that must give no event or another type.
Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


def _one(kind: str, source: tuple[str, ...], target: tuple[str, ...]) -> list[tuple]:
    return [(kind, source, target, "asserted")]


CASES = [
    # aid offered or pledged is promised, not given (PLOVER: intent to provide aid is AGREE)
    pytest.param(
        "South Korea offered Poland a loan to pay for the tanks.", _one("AGREE", ("KOR",), ("POL",)), id="offered-loan"
    ),
    pytest.param(
        "South Korea offered Poland a loan to pay for the tanks, the defence ministry in Seoul said.",
        _one("AGREE", ("KOR",), ("POL",)),
        id="offered-loan-fronted",
    ),
    pytest.param(
        "A loan was offered to Poland by South Korea to pay for the tanks.",
        _one("AGREE", ("KOR",), ("POL",)),
        id="offered-loan-passive",
    ),
    pytest.param("Japan pledged new aid to Ukraine on Tuesday.", _one("AGREE", ("JPN",), ("UKR",)), id="pledged-aid"),
    # "provide X with Y": the one provided for is the object; in the future it is a promise
    pytest.param(
        "Japan provided Ukraine with generators on Tuesday.", _one("AID", ("JPN",), ("UKR",)), id="provided-with"
    ),
    pytest.param(
        "Japan will provide Ukraine with generators, Prime Minister Fumio Kishida said.",
        _one("AGREE", ("JPN",), ("UKR",)),
        id="will-provide-with-fronted",
    ),
    pytest.param("The ministry provided reporters with details of the attack.", [], id="provided-details-no-aid"),
    # receiving a counterpart is hosting a visit; the receiver is the source either way
    pytest.param(
        "The Chinese foreign minister received his South Korean counterpart in Beijing on Monday.",
        _one("CONSULT", ("CHN",), ("KOR",)),
        id="received-counterpart",
    ),
    pytest.param(
        "The Chinese foreign minister received his South Korean counterpart in Beijing on Monday, Xinhua reported.",
        _one("CONSULT", ("CHN",), ("KOR",)),
        id="received-counterpart-fronted",
    ),
    pytest.param(
        "The South Korean foreign minister was received by his Chinese counterpart in Beijing on Monday.",
        _one("CONSULT", ("CHN",), ("KOR",)),
        id="received-counterpart-passive",
    ),
    pytest.param("The hospital received dozens of wounded on Monday.", [], id="received-wounded-no-visit"),
    # talks told as mediated by a third party are the parties' own, held with the mediator;
    # "mediated between" them is the mediator's act toward them
    pytest.param(
        "Talks between Washington and Tehran were mediated by Oman in Muscat.",
        _one("CONSULT", ("USA", "IRN"), ("OMN",)),
        id="mediated-talks-passive",
    ),
    pytest.param(
        "Oman mediated between Washington and Tehran in Muscat.",
        _one("CONSULT", ("OMN",), ("USA", "IRN")),
        id="mediated-between",
    ),
    # a joint act held in one party's capital is still among the parties
    pytest.param(
        "British and Indian negotiators resumed talks on a trade deal in New Delhi on Monday.",
        _one("CONSULT", ("GBR", "IND"), ("GBR", "IND")),
        id="joint-talks-in-a-party-capital",
    ),
    # reopening an embassy restores ties (SUPPORT); reopening a crossing lets people through
    pytest.param(
        "Iran and Saudi Arabia reopened their embassies on Tuesday.",
        _one("SUPPORT", ("IRN", "SAU"), ("IRN", "SAU")),
        id="reopened-embassies-joint",
    ),
    pytest.param(
        "Iran reopened its embassy in Riyadh on Tuesday.", _one("SUPPORT", ("IRN",), ("SAU",)), id="reopened-embassy"
    ),
    pytest.param(
        "Iran reopened its embassy in Riyadh on Tuesday, the Iranian foreign ministry said.",
        _one("SUPPORT", ("IRN",), ("SAU",)),
        id="reopened-embassy-fronted",
    ),
    pytest.param(
        "Iran reopened the border crossing with Iraq on Tuesday.",
        _one("RETREAT", ("IRN",), ("IRQ",)),
        id="reopened-crossing-is-no-support",
    ),
    # recognising what makes a government lawful recognises its state
    pytest.param(
        "South Africa recognised the new Israeli government's legitimacy.",
        _one("SUPPORT", ("ZAF",), ("ISR",)),
        id="recognised-legitimacy",
    ),
    pytest.param(
        "The new Israeli government's legitimacy was recognised by South Africa.",
        _one("SUPPORT", ("ZAF",), ("ISR",)),
        id="recognised-legitimacy-passive",
    ),
    pytest.param("The UN has recognised the problem of rising sea levels.", [], id="recognised-a-problem"),
    # pleading with and imploring are requests of the one pleaded with
    pytest.param(
        "Kenya's president pleaded with South Sudan's leaders to end the fighting.",
        _one("REQUEST", ("KEN",), ("SSD",)),
        id="pleaded-with",
    ),
    pytest.param(
        "Kenya's president pleaded with South Sudan's leaders to end the fighting, his office said.",
        _one("REQUEST", ("KEN",), ("SSD",)),
        id="pleaded-with-fronted",
    ),
    pytest.param(
        "The UN envoy implored Myanmar's generals to free political prisoners.",
        _one("REQUEST", ("UN",), ("MMR",)),
        id="implored",
    ),
    pytest.param(
        "Myanmar's generals were implored by the UN envoy to free political prisoners.",
        _one("REQUEST", ("UN",), ("MMR",)),
        id="implored-passive",
    ),
    pytest.param("The defendant pleaded guilty to fraud in court.", [], id="pleaded-guilty"),
    # backing another's act supports its author; the act named is not told anew
    pytest.param(
        "Belarus backed Russia's invasion of Ukraine, Western officials said.",
        _one("SUPPORT", ("BLR",), ("RUS",)),
        id="backed-an-act-fronted",
    ),
    pytest.param(
        "China denied that it had backed Russia's invasion.",
        [("SUPPORT", ("CHN",), ("RUS",), "negated")],
        id="backing-denied",
    ),
    pytest.param(
        "Serbia condemned Russia's invasion of Ukraine.", _one("ACCUSE", ("SRB",), ("RUS",)), id="condemned-an-act"
    ),
    # a side long taken is a position (a stance), not an act; a demand long made is made again
    pytest.param("Serbia has long backed the Bosnian Serb leadership.", [], id="long-backed-is-a-position"),
    pytest.param(
        "The US has long urged Serbia to recognise Kosovo.",
        _one("REQUEST", ("USA",), ("SRB",)),
        id="long-urged-is-news",
    ),
    # welcoming a state as a member approves it; welcoming a visitor hosts a visit
    pytest.param(
        "NATO welcomed Sweden as its newest member, the alliance said.",
        _one("SUPPORT", ("NATO",), ("SWE",)),
        id="welcomed-as-member-fronted",
    ),
    pytest.param(
        "Serbia welcomed Chinese President Xi Jinping as a friend.",
        _one("CONSULT", ("SRB",), ("CHN",)),
        id="welcomed-a-visitor",
    ),
    # nouns of approval carried by their light verbs
    pytest.param(
        "The Vatican gave its blessing to Lebanon's new government, the Holy See said.",
        _one("SUPPORT", ("VAT",), ("LBN",)),
        id="gave-blessing-fronted",
    ),
    pytest.param(
        "Britain paid tribute to Poland's border guards on Monday.",
        _one("SUPPORT", ("GBR",), ("POL",)),
        id="paid-tribute",
    ),
    pytest.param("Fans paid tribute to the late coach.", [], id="paid-tribute-no-actor"),
    pytest.param(
        "Washington threw its weight behind Israel's plan for the hostages.",
        _one("SUPPORT", ("USA",), ("ISR",)),
        id="threw-weight-behind",
    ),
    pytest.param("The striker threw his weight behind the ball.", [], id="threw-weight-sport"),
    pytest.param(
        "Seoul signed on to a Japanese proposal for a joint fisheries commission, Yonhap reported.",
        _one("SUPPORT", ("KOR",), ("JPN",)),
        id="signed-on-to-fronted",
    ),
    # an intention stated as a noun
    pytest.param(
        "Saudi Arabia expressed readiness to support a political settlement in Yemen.",
        _one("AGREE", ("SAU",), ("YEM",)),
        id="expressed-readiness",
    ),
    pytest.param(
        "Serbia raised the combat readiness of its army on Friday.",
        _one("MOBILIZE", ("SRB",), ("SRB",)),
        id="combat-readiness-is-no-promise",
    ),
    # briefing an actor consults it; briefing the press does not
    pytest.param(
        "Armenia's prime minister briefed EU leaders on the border talks.",
        _one("CONSULT", ("ARM",), ("EU",)),
        id="briefed-leaders",
    ),
    pytest.param("Armenia's prime minister briefed reporters on the border talks.", [], id="briefed-reporters"),
    pytest.param(
        "Lithuania lobbied the EU to tighten sanctions on Belarus, diplomats said.",
        _one("REQUEST", ("LTU",), ("EU",)),
        id="lobbied-to-fronted",
    ),
    # a question, or a clause of "whether", asks about an act and asserts none
    pytest.param("Will Serbia accept the plan?", [], id="question"),
    pytest.param("Will the EU ask Serbia to impose sanctions?", [], id="question-nested"),
    pytest.param("Whether Moscow supports the plan remains unclear.", [], id="whether-subject"),
    pytest.param("It is unclear whether Russia will recognise the vote.", [], id="whether-complement"),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_verbal_cooperation_by_class(code, sentence: str, expected: list[tuple]) -> None:  # noqa: ANN001
    assert brief(code(sentence, DAY)) == expected
