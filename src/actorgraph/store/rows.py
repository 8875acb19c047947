"""Extraction results to table rows (and the derived columns the analyses read)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from actorgraph.dedupe import fingerprints, shingles
from actorgraph.ontology import intensity, quad_of
from actorgraph.records import count_record
from actorgraph.types import ActorRef, Document, Event


def stance_target(code: str | None, event: str | None, topic: str | None) -> str | None:
    """What a stance is about, as one key: an actor code, `event:ID` or `topic:WORDS`."""
    if code:
        return code
    if event:
        return f"event:{event}"
    return f"topic:{topic}" if topic else None


def _located(event: Event) -> dict[str, Any]:
    place = event.location
    return {
        "location_lat": place.lat if place else None,
        "location_lon": place.lon if place else None,
        "location_admin1": place.admin1 if place else None,
        "location_geonameid": place.geonameid if place else None,
        "location_reason": place.reason if place else None,
    }


def _ref(ref: ActorRef) -> dict[str, Any]:
    return {"code": ref.code, "sector": ref.sector, "name": ref.name}


def document_row(document: Document, extractor: str, run_id: int | None, now: datetime) -> dict[str, Any]:
    return {
        "id": document.id,
        "source": document.source,
        "url": document.url,
        "title": document.title,
        "published": document.published,
        "date_source": document.date_source,
        "byline": document.byline,
        "place_name": document.place.name if document.place else None,
        "place_code": document.place.code if document.place else None,
        "text": document.text,
        "text_sha256": document.text_sha256,
        "headings": [list(h) for h in document.headings],
        "story_index": document.story_index,
        "duplicate_of": document.duplicate_of,
        "containment": document.containment,
        "shingles": len(shingles(document.text)),
        "extractor": extractor,
        "run_id": run_id,
        "ingested_at": now,
        "coded_at": now,
    }


def extraction_rows(
    extraction: Any, extractor: str, run_id: int | None, now: datetime
) -> dict[str, list[dict[str, Any]]]:
    """All rows of one story's extraction, by table."""
    document: Document = extraction.document
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [document_row(document, extractor, run_id, now)],
        "fingerprints": [{"hash": h, "doc_id": document.id} for h in dict.fromkeys(fingerprints(document.text))],
        "actors": [],
        "events": [],
        "event_dyads": [],
        "stances": [],
        "quotes": [],
    }
    for actor in extraction.actors:
        rows["actors"].append(
            {
                "id": actor.id,
                "doc_id": actor.doc_id,
                "code": actor.code,
                "sector": actor.sector,
                "name": actor.name,
                "type": actor.type,
                "kb_id": actor.kb_id,
                "score": actor.resolution.score,
                "reason": actor.resolution.reason,
                "mentions": [
                    {
                        "start": m.span.start,
                        "end": m.span.end,
                        "text": m.span.text,
                        "sentence": m.sentence,
                        "via": m.via,
                    }
                    for m in actor.mentions
                ],
                "roles": list(actor.roles),
                "first_seen": document.published,
            }
        )
    duplicate = document.duplicate_of is not None
    for ev in getattr(extraction, "events", ()):
        quad = quad_of(ev.type)
        score = intensity(ev.type, ev.mode)
        rows["events"].append(
            {
                "id": ev.id,
                "doc_id": ev.doc_id,
                "type": ev.type,
                "mode": ev.mode,
                "context": list(ev.context),
                "source": [_ref(r) for r in ev.source],
                "target": [_ref(r) for r in ev.target],
                "modality": ev.modality,
                "date": ev.date,
                "location_name": ev.location.name if ev.location else None,
                "location_code": ev.location.code if ev.location else None,
                **_located(ev),
                "counts": [count_record(c) for c in ev.counts] or None,
                "evidence_start": ev.evidence.start,
                "evidence_end": ev.evidence.end,
                "evidence_text": ev.evidence.text,
                "confidence": ev.confidence,
                "extractor": ev.extractor,
                "quad": quad,
                "intensity": score,
                "rule": ev.rule,
                "cameo": ev.cameo,
                "mutual": ev.mutual,
            }
        )
        pairs = {
            (s.code or "-", t.code or "-")
            for s in (ev.source or (ActorRef(None, None, ""),))
            for t in (ev.target or (ActorRef(None, None, ""),))
            if not (ev.mutual and s.code == t.code)  # a joint act is between the parties, not within one
        }
        for source_code, target_code in sorted(pairs):
            rows["event_dyads"].append(
                {
                    "event_id": ev.id,
                    "source_code": source_code,
                    "target_code": target_code,
                    "date": ev.date or document.published,
                    "type": ev.type,
                    "quad": quad,
                    "intensity": score,
                    "modality": ev.modality,
                    "duplicate": duplicate,
                }
            )
    for st in getattr(extraction, "stances", ()):
        target_kind = "actor" if st.target_actor else "event" if st.target_event else "topic"
        rows["stances"].append(
            {
                "id": st.id,
                "doc_id": st.doc_id,
                "holder_code": st.holder.code,
                "holder_sector": st.holder.sector,
                "holder_name": st.holder.name,
                "polarity": st.polarity,
                "target_kind": target_kind,
                "target_code": st.target_actor.code if st.target_actor else None,
                "target_name": st.target_actor.name if st.target_actor else None,
                "target_event": st.target_event,
                "target_topic": st.target_topic,
                "target_key": stance_target(
                    st.target_actor.code if st.target_actor else None, st.target_event, st.target_topic
                ),
                "date": document.published,
                "evidence_start": st.evidence.start,
                "evidence_end": st.evidence.end,
                "evidence_text": st.evidence.text,
                "confidence": st.confidence,
                "extractor": st.extractor,
            }
        )
    for qt in getattr(extraction, "quotes", ()):
        rows["quotes"].append(
            {
                "id": qt.id,
                "doc_id": qt.doc_id,
                "speaker_code": qt.speaker.code if qt.speaker else None,
                "speaker_sector": qt.speaker.sector if qt.speaker else None,
                "speaker_name": qt.speaker.name if qt.speaker else None,
                "speaker_text": qt.speaker_text,
                "cue": qt.cue,
                "content_start": qt.content.start,
                "content_end": qt.content.end,
                "content": qt.content.text,
                "direct": qt.direct,
                "date": document.published,
                "evidence_start": qt.evidence.start,
                "evidence_end": qt.evidence.end,
                "evidence_text": qt.evidence.text,
            }
        )
    return rows
