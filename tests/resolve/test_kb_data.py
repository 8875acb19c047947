"""Integrity of the bundled knowledge-base data files (`src/actorgraph/resolve/data/*.tsv`).

The files are read twice: directly, with the `csv` module, exactly as their README describes
them (so a mistake in the loader cannot hide a mistake in the data), and through
`KnowledgeBase.load()` (so what the program actually sees is checked too).

Strict xfails below document data errors found while writing these tests; they are not
fixed here on purpose (the data is not the test's to change). When the data is corrected the
xfail turns into an XPASS, which fails the run and asks for the marker to be removed.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pycountry
import pytest

from actorgraph.resolve.kb import DATA_DIR, KnowledgeBase
from actorgraph.resolve.phoenix import SECTORS as IMPORTER_SECTORS
from actorgraph.text import fold_key

# ---- reading the files as the README describes them -------------------------------------

HEADERS = {
    "states.tsv": ["code", "name", "aliases", "adjectives", "demonyms", "capitals", "metonyms", "regions"],
    "organisations.tsv": ["id", "name", "aliases", "acronyms", "code", "sector", "type", "country", "notes"],
    "people.tsv": ["id", "name", "aliases", "code", "sector", "role", "start", "end", "notes"],
    "agents.tsv": ["term", "sector", "kind", "label"],
    "blockers.tsv": ["phrase", "note"],
    "places.tsv": ["name", "aliases", "code", "kind", "notes"],
}
# A kind of data may be split over several files: people.tsv, people_world.tsv, ...
FILES = sorted(p.name for p in DATA_DIR.glob("*.tsv"))


def kind_of(name: str) -> str:
    return name.split("_")[0].removesuffix(".tsv") + ".tsv"


# CAMEO agent codes and PLOVER sector codes (PLOVER manual, `sector_codes` of
# ../shared/eval/plover/ontology.json), plus the project's own HLT (see the xfail below).
CAMEO_SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "CVL", "MED", "BUS",
    "NGO", "IGO", "REF", "EDU", "HLH", "LAB", "ELI", "REL", "CRM", "AGR", "ENV", "UAF",
}  # fmt: skip
PLOVER_SECTORS = {"PRM", "UNK", "SOC", "JRN", "PRE"}
ALLOWED_SECTORS = CAMEO_SECTORS | PLOVER_SECTORS | {"HLT"}

README_ORG_TYPES = {
    "igo", "mission", "agency", "ngo", "media", "party", "armed_group", "hacker_group",
    "company", "court", "legislature",
    "government", "grouping",
}  # fmt: skip
AGENT_KINDS = {"title", "group", "institution"}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_tsv(name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(line number, cells)]) of a data file: comments and blank lines skipped."""
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        lines = [
            (number, line.rstrip("\n"))
            for number, line in enumerate(handle, start=1)
            if line.strip() and not line.startswith("#")
        ]
    header = lines[0][1].split("\t")
    reader = csv.reader((text for _, text in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    return header, [(number, cells) for (number, _), cells in zip(lines[1:], reader, strict=True)]


def records(name: str) -> list[tuple[int, dict[str, str]]]:
    header, rows = read_tsv(name)
    # Short or long lines are reported by test_every_line_has_the_header_column_count.
    padded = [(number, (cells + [""] * len(header))[: len(header)]) for number, cells in rows]
    return [(number, dict(zip(header, cells, strict=True))) for number, cells in padded]


def multi(value: str) -> list[str]:
    return [part for part in value.split("|") if part]


def first_day(value: str) -> date:
    match = _DATE.match(value)
    assert match, value
    year, month, day = match.groups()
    return date(int(year), int(month or 1), int(day or 1))


def last_day(value: str) -> date:
    """The last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` value can mean."""
    match = _DATE.match(value)
    assert match, value
    year, month, day = match.groups()
    if day:
        return date(int(year), int(month), int(day))
    if month:
        following = date(int(year) + (month == "12"), int(month) % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(int(year), 12, 31)


@pytest.fixture(scope="module")
def states() -> list[tuple[int, dict[str, str]]]:
    return records("states.tsv")


@pytest.fixture(scope="module")
def organisations() -> list[tuple[int, dict[str, str]]]:
    return records("organisations.tsv")


@pytest.fixture(scope="module")
def people() -> list[tuple[int, dict[str, str]]]:
    return [row for name in FILES if kind_of(name) == "people.tsv" for row in records(name)]


@pytest.fixture(scope="module")
def agents() -> list[tuple[int, dict[str, str]]]:
    return records("agents.tsv")


@pytest.fixture(scope="module")
def state_codes(states) -> set[str]:
    return {row["code"] for _, row in states}


# ---- file shape -------------------------------------------------------------------------


def test_every_documented_file_is_present_and_nothing_else_is() -> None:
    assert {kind_of(name) for name in FILES} <= set(HEADERS)
    assert set(HEADERS) - {"places.tsv"} <= {kind_of(name) for name in FILES}


@pytest.mark.parametrize("name", FILES)
def test_header_is_the_documented_one(name: str) -> None:
    header, _ = read_tsv(name)
    assert header == HEADERS[kind_of(name)]


@pytest.mark.parametrize("name", FILES)
def test_every_line_has_the_header_column_count(name: str) -> None:
    header, rows = read_tsv(name)
    assert rows, f"{name} has no records"
    wrong = [(number, len(cells)) for number, cells in rows if len(cells) != len(header)]
    assert wrong == [], f"{name}: (line, columns) with a column count other than {len(header)}"


@pytest.mark.parametrize("name", FILES)
def test_cells_and_multi_values_are_trimmed_and_non_empty(name: str) -> None:
    _, rows = read_tsv(name)
    bad = []
    for number, cells in rows:
        for cell in cells:
            parts = cell.split("|") if "|" in cell else [cell]
            if any(part != part.strip() for part in parts) or (len(parts) > 1 and not all(parts)):
                bad.append((number, cell))
    assert bad == []


@pytest.mark.parametrize("name", FILES)
def test_no_control_characters_or_carriage_returns(name: str) -> None:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    assert "\r" not in text
    assert not [c for c in set(text) if ord(c) < 32 and c not in "\t\n"]


# ---- states -----------------------------------------------------------------------------


def test_state_codes_are_unique(states) -> None:
    counts = Counter(row["code"] for _, row in states)
    assert [code for code, n in counts.items() if n > 1] == []


def test_state_names_are_unique(states) -> None:
    counts = Counter(fold_key(row["name"]) for _, row in states)
    assert [name for name, n in counts.items() if n > 1] == []


def test_state_codes_are_iso_3166_alpha3_current_historic_or_kosovo(states) -> None:
    invalid = []
    for number, row in states:
        code = row["code"]
        if code == "XKX":
            continue
        if pycountry.countries.get(alpha_3=code) is not None:
            continue
        if pycountry.historic_countries.get(alpha_3=code) is not None:
            continue
        invalid.append((number, code, row["name"]))
    assert invalid == []


def test_the_historic_states_named_in_the_readme_are_present(state_codes) -> None:
    assert {"SUN", "YUG", "CSK", "DDR", "PSE", "XKX"} <= state_codes


def test_kosovo_row(states) -> None:
    rows = [row for _, row in states if row["name"] == "Kosovo"]
    assert len(rows) == 1
    kosovo = rows[0]
    assert kosovo["code"] == "XKX"
    assert {"Kosova", "Republic of Kosovo"} <= set(multi(kosovo["aliases"]))
    assert {"Pristina", "Prishtina"} <= set(multi(kosovo["capitals"]))
    # No Phoenix/World Bank "KSV" or other stand-in code anywhere in the file.
    assert not any(row["code"] in {"KSV", "KOS", "RKS"} for _, row in states)


def test_kosovo_through_the_loaded_kb(kb: KnowledgeBase) -> None:
    for name in ("Kosovo", "Kosova", "Republic of Kosovo", "Pristina", "Prishtina", "Kosovar"):
        entries = {entry.id for entry, _ in kb.lookup(name)}
        assert entries == {"state:XKX"}, name
    assert kb.state("XKX") is not None and kb.state("XKX").name == "Kosovo"


def test_metonyms_name_a_sector(states) -> None:
    bad = []
    for number, row in states:
        for value in multi(row["metonyms"]):
            name, sep, sector = value.rpartition(":")
            if not sep or not name.strip() or sector not in ALLOWED_SECTORS:
                bad.append((number, value))
    assert bad == []


def test_every_state_has_regions(states) -> None:
    assert [(n, row["code"]) for n, row in states if not multi(row["regions"])] == []


def _state_names(states) -> dict[str, set[tuple[str, str, int]]]:
    """Folded name -> {(code, column, line)} over every name column of states.tsv."""
    names: dict[str, set[tuple[str, str, int]]] = defaultdict(set)
    for number, row in states:
        for column in ("name", "aliases", "adjectives", "demonyms", "capitals"):
            for value in multi(row[column]):
                names[fold_key(value)].add((row["code"], column, number))
        for value in multi(row["metonyms"]):
            names[fold_key(value.rpartition(":")[0])].add((row["code"], "metonyms", number))
    return names


def test_no_name_of_a_state_folds_to_a_name_of_another_state(states) -> None:
    clashes = {
        key: sorted(owners) for key, owners in _state_names(states).items() if len({code for code, _, _ in owners}) > 1
    }
    assert clashes == {}


def test_no_alias_maps_to_two_states_in_the_loaded_kb(kb: KnowledgeBase) -> None:
    clashes = {}
    for key, aliases in kb.aliases.items():
        owners = {a.entry_id for a in aliases if a.entry_id.startswith("state:")}
        if len(owners) > 1:
            clashes[key] = sorted(owners)
    assert clashes == {}


# ---- organisations ----------------------------------------------------------------------


def test_organisation_ids_are_unique_lower_case_slugs(organisations) -> None:
    ids = [row["id"] for _, row in organisations]
    # rows sharing an id are one organisation's codes (a grouping's members): same name and type
    shapes = {(row["id"], row["name"], row["type"]) for _, row in organisations}
    assert [i for i, n in Counter(i for i, _name, _type in shapes).items() if n > 1] == []
    assert [i for i in ids if not _SLUG.match(i)] == []


def test_organisation_codes_are_state_codes_or_upper_case(organisations, state_codes) -> None:
    bad = []
    for number, row in organisations:
        code = row["code"]
        if not code or code in state_codes:
            continue
        if not re.fullmatch(r"[A-Z][A-Z0-9]*", code):
            bad.append((number, row["id"], code))
    assert bad == []


def test_organisation_codes_the_readme_promises(organisations) -> None:
    codes = {row["id"]: row["code"] for _, row in organisations}
    by_acronym = {a: row["code"] for _, row in organisations for a in multi(row["acronyms"])}
    assert by_acronym["NATO"] == "NATO"
    assert by_acronym["KFOR"] == "NATO"  # missions take the parent's code
    assert by_acronym["EULEX"] == "EU"
    assert by_acronym["MEK"] == "IRN"
    assert codes["homeland-justice"] == "IRN"


def test_iso3_looking_organisation_codes_are_states(organisations, state_codes) -> None:
    """An own code that looks like ISO3 but is no state would be read as a country by users."""
    suspicious = [
        (number, row["id"], row["code"])
        for number, row in organisations
        if len(row["code"]) == 3
        and row["code"] not in state_codes
        and pycountry.countries.get(alpha_3=row["code"]) is not None
    ]
    assert suspicious == []


def test_organisation_sectors_are_known_codes(organisations) -> None:
    bad = [(n, row["id"], row["sector"]) for n, row in organisations if row["sector"] not in ALLOWED_SECTORS]
    assert bad == []


def test_organisation_countries_are_state_codes(organisations, state_codes) -> None:
    # Every `|`-separated part: see the xfail below about multi-valued cells.
    bad = [
        (number, row["id"], row["country"])
        for number, row in organisations
        if any(part not in state_codes for part in multi(row["country"]))
    ]
    assert bad == []


def test_organisation_country_is_a_single_code(organisations, kb: KnowledgeBase) -> None:
    assert [(n, row["id"]) for n, row in organisations if "|" in row["country"]] == []
    assert all(e.country is None or len(e.country) == 3 for e in kb.entries.values())


def test_organisation_types_are_the_documented_ones(organisations) -> None:
    assert {row["type"] for _, row in organisations} <= README_ORG_TYPES


def test_acronyms_are_not_duplicated_across_organisations(organisations) -> None:
    owners: dict[str, list[str]] = defaultdict(list)
    for _, row in organisations:
        for acronym in multi(row["acronyms"]):
            owners[acronym].append(row["id"])
    assert {a: ids for a, ids in owners.items() if len(ids) > 1} == {}


# ---- people -----------------------------------------------------------------------------


def test_people_dates_parse_and_start_is_not_after_end(people) -> None:
    bad = []
    for number, row in people:
        if not row["start"]:
            bad.append((number, row["id"], "no start"))
            continue
        for column in ("start", "end"):
            if row[column] and not _DATE.match(row[column]):
                bad.append((number, row["id"], f"{column} {row[column]!r}"))
        if bad and bad[-1][0] == number:
            continue
        try:
            start = first_day(row["start"])
            end = last_day(row["end"]) if row["end"] else None
        except ValueError as exc:  # e.g. month 13
            bad.append((number, row["id"], str(exc)))
            continue
        if end is not None and start > end:
            bad.append((number, row["id"], f"{row['start']} > {row['end']}"))
    assert bad == []


def test_people_dates_are_not_in_the_far_future_or_past(people) -> None:
    bad = [
        (number, row["id"], row[column])
        for number, row in people
        for column in ("start", "end")
        if row[column] and not 1900 <= first_day(row[column]).year <= 2030
    ]
    assert bad == []


def test_people_codes_are_states_or_organisation_codes(people, organisations, state_codes) -> None:
    org_codes = {row["code"] for _, row in organisations if row["code"]}
    bad = [(number, row["id"], row["code"]) for number, row in people if row["code"] not in state_codes | org_codes]
    assert bad == []


def test_people_sectors_and_roles(people) -> None:
    bad = [
        (number, row["id"], row["sector"], row["role"])
        for number, row in people
        if row["sector"] not in ALLOWED_SECTORS or not row["role"]
    ]
    assert bad == []


def test_each_person_id_is_a_slug_with_one_name(people) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for _, row in people:
        names[row["id"]].add(row["name"])
    assert [i for i in names if not _SLUG.match(i)] == []
    assert {i: sorted(n) for i, n in names.items() if len(n) > 1} == {}


def test_no_person_row_is_repeated(people) -> None:
    keys = Counter((r["id"], r["code"], r["role"], r["start"], r["end"]) for _, r in people)
    assert [k for k, n in keys.items() if n > 1] == []


def test_every_loaded_role_covers_at_least_one_day(kb: KnowledgeBase) -> None:
    # Role.active() treats `end` as exclusive: a role with start >= end is never current.
    empty = [
        (entry.id, role.describe())
        for entry in kb.entries.values()
        for role in entry.roles
        if role.start is not None and role.end is not None and role.start >= role.end
    ]
    assert empty == []


def test_aliases_differ_from_the_name_after_folding(people, organisations) -> None:
    redundant = [
        (number, row["id"], alias)
        for number, row in [*people, *organisations]
        for alias in multi(row["aliases"])
        if fold_key(alias) == fold_key(row["name"])
    ]
    assert redundant == []


# ---- agents and blockers ----------------------------------------------------------------


def test_agent_terms_are_unique_after_folding(agents) -> None:
    seen: dict[str, int] = {}
    clashes = []
    for number, row in agents:
        for term in multi(row["term"]):
            key = fold_key(term)
            if key in seen:
                clashes.append((term, seen[key], number))
            seen[key] = number
    assert clashes == []


def test_agent_rows_are_complete(agents) -> None:
    bad = [
        (number, row["term"])
        for number, row in agents
        if row["sector"] not in ALLOWED_SECTORS or row["kind"] not in AGENT_KINDS or not row["label"]
    ]
    assert bad == []


def test_readme_agent_examples(agents) -> None:
    by_term = {fold_key(t): row for _, row in agents for t in multi(row["term"])}
    assert by_term["troops"]["sector"] == "MIL"
    assert by_term["protesters"]["sector"] == "CVL"
    assert by_term["parliament"]["sector"] == "LEG"


def test_sectors_are_standard_cameo_or_plover_codes(organisations, people, agents) -> None:
    used = {row["sector"] for _, row in [*organisations, *people, *agents]}
    assert used <= CAMEO_SECTORS | PLOVER_SECTORS
    assert used <= IMPORTER_SECTORS | PLOVER_SECTORS


def test_blocker_phrases_are_unique_and_long_enough() -> None:
    rows = records("blockers.tsv")
    phrases = [fold_key(row["phrase"]) for _, row in rows]
    assert [p for p, n in Counter(phrases).items() if n > 1] == []
    assert all(len(p.split()) >= 2 or "-" in p for p in phrases)


# ---- the files as loaded ----------------------------------------------------------------


def test_loaded_kb_has_one_entry_per_record(kb: KnowledgeBase, states, organisations, people, agents) -> None:
    kinds = Counter(entry.kind for entry in kb.entries.values())
    assert kinds["state"] == len(states)
    assert kinds["organisation"] == len({row["id"] for _, row in organisations})
    assert kinds["person"] == len({row["id"] for _, row in people})
    assert kinds["agent"] == len(agents)
    assert kinds["blocker"] == len(records("blockers.tsv"))
    if "places.tsv" in FILES:
        assert kinds["place"] == len({(fold_key(row["name"]), row["code"]) for _, row in records("places.tsv")})
    roles = sum(len(entry.roles) for entry in kb.entries.values() if entry.kind == "person")
    assert roles == len(people)
    assert kb.layers == ["builtin"]
    assert all(entry.layer == "builtin" for entry in kb.entries.values())


def test_loaded_roles_match_the_file(kb: KnowledgeBase, people) -> None:
    for number, row in people:
        entry = kb.entries[f"person:{row['id']}"]
        matching = [
            r
            for r in entry.roles
            if r.title == row["role"] and r.code == row["code"] and r.start == first_day(row["start"])
        ]
        assert matching, (number, row["id"])
        assert all(r.sector == row["sector"] for r in matching)


def test_every_row_name_is_found_by_lookup(kb: KnowledgeBase, states, organisations, people) -> None:
    missing = []
    for prefix, rows, key in (
        ("state:", states, "code"),
        ("org:", organisations, "id"),
        ("person:", people, "id"),
    ):
        for number, row in rows:
            entry_id = prefix + row[key]
            if entry_id not in {e.id for e, _ in kb.lookup(row["name"])}:
                missing.append((number, row["name"]))
    assert missing == []


def test_loader_rejects_a_line_with_too_many_columns(tmp_path: Path) -> None:
    from actorgraph.errors import KnowledgeBaseError

    (tmp_path / "agents.tsv").write_text("term\tsector\tkind\tlabel\nmarines\tMIL\tgroup\tMarines\textra\n")
    with pytest.raises(KnowledgeBaseError, match=r"agents\.tsv:2: 5 columns, the header has 4"):
        KnowledgeBase.load([tmp_path])


def test_loader_reports_a_bad_date_with_file_and_line(tmp_path: Path) -> None:
    from actorgraph.errors import KnowledgeBaseError

    (tmp_path / "people.tsv").write_text(
        "# comment\nid\tname\taliases\tcode\tsector\trole\tstart\tend\tnotes\n"
        "x-y\tX Y\t\tSRB\tGOV\tPresident\t2017-13-01\t\t\n"
    )
    with pytest.raises(KnowledgeBaseError, match=r"people\.tsv:3: bad date '2017-13-01'"):
        KnowledgeBase.load([tmp_path])


def test_loader_rejects_a_directory_that_is_no_layer(tmp_path: Path) -> None:
    from actorgraph.errors import KnowledgeBaseError

    (tmp_path / "notes.txt").write_text("nothing here")
    with pytest.raises(KnowledgeBaseError, match="not a knowledge-base layer"):
        KnowledgeBase.load([tmp_path])
    with pytest.raises(KnowledgeBaseError, match="not found"):
        KnowledgeBase.load([tmp_path / "missing"])
