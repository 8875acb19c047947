"""Counts reach the analyses: the dyad and timeline views sum what the texts say was killed,
wounded, detained, displaced or deployed. Stories written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.analyze import Window, dyads, timeline
from actorgraph.pipeline import Resources
from actorgraph.run import ingest
from actorgraph.store import open_store

STORIES = [
    {"id": "raid", "published": "2025-05-04",
     "text": "BAMAKO, May 4 - Islamist gunmen attacked a Malian army post near Mopti on Sunday, killing 14 soldiers "
             "and wounding at least 20 others, the army said."},
    {"id": "arrests", "published": "2025-05-19",
     "text": "BAMAKO, May 19 - Malian police arrested 27 opposition protesters in Bamako on Monday."},
    {"id": "toll", "published": "2025-05-20",
     "text": "BAMAKO, May 20 - Islamist gunmen attacked a Malian convoy on Tuesday. "
             "The death toll from the fighting in Mali this year rose to 400, officials said."},
    {"id": "copy", "published": "2025-05-21",
     "text": "BAMAKO, May 4 - Islamist gunmen attacked a Malian army post near Mopti on Sunday, killing 14 soldiers "
             "and wounding at least 20 others, the army said."},
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, resources: Resources):  # noqa: ANN201
    folder = tmp_path_factory.mktemp("tolls")
    source = folder / "news.jsonl"
    source.write_text("".join(json.dumps(s) + "\n" for s in STORIES), encoding="utf-8")
    opened = open_store(f"sqlite:///{folder / 'store.db'}")
    ingest([str(source)], opened, resources, warn=lambda *_: None)
    yield opened
    opened.close()


def test_the_timeline_sums_the_counts_of_its_period(store) -> None:  # noqa: ANN001
    [may] = timeline(store, Window(), "month")
    # 14 killed and 20 wounded in the raid, 27 detained; the running toll and the copied story add nothing
    assert (may.period, may.killed, may.wounded, may.detained, may.displaced, may.deployed) == (
        "2025-05-01", 14, 20, 27, 0, 0
    )


def test_weeks_and_a_pair_narrow_the_sums(store) -> None:  # noqa: ANN001
    weeks = {p.period: (p.killed, p.wounded, p.detained) for p in timeline(store, Window(), "week")}
    assert weeks["2025-04-28"] == (14, 20, 0) and weeks["2025-05-19"] == (0, 0, 27)
    assert [p.killed for p in timeline(store, Window(), "month", ("MLI", "FRA"))] == []


def test_dyad_rows_carry_their_sums(store) -> None:  # noqa: ANN001
    rows = {(r.source, r.target): (r.killed, r.wounded, r.detained) for r in dyads(store, Window(), "month")}
    # the raid's gunmen are no state's, so they are coded, as PLOVER codes an unclaimed attack, by
    # where they struck: the Malian dyad carries the raid's toll beside the arrests
    assert rows == {("MLI", "MLI"): (14, 20, 27)}


def test_the_api_gives_the_sums(store, resources: Resources) -> None:  # noqa: ANN001
    from tests.api.conftest import make_client

    client = make_client(store, resources)
    [point] = client.get("/api/timeline", params={"period": "month"}).json()["items"]
    assert (point["killed"], point["wounded"], point["detained"]) == (14, 20, 27)


def test_a_store_written_before_counts_reads_as_no_counts(tmp_path: Path) -> None:
    empty = open_store(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert timeline(empty, Window(), "month") == []
    finally:
        empty.close()
