"""Importer for actor and agent dictionaries in the PETRARCH/TABARI (Phoenix) format.

Analysts who used PETRARCH already own such dictionaries. This turns them into a layer in
this project's own format (see `data/README.md`), which `--kb DIR` then loads on top of the
bundled knowledge base.

The format, as far as it matters here: an entry starts with a name line (`NAME_ [CODE]` or
`NAME_` alone), `+ALIAS` lines add names, and indented `[CODE dates]` lines give dated codes
(`YYMMDD` or `YYYYMMDD`; `A-B`, `>A` from A on, `<A` until A). Codes are a state or `IGO`
followed by 3-letter segments for the organisation and the agent (`SRBGOV`, `IGOUNOREF`).
Agent dictionaries have `TERM [~SEC]` lines with `!MACRO! = A, B` substitutions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from actorgraph.errors import KnowledgeBaseError
from actorgraph.types import WarnFn

# Codes the Phoenix dictionaries use where ISO 3166 has another (or none).
COUNTRY_REMAP = {"KSV": "XKX", "TMP": "TLS", "USR": "SUN", "FRY": "YUG", "ROM": "ROU", "ZAR": "ZAR"}
# Organisation segments of IGO codes, to the short codes of the output contract.
IGO_REMAP = {
    "UNO": "UN",
    "NAT": "NATO",
    "EEC": "EU",
    "ASN": "ASEAN",
    "AFU": "AU",
    "OPC": "OPEC",
    "IMF": "IMF",
    "IAE": "IAEA",
    "ICC": "ICC",
    "OAS": "OAS",
    "WBK": "WB",
    "ARL": "ARABLEAGUE",
    "CWN": "COMMONWEALTH",
    "GCC": "GCC",
    "OSC": "OSCE",
    "WTO": "WTO",
    "ECW": "ECOWAS",
}
SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "SPY",
    "OPP",
    "PTY",
    "REB",
    "CVL",
    "MED",
    "BUS",
    "NGO",
    "IGO",
    "REF",
    "EDU",
    "HLH",
    "LAB",
    "ELI",
    "REL",
    "CRM",
    "AGR",
    "ENV",
    "UAF",
    "DEV",
    "HRI",
}
_ROLE = re.compile(r"\[([~A-Z]+)(?:\s+([^\]]*?))?\s*\]")
_SMALL = {
    "and",
    "of",
    "the",
    "de",
    "del",
    "la",
    "le",
    "al",
    "el",
    "bin",
    "ibn",
    "van",
    "von",
    "der",
    "for",
    "in",
    "on",
}


@dataclass
class _Entry:
    names: list[str] = field(default_factory=list)
    roles: list[tuple[str, str | None]] = field(default_factory=list)
    # Whether the first code stood on the name line itself (countries, organisations) rather
    # than on indented lines of dated offices (people).
    coded_on_name_line: bool = False


@dataclass(frozen=True)
class ImportSummary:
    states: int
    organisations: int
    people: int
    agents: int


def import_dictionaries(paths: Iterable[Path], out: Path, warn: WarnFn) -> ImportSummary:
    """Convert dictionary files into a knowledge-base layer written to `out`."""
    states: list[list[str]] = []
    orgs: list[list[str]] = []
    people: list[list[str]] = []
    agents: list[list[str]] = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise KnowledgeBaseError(f"cannot read {path}: {exc}") from exc
        if "[~" in text:
            agents.extend(_agents(text))
            continue
        entries = list(_entries(text))
        if not entries:
            warn(str(path), "no actor entries found (not an actor dictionary?); skipped")
            continue
        for number, entry in enumerate(entries):
            _convert(entry, f"{path.stem}-{number}", states, orgs, people, warn, str(path))
    out.mkdir(parents=True, exist_ok=True)
    _write(
        out / "states.tsv",
        ["code", "name", "aliases", "adjectives", "demonyms", "capitals", "metonyms", "regions"],
        states,
    )
    _write(
        out / "organisations.tsv",
        ["id", "name", "aliases", "acronyms", "code", "sector", "type", "country", "notes"],
        orgs,
    )
    _write(
        out / "people.tsv",
        ["id", "name", "aliases", "code", "sector", "role", "start", "end", "notes"],
        people,
    )
    _write(out / "agents.tsv", ["term", "sector", "kind", "label"], agents)
    return ImportSummary(len(states), len(orgs), len(people), len(agents))


def _entries(text: str) -> Iterable[_Entry]:
    current: _Entry | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in ("\t", " ") and line.strip().startswith("["):
            if current is not None:
                current.roles.extend(_roles(line))
            continue
        if line.startswith("+"):
            if current is not None:
                name = _name(line[1:].split("[", 1)[0])
                if name:
                    current.names.append(name)
                current.roles.extend(_roles(line))
            continue
        if line.startswith(("!", "<", "~")):
            continue
        if current is not None and current.names:
            yield current
        current = _Entry()
        name = _name(line.split("[", 1)[0])
        if name:
            current.names.append(name)
        current.roles.extend(_roles(line))
        current.coded_on_name_line = bool(current.roles)
    if current is not None and current.names:
        yield current


def _roles(line: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), (m.group(2) or "").strip() or None) for m in _ROLE.finditer(line)]


def _name(raw: str) -> str:
    """`SERBIA_AND_MONTENEGRO_` → `Serbia and Montenegro`; acronyms (UN, U.S.) stay."""
    words = raw.replace("_", " ").split()
    out = []
    for index, word in enumerate(words):
        if "." in word.strip("."):
            out.append(word.upper())  # U.S., U.N., C.I.A.
        elif word.lower() in _SMALL:
            out.append(word.lower() if index else _title(word))
        elif len(word) <= 3 and word.isalpha() and word.isupper() and not _pronounceable(word):
            out.append(word)
        else:
            out.append(_title(word))
    return " ".join(out)


def _pronounceable(word: str) -> bool:
    # Three-letter words with a vowel inside are mostly names (BEN, ALI, ABU), not acronyms.
    return len(word) == 3 and word[1].lower() in "aeiou" and word.lower() not in {"usa", "nato"}


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _split_code(code: str) -> tuple[str | None, str | None]:
    """(actor code, sector) of a Phoenix code such as SRBGOV, IGOUNOREF, KSV."""
    segments = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not segments:
        return None, None
    head = segments[0]
    sector = next((s for s in segments[1:] if s in SECTORS), None)
    if head in ("IGO", "NGO", "IMG", "MNC", "ISM"):
        org = next((IGO_REMAP[s] for s in segments[1:] if s in IGO_REMAP), None)
        return org, sector or ("IGO" if head == "IGO" else "NGO" if head == "NGO" else "REB" if head == "IMG" else None)
    return COUNTRY_REMAP.get(head, head), sector


def _dates(value: str | None) -> tuple[str, str] | None:
    if not value:
        return "", ""
    value = value.replace(" ", "")
    try:
        if value.startswith(">"):
            return _date(value[1:]), ""
        if value.startswith("<"):
            return "", _date(value[1:])
        start, _, end = value.partition("-")
        return _date(start), _date(end) if end else ""
    except ValueError:
        return None


def _date(digits: str) -> str:
    if not digits.isdigit():
        raise ValueError(digits)
    if len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    elif len(digits) == 6:
        short = int(digits[:2])
        year, rest = (2000 + short if short < 30 else 1900 + short), digits[2:]
    else:
        raise ValueError(digits)
    return date(year, int(rest[:2]), int(rest[2:])).isoformat()


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


def _convert(
    entry: _Entry,
    fallback_id: str,
    states: list[list[str]],
    orgs: list[list[str]],
    people: list[list[str]],
    warn: WarnFn,
    source: str,
) -> None:
    name, aliases = entry.names[0], entry.names[1:]
    dated = [(c, d) for c, d in entry.roles if d]
    if not entry.roles:
        return
    first_code, first_dates = entry.roles[0]
    if entry.coded_on_name_line and len(first_code) == 3 and first_code.isalpha():
        # A country entry; its dated codes describe the territory's history, not a person.
        code, _sector = _split_code(first_code)
        states.append([code or first_code, name, "|".join(aliases), "", "", "", "", ""])
        return
    if len(entry.roles) == 1 and not dated:
        code, sector = _split_code(first_code)
        orgs.append(
            [
                _slug(name) or fallback_id,
                name,
                "|".join(aliases),
                "",
                code or "",
                sector or "",
                "imported",
                "",
                "from " + Path(source).name,
            ]
        )
        return
    person_id = _slug(name) or fallback_id
    for raw_code, raw_dates in entry.roles:
        code, sector = _split_code(raw_code)
        span = _dates(raw_dates)
        if span is None:
            warn(source, f"{name}: unreadable dates '{raw_dates}'; role skipped")
            continue
        if span[0] and span[1] and span[1] < span[0]:
            warn(source, f"{name}: dates '{raw_dates}' end before they start; role skipped")
            continue
        people.append(
            [
                person_id,
                name,
                "|".join(aliases),
                code or "",
                sector or "",
                sector or "",
                span[0],
                span[1],
                "imported",
            ]
        )


def _agents(text: str) -> list[list[str]]:
    macros: dict[str, list[str]] = {}
    rows: list[list[str]] = []
    seen: set[str] = set()
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            key, _, values = line.partition("=")
            macros[key.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.match(r"^(.+?)\s*\[~([A-Z]+)\]", line)
        if not match:
            continue
        term, code = match.group(1), match.group(2)
        sector = code[:3]
        # "TERM {PLURALS}": irregular plurals in braces ({} means none).
        plurals = re.findall(r"\{([^}]*)\}", term)
        term = re.sub(r"\s*\{[^}]*\}", "", term).strip()
        variants = [term] + [p.strip() for group in plurals for p in re.split(r"[,\s]+", group) if p.strip()]
        for expanded in (e for variant in variants for e in _expand(variant, macros)):
            words = expanded.replace("_", " ").lower().split()
            value = " ".join(words)
            if value and value not in seen:
                seen.add(value)
                rows.append([value, sector, "group", value.title()])
    return rows


def _expand(term: str, macros: dict[str, list[str]]) -> list[str]:
    match = re.search(r"![A-Z]+!", term)
    if not match or match.group(0) not in macros:
        return [term.replace("!", "")]
    out: list[str] = []
    for value in macros[match.group(0)]:
        out.extend(_expand(term[: match.start()] + value + term[match.end() :], macros))
    return out


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    # Tab-separated with no quoting, as the knowledge-base reader expects: cells lose tabs
    # and line breaks, nothing else is escaped.
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("# imported from PETRARCH/Phoenix dictionaries by `actorgraph kb import`\n")
        handle.write("\t".join(header) + "\n")
        for row in rows:
            handle.write("\t".join(" ".join(cell.split()) for cell in row) + "\n")
