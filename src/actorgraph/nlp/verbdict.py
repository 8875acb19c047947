"""PETRARCH/TABARI verb dictionaries, read as data.

A verb dictionary is what coders in the field already own: synonym sets (`&NAME` followed by
`+word` lines), then verb families. A family starts with `--- NAME [CODE] ---`, lists its verbs
(`MEET {MET MEETS}`, a multi-word verb `+MEET_WITH`, a verb with its own code `DECLINE [120]`)
and its patterns, one a line:

    - $ TROOP * (TOWARD +)   [154]   # comment

`*` is the verb; words before it must come before the verb, words after it after the verb; a
blank lets other words come between, `_` joins words that must be adjacent; `(PREP ...)` is a
prepositional phrase, `{...}` a phrase of consecutive words, `&NAME` a synonym set, `A/B`
alternatives; `$` marks the source, `+` the target, `%` before the verb an actor that is both
(a compound actor acting together: "% * [030:030]") and after it the group the subject acts
with, its target ("* WITH % [031]"), `^` skips a noun phrase. `[a:b]` codes the event `a` from
source to target and `b` back from target to source; `[:b]` only the reverse; `[---]` means no
event. A code is digits with perhaps letters of a coder's own after them (`075A`); a
placeholder such as `[+++]` is no code, and its pattern is skipped with a message.

A verb is the word as written ("LEFT" is the word "left", not any form of "leave") and its
forms: those listed in `{...}`, else its regular ones (`regular_forms`).

This module only reads and validates; `nlp.verbmatch` compiles what it reads into matchers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path

from actorgraph.errors import KnowledgeBaseError

DATA = Path(__file__).parent / "data"
DEFAULT_VERBS = DATA / "cameo" / "CAMEO.2.0.txt"
NO_EVENT = "---"


class VerbDictionaryError(KnowledgeBaseError):
    """A verb dictionary cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Element:
    """One item of a pattern.

    `kind` is `words` (one of `options`, each a run of consecutive words), `prep` (a
    prepositional phrase: the preposition is one of `options`, `inner` what follows it),
    `source`, `target`, `compound` (an actor that is source and target at once) or `skip`
    (any noun phrase). `joined` asks for the element to follow the previous one directly.
    """

    kind: str
    options: tuple[tuple[str, ...], ...] = ()
    inner: tuple[Element, ...] = ()
    joined: bool = False
    # the first and last words of the options, so that a matcher rules out most words at once
    firsts: frozenset[str] = field(default=frozenset(), compare=False)
    lasts: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(run[0] for run in self.options if run))
        object.__setattr__(self, "lasts", frozenset(run[-1] for run in self.options if run))

    @property
    def weight(self) -> int:
        """How much this element narrows a pattern: more specific patterns win."""
        own = 1 if self.kind in ("words", "prep") else 0
        return own + sum(e.weight for e in self.inner)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A verb pattern with its code; `line` and `text` say where it came from."""

    family: str
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    reverse: str | None
    line: int
    text: str
    verb_joined_before: bool = False  # "IN_*": the word just before the verb

    @property
    def weight(self) -> int:
        return sum(e.weight for e in (*self.before, *self.after)) + sum(
            1 for e in (*self.before, *self.after) if e.kind in ("source", "target", "compound")
        )


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of a family: its base form, other forms, words that must come with it."""

    lemma: str
    forms: tuple[str, ...]
    before: tuple[str, ...] = ()  # "KLM_NOP_+RST": words just before the verb
    after: tuple[str, ...] = ()  # "+MEET_WITH": words just after the verb (or its particles)
    code: str | None = None  # its own code, else the family's
    reverse: str | None = None
    line: int = 0

    @property
    def surface(self) -> tuple[str, ...]:
        """The word forms that are this verb as PETRARCH reads it: the word as written, and its
        listed forms, or with none listed its regular ones ("-s", "-ed", "-ing"). "LEFT" is the
        word "left", not every form of "leave"."""
        return tuple(dict.fromkeys((self.lemma, *(self.forms or regular_forms(self.lemma)))))


@dataclass(frozen=True, slots=True)
class Family:
    """Verbs that share patterns, with the code of a verb used alone."""

    name: str
    code: str | None
    reverse: str | None
    verbs: tuple[Verb, ...]
    patterns: tuple[Pattern, ...]
    line: int


