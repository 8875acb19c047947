"""Records in the output contract (`../shared/contract.md`): plain JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from actorgraph.types import Actor, ActorRef, Count, Document, Event, Place, Quote, Span, Stance


def span_record(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def ref_record(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"code": ref.code, "sector": ref.sector, "name": ref.name, "type": ref.type}


def document_record(document: Document) -> dict[str, Any]:
    return {
        "kind": "document",
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        # where `published` came from: "text" (the story's own) or a capture date standing in
        "date_source": document.date_source,
        "byline": document.byline,
        "place": document.place.name if document.place else None,
        "place_code": document.place.code if document.place else None,
        "text": document.text,
        "text_sha256": document.text_sha256,
        "duplicate_of": document.duplicate_of,
        "containment": document.containment,
        "url": document.url,
        "headings": [list(h) for h in document.headings],
    }


def actor_record(actor: Actor) -> dict[str, Any]:
    return {
        "kind": "actor",
        "doc_id": actor.doc_id,
        "id": actor.id,
        "code": actor.code,
        "sector": actor.sector,
        "name": actor.name,
        "type": actor.type,
        "mentions": [{**span_record(m.span), "sentence": m.sentence, "via": m.via} for m in actor.mentions],
        "resolution": {"score": actor.resolution.score, "reason": actor.resolution.reason},
        "kb_id": actor.kb_id,
        "roles": list(actor.roles),
    }


def place_record(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    record: dict[str, Any] = {"name": place.name, "code": place.code}
    if place.lat is not None:
        record.update(
            lat=place.lat, lon=place.lon, admin1=place.admin1, geonameid=place.geonameid,
            resolution={"reason": place.reason},
        )
    return record


def count_record(count: Count) -> dict[str, Any]:
    return {
        "kind": count.kind,
        "count": count.count,
        "approximate": count.approximate,
        "toll": count.toll,
        **span_record(count.span),
    }


def event_record(event: Event) -> dict[str, Any]:
    from actorgraph.ontology import intensity, quad_of

    return {
        "kind": "event",
        "doc_id": event.doc_id,
        "id": event.id,
        "type": event.type,
        "mode": event.mode,
        "context": list(event.context),
        "source": [ref_record(r) for r in event.source],
        "target": [ref_record(r) for r in event.target],
        "modality": event.modality,
        "date": event.date.isoformat() if event.date else None,
        "location": place_record(event.location),
        "evidence": span_record(event.evidence),
        "confidence": event.confidence,
        "extractor": event.extractor,
        "rule": event.rule,
        "cameo": event.cameo,
        "mutual": event.mutual,
        "trigger": span_record(event.trigger) if event.trigger else None,
        "counts": [count_record(c) for c in event.counts],
        "quad": quad_of(event.type),
        "intensity": intensity(event.type, event.mode),
    }


def stance_record(stance: Stance) -> dict[str, Any]:
    if stance.target_actor is not None:
        target: dict[str, Any] = {"actor": ref_record(stance.target_actor)}
    elif stance.target_event is not None:
        target = {"event": stance.target_event}
    else:
        target = {"topic": stance.target_topic}
    return {
        "kind": "stance",
        "doc_id": stance.doc_id,
        "id": stance.id,
        "holder": ref_record(stance.holder),
        "polarity": stance.polarity,
        "target": target,
        "evidence": span_record(stance.evidence),
        "confidence": stance.confidence,
        "extractor": stance.extractor,
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {
        "kind": "quote",
        "doc_id": quote.doc_id,
        "id": quote.id,
        "speaker": ref_record(quote.speaker),
        "speaker_text": quote.speaker_text,
        "cue": quote.cue,
        "content": quote.content.text,
        "content_span": span_record(quote.content),
        "direct": quote.direct,
        "evidence": span_record(quote.evidence),
    }


def extraction_records(extraction: Any) -> list[dict[str, Any]]:
    """All records of one story, document first."""
    out = [document_record(extraction.document)]
    out.extend(actor_record(a) for a in extraction.actors)
    out.extend(event_record(e) for e in extraction.events)
    out.extend(stance_record(s) for s in extraction.stances)
    out.extend(quote_record(q) for q in extraction.quotes)
    return out
