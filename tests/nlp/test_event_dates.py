"""The date of an act is the one the sentence puts it in: a weekday counts back from the story,
an act "in" a past month or year is dated to that month or year's first day, and a year that
only names a thing ("a 2018 pact") or a span ("since 2015") leaves the act on its own date."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 5, 16)  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Bahrain cut diplomatic ties with Qatar in June 2017.", date(2017, 6, 1)),
        ("Bahrain cut diplomatic ties with Qatar in 2017.", date(2017, 1, 1)),
        ("Bahrain cut diplomatic ties with Qatar in 2017, its foreign ministry said.", date(2017, 1, 1)),
        ("Bahrain cut diplomatic ties with Qatar on Monday.", date(2024, 5, 13)),
        ("Seoul suspended a 2018 military accord with Pyongyang on Tuesday.", date(2024, 5, 14)),
        ("Bahrain cut diplomatic ties with Qatar.", DAY),
    ],
)
def test_an_act_is_dated_where_the_sentence_puts_it(code, sentence: str, expected: date) -> None:  # noqa: ANN001
    events = code(sentence, DAY).events
    assert [e.type for e in events] == ["SANCTION"]
    assert events[0].date == expected


def test_a_year_still_to_come_dates_no_act(code) -> None:  # noqa: ANN001
    events = code("Chile and Peru will hold talks on fisheries in 2025.", DAY).events
    assert [(e.type, e.date) for e in events] == [("AGREE", DAY)]
