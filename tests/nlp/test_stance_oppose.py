"""Opposition and neutrality by class of construction, on wording written for these tests: each
test asserts every stance (holder, polarity) of its text, so an extra stance fails it."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 5, 16)


def held(code, text: str) -> list[tuple[str | None, str]]:  # noqa: ANN001
    return sorted((s.holder.code, s.polarity) for s in code(text, DAY).stances)


# Attitudes named by an adjective or a noun: doubt, reservations, objections drawn from someone,
# "one of the critics of", a people's word owning the position.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Denmark is sceptical about the joint borrowing plan.", [("DNK", "oppose")]),
        ("Ankara remains wary of the maritime deal, the ministry said.", [("TUR", "oppose")]),
        ("Paris has voiced scepticism about the proposal.", [("FRA", "oppose")]),
        ("France has expressed reservations about the trade agreement.", [("FRA", "oppose")]),
        ("Italy has serious reservations about the migration deal.", [("ITA", "oppose")]),
        ("Italy has no objection to the migration deal.", [("ITA", "neutral")]),
        ("The proposal drew sharp objections from Athens.", [("GRC", "oppose")]),
        ("Warsaw has been one of the fiercest critics of the pipeline.", [("POL", "oppose")]),
        (
            "Lithuania, one of the staunchest opponents of the pipeline, welcomed the ruling.",
            [("LTU", "oppose"), ("LTU", "support")],
        ),
        ("The deal stalled amid French objections to the farm chapter.", [("FRA", "oppose")]),
        ("The Mexican government is opposed to the construction of the border wall.", [("MEX", "oppose")]),
        ("Rome pushed back against the proposal to reform the asylum rules.", [("ITA", "oppose")]),
        ("Hungary remains the last holdout against the package.", [("HUN", "oppose")]),
        ("Poland voted against the text, rejecting the quota system.", [("POL", "oppose")]),
    ],
)
def test_attitudes_named_by_a_word(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# A label of blame a holder sees a thing as; the label is the head, not any word inside it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tehran considers the normalisation deal a betrayal of the Palestinians.", [("IRN", "oppose")]),
        ("Minsk considers the sanctions an act of economic war.", [("BLR", "oppose")]),
        ("Tehran said it regards the deal as null and void.", [("IRN", "oppose")]),
        ("Washington said it did not see the missile test as a threat.", [("USA", "neutral")]),
        ("Washington sees no threat in the drills.", [("USA", "neutral")]),
        ("Canada has seen no sign of a threat from the exercises, a spokeswoman said.", [("CAN", "neutral")]),
    ],
)
def test_labels_a_holder_sees(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Refusals held now: inability to accept, denying being bound, a vow to block, a lasting or
# simple-present rejection, claims to land, what is proposed.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul said it could not accept the ruling.", [("KOR", "oppose")]),
        ('"We can not accept this decision," the South Korean foreign minister said.', [("KOR", "oppose")]),
        ("Belgrade said it would not be bound by the decision.", [("SRB", "oppose")]),
        ("The Moldovan authorities do not consider themselves bound by the tribunal's award.", [("MDA", "oppose")]),
        ("Hungary vowed to block the aid package for Ukraine.", [("HUN", "oppose")]),
        ("Ankara has vowed to block Cyprus from joining the alliance.", [("TUR", "oppose")]),
        ("Israel has long resisted the creation of a Palestinian state.", [("ISR", "oppose")]),
        ("Berlin has resisted calls for joint borrowing.", [("DEU", "oppose")]),
        ('"Iraq rejects the presence of foreign troops on its soil," the prime minister said.', [("IRQ", "oppose")]),
        ("Romania disputes the estimate, pointing to its own census.", [("ROU", "oppose")]),
        ("Vietnam disputes China's claim to the islands.", [("VNM", "oppose")]),
        ("Manila rejects Beijing's sweeping claims in the South China Sea.", [("PHL", "oppose")]),
        ("Abuja has rejected the junta's proposed three-year transition.", [("NGA", "oppose")]),
        ("President Recep Tayyip Erdogan said Turkey would not approve Sweden's bid.", [("TUR", "oppose")]),
        ("Ukraine has said it will not cede any territory.", [("UKR", "oppose")]),
        ('"We will never give up the islands," the Japanese prime minister said.', [("JPN", "oppose")]),
        ("Argentina refuses to relinquish its claim to the islands.", [("ARG", "oppose")]),
        ("Slovakia will never relinquish its objections to the gas levy.", [("SVK", "oppose")]),
    ],
)
def test_refusals_held_now(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# No side taken: "neither ... nor", staying out, declining sides; "neither X nor Y recognises" opposes.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China neither supports nor opposes the sanctions.", [("CHN", "neutral")]),
        ("Brazil has neither backed nor rejected the plan, officials said.", [("BRA", "neutral")]),
        ("Neither Serbia nor Hungary supports the plan.", [("HUN", "neutral"), ("SRB", "neutral")]),
        ("Neither Serbia nor Bosnia recognises the new state.", [("BIH", "oppose"), ("SRB", "oppose")]),
        ("Riyadh has stayed out of the dispute.", [("SAU", "neutral")]),
        ("India has been careful not to take sides.", [("IND", "neutral")]),
        ("Hanoi has not taken a position on the dispute.", [("VNM", "neutral")]),
        ("China has kept a neutral stance on the war.", [("CHN", "neutral")]),
        ("India has maintained a position of neutrality on the issue, officials said.", [("IND", "neutral")]),
    ],
)
def test_no_side_taken(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# No position: a denied charge, a charge's claims, a threat with a condition, one act condemned,
# opposition parties, fighting named by a people's word, words of the same classes about nothing held.
@pytest.mark.parametrize(
    "text",
    [
        "Serbia rejects the allegations of war crimes.",
        "Moscow rejects the accusation that it poisoned the defector.",
        "China rejected claims that it had hacked the ministry.",
        "Russia rejected the claims in the report.",
        "Ankara threatened to block the bid unless Stockholm acted.",
        "Germany has dropped its opposition to the fighter jet sale.",
        "Slovakia has relinquished its objections to the gas levy.",
        "Ukrainian resistance to the offensive stiffened.",
        "The opposition walked out of parliament on Tuesday.",
        "Colombia condemned the killing of the activist.",
        "Diplomats wondered whether Hungary would oppose the package.",
        "Ukraine ceded the town after weeks of fighting.",
        "Police saw no sign of the missing hikers.",
        "The Vatican called for restraint on both sides.",
        "The army has kept its position on the hill.",
        "Egypt's national team held out against Ghana for a draw.",
    ],
)
def test_no_position(code, text: str) -> None:  # noqa: ANN001
    assert held(code, text) == []
