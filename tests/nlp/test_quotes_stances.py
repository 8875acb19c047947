"""Quotes (direct, interrupted, reported, unbalanced) and stances."""

from __future__ import annotations

from datetime import date

from actorgraph.nlp.quotes import quotation_spans

DAY = date(2023, 6, 1)


def test_direct_quote_with_its_speaker(code) -> None:
    text = "Kosovo Prime Minister Albin Kurti spoke in Pristina. “Kosovo will not be intimidated by anyone,” Kurti told reporters."
    extraction = code(text, DAY)
    [quote] = [q for q in extraction.quotes if q.direct]
    assert quote.content.text == "Kosovo will not be intimidated by anyone,"
    assert quote.speaker is not None and quote.speaker.code == "XKX"
    assert quote.cue == "told" and quote.speaker_text == "Kurti"


def test_interrupted_quote_gives_two_quotes_of_one_speaker(code) -> None:
    text = (
        'Serbian President Aleksandar Vučić was defiant. "We will not," he said, "accept any ultimatum from Pristina."'
    )
    quotes = [q for q in code(text, DAY).quotes if q.direct]
    assert [q.content.text for q in quotes] == ["We will not,", "accept any ultimatum from Pristina."]
    assert {q.speaker.code for q in quotes if q.speaker} == {"SRB"}


def test_scare_quotes_are_not_quotations(code) -> None:
    text = "Activists in Tirana condemned as “illegal” the deportation of five migrants to Egypt."
    assert [q for q in code(text, DAY).quotes if q.direct] == []


def test_an_unbalanced_mark_swallows_nothing(code) -> None:
    text = (
        "The ministry rejected the so-called “peace plan as a trick, officials said.\n"
        "In a second statement, the ministry said “the border will stay closed until further notice,” a spokesman added."
    )
    quotes = [q for q in code(text, DAY).quotes if q.direct]
    assert [q.content.text for q in quotes] == ["the border will stay closed until further notice,"]
    spans = list(quotation_spans(text))
    assert all("\n" not in text[s.start : s.end] for s in spans)


def test_reported_speech_and_according_to(code) -> None:
    text = "The EU's foreign policy chief, Josep Borrell, said that both sides had agreed to meet again in Brussels in March."
    [quote] = [q for q in code(text, DAY).quotes if not q.direct]
    assert quote.speaker is not None and quote.speaker.code == "EU"
    assert quote.content.text.startswith("both sides had agreed to meet again")
    extraction = code(
        "According to the Kosovo interior ministry, twenty police officers were injured in the clashes.", DAY
    )
    [reported] = [q for q in extraction.quotes if q.cue == "according to"]
    assert reported.speaker is not None and reported.speaker.code == "XKX"
    assert reported.content.text == "twenty police officers were injured in the clashes"


def test_stances_for_against_and_neutral(code) -> None:
    text = (
        "Kosovo welcomed the defence agreement on Tuesday. Serbia reacted strongly to the agreement. "
        "NATO refrained from making a definitive statement about the pact. "
        "Albania has voiced its unequivocal support for the United States."
    )
    stances = {(s.holder.code, s.polarity) for s in code(text, DAY).stances}
    assert {("XKX", "support"), ("SRB", "oppose"), ("NATO", "neutral"), ("ALB", "support")} <= stances
    support = [s for s in code(text, DAY).stances if s.holder.code == "ALB"]
    assert support[0].target_actor is not None and support[0].target_actor.code == "USA"


def test_a_negated_view_is_neutral_not_opposition(code) -> None:
    stances = code("Montenegro does not view the new alliance as a threat to its security.", DAY).stances
    assert [s.polarity for s in stances if s.holder.code == "MNE"] == ["neutral"]


def test_stance_on_an_agreement_points_at_its_event(code) -> None:
    text = "Greece and Cyprus signed a maritime agreement on Monday. Turkey condemned the agreement."
    extraction = code(text, DAY)
    signing = [e for e in extraction.events if e.type == "SUPPORT"]
    turkish = [s for s in extraction.stances if s.holder.code == "TUR"]
    assert signing and turkish
    assert turkish[0].polarity == "oppose" and turkish[0].target_event == signing[0].id


