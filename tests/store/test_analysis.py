"""The analyses on both backends, checked against a plain-Python recount of the stored events.

The store is filled with generated records (many dyads, three years) so that every path is
exercised: rollups of whole weeks and months, and the daily table for windows that cut
periods in half.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import networkx as nx
import pytest
from sqlalchemy import select

from actorgraph.analyze import Window, alerts, changes, dyads, network, stance_matrix, timeline
from actorgraph.ontology import intensity, quad_of
from actorgraph.store import open_store, schema
from actorgraph.store.aggregate import month_of, week_of
from actorgraph.store.sql import SqlStore
from actorgraph.synthetic import build
from tests.store.conftest import BACKENDS, empty_store_url

WINDOWS = {
    "everything": Window(),
    "whole months": Window(date(2023, 4, 1), date(2024, 9, 30)),
    "whole weeks": Window(date(2023, 4, 3), date(2024, 9, 29)),
    "ragged": Window(date(2023, 4, 11), date(2024, 9, 17)),
    "two actors": Window(actors=("SRB", "XKX")),
}


@pytest.fixture(scope="module", params=BACKENDS)
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SqlStore]:
    """One generated store per backend, shared by the read-only tests of this module."""
    store = open_store(empty_store_url(request, tmp_path_factory.mktemp("filled")))
    build(store, 4000, seed=11)
    yield store
    store.close()


def _events(store: SqlStore) -> list[Any]:
    d = schema.event_dyads.c
    with store.engine.connect() as conn:
        return conn.execute(
            select(d.date, d.source_code, d.target_code, d.quad, d.intensity).where(
                d.modality == "asserted", d.duplicate.is_(False)
            )
        ).all()


def _inside(window: Window, day: date, source: str, target: str) -> bool:
    if window.start and day < window.start or window.end and day > window.end:
        return False
    return not window.actors or source in window.actors or target in window.actors


def _bucket(day: date, period: str) -> str:
    return (week_of(day) if period == "week" else month_of(day) if period == "month" else day).isoformat()


@pytest.mark.parametrize("name", WINDOWS)
@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_dyads_match_a_recount(filled: SqlStore, name: str, period: str) -> None:
    window = WINDOWS[name]
    expected: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0.0])
    quads = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]
    for day, source, target, quad, score in _events(filled):
        if _inside(window, day, source, target):
            row = expected[(_bucket(day, period), source, target)]
            row[0] += 1
            row[1 + quads.index(quad)] += 1
            row[5] += score
    got = dyads(filled, window, period, limit=1_000_000)
    assert len(got) == len(expected)
    for row in got:
        want = expected[(row.period, row.source, row.target)]
        assert [row.events, row.verbal_cooperation, row.material_cooperation, row.verbal_conflict,
                row.material_conflict] == want[:5]
        assert row.intensity == pytest.approx(want[5], abs=0.01)


@pytest.mark.parametrize("name", ["everything", "whole weeks", "ragged"])
def test_tension_series_match_a_recount(filled: SqlStore, name: str) -> None:
    window = WINDOWS[name]
    pair = ("SRB", "XKX")
    for chosen in (None, pair):
        expected: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
        for day, source, target, _quad, score in _events(filled):
            if not _inside(window, day, source, target) or chosen and {source, target} != set(pair):
                continue
            point = expected[_bucket(day, "week")]
            point[0] += 1
            point[1 if score < 0 else 2] += abs(score)
        series = timeline(filled, window, "week", chosen)
        assert [p.period for p in series] == sorted(expected)
        for point in series:
            events, conflict, cooperation = expected[point.period]
            assert point.events == events
            assert point.conflict == pytest.approx(conflict, abs=0.01)
            assert point.tension == pytest.approx(conflict - cooperation, abs=0.02)


@pytest.mark.parametrize("name", ["everything", "whole months", "ragged"])
def test_stance_matrix_matches_a_recount(filled: SqlStore, name: str) -> None:
    window = WINDOWS[name]
    s = schema.stances.c
    with filled.engine.connect() as conn:
        rows = conn.execute(select(s.date, s.holder_code, s.target_code, s.polarity)).all()
    expected: Counter[tuple[str, str, str]] = Counter()
    for day, holder, target, polarity in rows:
        if _inside(window, day, holder, target):
            expected[(holder, target, polarity)] += 1
    cells = stance_matrix(filled, window, limit=100_000, examples=1)
    assert sum(c.support + c.oppose + c.neutral for c in cells) == sum(expected.values())
    for cell in cells[:20]:
        assert (cell.support, cell.oppose) == (expected[(cell.holder, cell.target, "support")],
                                              expected[(cell.holder, cell.target, "oppose")])
        example = cell.examples[0]
        assert window.start is None or example["date"] >= window.start


@pytest.mark.parametrize("name", ["everything", "ragged", "two actors"])
def test_network_weights_match_a_recount(filled: SqlStore, name: str) -> None:
    window = WINDOWS[name]
    expected: Counter[tuple[str, str, str]] = Counter()
    for day, source, target, quad, _score in _events(filled):
        if source != target and _inside(window, day, source, target):
            expected[(source, target, "conflict" if "conflict" in quad else "cooperation")] += 1
    graphs = network(filled, window)
    for kind in ("cooperation", "conflict"):
        got = {(a, b): data["weight"] for a, b, data in graphs[kind].edges(data=True)}
        want = {(a, b): n for (a, b, k), n in expected.items() if k == kind}
        assert got == want
    actors = graphs["actors"]
    assert actors and all(a["community"] >= 0 for a in actors)
    assert actors[0]["weight"] == max(a["weight"] for a in actors)
    exported = nx.generate_graphml(graphs["combined"])
    assert "<graphml" in "".join(exported)


def test_changes_list_what_is_first_seen_after_a_date(filled: SqlStore) -> None:
    since = date(2025, 6, 1)
    first: dict[tuple[str, str], date] = {}
    for day, source, target, *_ in _events(filled):
        first[(source, target)] = min(day, first.get((source, target), day))
    found = changes(filled, since)
    assert {(d["source"], d["target"]) for d in found["dyads"]} == {k for k, v in first.items() if v >= since}
    assert all(d["first_seen"] >= since.isoformat() for d in found["dyads"] + found["stances"] + found["actors"])
    bounded = changes(filled, date(2023, 1, 1), Window(end=date(2023, 1, 31)))
    assert {(d["source"], d["target"]) for d in bounded["dyads"]} == {
        k for k, v in first.items() if v <= date(2023, 1, 31)
    }
    assert {a["code"] for a in bounded["actors"]} >= {code for pair in first for code in pair if first[pair] <= date(2023, 1, 5)}


# ---- alerts: a quiet pair that suddenly fights ---------------------------------------------------
def _story(number: int, day: date, events: list[tuple[str, str, str, str]]) -> dict[str, list[dict[str, Any]]]:
    """One stored story whose sentences are the given (source, type, target, sentence) events."""
    text = " ".join(sentence for *_, sentence in events)
    now = datetime.now(UTC)
    doc_id = f"story-{number}"
    rows: dict[str, list[dict[str, Any]]] = {"documents": [{
        "id": doc_id, "source": f"{doc_id}.txt", "url": None, "title": None, "published": day, "byline": None,
        "place_name": None, "place_code": None, "text": text, "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "headings": [], "story_index": 0, "duplicate_of": None, "containment": None, "shingles": 0,
        "extractor": "test", "run_id": None, "ingested_at": now, "coded_at": now,
    }], "events": [], "event_dyads": []}  # fmt: skip
    offset = 0
    for index, (source, kind, target, sentence) in enumerate(events):
        event_id = f"{doc_id}-e{index}"
        start = text.index(sentence, offset)
        offset = start + len(sentence)
        rows["events"].append({
            "id": event_id, "doc_id": doc_id, "type": kind, "mode": None, "context": [],
            "source": [{"code": source}], "target": [{"code": target}], "modality": "asserted", "date": day,
            "location_name": None, "location_code": None, "evidence_start": start, "evidence_end": offset,
            "evidence_text": sentence, "confidence": 0.9, "extractor": "test", "quad": quad_of(kind),
            "intensity": intensity(kind, None),
        })  # fmt: skip
        rows["event_dyads"].append({
            "event_id": event_id, "source_code": source, "target_code": target, "date": day, "type": kind,
            "quad": quad_of(kind), "intensity": intensity(kind, None), "modality": "asserted", "duplicate": False,
        })  # fmt: skip
    return rows


def _weeks_of_talks(store: SqlStore, spike: bool) -> None:
    monday = date(2024, 1, 1)
    for week in range(12):
        day = monday + timedelta(weeks=week, days=2)
        events = [("MNE", "CONSULT", "SVN", f"Montenegro and Slovenia held routine talks in week {week}.")]
        if week == 3:
            events.append(("MNE", "ACCUSE", "SVN", "Montenegro accused Slovenia of meddling in a tender."))
        if spike and week == 10:
            events += [("SVN", "ASSAULT", "MNE", f"Slovenian forces fired on a Montenegrin patrol, incident {n}.")
                       for n in range(3)]
            events.append(("MNE", "THREATEN", "SVN", "Montenegro threatened to expel Slovenia's ambassador."))
        store.write(_story(week, day, events), [f"story-{week}"])


def test_an_alert_fires_when_a_quiet_dyad_breaks_out_and_shows_why(store: SqlStore) -> None:
    _weeks_of_talks(store, spike=True)
    found = alerts(store, Window(), "week", history=6, min_tension=5.0)
    assert len(found) == 1
    alert = found[0]
    assert alert.pair == ("MNE", "SVN")
    assert alert.period == (date(2024, 1, 1) + timedelta(weeks=10)).isoformat()
    assert alert.tension > alert.baseline_mean + 2 * alert.baseline_sd
    assert "previous 6 weeks" in alert.reason
    sentences = [e["evidence_text"] for e in alert.evidence]
    assert sentences and all("fired on a Montenegrin patrol" in s for s in sentences[:3])


def test_no_alert_without_a_breakout(store: SqlStore) -> None:
    _weeks_of_talks(store, spike=False)
    assert alerts(store, Window(), "week", history=6, min_tension=5.0) == []
