"""Records in the output contract (`../shared/contract.md`): plain JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from actorgraph.types import Actor, ActorRef, Document, Span


def span_record(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def ref_record(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"code": ref.code, "sector": ref.sector, "name": ref.name}


def document_record(document: Document) -> dict[str, Any]:
    return {
        "kind": "document",
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
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
