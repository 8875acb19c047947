"""A world map as inline SVG: countries shaded by tension, events as points where they happened.

Drawn on the server from vendored Natural Earth geometry (`maps_data/`), so the dashboard and the
HTML report show it with no tiles, fonts or scripts from elsewhere. Every country and point is a
link to the events behind it. Equirectangular projection, cut at 58°S (no news from Antarctica).
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from actorgraph.analyze.reports import CountryTension, PlaceRow

GEOMETRY = Path(__file__).parent / "maps_data" / "ne_110m_admin_0_countries.geojson"
WIDTH = 960.0
NORTH, SOUTH = 84.0, -58.0
SCALE = WIDTH / 360.0
HEIGHT = round((NORTH - SOUTH) * SCALE, 1)

# Natural Earth gives no ISO code to these; matched by name (see maps_data/README.md).
_BY_NAME = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX"}
# Tension bins (upper bounds) and their fills: blue where cooperation outweighs conflict, red where not.
_BINS = [(-20.0, "#2b6cb0"), (-5.0, "#90cdf4"), (0.0, "#e2e8f0"), (5.0, "#fbd38d"), (20.0, "#f6ad55"),
         (60.0, "#e53e3e"), (math.inf, "#9b2c2c")]
_NO_EVENTS = "#f7fafc"


@dataclass(frozen=True)
class Country:
    code: str | None
    name: str
    path: str  # SVG path data in map coordinates


def project(lon: float, lat: float) -> tuple[float, float]:
    """Map coordinates of a point (x to the east, y to the south)."""
    return round((lon + 180.0) * SCALE, 1), round((NORTH - max(SOUTH, min(NORTH, lat))) * SCALE, 1)


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """The vendored countries with their outlines projected once."""
    data = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        props = feature["properties"]
        code = props.get("ISO_A3") if props.get("ISO_A3") not in (None, "-99") else _BY_NAME.get(props.get("ADMIN"))
        out.append(Country(code, props.get("NAME") or props.get("ADMIN") or "?", _path(feature["geometry"])))
    return tuple(out)


def _path(geometry: dict[str, Any]) -> str:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z")
    return "".join(parts)


def fill(tension: CountryTension | None) -> str:
    if tension is None or tension.events == 0:
        return _NO_EVENTS
    return next(colour for bound, colour in _BINS if tension.tension <= bound)


def world_svg(
    tensions: Mapping[str, CountryTension],
    places: Sequence[PlaceRow],
    *,
    country_href: Callable[[str], str],
    place_href: Callable[[PlaceRow], str],
    names: Callable[[str], str] = lambda code: code,
    title: str = "Tension by country, and where events happened",
) -> str:
    """The map as one `<svg>` element (safe to put in a page as it is: every text is escaped)."""
    esc = html.escape
    parts = [
        f'<svg class="world-map" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" role="img" aria-labelledby="map-title" '
        'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="map-title">{esc(title)}</title>',
        f'<rect class="sea" width="{WIDTH:g}" height="{HEIGHT:g}" fill="#edf2f7"/>',
    ]
    for country in countries():
        tension = tensions.get(country.code) if country.code else None
        label = country.name if tension is None else (
            f"{names(country.code or '') or country.name}: {tension.events} events, conflict {tension.conflict:g}, "
            f"cooperation {tension.cooperation:g}, tension {tension.tension:+g}"
        )
        shape = (
            f'<path d="{country.path}" fill="{fill(tension)}" stroke="#a0aec0" stroke-width="0.4">'
            f"<title>{esc(label)}</title></path>"
        )
        if tension is not None and country.code:
            shape = f'<a href="{esc(country_href(country.code))}" class="country" data-code="{esc(country.code)}">{shape}</a>'
        parts.append(shape)
    largest = max((p.events for p in places), default=1)
    for place in places:
        x, y = project(place.lon, place.lat)
        radius = round(2.5 + 7.5 * math.sqrt(place.events / largest), 1)
        colour = "#c53030" if place.conflict > place.cooperation else "#2b6cb0" if place.cooperation else "#4a5568"
        label = f"{place.name}: {place.events} events ({place.conflict} conflict, {place.cooperation} cooperation)"
        parts.append(
            f'<a href="{esc(place_href(place))}" class="place-point" data-place="{esc(place.name)}">'
            f'<circle cx="{x:g}" cy="{y:g}" r="{radius:g}" fill="{colour}" fill-opacity="0.75" stroke="#fff" '
            f'stroke-width="0.8"><title>{esc(label)}</title></circle></a>'
        )
    parts.append("</svg>")
    return "".join(parts)


def undrawn(tensions: Mapping[str, CountryTension]) -> list[str]:
    """Codes with events that the map has no outline for (small states, organisations)."""
    drawn = {c.code for c in countries()}
    return sorted(code for code in tensions if code not in drawn and len(code) == 3 and code.isalpha())


def legend() -> list[tuple[str, str]]:
    """(label, colour) of each shade, for a key beside the map."""
    labels = ["cooperation far ahead", "cooperation ahead", "about even", "conflict ahead", "conflict well ahead",
              "conflict far ahead", "conflict overwhelming"]
    return [("no events", _NO_EVENTS), *zip(labels, (colour for _bound, colour in _BINS), strict=True)]
