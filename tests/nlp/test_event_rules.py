"""General coding rules: obligations, background mentions, places, coreference, argument
sharing. Sentences written for these tests, in the style of wire copy."""

from __future__ import annotations

from datetime import date

from .conftest import brief

DAY = date(2024, 5, 16)


def asserted(found: list[tuple[str, tuple, tuple, str]]) -> list[tuple[str, tuple, tuple, str]]:
    return [f for f in found if f[3] == "asserted"]


# ---- reported obligations ----------------------------------------------------------------------
def test_a_reported_obligation_on_someone_else_is_a_request(code) -> None:
    found = brief(code("Moscow said on Friday that Kyiv must pull its troops back from the border.", DAY))
    assert ("REQUEST", ("RUS",), ("UKR",), "asserted") in found
    assert [t for t, *_ in found] == ["REQUEST"]  # the demanded withdrawal is part of the demand
    found = brief(code("Germany said Hungary should lift its veto on the aid package.", DAY))
    assert ("REQUEST", ("DEU",), ("HUN",), "asserted") in found


def test_an_obligation_on_oneself_is_no_request(code) -> None:
    found = brief(code("Serbia said it must protect its citizens in the north.", DAY))
    assert not [f for f in found if f[0] == "REQUEST"]


# ---- what is news and what is background -------------------------------------------------------
def test_an_act_named_in_passing_is_background(code) -> None:
    found = brief(code("Thousands have fled the region since last year's Azerbaijani offensive.", DAY))
    assert not [f for f in found if f[0] == "ASSAULT"]
    found = brief(code("Poland summoned Belarus's ambassador during a NATO summit in Vilnius.", DAY))
    assert not [f for f in found if f[0] == "CONSULT"]
    assert ("ACCUSE", ("POL",), ("BLR",), "asserted") in found


def test_an_attack_restated_by_its_verb_is_one_event(code) -> None:
    found = asserted(brief(code("Israeli air strikes killed 12 people in southern Lebanon on Sunday.", DAY)))
    assert [t for t, *_ in found] == ["ASSAULT"]
    found = asserted(brief(code("Russian missiles killed four civilians and wounded nine in Kharkiv.", DAY)))
    assert [(t, s) for t, s, *_ in found] == [("ASSAULT", ("RUS",))]


def test_an_unclaimed_bombing_is_coded_to_where_it_happened(code) -> None:
    found = brief(code("A roadside bomb in Kandahar killed three Afghan soldiers on Monday.", DAY))
    assert ("ASSAULT", ("AFG",), ("AFG",), "asserted") in found


# ---- places as arguments -----------------------------------------------------------------------
def test_a_known_place_stands_for_its_state(code) -> None:
    found = brief(code("Israeli bulldozers demolished four homes in Hebron on Tuesday.", DAY))
    assert ("COERCE", ("ISR",), ("PSE",), "asserted") in found
    found = brief(code("Rebels exploded two bombs in the capital, Kabul, police said.", DAY))
    assert any(t == "ASSAULT" and g == ("AFG",) for t, _s, g, _m in found)


def test_ethnic_protesters_are_coded_where_they_live(code) -> None:
    found = brief(code("Hundreds of ethnic Serbs protested in Mitrovica against the new police station.", DAY))
    assert any(t == "PROTEST" and s == ("XKX",) for t, s, _g, _m in found)


def test_a_protest_is_against_whom_it_defies(code) -> None:
    found = brief(code("Students blocked roads in Tbilisi in defiance of the Georgian government.", DAY))
    assert any(t == "PROTEST" and g == ("GEO",) for t, _s, g, _m in found)


# ---- attitudes, not membership ------------------------------------------------------------------
def test_pro_and_anti_are_stances_not_states(code) -> None:
    extraction = code("Pro-Russian separatists shelled government positions near Donetsk.", DAY)
    assert not [e for e in extraction.events if any(r.code == "RUS" for r in e.source)]


# ---- who "it" and "its" are --------------------------------------------------------------------
def test_a_possessive_refers_to_its_clause_subject(code) -> None:
    found = brief(code("After the coup in Niger, Nigeria urged its citizens to leave the country.", DAY))
    assert ("REQUEST", ("NGA",), ("NGA",), "asserted") in found


def test_a_main_clause_pronoun_continues_the_subject(code) -> None:
    text = "Serbia is a candidate for membership of the European Union, and it has refused to impose sanctions."
    found = brief(code(text, DAY))
    assert any(t == "REJECT" and s == ("SRB",) for t, s, _g, _m in found)


def test_a_relative_pronoun_is_its_antecedent(code) -> None:
    found = brief(code("Finland joined NATO in 2023 despite Russia, which opposed its membership.", DAY))
    assert any(t == "REJECT" and s == ("RUS",) for t, s, _g, _m in found)


# ---- shared and reciprocal arguments -----------------------------------------------------------
def test_each_other_makes_each_side_the_others_target(code) -> None:
    found = brief(code("Armenia and Azerbaijan accused each other of shelling border villages.", DAY))
    assert ("ACCUSE", ("ARM",), ("AZE",), "asserted") in found
    assert ("ACCUSE", ("AZE",), ("ARM",), "asserted") in found


def test_a_stranded_preposition_shares_the_next_verbs_object(code) -> None:
    found = brief(code("Russian border guards fired on and seized two Ukrainian fishing boats.", DAY))
    assert any(t == "ASSAULT" and s == ("RUS",) and g == ("UKR",) for t, s, g, _m in found)


