"""Bytes to text: refuse what is not text, detect the encoding of what is.

charset-normalizer ranks candidate encodings by byte statistics, which cannot tell apart
code pages that differ only in a few letters (Windows-1252 and Windows-1250 share é, š, ž;
ISO-8859-2 puts Š where Windows-1250 has ©). Its top candidates and the usual European code
pages are therefore decoded and scored on what the text looks like: symbols glued to letters
("®eljko") and a mix of letters from different alphabets ("Peńa") betray a wrong guess.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from actorgraph.errors import InputError
from actorgraph.types import WarnFn

# Signatures of common non-text formats, so the user hears what the file is rather than
# "cannot detect encoding".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ", "an xz-compressed file"),
    (b"SQLite format 3", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Letters with diacritics by alphabet family: a right decoding mostly keeps to one family.
_CENTRAL = set("čćšžđłńřěůőűąęťďľĺŕśźżČĆŠŽĐŁŃŘĚŮŐŰĄĘŤĎĽĹŔŚŹŻ")
_WESTERN = set("éèêëàâäçñòóôöùúûüïîßæøåíáãõÉÈÊËÀÂÄÇÑÒÓÔÖÙÚÛÜÏÎÆØÅÍÁÃÕ")
_FALLBACKS = ("cp1252", "cp1250", "iso-8859-2", "iso-8859-15")
# Encodings news text is actually published in, preferred when the text looks equally good.
_COMMON = ("cp125", "windows-125", "iso-8859", "latin", "utf", "koi8")


def _cp1252_for_bad_utf8(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("actorgraph-cp1252", _cp1252_for_bad_utf8)


def decode_bytes(data: bytes, source: str, warn: WarnFn | None = None) -> str:
    """Decode `data` to text or raise `InputError` saying why it is not usable text."""
    if not data.strip():
        raise InputError(source, "empty input")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(source, f"binary input ({what}), not text or HTML")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding), source)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"not valid {encoding} despite its byte-order mark") from exc
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(source, "binary input (contains NUL bytes), not text or HTML")
        if warn:
            warn(source, f"no byte-order mark; decoded as {utf16}")
        return _check_text(data.decode(utf16, errors="replace"), source)
    try:
        return _check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        utf8_seen = any(b >= 0x80 for b in data[: exc.start])
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3 and utf8_seen:
            # A UTF-8 file cut in the middle of its last character: keep everything before it.
            if warn:
                warn(source, "truncated: an incomplete character at the end was dropped")
            return _check_text(data[: exc.start].decode("utf-8", errors="replace"), source)
        if utf8_seen and _mostly_utf8(data):
            if warn:
                warn(source, "a few bytes were not UTF-8; read them as Windows-1252")
            return _check_text(data.decode("utf-8", errors="actorgraph-cp1252"), source)
    guessed, text = _best_guess(data)
    if text is None:
        raise InputError(source, "cannot detect the text encoding (binary or corrupt input?)")
    if warn:
        warn(source, f"not UTF-8; decoded as {guessed}")
    return _check_text(text, source)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd and odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even and even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a handful of stray bytes (a Windows-1252 byte pasted in)."""
    bad = 0
    position = 0
    while position < len(data):
        try:
            data[position:].decode("utf-8")
            break
        except UnicodeDecodeError as exc:
            bad += exc.end - exc.start
            position += exc.end
            if bad > max(3, len(data) // 1000):
                return False
    return True


def _best_guess(data: bytes) -> tuple[str | None, str | None]:
    matches = from_bytes(data)
    candidates: list[str] = []
    for match in list(matches)[:5]:
        if match.encoding and match.encoding not in candidates:
            candidates.append(match.encoding)
    for name in _FALLBACKS:
        if name not in candidates:
            candidates.append(name)
    best: tuple[float, int, str, str] | None = None
    for rank, encoding in enumerate(candidates):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = _implausibility(text) + (0 if encoding.replace("_", "-").lower().startswith(_COMMON) else 1)
        if best is None or (score, rank) < (best[0], best[1]):
            best = (score, rank, encoding, text)
    if best is None:
        return None, None
    return best[2], best[3]


def _implausibility(text: str) -> float:
    """How wrong a decoding looks: glued symbols, control characters, mixed alphabets."""
    glued = 0
    controls = 0
    odd_letters = 0
    for index, ch in enumerate(text):
        if ch.isascii():
            continue
        category = unicodedata.category(ch)
        before = text[index - 1] if index else " "
        after = text[index + 1] if index + 1 < len(text) else " "
        if category in ("Cc", "Cn", "Co"):
            controls += 1
        elif category[0] in "SN" and not ch.isdigit():
            if before.isalpha() or after.isalpha():
                glued += 1
        elif ch.isalpha() and (
            (not before.isalpha() and not after.isalpha())  # "PARIS ó The": a dash read as a letter
            or (ch.isupper() and before.islower())  # "dÈlÈgation"
        ):
            odd_letters += 1
    central = sum(1 for ch in text if ch in _CENTRAL)
    western = sum(1 for ch in text if ch in _WESTERN)
    return controls * 10 + glued * 5 + odd_letters * 3 + min(central, western)


def _check_text(text: str, source: str) -> str:
    sample = text[:20000]
    if not sample.strip():
        raise InputError(source, "empty input")
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\r\t\f")
    if bad > max(8, len(sample) * 0.02):
        raise InputError(source, "binary or corrupt input (too many control characters)")
    return text
