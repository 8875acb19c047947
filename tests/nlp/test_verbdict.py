"""A user's PETRARCH verb dictionary (`--verbs`): how it is read, and how its verbs, patterns and
codes code sentences, following PETRARCH's semantics (docs/source/dictionaries.rst of PETRARCH2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.config import Settings
from actorgraph.nlp.verbdict import Element, parse_verb_dictionary, regular_forms
from actorgraph.pipeline import Resources, place_resolver
from actorgraph.segment import segment
from actorgraph.types import Article

DICTIONARY = """\
<!-- a small verb dictionary, written for these tests -->
&CURRENCY
+DOLLARS
+EUROS
+SWISS FRANCS

--- LEFT  [032:033]  ---
LEFT

--- GRANT [070] ---
GRANT
CONTRIBUTE
- * &CURRENCY [903]

--- ADOPT [057] ---
ADOPT
- * RESOLUTION [0571]

--- ARREST  [212] ---
ARREST

--- FIGHT  [190] ---
FIGHT
DEPART [042]

--- WARN  [130] ---
WARN
- * ^ ABOUT + [138]

--- AGREE  [030] ---
AGREE
- * WITH % [031]
- % * [030:030]

--- ADMIT  [013] ---
ADMIT
- * MADE_MISTAKES [055]

--- SAY  [010] ---
SAY {SAID SAYS SAYING}
- * WELCOMED [051]

--- ANNOUNCE  [023] ---
ANNOUNCE

--- CRITICIZE  [111] ---
CRITICIZE
- SHARPLY REPEATEDLY * [112]

--- WITHDRAW [---] ---
WITHDRAW {WITHDREW WITHDRAWN WITHDRAWING WITHDRAWS}
- * TROOPS [0874]

--- DELAY [191] [036] ---
DELAY
- * TALKS [+++]

--- CONFISCATE [1711] ---
CONFISCATE
WIRE_+TAP {WIRE_+TAPPED WIRE_+TAPPING}
"""


@pytest.fixture(scope="module")
def verbs_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("verbs") / "test.verbs"
    path.write_text(DICTIONARY)
    return path


@pytest.fixture(scope="module")
def code_with_verbs(verbs_file: Path, kb, nlp):  # noqa: ANN001, ANN201
    """Code a text with the test dictionary; (type, CAMEO, sources, targets, modality) per event."""
    resources = Resources(Settings(kb_dirs=[], verbs=verbs_file), kb=kb, nlp=nlp)

    def run(text: str) -> list[tuple[str, str | None, tuple, tuple, str]]:
        [document] = segment(Article(source="test", text=text), place_resolver(resources.kb))
        extraction = resources.coder.code(resources.nlp(document.text), document)
        return [
            (e.type, e.cameo, tuple(r.code for r in e.source), tuple(r.code for r in e.target), e.modality)
            for e in extraction.events
        ]

    return run


# ---- reading ----------------------------------------------------------------------------------
def test_the_dictionary_is_read_with_its_headers_forms_and_placeholders(verbs_file: Path) -> None:
    dictionary = parse_verb_dictionary(DICTIONARY, verbs_file)
    families = {f.name: f for f in dictionary.families}
    # a header with a second code takes the first; a pattern whose code is a placeholder is skipped
    assert (families["DELAY"].code, families["DELAY"].reverse, families["DELAY"].patterns) == ("191", None, ())
    line = DICTIONARY.splitlines().index("- * TALKS [+++]") + 1
    assert dictionary.skipped == (f"test.verbs:{line}: cannot read the code [+++]",)
    # the irregular forms of a multi-word verb are the verb's own words
    [tap] = families["CONFISCATE"].verbs[1:]
    assert (tap.lemma, tap.before, tap.forms, tap.surface) == (
        "tap",
        ("wire",),
        ("tapped", "tapping"),
        ("tap", "tapped", "tapping"),
    )
    # "%" before the verb is the compound that acts together; after it, the group acted with
    [with_group, together] = families["AGREE"].patterns
    assert [e.kind for e in with_group.after] == ["words", "target"]
    assert [e.kind for e in together.before] == ["compound"]
    assert (together.code, together.reverse) == ("030", "030")


def test_regular_forms_follow_english_spelling() -> None:
    assert regular_forms("depart") == ("departs", "departed", "departing")
    assert regular_forms("ban") == ("bans", "baned", "baning", "banned", "banning")
    assert regular_forms("agree") == ("agrees", "agreed", "agreeing")
    assert regular_forms("deny") == ("denies", "denied", "denying")
    assert regular_forms("raise") == ("raises", "raised", "raising")


def test_a_words_element_knows_its_first_and_last_words() -> None:
    element = Element("words", (("swiss", "francs"), ("euros",)))
    assert (element.firsts, element.lasts) == (frozenset({"swiss", "euros"}), frozenset({"francs", "euros"}))


# ---- verbs ------------------------------------------------------------------------------------
def test_a_verb_written_in_a_past_form_is_that_word_with_both_directions_of_its_code(code_with_verbs) -> None:  # noqa: ANN001
    # LEFT is the word "left" (not LEAVE); [032:033] is the visit and the hosting it implies,
    # aimed at the place the visitor left for
    assert code_with_verbs("The Serbian prime minister left for Moscow on Monday.") == [
        ("AGREE", "032", ("SRB",), ("RUS",), "asserted"),
        ("AGREE", "033", ("RUS",), ("SRB",), "asserted"),
    ]


def test_irregular_forms_are_found_but_misspelt_regular_ones_are_not(code_with_verbs) -> None:  # noqa: ANN001
    assert code_with_verbs("Azerbaijani troops fought Armenian forces near the border.") == [
        ("ASSAULT", "190", ("AZE",), ("ARM",), "asserted")
    ]
    assert code_with_verbs("The German delegation departed from Paris.") == [
        ("CONSULT", "042", ("DEU",), ("FRA",), "asserted")
    ]
    assert code_with_verbs("The German delegation departes from Paris.") == []


# ---- codes ------------------------------------------------------------------------------------
def test_a_code_outside_cameo_keeps_the_meaning_of_the_code_it_refines(code_with_verbs) -> None:  # noqa: ANN001
    # 903 is the coder's own code under GRANT [070]: an aid event, promised, coded 903
    assert code_with_verbs("Japan will contribute ten million dollars to Ukraine.") == [
        ("AGREE", "903", ("JPN",), ("UKR",), "asserted")
    ]
    # a WEIS code with no CAMEO family behind it takes the lexicon's reading of the verb
    assert code_with_verbs("Russian police arrested two French journalists on Tuesday.") == [
        ("COERCE", "212", ("RUS",), ("FRA",), "asserted")
    ]


def test_a_family_header_with_two_codes_and_a_placeholder_pattern(code_with_verbs) -> None:  # noqa: ANN001
    assert code_with_verbs("Iran delayed talks with the United States.") == [
        ("COERCE", "191", ("IRN",), ("USA",), "asserted")
    ]


# ---- patterns ---------------------------------------------------------------------------------
def test_pattern_words_are_complete_words(code_with_verbs) -> None:  # noqa: ANN001
    assert code_with_verbs("France adopted a resolution on Syria.") == [
        ("SUPPORT", "0571", ("FRA",), ("SYR",), "asserted")
    ]
    assert code_with_verbs("France adopted resolutions on Syria.") == [
        ("SUPPORT", "057", ("FRA",), ("SYR",), "asserted")
    ]


def test_a_skipped_noun_phrase_ends_at_its_head(code_with_verbs) -> None:  # noqa: ANN001
    # "^" is "its citizens", not "its citizens about the Syrian government"
    assert code_with_verbs("Turkey warned its citizens about the Syrian government.") == [
        ("ACCUSE", "138", ("TUR",), ("SYR",), "asserted")
    ]


def test_a_compound_after_the_verb_is_the_group_acted_with(code_with_verbs) -> None:  # noqa: ANN001
    assert code_with_verbs("France agrees with Germany and Italy that the sanctions should stay.") == [
        ("AGREE", "031", ("FRA",), ("DEU", "ITA"), "asserted")
    ]
    assert code_with_verbs("Russia and China agree that the sanctions must end.") == [
        ("AGREE", "030", ("RUS", "CHN"), ("RUS", "CHN"), "asserted")
    ]


def test_pattern_words_after_the_verb_may_lie_in_the_clause_it_reports(code_with_verbs) -> None:  # noqa: ANN001
    assert code_with_verbs("Russia admitted that its forces had made mistakes in Ukraine.") == [
        ("SUPPORT", "055", ("RUS",), ("UKR",), "asserted")
    ]
    assert code_with_verbs("The Kremlin said it welcomed the talks.") == [("SUPPORT", "051", ("RUS",), (), "asserted")]


def test_pattern_words_before_the_verb_include_its_coordinated_adverbs(code_with_verbs) -> None:  # noqa: ANN001
    assert code_with_verbs("The European Union sharply and repeatedly criticized Russia on Monday.") == [
        ("ACCUSE", "112", ("EU",), ("RUS",), "asserted")
    ]


def test_a_verb_of_saying_alone_leaves_the_event_it_reports_alone(code_with_verbs) -> None:  # noqa: ANN001
    # read as an event of its own, "announced" would swallow the withdrawal it reports
    assert code_with_verbs("Russia will withdraw its troops from Syria, the Kremlin announced.") == [
        ("AGREE", "0874", ("RUS",), ("SYR",), "asserted")
    ]
    # with nothing to report, it has its own code
    assert code_with_verbs("The Serbian government announced a new plan for Kosovo.") == [
        ("REQUEST", "023", ("SRB",), ("XKX",), "asserted")
    ]
