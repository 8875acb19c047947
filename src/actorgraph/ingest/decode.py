"""Bytes to text: refuse what is not text, detect the encoding of what is."""

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
        raise InputError(source, "binary input (contains NUL bytes), not text or HTML")
    try:
        return _check_text(data.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # A file cut in the middle of its last character: keep everything before it.
            if warn:
                warn(source, "truncated: an incomplete character at the end was dropped")
            return _check_text(data[: exc.start].decode("utf-8"), source)
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(source, "cannot detect the text encoding (binary or corrupt input?)")
    if warn:
        warn(source, f"not UTF-8; decoded as {best.encoding}")
    return _check_text(str(best), source)


def _check_text(text: str, source: str) -> str:
    sample = text[:20000]
    if not sample.strip():
        raise InputError(source, "empty input")
    bad = sum(
        1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch not in "\n\r\t\f"
    )
    if bad > max(8, len(sample) * 0.02):
        raise InputError(source, "binary or corrupt input (too many control characters)")
    return text