def test_a_definite_act_refers_back_to_its_author(code) -> None:
    text = "China's navy held live-fire drills around Taiwan on Monday. Taipei condemned the drills."
    found = brief(code(text, DAY))
    assert ("ACCUSE", ("TWN",), ("CHN",), "asserted") in found


def test_a_warning_of_reprisal_is_a_threat_to_the_author_of_the_act(code) -> None:
    text = "Israel struck an air base near Isfahan overnight. Iran warned that the strike would not go unpunished."
    found = brief(code(text, DAY))
    assert ("THREATEN", ("IRN",), ("ISR",), "asserted") in found


# ---- readings of words -------------------------------------------------------------------------
def test_cancelling_talks_is_a_rejection(code) -> None:
    found = brief(code("China cancelled planned climate talks with the United States on Friday.", DAY))
    assert ("REJECT", ("CHN",), ("USA",), "asserted") in found


def test_speaking_to_reporters_is_no_consultation(code) -> None:
    found = brief(code("Speaking to reporters in Ankara, Erdogan said Turkey would not back down.", DAY))
    assert not [f for f in found if f[0] == "CONSULT"]


def test_being_opposed_to_and_objecting_to(code) -> None:
    found = brief(code("Greece is opposed to Turkish drilling in the eastern Mediterranean.", DAY))
    assert ("REJECT", ("GRC",), ("TUR",), "asserted") in found
    found = brief(code("The Netherlands objected to Romania's accession to the Schengen area.", DAY))
    assert ("ACCUSE", ("NLD",), ("ROU",), "asserted") in found


def test_standing_by_an_ally_is_support(code) -> None:
    found = brief(code("The United States said it stood by Japan after the missile launch.", DAY))
    assert ("SUPPORT", ("USA",), ("JPN",), "asserted") in found


def test_a_date_is_no_argument(code) -> None:
    found = brief(code("Azerbaijan launched what it called anti-terrorist measures on Tuesday.", DAY))
    assert not [f for f in found if f[0] in ("REQUEST", "ACCUSE")]


# ---- more arguments from context -----------------------------------------------------------------
def test_an_official_the_knowledge_base_does_not_know_holds_office_in_the_storys_state(code) -> None:
    found = brief(code("Interior Minister Karim Haddad ordered a curfew in Tunis on Sunday.", DAY))
    assert any(s == ("TUN",) for _t, s, _g, _m in found)


def test_under_investigation_is_the_authorities_act_on_the_one_under_it(code) -> None:
    found = brief(code("A French journalist has been placed under investigation in Turkey.", DAY))
    assert ("ACCUSE", ("TUR",), ("FRA",), "asserted") in found


def test_a_bomb_that_explodes_is_an_attack_where_it_exploded(code) -> None:
    found = brief(code("A car bomb exploded outside a police station in Kandahar on Friday.", DAY))
    assert any(t == "ASSAULT" and s == ("AFG",) for t, s, _g, _m in found)


def test_a_condemned_attack_points_at_its_author_not_its_victim(code) -> None:
    found = brief(code("Moscow condemned the attack on its embassy in Kabul.", DAY))
    assert not [g for t, _s, g, _m in found if t == "ACCUSE" and "RUS" in g]


def test_rejecting_an_accusation_answers_the_accuser(code) -> None:
    text = "Lithuania accused Belarus of pushing migrants across the border. Minsk rejected the accusation."
    found = brief(code(text, DAY))
    assert ("REJECT", ("BLR",), ("LTU",), "asserted") in found


def test_a_characterisation_names_the_culprit(code) -> None:
    found = brief(code("Georgia's president criticised the vote, calling it a provocation by Moscow.", DAY))
    assert ("ACCUSE", ("GEO",), ("RUS",), "asserted") in found


def test_more_readings(code) -> None:
    found = brief(code("Sudanese army units recaptured the town of Wad Madani from the rebels.", DAY))
    assert any(t == "ASSAULT" and s == ("SDN",) for t, s, _g, _m in found)
    assert not code("The ministry executed the reform plan in March.", DAY).events
    found = brief(code("Oman hosted talks between Iran and the United States on Saturday.", DAY))
    assert ("CONSULT", ("OMN",), ("IRN", "USA"), "asserted") in found


def test_expelling_by_order_seizures_and_brokered_deals(code) -> None:
    found = brief(code("Estonia ordered two Russian diplomats to leave the country within 72 hours.", DAY))
    assert ("SANCTION", ("EST",), ("RUS",), "asserted") in found
    # recalling one's own envoy home is not an expulsion
    found = brief(code("Hungary ordered its ambassador to return from Kyiv for consultations.", DAY))
    assert not [f for f in found if f[0] == "SANCTION"]
    found = brief(code("Bosnian border police seized pistols and ammunition hidden in a van near Bijeljina.", DAY))
    assert [f[0] for f in found] == ["COERCE"] and found[0][1] == ("BIH",)
    found = brief(code("Qatar brokered a prisoner exchange between Armenia and Azerbaijan late on Sunday.", DAY))
    assert ("CONSULT", ("QAT",), ("ARM", "AZE"), "asserted") in found


def test_the_two_leaders_are_the_pair_just_named(code) -> None:
    text = (
        "Croatian Prime Minister Andrej Plenković and Slovenian Prime Minister Robert Golob met Hungary's Viktor "
        "Orbán in Budapest on Tuesday. The two leaders agreed to open a second border crossing by June."
    )
    found = brief(code(text, DAY))
    agreed = [f for f in found if f[0] == "AGREE"]
    assert agreed and set(agreed[0][1]) == {"HRV", "SVN"}
