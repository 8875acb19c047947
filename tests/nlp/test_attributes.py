"""A verb's -ing form set before a noun says what kind of thing it is, not what happened."""

from __future__ import annotations

from datetime import date

import pytest

from tests.nlp.conftest import brief

DAY = date(2025, 3, 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hacking group Black Lotus, thought to work for Pyongyang, posted the files online.", []),
        ("Fighting units of the militia were seen near the airport in Goma.", []),
        # the same verb telling an act still codes it
        (
            "North Korean hackers hacked the servers of the South Korean defence ministry.",
            [("COERCE", ("PRK",), ("KOR",), "asserted")],
        ),
    ],
)
def test_an_ing_form_before_its_noun_is_no_act(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected
