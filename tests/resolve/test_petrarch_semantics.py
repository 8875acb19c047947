"""PETRARCH's actor and agent semantics, for layers imported from its dictionaries.

A dictionary written in PETRARCH's own conventions (real places, made-up people) is imported
into a layer, and news sentences are coded with it. What PETRARCH does, the layer does:
agents compose with the actor they qualify (`[~GOV]` after its code, `[NGO~]` before), one
entry can stand for several actors at once (`[BEL/NLD/LUX]`), dated restrictions pick the
code of the story's date (limits included), and the layer's names outrank ours. "Former"
office holders are elites (CAMEO's ELI), with or without a layer.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from actorgraph.pipeline import Resources, extract_actors, place_resolver
from actorgraph.resolve.kb import KnowledgeBase
from actorgraph.resolve.phoenix import ImportSummary, import_dictionaries
from actorgraph.segment import segment
from actorgraph.types import Article

ACTORS = """\
<!-- A dictionary in PETRARCH's conventions: real places, made-up people.
SHOULD_NOT_APPEAR_ [XXX]
     a comment may run over several lines -->

BENELUX_ [BEL/NLD/LUX]          ; TABARI-style comment: three states at once
ZIMBABWE_
\t[RHO <19790417]         # Rhodesia, until the day before independence
\t[ZWE]
PODRINJE_ [SRB]                 # a region the dictionary codes as its state
VUK_DRASKOVAC_ [MNE]            # a person coded like a state
WHITE_HOUSE_ [USAGOV]
MANO_RIVER_UNION_ [IGOMRU]      # no short name in the output contract
ECOWAS_ [IGOWAFBUSWAS]          # Phoenix's code for ECOWAS
REUTERS_ [MED]                  # media of no state
BORIS_VESNIC_ [srb]             # the default when no dated code holds
\t[SRBMIL 20080101-20120630]
\t[SRBGOV 20120701-20140315]
"""

AGENTS = """\
!MINST! = MINISTER, MINISTRY
MSF {}  [NGO~]
HUMAN_RIGHTS_BODY  [  NGO~]
SECURITY_OFFICIAL [~GOV]
PROSECUTOR [~JUD]
POLICE {} [ ~COP]
FOREIGN_!MINST! [~GOVFRM]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~JUD]
SPOKESMAN_ [~GOV]
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[ImportSummary, list[tuple[str, str]], Path]:
    base = tmp_path_factory.mktemp("petrarch")
    (base / "test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (base / "test.agents.txt").write_text(AGENTS, encoding="utf-8")
    warnings: list[tuple[str, str]] = []
    summary = import_dictionaries(
        [base / "test.actors.txt", base / "test.agents.txt"],
        base / "layer",
        warn=lambda source, message: warnings.append((source, message)),
    )
    return summary, warnings, base / "layer"


@pytest.fixture(scope="module")
def layered(imported) -> KnowledgeBase:
    return KnowledgeBase.load([imported[2]])


def rows(path: Path, *columns: str) -> list[tuple[str, ...]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return [tuple(row[c] for c in columns) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def coded(text: str, kb: KnowledgeBase, resources: Resources, day: date) -> list[tuple[str | None, ...]]:
    """(code, sector, name, words) of every actor of a one-sentence story."""
    [document] = segment(Article(source="t", text=text, published=day), place_resolver(kb))
    actors = extract_actors(resources.nlp(document.text), document, kb)
    return [(a.code, a.sector, a.name, a.mentions[0].span.text) for a in actors]


# ---- the import -----------------------------------------------------------------------------


def test_import_summary_and_no_warnings(imported) -> None:
    summary, warnings, _ = imported
    # Benelux, Zimbabwe, Podrinje, Vuk Draskovac; four organisations; three dated roles;
    # thirteen agent terms (regular plurals made, none for "{}", macros or a trailing "_")
    assert summary == ImportSummary(states=4, organisations=4, people=3, agents=13)
    assert warnings == []


def test_states_with_several_or_dated_codes(imported) -> None:
    # one row per code; the first names the state, the dated end is the first day out
    assert rows(imported[2] / "states.tsv", "code", "name", "start", "end") == [
        ("BEL", "Benelux", "", ""),
        ("NLD", "Benelux", "", ""),
        ("LUX", "Benelux", "", ""),
        ("ZWE", "Zimbabwe", "", ""),
        ("RHO", "Zimbabwe", "", "1979-04-18"),
        ("SRB", "Podrinje", "", ""),
        ("MNE", "Vuk Draskovac", "", ""),
    ]


def test_organisation_codes_keep_what_the_dictionary_says(imported) -> None:
    assert rows(imported[2] / "organisations.tsv", "name", "code", "sector") == [
        ("White House", "USA", "GOV"),
        ("Mano River Union", "IGO", ""),  # no contract short name: the dictionary's own code
        ("Ecowas", "ECOWAS", "BUS"),  # Phoenix's WAS segment is ECOWAS
        ("Reuters", "", "MED"),  # a sector alone names no state
    ]


def test_name_line_code_is_the_default_of_dated_offices(imported) -> None:
    assert rows(imported[2] / "people.tsv", "name", "code", "sector", "start", "end") == [
        ("Boris Vesnic", "SRB", "MIL", "2008-01-01", "2012-07-01"),
        ("Boris Vesnic", "SRB", "GOV", "2012-07-01", "2014-03-16"),
        ("Boris Vesnic", "SRB", "", "", ""),
    ]


def test_agents_keep_their_whole_code_and_where_it_goes(imported) -> None:
    assert rows(imported[2] / "agents.tsv", "term", "sector", "placement") == [
        ("msf", "NGO", "before"),
        ("human rights body", "NGO", "before"),
        ("human rights bodies", "NGO", "before"),
        ("security official", "GOV", "after"),
        ("security officials", "GOV", "after"),
        ("prosecutor", "JUD", "after"),
        ("prosecutors", "JUD", "after"),
        ("police", "COP", "after"),
        ("foreign minister", "GOVFRM", "after"),
        ("foreign ministry", "GOVFRM", "after"),
        ("attorney general", "JUD", "after"),
        ("attorneys general", "JUD", "after"),
        ("spokesman", "GOV", "after"),
    ]


# ---- the layer, loaded ----------------------------------------------------------------------


def entry(kb: KnowledgeBase, name: str):  # noqa: ANN201
    found = {e.id: e for e, _ in kb.lookup(name)}
    assert len(found) == 1, (name, sorted(found))
    return next(iter(found.values()))


@pytest.mark.parametrize(
    ("day", "codes"),
    [
        (date(1978, 12, 1), (("RHO", None),)),
        (date(1979, 4, 17), (("RHO", None),)),  # the limit is included
        (date(1979, 4, 18), (("ZWE", None),)),
        (None, (("ZWE", None),)),  # undated: the default
    ],
)
def test_dated_code_of_a_state(layered: KnowledgeBase, day: date | None, codes) -> None:
    zimbabwe = entry(layered, "Zimbabwe")
    assert zimbabwe.id == "state:ZWE"  # the dictionary's Zimbabwe is ours, with its history
    assert zimbabwe.codes_at(day) == codes


def test_several_codes_at_once(layered: KnowledgeBase) -> None:
    assert entry(layered, "Benelux").codes_at(date(2005, 3, 1)) == (("BEL", None), ("NLD", None), ("LUX", None))


def test_state_sharing_a_code_but_no_name_is_an_actor_of_its_own(layered: KnowledgeBase) -> None:
    podrinje = entry(layered, "Podrinje")
    assert (podrinje.id, podrinje.name, podrinje.code) == ("state:SRB/layer", "Podrinje", "SRB")
    assert layered.state("SRB").name == "Serbia"


def test_layer_names_outrank_the_bundled_ones(kb: KnowledgeBase, layered: KnowledgeBase) -> None:
    assert [(e.kind, e.code) for e, _ in kb.lookup("MSF")] == [("organisation", "MSF")]
    msf = entry(layered, "MSF")
    assert (msf.kind, msf.sector, msf.placement, msf.layer) == ("agent", "NGO", "before", "layer")
    # Reuters is ours a British outlet; the dictionary says media of no state
    assert [(e.code, e.sector, e.layer) for e, _ in layered.lookup("Reuters")] == [(None, "MED", "layer")]


def test_derived_surnames_push_no_name_out(tmp_path: Path) -> None:
    layer = tmp_path / "sport"
    layer.mkdir()
    (layer / "people.tsv").write_text(
        "id\tname\taliases\tcode\tsector\trole\tstart\tend\tnotes\n"
        "michael-jordan\tMichael Jordan\t\tUSA\tCVL\tAthlete\t1984\t2003\t\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([layer])
    assert [(e.id, a.form) for e, a in kb.lookup("Jordan")] == [
        ("state:JOR", "name"),
        ("person:michael-jordan", "surname"),
    ]
    assert [e.id for e, _ in kb.lookup("Michael Jordan")] == ["person:michael-jordan"]


def test_layer_agent_takes_kind_and_label_of_ours(layered: KnowledgeBase) -> None:
    ministry, spokesman = entry(layered, "foreign ministry"), entry(layered, "spokesman")
    assert (ministry.label, ministry.agent_kind, ministry.sector) == (
        "Ministry of Foreign Affairs",
        "institution",
        "GOVFRM",
    )
    assert (spokesman.label, spokesman.agent_kind, spokesman.layer) == ("Spokesperson", "title", "layer")
    # a term we do not know is a group named by its words
    body = entry(layered, "human rights bodies")
    assert (body.label, body.agent_kind, body.placement) == ("Human Rights Bodies", "group", "before")


@pytest.mark.parametrize(
    ("day", "code", "sector"),
    [
        (date(2010, 5, 5), "SRB", "MIL"),
        (date(2012, 6, 30), "SRB", "MIL"),
        (date(2012, 7, 1), "SRB", "GOV"),
        (date(2020, 5, 5), "SRB", None),  # no dated code holds: the name line's
        (date(1999, 1, 1), "SRB", None),
    ],
)
def test_person_default_and_dated_offices(layered: KnowledgeBase, day: date, code: str, sector: str | None) -> None:
    role, how = entry(layered, "Boris Vesnic").role_at(day)
    assert (role.code, role.sector, how) == (code, sector, "current")


# ---- stories coded with the layer ------------------------------------------------------------

DAY = date(2005, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # [~GOVFRM] after each of Benelux's codes; the record keeps the agent code GOV
            "The Benelux foreign ministry said the talks would resume.",
            [
                ("BEL", "GOV", "Ministry of Foreign Affairs of Benelux", "Benelux foreign ministry"),
                ("NLD", "GOV", "Ministry of Foreign Affairs of Benelux", "Benelux foreign ministry"),
                ("LUX", "GOV", "Ministry of Foreign Affairs of Benelux", "Benelux foreign ministry"),
            ],
        ),
        (
            # one of our agents: its sector for each code
            "Benelux officials met their Baltic counterparts in Riga.",
            [
                ("BEL", "GOV", "Government of Benelux", "Benelux officials"),
                ("NLD", "GOV", "Government of Benelux", "Benelux officials"),
                ("LUX", "GOV", "Government of Benelux", "Benelux officials"),
                ("LVA", None, "Latvia", "Riga"),
            ],
        ),
        # [NGO~] goes before the state's code: NGOBEL
        ("MSF Belgium said the clinic had been hit twice.", [("NGO", None, "Msf of Belgium", "MSF Belgium")]),
        (
            "Serbian former security officials said former Croatian prosecutors had lied.",
            [
                ("SRB", "ELI", "Security Officials of Serbia", "Serbian former security officials"),
                ("HRV", "ELI", "Prosecutors of Croatia", "Croatian prosecutors"),
            ],
        ),
        # USAGOV has GOV already
        (
            "White House security officials declined to comment.",
            [("USA", "GOV", "Security Officials of White House", "White House security officials")],
        ),
        ("Podrinje police arrested two men on Sunday.", [("SRB", "COP", "Police of Podrinje", "Podrinje police")]),
        (
            "The Mano River Union and ECOWAS condemned the coup, Reuters reported.",
            [
                ("IGO", None, "Mano River Union", "Mano River Union"),
                ("ECOWAS", "BUS", "Ecowas", "ECOWAS"),
                (None, "MED", "Reuters", "Reuters"),
            ],
        ),
        # a title's holder named by an entry coded like a state: not whoever held the office
        (
            "Montenegrin President Vuk Draskovac said the vote would go ahead.",
            [("MNE", "GOV", "Vuk Draskovac", "Montenegrin President Vuk Draskovac")],
        ),
    ],
)
def test_stories_coded_the_petrarch_way(text: str, expected, layered: KnowledgeBase, resources: Resources) -> None:
    assert coded(text, layered, resources, DAY) == expected


@pytest.mark.parametrize(("day", "code"), [(date(1978, 12, 1), "RHO"), (date(2005, 3, 1), "ZWE")])
def test_story_date_picks_the_code(day: date, code: str, layered: KnowledgeBase, resources: Resources) -> None:
    assert coded("Zimbabwe closed its border with Zambia.", layered, resources, day) == [
        (code, None, "Zimbabwe", "Zimbabwe"),
        ("ZMB", None, "Zambia", "Zambia"),
    ]


def test_several_codes_are_several_actors_with_the_same_words(layered: KnowledgeBase, resources: Resources) -> None:
    text = "Benelux officials met their Baltic counterparts in Riga."
    [document] = segment(Article(source="t", text=text, published=DAY), place_resolver(layered))
    benelux = [a for a in extract_actors(resources.nlp(text), document, layered) if a.name == "Government of Benelux"]
    assert len({a.id for a in benelux}) == 3
    assert {a.mentions for a in benelux} == {benelux[0].mentions}
    assert "Benelux is coded BEL, NLD, LUX" in benelux[0].resolution.reason


# ---- "former", with our own knowledge base -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Former Serbian defence officials denied the report.",
            [("SRB", "ELI", "Former armed forces of Serbia", "Serbian defence officials")],
        ),
        # not the president of the day: someone who held the office before
        (
            "Serbia's former president said the vote was rigged.",
            [("SRB", "ELI", "Former president of Serbia", "Serbia's former president")],
        ),
        ("Serbia's president said the vote was rigged.", [("SRB", "GOV", "Aleksandar Vučić", "Serbia's president")]),
        # an institution is not an elite: the parliament of a state that was (Yugoslavia, whose
        # ISO 3166-1 continuator Serbia is the code the contract asks for)
        (
            "The former Yugoslav parliament met in Belgrade.",
            [("SRB", "LEG", "Parliament of Yugoslavia", "Yugoslav parliament"), ("SRB", None, "Serbia", "Belgrade")],
        ),
    ],
)
def test_former_office_holders_are_elites(text: str, expected, kb: KnowledgeBase, resources: Resources) -> None:
    assert coded(text, kb, resources, date(2023, 5, 1)) == expected
