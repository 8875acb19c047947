"""One self-contained HTML report of a store, for people who would rather look than read tables.

`write_report(store, out, window)` writes a single HTML5 file: headline figures, tension over
time for the busiest pairs of actors (small multiples) and for the whole window, escalation
alerts with their evidence, the stance matrix as a heat table, the actor network, and the
sentences behind each chart. Charts are inline SVG drawn here; the page loads nothing from
anywhere (a Content-Security-Policy forbids it), so it opens the same offline, in a mail
attachment or years later. Every text taken from the store is escaped.

The figures come from the analyses in `actorgraph.analyze` (dyads, timeline, alerts,
stance_matrix, network); this module only adds the counts for the headline and the evidence
sentences of the busiest pairs.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import false, func, or_, select

from actorgraph.analyze import Window, alerts, network, stance_matrix, timeline
from actorgraph.analyze.query import Period
from actorgraph.dating import date_note
from actorgraph.errors import ConfigError
from actorgraph.store import schema

TOP_DYADS = 6
NETWORK_NODES = 50
NETWORK_TIES = 250  # ties drawn: the strongest, so a dense network stays readable
MATRIX_SIDE = 14  # holders and targets shown in the stance matrix
EVIDENCE = 3  # sentences per pair and direction (hostile, cooperative)

COMMUNITY_COLOURS = (
    "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2",
    "#edc948", "#9c755f", "#ff9da7", "#e15759", "#bab0ac",
)  # fmt: skip
RED, GREEN, GREY = "#c0392b", "#1e8449", "#7f8c8d"


def esc(value: Any) -> str:
    """Text for HTML (content or attribute value)."""
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# ---- what the report shows ------------------------------------------------------------------
@dataclass
class _Figures:
    stories: int
    duplicates: int
    events: int
    actors: int
    stances: int
    quotes: int
    first: date | None
    last: date | None


def _figures(store: Any, window: Window) -> _Figures:
    """The headline counts, through the same window filters as the exports."""
    from actorgraph.export import count, query

    documents = query("documents", window).order_by(None).subquery()
    actors = query("actors", window).order_by(None).subquery()
    with store.engine.connect() as conn:
        stories, duplicates, first, last = conn.execute(
            select(
                func.count(),
                func.count(documents.c.duplicate_of),
                func.min(documents.c.published),
                func.max(documents.c.published),
            )
        ).one()
        codes = conn.execute(select(func.count(func.distinct(actors.c.code)))).scalar_one()
    return _Figures(
        stories=int(stories),
        duplicates=int(duplicates),
        events=count(store, "events", window),
        actors=int(codes),
        stances=count(store, "stances", window),
        quotes=count(store, "quotes", window),
        first=first,
        last=last,
    )


def _choose_period(first: date | None, last: date | None) -> Period:
    if first is None or last is None:
        return "month"
    span = (last - first).days
    if span <= 92:
        return "day"
    if span <= 2 * 366:
        return "week"
    return "month"


def _period_start(day: date, period: Period) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def _next_period(day: date, period: Period) -> date:
    if period == "day":
        return day + timedelta(days=1)
    if period == "week":
        return day + timedelta(days=7)
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _periods(labels: Iterable[str], period: Period) -> list[str]:
    """Every period from the first to the last label, so quiet periods show as zero."""
    known = sorted(set(labels))
    if not known:
        return []
    try:
        first, last = date.fromisoformat(known[0]), date.fromisoformat(known[-1])
    except ValueError:
        return known
    out, day = set(known), _period_start(first, period)
    while day <= last and len(out) < 5000:
        out.add(day.isoformat())
        day = _next_period(day, period)
    return sorted(out)


def _period_label(label: str, period: Period) -> str:
    return label[:7] if period == "month" else label


# ---- SVG charts ----------------------------------------------------------------------------
def _line_chart(
    series: Sequence[Any],
    periods: Sequence[str],
    period: Period,
    lo: float,
    hi: float,
    width: int,
    height: int,
    name: str,
    bars: bool = False,
) -> str:
    """Tension per period as a line (missing periods are zero), conflict shaded red above 0."""
    left, right, top, bottom = 44, 10, 8, 34
    inner_w, inner_h = width - left - right, height - top - bottom
    by_period = {p.period: p for p in series}
    n = len(periods)
    pad = min(8.0, inner_w / max(n, 1) / 2)  # room for the first and last bar

    def x(i: int) -> float:
        return left + pad + ((inner_w - 2 * pad) / 2 if n <= 1 else (inner_w - 2 * pad) * i / (n - 1))

    def y(v: float) -> float:
        return top + (hi - v) / (hi - lo) * inner_h

    zero = y(0.0)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{esc(name)}: tension by {period}">',
        f"<title>{esc(name)}: tension (conflict minus cooperation) by {period}</title>",
        f'<rect x="{left}" y="{top}" width="{inner_w}" height="{zero - top:.1f}" class="hostile"/>',
        f'<rect x="{left}" y="{zero:.1f}" width="{inner_w}" height="{top + inner_h - zero:.1f}" class="friendly"/>',
    ]
    if bars and series:
        most = max(p.events for p in series) or 1
        bar_w = max(1.0, 2 * pad * 0.8)
        for i, label in enumerate(periods):
            point = by_period.get(label)
            if point and point.events:
                h = inner_h * 0.9 * point.events / most
                parts.append(
                    f'<rect class="bar" x="{x(i) - bar_w / 2:.1f}" y="{top + inner_h - h:.1f}" width="{bar_w:.1f}" '
                    f'height="{h:.1f}"><title>{esc(_period_label(label, period))}: {point.events} events</title></rect>'
                )
    # axes: zero line, y extremes, period ticks
    parts.append(f'<line class="zero" x1="{left}" x2="{left + inner_w}" y1="{zero:.1f}" y2="{zero:.1f}"/>')
    for value in sorted({lo, 0.0, hi}):
        parts.append(f'<text class="tick" x="{left - 4}" y="{y(value) + 3:.1f}" text-anchor="end">{_num(value)}</text>')
    if n:
        # a label is about 5.6 px a character; the first and last are anchored at their ends, so
        # neighbours keep one and a half label widths apart
        spacing = 1.5 * 5.6 * len(_period_label(periods[0], period)) + 8
        step = max(1, math.ceil(n / max(2, int(inner_w // spacing))))
        ticks = list(range(0, n, step))
        if ticks[-1] != n - 1:
            if n - 1 - ticks[-1] < step and len(ticks) > 1:
                ticks[-1] = n - 1  # the last period is always labelled; its neighbour gives way
            else:
                ticks.append(n - 1)
        for i in ticks:
            anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"
            parts.append(
                f'<line class="axis" x1="{x(i):.1f}" x2="{x(i):.1f}" y1="{top + inner_h}" y2="{top + inner_h + 4}"/>'
                f'<text class="tick" x="{x(i):.1f}" y="{top + inner_h + 14}" text-anchor="{anchor}">'
                f"{esc(_period_label(periods[i], period))}</text>"
            )
    parts.append(
        f'<text class="axis-title" x="{left + inner_w / 2:.1f}" y="{height - 4}" text-anchor="middle">{period}</text>'
    )
    if n:
        points = " ".join(
            f"{x(i):.1f},{y(by_period[p].tension if p in by_period else 0.0):.1f}" for i, p in enumerate(periods)
        )
        parts.append(f'<polyline class="line" points="{points}"/>')
        for i, label in enumerate(periods):
            point = by_period.get(label)
            if point is None or not point.events:
                continue
            colour = RED if point.tension > 0 else GREEN if point.tension < 0 else GREY
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(point.tension):.1f}" r="3" fill="{colour}">'
                f"<title>{esc(_period_label(label, period))}: tension {_num(point.tension)} "
                f"({point.events} events; conflict {_num(point.conflict)}, cooperation {_num(point.cooperation)})"
                "</title></circle>"
            )
    parts.append("</svg>")
    return "".join(parts)


def _mix(colour: str, share: float) -> str:
    """`colour` mixed into white by `share` (0..1)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    share = max(0.0, min(1.0, share))
    return "#{:02x}{:02x}{:02x}".format(*(round(255 + (c - 255) * share) for c in (r, g, b)))


