"""Duplicates: excerpts and near-copies are marked, whatever order they arrive in."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from actorgraph.dedupe import Known, containment, fingerprints, mark_duplicates, shingles
from actorgraph.types import Document

ORIGINAL = (
    "Kosovo police closed two border crossings with Serbia on Tuesday after masked men blocked the road "
    "with trucks and set fire to a customs booth near Jarinje, the interior ministry said. "
    "Interior Minister Xhelal Sveçla said the men had fired shots into the air before fleeing north. "
    "Serbia's government denied any involvement and accused Pristina of provoking the local Serb community. "
    "The European Union called on both sides to show restraint and return to the dialogue in Brussels. "
    "NATO-led peacekeepers said they had increased patrols along the main roads of the northern "
    "municipalities and were in contact with both capitals. Traffic was diverted to the Merdare crossing, "
    "where lorries queued for several kilometres by the evening, according to drivers interviewed there."
)
EXCERPT = (
    "Interior Minister Xhelal Sveçla said the men had fired shots into the air before fleeing north. "
    "Serbia's government denied any involvement and accused Pristina of provoking the local Serb community. "
    "The European Union called on both sides to show restraint and return to the dialogue in Brussels."
)
REPUBLISHED = ORIGINAL.replace(
    "Kosovo police closed two border crossings", "Authorities in Kosovo shut two border crossings"
).replace("according to drivers interviewed there.", "drivers told local television.")
UNRELATED = (
    "Croatia's parliament approved the purchase of French Rafale jets on Friday, ending a long debate over "
    "how to replace the air force's ageing MiG-21 fighters. The defence minister said the first aircraft "
    "would arrive within two years and that pilots would begin training in France next spring."
)


def _doc(doc_id: str, text: str, order: int, published: date | None = None) -> Document:
    return Document(
        id=doc_id,
        source=doc_id,
        text=text,
        title=None,
        published=published,
        byline=None,
        place=None,
        order=order,
    )


@pytest.mark.parametrize("order", list(itertools.permutations(["original", "excerpt", "unrelated"])))
def test_excerpt_is_a_duplicate_whatever_the_order(order: tuple[str, ...]) -> None:
    texts = {"original": ORIGINAL, "excerpt": EXCERPT, "unrelated": UNRELATED}
    documents = [_doc(name, texts[name], i) for i, name in enumerate(order)]
    marked, stored = mark_duplicates(documents)
    by_id = {d.id: d for d in marked}
    assert by_id["excerpt"].duplicate_of == "original"
    assert by_id["excerpt"].containment == pytest.approx(1.0)
    assert by_id["original"].duplicate_of is None
    assert by_id["unrelated"].duplicate_of is None
    assert stored == {}


def test_of_two_near_equal_documents_the_later_is_the_duplicate() -> None:
    first = _doc("first", ORIGINAL, 1, date(2024, 5, 2))
    second = _doc("second", REPUBLISHED, 0, date(2024, 5, 3))  # read first, published later
    marked, _ = mark_duplicates([second, first])
    by_id = {d.id: d for d in marked}
    assert by_id["second"].duplicate_of == "first"
    assert by_id["first"].duplicate_of is None
    assert 0.8 <= (by_id["second"].containment or 0) < 1.0


def test_undated_near_equal_documents_fall_back_to_input_order() -> None:
    marked, _ = mark_duplicates([_doc("a", ORIGINAL, 0), _doc("b", REPUBLISHED, 1)])
    assert {d.id: d.duplicate_of for d in marked} == {"a": None, "b": "a"}


def test_threshold_is_respected() -> None:
    half = " ".join(EXCERPT.split()[:20]) + " " + UNRELATED
    marked, _ = mark_duplicates([_doc("orig", ORIGINAL, 0), _doc("half", half, 1)], threshold=0.8)
    assert all(d.duplicate_of is None for d in marked)


def test_against_the_store_both_directions() -> None:
    # A stored excerpt becomes the duplicate of a full story arriving later...
    marked, stored = mark_duplicates([_doc("full", ORIGINAL, 0)], known=[Known("old-excerpt", EXCERPT, None)])
    assert marked[0].duplicate_of is None
    assert stored == {"old-excerpt": ("full", pytest.approx(1.0))}
    # ...and a new excerpt of a stored story is marked in the run.
    marked, stored = mark_duplicates([_doc("new-excerpt", EXCERPT, 0)], known=[Known("stored-full", ORIGINAL, None)])
    assert marked[0].duplicate_of == "stored-full" and stored == {}


def test_shingles_ignore_case_diacritics_and_punctuation() -> None:
    assert shingles("Vučić said, “No.”") == shingles("VUCIC SAID no")
    assert containment(shingles(EXCERPT), shingles(ORIGINAL)) == pytest.approx(1.0)
    assert containment(frozenset(), shingles(ORIGINAL)) == 0.0


def test_fingerprints_sample_the_same_shingles_in_both_texts() -> None:
    whole, part = set(fingerprints(ORIGINAL)), set(fingerprints(EXCERPT))
    assert part and part <= whole
    assert len(whole) < len(shingles(ORIGINAL))