@dataclass(frozen=True)
class VerbDictionary:
    """A parsed verb dictionary: families, synonym sets, and what could not be used."""

    path: Path
    families: tuple[Family, ...]
    synsets: dict[str, tuple[tuple[str, ...], ...]]
    skipped: tuple[str, ...] = ()
    transformations: int = 0
    by_form: dict[str, tuple[tuple[Family, Verb], ...]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def pattern_count(self) -> int:
        return sum(len(f.patterns) for f in self.families)

    def readings(self, form: str) -> tuple[tuple[Family, Verb], ...]:
        """Families and verbs a (lower-cased) word form or lemma belongs to."""
        return self.by_form.get(form, ())


# ---- reading ---------------------------------------------------------------------------------
# "--- MEET [040] ---", "### MEET ###"; a header with a second code ("--- DELAY [120] [031:031] ---")
# takes the first
_HEADER = re.compile(r"^-{3}\s+(\S+)\s+\[([^\]]*)\](?:\s*\[[^\]]*\])*\s*-{3}\s*$|^#{3}\s+(\S+)\s+#{3}\s*$")
# A code: digits, then perhaps a coder's own sub-code letters ("075A", "174K")
_CODE_TEXT = re.compile(r"[0-9]{2,}[0-9A-Za-z]*")
_CODE = re.compile(r"\[([^\]]*)\]")
_XML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@lru_cache(maxsize=4)
def load_verb_dictionary(path: Path = DEFAULT_VERBS) -> VerbDictionary:
    """Read a PETRARCH/TABARI verb dictionary; errors name the file and line."""
    try:
        raw = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise VerbDictionaryError(f"{path}: cannot read the verb dictionary ({exc.strerror or exc})") from exc
    return parse_verb_dictionary(raw, path)


def parse_verb_dictionary(raw: str, path: Path) -> VerbDictionary:
    """Parse the text of a verb dictionary (see the module docstring for the format)."""
    sets: dict[str, list[str]] = {}  # set name as written (a trailing "_" bars plurals) -> members
    blocks: list[_Block] = []
    skipped: list[str] = []
    transformations = 0
    block: _Block | None = None
    current_set: str | None = None
    for number, line in _strip_comments(raw):
        if not line:
            current_set = None
            continue
        header = _HEADER.match(line)
        if header:
            current_set = None
            try:
                code, reverse = _parse_code(header.group(2) or NO_EVENT, path, number)
            except _Unusable as exc:
                # the family still lends its verbs to patterns; alone they are no event
                skipped.append(f"{path.name}:{number}: {exc}; the family's verbs alone are no event")
                code, reverse = None, None
            block = _Block(header.group(1) or header.group(3), code, reverse, number)
            blocks.append(block)
        elif line.startswith("~"):
            transformations += 1
        elif line.startswith("&"):
            block, current_set = None, line.split()[0].lstrip("&").upper()
            sets.setdefault(current_set, [])
        elif current_set is not None and line.startswith("+"):
            sets[current_set].append(line[1:].strip())
        elif block is None:
            skipped.append(f"{path.name}:{number}: outside any verb family, ignored: {line[:60]}")
        elif line.startswith("-"):
            block.patterns.append((line[1:].strip(), number))
        else:
            try:
                verb = _parse_verb(line, block, path, number)
            except _Unusable as exc:
                skipped.append(f"{path.name}:{number}: {exc}")
                continue
            if verb is not None:
                block.verbs.append(verb)

    synsets = _expand_nested(
        {
            name.rstrip("_"): [f for m in members for f in _member_forms(m, plural=not name.endswith("_"))]
            for name, members in sets.items()
        }
    )
    families = []
    for item in blocks:
        patterns = []
        for text, number in item.patterns:
            try:
                patterns.append(_parse_pattern(text, item.name, synsets, path, number))
            except _Unusable as exc:
                skipped.append(f"{path.name}:{number}: {exc}")
        families.append(Family(item.name, item.code, item.reverse, tuple(item.verbs), tuple(patterns), item.line))
    if not any(f.verbs for f in families):
        raise VerbDictionaryError(f"{path}: no verb families found (expected lines like '--- MEET [040] ---')")
    by_form: dict[str, list[tuple[Family, Verb]]] = {}
    for family in families:
        for verb in family.verbs:
            for form in dict.fromkeys((verb.lemma, *verb.forms)):
                by_form.setdefault(form, []).append((family, verb))
    return VerbDictionary(
        path=path,
        families=tuple(families),
        synsets={k: tuple(v) for k, v in synsets.items()},
        skipped=tuple(skipped),
        transformations=transformations,
        by_form={k: tuple(v) for k, v in by_form.items()},
    )


@dataclass
class _Block:
    """A verb family while it is being read."""

    name: str
    code: str | None
    reverse: str | None
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[tuple[str, int]] = field(default_factory=list)


class _Unusable(ValueError):
    """A pattern that cannot be used (an unknown synonym set, unbalanced brackets)."""


def _strip_comments(raw: str) -> Iterator[tuple[int, str]]:
    """Lines without comments, numbered as in the file. XML comments may span lines."""
    text = _XML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n") + "#", raw)
    for number, line in enumerate(text.splitlines(), start=1):
        kept = line
        for mark in ("#", ";"):
            cut = kept.find(mark)
            if cut >= 0:
                kept = kept[:cut]
        if kept.strip() or not line.strip():
            yield number, kept.strip()  # a line that is only a comment is no blank separator


def _set_name(token: str) -> str:
    return token.lstrip("&").upper().rstrip("_")


def _parse_code(text: str, path: Path, number: int) -> tuple[str | None, str | None]:
    """`030` → (030, None); `030:030` → both ways; `:054` → reverse only; `---` → none."""
    text = text.strip()
    if ":" in text:
        forward, _, backward = text.partition(":")
    else:
        forward, backward = text, ""
    # "[080!]", "[025?]": a coder's query mark after a code; the code stands
    forward, backward = forward.strip().rstrip("?!"), backward.strip().rstrip("?!")
    for part in (forward, backward):
        # "[+++]", "[###]", "[xxy]": a coder's placeholder, not a code (a pattern with it is skipped)
        if part and part != NO_EVENT and not _CODE_TEXT.fullmatch(part):
            raise _Unusable(f"cannot read the code [{text}]")
    return (forward if forward and forward != NO_EVENT else None), (
        backward if backward and backward != NO_EVENT else None
    )


def _parse_verb(line: str, block: _Block, path: Path, number: int) -> Verb | None:
    """`MEET {MEETS MET}`, `+MEET_WITH {+MET_WITH}`, `DECLINE [120]`, `KLM_NOP_+RST [002]`."""
    code, reverse = block.code, block.reverse
    found = _CODE.search(line)
    if found:
        code, reverse = _parse_code(found.group(1), path, number)
        line = line[: found.start()] + line[found.end() :]
    forms: list[str] = []
    brace = re.search(r"\{([^}]*)\}", line)
    if brace:
        forms = [f.replace("+", "").replace("_", " ").lower() for f in brace.group(1).split() if f.strip("+")]
        line = line[: brace.start()] + line[brace.end() :]
    words = line.strip()
    if not words:
        return None
    parts = [w for w in words.split("_") if w]
    verb_at = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
    parts = [w.lstrip("+").lower() for w in parts]
    lemma = parts[verb_at]
    # Irregular forms of a multi-word verb repeat its other words: keep the verb's own form.
    own_forms = tuple(dict.fromkeys(f.split()[verb_at] if len(f.split()) == len(parts) else f for f in forms))
    return Verb(
        lemma=lemma,
        forms=own_forms,
        before=tuple(parts[:verb_at]),
        after=tuple(parts[verb_at + 1 :]),
        code=code,
        reverse=reverse,
        line=number,
    )


def regular_forms(word: str) -> tuple[str, ...]:
    """The regular inflections of a verb: "-s", "-ed", "-ing", with the spelling rules of "y",
    a final "e" and a doubled final consonant ("banned"; both ways, as "visited" shows)."""
    consonant_y = word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou"
    third = word[:-1] + "ies" if consonant_y else word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")
    past = word[:-1] + "ied" if consonant_y else word + ("d" if word.endswith("e") else "ed")
    gerund = word[:-1] + "ing" if word.endswith("e") and not word.endswith("ee") else word + "ing"
    forms = [third, past, gerund]
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms += [word + word[-1] + "ed", word + word[-1] + "ing"]
    return tuple(forms)


def _member_forms(member: str, *, plural: bool) -> list[tuple[str, ...]]:
    """A synonym-set member as word runs: the phrase, and its regular plural unless barred."""
    text = member.strip()
    if text.startswith("&"):
        return [("&" + _set_name(text),)]
    keep_singular = text.endswith("_")
    words = tuple(w.lower() for w in re.split(r"[\s_]+", text.strip("_")) if w)
    if not words:
        return []
    out = [words]
    if plural and not keep_singular:
        out.append((*words[:-1], _plural(words[-1])))
    return out


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ss", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("s"):
        return word
    return word + "s"


def _expand_nested(synsets: dict[str, list[tuple[str, ...]]]) -> dict[str, list[tuple[str, ...]]]:
    """Replace members that name another set (`+&TIETYPES`) by that set's members."""
    out: dict[str, list[tuple[str, ...]]] = {}

    def expand(name: str, seen: frozenset[str]) -> list[tuple[str, ...]]:
        if name in out:
            return out[name]
        result: list[tuple[str, ...]] = []
        for words in synsets.get(name, []):
            if len(words) == 1 and words[0].startswith("&"):
                inner = words[0][1:]
                if inner not in seen and inner in synsets:
                    result.extend(expand(inner, seen | {inner}))
            else:
                result.append(words)
        out[name] = list(dict.fromkeys(result))
        return out[name]

    for name in synsets:
        expand(name, frozenset({name}))
    return out


# ---- patterns --------------------------------------------------------------------------------
_MARKS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}


