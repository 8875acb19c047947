"""Clean and segment: stories, titles, datelines, bylines, headings, offsets."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from actorgraph.pipeline import place_resolver
from actorgraph.segment import is_heading, normalize, segment, unwrap
from actorgraph.types import Article

from .conftest import DATA, SAMPLES, SHARED, requires_shared

GOLDEN = Path(__file__).parent / "golden" / "segment"
PAGES = sorted((DATA / "pages").glob("*.txt"))


def _as_golden(documents) -> list[dict]:  # noqa: ANN001
    return [
        {
            "id": d.id,
            "title": d.title,
            "published": d.published.isoformat() if d.published else None,
            "byline": d.byline,
            "place": [d.place.name, d.place.code] if d.place else None,
            "headings": [d.text[s:e] for s, e in d.headings],
            "text": d.text,
        }
        for d in documents
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_pages_match_golden(page: Path, kb, update_golden: bool) -> None:
    documents = segment(Article(source=page.name, text=page.read_text(encoding="utf-8")), place_resolver(kb))
    got = _as_golden(documents)
    golden = GOLDEN / f"{page.stem}.json"
    if update_golden or not golden.exists():
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; check it and re-run")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_portal_page_splits_into_its_three_stories(kb) -> None:
    page = (DATA / "pages" / "portal_page.txt").read_text(encoding="utf-8")
    documents = segment(Article(source="portal", text=page), place_resolver(kb))
    assert [d.title for d in documents] == [
        "Montenegro Expels Two Russian Diplomats After Espionage Probe",
        "Croatian Navy Joins Adriatic Exercise With Italian And Greek Ships",
        "Kosovo police reopen Merdare crossing after overnight closure",
    ]
    first, second, third = documents
    # Hard wraps undone inside sentences, boilerplate and section labels gone.
    assert "leave the country within seven days on Thursday" in first.text
    assert "Share this" not in first.text and "Related" not in first.text
    assert first.published == date(2024, 3, 14) and first.place and first.place.code == "MNE"
    assert second.byline == "Ana Kovač" and second.place and second.place.name == "Split"
    assert "Read more" not in second.text
    assert third.published == date(2024, 3, 18) and third.place and third.place.code == "XKX"
    assert not third.text.endswith("Here")
    assert [d.story_index for d in documents] == [0, 1, 2]


def test_headings_are_their_own_lines_and_offsets_round_trip(kb) -> None:
    for page in PAGES:
        for document in segment(Article(source=page.name, text=page.read_text()), place_resolver(kb)):
            for start, end in document.headings:
                piece = document.text[start:end]
                assert piece and "\n" not in piece
                assert start == 0 or document.text[start - 1] == "\n"
                assert end == len(document.text) or document.text[end] == "\n"


@pytest.mark.parametrize(
    ("first_line", "place", "code", "published"),
    [
        ("BELGRADE, Serbia (AP) — Serbia's president said on Friday", "Belgrade", "SRB", None),
        ("SKOPJE, March 4 (Reuters) - North Macedonia's government", "Skopje", "MKD", date(2023, 3, 4)),
        ("TIRANA, Albania 20 June, 2025— A cyber group", "Tirana", "ALB", date(2025, 6, 20)),
        ("June 23, 2025 – Tirana Albania has expressed support", "Tirana", "ALB", date(2025, 6, 23)),
        (
            "BANJA LUKA, Bosnia and Herzegovina, June 15 — The president",
            "Banja Luka",
            "BIH",
            date(2023, 6, 15),
        ),
        ("Sarajevo, 2 May 2024 - The state court", "Sarajevo", "BIH", date(2024, 5, 2)),
    ],
)
def test_datelines(first_line: str, place: str, code: str, published: date | None, kb) -> None:
    text = f"Headline About The Story\n\n{first_line} and more words follow here.\nA second sentence."
    [document] = segment(Article(source="x", text=text, date_hint=date(2023, 1, 1)), place_resolver(kb))
    assert document.place is not None
    assert (document.place.name, document.place.code) == (place, code)
    if published is not None:
        assert document.published == published
    # The dateline is a heading line of its own, so no sentence starts with it.
    assert any(document.text[s:e].startswith(first_line.split()[0]) for s, e in document.headings)


def test_acronym_before_a_dash_is_not_a_dateline(kb) -> None:
    text = "NATO — the alliance said on Monday it would keep its troops in Kosovo."
    [document] = segment(Article(source="x", text=text), place_resolver(kb))
    assert document.place is None


def test_unwrap_joins_only_broken_sentences() -> None:
    lines = [
        "Serbia said on Monday that it would not accept the",
        "proposal, the foreign minister told reporters.",
        "Key Provisions of the Agreement",
        "The agreement covers training and exercises.",
    ]
    assert unwrap(lines) == [
        "Serbia said on Monday that it would not accept the proposal, the foreign minister told reporters.",
        "Key Provisions of the Agreement",
        "The agreement covers training and exercises.",
    ]


def test_is_heading() -> None:
    assert is_heading("Serbia’s Strong Opposition and Geopolitical Repercussions")
    assert is_heading("Albania Aligns Firmly with U.S. in Iran Standoff")
    assert not is_heading("Serbia has reacted strongly to the agreement.")
    assert not is_heading("the talks will continue in Brussels next week")


def test_sentence_case_headline_is_found_by_layout(kb) -> None:
    text = "Serbia objects to new defence pact\n\nBELGRADE, March 19 — Serbia's president said the pact was a threat."
    [document] = segment(Article(source="x", text=text), place_resolver(kb))
    assert document.title == "Serbia objects to new defence pact"


def test_jsonl_ids_for_multi_story_articles(kb) -> None:
    text = (
        "Main Story Headline Here\n\nPRISTINA, Kosovo (AP) — Kosovo police closed a crossing.\n\nNews\n"
        "Second Story About Something Else\n\nSKOPJE, North Macedonia (AP) — Lawmakers voted on Monday."
    )
    documents = segment(Article(source="feed", text=text, given_id="abc-1"), place_resolver(kb))
    assert [d.id for d in documents] == ["abc-1", "abc-1#2"]


@requires_shared(SHARED / "corpus" / "seeds")
def test_seed_page_gives_four_stories(kb) -> None:
    page = next((SHARED / "corpus" / "seeds").glob("001_*.txt")).read_text(encoding="utf-8")
    documents = segment(Article(source="seed", text=page), place_resolver(kb))
    assert len(documents) == 4
    assert documents[0].title == "News Analysis: A Geopolitical Shift in the Western Balkans?"
    assert documents[0].byline == "Tirana Times Editorial Board"
    assert documents[3].byline == "Tirana Times"
    assert documents[3].published == date(2025, 6, 20)


def test_sample_corpus_segments_without_losing_text(kb) -> None:
    for path in sorted((SAMPLES / "corpus").glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        documents = segment(Article(source=path.name, text=raw), place_resolver(kb))
        assert documents, path.name
        kept = " ".join(" ".join(d.text.split()) for d in documents)
        # Every sentence-final word of the body survives cleaning.
        for line in raw.splitlines():
            words = line.split()
            if len(words) > 8 and line.rstrip().endswith("."):
                assert words[-1] in kept, (path.name, line)


_WORDS = st.sampled_from(
    [
        "Serbia",
        "said",
        "the",
        "Kosovo",
        "police",
        "on",
        "Monday.",
        "NATO",
        "—",
        "News",
        "\n",
        "\n\n",
        "Original post Here",
        "By Ana Kovač",
        "BELGRADE,",
        "(AP)",
        "Vučić",
        "…",
        "“",
        "”",
        "  ",
        "\t",
    ]
)


@given(st.lists(_WORDS, min_size=1, max_size=80))
@hsettings(max_examples=150, deadline=None)
def test_segment_properties(words: list[str]) -> None:
    text = " ".join(words)
    first = segment(Article(source="prop", text=text))
    second = segment(Article(source="prop", text=text))
    assert [d.id for d in first] == [d.id for d in second]
    for document in first:
        assert document.text.strip()
        assert normalize(document.text) == document.text
        for start, end in document.headings:
            assert 0 <= start < end <= len(document.text)
