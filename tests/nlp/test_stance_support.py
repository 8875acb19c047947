"""Support stances by class of construction, on wording written for these tests: each test asserts
every stance (holder, polarity) of its text, so an extra stance fails it."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 5, 16)


def held(code, text: str) -> list[tuple[str | None, str]]:  # noqa: ANN001
    return sorted((s.holder.code, s.polarity) for s in code(text, DAY).stances)


# A side a holder is counted in, a stance it keeps, a course it stands behind or is on board with.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Slovakia has been one of Moldova's staunchest backers since the war began.", [("SVK", "support")]),
        ("Estonia is among the strongest supporters of a tribunal for the invasion.", [("EST", "support")]),
        (
            "Finland remains one of the strongest supporters of the grain corridor, the minister said.",
            [("FIN", "support")],
        ),
        ("Serbia, Beijing's closest partner in the Balkans, hosted the forum.", [("SRB", "support")]),
        ("Serbia's ally Hungary hosted the forum.", [("HUN", "support")]),
        ("Moscow's closest ally, Minsk, hosted the drills.", [("BLR", "support")]),
        ("Malta voted in favour of the resolution on refugee quotas.", [("MLT", "support")]),
        ("Slovakia voted against the ammunition plan, the defence ministry said.", [("SVK", "oppose")]),
        ("Portugal is on board with the new migration pact, a diplomat said.", [("PRT", "support")]),
        ("Chile approves of the Brazilian proposal for talks, a spokesman said.", [("CHL", "support")]),
        ("Peru's interior ministry defended the raid on the compound as lawful and necessary.", [("PER", "support")]),
        ("Indonesia defended its export ban on nickel ore as lawful.", [("IDN", "support")]),
        ("Ukraine has not given up its goal of joining NATO, the foreign minister said.", [("UKR", "support")]),
        ('"Argentina will never give up its claim to the islands," the president said.', [("ARG", "support")]),
        ("Cyprus has not dropped its objections to the accession talks.", [("CYP", "oppose")]),
        ("The United States is committed to the defence of the Philippines, the Pentagon said.", [("USA", "support")]),
        ("The Polisario Front, whom Algeria backs, rejected the autonomy plan.", [("DZA", "support"), ("ESH", "oppose")]),
        ("Lula told reporters that Brazil supports Argentina's claim over the islands.", [("BRA", "support")]),
        ("Serbia sees the pact with China as a guarantee of stability.", [("SRB", "support")]),
        ("Georgia's government reaffirmed its commitment to EU membership.", [("GEO", "support")]),
        ("Croatia's parliament ratified Montenegro's accession to the EU.", [("HRV", "support")]),
        ("Montenegro's accession to the EU was ratified by the Croatian parliament.", [("HRV", "support")]),
    ],
)
def test_support_held(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Support denied, charged by critics, offered on a condition, asked for, given up, or a courtesy.
@pytest.mark.parametrize(
    "text",
    [
        "Belarus denied backing the separatists in the east.",
        "Uganda has denied supporting the rebels in Ituri, the government said.",
        "Moscow dismissed claims that it backed the coup.",
        "Canada, Norway and Japan condemned Iran's support for the militias.",
        "The Dutch prime minister welcomed the foreign ministers of Chile and Peru to The Hague.",
        "Oman, India's biggest trading partner in the Gulf, hosted the forum.",
        "Yerevan hopes to grow closer to its partners, France and India, after the vote.",
        "Ukrainian troops defended the town for three weeks.",
        "Cyprus dropped its objections to the accession talks.",
        "The minister told Quito to back the plan.",
        "Hungary would support the package only if its frozen funds were released, diplomats said.",
        "Croatia's parliament ratified the free trade agreement.",
    ],
)
def test_no_support_stance(code, text: str) -> None:  # noqa: ANN001
    assert held(code, text) == []
