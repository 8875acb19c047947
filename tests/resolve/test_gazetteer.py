"""Placing events: names to GeoNames towns, ambiguous names settled by the story, and the reason kept."""

from __future__ import annotations

import pytest

from actorgraph.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "story", "expected"),
    [
        ("Zvecan", None, (), ("XKX", 42.9, 20.8)),
        ("Tripoli", None, ("LBN",), ("LBN", 34.4, 35.8)),  # the story is about Lebanon
        ("Tripoli", None, (), ("LBY", 32.9, 13.2)),  # no hint: the capital of Libya, by far the largest
        ("Tripoli", "LBN", ("LBY",), ("LBN", 34.4, 35.8)),  # the place's own country outranks the story's
        ("Kiev", None, (), ("UKR", 50.5, 30.5)),  # another name of one large city
        ("Odessa", None, ("UKR",), ("UKR", 46.5, 30.7)),  # Odesa, not Odessa in Texas, in a story about Ukraine
        ("the city of Goma", None, (), ("COD", -1.7, 29.2)),
    ],
)
def test_a_place_is_found_where_the_story_points(
    gazetteer: Gazetteer, name: str, country: str | None, story: tuple[str, ...], expected: tuple[str, float, float]
) -> None:
    found = gazetteer.locate(name, country, story)
    assert found is not None
    assert (found.country, round(found.lat, 1), round(found.lon, 1)) == expected
    assert found.reason.startswith(f"GeoNames {found.geonameid}: ")


@pytest.mark.parametrize(
    ("name", "country", "story"),
    [
        ("Kosovo", None, ()),  # a country is an area, not a point
        ("Banjska", None, ("XKX",)),  # a village too small for the table; only another town's other name matches
        ("Tripoli", "FRA", ()),  # no Tripoli in that country: another place, not one of these
        ("northern Syria", None, ()),
        ("Nowhere Town", None, ()),
    ],
)
def test_no_point_is_made_up(gazetteer: Gazetteer, name: str, country: str | None, story: tuple[str, ...]) -> None:
    assert gazetteer.locate(name, country, story) is None


def test_the_reason_says_how_an_ambiguous_name_was_settled(gazetteer: Gazetteer) -> None:
    found = gazetteer.locate("Mitrovica", None, ("XKX", "SRB"))
    assert found is not None and found.country == "XKX"
    assert "places named Mitrovica, the one in XKX, a country of the story" in found.reason
    assert found.admin1 is not None and found.admin1.startswith("XK.")