def _parse_pattern(
    text: str, family: str, synsets: dict[str, list[tuple[str, ...]]], path: Path, number: int
) -> Pattern:
    codes = list(_CODE.finditer(text))
    found = codes[-1] if codes else None
    if found is None:
        raise _Unusable("pattern without a [code]")
    code, reverse = _parse_code(found.group(1), path, number)
    body = text[: found.start()].strip()
    atoms = _atoms(body)
    if not any(a[0] == "*" for a in atoms):
        raise _Unusable(f"pattern without the verb marker '*': {body[:60]}")
    elements, verb_at = _elements(atoms, synsets)
    star = next(a for a in atoms if a[0] == "*")
    return Pattern(
        family=family,
        before=tuple(elements[:verb_at]),
        after=tuple(elements[verb_at:]),
        code=code,
        reverse=reverse,
        line=number,
        text=body,
        verb_joined_before=star[1],
    )


def _atoms(body: str) -> list[tuple[str, bool]]:
    """Split a pattern into atoms, each with whether `_` joins it to the atom before.

    Brackets are atoms of their own: `(TO +)` gives `(`, `TO`, `+`, `)`.
    """
    atoms: list[tuple[str, bool]] = []
    for chunk in body.split():
        for piece in (p for p in re.split(r"([(){}])", chunk) if p):
            if piece in "(){}":
                atoms.append((piece, False))
                continue
            words = piece.split("_")
            atoms.extend((word, index > 0) for index, word in enumerate(words) if word)
    return atoms


