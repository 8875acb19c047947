"""Importer for actor and agent dictionaries in the PETRARCH/TABARI (Phoenix) format.

Analysts who used PETRARCH already own such dictionaries. This turns them into a layer in
this project's own format (see `data/README.md`), which `--kb DIR` then loads on top of the
bundled knowledge base.

The format, as far as it matters here: an entry starts with a name line (`NAME_ [CODE]` or
`NAME_` alone), `+ALIAS` lines add names, and indented `[CODE dates]` lines give dated codes
(`YYMMDD` or `YYYYMMDD`; `A-B`, `>A` from A on, `<A` until A; limits included). The name
line's code is the default for dates no restriction covers. `[A/B/C]` gives several codes at
once; `---` is the null code. Codes are a state or `IGO` followed by 3-letter segments for the
organisation and the agent (`SRBGOV`, `IGOUNOREF`). Agent dictionaries have `TERM [~SEC]`
lines (the agent's code goes after the actor's) or `TERM [SEC~]` (before it), `{PLURALS}`,
and `!MACRO! = A, B` substitutions. Comments are `#`, `;` and `<!-- -->`.

Entries become states (one 3-letter code on the name line and nothing else), organisations
(codes without a sector, possibly dated or several at once: one row per code) or people
(dated codes with sectors: one row per office).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
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
    # as the Phoenix dictionaries write them
    "WAS": "ECOWAS",
    "GOS": "G7",
    "GOE": "G8",
    "EBR": "EBRD",
    "IAD": "IGAD",
    "SAD": "SADC",
    "OIC": "OIC",
    "ITP": "INTERPOL",
    "CIS": "CIS",
    "COE": "COE",
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
# "[CODE]", "[CODE dates]", "[A/B/C]", "[---]", "[pse]": the first word is the code.
_ROLE = re.compile(r"\[\s*([^\s\]]+)(?:\s+([^\]]*?))?\s*\]")
_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)
# An agent's code: "[~GOV]" goes after the actor's code, "[NGO~]" before it.
_AGENT = re.compile(r"^(.+?)\s*\[\s*(~?)\s*([A-Za-z]+)\s*(~?)\s*\]")
# Heads of codes for actors that belong to no state: an organisation segment follows.
_ORG_HEADS = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": None, "ISM": None}
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
        text = _XML_COMMENT.sub("", text)
        if re.search(r"\[\s*~|~\s*\]", text):
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
        ["code", "name", "aliases", "adjectives", "demonyms", "capitals", "metonyms", "regions", "start", "end"],
        states,
    )
    _write(
        out / "organisations.tsv",
        ["id", "name", "aliases", "acronyms", "code", "sector", "type", "country", "notes", "start", "end"],
        orgs,
    )
    _write(
        out / "people.tsv",
        ["id", "name", "aliases", "code", "sector", "role", "start", "end", "notes"],
        people,
    )
    _write(out / "agents.tsv", ["term", "sector", "kind", "label", "placement"], agents)
    return ImportSummary(len({row[1] for row in states}), len({row[0] for row in orgs}), len(people), len(agents))


def _entries(text: str) -> Iterable[_Entry]:
    current: _Entry | None = None
    for raw in text.splitlines():
        # "#" and, from TABARI, ";" start comments.
        line = re.split(r"[#;]", raw, maxsplit=1)[0].rstrip()
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
    """(actor code, sector) of a Phoenix code such as SRBGOV, IGOUNOREF, KSV, MORORC.

    Where the output contract has a code of its own (ISO 3166 for KSV, UN for IGOUNO) that is
    used; otherwise the dictionary's own code stands (IGOAFR → IGO, AFR) rather than none.
    """
    segments = _segments(code)
    if not segments:
        return None, None
    head, rest = segments[0], segments[1:]
    if head in _ORG_HEADS:
        org = next((IGO_REMAP[s] for s in rest if s in IGO_REMAP), None)
        if org is not None:
            return org, sector_of(rest) or _ORG_HEADS[head]
        return head, sector_of(rest)
    if head in SECTORS:
        return None, sector_of(segments)  # "[MED]", "[GOVMED]": a kind of actor of no state
    return COUNTRY_REMAP.get(head, head), sector_of(rest)


def sector_of(segments: Iterable[str]) -> str | None:
    """The one sector an actor record carries: the first agent code among a code's segments.

    Other segments (regions, groups: the KSV of YUGKSV, the ORC of MORORC) are no sector;
    the full code stays in the actor's reason.
    """
    return next((s for s in segments if s in SECTORS), None)


def _codes(raw: str) -> list[str]:
    """The codes of one bracket: `FRO/BIL/SAM` is three; `---` (and `+++`) mean no code."""
    out = []
    for part in raw.upper().split("/"):
        part = part.strip()
        out.append(part if part.isalnum() else "")
    return out


def _dates(value: str | None) -> tuple[str, str] | None:
    """(start, end) in the layer's terms: ISO dates, the end exclusive (the day after).

    PETRARCH includes both limits ("interpreted as 'or equal to'"); the knowledge base's end
    is the first day out of office, so a restriction ending on D is written as D + 1 day.
    """
    if not value:
        return "", ""
    value = value.replace(" ", "")
    try:
        if value.startswith(">"):
            return _date(value[1:]).isoformat(), ""
        if value.startswith("<"):
            return "", _after(value[1:])
        start, _, end = value.partition("-")
        return _date(start).isoformat(), _after(end) if end else ""
    except ValueError:
        return None


def _after(digits: str) -> str:
    return (_date(digits) + timedelta(days=1)).isoformat()


def _date(digits: str) -> date:
    if not digits.isdigit():
        raise ValueError(digits)
    if len(digits) == 8:
        year, rest = int(digits[:4]), digits[4:]
    elif len(digits) == 6:
        short = int(digits[:2])
        year, rest = (2000 + short if short < 30 else 1900 + short), digits[2:]
    else:
        raise ValueError(digits)
    return date(year, int(rest[:2]), int(rest[2:]))


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")


@dataclass(frozen=True)
class _Restriction:
    """One bracket of an entry: its codes (several for `[A/B/C]`) and its dates, if any."""

    codes: tuple[str, ...]
    dates: str | None
    on_name_line: bool = False


def _restrictions(entry: _Entry) -> list[_Restriction]:
    out = [
        _Restriction(tuple(_codes(code)), dates, entry.coded_on_name_line and index == 0)
        for index, (code, dates) in enumerate(entry.roles)
    ]
    # PETRARCH takes the first restriction that holds, and one without dates always holds:
    # of several undated ones only the first can ever apply. The name line's code is the
    # default for when none holds, so an undated restriction below it comes first.
    undated = sorted((r for r in out if not r.dates), key=lambda r: r.on_name_line)
    return [r for r in out if r.dates] + undated[:1]


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
    spans = _spans(_restrictions(entry), name, warn, source)
    if not spans:
        return
    kind = _kind([r for r, _ in spans])
    if kind == "state":
        _state_rows(spans, name, aliases, states)
    elif kind == "person":
        _person_rows(spans, _slug(name) or fallback_id, name, aliases, people)
    else:
        _organisation_rows(spans, _slug(name) or fallback_id, name, aliases, orgs, source)


def _kind(restrictions: list[_Restriction]) -> str:
    """What an entry's codes say it is.

    Codes naming an office (…GOV, …MIL) are a person's when dated (Sam Gamgee's `[HOB]` and
    `[HOBGOV 20121109-20130119]`), an organisation's otherwise (`[PSEREBHMS]`). Without
    offices, a bare country code makes a state or territory, whose dated codes are its
    history (Serbia's `[YUGSRB <920427]`, Zimbabwe's `[RHO <790606]`); anything else
    (`[MRGORC]`, `[MED]`) is an organisation.
    """
    codes = [code for r in restrictions for code in r.codes if code]
    if any(segment in SECTORS for code in codes for segment in _segments(code)[1:]):
        return "person" if any(r.dates for r in restrictions) else "organisation"
    if any(len(code) == 3 and code not in SECTORS and code not in _ORG_HEADS for code in codes):
        return "state"
    return "organisation"


def _segments(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def _ordered(spans: list[tuple[_Restriction, tuple[str, str]]]) -> list[tuple[_Restriction, tuple[str, str]]]:
    """The default (undated) codes first, then the latest begun: the first row names the entry."""
    return sorted(spans, key=lambda item: (bool(item[0].dates), item[1][0] == "", _negated(item[1][0])))


def _negated(iso: str) -> str:
    # Sorts later dates first: each digit replaced by its complement to 9.
    return iso.translate(str.maketrans("0123456789", "9876543210"))


def _state_rows(
    spans: list[tuple[_Restriction, tuple[str, str]]],
    name: str,
    aliases: list[str],
    states: list[list[str]],
) -> None:
    # One row per code; rows after the first only give further codes of the same state.
    first = True
    for restriction, (start, end) in _ordered(spans):
        for raw in restriction.codes:
            code = _split_code(raw)[0] if raw else None
            if first and not code:
                continue  # a null code can only be a restriction of a state coded otherwise
            states.append([code or "", name, "|".join(aliases) if first else "", "", "", "", "", "", start, end])
            first = False


def _spans(
    restrictions: list[_Restriction], name: str, warn: WarnFn, source: str
) -> list[tuple[_Restriction, tuple[str, str]]]:
    """Each restriction with its (start, end); unreadable or reversed dates are warned about."""
    out = []
    for restriction in restrictions:
        span = _dates(restriction.dates)
        if span is None:
            warn(source, f"{name}: unreadable dates '{restriction.dates}'; role skipped")
            continue
        if span[0] and span[1] and span[1] <= span[0]:
            warn(source, f"{name}: dates '{restriction.dates}' end before they start; role skipped")
            continue
        out.append((restriction, span))
    return out


def _organisation_rows(
    spans: list[tuple[_Restriction, tuple[str, str]]],
    org_id: str,
    name: str,
    aliases: list[str],
    orgs: list[list[str]],
    source: str,
) -> None:
    for restriction, (start, end) in _ordered(spans):
        for raw in restriction.codes:
            code, sector = _split_code(raw) if raw else (None, None)
            orgs.append(
                [
                    org_id,
                    name,
                    "|".join(aliases),
                    "",
                    code or "",
                    sector or "",
                    "imported",
                    "",
                    "from " + Path(source).name,
                    start,
                    end,
                ]
            )


def _person_rows(
    spans: list[tuple[_Restriction, tuple[str, str]]],
    person_id: str,
    name: str,
    aliases: list[str],
    people: list[list[str]],
) -> None:
    for restriction, (start, end) in spans:
        for raw in restriction.codes:
            code, sector = _split_code(raw) if raw else (None, None)
            people.append(
                [person_id, name, "|".join(aliases), code or "", sector or "", sector or "", start, end, "imported"]
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
        match = _AGENT.match(line)
        if not match:
            continue
        term, before, code, after = match.group(1), match.group(2), match.group(3).upper(), match.group(4)
        if not (before or after):
            continue  # "[GOV]" without a "~" is no agent code
        placement = "before" if after and not before else "after"
        for value in _agent_terms(term, macros):
            if value not in seen:
                seen.add(value)
                # Kind and label blank: the knowledge base takes those of its own agent of
                # that name ("president" stays a title), else a group named by the term.
                rows.append([value, code, "", "", placement])
    return rows


def _agent_terms(term: str, macros: dict[str, list[str]]) -> list[str]:
    """The forms an agent line matches: its own, and the plurals PETRARCH would make.

    "TERM {PLURALS}" lists irregular plurals ("{}" means none); otherwise a regular plural
    is made (+S, Y → IES, S → +ES), except for macro forms and terms ending in "_".
    """
    braces = re.findall(r"\{([^}]*)\}", term)
    stem = re.sub(r"\s*\{[^}]*\}", "", term).strip()
    variants = [stem] + [p.strip() for group in braces for p in re.split(r"[,\s]+", group) if p.strip()]
    if not braces and "!" not in stem and not stem.endswith("_"):
        variants.append(_plural(stem))
    out = []
    for expanded in (e for variant in variants for e in _expand(variant, macros)):
        value = " ".join(expanded.replace("_", " ").lower().split())
        if value:
            out.append(value)
    return out


def _plural(term: str) -> str:
    if term.upper().endswith("Y"):
        return term[:-1] + ("IES" if term.isupper() else "ies")
    if term.upper().endswith("S"):
        return term + ("ES" if term.isupper() else "es")
    return term + ("S" if term.isupper() else "s")


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
