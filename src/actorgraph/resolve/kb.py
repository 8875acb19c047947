"""The knowledge base: states, organisations, people with dated offices, and agent words.

Loaded from the tab-separated files in `resolve/data/` (see its README) plus any number of
user layers in the same format. Names are indexed by their folded form in an Aho-Corasick
automaton, so finding every known name in a document is one pass over its text.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

import ahocorasick

from actorgraph.errors import KnowledgeBaseError
from actorgraph.text import fold, fold_key, has_upper

DATA_DIR = Path(__file__).parent / "data"

# Forms of a name, strongest first. A "surname" only counts with support from context.
FORMS = (
    "name",
    "alias",
    "acronym",
    "capital",
    "metonym",
    "adjective",
    "demonym",
    "surname",
    "term",
)


@dataclass(frozen=True, slots=True)
class Role:
    """An office held by a person from `start` to `end` (open ends are None).

    Organisations use roles for codes that change over time or come several at once (an
    imported dictionary's `[RHO <19790606]`, `[FRO/BIL/SAM]`): those have no title.
    """

    code: str | None
    sector: str | None
    title: str
    start: date | None
    end: date | None
    note: str = ""

    def active(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def describe(self) -> str:
        span = f"{self.start.isoformat() if self.start else '?'}–{self.end.isoformat() if self.end else ''}"
        return f"{self.title} ({self.code}, {span})"


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing the knowledge base knows about."""

    id: str
    kind: str  # state | organisation | person | agent
    name: str
    code: str | None
    sector: str | None
    type: str
    layer: str
    roles: tuple[Role, ...] = ()
    label: str | None = None  # agents: canonical label, e.g. "Ministry of Foreign Affairs"
    agent_kind: str | None = None  # agents: title | group | institution
    regions: tuple[str, ...] = ()
    country: str | None = None
    # agents: where an imported (PETRARCH) agent's code goes relative to the actor's:
    # "after" (`[~GOV]`: ARN → ARNGOV) or "before" (`[NGO~]`: ARN → NGOARN); None for the
    # project's own agents, whose sector simply replaces the actor's.
    placement: str | None = None

    def role_at(self, day: date | None) -> tuple[Role | None, str]:
        """The office held on `day` and how it was chosen ('current', 'former', 'latest'...)."""
        if not self.roles:
            return None, "none"
        if day is None:
            latest = max(self.roles, key=lambda r: r.start or date.min)
            return latest, "latest"
        active = [r for r in self.roles if r.active(day)]
        if active:
            # The most senior office: heads of state/government are listed first by convention,
            # but prefer the one begun most recently when several overlap. An undated role is
            # the default for when no dated one applies, so any dated one outranks it.
            return max(active, key=_recency), "current"
        before = [r for r in self.roles if r.end is not None and r.end <= day]
        if before:
            return max(before, key=lambda r: r.end or date.min), "former"
        return min(self.roles, key=lambda r: r.start or date.max), "future"

    def codes_at(self, day: date | None) -> tuple[tuple[str | None, str | None], ...]:
        """Every (code, sector) the entry has on `day`: one, or several given together.

        Codes given together ("the Shire" → FRO, BIL, SAM) share their dates, so all roles
        that tie with the chosen one count; without roles the entry's own code stands.
        """
        if not self.roles:
            return ((self.code, self.sector),)
        chosen, _how = self.role_at(day)
        assert chosen is not None
        pool = [r for r in self.roles if day is None or r.active(day)] or [chosen]
        tied = [r for r in pool if _recency(r) == _recency(chosen)]
        return tuple(dict.fromkeys((r.code, r.sector) for r in tied))


@dataclass(frozen=True, slots=True)
class Alias:
    """A name form of an entry as indexed."""

    key: str
    surface: str
    entry_id: str
    form: str
    case_sensitive: bool = False
    sector: str | None = None  # metonyms such as "Pentagon" carry their own sector
    layer: str = ""  # the layer that listed this name


@dataclass(frozen=True, slots=True)
class Hit:
    """A knowledge-base name found in a text: `text[start:end]`."""

    start: int
    end: int
    aliases: tuple[Alias, ...]


@dataclass
class KnowledgeBase:
    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=lambda: defaultdict(list))
    layers: list[str] = field(default_factory=list)
    # (code, folded office title) -> holders, for "Serbia's president" as of a date
    offices: dict[tuple[str, str], list[tuple[Entry, Role]]] = field(default_factory=lambda: defaultdict(list))
    _automaton: ahocorasick.Automaton | None = None

    # ---- building -------------------------------------------------------------------
    @classmethod
    def load(cls, extra_dirs: Iterable[Path] = ()) -> KnowledgeBase:
        """The bundled knowledge base plus user layers, later layers adding to earlier ones."""
        kb = cls()
        kb.add_layer(DATA_DIR, "builtin")
        for directory in extra_dirs:
            kb.add_layer(Path(directory), Path(directory).name)
        kb.build()
        return kb

    def add_layer(self, directory: Path, layer: str) -> None:
        """Read every known file in `directory` into this knowledge base."""
        if not directory.is_dir():
            raise KnowledgeBaseError(f"knowledge-base directory not found: {directory}")
        self.layers.append(layer)
        readers = {
            "states": self._read_states,
            "organisations": self._read_organisations,
            "people": self._read_people,
            "agents": self._read_agents,
            "blockers": self._read_blockers,
            "places": self._read_places,
        }
        found = False
        for stem, reader in readers.items():
            # "people.tsv", "people_world.tsv", ...: a kind of data may come in several files
            for path in sorted(directory.glob(f"{stem}*.tsv")):
                found = True
                reader(_rows(path), layer)
        if not found:
            raise KnowledgeBaseError(f"{directory} holds none of {', '.join(readers)}: not a knowledge-base layer")
        self._automaton = None

    def add_entry(self, entry: Entry) -> None:
        if entry.id in self.entries:
            old = self.entries[entry.id]
            if entry.roles:
                entry = replace(old, roles=old.roles + entry.roles)
            else:
                return
        self.entries[entry.id] = entry

    def add_alias(
        self,
        surface: str,
        entry_id: str,
        form: str,
        *,
        case_sensitive: bool = False,
        sector: str | None = None,
    ) -> None:
        """Index `surface` as a name of `entry_id`.

        A layer outranks the layers loaded before it for every name it lists: a user's
        dictionary that says "Eriador" or "MSF" means its own entry, not the bundled one.
        Surnames are derived rather than listed, so they never push another name out.
        """
        surface = surface.strip()
        if not surface:
            return
        key = fold_key(surface)
        if len(key) < 2:
            return
        layer = self.layers[-1] if self.layers else ""
        alias = Alias(key, surface, entry_id, form, case_sensitive, sector, layer)
        bucket = self.aliases[key]
        if form != "surname" and any(a.layer != layer for a in bucket):
            bucket[:] = [a for a in bucket if a.layer == layer]
        # One alias per entry and key: the first (strongest) form listed wins.
        if not any(a.entry_id == entry_id and a.sector == sector for a in bucket):
            bucket.append(alias)
        self._automaton = None

    def build(self) -> None:
        """(Re)build the matcher and the office index after entries and aliases were added."""
        self.offices = defaultdict(list)
        for entry in self.entries.values():
            for role in entry.roles:
                if role.code and role.title:
                    self.offices[(role.code, fold_key(role.title))].append((entry, role))
        automaton = ahocorasick.Automaton()
        for key in self.aliases:
            automaton.add_word(key, key)
        automaton.make_automaton()
        self._automaton = automaton

    # ---- readers --------------------------------------------------------------------
    def _read_states(self, rows: Iterator[tuple[int, dict[str, str], Path]], layer: str) -> None:
        # Rows of one layer with the same name are one state with several codes: dated ones
        # (Zimbabwe as RHO until 1979) or several at once.
        named: dict[str, str] = {}
        for line, row, path in rows:
            code = row["code"].strip().upper()
            role = _dated_role(code or None, None, row, f"{path}:{line}")
            if fold_key(row["name"]) in named:
                self._add_code(named[fold_key(row["name"])], role)
                continue
            entry_id = self._state_id(code, [row["name"], *_split(row.get("aliases", ""))], layer)
            named[fold_key(row["name"])] = entry_id
            if entry_id in self.entries:
                if role.dated:
                    self._add_code(entry_id, role)
            else:
                self.add_entry(
                    Entry(
                        id=entry_id,
                        kind="state",
                        name=row["name"].strip(),
                        code=code,
                        sector=None,
                        type="state",
                        layer=layer,
                        roles=(role,) if role.dated else (),
                        regions=tuple(_split(row.get("regions", ""))),
                    )
                )
            self.add_alias(row["name"], entry_id, "name")
            for value in _split(row.get("aliases", "")):
                self.add_alias(value, entry_id, "alias", case_sensitive=_is_acronym(value))
            for value in _split(row.get("adjectives", "")):
                self.add_alias(value, entry_id, "adjective", case_sensitive=_is_acronym(value))
            for value in _split(row.get("demonyms", "")):
                self.add_alias(value, entry_id, "demonym")
            for value in _split(row.get("capitals", "")):
                self.add_alias(value, entry_id, "capital")
            for value in _split(row.get("metonyms", "")):
                name, _, sector = value.rpartition(":")
                if not name:
                    name, sector = sector, ""
                self.add_alias(
                    name,
                    entry_id,
                    "metonym",
                    case_sensitive=_is_acronym(name),
                    sector=sector.strip().upper() or None,
                )

    def _add_code(self, entry_id: str, role: Role) -> None:
        """One more code of an entry: its own code becomes the default among its codes."""
        old = self.entries[entry_id]
        own = old.roles or (Role(old.code, old.sector, "", None, None),)
        self.entries[entry_id] = replace(old, roles=own + (role,))

    def _state_id(self, code: str, names: list[str], layer: str) -> str:
        """`state:CODE`, unless an earlier layer's state has that code but none of these names.

        Imported dictionaries reuse codes for other actors (a made-up "Eriador" coded ERI, as
        Eritrea is): such a row becomes an actor of its own with that code, named as listed.
        """
        entry_id = f"state:{code}"
        existing = self.entries.get(entry_id)
        if existing is None or existing.layer == layer:
            return entry_id
        if any(a.entry_id == entry_id for name in names for a in self.aliases.get(fold_key(name), [])):
            return entry_id
        return f"{entry_id}/{layer}"

    def _read_organisations(self, rows: Iterator[tuple[int, dict[str, str], Path]], layer: str) -> None:
        for line, row, path in rows:
            entry_id = f"org:{row['id'].strip()}"
            code = (row.get("code") or "").strip().upper() or None
            sector = (row.get("sector") or "").strip().upper() or None
            role = _dated_role(code, sector, row, f"{path}:{line}")
            old = self.entries.get(entry_id)
            if old is not None and old.layer != layer:
                # A layer's own organisation, not the bundled one its id happens to match.
                entry_id = f"{entry_id}/{layer}"
                old = self.entries.get(entry_id)
            if old is not None and old.kind == "organisation":
                self._add_code(entry_id, role)  # another row: a dated or simultaneous code
            else:
                self.add_entry(
                    Entry(
                        id=entry_id,
                        kind="organisation",
                        name=row["name"].strip(),
                        code=code,
                        sector=sector,
                        type=(row.get("type") or "organisation").strip() or "organisation",
                        layer=layer,
                        roles=(role,) if role.dated else (),
                        country=(row.get("country") or "").strip().upper() or None,
                    )
                )
            self.add_alias(row["name"], entry_id, "name", case_sensitive=_is_acronym(row["name"]))
            for value in _split(row.get("aliases", "")):
                self.add_alias(value, entry_id, "alias", case_sensitive=_is_acronym(value))
            for value in _split(row.get("acronyms", "")):
                self.add_alias(value, entry_id, "acronym", case_sensitive=True)

    def _read_people(self, rows: Iterator[tuple[int, dict[str, str], Path]], layer: str) -> None:
        for line, row, path in rows:
            entry_id = f"person:{row['id'].strip()}"
            try:
                role = Role(
                    code=(row.get("code") or "").strip().upper() or None,
                    sector=(row.get("sector") or "").strip().upper() or None,
                    title=(row.get("role") or "").strip(),
                    start=_parse_date(row.get("start", ""), start=True),
                    end=_parse_date(row.get("end", ""), start=False),
                    note=(row.get("notes") or "").strip(),
                )
            except ValueError as exc:
                raise KnowledgeBaseError(f"{path}:{line}: {exc}") from exc
            name = row["name"].strip()
            self.add_entry(
                Entry(
                    id=entry_id,
                    kind="person",
                    name=name,
                    code=role.code,
                    sector=role.sector,
                    type="person",
                    layer=layer,
                    roles=(role,),
                )
            )
            self.add_alias(name, entry_id, "name")
            for value in _split(row.get("aliases", "")):
                self.add_alias(value, entry_id, "alias")
            surname = _surname(name)
            if surname:
                self.add_alias(surname, entry_id, "surname")

    def _read_agents(self, rows: Iterator[tuple[int, dict[str, str], Path]], layer: str) -> None:
        for line, row, path in rows:
            terms = _split(row["term"])
            if not terms:
                continue
            # Kind and label left blank: those of an earlier layer's agent of the same term (an
            # imported "president" stays a title), else a group named by the term.
            earlier = self._earlier_agent(terms, layer)
            label = (row.get("label") or "").strip() or (earlier.label if earlier else None) or terms[0].title()
            sector = (row.get("sector") or "").strip().upper() or None
            kind = (row.get("kind") or "").strip() or (earlier.agent_kind if earlier else None) or "group"
            placement = (row.get("placement") or "").strip().lower() or None
            if placement not in (None, "before", "after"):
                raise KnowledgeBaseError(f"{path}:{line}: placement must be 'before' or 'after', not {placement!r}")
            entry_id = f"agent:{fold_key(terms[0])}"
            if entry_id in self.entries and self.entries[entry_id].layer != layer:
                entry_id = f"{entry_id}/{layer}"  # a layer's own agent, not the bundled one of that name
            self.add_entry(
                Entry(
                    id=entry_id,
                    kind="agent",
                    name=label,
                    code=None,
                    sector=sector,
                    type="agent",
                    layer=layer,
                    label=label,
                    agent_kind=kind,
                    placement=placement,
                )
            )
            for term in terms:
                self.add_alias(term, entry_id, "term")

    def _earlier_agent(self, terms: list[str], layer: str) -> Entry | None:
        for term in terms:
            for alias in self.aliases.get(fold_key(term), []):
                entry = self.entries[alias.entry_id]
                if entry.kind == "agent" and alias.layer != layer:
                    return entry
        return None

    def _read_blockers(self, rows: Iterator[tuple[int, dict[str, str], Path]], layer: str) -> None:
        for _line, row, _path in rows:
            phrase = row["phrase"].strip()
            entry_id = f"blocker:{fold_key(phrase)}"
            self.add_entry(
                Entry(
                    id=entry_id,
                    kind="blocker",
                    name=phrase,
                    code=None,
                    sector=None,
                    type="blocker",
                    layer=layer,
                )
            )
            self.add_alias(phrase, entry_id, "name")

    def _read_places(self, rows: Iterator[tuple[int, dict[str, str], Path]], layer: str) -> None:
        for _line, row, _path in rows:
            name = row["name"].strip()
            code = (row.get("code") or "").strip().upper() or None
            entry_id = f"place:{fold_key(name)}:{code or '-'}"
            notes = (row.get("notes") or "").strip()
            self.add_entry(
                Entry(
                    id=entry_id,
                    kind="place",
                    name=name,
                    code=code,
                    sector=None,
                    type=(row.get("kind") or "place").strip() or "place",
                    layer=layer,
                    label="ambiguous" if "ambiguous-word" in notes else None,
                )
            )
            self.add_alias(name, entry_id, "place")
            for value in _split(row.get("aliases", "")):
                self.add_alias(value, entry_id, "place")

    # ---- queries --------------------------------------------------------------------
    def scan(self, text: str) -> list[Hit]:
        """Every knowledge-base name in `text`, as spans of `text` (overlaps included)."""
        if self._automaton is None:
            self.build()
        assert self._automaton is not None
        folded, mapping = fold(text)
        hits: list[Hit] = []
        for end_index, key in self._automaton.iter(folded):
            start = end_index - len(key) + 1
            end = end_index + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            if end < len(folded) and folded[end].isalnum():
                continue
            o_start = mapping[start] if mapping else start
            # The end of the original character holding the last folded one ("U.S…" folds
            # to "u.s...", so a match can end inside one original character).
            if mapping and mapping[end] == mapping[end - 1]:
                o_end = mapping[end - 1] + 1
            else:
                o_end = mapping[end] if mapping else end
            surface = text[o_start:o_end]
            usable = tuple(a for a in self.aliases[key] if _case_ok(a, surface))
            if usable:
                hits.append(Hit(o_start, o_end, usable))
        return hits

    def lookup(self, name: str, day: date | None = None) -> list[tuple[Entry, Alias]]:
        """Entries whose name or alias equals `name` after folding (exact, case-insensitive)."""
        key = fold_key(name)
        found: dict[str, tuple[Entry, Alias]] = {}
        for alias in self.aliases.get(key, []):
            found.setdefault(alias.entry_id, (self.entries[alias.entry_id], alias))
        return list(found.values())

    def state(self, code: str) -> Entry | None:
        return self.entries.get(f"state:{code}")

    def __len__(self) -> int:
        return len(self.entries)


