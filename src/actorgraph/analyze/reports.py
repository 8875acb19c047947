"""The analyses themselves: plain functions from a store and a window to rows."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import case, func, select

from actorgraph.analyze.query import Period, Window, dyad_filter, period_expression
from actorgraph.ontology import QUADS
from actorgraph.store import schema

CONFLICT_QUADS = ("verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class DyadRow:
    """Events between a source and a target in one period, by PLOVER quad category."""

    period: str
    source: str
    target: str
    events: int
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    intensity: float  # sum of PLOVER intensities (-10 hostile .. +10 cooperative)

    @property
    def mean_intensity(self) -> float:
        return self.intensity / self.events if self.events else 0.0


def _dialect(store: Any) -> str:
    return store.engine.dialect.name


def dyads(store: Any, window: Window, period: Period = "month", limit: int = 200) -> list[DyadRow]:
    """Directed dyads by period: counts per quad category and summed intensity."""
    t = schema.dyad_daily
    bucket = period_expression(t.c.day, period, _dialect(store)).label("period")
    quad_counts = [
        func.sum(case((t.c.quad == quad, t.c.events), else_=0)).label(quad) for quad in QUADS
    ]
    query = (
        select(bucket, t.c.source_code, t.c.target_code, func.sum(t.c.events).label("events"), *quad_counts,
               func.sum(t.c.intensity).label("intensity"))
        .where(dyad_filter(t, window), t.c.target_code != "-", t.c.source_code != "-")
        .group_by(bucket, t.c.source_code, t.c.target_code)
        .order_by(func.sum(t.c.events).desc(), bucket)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        DyadRow(str(r[0]), r[1], r[2], int(r[3]), int(r[4] or 0), int(r[5] or 0), int(r[6] or 0), int(r[7] or 0),
                round(float(r[8] or 0.0), 2))
        for r in rows
    ]


@dataclass(frozen=True)
class Point:
    """One period of a tension series."""

    period: str
    events: int
    conflict: float  # summed hostility of conflict events (positive number)
    cooperation: float  # summed intensity of cooperation events
    tension: float  # conflict minus cooperation: rises when relations sour


def timeline(store: Any, window: Window, period: Period = "week", pair: tuple[str, str] | None = None) -> list[Point]:
    """The tension series of a pair of actors (both directions) or of the whole window."""
    t = schema.dyad_daily
    bucket = period_expression(t.c.day, period, _dialect(store)).label("period")
    condition = dyad_filter(t, window)
    if pair is not None:
        a, b = pair
        condition = condition & (
            ((t.c.source_code == a) & (t.c.target_code == b)) | ((t.c.source_code == b) & (t.c.target_code == a))
        )
    conflict = func.sum(case((t.c.intensity < 0, -t.c.intensity), else_=0.0))
    cooperation = func.sum(case((t.c.intensity > 0, t.c.intensity), else_=0.0))
    query = (
        select(bucket, func.sum(t.c.events), conflict, cooperation)
        .where(condition)
        .group_by(bucket)
        .order_by(bucket)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        Point(str(r[0]), int(r[1]), round(float(r[2] or 0), 2), round(float(r[3] or 0), 2),
              round(float(r[2] or 0) - float(r[3] or 0), 2))
        for r in rows
    ]


@dataclass(frozen=True)
class Alert:
    """A tension series breaking out of its recent range, with why and the evidence."""

    pair: tuple[str, str]
    period: str
    tension: float
    baseline_mean: float
    baseline_sd: float
    reason: str
    evidence: list[dict[str, Any]] = field(default_factory=list)


def alerts(
    store: Any,
    window: Window,
    period: Period = "week",
    history: int = 8,
    threshold: float = 2.0,
    min_tension: float = 10.0,
    top_pairs: int = 40,
    evidence: int = 3,
) -> list[Alert]:
    """Periods in which a pair's tension exceeds its previous `history` periods by `threshold` sd.

    A breakout also has to beat the recent maximum and reach `min_tension`, so a single
    accusation after a quiet month does not raise an alarm.
    """
    pairs = _busiest_pairs(store, window, top_pairs)
    found: list[Alert] = []
    for pair in pairs:
        series = timeline(store, window, period, pair)
        values = [p.tension for p in series]
        for index in range(1, len(series)):
            past = values[max(0, index - history) : index]
            if len(past) < 2:
                continue
            mean = statistics.fmean(past)
            sd = statistics.pstdev(past)
            value = values[index]
            if value >= min_tension and value > max(past) and value > mean + threshold * max(sd, 1.0):
                point = series[index]
                reason = (
                    f"tension {value:.1f} in the {period} of {point.period} against {mean:.1f} ± {sd:.1f} over the "
                    f"previous {len(past)} {period}s ({point.events} events, conflict {point.conflict:.1f})"
                )
                found.append(
                    Alert(pair, point.period, value, round(mean, 2), round(sd, 2), reason,
                          _evidence(store, pair, point.period, period, evidence))
                )
    return sorted(found, key=lambda a: (a.period, a.tension), reverse=True)


def _busiest_pairs(store: Any, window: Window, limit: int) -> list[tuple[str, str]]:
    t = schema.dyad_daily
    query = (
        select(t.c.source_code, t.c.target_code, func.sum(t.c.events))
        .where(dyad_filter(t, window), t.c.target_code != "-", t.c.source_code != "-",
               t.c.source_code != t.c.target_code)
        .group_by(t.c.source_code, t.c.target_code)
        .order_by(func.sum(t.c.events).desc())
        .limit(limit * 2)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    pairs: list[tuple[str, str]] = []
    for source, target, _count in rows:
        pair = tuple(sorted((source, target)))
        if pair not in pairs:
            pairs.append(pair)  # type: ignore[arg-type]
    return pairs[:limit]


def _evidence(store: Any, pair: tuple[str, str], start: str, period: Period, limit: int) -> list[dict[str, Any]]:
    """The most hostile events of a pair in a period: the sentences behind an alert."""
    from datetime import timedelta

    first = date.fromisoformat(start)
    last = first + timedelta(days={"day": 0, "week": 6, "month": 30}[period])
    d, e = schema.event_dyads.c, schema.events.c
    a, b = pair
    query = (
        select(e.id, e.doc_id, e.type, e.date, e.intensity, e.evidence_text, e.evidence_start, e.evidence_end)
        .join(schema.event_dyads, d.event_id == e.id)
        .where(((d.source_code == a) & (d.target_code == b)) | ((d.source_code == b) & (d.target_code == a)),
               d.date >= first, d.date <= last, d.modality == "asserted")
        .order_by(e.intensity, e.id)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


@dataclass(frozen=True)
class StanceCell:
    """How often a holder stood for, against or neutral toward a target, with examples."""

    holder: str
    target: str
    support: int
    oppose: int
    neutral: int
    examples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def balance(self) -> int:
        return self.support - self.oppose


def stance_matrix(store: Any, window: Window, limit: int = 400, examples: int = 2) -> list[StanceCell]:
    """Holder × target cells (support/oppose/neutral counts), busiest first."""
    t = schema.stance_daily
    counts = [func.sum(case((t.c.polarity == p, t.c.stances), else_=0)) for p in ("support", "oppose", "neutral")]
    query = (
        select(t.c.holder_code, t.c.target_key, *counts)
        .where(dyad_filter(t, window, source="holder_code", target="target_key"))
        .group_by(t.c.holder_code, t.c.target_key)
        .order_by(func.sum(t.c.stances).desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        cells = []
        for holder, target, support, oppose, neutral in rows:
            cells.append(StanceCell(holder, target, int(support or 0), int(oppose or 0), int(neutral or 0),
                                    _stance_examples(conn, holder, target, window, examples) if examples else []))
    return cells


def _stance_examples(conn: Any, holder: str, target: str, window: Window, limit: int) -> list[dict[str, Any]]:
    from actorgraph.store.aggregate import stance_target_key

    s = schema.stances.c
    query = select(s.id, s.doc_id, s.polarity, s.date, s.evidence_text, s.evidence_start, s.evidence_end).where(
        s.holder_code == holder, stance_target_key() == target
    )
    if window.start:
        query = query.where(s.date >= window.start)
    if window.end:
        query = query.where(s.date <= window.end)
    return [dict(r._mapping) for r in conn.execute(query.order_by(s.date.desc(), s.id).limit(limit))]


def network(store: Any, window: Window, min_events: int = 1) -> dict[str, Any]:
    """Cooperation and conflict graphs (networkx), centrality and communities.

    Returns the graphs under "cooperation" and "conflict" and a list of "actors" with their
    weighted degree, betweenness and community in the combined graph.
    """
    import networkx as nx

    t = schema.dyad_daily
    cooperative = ("verbal_cooperation", "material_cooperation")
    query = (
        select(t.c.source_code, t.c.target_code,
               func.sum(case((t.c.quad.in_(cooperative), t.c.events), else_=0)),
               func.sum(case((t.c.quad.in_(CONFLICT_QUADS), t.c.events), else_=0)),
               func.sum(t.c.intensity))
        .where(dyad_filter(t, window), t.c.target_code != "-", t.c.source_code != "-",
               t.c.source_code != t.c.target_code)
        .group_by(t.c.source_code, t.c.target_code)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    cooperation, conflict, combined = nx.DiGraph(), nx.DiGraph(), nx.Graph()
    for source, target, coop, hostile, intensity in rows:
        coop, hostile = int(coop or 0), int(hostile or 0)
        if coop + hostile < min_events:
            continue
        if coop:
            cooperation.add_edge(source, target, weight=coop)
        if hostile:
            conflict.add_edge(source, target, weight=hostile)
        if combined.has_edge(source, target):
            data = combined[source][target]
            data["weight"] += coop + hostile
            data["intensity"] += float(intensity or 0)
        else:
            combined.add_edge(source, target, weight=coop + hostile, intensity=float(intensity or 0))
    actors = []
    if combined.number_of_nodes():
        betweenness = nx.betweenness_centrality(combined, weight=None)
        communities = nx.community.louvain_communities(combined, weight="weight", seed=7)
        community_of = {node: number for number, group in enumerate(communities) for node in group}
        for node in combined.nodes:
            actors.append({
                "code": node,
                "degree": combined.degree(node),
                "weight": combined.degree(node, weight="weight"),
                "cooperation_out": cooperation.out_degree(node, weight="weight") if node in cooperation else 0,
                "conflict_out": conflict.out_degree(node, weight="weight") if node in conflict else 0,
                "conflict_in": conflict.in_degree(node, weight="weight") if node in conflict else 0,
                "betweenness": round(betweenness.get(node, 0.0), 4),
                "community": community_of.get(node, -1),
            })
        actors.sort(key=lambda a: -a["weight"])
    return {"cooperation": cooperation, "conflict": conflict, "combined": combined, "actors": actors}


def changes(store: Any, since: date, window: Window | None = None) -> dict[str, list[dict[str, Any]]]:
    """What is new since a date: actors, dyads and stances first seen on or after it."""
    window = window or Window()
    out: dict[str, list[dict[str, Any]]] = {}
    a, docs = schema.actors.c, schema.documents.c
    first_actor = func.min(func.coalesce(docs.published, func.date(docs.ingested_at)))
    actor_query = (
        select(a.code, func.min(a.name), first_actor.label("first"), func.count(func.distinct(a.doc_id)))
        .join(schema.documents, docs.id == a.doc_id)
        .where(a.code.is_not(None))
        .group_by(a.code)
        .having(first_actor >= since)
        .order_by(first_actor.desc())
    )
    t = schema.dyad_daily
    first_dyad = func.min(t.c.day)
    dyad_query = (
        select(t.c.source_code, t.c.target_code, first_dyad, func.sum(t.c.events), func.sum(t.c.intensity))
        .where(dyad_filter(t, Window(None, window.end, window.actors, window.region)),
               t.c.target_code != "-", t.c.source_code != "-")
        .group_by(t.c.source_code, t.c.target_code)
        .having(first_dyad >= since)
        .order_by(first_dyad.desc())
    )
    s = schema.stance_daily
    first_stance = func.min(s.c.day)
    stance_query = (
        select(s.c.holder_code, s.c.target_key, s.c.polarity, first_stance, func.sum(s.c.stances))
        .group_by(s.c.holder_code, s.c.target_key, s.c.polarity)
        .having(first_stance >= since)
        .order_by(first_stance.desc())
    )
    with store.engine.connect() as conn:
        out["actors"] = [
            {"code": r[0], "name": r[1], "first_seen": str(r[2]), "documents": int(r[3])}
            for r in conn.execute(actor_query)
        ]
        out["dyads"] = [
            {"source": r[0], "target": r[1], "first_seen": str(r[2]), "events": int(r[3]), "intensity": float(r[4])}
            for r in conn.execute(dyad_query)
        ]
        out["stances"] = [
            {"holder": r[0], "target": r[1], "polarity": r[2], "first_seen": str(r[3]), "stances": int(r[4])}
            for r in conn.execute(stance_query)
        ]
    return out


def by_period(rows: list[DyadRow]) -> dict[str, list[DyadRow]]:
    grouped: dict[str, list[DyadRow]] = defaultdict(list)
    for row in rows:
        grouped[row.period].append(row)
    return dict(grouped)
