"""`actorgraph bench`, `bench --dask`, `bench-store` and `bench-load`: they run, measure what they say, and the
executors they compare agree. The figures themselves are not asserted (speed lives in the
benchmark, not in tests); their shape and their consistency are."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from actorgraph.bench import load_benchmark, load_mix, load_parameters, store_benchmark, varied_corpus

from .conftest import SAMPLES

CORPUS = SAMPLES / "corpus"
ACTORGRAPH = [sys.executable, "-m", "actorgraph.serve.cli"]


def test_the_varied_corpus_holds_distinct_stories_whose_headings_still_point_at_their_lines() -> None:
    documents = varied_corpus([str(CORPUS)], 40)
    assert len(documents) == 40
    assert len({d.id for d in documents}) == 40
    assert len({d.text for d in documents}) == 40
    for document in documents:
        lines = document.text.split("\n")
        for start, end in document.headings:
            assert document.text[start:end] in lines
            assert document.text[start:end].strip()


def test_bench_compares_extract_with_the_bare_pipeline_on_the_same_texts(tmp_path: Path) -> None:
    story = tmp_path / "2024-06-15_bosnia_rs.txt"
    story.write_text((CORPUS / "2024-06-15_bosnia_rs.txt").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([*ACTORGRAPH, "bench", str(tmp_path), "--repeat", "1", "--json"],
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    [bare], [full] = result["bare"], result["extract"]
    assert bare["articles"] == full["articles"] >= 1
    assert bare["words"] == full["words"] > 100
    assert 0 < result["ratio"] == pytest.approx(full["words_per_s"] / bare["words_per_s"], rel=0.01)


def test_bench_dask_runs_every_executor_on_the_same_stories_and_they_agree() -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    # Four stories: as many as the two-worker phase warms up on, and still a Dask task per timed run.
    # What stays slow is the three fresh processes and three Dask workers that each load the model
    # (the benchmark isolates its phases on purpose); a story more is coded once more in every phase.
    docs = 4
    done = subprocess.run([*ACTORGRAPH, "bench", "--dask", "--docs", str(docs), "--json"], capture_output=True,
                          timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    result = json.loads(done.stdout)
    phases = result["phases"]
    assert [(p["executor"], p["workers"]) for p in phases] == [("local", 1), ("dask", 1), ("dask", 2)]
    assert all(p["documents"] == docs and p["failed"] == 0 and p["same_as_local"] for p in phases)
    assert len({p["events"] for p in phases}) == 1 and phases[0]["events"] > 0
    write = result["store_write"]
    assert write["documents"] == docs and write["rows"] > docs and write["rows_per_s"] > 0
    assert result["corpus"]["distinct_texts"] == docs


def test_bench_store_fills_up_to_the_size_asked_and_times_every_analysis(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    first = store_benchmark(url, events=3000, repeat=2)
    assert first["events"] >= 3000 and first["built"]["events"] == first["events"]
    assert set(first["queries"]) == {
        "dyads by month", "timeline by week", "timeline of a pair", "alerts (last year)", "stance matrix",
        "network", "network of two actors", "changes since a date",
    }
    assert all(0 < q["p50_ms"] <= q["p95_ms"] for q in first["queries"].values())
    again = store_benchmark(url, events=3000, repeat=1)  # big enough already: nothing is added
    assert again["built"] is None and again["events"] == first["events"]


def test_bench_load_serves_the_store_and_reports_each_mix_by_route(
    tmp_path: Path, corpus_copy: Callable[[Path], str]
) -> None:
    url = corpus_copy(tmp_path)  # the sample corpus, coded by `ingest`
    result = load_benchmark(url, connections=3, seconds=0.5, warmup=0.1)  # a store with stories is served as it is
    assert result["store"]["backend"] == "sqlite" and result["store"]["documents"] >= 10
    parameters = load_parameters(url)
    assert parameters.actor != parameters.partner
    for kind in ("api", "dashboard"):
        mix = result["mixes"][kind]
        assert mix["requests"] > 0 and mix["requests_per_s"] > 0
        assert mix["errors"] == 0, mix["error_kinds"]
        assert mix["p50_ms"] <= mix["p95_ms"] <= mix["p99_ms"]
        assert set(mix["routes"]) <= {route for route, _path in load_mix(kind, parameters)}
        assert sum(r["requests"] for r in mix["routes"].values()) == mix["requests"]