# ---- helpers ----------------------------------------------------------------------------
def _rows(path: Path) -> Iterator[tuple[int, dict[str, str], Path]]:
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise KnowledgeBaseError(f"cannot read {path}: {exc}") from exc
    with handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].rstrip("\r\n").split("\t")
    reader = csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (number, _), values in zip(lines[1:], reader, strict=True):
        if len(values) > len(header):
            raise KnowledgeBaseError(f"{path}:{number}: {len(values)} columns, the header has {len(header)}")
        row = dict(zip(header, values + [""] * (len(header) - len(values)), strict=True))
        yield number, row, path


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _is_acronym(value: str) -> bool:
    letters = [c for c in value if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)


def _case_ok(alias: Alias, surface: str) -> bool:
    if alias.case_sensitive:
        if len(alias.surface) >= 4 and surface[:1].isupper() and surface[1:].islower():
            return True  # British style "Nato", "Osce"
        return all(
            (not a.isalpha()) or (a.isupper() == b.isupper()) for a, b in zip(alias.surface, surface, strict=False)
        ) and any(c.isupper() for c in surface)
    if alias.form == "term":
        return True
    return has_upper(surface)


_PARTICLES = {"bin", "ibn", "al", "el", "van", "von", "de", "der", "da", "di", "la", "le"}


