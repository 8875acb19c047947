"""The PETRARCH/TABARI (Phoenix) dictionary importer (`actorgraph kb import`).

A small dictionary is written here in the TABARI format, imported into a layer, and the layer
loaded on top of the bundled knowledge base. The people and organisations in it are made up,
so whatever the layered knowledge base says about them can only have come from the import.
If the real Phoenix dictionaries are available beside the repository (`../shared`), they are
imported too.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from actorgraph.resolve.kb import KnowledgeBase
from actorgraph.resolve.phoenix import ImportSummary, import_dictionaries

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
PHOENIX = SHARED / "dictionaries" / "phoenix"
ACTORGRAPH = ROOT / ".venv" / "bin" / "actorgraph"

ACTORS = """\
# A small actor dictionary in the TABARI/Phoenix format.
# Comments start with '#', also after an entry.

KOSOVO_  [KSV]  # World Bank code, not ISO 3166
+KOSOVA_
+COSSOVO_   # a spelling the bundled knowledge base does not list
+KOSOVAR_

ZORAN_KVASTEVIC_   # made up
+KVASTEVIC_
+Z._KVASTEVIC_
\t[SRBMIL 980301-991231]          # YYMMDD-YYMMDD
\t[KSVGOV 000105-020301]          # YYMMDD after 2000, the Kosovo code
\t[IGOUNOREF 20030415-20071130]   # YYYYMMDD
\t[SRBGOV >080601]                # from a date on
\t[SRBELI]                        # undated
\t[SRBGOV 991345]                 # month 13: malformed

ATLANTIC_REFUGEE_RELIEF_AGENCY_ [IGOUNOREF]
+ARRA_
"""

AGENTS = """\
# An agents dictionary in the PETRARCH format.
!PERSON! = MAN, MEN
!MINIST! = MINISTER, MINISTERS