def _network_svg(result: dict[str, Any], names: dict[str, str], width: int = 920, height: int = 560) -> str:
    import networkx as nx

    combined = result["combined"]
    actors = {a["code"]: a for a in result["actors"]}
    keep = [a["code"] for a in result["actors"][:NETWORK_NODES]]
    graph = combined.subgraph(keep)
    if graph.number_of_nodes() == 0:
        return ""
    positions = nx.spring_layout(
        graph, seed=7, weight="weight", k=2.4 / math.sqrt(graph.number_of_nodes()), iterations=200
    )
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    margin, label_room = 30, 60  # labels go right of their circle
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(node: str) -> tuple[float, float]:
        px, py = positions[node]
        return (
            margin + (px - min(xs)) / span_x * (width - 2 * margin - label_room),
            margin + (py - min(ys)) / span_y * (height - 2 * margin),
        )

    def both(kind: str, a: str, b: str) -> int:
        g = result[kind]
        return sum(g[s][t]["weight"] for s, t in ((a, b), (b, a)) if g.has_edge(s, t))

    edges = [(a, b, both("cooperation", a, b), both("conflict", a, b)) for a, b in graph.edges()]
    edges = sorted(edges, key=lambda e: (-(e[2] + e[3]), e[0], e[1]))[:NETWORK_TIES]  # the strongest ties
    most_edge = max((max(c, h) for _, _, c, h in edges), default=1) or 1
    most_node = max((actors[n]["weight"] for n in graph.nodes), default=1) or 1
    parts = [
        f'<svg class="network" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        'aria-label="actor network">',
        "<title>Actor network: green ties cooperation, red ties conflict; node size by events</title>",
    ]
    for a, b, coop, hostile in edges:
        (x1, y1), (x2, y2) = at(a), at(b)
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # two ties between the same pair are drawn side by side
        ox, oy = -(y2 - y1) / length * 2.5, (x2 - x1) / length * 2.5
        for weight, colour, sign, what in ((coop, GREEN, 1, "cooperation"), (hostile, RED, -1, "conflict")):
            if not weight:
                continue
            shift = sign if coop and hostile else 0
            w = 1 + 6 * weight / most_edge
            parts.append(
                f'<line x1="{x1 + shift * ox:.1f}" y1="{y1 + shift * oy:.1f}" x2="{x2 + shift * ox:.1f}" '
                f'y2="{y2 + shift * oy:.1f}" stroke="{colour}" stroke-width="{w:.1f}" stroke-opacity="0.6">'
                f"<title>{esc(a)} ↔ {esc(b)}: {weight} {what} events</title></line>"
            )
    labels = []
    for node in sorted(graph.nodes, key=lambda n: actors[n]["weight"]):
        info = actors[node]
        cx, cy = at(node)
        radius = 5 + 16 * math.sqrt(info["weight"] / most_node)
        community = info.get("community", -1)
        colour = COMMUNITY_COLOURS[community % len(COMMUNITY_COLOURS)] if community >= 0 else GREY
        label = f"{node} {names[node]}" if node in names else node
        parts.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{colour}">'
            f"<title>{esc(label)}: {info['weight']} events with others; cooperation out {info['cooperation_out']}, "
            f"conflict out {info['conflict_out']}, conflict in {info['conflict_in']}; "
            f"betweenness {info['betweenness']}; group {community + 1}</title></circle>"
        )
        labels.append(f'<text x="{cx + radius + 3:.1f}" y="{cy + 4:.1f}">{esc(node)}</text>')
    parts.extend(labels)  # over every circle, so no label is hidden
    parts.append("</svg>")
    return "".join(parts)


