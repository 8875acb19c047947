"""Text folding shared by name matching and de-duplication.

`fold` maps text to a lower-case, diacritic-free, Latin form and keeps, for every folded
character, the offset of the original character it came from, so matches found in the folded
text can be reported as spans of the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Serbian and Macedonian Cyrillic follow the official Latin alphabets (then lose diacritics);
# the few letters only Russian, Ukrainian or Bulgarian use get their usual English forms.
_CYRILLIC = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ђ": "dj",
    "е": "e",
    "ж": "z",
    "з": "z",
    "и": "i",
    "ј": "j",
    "к": "k",
    "л": "l",
    "љ": "lj",
    "м": "m",
    "н": "n",
    "њ": "nj",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "ћ": "c",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "c",
    "ч": "c",
    "џ": "dz",
    "ш": "s",
    "ѓ": "gj",
    "ќ": "kj",
    "ѕ": "dz",
    "ё": "e",
    "й": "y",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
}
_LATIN = {
    "đ": "dj",
    "ð": "d",
    "ł": "l",
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ß": "ss",
    "ı": "i",
    "þ": "th",
    "ħ": "h",
}
_PUNCT = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
}


@lru_cache(maxsize=8192)
def fold_char(ch: str) -> str:
    """The folded form of one character (may be empty or several characters)."""
    if ch in _PUNCT:
        return _PUNCT[ch]
    if ch.isspace():
        return " "
    low = ch.lower()
    if low in _CYRILLIC:
        return _CYRILLIC[low]
    if low in _LATIN:
        return _LATIN[low]
    if ch.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped != ch and stripped:
        # "ѐ" decomposes to a Cyrillic "е": fold what is left as well.
        return "".join(fold_char(c) if c != ch else c.casefold() for c in stripped)
    return stripped.casefold()


class _FoldTable(dict[int, str]):
    def __missing__(self, key: int) -> str:
        value = fold_char(chr(key))
        self[key] = value
        return value


_TABLE = _FoldTable()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Fold `text`; return it with a map from folded offsets to original offsets.

    The map is `None` when folding kept every character one-to-one (the common case for
    English text), meaning offsets are shared.
    """
    folded = text.translate(_TABLE)
    if len(folded) == len(text) and all(len(_TABLE[ord(c)]) == 1 for c in set(text)):
        return folded, None
    mapping: list[int] = []
    for index, ch in enumerate(text):
        mapping.extend([index] * len(_TABLE[ord(ch)]))
    mapping.append(len(text))
    return folded, mapping


_SPACES = re.compile(r"\s+")


def fold_key(text: str) -> str:
    """A lookup key for a name: folded, with whitespace collapsed."""
    return _SPACES.sub(" ", text.translate(_TABLE)).strip()


def shorter_name(short: str, full: str) -> bool:
    """Whether `short` is a person's full name with given or middle names left out ("Lula da
    Silva" for "Luiz Inácio Lula da Silva"): two words or more, in the full name's order, ending in its
    last word."""
    words, whole = fold_key(short).lower().split(), fold_key(full).lower().split()
    if len(words) < 2 or len(words) >= len(whole) or words[-1] != whole[-1]:
        return False
    rest = iter(whole)
    return all(word in rest for word in words)


def has_upper(text: str) -> bool:
    """Whether any letter of `text` is upper-case (names in running text are capitalised)."""
    return any(c.isupper() for c in text)
