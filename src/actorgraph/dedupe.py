"""Exact and near-duplicate detection with MinHash (datasketch).

Excerpts matter as much as copies: a wire story re-published in part is *contained* in the
original, and its Jaccard similarity to it can be as low as 0.3. So candidates come from an
LSH Ensemble (which answers containment queries), and each candidate pair is then checked
exactly on the shingle sets: `containment(A, B) = |A ∩ B| / |A|`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from actorgraph.dating import is_own_date
from actorgraph.text import fold_key
from actorgraph.types import Document

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = 5) -> frozenset[bytes]:
    """The set of word `size`-grams of a text, folded (case, diacritics, punctuation ignored)."""
    words = _WORD.findall(fold_key(text))
    if not words:
        return frozenset()
    if len(words) <= size:
        return frozenset({" ".join(words).encode("utf-8")})
    return frozenset(" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1))


def containment(part: frozenset[bytes], whole: frozenset[bytes]) -> float:
    """Share of `part`'s shingles that are also in `whole`."""
    if not part:
        return 0.0
    return len(part & whole) / len(part)


@dataclass(frozen=True, slots=True)
class Known:
    """A document already in the store, as far as de-duplication needs it."""

    id: str
    text: str
    published: date | None
    order: int = -1  # stored documents count as earlier than anything in this run
    date_source: str | None = None  # how `published` was found (see `actorgraph.dating`)


@dataclass(frozen=True, slots=True)
class _Item:
    id: str
    shingles: frozenset[bytes]
    published: date | None
    order: tuple[int, int]
    in_run: bool


def mark_duplicates(
    documents: Sequence[Document],
    *,
    threshold: float = 0.8,
    shingle_size: int = 5,
    num_perm: int = 128,
    known: Iterable[Known] = (),
) -> tuple[list[Document], dict[str, tuple[str, float]]]:
    """Mark duplicates among `documents` and against `known` (stored) ones.

    Returns the documents with `duplicate_of` and `containment` set where they apply, and
    the stored documents that turn out to be duplicates of new ones (an excerpt stored
    before its full story arrived), as `{id: (duplicate_of, containment)}`.
    A document whose shingles are at least `threshold` contained in another one is its
    duplicate; of two documents contained in each other (near-equal), the later one is.
    """
    # Only a date a story states tells which copy came first: a capture date (the page's, a
    # file's, the day of ingest) says when the copy was taken, so those count as no date.
    items = [
        _Item(d.id, shingles(d.text, shingle_size), _own(d.published, d.date_source), (d.order, d.story_index), True)
        for d in documents
    ]
    items += [
        _Item(k.id, shingles(k.text, shingle_size), _own(k.published, k.date_source), (k.order, 0), False)
        for k in known
    ]
    found = _find(items, threshold, num_perm)
    marked = [
        replace(d, duplicate_of=found[d.id][0], containment=round(found[d.id][1], 4)) if d.id in found else d
        for d in documents
    ]
    in_run = {d.id for d in documents}
    stored = {i: (o, round(c, 4)) for i, (o, c) in found.items() if i not in in_run and o in in_run}
    return marked, stored


def _find(items: Sequence[_Item], threshold: float, num_perm: int) -> dict[str, tuple[str, float]]:
    if len(items) < 2:
        return {}
    from datasketch import MinHash, MinHashLSHEnsemble  # scipy underneath: imported only when needed

    # Generating permutations is the costly part of a MinHash: do it once per run.
    first = MinHash(num_perm=num_perm)
    hashes: dict[str, MinHash] = {}
    for item in items:
        minhash = MinHash(num_perm=num_perm, permutations=first.permutations, scheme=first.scheme)
        minhash.update_batch(list(item.shingles))
        hashes[item.id] = minhash
    # Candidates at a lower threshold than the decision: the final call is made exactly.
    ensemble = MinHashLSHEnsemble(threshold=max(0.3, threshold - 0.3), num_perm=num_perm, num_part=8)
    ensemble.index((item.id, hashes[item.id], max(1, len(item.shingles))) for item in items)
    by_id = {item.id: item for item in items}

    best: dict[str, tuple[str, float]] = {}
    for item in items:
        if not item.shingles:
            continue
        for other_id in ensemble.query(hashes[item.id], max(1, len(item.shingles))):
            other = by_id[other_id]
            if other_id == item.id or (not item.in_run and not other.in_run):
                continue
            share = containment(item.shingles, other.shingles)
            if share < threshold:
                continue
            reverse = containment(other.shingles, item.shingles)
            if reverse >= threshold and not _is_later(item, other):
                continue  # near-equal, and this one came first: the other is the duplicate
            current = best.get(item.id)
            if (
                current is None
                or share > current[1]
                or (share == current[1] and len(other.shingles) > len(by_id[current[0]].shingles))
            ):
                best[item.id] = (other_id, share)
    return best


def _own(published: date | None, source: str | None) -> date | None:
    return published if is_own_date(source) else None


def _is_later(item: _Item, other: _Item) -> bool:
    if item.published and other.published and item.published != other.published:
        return item.published > other.published
    if item.in_run != other.in_run:
        return item.in_run  # what is already stored came first
    return item.order > other.order


FINGERPRINT_MODULUS = 8


def fingerprints(text: str, shingle_size: int = 5) -> list[int]:
    """A fixed 1-in-`FINGERPRINT_MODULUS` sample of a text's shingle hashes (signed 64-bit).

    The sample is chosen by hash value, so two texts sample the same shingles: the share of
    a document's fingerprints found in another estimates its containment there.
    """
    values = []
    for shingle in shingles(text, shingle_size):
        value = int.from_bytes(hashlib.blake2b(shingle, digest_size=8).digest(), "big", signed=True)
        if value % FINGERPRINT_MODULUS == 0:
            values.append(value)
    return sorted(values)
