"""The analyses themselves: plain functions from a store and a window to rows."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    bindparam,
    case,
    column,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
    values,
)

from actorgraph.analyze.query import Period, Window, dyad_filter, dyad_table, grain, period_expression, whole_periods
from actorgraph.analyze.read import EventQuery, events_select
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
    killed: int = 0
    wounded: int = 0
    detained: int = 0
    displaced: int = 0
    deployed: int = 0
    dates: str = ""  # where its events' dates come from: "text 5, page 2" (see documents.date_source)

    @property
    def mean_intensity(self) -> float:
        return self.intensity / self.events if self.events else 0.0


def _dialect(store: Any) -> str:
    return store.engine.dialect.name


def _bucket(store: Any, table: Any, column: str, table_grain: Period, period: Period) -> Any:
    """The start of a row's period; a rollup of the asked period (or the daily table) already holds it."""
    if table_grain == period:
        return table.c[column]  # a date: grouping on the bare column lets the primary key order do the work
    return period_expression(table.c[column], period, _dialect(store))


def _quad_events(table: Any, quads: Sequence[str]) -> Any:
    """Events of the given quad categories: a column of a rollup, or counted from the daily rows."""
    if quads[0] in table.c:
        return func.sum(sum((table.c[q] for q in quads[1:]), table.c[quads[0]]))
    return func.sum(case((table.c.quad.in_(quads), table.c.events), else_=0))


def _conflict(table: Any) -> Any:
    if "conflict" in table.c:
        return func.sum(table.c.conflict)
    return func.sum(case((table.c.intensity < 0, -table.c.intensity), else_=0.0))


def _cooperation(table: Any) -> Any:
    if "cooperation" in table.c:
        return func.sum(table.c.cooperation)
    return func.sum(case((table.c.intensity > 0, table.c.intensity), else_=0.0))


