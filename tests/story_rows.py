"""Rows of one coded story, written straight to a store by tests that need no NLP."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any


def story_rows(doc_id: str, day: date) -> dict[str, list[dict[str, Any]]]:
    """The rows of one coded story: Serbia accuses Kosovo and opposes it, on `day`."""
    now = datetime.now(UTC)
    story = f"Serbia accused Kosovo on {day}."
    evidence = {"evidence_start": 0, "evidence_end": len(story), "evidence_text": story}
    return {
        "documents": [{"id": doc_id, "source": "test", "text": story, "text_sha256": doc_id, "headings": [],
                       "story_index": 0, "shingles": 0, "published": day, "ingested_at": now, "coded_at": now}],
        "actors": [{"id": f"{doc_id}-{code}", "doc_id": doc_id, "code": code, "name": code, "type": "state",
                    "mentions": [], "roles": [], "score": 1.0, "reason": "test", "first_seen": day}
                   for code in ("SRB", "XKX")],
        "events": [{"id": f"{doc_id}-e", "doc_id": doc_id, "type": "ACCUSE", "context": [], "modality": "asserted",
                    "source": [{"code": "SRB", "sector": None, "name": "Serbia"}], "date": day,
                    "target": [{"code": "XKX", "sector": None, "name": "Kosovo"}], "quad": "verbal_conflict",
                    "intensity": -2.0, "confidence": 0.9, "extractor": "test", **evidence}],
        "event_dyads": [{"event_id": f"{doc_id}-e", "source_code": "SRB", "target_code": "XKX", "date": day,
                         "type": "ACCUSE", "quad": "verbal_conflict", "intensity": -2.0, "modality": "asserted",
                         "duplicate": False}],
        "stances": [{"id": f"{doc_id}-s", "doc_id": doc_id, "holder_code": "SRB", "holder_name": "Serbia",
                     "polarity": "oppose", "target_kind": "actor", "target_code": "XKX", "target_name": "Kosovo",
                     "target_key": "XKX", "date": day, "confidence": 0.8, "extractor": "test", **evidence}],
    }

