"""Stances stated by constructions of position: each test asserts every stance of its sentence."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 5, 16)


def stances_of(code, text: str) -> list[tuple[str | None, str, str | None]]:  # noqa: ANN001
    return [
        (s.holder.code, s.polarity, s.target_actor.code if s.target_actor else s.target_topic)
        for s in code(text, DAY).stances
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a present-tense relative clause says whom its noun stands with or against
        ("Kenya, which backs the Somali government, sent more troops.", [("KEN", "support", "SOM")]),
        # a label parsed as the object of a relative clause of regarding
        (
            "Hamas, a movement that Israel considers an enemy, held a rally.",
            [("ISR", "oppose", "movement")],
        ),
        # a label parsed as an adverbial clause
        ("Egypt described the court ruling as deeply unfair.", [("EGY", "oppose", "court ruling")]),
        # readiness to back someone or to sign an accord is a position held now
        ("Ottawa said it was ready to back Riga.", [("CAN", "support", "LVA")]),
        # the one displeased opposes what displeased it
        ("The referendum angered Madrid, officials said.", [("ESP", "oppose", "referendum")]),
        ("Ankara was angered by the vote in the French parliament.", [("TUR", "oppose", "FRA")]),
        ("A spokesman said Beijing was bitterly disappointed with the tariffs.", [("CHN", "oppose", "tariff")]),
        # blame that names its label states a position on a policy, not on one act
        ("Hanoi condemned the dumping plan as a crime against the sea.", [("VNM", "oppose", "dumping plan")]),
        # a position noun with its owner after "from" or "of"
        ("The pact was ratified over fierce objections from Minsk.", [("BLR", "oppose", "statement")]),
        ("The resolution passed over the objections of Caracas.", [("VEN", "oppose", "statement")]),
        # a noun that puts its phrase on someone's side
        ("Belarus is a close ally of Russia.", [("BLR", "support", "RUS")]),
        ("Serbia has embraced the reform.", [("SRB", "support", "reform")]),
        # the modal's own subject holds what it would go on doing
        ("Serbia said it would continue to back Kyiv.", [("SRB", "support", "UKR")]),
        # not accepting something is opposing it
        ("Chile does not accept the ruling.", [("CHL", "oppose", "ruling")]),
        # a right denied is the speaker's position against what it would allow
        ("The UN envoy said Transnistria had no right to break away from Moldova.", [("UN", "oppose", "MDA")]),
        # "we" in what someone says is the speaker's side
        ('"We stand firmly behind the people of Sudan," the Kenyan foreign minister said.', [("KEN", "support", "SDN")]),
    ],
)
def test_positions_stated_by_construction(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert stances_of(code, text) == expected


def test_a_position_named_by_a_noun_is_its_owners(code) -> None:  # noqa: ANN001
    text = (
        "Georgia summoned the envoys of Moscow and Damascus, angered by their recognition of the two breakaway regions."
    )
    holders = {(h, p) for h, p, _ in stances_of(code, text)}
    assert holders == {("RUS", "support"), ("SYR", "support")}


def test_readiness_to_sign_an_accord_supports_it(code) -> None:  # noqa: ANN001
    [(holder, polarity, _)] = stances_of(code, "Moldova was willing to sign the treaty on the spot.")
    assert (holder, polarity) == ("MDA", "support")


@pytest.mark.parametrize(
    "text",
    [
        # help handed over is aid, not a view
        "Norway and Denmark provided logistical support to the mission.",
        # a label put on one act, before or after it, is a reaction to that act
        "Lawyers in Rome condemned as unlawful the expulsion of three reporters.",
        # a position given up is no longer held
        "Athens said it would drop its objections once Skopje agreed.",
        # "in support of" names whom an act is for
        "The militia shelled the border town in support of its partner, the Houthis.",
        # what a plan or a deal would have a side do is a prospect, not a position
        "The deal would make Chad and Niger recognise the visas they issue.",
        "An envoy said the treaty would mean formal recognition of Taiwan by Japan.",
        # a right denied with no one saying so is a fact reported, not a position
        "Peru had no right to leave the bloc.",
        # a verb of position done to a person is a gesture
        "Lukashenko greeted the freed pilots at the airport, embracing Sidorov warmly.",
        # not yet done
        "The Czech senate has yet to approve the treaty.",
        # a reporter's forecast about someone else
        "The proposal would surely be rejected by Greece, analysts said.",
        # not ready says nothing of a position
        "Chile is not ready to back the proposal.",
        # a negated displeasure, and a displeased holder the text does not place
        "Norway is not unhappy with the outcome.",
        "The news worried investors.",
        # readiness to do something else is an intention
        "Peru was ready to work with the mission on its departure.",
    ],
)
def test_no_position_is_stated(code, text: str) -> None:  # noqa: ANN001
    assert stances_of(code, text) == []


def test_refusing_recognition_opposes_and_people_of_the_story_hold_it(code) -> None:  # noqa: ANN001
    text = (
        "Armenia held a snap vote in June. Armenian police detained dozens of protesters in Yerevan. "
        "Several opposition parties refuse to recognise the outcome."
    )
    found = stances_of(code, text)
    assert [(h, p) for h, p, _ in found] == [("ARM", "oppose")]


def test_people_placed_by_a_proper_adjective_are_not_the_story_state(code) -> None:  # noqa: ANN001
    text = "Armenia held a snap vote in June. Several European governments have refused to recognise the vote."
    assert stances_of(code, text) == []


def test_they_in_what_several_speakers_say_is_all_of_them(code) -> None:  # noqa: ANN001
    text = "Ruto met Museveni in Nairobi on Monday. The two leaders said they favoured African Union mediation."
    assert sorted(stances_of(code, text)) == [("KEN", "support", "AU"), ("UGA", "support", "AU")]


def test_a_course_backed_in_the_passive_is_its_backers_position(code) -> None:  # noqa: ANN001
    # policy word or not: every backer holds it, and nothing else is a stance
    text = "The talks centre on a blueprint for reconciliation that is backed by the AU and Britain."
    assert sorted((h, p) for h, p, _ in stances_of(code, text)) == [("AU", "support"), ("GBR", "support")]