# ---- evidence ---------------------------------------------------------------------------------
def _pair_evidence(store: Any, pair: tuple[str, str], window: Window, hostile: bool, limit: int) -> list[dict]:
    """The most hostile (or most cooperative) asserted events between two actors, either way round."""
    d, e, doc = schema.event_dyads.c, schema.events.c, schema.documents.c
    a, b = pair
    query = (
        select(e.id, e.doc_id, e.type, e.mode, e.intensity, e.date, e.evidence_text, doc.published)
        .join(schema.event_dyads, d.event_id == e.id)
        .join(schema.documents, doc.id == e.doc_id)
        .where(
            or_((d.source_code == a) & (d.target_code == b), (d.source_code == b) & (d.target_code == a)),
            d.modality == "asserted",
            d.duplicate == false(),
            e.intensity < 0 if hostile else e.intensity > 0,
        )
        .distinct()
        .order_by(e.intensity if hostile else e.intensity.desc(), e.date, e.id)
        .limit(limit)
    )
    if window.start:
        query = query.where(d.date >= window.start)
    if window.end:
        query = query.where(d.date <= window.end)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _documents(store: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(ids))
    d = schema.documents.c
    found: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            opening = func.substr(d.text, 1, 120).label("opening")
            chunk = wanted[start : start + 500]
            rows = conn.execute(
                select(d.id, d.title, d.published, d.date_source, d.source, d.url, opening).where(d.id.in_(chunk))
            )
            found.update({r.id: dict(r._mapping) for r in rows})
    return found