def test_a_stance_someone_is_asked_to_take_or_might_take_is_not_theirs(code) -> None:
    text = (
        "Brussels urged Belgrade and Pristina to refrain from unilateral steps in the north. "
        "Under the draft, Serbia would not object to Kosovo's seat in the Council of Europe. "
        "Montenegro's government has refrained from commenting on the dispute."
    )
    stances = {(s.holder.code, s.polarity, s.evidence.text.split()[0]) for s in code(text, DAY).stances}
    assert ("MNE", "neutral", "Montenegro's") in stances
    assert not [s for s in stances if s[2] in ("Brussels", "Under")]


def _positions(extraction) -> list[tuple[str | None, str, str | None]]:  # noqa: ANN001
    return [
        (s.holder.code, s.polarity, s.target_actor.code if s.target_actor else s.target_topic)
        for s in extraction.stances
    ]


def test_positions_on_policies_are_stances(code) -> None:
    assert _positions(code("Greece's prime minister defended the new border policy on Tuesday.", DAY)) == [
        ("GRC", "support", "border policy")
    ]
    # a rejected proposal that belongs to someone: the stance is toward its owner
    assert _positions(code("The Moldovan parliament rejected the Russian gas proposal.", DAY)) == [
        ("MDA", "oppose", "RUS")
    ]
    # a plan backed by two holders: two stances
    text = "The talks follow a Norwegian peace plan, which is backed by the African Union as well as the United Nations."
    assert sorted(_positions(code(text, DAY))) == [("AU", "support", "NOR"), ("UN", "support", "NOR")]
    assert _positions(code("Thousands marched in Skopje on Sunday against the new language law.", DAY)) == [
        ("MKD", "oppose", "language law")
    ]
    # condemning an act is an event, not a standing position
    assert _positions(code("Poland condemned the drone attack on its border post.", DAY)) == []


def test_a_demand_or_charge_held_over_time_is_a_position(code) -> None:
    text = "Washington and Brussels have long urged Belgrade to recognise the election result."
    assert sorted(_positions(code(text, DAY))) == [
        ("EU", "support", "recognise election result"),
        ("USA", "support", "recognise election result"),
    ]
    assert _positions(code("Georgia has repeatedly accused Moscow of occupying its territory.", DAY)) == [
        ("GEO", "oppose", "RUS")
    ]
    # said once, it is an event only
    assert _positions(code("Georgia accused Moscow on Monday of occupying its territory.", DAY)) == []


def test_a_label_on_a_policy_is_a_position_a_label_on_one_act_is_not(code) -> None:
    assert _positions(code("Moscow branded the new transit restrictions hostile.", DAY)) == [
        ("RUS", "oppose", "transit restriction")
    ]
    # one raid called a crime is a reaction to that act: an event only
    assert _positions(code("Greek Foreign Minister Nikos Dendias called the raid a flagrant violation of the law.", DAY)) == []
    # a name in a free relative is the speaker's word for a thing, not Athens' position
    assert _positions(code("Turkey rejected what Athens called provocations in the Aegean.", DAY)) == []


def test_what_a_holder_wants_it_stands_for(code) -> None:
    assert _positions(code("Belgrade wants peace, Serbian President Aleksandar Vucic said.", DAY)) == [
        ("SRB", "support", "peace")
    ]
    assert [p[:2] for p in _positions(code("Hungary wanted no part in the enlargement plan.", DAY))] == [
        ("HUN", "oppose")
    ]


def test_a_voiced_position_and_a_refusal_to_back_or_join(code) -> None:
    assert _positions(code("Albanian Prime Minister Edi Rama voiced support for the Kosovo government.", DAY)) == [
        ("ALB", "support", "XKX")
    ]
    assert _positions(code("The Kosovo opposition refuses to back the amendments.", DAY)) == [
        ("XKX", "oppose", "amendment")
    ]
    assert _positions(code("Hungary refused to join Western sanctions on Belarus.", DAY)) == [
        ("HUN", "oppose", "BLR")
    ]
    assert _positions(code("Georgia does not recognise the agreement signed in Sukhumi.", DAY)) == [
        ("GEO", "oppose", "agreement")
    ]
    assert _positions(code("Viktor Orban rejected an opposition demand for early elections.", DAY)) == [
        ("HUN", "oppose", "opposition demand")
    ]


def test_no_position_yet_if_only_or_only_promised(code) -> None:
    assert _positions(code("Hungary has yet to approve Sweden's accession to NATO.", DAY)) == []
    assert _positions(code("Kyiv said sanctions must follow if Moscow rejected the ceasefire plan.", DAY)) == []
    text = "Athens and Ankara undertook to refrain from any statement that could endanger peace."
    assert _positions(code(text, DAY)) == []
