"""A large store of generated records, so anyone can check the analyses' speed at scale.

The records follow the shape of real coded news: a few dyads carry most events (a Zipf law
over pairs of states), cooperation and conflict mixed as in the bundled sample, several events
per story, stances and quotes alongside. Nothing here is extracted from text: it is for
timing, never for findings.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from actorgraph.ontology import EVENT_TYPES, MODES, intensity, quad_of

STATES = (
    "SRB", "XKX", "ALB", "HRV", "BIH", "MNE", "MKD", "SVN", "BGR", "GRC", "ROU", "HUN", "TUR", "RUS", "USA",
    "CHN", "DEU", "FRA", "GBR", "ITA", "AUT", "UKR", "IRN", "ISR", "EU", "NATO", "UN", "OSCE", "POL", "CZE",
)  # fmt: skip
TYPE_WEIGHTS = {
    "CONSULT": 14, "ACCUSE": 12, "SUPPORT": 10, "REQUEST": 9, "REJECT": 7, "AGREE": 7, "COOPERATE": 5,
    "THREATEN": 5, "ASSAULT": 6, "COERCE": 6, "PROTEST": 4, "SANCTION": 4, "AID": 3, "MOBILIZE": 3,
    "CONCEDE": 2, "RETREAT": 2,
}  # fmt: skip


@dataclass(frozen=True)
class Generated:
    documents: int
    events: int
    stances: int
    quotes: int
    seconds: float

    @property
    def rows_per_second(self) -> float:
        return (self.documents + 2 * self.events + self.stances + self.quotes) / self.seconds if self.seconds else 0.0


def _pairs(rng: random.Random) -> list[tuple[str, str]]:
    pairs = [(a, b) for a in STATES for b in STATES if a != b]
    rng.shuffle(pairs)
    return pairs


def records(
    events: int, seed: int = 7, days: int = 3 * 365, per_document: int = 5, first: int = 0
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Batches of rows (by table) totalling `events` events; ids are numbered from `first`."""
    rng = random.Random(seed)
    pairs = _pairs(rng)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(pairs))]
    types = list(TYPE_WEIGHTS)
    type_weights = list(TYPE_WEIGHTS.values())
    start = date(2023, 1, 1)
    now = datetime.now(UTC)
    made = 0
    doc_number = first
    tables = ("documents", "actors", "events", "event_dyads", "stances", "quotes")
    while made < events:
        batch: dict[str, list[dict[str, Any]]] = {k: [] for k in tables}
        for _ in range(min(2000, (events - made + per_document - 1) // per_document)):
            doc_number += 1
            doc_id = f"synthetic-{doc_number:08d}"
            day = start + timedelta(days=rng.randrange(days))
            text = f"Generated story {doc_number} about regional relations on {day.isoformat()}."
            batch["documents"].append({
                "id": doc_id, "source": "synthetic", "url": None, "title": f"Generated story {doc_number}",
                "published": day, "byline": None, "place_name": None, "place_code": None, "text": text,
                "text_sha256": hashlib.sha256(text.encode()).hexdigest(), "headings": [], "story_index": 0,
                "duplicate_of": None, "containment": None, "shingles": 0, "extractor": "synthetic", "run_id": None,
                "ingested_at": now, "coded_at": now,
            })
            codes: dict[str, None] = {}
            for _ in range(per_document):
                if made >= events:
                    break
                made += 1
                source, target = rng.choices(pairs, weights)[0]
                codes.update({source: None, target: None})
                kind = rng.choices(types, type_weights)[0]
                mode = rng.choice(MODES[kind]) if MODES[kind] and rng.random() < 0.5 else None
                modality = "asserted" if rng.random() < 0.9 else rng.choice(("hypothetical", "negated"))
                score = intensity(kind, mode)
                quad = quad_of(kind)
                event_id = f"e{first * per_document + made:011d}"
                batch["events"].append({
                    "id": event_id, "doc_id": doc_id, "type": kind, "mode": mode, "context": [],
                    "source": [{"code": source, "sector": None, "name": source}],
                    "target": [{"code": target, "sector": None, "name": target}], "modality": modality,
                    "date": day, "location_name": None, "location_code": None, "evidence_start": 0,
                    "evidence_end": len(text), "evidence_text": text, "confidence": 0.8, "extractor": "synthetic",
                    "quad": quad, "intensity": score,
                })
                batch["event_dyads"].append({
                    "event_id": event_id, "source_code": source, "target_code": target, "date": day, "type": kind,
                    "quad": quad, "intensity": score, "modality": modality, "duplicate": False,
                })
                if kind in ("SUPPORT", "ACCUSE", "REJECT") and rng.random() < 0.5:
                    batch["stances"].append({
                        "id": f"s{first * per_document + made:011d}", "doc_id": doc_id, "holder_code": source, "holder_sector": None,
                        "holder_name": source, "polarity": "support" if kind == "SUPPORT" else "oppose",
                        "target_kind": "actor", "target_code": target, "target_name": target, "target_event": None,
                        "target_topic": None, "target_key": target, "date": day, "evidence_start": 0, "evidence_end": len(text),
                        "evidence_text": text, "confidence": 0.7, "extractor": "synthetic",
                    })
            for number, code in enumerate(codes):
                batch["actors"].append({
                    "id": f"a{doc_number:09d}-{number}", "doc_id": doc_id, "code": code, "sector": None, "name": code,
                    "type": "state", "kb_id": None, "score": 1.0, "reason": "generated", "mentions": [], "roles": [],
                    "first_seen": day,
                })
            if rng.random() < 0.3:
                batch["quotes"].append({
                    "id": f"q{doc_number:011d}", "doc_id": doc_id, "speaker_code": rng.choice(STATES),
                    "speaker_sector": "GOV", "speaker_name": None, "speaker_text": "a spokesperson", "cue": "said",
                    "content_start": 0, "content_end": len(text), "content": text, "direct": False, "date": day,
                    "evidence_start": 0, "evidence_end": len(text), "evidence_text": text,
                })
        yield batch


def build(store: Any, events: int, seed: int = 7) -> Generated:
    """Fill `store` with `events` generated events (plus stories, stances, quotes)."""
    started = time.perf_counter()
    counts = {"documents": 0, "events": 0, "stances": 0, "quotes": 0}
    for batch in records(events, seed, first=store.count("documents")):
        store.bulk_insert(batch)
        for key in counts:
            counts[key] += len(batch[key])
    store.rebuild_aggregates()
    return Generated(counts["documents"], counts["events"], counts["stances"], counts["quotes"],
                     time.perf_counter() - started)


assert set(TYPE_WEIGHTS) == set(EVENT_TYPES)