ARMED_!PERSON!_ [~MIL]
!MINIST!_OF_TOURISM_ [~GOV]   # two terms
GOVERNMENT_OFFICIAL_ [~GOV]
# SHOULD_NOT_APPEAR_ [~MIL]
"""

PERSON = "Zoran Kvastevic"


def write_dictionaries(directory: Path, actors: str = ACTORS, agents: str | None = AGENTS) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "test.actors.txt"]
    paths[0].write_text(actors, encoding="utf-8")
    if agents is not None:
        paths.append(directory / "test.agents.txt")
        paths[1].write_text(agents, encoding="utf-8")
    return paths


def run_import(tmp_path: Path, actors: str = ACTORS, agents: str | None = AGENTS):
    """(summary, warnings, layer directory) of importing the given dictionaries."""
    warnings: list[tuple[str, str]] = []
    layer = tmp_path / "phoenix-layer"
    summary = import_dictionaries(
        write_dictionaries(tmp_path / "dicts", actors, agents),
        layer,
        warn=lambda source, message: warnings.append((source, message)),
    )
    return summary, warnings, layer


def tsv(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory):
    return run_import(tmp_path_factory.mktemp("phoenix"))


@pytest.fixture(scope="module")
def layered(imported) -> KnowledgeBase:
    return KnowledgeBase.load([imported[2]])


def the_person(kb: KnowledgeBase):
    entries = {entry.id: entry for entry, _ in kb.lookup(PERSON)}
    assert list(entries) == ["person:zoran-kvastevic"]
    return entries["person:zoran-kvastevic"]


# ---- the layer files ---------------------------------------------------------------------


def test_summary_counts(imported) -> None:
    summary, _, _ = imported
    # 1 country; 1 organisation; 5 readable roles of one person; 2 + 2 + 1 agent terms
    assert summary == ImportSummary(states=1, organisations=1, people=5, agents=5)


def test_layer_has_every_file_with_the_documented_header(imported) -> None:
    layer = imported[2]
    assert sorted(p.name for p in layer.iterdir()) == [
        "agents.tsv",
        "organisations.tsv",
        "people.tsv",
        "states.tsv",
    ]
    first = (layer / "people.tsv").read_text(encoding="utf-8").splitlines()[1]
    assert first.split("\t") == ["id", "name", "aliases", "code", "sector", "role", "start", "end", "notes"]


def test_malformed_date_is_warned_about_and_skipped(imported) -> None:
    _, warnings, layer = imported
    assert len(warnings) == 1
    source, message = warnings[0]
    assert source.endswith("test.actors.txt")
    assert "991345" in message and PERSON in message
    assert "1999-13" not in (layer / "people.tsv").read_text(encoding="utf-8")


def test_ksv_becomes_xkx(imported) -> None:
    layer = imported[2]
    assert [(row["code"], row["name"]) for row in tsv(layer / "states.tsv")] == [("XKX", "Kosovo")]
    codes = {row["code"] for row in tsv(layer / "people.tsv")}
    assert "XKX" in codes
    assert all("KSV" not in path.read_text(encoding="utf-8") for path in layer.iterdir())


def test_dates_become_iso(imported) -> None:
    rows = tsv(imported[2] / "people.tsv")
    spans = [(row["code"], row["sector"], row["start"], row["end"]) for row in rows]
    # PETRARCH's limits are inclusive; the layer's `end` is the first day out of office.
    assert spans == [
        ("SRB", "MIL", "1998-03-01", "2000-01-01"),
        ("XKX", "GOV", "2000-01-05", "2002-03-02"),
        ("UN", "REF", "2003-04-15", "2007-12-01"),
        ("SRB", "GOV", "2008-06-01", ""),
        ("SRB", "ELI", "", ""),
    ]
    assert {row["name"] for row in rows} == {PERSON}
    assert {row["aliases"] for row in rows} == {"Kvastevic|Z. Kvastevic"}


def test_igo_code_becomes_organisation_and_sector(imported) -> None:
    rows = tsv(imported[2] / "organisations.tsv")
    assert [(r["name"], r["code"], r["sector"]) for r in rows] == [("Atlantic Refugee Relief Agency", "UN", "REF")]


def test_agent_macros_are_expanded(imported) -> None:
    rows = tsv(imported[2] / "agents.tsv")
    assert sorted((row["term"], row["sector"]) for row in rows) == [
        ("armed man", "MIL"),
        ("armed men", "MIL"),
        ("government official", "GOV"),
        ("minister of tourism", "GOV"),
        ("ministers of tourism", "GOV"),
    ]


# ---- the layer, loaded -------------------------------------------------------------------


def test_bundled_kb_alone_knows_none_of_the_made_up_names(kb: KnowledgeBase) -> None:
    for name in (PERSON, "Kvastevic", "Cossovo", "Atlantic Refugee Relief Agency", "armed men"):
        assert kb.lookup(name) == [], name


@pytest.mark.parametrize(
    ("day", "code", "sector", "status"),
    [
        (date(1999, 6, 1), "SRB", "MIL", "current"),
        (date(2001, 6, 1), "XKX", "GOV", "current"),
        (date(2005, 6, 1), "UN", "REF", "current"),
        (date(2015, 1, 1), "SRB", "GOV", "current"),
        # outside every dated role the undated one (SRBELI) holds
        (date(2002, 9, 1), "SRB", "ELI", "current"),
        (date(1990, 1, 1), "SRB", "ELI", "current"),
    ],
)
def test_person_resolves_by_date(layered: KnowledgeBase, day: date, code: str, sector: str, status: str) -> None:
    person = the_person(layered)
    assert person.layer == "phoenix-layer"
    role, how = person.role_at(day)
    assert (role.code, role.sector, how) == (code, sector, status)


def test_person_aliases_are_indexed(layered: KnowledgeBase) -> None:
    for name in ("Kvastevic", "Z. Kvastevic", "ZORAN KVASTEVIC"):
        assert {e.id for e, _ in layered.lookup(name)} == {"person:zoran-kvastevic"}, name


def test_imported_country_aliases_join_the_bundled_state(layered: KnowledgeBase) -> None:
    assert {e.id for e, _ in layered.lookup("Cossovo")} == {"state:XKX"}
    assert layered.state("XKX").name == "Kosovo"
    assert layered.state("KSV") is None


def test_imported_organisation(layered: KnowledgeBase) -> None:
    found = {e.id: e for e, _ in layered.lookup("Atlantic Refugee Relief Agency")}
    assert list(found) == ["org:atlantic-refugee-relief-agency"]
    entry = found["org:atlantic-refugee-relief-agency"]
    assert (entry.code, entry.sector, entry.layer) == ("UN", "REF", "phoenix-layer")


def test_imported_agents(layered: KnowledgeBase) -> None:
    for term, sector in (("armed men", "MIL"), ("armed man", "MIL"), ("ministers of tourism", "GOV")):
        entries = [e for e, _ in layered.lookup(term)]
        assert [(e.kind, e.sector, e.layer) for e in entries] == [("agent", sector, "phoenix-layer")], term
    assert layered.lookup("should not appear") == []


def test_imported_names_are_found_in_text(layered: KnowledgeBase) -> None:
    text = "Armed men loyal to Zoran Kvastevic crossed from Cossovo."
    found = {text[h.start : h.end]: {a.entry_id for a in h.aliases} for h in layered.scan(text)}
    assert "person:zoran-kvastevic" in found["Zoran Kvastevic"]
    assert "state:XKX" in found["Cossovo"]
    # each expanded form is an agent entry of its own
    assert found["Armed men"] == {"agent:armed men"}


def test_bad_input_files(tmp_path: Path) -> None:
    warnings: list[tuple[str, str]] = []
    notes = tmp_path / "notes.txt"
    notes.write_text("# only comments\n\n", encoding="utf-8")
    summary = import_dictionaries([notes], tmp_path / "out", warn=lambda s, m: warnings.append((s, m)))
    assert summary == ImportSummary(0, 0, 0, 0)
    assert warnings == [(str(notes), "no actor entries found (not an actor dictionary?); skipped")]

    from actorgraph.errors import KnowledgeBaseError

    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        import_dictionaries([tmp_path / "missing.txt"], tmp_path / "out2", warn=lambda s, m: None)


# ---- known importer bugs -------------------------------------------------------------------


def test_dated_country_entry_is_a_state(tmp_path: Path) -> None:
    summary, _, layer = run_import(tmp_path, "SERBIA_AND_MONTENEGRO [SCG 920428-060605]\n+SERBIA_MONTENEGRO\n", None)
    assert summary.people == 0
    assert [row["code"] for row in tsv(layer / "states.tsv")] == ["SCG"]


def test_function_words_are_not_kept_upper_case(tmp_path: Path) -> None:
    _, _, layer = run_import(tmp_path, "KOSOVO_ [KSV]\n+REPUBLIC_OF_KOSOVO_\n+THE_KOSOVO_REPUBLIC_\n", None)
    assert tsv(layer / "states.tsv")[0]["aliases"].split("|") == ["Republic of Kosovo", "The Kosovo Republic"]


def test_short_acronyms_keep_their_case(tmp_path: Path) -> None:
    _, _, layer = run_import(tmp_path, "UNITED_NATIONS_ [IGOUNO]\n+UN_\n+EU_AND_UN_\n", None)
    row = tsv(layer / "organisations.tsv")[0]
    assert (row["name"], row["code"], row["sector"]) == ("United Nations", "UN", "IGO")
    assert row["aliases"].split("|")[0] == "UN"


def test_dotted_acronyms_keep_their_case(tmp_path: Path) -> None:
    _, _, layer = run_import(tmp_path, "UNITED_NATIONS_ [IGOUNO]\n+U.N._\n", None)
    assert tsv(layer / "organisations.tsv")[0]["aliases"] == "U.N."


def test_quotes_in_names_survive_the_round_trip(tmp_path: Path) -> None:
    actors = 'RICHARD_"DICKIE"_ZQXBRADLEY_\n\t[BLZGOV 030101-031231]\n\t[BLZELI 040101-051231]\n'
    _, _, layer = run_import(tmp_path, actors, None)
    kb = KnowledgeBase.load([layer])
    names = {entry.name for entry, _ in kb.lookup('Richard "dickie" Zqxbradley')}
    assert names == {'Richard "dickie" Zqxbradley'}


def test_non_numeric_date_is_warned_about(tmp_path: Path) -> None:
    actors = "ZORAN_KVASTEVIC_\n\t[SRBMIL 980301-991231]\n\t[SRBGOV 98-03-01]\n"
    _, warnings, _ = run_import(tmp_path, actors, None)
    assert any("98-03-01" in message for _, message in warnings)


def test_reversed_date_range_is_warned_about(tmp_path: Path) -> None:
    actors = "ZORAN_KVASTEVIC_\n\t[SRBMIL 980301-991231]\n\t[SRBGOV 20121207-20120802]\n"
    _, warnings, _ = run_import(tmp_path, actors, None)
    assert any("20121207" in message for _, message in warnings)


def test_agent_plural_notation(tmp_path: Path) -> None:
    agents = "ARMED_POLICE {} [~COP]\nCHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n"
    _, _, layer = run_import(tmp_path, "KOSOVO_ [KSV]\n", agents)
    terms = sorted(row["term"] for row in tsv(layer / "agents.tsv"))
    assert terms == ["armed police", "chamber of commerce", "chambers of commerce"]


# ---- the command line ----------------------------------------------------------------------


def run_cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ACTORGRAPH), *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def cli_layer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("cli")
    out = base / "cli-layer"
    result = run_cli("kb", "import", *write_dictionaries(base / "dicts"), "--out", out, cwd=base)
    assert result.returncode == 0, result.stderr
    assert "991345" in result.stderr  # the warning reaches the user
    assert "wrote layer" in result.stderr
    return out


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        (
            PERSON,
            "1999-06-01",
            {"code": "SRB", "sector": "MIL", "kind": "person", "office_status": "current"},
        ),
        (
            PERSON,
            "2001-06-01",
            {"code": "XKX", "sector": "GOV", "kind": "person", "office_status": "current"},
        ),
        ("Kvastevic", "2005-06-01", {"code": "UN", "sector": "REF", "kind": "person"}),
        (
            "Atlantic Refugee Relief Agency",
            "2005-06-01",
            {"code": "UN", "sector": "REF", "kind": "organisation"},
        ),
        ("Cossovo", "2005-06-01", {"id": "state:XKX", "code": "XKX", "kind": "state", "layer": "builtin"}),
    ],
)
def test_cli_lookup_json(cli_layer: Path, name: str, day: str, expected: dict[str, str]) -> None:
    result = run_cli("kb", "lookup", name, "--kb", cli_layer, "--date", day, "--json", cwd=cli_layer.parent)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    assert len({row["id"] for row in rows}) == 1  # "Kvastevic" is both an alias and the surname
    for row in rows:
        assert expected.items() <= row.items()
        if row["kind"] != "state":
            assert row["layer"] == "cli-layer"


def test_cli_lookup_unknown_name_fails(cli_layer: Path) -> None:
    result = run_cli("kb", "lookup", "Qqzx Nobody", "--kb", cli_layer, "--json", cwd=cli_layer.parent)
    assert result.returncode == 1
    assert json.loads(result.stdout) == []


# ---- the real Phoenix dictionaries ------------------------------------------------------------

PHOENIX_FILES = [
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.agents.txt",
]


@pytest.fixture(scope="module")
def phoenix(tmp_path_factory: pytest.TempPathFactory):
    if not all((PHOENIX / name).is_file() for name in PHOENIX_FILES):
        # Under CI (ACTORGRAPH_REQUIRE_SHARED=1) a missing ../shared fails rather than skips.
        if os.environ.get("ACTORGRAPH_REQUIRE_SHARED") == "1":
            pytest.fail(f"ACTORGRAPH_REQUIRE_SHARED=1 but the Phoenix dictionaries are not in {PHOENIX}")
        pytest.skip(f"Phoenix dictionaries not found in {PHOENIX}")
    out = tmp_path_factory.mktemp("real") / "phoenix"
    warnings: list[tuple[str, str]] = []
    summary = import_dictionaries(
        [PHOENIX / name for name in PHOENIX_FILES], out, warn=lambda s, m: warnings.append((s, m))
    )
    return summary, warnings, out, KnowledgeBase.load([out])


def test_real_phoenix_import_is_complete(phoenix) -> None:
    summary, warnings, _, _ = phoenix
    assert summary.states > 150 and summary.people > 10_000 and summary.agents > 1_000
    # Only the dictionaries' own typos (7-digit dates) are warned about.
    assert warnings and all(
        "unreadable dates" in message or "end before they start" in message for _, message in warnings
    )


def test_real_phoenix_layer_has_no_phoenix_only_country_codes(phoenix) -> None:
    out = phoenix[2]
    for name in ("states.tsv", "people.tsv"):
        codes = {row["code"] for row in tsv(out / name)}
        assert not codes & {"KSV", "TMP", "USR", "FRY", "ROM"}, name
    assert "XKX" in {row["code"] for row in tsv(out / "states.tsv")}


def test_real_phoenix_agent_macros_are_all_expanded(phoenix) -> None:
    terms = [row["term"] for row in tsv(phoenix[2] / "agents.tsv")]
    assert [t for t in terms if "!" in t or "_" in t] == []
    assert {"minister", "ministers", "ministry", "ministries"} <= set(terms)


def test_real_phoenix_people_resolve_by_date(phoenix) -> None:
    kb = phoenix[3]
    # Milošević is in the bundled knowledge base (this Phoenix release has no entry for him);
    # the layer must not disturb him.
    role, how = {e.id: e for e, _ in kb.lookup("Slobodan Milosevic")}["person:slobodan-milosevic"].role_at(
        date(1995, 6, 1)
    )
    assert role.code in {"SRB", "YUG"} and how == "current"
    # Only in Phoenix: Nexhat Daci, [KSVGOV 060121-080217].
    daci = {e.id: e for e, _ in kb.lookup("Nexhat Daci")}["person:nexhat-daci"]
    assert daci.layer == "phoenix"
    role, how = daci.role_at(date(2007, 1, 1))
    assert (role.code, role.sector, how) == ("XKX", "GOV", "current")
    assert daci.role_at(date(2009, 1, 1))[1] == "former"