def _event_labels(store: Any, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted(set(ids))
    e = schema.events.c
    with store.engine.connect() as conn:
        rows = conn.execute(select(e.id, e.type, e.evidence_text).where(e.id.in_(wanted[:500])))
        return {r.id: dict(r._mapping) for r in rows}


def _opening(text: str, words: int = 10) -> str:
    """The first words of a story without a title."""
    head = " ".join(text.split()[:words])
    return head + "…" if head else ""


def _where_from(document: dict[str, Any] | None) -> str:
    """Title, date and source of the story a sentence comes from."""
    if not document:
        return ""
    source = document.get("source") or ""
    if source.startswith("/") or "\\" in source:
        source = Path(source).name  # a local file: its name says enough
    title = document.get("title") or _opening(document.get("opening") or "") or "untitled story"
    published = document.get("published")
    bits = [f"<cite>{esc(title)}</cite>"]
    if published:
        day = esc(published.isoformat() if hasattr(published, "isoformat") else published)
        note = date_note(document.get("date_source"))
        # A capture date standing in for a missing one says so: it is when the story was seen.
        bits.append(f"{day} ({esc(note)})" if note else day)
    if source:
        bits.append(esc(source))
    if document.get("url") and document.get("url") != source:
        bits.append(f'<span class="url">{esc(document["url"])}</span>')
    return " · ".join(bits)


def _sentence(row: dict[str, Any], documents: dict[str, dict[str, Any]], what: str = "") -> str:
    label = what or f"{esc(row.get('type', ''))}{'/' + esc(row['mode']) if row.get('mode') else ''}"
    intensity = f" {_num(row['intensity'])}" if row.get("intensity") is not None else ""
    return (
        f'<li><span class="tag">{label}{intensity}</span> <q>{esc(row["evidence_text"])}</q>'
        f'<span class="from">{_where_from(documents.get(row["doc_id"]))}</span></li>'
    )


def _kb_names(codes: Iterable[str], kb_dirs: Sequence[str | Path] = ()) -> dict[str, str]:
    """Names of states and organisations by code, from the knowledge base and its layers (best effort)."""
    try:
        from actorgraph.resolve.kb import code_names

        names = code_names(kb_dirs)
    except Exception:  # noqa: BLE001 - names are a nicety; the codes still tell
        return {}
    return {code: names[code] for code in codes if code in names}


# ---- the page -------------------------------------------------------------------------------
CSS = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#fbfcfd;--red:#c0392b;--green:#1e8449}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:var(--bg)}
header,main,footer{max-width:1000px;margin:0 auto;padding:0 20px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 6px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:15px;margin:14px 0 4px}
p.sub,p.how,.from,footer{color:var(--muted)}
p.how{margin:0 0 12px;font-size:14px}
nav a{margin-right:14px;color:var(--muted)}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:10px;margin-top:12px}
.figure{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.figure b{display:block;font-size:24px}
.figure.span b{font-size:17px;line-height:1.9}
.figure span{color:var(--muted);font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:14px}
.panel{background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px 10px}
.panel h3{margin:0 0 2px}
svg{max-width:100%;height:auto;display:block}
svg text{font-size:10px;fill:#52606d}
svg .axis-title{font-size:10px;fill:#9aa5b1}
svg .hostile{fill:#fdf0ee}
svg .friendly{fill:#eef8f1}
svg .zero{stroke:#9aa5b1;stroke-dasharray:3 3}
svg .axis{stroke:#9aa5b1}
svg .line{fill:none;stroke:#334e68;stroke-width:1.6}
svg .bar{fill:#d9e2ec}
svg.network text{font-size:12px;font-weight:600;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px}
svg.network circle{stroke:#fff;stroke-width:1.5}
.alert{background:#fff;border-left:4px solid var(--red);padding:8px 12px;margin:10px 0}
ul.ev{list-style:none;padding:0;margin:4px 0 10px}
ul.ev li{margin:6px 0;padding-left:10px;border-left:3px solid var(--line)}
ul.ev.hostile li{border-color:#e6b0aa}
ul.ev.friendly li{border-color:#a9dfbf}
q{quotes:"\\201C" "\\201D"}
.from{display:block;font-size:12.5px}
.url{word-break:break-all}
.tag{font-size:11.5px;font-weight:600;color:var(--muted);font-variant-numeric:tabular-nums}
table.heat{border-collapse:collapse;font-size:12.5px;margin:6px 0}
table.heat th{font-weight:600;padding:3px 6px;text-align:left;white-space:nowrap}
table.heat thead th{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;max-height:160px;vertical-align:bottom}
table.heat td{min-width:48px;height:30px;padding:0 4px;text-align:center;border:1px solid #fff;white-space:nowrap;font-variant-numeric:tabular-nums}
table.heat td.empty{background:#f5f7fa}
table.heat th.topic{font-style:italic;font-weight:400}
table.heat th.event{font-weight:400}
.legend{font-size:12.5px;color:var(--muted)}
.world-map{width:100%;height:auto;display:block}
.map-table td,.map-table th{padding:2px 8px;text-align:left}
.legend i{display:inline-block;width:12px;height:12px;vertical-align:-2px;margin:0 4px 0 10px;border-radius:2px}
details{margin:8px 0}
summary{cursor:pointer;color:var(--muted)}
.empty-state{background:#fff;border:1px dashed var(--line);border-radius:6px;padding:24px;margin-top:20px}
.empty-state h2{margin-top:0}
footer{font-size:12.5px;padding:30px 20px}
"""


def _describe(window: Window) -> str:
    bits = []
    if window.start or window.end:
        bits.append(f"{window.start or '…'} to {window.end or '…'}")
    if window.actors:
        bits.append("involving " + ", ".join(window.actors))
    if window.region:
        bits.append(f"region {window.region}")
    return "; ".join(bits) or "everything in the store"


def _page(title: str, subtitle: str, body: str, nav: Sequence[tuple[str, str]] = ()) -> str:
    links = "".join(f'<a href="#{anchor}">{esc(text)}</a>' for anchor, text in nav)
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{esc(title)}</h1><p class="sub">{esc(subtitle)}</p>'
        + (f"<nav>{links}</nav>" if links else "")
        + f"</header>\n<main>\n{body}\n</main>\n"
        f"<footer>Made by actorgraph on {generated}. Events are coded with PLOVER; tension is the summed "
        "hostility of conflict events minus the summed intensity of cooperation events (PLOVER intensities, "
        "asserted events of stories that are not duplicates). Hover over points, ties and cells for numbers."
        "</footer>\n</body>\n</html>\n"
    )


def _figure(value: Any, label: str, extra: str = "") -> str:
    return f'<div class="figure{extra}"><b>{esc(value)}</b><span>{esc(label)}</span></div>'


def _headline(fig: _Figures) -> str:
    span = f"{fig.first} – {fig.last}" if fig.first and fig.last else "–"
    stories = f"{fig.stories:,}"
    return (
        '<section id="summary"><h2>In brief</h2><div class="figures">'
        + _figure(stories, f"stories ({fig.duplicates:,} repeats)" if fig.duplicates else "stories")
        + _figure(f"{fig.events:,}", "events")
        + _figure(f"{fig.actors:,}", "actors (distinct codes)")
        + _figure(f"{fig.stances:,}", "stances")
        + _figure(f"{fig.quotes:,}", "quotes")
        + _figure(span, "stories published", " span")
        + "</div></section>"
    )


def _pair_name(pair: tuple[str, str]) -> str:
    return f"{pair[0]} ↔ {pair[1]}"


def _anchor(pair: tuple[str, str]) -> str:
    return "ev-" + "-".join("".join(ch if ch.isalnum() else "_" for ch in code) for code in pair)


def _tension_section(
    overall: Sequence[Any], pairs: Sequence[tuple[tuple[str, str], int, list[Any]]], period: Period, window: Window
) -> str:
    labels = [p.period for p in overall]
    for _pair, _weight, series in pairs:
        labels.extend(p.period for p in series)
    periods = _periods(labels, period)
    scope = f"region {window.region}" if window.region else "all actors"
    values = [p.tension for p in overall] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    lo, hi = (lo, hi) if hi > lo else (-1.0, 1.0)
    out = [
        '<section id="tension"><h2>Tension over time</h2>',
        '<p class="how">Tension is conflict minus cooperation in each ' + period + ": above the dashed line "
        "(red) relations soured, below it (green) they warmed. Grey bars: events per " + period + ".</p>",
        f'<div class="panel"><h3>Overall: {esc(scope)}</h3>'
        + (
            _line_chart(overall, periods, period, lo, hi, 940, 220, f"overall ({scope})", bars=True)
            if overall
            else '<p class="how">No events with a date yet.</p>'
        )
        + "</div>",
    ]
    if pairs:
        values = [p.tension for _, _, series in pairs for p in series] or [0.0]
        lo, hi = min(0.0, *values), max(0.0, *values)
        lo, hi = (lo, hi) if hi > lo else (-1.0, 1.0)
        out.append(f'<h3>The {len(pairs)} busiest pairs of actors (both directions, same scale)</h3><div class="grid">')
        for pair, weight, series in pairs:
            name = _pair_name(pair)
            out.append(
                f'<div class="panel" data-pair="{esc("-".join(pair))}"><h3>{esc(name)} '
                f'<span class="tag">{weight:,} events · <a href="#{_anchor(pair)}">evidence</a></span></h3>'
                + _line_chart(series, periods, period, lo, hi, 320, 150, name)
                + "</div>"
            )
        out.append("</div>")
    else:
        out.append('<p class="how">No pair of actors has events between them yet.</p>')
    out.append("</section>")
    return "".join(out)


def _alerts_section(found: Sequence[Any], documents: dict[str, dict[str, Any]], period: Period) -> str:
    out = ['<section id="alerts"><h2>Escalation alerts</h2>']
    out.append(
        f'<p class="how">A pair is flagged when its tension in a {period} beats its recent maximum and its mean over '
        f"the previous {period}s by two standard deviations.</p>"
    )
    if not found:
        out.append(f"<p>No escalation: no pair's tension broke out of its recent range in any {period}.</p>")
    for alert in found:
        out.append(
            f'<div class="alert"><h3>{esc(_pair_name(alert.pair))} — {esc(_period_label(alert.period, period))}, '
            f"tension {_num(alert.tension)}</h3><p>{esc(alert.reason)}</p>"
        )
        if alert.evidence:
            out.append('<ul class="ev hostile">' + "".join(_sentence(e, documents) for e in alert.evidence) + "</ul>")
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


def _target_label(key: str, events: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """(short label, longer description) of a stance target key."""
    if key.startswith("topic:"):
        return key[6:], f"the topic “{key[6:]}”"
    if key.startswith("event:"):
        event = events.get(key[6:])
        if event:
            return f"{event['type'].lower()} event", f"the {event['type']} event: {event['evidence_text']}"
        return "an event", key
    return key, key


def _kind_class(key: str) -> str:
    return ' class="topic"' if key.startswith("topic:") else ' class="event"' if key.startswith("event:") else ""


def _stance_section(cells: Sequence[Any], documents: dict[str, dict[str, Any]], events: dict[str, Any]) -> str:
    out = ['<section id="stances"><h2>Who stands where</h2>']
    if not cells:
        out.append("<p>No stances yet.</p></section>")
        return "".join(out)
    holder_total: dict[str, int] = {}
    target_total: dict[str, int] = {}
    for c in cells:
        total = c.support + c.oppose + c.neutral
        holder_total[c.holder] = holder_total.get(c.holder, 0) + total
        target_total[c.target] = target_total.get(c.target, 0) + total
    # the busiest cells pick the rows and columns, so no row or column shown is empty
    chosen_h: set[str] = set()
    chosen_t: set[str] = set()
    for c in sorted(cells, key=lambda c: (-(c.support + c.oppose + c.neutral), c.holder, c.target)):
        new_h, new_t = c.holder not in chosen_h, c.target not in chosen_t
        if (not new_h or len(chosen_h) < MATRIX_SIDE) and (not new_t or len(chosen_t) < MATRIX_SIDE):
            chosen_h.add(c.holder)
            chosen_t.add(c.target)
    holders = sorted(chosen_h, key=lambda h: (-holder_total[h], h))
    targets = sorted(chosen_t, key=lambda t: (-target_total[t], t))
    grid = {(c.holder, c.target): c for c in cells}
    most = max((abs(grid[h, t].balance) for h in holders for t in targets if (h, t) in grid), default=1) or 1
    out.append(
        '<p class="how">Rows hold a stance toward columns. Green: more support than opposition; red: the reverse; '
        "grey: neutral or balanced. Cells show <b>+support −oppose</b> (and ·neutral).</p>"
    )
    out.append(
        '<p class="legend">opposes<i style="background:#c0392b"></i><i style="background:#e6a39b"></i>'
        '<i style="background:#eef0f2"></i><i style="background:#97c8a7"></i><i style="background:#1e8449"></i>'
        "supports</p>"
    )
    head = "".join(
        f'<th scope="col"{_kind_class(t)} title="{esc(_target_label(t, events)[1])}">'
        f"{esc(_target_label(t, events)[0])}</th>"
        for t in targets
    )
    rows = []
    shown = []
    for h in holders:
        tds = []
        for t in targets:
            cell = grid.get((h, t))
            if cell is None:
                tds.append('<td class="empty"></td>')
                continue
            shown.append(cell)
            share = cell.balance / most
            colour = _mix(GREEN, abs(share)) if share > 0 else _mix(RED, abs(share)) if share < 0 else "#eef0f2"
            ink = "#fff" if abs(share) > 0.55 else "#1f2933"
            text = f"+{cell.support} −{cell.oppose}" + (f" ·{cell.neutral}" if cell.neutral else "")
            tip = f"{h} toward {_target_label(t, events)[1]}: {cell.support} support, {cell.oppose} oppose, {cell.neutral} neutral"
            tds.append(f'<td style="background:{colour};color:{ink}" title="{esc(tip)}">{esc(text)}</td>')
        rows.append(f'<tr><th scope="row">{esc(h)}</th>{"".join(tds)}</tr>')
    out.append(f'<table class="heat"><thead><tr><th></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    shown.sort(key=lambda c: -(c.support + c.oppose + c.neutral))
    out.append(f"<details><summary>The sentences behind these {len(shown)} cells</summary>")
    for cell in shown:
        out.append(
            f"<h3>{esc(cell.holder)} → {esc(_target_label(cell.target, events)[0])} "
            f'<span class="tag">+{cell.support} −{cell.oppose} ·{cell.neutral}</span></h3>'
        )
        if cell.examples:
            out.append(
                '<ul class="ev">'
                + "".join(_sentence(e, documents, esc(e.get("polarity", ""))) for e in cell.examples)
                + "</ul>"
            )
    out.append("</details></section>")
    return "".join(out)


def _network_section(result: dict[str, Any], names: dict[str, str]) -> str:
    out = ['<section id="network"><h2>The actor network</h2>']
    actors = result["actors"]
    if not actors:
        out.append("<p>No ties between actors yet.</p></section>")
        return "".join(out)
    shown = min(len(actors), NETWORK_NODES)
    note = f" The {shown} busiest of {len(actors)} actors are drawn." if len(actors) > shown else ""
    ties = result["combined"].subgraph([a["code"] for a in actors[:shown]]).number_of_edges()
    if ties > NETWORK_TIES:
        note += f" Only the {NETWORK_TIES} strongest of their {ties:,} ties are drawn."
    out.append(
        '<p class="how">Ties are green for cooperation and red for conflict, thicker for more events; a circle\'s '
        f"size is how many events an actor has with others, its colour the group it falls in.{note}</p>"
    )
    out.append(_network_svg(result, names))
    legend = [
        f"<b>{esc(a['code'])}</b> {esc(names.get(a['code'], ''))}".strip() for a in actors[:shown] if a["code"] in names
    ]
    if legend:
        out.append('<p class="legend">' + " · ".join(legend) + "</p>")
    out.append("</section>")
    return "".join(out)


def _map_section(store: Any, window: Window, kb_dirs: Sequence[str | Path] = ()) -> str:
    from actorgraph.analyze.reports import country_tension, event_places
    from actorgraph.maps import legend, undrawn, world_svg

    tensions = country_tension(store, window)
    places = event_places(store, window, limit=200)
    out = ['<section id="map"><h2>Where</h2>']
    if not tensions:
        out.append("<p>No events between actors yet.</p></section>")
        return "".join(out)
    names = _kb_names(tensions, kb_dirs)
    out.append(
        '<p class="how">A country\'s shade is the conflict minus the cooperation of the events it took part in; a '
        "point is a town the gazetteer (GeoNames) placed events in, sized by their number. Click for the figures "
        "below.</p>"
    )
    out.append(
        world_svg(
            tensions, places, country_href=lambda code: f"#map-{code}",
            place_href=lambda place: f"#place-{place.lat:g}-{place.lon:g}", names=lambda code: names.get(code, code),
        )
    )
    out.append(
        '<p class="legend">'
        + "".join(f'<i style="background:{colour}"></i>{esc(label)}' for label, colour in legend())
        + "</p>"
    )
    rows = sorted(tensions.values(), key=lambda t: (-t.events, t.code))[:40]
    out.append('<table class="map-table"><thead><tr><th>Actor</th><th>Events</th><th>Conflict</th><th>Cooperation</th>'
               "<th>Tension</th></tr></thead><tbody>")
    for t in rows:
        out.append(
            f'<tr id="map-{esc(t.code)}"><td>{esc(names.get(t.code, t.code))} <span class="tag">{esc(t.code)}</span></td>'
            f"<td>{t.events}</td><td>{_num(t.conflict)}</td><td>{_num(t.cooperation)}</td><td>{t.tension:+.1f}</td></tr>"
        )
    out.append("</tbody></table>")
    if places:
        out.append("<h3>Places</h3><ul class=\"places\">")
        for place in places[:40]:
            out.append(
                f'<li id="place-{place.lat:g}-{place.lon:g}">{esc(place.name)} ({esc(place.code or "?")}): '
                f"{place.events} events, {place.conflict} of conflict, {place.cooperation} of cooperation</li>"
            )
        out.append("</ul>")
    missing = undrawn(tensions)
    if missing:
        out.append(f'<p class="how">Not drawn at this scale: {esc(", ".join(missing))}.</p>')
    out.append("</section>")
    return "".join(out)


def _evidence_section(
    pairs: Sequence[tuple[tuple[str, str], int, list[Any]]],
    evidence: dict[tuple[str, str], tuple[list[dict], list[dict]]],
    documents: dict[str, dict[str, Any]],
) -> str:
    out = ['<section id="evidence"><h2>The evidence behind the charts</h2>']
    if not pairs:
        out.append("<p>Nothing to show yet.</p></section>")
        return "".join(out)
    out.append(
        '<p class="how">For each of the busiest pairs, the most hostile and the most cooperative sentences '
        "coded as events between them (the number is the PLOVER intensity, −10 hostile to +10 cooperative).</p>"
    )
    for pair, weight, _series in pairs:
        hostile, friendly = evidence[pair]
        out.append(f'<h3 id="{_anchor(pair)}">{esc(_pair_name(pair))} <span class="tag">{weight:,} events</span></h3>')
        if hostile:
            out.append('<ul class="ev hostile">' + "".join(_sentence(e, documents) for e in hostile) + "</ul>")
        if friendly:
            out.append('<ul class="ev friendly">' + "".join(_sentence(e, documents) for e in friendly) + "</ul>")
        if not hostile and not friendly:
            out.append('<p class="how">Only neutral events.</p>')
    out.append("</section>")
    return "".join(out)


def render(store: Any, window: Window = Window(), title: str | None = None, *, period: Period | None = None,  # noqa: B008
           kb_dirs: Sequence[str | Path] = ()) -> str:
    """The report as an HTML string; `kb_dirs` are the knowledge-base layers for names and regions."""
    if period not in (None, "day", "week", "month"):
        raise ConfigError(f"unknown period {period!r}: use day, week or month")
    window = window.with_region_codes(kb_dirs)
    title = title or "actorgraph report"
    subtitle = _describe(window)
    fig = _figures(store, window)
    if fig.stories == 0 and fig.events == 0:
        body = (
            _headline(fig)
            + '<div class="empty-state"><h2>Nothing here yet</h2><p>The store holds no stories'
            + (" in this window" if subtitle != "everything in the store" else "")
            + ". Code some news into it first, for example <code>actorgraph ingest articles/ --db URL</code>, "
            "then write this report again.</p></div>"
        )
        return _page(title, subtitle, body)
    period = period or _choose_period(fig.first, fig.last)
    graph = network(store, window)
    combined = graph["combined"]
    ranked = sorted(combined.edges(data=True), key=lambda e: (-e[2]["weight"], tuple(sorted((e[0], e[1])))))[:TOP_DYADS]
    pairs = []
    for a, b, data in ranked:
        pair = (a, b) if a <= b else (b, a)
        pairs.append((pair, int(data["weight"]), timeline(store, window, period, pair)))
    overall = timeline(store, window, period)
    found = alerts(store, window, period)
    cells = stance_matrix(store, window, limit=400, examples=2)
    evidence = {
        pair: (
            _pair_evidence(store, pair, window, True, EVIDENCE),
            _pair_evidence(store, pair, window, False, EVIDENCE),
        )
        for pair, _weight, _series in pairs
    }
    doc_ids = [e["doc_id"] for a in found for e in a.evidence]
    doc_ids += [e["doc_id"] for c in cells for e in c.examples]
    doc_ids += [e["doc_id"] for rows in evidence.values() for side in rows for e in side]
    documents = _documents(store, doc_ids)
    events = _event_labels(store, [c.target[6:] for c in cells if c.target.startswith("event:")])
    names = _kb_names((a["code"] for a in graph["actors"][:NETWORK_NODES]), kb_dirs)
    body = "\n".join(
        [
            _headline(fig),
            _tension_section(overall, pairs, period, window),
            _alerts_section(found, documents, period),
            _stance_section(cells, documents, events),
            _network_section(graph, names),
            _map_section(store, window, kb_dirs),
            _evidence_section(pairs, evidence, documents),
        ]
    )
    nav = [
        ("summary", "In brief"),
        ("tension", "Tension"),
        ("alerts", f"Alerts ({len(found)})"),
        ("stances", "Stances"),
        ("network", "Network"),
        ("map", "Where"),
        ("evidence", "Evidence"),
    ]
    return _page(title, subtitle, body, nav)


def write_report(
    store: Any,
    out: Path,
    window: Window = Window(),  # noqa: B008 (frozen dataclass: immutable default)
    title: str | None = None,
    *,
    period: Period | None = None,
    kb_dirs: Sequence[str | Path] = (),
) -> Path:
    """Write the report to `out` (one HTML file, replaced only once complete); return its path."""
    out = Path(out)
    text = render(store, window, title, period=period, kb_dirs=kb_dirs)
    part = out.with_name(out.name + ".part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out
