"""Who speaks: spokespeople for a body, and "she" after a titled official."""

from __future__ import annotations

from datetime import date

DAY = date(2023, 6, 1)


def _speakers(extraction) -> dict[str, str | None]:  # noqa: ANN001
    return {q.content.text: q.speaker.code if q.speaker else None for q in extraction.quotes}


def test_a_spokesperson_speaks_for_the_body_named_after_for(code) -> None:
    text = (
        "EUFOR sent extra troops to Brčko on Monday. "
        "The deployment was a precaution, a spokesperson for the mission said."
    )
    assert _speakers(code(text, DAY)).get("The deployment was a precaution") == "EU"


def test_she_refers_back_to_a_titled_official(code) -> None:
    text = (
        "A spokeswoman for the German foreign ministry said Berlin was following the talks closely. "
        "She said Germany would support any agreement the two sides reached."
    )
    speakers = _speakers(code(text, DAY))
    assert speakers.get("Germany would support any agreement the two sides reached") == "DEU"