def _surname(name: str) -> str | None:
    parts = name.replace(",", " ").split()
    if len(parts) < 2:
        return None
    last = parts[-1]
    # "Jr." style suffixes and particles make poor surnames on their own.
    if last.rstrip(".").lower() in {"jr", "sr", "ii", "iii"} and len(parts) > 2:
        last = parts[-2]
    if len(last) < 3 or last.lower() in _PARTICLES:
        return None
    return last


def _dated_role(code: str | None, sector: str | None, row: dict[str, str], where: str) -> Role:
    """A state's or organisation's code from one row, with the row's optional dates."""
    try:
        return Role(
            code=code,
            sector=sector,
            title="",
            start=_parse_date(row.get("start", ""), start=True),
            end=_parse_date(row.get("end", ""), start=False),
        )
    except ValueError as exc:
        raise KnowledgeBaseError(f"{where}: {exc}") from exc


def _recency(role: Role) -> tuple[bool, date]:
    """Rank of an active role: dated before undated (the default), then the latest begun."""
    return role.dated, role.start or date.min


def _parse_date(value: str | None, *, start: bool) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) == 1:
            # End dates are exclusive: a term ending "2000" runs through 31 December 2000.
            year = int(parts[0])
            return date(year, 1, 1) if start else date(year + 1, 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            if start:
                return date(year, month, 1)
            return date(year + (month == 12), month % 12 + 1, 1)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"bad date {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)") from exc