def dyads(store: Any, window: Window, period: Period = "month", limit: int = 200) -> list[DyadRow]:
    """Directed dyads by period: counts per quad category and summed intensity."""
    t, column, table_grain = dyad_table(window, period)
    bucket = _bucket(store, t, column, table_grain, period).label("period")
    condition = dyad_filter(t, window, day=column) & (t.c.target_code != "-") & (t.c.source_code != "-")
    if table_grain == period and period != "day":
        # A rollup of the asked period already holds one row per pair and period.
        query = select(bucket, t.c.source_code, t.c.target_code, t.c.events, *(t.c[q] for q in QUADS), t.c.intensity)
        events = t.c.events
    else:
        quad_counts = [_quad_events(t, [quad]).label(quad) for quad in QUADS]
        events = func.sum(t.c.events)
        query = select(bucket, t.c.source_code, t.c.target_code, events.label("events"), *quad_counts,
                       func.sum(t.c.intensity).label("intensity")).group_by(bucket, t.c.source_code, t.c.target_code)
    query = query.where(condition).order_by(events.desc(), bucket, t.c.source_code, t.c.target_code).limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    tolls = toll_sums(store, window, period) if rows else {}
    dated = date_sources(store, window, period) if rows else {}
    return [
        DyadRow(str(r[0]), r[1], r[2], int(r[3]), int(r[4] or 0), int(r[5] or 0), int(r[6] or 0), int(r[7] or 0),
                round(float(r[8] or 0.0), 2), **tolls.get((str(r[0]), r[1], r[2]), {}),
                dates=dated.get((str(r[0]), r[1], r[2]), ""))
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
    # how many the period's events killed, wounded, detained, displaced and deployed, as the texts say
    killed: int = 0
    wounded: int = 0
    detained: int = 0
    displaced: int = 0
    deployed: int = 0


def timeline(store: Any, window: Window, period: Period = "week", pair: tuple[str, str] | None = None) -> list[Point]:
    """The tension series of a pair of actors (both directions) or of the whole window."""
    t, column, table_grain = dyad_table(window, period)
    bucket = _bucket(store, t, column, table_grain, period).label("period")
    condition = dyad_filter(t, window, day=column)
    if pair is not None:
        a, b = pair
        condition = condition & (
            ((t.c.source_code == a) & (t.c.target_code == b)) | ((t.c.source_code == b) & (t.c.target_code == a))
        )
    query = (
        select(bucket, func.sum(t.c.events), _conflict(t), _cooperation(t))
        .where(condition)
        .group_by(bucket)
        .order_by(bucket)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    tolls = tolls_by_period(store, window, period, pair)
    return [
        Point(str(r[0]), int(r[1]), round(float(r[2] or 0), 2), round(float(r[3] or 0), 2),
              round(float(r[2] or 0) - float(r[3] or 0), 2), **tolls.get(str(r[0]), {}))
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
    limit: int = 30,
) -> list[Alert]:
    """Periods in which a pair's tension exceeds its previous `history` periods by `threshold` sd.

    A breakout also has to beat the recent maximum and reach `min_tension`, so a single
    accusation after a quiet month does not raise an alarm. Quiet periods count as zero
    tension. The newest `limit` alerts get up to `evidence` sentences each.
    """
    window = whole_periods(window, period)
    found: list[Alert] = []
    for pair, active in _pair_series(store, window, period, _busiest_pairs(store, window, top_pairs)).items():
        found.extend(_breakouts(pair, active, period, history, threshold, min_tension))
    found = sorted(found, key=lambda a: (a.period, a.tension), reverse=True)[:limit]
    if not evidence:
        return found
    sentences = _evidence(store, [(a.pair, a.period) for a in found], period, evidence)
    return [replace(a, evidence=sentences.get((a.pair, a.period), [])) for a in found]


def _breakouts(pair: tuple[str, str], active: list[Point], period: Period, history: int, threshold: float,
               min_tension: float) -> list[Alert]:
    """The periods of one pair's series that break out of the `history` periods before them.

    The series runs from the pair's first active period to its last, quiet periods counting as
    zero. Only a period reaching `min_tension` can alert, so when that is above zero only active
    periods are examined; the quiet ones are looked up by their number, never listed one by one
    (a pair seen in 2015 and today would otherwise cost a point per week in between).
    """
    if not active:
        return []
    first = date.fromisoformat(active[0].period)
    numbered = {_periods_since(first, date.fromisoformat(p.period), period): p for p in active}
    last = max(numbered)
    candidates = sorted(numbered) if min_tension > 0 else range(last + 1)
    found = []
    for index in candidates:
        value = numbered[index].tension if index in numbered else 0.0
        if index < 1 or not value >= min_tension:  # (as written, a NaN threshold lets nothing through)
            continue
        past = [numbered[i].tension if i in numbered else 0.0 for i in range(max(0, index - history), index)]
        if len(past) < 2:
            continue
        mean = sum(past) / len(past)
        sd = math.sqrt(sum((v - mean) ** 2 for v in past) / len(past))
        if value > max(past) and value > mean + threshold * max(sd, 1.0):
            point = numbered.get(index) or Point(_nth_period(first, index, period).isoformat(), 0, 0.0, 0.0, 0.0)
            reason = (
                f"tension {value:.1f} in the {period} of {point.period} against {mean:.1f} ± {sd:.1f} over the "
                f"previous {len(past)} {period}s ({point.events} events, conflict {point.conflict:.1f})"
            )
            found.append(Alert(pair, point.period, value, round(mean, 2), round(sd, 2), reason))
    return found


def _periods_since(first: date, day: date, period: Period) -> int:
    """How many periods after the period starting on `first` the period starting on `day` is."""
    if period == "day":
        return (day - first).days
    if period == "week":
        return (day - first).days // 7
    return (day.year - first.year) * 12 + day.month - first.month


def _nth_period(first: date, index: int, period: Period) -> date:
    """The start of the period `index` periods after the one starting on `first`."""
    if period == "day":
        return first + timedelta(days=index)
    if period == "week":
        return first + timedelta(weeks=index)
    months = first.month - 1 + index
    return date(first.year + months // 12, months % 12 + 1, 1)


def _following(start: date, period: Period) -> date:
    if period == "day":
        return start + timedelta(days=1)
    if period == "week":
        return start + timedelta(days=7)
    return (start + timedelta(days=32)).replace(day=1)


def _pair_series(store: Any, window: Window, period: Period, pairs: list[tuple[str, str]]) -> dict[tuple[str, str], list[Point]]:
    """The tension series of several pairs (both directions each) from one query."""
    if not pairs:
        return {}
    directed = sorted({pair for a, b in pairs for pair in ((a, b), (b, a))})
    t, column, table_grain = dyad_table(window, period)
    bucket = _bucket(store, t, column, table_grain, period).label("period")
    query = (
        select(bucket, t.c.source_code, t.c.target_code, func.sum(t.c.events), _conflict(t), _cooperation(t))
        .where(dyad_filter(t, window, day=column), tuple_(t.c.source_code, t.c.target_code).in_(directed))
        .group_by(bucket, t.c.source_code, t.c.target_code)
    )
    wanted = set(pairs)
    sums: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(dict)
    with store.engine.connect() as conn:
        for label, source, target, events, conflict, cooperation in conn.execute(query):
            pair = (min(source, target), max(source, target))
            if pair not in wanted:
                continue
            entry = sums[pair].setdefault(str(label), [0, 0.0, 0.0])
            entry[0] += int(events)
            entry[1] += float(conflict or 0)
            entry[2] += float(cooperation or 0)
    return {
        pair: [Point(label, int(v[0]), round(v[1], 2), round(v[2], 2), round(v[1] - v[2], 2))
               for label, v in sorted(sums[pair].items())]
        for pair in pairs
        if pair in sums
    }


def _busiest_pairs(store: Any, window: Window, limit: int) -> list[tuple[str, str]]:
    t, column, _grain = dyad_table(window)
    query = (
        select(t.c.source_code, t.c.target_code, func.sum(t.c.events))
        .where(dyad_filter(t, window, day=column), t.c.target_code != "-", t.c.source_code != "-",
               t.c.source_code != t.c.target_code)
        .group_by(t.c.source_code, t.c.target_code)
        .order_by(func.sum(t.c.events).desc())
        .limit(limit * 2)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    pairs: list[tuple[str, str]] = []
    for source, target, _count in rows:
        pair = (min(source, target), max(source, target))
        if pair not in pairs:
            pairs.append(pair)
    return pairs[:limit]


# Alerts whose sentences one query fetches (six bound values each, twice).
_ALERTS_PER_QUERY = 50

AlertKey = tuple[tuple[str, str], str]  # a pair and the start of a period


def _evidence(store: Any, alerts: Sequence[AlertKey], period: Period, limit: int) -> dict[AlertKey, list[dict[str, Any]]]:
    """The most hostile events of each pair in its period: the sentences behind the alerts.

    Each alert's rows are those its own indexed condition selects, numbered by the database in
    the order one query per alert would give, so the newest hundred alerts cost one or two queries.
    """
    d, e = schema.event_dyads.c, schema.events.c
    shown = (e.id, e.doc_id, e.type, e.date, e.intensity, e.evidence_text, e.evidence_start, e.evidence_end)
    out: dict[AlertKey, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(alerts), _ALERTS_PER_QUERY):
            chunk = list(alerts[start : start + _ALERTS_PER_QUERY])
            conditions = [_alert_rows(pair, label, period) for pair, label in chunk]
            which = case(*((condition, number) for number, condition in enumerate(conditions)))
            ranked = (
                select(*shown, which.label("alert"),
                       func.row_number().over(partition_by=which, order_by=(e.intensity, e.id)).label("hostile"))
                .join(schema.event_dyads, d.event_id == e.id)
                # a repeated story is not more evidence: as the report's
                .where(or_(*conditions), d.modality == "asserted", d.duplicate.is_(False))
                .subquery()
            )
            query = (
                select(*(ranked.c[c.name] for c in shown), ranked.c.alert)
                .where(ranked.c.hostile <= limit)
                .order_by(ranked.c.alert, ranked.c.hostile)
            )
            for row in conn.execute(query):
                sentence = dict(row._mapping)
                out.setdefault(chunk[sentence.pop("alert")], []).append(sentence)
    return out


def _alert_rows(pair: tuple[str, str], label: str, period: Period) -> Any:
    """Event dyads of a pair (either direction) inside the period starting on `label`."""
    d = schema.event_dyads.c
    first = date.fromisoformat(label)
    last = _following(first, period) - timedelta(days=1)
    a, b = pair
    return and_(((d.source_code == a) & (d.target_code == b)) | ((d.source_code == b) & (d.target_code == a)),
                d.date >= first, d.date <= last)


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
    monthly = grain(window) == "month"
    t = schema.stance_monthly if monthly else schema.stance_daily
    if monthly:
        counts = [func.sum(t.c[p]) for p in ("support", "oppose", "neutral")]
    else:
        counts = [func.sum(case((t.c.polarity == p, t.c.stances), else_=0)) for p in ("support", "oppose", "neutral")]
    query = (
        select(t.c.holder_code, t.c.target_key, *counts)
        .where(dyad_filter(t, window, day="month" if monthly else "day", source="holder_code", target="target_key"))
        .group_by(t.c.holder_code, t.c.target_key)
        .order_by(func.sum(t.c.stances).desc(), t.c.holder_code, t.c.target_key)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
        found = _stance_examples(conn, [(r[0], r[1]) for r in rows], window, examples) if examples else {}
    return [
        StanceCell(holder, target, int(support or 0), int(oppose or 0), int(neutral or 0),
                   found.get((holder, target), []) if examples else [])
        for holder, target, support, oppose, neutral in rows
    ]


# Cells whose examples one PostgreSQL query fetches (three bound values each).
_CELLS_PER_QUERY = 200


def _stance_examples(
    conn: Any, cells: Sequence[tuple[str, str]], window: Window, limit: int
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The newest `limit` stances of each (holder, target) cell.

    Each cell is read through the index and only its newest few are kept, as one query per cell
    did; but building a statement per cell cost more than running it. SQLite runs one prepared
    statement per cell (no round trip to pay); PostgreSQL runs them all in one round trip, as a
    LATERAL join. (Numbering every stance of the cells with ROW_NUMBER in one query was faster
    on small stores and three times slower at 200,000 events.)
    """
    s = schema.stances.c
    shown = (s.id, s.doc_id, s.polarity, s.date, s.evidence_text, s.evidence_start, s.evidence_end)
    conditions = [s.date >= window.start] if window.start else []
    conditions += [s.date <= window.end] if window.end else []
    if conn.dialect.name == "postgresql":
        return _stance_examples_lateral(conn, cells, shown, conditions, limit)
    query = (
        select(*shown)
        .where(s.holder_code == bindparam("holder"), s.target_key == bindparam("target"), *conditions)
        .order_by(s.date.desc(), s.id)
        .limit(limit)
    )
    return {(holder, target): [dict(r._mapping) for r in conn.execute(query, {"holder": holder, "target": target})]
            for holder, target in cells}


def _stance_examples_lateral(conn: Any, cells: Sequence[tuple[str, str]], shown: Sequence[Any],
                             conditions: list[Any], limit: int) -> dict[tuple[str, str], list[dict[str, Any]]]:
    s = schema.stances.c
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for start in range(0, len(cells), _CELLS_PER_QUERY):
        chunk = cells[start : start + _CELLS_PER_QUERY]
        wanted = values(column("number", Integer), column("holder", String), column("target", String),
                        name="wanted").data([(number, h, t) for number, (h, t) in enumerate(chunk)])
        newest = (
            select(*shown)
            .where(s.holder_code == wanted.c.holder, s.target_key == wanted.c.target, *conditions)
            .order_by(s.date.desc(), s.id)
            .limit(limit)
            .lateral("newest")
        )
        query = (
            select(wanted.c.number, *newest.c)
            .select_from(wanted.join(newest, true()))
            .order_by(wanted.c.number, newest.c.date.desc(), newest.c.id)
        )
        for row in conn.execute(query):
            example = dict(row._mapping)
            out.setdefault(chunk[example.pop("number")], []).append(example)
    return out


def network(store: Any, window: Window, min_events: int = 1) -> dict[str, Any]:
    """Cooperation and conflict graphs (networkx), centrality and communities.

    Returns the graphs under "cooperation" and "conflict" and a list of "actors" with their
    weighted degree, betweenness and community in the combined graph.
    """
    import networkx as nx

    t, column, _grain = dyad_table(window)
    cooperative = ("verbal_cooperation", "material_cooperation")
    query = (
        select(t.c.source_code, t.c.target_code,
               _quad_events(t, cooperative),
               _quad_events(t, CONFLICT_QUADS),
               func.sum(t.c.intensity))
        .where(dyad_filter(t, window, day=column), t.c.target_code != "-", t.c.source_code != "-",
               t.c.source_code != t.c.target_code)
        .group_by(t.c.source_code, t.c.target_code)
        # one order on every backend: the graph is built edge by edge, and betweenness sums and
        # community seeds follow that order down to the last rounded digit
        .order_by(t.c.source_code, t.c.target_code)
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


def changes(store: Any, since: date, window: Window | None = None, limit: int = 500) -> dict[str, list[dict[str, Any]]]:
    """What is new since a date: actors, dyads and stances first seen on or after it.

    "First seen" is over the whole store (a dyad active last year is not new); the window's end,
    actors and region narrow what is listed, and the counts run up to the window's end.
    """
    window = window or Window()
    upto = Window(None, window.end, window.actors, window.region)

    def seen(column: Any) -> Any:
        condition = column >= since
        return condition & (column <= window.end) if window.end else condition

    # Each query starts from the small "first seen" table and sums only the rows of what is new.
    af, ad = schema.actor_first.c, schema.actor_daily.c
    actor_query = (
        select(af.code, af.name, af.first_day, func.sum(ad.documents))
        .join(schema.actor_daily, ad.code == af.code)
        .where(seen(af.first_day), ad.day <= window.end if window.end else literal(True))
        .group_by(af.code, af.name, af.first_day)
        .order_by(af.first_day.desc(), af.code)
        .limit(limit)
    )
    if window.actors:
        actor_query = actor_query.where(af.code.in_(window.actors))

    t, column, _grain = dyad_table(upto)
    df = schema.dyad_first.c
    dyad_query = (
        select(df.source_code, df.target_code, df.first_day, func.sum(t.c.events), func.sum(t.c.intensity))
        .join(t, (t.c.source_code == df.source_code) & (t.c.target_code == df.target_code))
        .where(seen(df.first_day), df.source_code != "-", df.target_code != "-", dyad_filter(t, upto, day=column))
        .group_by(df.source_code, df.target_code, df.first_day)
        .order_by(df.first_day.desc(), df.source_code, df.target_code)
        .limit(limit)
    )
    monthly = grain(upto) == "month"
    st = schema.stance_monthly if monthly else schema.stance_daily
    sf = schema.stance_first.c
    if monthly:
        count = func.sum(case(*((sf.polarity == p, st.c[p]) for p in ("support", "oppose", "neutral")), else_=0))
        same: ColumnElement[bool] = literal(True)
    else:
        count, same = func.sum(st.c.stances), st.c.polarity == sf.polarity
    stance_query = (
        select(sf.holder_code, sf.target_key, sf.polarity, sf.first_day, count)
        .join(st, (st.c.holder_code == sf.holder_code) & (st.c.target_key == sf.target_key) & same)
        .where(seen(sf.first_day),
               dyad_filter(st, upto, day="month" if monthly else "day", source="holder_code", target="target_key"))
        .group_by(sf.holder_code, sf.target_key, sf.polarity, sf.first_day)
        .order_by(sf.first_day.desc(), sf.holder_code, sf.target_key)
        .limit(limit)
    )
    out: dict[str, list[dict[str, Any]]] = {}
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


# ---- where: countries and places -------------------------------------------------------------------
@dataclass(frozen=True)
class CountryTension:
    """What happened to and by one country in a window (asserted events of stories that are no copies)."""

    code: str
    events: int
    conflict: float
    cooperation: float

    @property
    def tension(self) -> float:
        return round(self.conflict - self.cooperation, 2)


def country_tension(store: Any, window: Window) -> dict[str, CountryTension]:
    """Each actor code's summed conflict and cooperation, as source or target, from the dyad rollups."""
    t, column, _grain = dyad_table(window)
    condition = dyad_filter(t, window, day=column)
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    with store.engine.connect() as conn:
        for side in (t.c.source_code, t.c.target_code):
            query = select(side, func.sum(t.c.events), _conflict(t), _cooperation(t)).where(condition, side != "-")
            for code, events, conflict, cooperation in conn.execute(query.group_by(side)):
                total = totals[code]
                total[0] += int(events or 0)
                total[1] += float(conflict or 0)
                total[2] += float(cooperation or 0)
    return {code: CountryTension(code, int(e), round(c, 2), round(k, 2)) for code, (e, c, k) in totals.items()}


@dataclass(frozen=True)
class PlaceRow:
    """The events placed at one point of the gazetteer in a window."""

    name: str
    code: str | None
    lat: float
    lon: float
    events: int
    conflict: int  # events in the two conflict quads
    cooperation: int


def event_places(store: Any, window: Window, limit: int = 500) -> list[PlaceRow]:
    """Places with coordinates and how many events happened there, busiest first."""
    e = schema.events.c
    hostile = func.sum(case((e.quad.in_(("verbal_conflict", "material_conflict")), 1), else_=0))
    friendly = func.sum(case((e.quad.in_(("verbal_cooperation", "material_cooperation")), 1), else_=0))
    # the events of `analyze.read` (no duplicates, an event's day as the dyads have it) that have a point
    query = (
        events_select(EventQuery(since=window.start, until=window.end, modality="asserted"),
                      e.location_name, e.location_code, e.location_lat, e.location_lon, func.count(), hostile, friendly)
        .where(e.location_lat.is_not(None))
        .group_by(e.location_name, e.location_code, e.location_lat, e.location_lon)
        .order_by(func.count().desc(), e.location_name)
        .limit(limit)
    )
    with store.engine.connect() as conn:
        return [
            PlaceRow(name, code, float(lat), float(lon), int(n), int(h or 0), int(f or 0))
            for name, code, lat, lon, n, h, f in conn.execute(query)
        ]


# ---- how many: counts of killed, wounded, detained, displaced, deployed ----------------------------
COUNT_KINDS = ("killed", "wounded", "detained", "displaced", "deployed")


def period_start(day: date, period: Period) -> date:
    """The first day of the day, week (Monday) or month `day` falls in, as the rollups bucket it."""
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _add_counts(sums: dict[Any, dict[str, int]], key: Any, counts: Any) -> None:
    """Add an event's counts to `sums[key]`: numbers the text gives, running tolls left out."""
    for count in counts or ():
        if count.get("count") is not None and not count.get("toll") and count.get("kind") in COUNT_KINDS:
            totals = sums.setdefault(key, dict.fromkeys(COUNT_KINDS, 0))
            totals[count["kind"]] += int(count["count"])


def toll_sums(store: Any, window: Window, period: Period) -> dict[tuple[str, str, str], dict[str, int]]:
    """Summed counts by (period, source, target) of the asserted events of stories that are no copies.

    Only numbers the text gives are summed ("dozens" adds nothing), and a running toll is left
    out: it repeats deaths already counted by the acts that caused them."""
    ed, e = schema.event_dyads.c, schema.events.c
    query = (
        select(ed.source_code, ed.target_code, ed.date, e.counts)
        .join(schema.events, e.id == ed.event_id)
        .where(dyad_filter(schema.event_dyads, window, day="date"), ed.duplicate.is_(False),
               ed.modality == "asserted", ed.date.is_not(None), e.counts.is_not(None))
    )
    sums: dict[tuple[str, str, str], dict[str, int]] = {}
    with store.engine.connect() as conn:
        for source, target, day, counts in conn.execute(query):
            _add_counts(sums, (period_start(day, period).isoformat(), source, target), counts)
    return sums


def date_sources(store: Any, window: Window, period: Period) -> dict[tuple[str, str, str], str]:
    """Where the dates of each (period, source, target)'s events come from, e.g. "text 5, page 2":
    a story with no date of its own is dated by its page, its server, its file or its ingest."""
    ed, d, e = schema.event_dyads.c, schema.documents.c, schema.events.c
    query = (
        select(ed.source_code, ed.target_code, ed.date, (ed.date == d.published).label("story_date"), d.date_source,
               func.count())
        .join(schema.events, e.id == ed.event_id)
        .join(schema.documents, d.id == e.doc_id)
        .where(dyad_filter(schema.event_dyads, window, day="date"), ed.duplicate.is_(False),
               ed.modality == "asserted", ed.date.is_not(None))
        .group_by(ed.source_code, ed.target_code, ed.date, ed.date == d.published, d.date_source)
    )
    tallies: dict[tuple[str, str, str], dict[str, int]] = {}
    with store.engine.connect() as conn:
        for source, target, day, story_date, story_source, n in conn.execute(query):
            # an event on its story's day is dated as its story is; one dated in its own sentence, by the text
            how = (story_source or "text") if story_date else "text"
            tally = tallies.setdefault((period_start(day, period).isoformat(), source, target), {})
            tally[how] = tally.get(how, 0) + int(n)
    return {key: ", ".join(f"{how} {n}" for how, n in sorted(t.items(), key=lambda kv: -kv[1])) for key, t in tallies.items()}


def tolls_by_period(
    store: Any, window: Window, period: Period, pair: tuple[str, str] | None = None
) -> dict[str, dict[str, int]]:
    """Summed counts by period, for a pair (both directions) or everything in the window. An
    event between several actors counts once per period, not once per pair."""
    ed, e = schema.event_dyads.c, schema.events.c
    condition = dyad_filter(schema.event_dyads, window, day="date")
    if pair is not None:
        a, b = pair
        condition = condition & (((ed.source_code == a) & (ed.target_code == b)) |
                                 ((ed.source_code == b) & (ed.target_code == a)))
    dated = (
        select(ed.event_id, ed.date)
        .where(condition, ed.duplicate.is_(False), ed.modality == "asserted", ed.date.is_not(None))
        .distinct()
        .subquery()
    )
    query = select(dated.c.date, e.counts).join(schema.events, e.id == dated.c.event_id).where(e.counts.is_not(None))
    out: dict[str, dict[str, int]] = {}
    with store.engine.connect() as conn:
        for day, counts in conn.execute(query):
            _add_counts(out, period_start(day, period).isoformat(), counts)
    return out