def _elements(
    atoms: list[tuple[str, bool]], synsets: dict[str, list[tuple[str, ...]]]
) -> tuple[list[Element], int]:
    """Atoms to elements, and the index of the first element after the verb marker."""
    verb_at = -1
    position = 0

    def word_options(atom: str) -> tuple[tuple[str, ...], ...]:
        if atom.startswith("&"):
            name = _set_name(atom)
            if name not in synsets:
                raise _Unusable(f"unknown synonym set &{name}")
            return tuple(synsets[name])
        return tuple((w.lower(),) for w in atom.split("/") if w)

    def read(until: str | None) -> list[Element]:
        nonlocal position, verb_at
        out: list[Element] = []
        while position < len(atoms):
            atom, joined = atoms[position]
            position += 1
            if until is not None and atom == until:
                return out
            if atom == "*":
                if until is not None:
                    raise _Unusable("the verb marker '*' inside brackets")
                verb_at = len(out)
                continue
            if atom == "(":
                inner = read(")")
                if not inner or inner[0].kind != "words":
                    out.append(Element("prep", (), tuple(inner), joined))
                else:
                    preps = tuple((w,) for opt in inner[0].options for w in opt)
                    out.append(Element("prep", preps, tuple(inner[1:]), joined))
                continue
            if atom == "{":
                inner = read("}")
                if any(e.kind != "words" for e in inner):
                    raise _Unusable("a {phrase} with actor markers in it")
                runs = tuple(tuple(w for run in combo for w in run) for combo in product(*(e.options for e in inner)))
                out.append(Element("words", runs, (), joined))
                continue
            if atom in (")", "}"):
                raise _Unusable(f"unbalanced '{atom}'")
            if atom in _MARKS:
                kind = _MARKS[atom]
                if kind == "compound" and verb_at >= 0:
                    kind = "target"  # "* WITH %": the group the subject acts with
                out.append(Element(kind, (), (), joined))
                continue
            options = word_options(atom)
            if joined and out and out[-1].kind == "words":
                # "NEW_&TIETYPES_RELATIONS": joined words are one run of consecutive words
                previous = out.pop()
                runs = tuple(a + b for a, b in product(previous.options, options))
                out.append(Element("words", runs, (), previous.joined))
                continue
            out.append(Element("words", options, (), joined))
        if until is not None:
            raise _Unusable(f"missing '{until}'")
        return out

    return read(None), verb_at


__all__ = [
    "DEFAULT_VERBS",
    "Element",
    "Family",
    "Pattern",
    "Verb",
    "VerbDictionary",
    "VerbDictionaryError",
    "load_verb_dictionary",
    "parse_verb_dictionary",
]
