"""Accusations in their common shapes: summons, charges, blame laid on someone, a wrong told in
reported speech, judgements of an act and complaints. Each sentence is asserted whole (an extra
event fails it). Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a summons is aimed at the envoy's state, in either voice
        ("Romania summoned Russia's ambassador over the drone incursion.", [("ACCUSE", ("ROU",), ("RUS",), "asserted")]),
        ("Russia's ambassador was summoned by Romania over the drone incursion.", [("ACCUSE", ("ROU",), ("RUS",), "asserted")]),
        # charges laid, or faced, by people of the state that brings them
        ("Prosecutors in Tbilisi charged three opposition activists with sabotage.", [("ACCUSE", ("GEO",), ("GEO",), "asserted")]),
        ("Two former Ecuadorian ministers face charges of fraud.", [("ACCUSE", ("ECU",), ("ECU",), "asserted")]),
        # blame laid on someone, in either voice
        ("Kyiv blamed the blast on Russian saboteurs.", [("ACCUSE", ("UKR",), ("RUS",), "asserted")]),
        ("The blast was blamed on Russian saboteurs by Kyiv.", [("ACCUSE", ("UKR",), ("RUS",), "asserted")]),
    ],
)
def test_summons_charges_and_blame(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a wrong told in reported speech accuses whoever did it, however the speech is placed
        ("Vietnam said Chinese vessels had illegally entered its waters.", [("ACCUSE", ("VNM",), ("CHN",), "asserted")]),
        ("Chinese vessels had illegally entered its waters, Vietnam said.", [("ACCUSE", ("VNM",), ("CHN",), "asserted")]),
        # saying an act harmed something condemns its doer
        ("Germany said Hungary's veto had derailed the talks.", [("ACCUSE", ("DEU",), ("HUN",), "asserted")]),
        # a verb that says what its object is judges the object's owner
        ("Lithuania called Russia's decision a provocation.", [("ACCUSE", ("LTU",), ("RUS",), "asserted")]),
        ("Estonia dismissed Russia's measures as half-steps.", [("ACCUSE", ("EST",), ("RUS",), "asserted")]),
        # complaining of what someone did
        ("Mexico complained of harassment by Ecuadorian police.", [("ACCUSE", ("MEX",), ("ECU",), "asserted")]),
        # warning someone to stop is a demand, not an accusation
        ("Japan warned China to stop sending ships into its waters.", [("REQUEST", ("JPN",), ("CHN",), "asserted")]),
    ],
)
def test_wrongs_told_judged_and_complained_of(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