# ---- one loaded knowledge base per set of layers ----------------------------------------------------
# Loading reads every TSV and builds the automaton (about a second); the pipeline, the region
# filter of the analyses, the report and the dashboard used to load their own copies, and all
# but the pipeline ignored the `--kb` layers. They now share the instance of these functions,
# which is only read after `load` has built it.
@lru_cache(maxsize=8)
def _shared(layers: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load([Path(p) for p in layers])


def shared_kb(layers: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The bundled knowledge base plus `layers` (in order), loaded once per process."""
    return _shared(tuple(str(Path(p).resolve()) for p in layers))


@lru_cache(maxsize=8)
def _regions(layers: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for entry in _shared(layers).entries.values():
        if entry.kind == "state" and entry.code:
            for region in entry.regions:
                out.setdefault(region.lower(), []).append(entry.code)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def region_codes(layers: Iterable[str | Path] = ()) -> dict[str, tuple[str, ...]]:
    """Region name (lower case) → codes of its states, with the layers' states and regions."""
    return _regions(tuple(str(Path(p).resolve()) for p in layers))


@lru_cache(maxsize=8)
def _names(layers: tuple[str, ...]) -> dict[str, str]:
    entries = _shared(layers).entries.values()
    names: dict[str, str] = {}
    for entry in entries:
        # The first organisation listed under a code is the body itself (NATO before KFOR) ...
        if entry.code and entry.kind == "organisation":
            names.setdefault(entry.code, entry.name)
    for entry in entries:
        # ... and a state's own entry names its code over any organisation's.
        if entry.code and entry.kind == "state":
            names[entry.code] = entry.name
    return names


def code_names(layers: Iterable[str | Path] = ()) -> dict[str, str]:
    """Actor code → the name of its state or main organisation (what the dashboard and report show)."""
    return _names(tuple(str(Path(p).resolve()) for p in layers))
