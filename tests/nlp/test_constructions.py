"""Each construction the coder reads, asserted as the whole list of events of its sentence
(an extra event fails), in its plain form, as fronted reported speech, and in the passive.
Sentences written for these tests in the style of wire copy."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import brief

DAY = date(2024, 5, 16)

# (plain, fronted reported speech, passive) → the events each must give, whole
VARIANTS = [
    pytest.param(
        (
            "Estonia expelled two Russian diplomats on Tuesday.",
            "Estonia expelled two Russian diplomats on Tuesday, the foreign ministry in Tallinn said.",
            "Two Russian diplomats were expelled by Estonia on Tuesday.",
        ),
        [("SANCTION", ("EST",), ("RUS",), "asserted")],
        id="expulsion",
    ),
    pytest.param(
        (
            "Israeli jets struck targets in southern Lebanon on Sunday.",
            "Israeli jets struck targets in southern Lebanon on Sunday, the Israeli army said.",
            "Targets in southern Lebanon were struck by Israeli jets on Sunday.",
        ),
        [("ASSAULT", ("ISR",), ("LBN",), "asserted")],
        id="air-strike",
    ),
    pytest.param(
        (
            "Georgian police arrested 40 protesters in Tbilisi on Sunday.",
            "Georgian police arrested 40 protesters in Tbilisi on Sunday, the interior ministry said.",
            "Forty protesters were arrested by Georgian police in Tbilisi on Sunday.",
        ),
        [("COERCE", ("GEO",), ("GEO",), "asserted")],
        id="arrest-is-domestic",
    ),
    pytest.param(
        (
            "The European Union urged Serbia to withdraw its troops from the border.",
            "Serbia must withdraw its troops from the border, the European Union said.",
            "Serbia was urged by the European Union to withdraw its troops from the border.",
        ),
        [("REQUEST", ("EU",), ("SRB",), "asserted")],
        id="demand-and-reported-obligation",
    ),
    pytest.param(
        (
            "Japan sent aid to Turkey after the earthquake.",
            "Japan sent aid to Turkey after the earthquake, the Turkish foreign ministry said.",
            "Aid was sent to Turkey by Japan after the earthquake.",
        ),
        [("AID", ("JPN",), ("TUR",), "asserted")],
        id="aid",
    ),
    pytest.param(
        (
            "Hungary rejected the European Commission's proposal.",
            "Hungary rejected the European Commission's proposal, a government spokesman in Budapest said.",
            "The European Commission's proposal was rejected by Hungary.",
        ),
        [("REJECT", ("HUN",), ("EU",), "asserted")],
        id="rejection-of-an-owned-proposal",
    ),
    pytest.param(
        (
            "Germany praised Montenegro's reforms.",
            "Germany praised Montenegro's reforms, the German embassy in Podgorica said.",
            "Montenegro's reforms were praised by Germany.",
        ),
        [("SUPPORT", ("DEU",), ("MNE",), "asserted")],
        id="praise",
    ),
    pytest.param(
        (
            "Russia deployed troops to the border with Ukraine.",
            "Russia deployed troops to the border with Ukraine, NATO said.",
            "Russian troops were deployed to the border with Ukraine.",
        ),
        [("MOBILIZE", ("RUS",), ("UKR",), "asserted")],
        id="deployment-whose-troops",
    ),
]


@pytest.mark.parametrize(("sentences", "expected"), VARIANTS)
def test_a_construction_reads_the_same_plain_fronted_and_passive(code, sentences, expected) -> None:  # noqa: ANN001
    for sentence in sentences:
        assert brief(code(sentence, DAY)) == expected, sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Iran vowed that it would attack Israel.",
        "Iran will attack Israel, the Iranian government vowed.",
    ],
)
def test_a_vowed_attack_is_a_threat_whatever_the_word_order(code, sentence: str) -> None:
    assert brief(code(sentence, DAY)) == [("THREATEN", ("IRN",), ("ISR",), "asserted")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Albania will cut diplomatic ties with Iran unless the cyber attacks stop, Prime Minister Edi Rama warned.",
        "Prime Minister Edi Rama warned that Albania would cut diplomatic ties with Iran unless the cyber attacks stop.",
    ],
)
def test_a_conditional_break_of_ties_is_a_threat(code, sentence: str) -> None:
    assert brief(code(sentence, DAY)) == [("THREATEN", ("ALB",), ("IRN",), "asserted")]


def test_a_reported_judgement_of_an_act_condemns_its_author(code) -> None:
    text = "Moscow expelled two Moldovan diplomats on Monday. The expulsion is unacceptable, the Moldovan foreign ministry said."
    assert brief(code(text, DAY)) == [
        ("SANCTION", ("RUS",), ("MDA",), "asserted"),
        ("ACCUSE", ("MDA",), ("RUS",), "asserted"),
    ]


def test_a_nominal_act_with_its_possessor_and_patient(code) -> None:
    assert brief(code("Russia's expulsion of two Moldovan diplomats angered Chisinau.", DAY)) == [
        ("SANCTION", ("RUS",), ("MDA",), "asserted")
    ]
    # a possessor with no "of" phrase is the one the act falls on
    assert brief(code("The court ordered the opposition leader's arrest in Minsk.", DAY)) == [
        ("COERCE", ("BLR",), ("BLR",), "asserted")
    ]


def test_talks_held_between_two_sides_are_one_mutual_consultation(code) -> None:
    extraction = code("Talks were held in Ankara on Monday between the foreign ministers of Turkey and Greece.", DAY)
    assert brief(extraction) == [("CONSULT", ("TUR", "GRC"), ("TUR", "GRC"), "asserted")]
    assert [e.mutual for e in extraction.events] == [True]


def test_unnamed_authorities_make_the_arrests(code) -> None:
    assert brief(code("Thirty activists were detained in Minsk on Saturday.", DAY)) == [
        ("COERCE", ("BLR",), ("BLR",), "asserted")
    ]


def test_denial_speculation_and_refusal(code) -> None:
    assert brief(code("Serbia denied that it had deployed troops to the border with Kosovo.", DAY)) == [
        ("MOBILIZE", ("SRB",), ("XKX",), "negated")
    ]
    assert brief(code("Bulgaria could join the pact, analysts said.", DAY)) == [
        ("COOPERATE", ("BGR",), (), "hypothetical")
    ]
    assert brief(code("Serbia has not recognised Kosovo's independence.", DAY)) == [
        ("SUPPORT", ("SRB",), ("XKX",), "negated")
    ]
    assert brief(code("Serbia will not recognise Kosovo's independence, President Aleksandar Vucic said.", DAY)) == [
        ("REJECT", ("SRB",), ("XKX",), "asserted")
    ]


def test_protest_vocabulary(code) -> None:
    assert brief(code("Iranian oil workers went on strike on Monday over unpaid wages.", DAY)) == [
        ("PROTEST", ("IRN",), ("IRN",), "asserted")
    ]
    assert brief(code("Thousands of students protested against the government in Belgrade on Friday.", DAY)) == [
        ("PROTEST", ("SRB",), ("SRB",), "asserted")
    ]
    assert brief(code("Protesters torched police cars in Nairobi on Tuesday.", DAY)) == [
        ("PROTEST", ("KEN",), ("KEN",), "asserted")
    ]


def test_visits_and_phone_calls(code) -> None:
    assert brief(code("French President Emmanuel Macron arrived in Belgrade on Thursday for a state visit.", DAY)) == [
        ("CONSULT", ("FRA",), ("SRB",), "asserted")
    ]
    assert brief(code("The German chancellor spoke by phone with the Polish prime minister on Friday.", DAY)) == [
        ("CONSULT", ("DEU",), ("POL",), "asserted")
    ]


def test_a_pronoun_in_reported_speech_is_its_reporter(code) -> None:
    # The nearest earlier names (the crew's states) are not who "they" are.
    text = (
        "The tanker had a crew from Ukraine and Georgia. "
        "The Revolutionary Guards said they had seized the tanker in the Gulf on Sunday."
    )
    assert brief(code(text, DAY)) == [("COERCE", ("IRN",), (), "asserted")]


def test_a_definite_act_named_again_points_to_its_author(code) -> None:
    text = (
        "Hungary vetoed the EU's new sanctions package on Monday. "
        "Polish officials called the veto a disgrace."
    )
    assert brief(code(text, DAY)) == [
        ("REJECT", ("HUN",), ("EU",), "asserted"),
        ("ACCUSE", ("POL",), ("HUN",), "asserted"),
    ]


def test_an_unknown_person_takes_the_code_of_the_office_beside_them(code) -> None:
    text = (
        "Dragan Petrovic, Montenegro's deputy interior minister, said the border would stay closed. "
        "Petrovic accused Albania of ignoring smuggling across the frontier."
    )
    assert brief(code(text, DAY)) == [("ACCUSE", ("MNE",), ("ALB",), "asserted")]
    [person] = [a for a in code(text, DAY).actors if a.name == "Dragan Petrovic"]
    assert (person.code, person.sector) == ("MNE", "GOV")
    assert "set beside" in person.resolution.reason


def test_an_expulsion_is_of_the_other_side_never_the_expelling_state(code) -> None:
    text = "Lithuania cut diplomatic ties with Belarus on Friday and ordered its diplomats to leave within 48 hours."
    assert brief(code(text, DAY)) == [
        ("SANCTION", ("LTU",), ("BLR",), "asserted"),
        ("SANCTION", ("LTU",), ("BLR",), "asserted"),
    ]
    # diplomats of states the text does not name: no target rather than a domestic one
    assert brief(code("Nicaragua ordered diplomats from five countries to leave on Monday.", DAY)) == [
        ("SANCTION", ("NIC",), (), "asserted")
    ]


def test_troops_arriving_are_deployed(code) -> None:
    text = "Troops from Italy and Romania began arriving in Kosovo on Tuesday."
    assert brief(code(text, DAY)) == [("MOBILIZE", ("ITA", "ROU"), ("XKX",), "asserted")]


def test_a_capital_opening_a_sentence_acts_for_its_state(code) -> None:
    assert brief(code("Vilnius has accused Minsk of sending migrants across the border.", DAY)) == [
        ("ACCUSE", ("LTU",), ("BLR",), "asserted")
    ]


def test_congo_is_the_one_the_story_is_about(code) -> None:
    text = "Fighting spread around Goma on Monday. Congo recalled its ambassador from Kigali."
    assert brief(code(text, DAY)) == [("SANCTION", ("COD",), ("RWA",), "asserted")]
    assert brief(code("Congo recalled its ambassador from Luanda after talks in Brazzaville.", DAY)) == [
        ("SANCTION", ("COG",), ("AGO",), "asserted")
    ]


def test_a_body_named_again_by_its_head_word(code) -> None:
    text = "The U.N. Security Council met in New York on Sunday. The council demanded that Israel halt its offensive."
    assert brief(code(text, DAY)) == [
        ("CONSULT", ("UN",), (), "asserted"),
        ("REQUEST", ("UN",), ("ISR",), "asserted"),
    ]


def test_police_act_where_the_sentence_puts_them(code) -> None:
    text = (
        "ANKARA, May 16 (actorgraph) - Turkey summoned the Swedish ambassador on Thursday. "
        "In Stockholm, police detained six protesters outside the Turkish embassy."
    )
    assert brief(code(text, DAY)) == [
        ("ACCUSE", ("TUR",), ("SWE",), "asserted"),
        ("COERCE", ("SWE",), ("SWE",), "asserted"),
    ]


def test_the_north_is_the_northern_state_named_before(code) -> None:
    text = "North Korea fired two missiles on Monday. South Korea accused the North of jamming GPS navigation."
    assert brief(code(text, DAY)) == [
        ("MOBILIZE", ("PRK",), (), "asserted"),
        ("ACCUSE", ("KOR",), ("PRK",), "asserted"),
    ]


def test_a_warning_is_a_threat_when_the_warner_could_act(code) -> None:
    assert brief(code("Azerbaijan warned that its troops could cross into Armenia at any moment.", DAY)) == [
        ("THREATEN", ("AZE",), ("ARM",), "asserted")
    ]
    # a forecast about no one's act is no event
    assert brief(code("The World Health Organization warned that the outbreak could spread to Kenya.", DAY)) == []


def test_characterisations_of_approval_and_encouragement(code) -> None:
    assert brief(code("Nigeria called the agreement between Sudan and Chad a breakthrough.", DAY)) == [
        ("SUPPORT", ("NGA",), ("SDN", "TCD"), "asserted")
    ]
    assert brief(code("The U.N. chief encouraged Serbia and Kosovo to keep talking.", DAY)) == [
        ("REQUEST", ("UN",), ("SRB", "XKX"), "asserted")
    ]


def test_former_states_are_coded_as_their_continuators(code) -> None:
    # ISO 3166-1 codes only, as the contract asks: the Soviet Union is continued by Russia
    extraction = code("Canada expelled three Soviet diplomats on Friday.", date(1988, 6, 3))
    assert brief(extraction) == [("SANCTION", ("CAN",), ("RUS",), "asserted")]
    [soviet] = [a for a in extraction.actors if a.name == "Diplomats of Soviet Union"]
    assert "continued by RUS" in soviet.resolution.reason


def test_an_act_announced_to_someone_is_aimed_at_them(code) -> None:
    text = "Ankara told Stockholm on Monday that it would sever diplomatic relations if the protests went on."
    assert brief(code(text, DAY)) == [("THREATEN", ("TUR",), ("SWE",), "asserted")]


def test_a_region_named_by_its_adjective_stands_for_its_state(code) -> None:
    assert brief(code("Crimean Tatar leaders accused Moscow of persecuting activists.", DAY)) == [
        ("ACCUSE", ("UKR",), ("RUS",), "asserted")
    ]


def test_sides_that_clash_fight_one_another(code) -> None:
    assert brief(code("Kyrgyz and Tajik border guards clashed near the frontier on Tuesday.", DAY)) == [
        ("ASSAULT", ("KGZ", "TJK"), ("KGZ", "TJK"), "asserted")
    ]
    # backed by a state is not of it: militias of no named state
    assert brief(code("Iran-backed militias fired rockets at a base in Syria on Friday.", DAY)) == [
        ("ASSAULT", (None,), ("SYR",), "asserted")
    ]


def test_a_border_lies_toward_the_side_it_is_shared_with(code) -> None:
    assert brief(code("Finland sent more border guards to its frontier with Russia on Monday.", DAY)) == [
        ("MOBILIZE", ("FIN",), ("RUS",), "asserted")
    ]


def test_a_counted_group_is_not_one_named_before(code) -> None:
    # "three nationalist groups" are no description of the EU named just before
    text = "The European Union opened accession talks with Albania on Monday. Three nationalist groups rejected the talks."
    assert brief(code(text, DAY)) == [("CONSULT", ("EU",), ("ALB",), "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "Armenia's defence minister said Azerbaijan would pay a heavy price for the shelling.",
        "Azerbaijan would pay a heavy price for the shelling, Armenia's defence minister said.",
        "Armenia's defence minister said Baku would be made to pay a heavy price for the shelling.",
    ],
)
def test_an_announced_reprisal_is_a_threat(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("THREATEN", ("ARM",), ("AZE",), "asserted")]


def test_an_act_hung_on_the_other_side_failing_to_act_is_a_threat(code) -> None:
    text = "Croatia said it would take Slovenia to arbitration unless the fishing dispute was settled by June."
    assert brief(code(text, DAY)) == [("THREATEN", ("HRV",), ("SVN",), "asserted")]
    # a plain conditional offer hangs on nothing the other side withholds: no threat
    assert brief(code("Greece said it would extend the visa scheme for Turkish tourists if demand grew.", DAY)) == []


def test_a_sanction_naming_no_target_is_aimed_at_the_other_side_of_the_story(code) -> None:
    story = "Belarus said Lithuania had let migrants cross illegally. Lithuania blamed Belarus for the surge. "
    assert brief(code(story + "On Tuesday Lithuania imposed new sanctions.", DAY))[-1] == (
        "SANCTION", ("LTU",), ("BLR",), "asserted"
    )
    # alone, or beside two states named as often as each other, the sanction has no guessed target
    assert brief(code("Lithuania imposed new sanctions on Tuesday.", DAY)) == [("SANCTION", ("LTU",), (), "asserted")]
    text = "Latvia and Poland said Lithuania had let migrants cross. On Tuesday Lithuania imposed new sanctions."
    assert brief(code(text, DAY))[-1] == ("SANCTION", ("LTU",), (), "asserted")


def test_a_judged_or_rejected_act_of_no_named_author_is_the_other_sides(code) -> None:
    story = (
        "Japan began releasing treated water from the Fukushima plant on Thursday. "
        "China banned Japanese seafood imports. "
        "Beijing called the discharge selfish and irresponsible. "
        "Japan rejected the criticism."
    )
    assert brief(code(story, DAY)) == [
        ("SANCTION", ("CHN",), ("JPN",), "asserted"),
        ("ACCUSE", ("CHN",), ("JPN",), "asserted"),
        ("REJECT", ("JPN",), ("CHN",), "asserted"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia stopped gas supplies to Bulgaria and Poland on Wednesday.",
        "Russia stopped gas supplies to Bulgaria and Poland on Wednesday, the Polish government said.",
        "Gas supplies to Bulgaria and Poland were stopped by Russia on Wednesday.",
    ],
)
def test_stopping_supplies_to_a_state_sanctions_it(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("SANCTION", ("RUS",), ("BGR", "POL"), "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "Pakistan closed its airspace to all Indian carriers on Thursday.",
        "Pakistan closed its airspace to all Indian carriers on Thursday, officials in Islamabad said.",
        "Its airspace was closed to Indian airlines by Pakistan on Thursday.",
    ],
)
def test_closing_a_frontier_to_another_states_people_sanctions_it(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("SANCTION", ("PAK",), ("IND",), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops from Russia have been stationed in Transnistria since the early 1990s.", []),
        ("Milorad Dodik has been under American sanctions since 2017.", []),
        ("The Serbian government's refusal to recognise Kosovo remains the main obstacle.", []),
        # recent, or an act done again and again, is news
        ("Israel has struck Lebanon repeatedly since Monday.", [("ASSAULT", ("ISR",), ("LBN",), "asserted")]),
        # a position held in a relative clause is background to the act of the main clause
        (
            "Russia, which refuses to recognise Kosovo, condemned the vote in Pristina.",
            [("ACCUSE", ("RUS",), ("XKX",), "asserted")],
        ),
    ],
)
def test_a_state_of_long_standing_is_no_event(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "India and Japan began a naval exercise in the Andaman Sea on Tuesday.",
        "India and Japan began a naval exercise in the Andaman Sea on Tuesday, the Indian navy said.",
        "A naval exercise was begun by India and Japan in the Bay of Bengal on Tuesday.",
    ],
)
def test_drills_held_by_several_states_are_cooperation(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("COOPERATE", ("IND", "JPN"), ("IND", "JPN"), "asserted")]


def test_drills_of_one_state_near_another_are_a_show_of_force(code) -> None:
    assert brief(code("Russia launched naval drills near Japan on Tuesday.", DAY)) == [
        ("MOBILIZE", ("RUS",), ("JPN",), "asserted")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The European Commission freed 10 billion euros of frozen funds for Hungary on Wednesday.",
        "The European Commission freed 10 billion euros of frozen funds for Hungary on Wednesday, officials in Budapest said.",
        "Ten billion euros of frozen funds for Hungary were freed by the European Commission on Wednesday.",
    ],
)
def test_freeing_frozen_money_eases_a_sanction(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("RETREAT", ("EU",), ("HUN",), "asserted")]


def test_what_is_told_in_a_phone_call_is_a_consultation(code) -> None:
    active = "India's foreign minister told his Chinese counterpart in a phone call that the clash had been planned."
    passive = "In a phone call, India's foreign minister was told by his Chinese counterpart that the clash was India's fault."
    assert brief(code(active, DAY)) == [("CONSULT", ("IND",), ("CHN",), "asserted")]
    # the blame told in the call is an accusation besides (as the article gold codes it)
    assert brief(code(passive, DAY)) == [
        ("CONSULT", ("CHN",), ("IND",), "asserted"),
        ("ACCUSE", ("CHN",), ("IND",), "asserted"),
    ]


def test_a_second_act_of_one_subject_is_aimed_where_the_first_was(code) -> None:
    text = "Russia expelled two German diplomats on Monday. Germany condemned the expulsions and reserved the right to respond."
    assert brief(code(text, DAY)) == [
        ("SANCTION", ("RUS",), ("DEU",), "asserted"),
        ("ACCUSE", ("DEU",), ("RUS",), "asserted"),
        ("THREATEN", ("DEU",), ("RUS",), "asserted"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kosovo's prime minister said Serbia was behind the attack.",
        "Serbia was behind the attack, Kosovo's prime minister said.",
        "Kosovo's prime minister said Serbia was responsible for the attack.",
    ],
)
def test_saying_another_is_behind_an_act_accuses_them(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("ACCUSE", ("XKX",), ("SRB",), "asserted")]


def test_court_orders_raids_and_a_dissolved_government_coerce(code) -> None:
    held = "A court in Baku ordered two Russian executives of Sputnik held for four months pending trial."
    assert brief(code(held, DAY)) == [("COERCE", ("AZE",), ("RUS",), "asserted")]
    raid = "BAKU, July 1 - Masked police raided the offices of Sputnik Azerbaijan on Monday."
    assert brief(code(raid, DAY)) == [("COERCE", ("AZE",), ("RUS",), "asserted")]
    # jets raiding are an attack, not a search
    assert brief(code("Israeli jets raided Hezbollah positions in southern Lebanon.", DAY)) == [
        ("ASSAULT", ("ISR",), ("LBN",), "asserted")
    ]
    coup = "The Guinean junta dissolved the government on Sunday."
    assert brief(code(coup, DAY)) == [("COERCE", ("GIN",), ("GIN",), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an announced closure is the decision itself, not a threat
        ("Finland will close its last border crossing with Russia on Thursday.", [("SANCTION", ("FIN",), ("RUS",), "asserted")]),
        ("Finland will close its last border crossing with Russia on Thursday, the interior minister said.", [("SANCTION", ("FIN",), ("RUS",), "asserted")]),
        ("The last border crossing with Russia was closed by Finland on Thursday.", [("SANCTION", ("FIN",), ("RUS",), "asserted")]),
        # hung on what the other side does, through the verb it completes, it is a threat
        (
            "Poland, Lithuania and Latvia might together decide to close their frontiers with Belarus if there were incidents.",
            [("THREATEN", ("POL", "LTU", "LVA"), ("BLR",), "asserted")],
        ),
    ],
)
def test_closing_the_border_with_a_state(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Venezuela was pulling all of its diplomatic staff out of Argentina and Chile.",
        "Venezuela was pulling all of its diplomatic staff out of Argentina and Chile, the foreign minister said.",
        "All of Venezuela's diplomatic staff were pulled out of Argentina and Chile.",
    ],
)
def test_withdrawing_diplomats_out_of_states_sanctions_them(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("SANCTION", ("VEN",), ("ARG", "CHL"), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Latvia declared two Russian diplomats persona non grata on Friday.", [("SANCTION", ("LVA",), ("RUS",), "asserted")]),
        ("Latvia expelled two Russian diplomats on Friday.", [("SANCTION", ("LVA",), ("RUS",), "asserted")]),
    ],
)
def test_the_object_of_a_verbless_small_clause_is_the_target(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Croatian justice ministry said the detainees would never be handed over to Hungary.",
            [("REJECT", ("HRV",), ("HUN",), "asserted")],
        ),
        # an agent named in the passive is the one who refuses, not the reporter
        (
            "The Croatian justice ministry said the detainees would never be handed over to Hungary by Serbia.",
            [("REJECT", ("SRB",), ("HUN",), "asserted")],
        ),
        # an act already done in the passive is no promise: no reporter becomes its author
        ("The Croatian justice ministry said the detainees were handed over to Hungary.", []),
    ],
)
def test_a_refusal_in_the_passive_is_its_announcers(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Greece reinforced its military presence on the islands near Turkey on Monday.",
            [("MOBILIZE", ("GRC",), ("TUR",), "asserted")],
        ),
        ("The president of Colombia signed an amnesty law on Friday.", [("CONCEDE", ("COL",), ("COL",), "asserted")]),
    ],
)
def test_a_noun_event_carried_by_a_verb_the_row_names(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbia asked NATO-led peacekeepers to remove the roadblocks.", [("REQUEST", ("SRB",), ("NATO",), "asserted")]),
        ("Houthi fighters fired missiles at the Saudi-led coalition.", [("ASSAULT", ("YEM",), ("SAU",), "asserted")]),
    ],
)
def test_a_force_acts_for_whoever_leads_it(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protests continued in at least a dozen Iranian cities on Thursday.", [("PROTEST", ("IRN",), ("IRN",), "asserted")]),
        ("Thousands of opposition supporters packed the main square of Tbilisi on Sunday.", [("PROTEST", ("GEO",), ("GEO",), "asserted")]),
        # the police filling a square is no protest
        ("Riot police filled the main square of Tbilisi on Sunday.", []),
    ],
)
def test_crowds_in_the_streets_protest(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a side's own account of what its adversary did to it is also its accusation
        (
            "Hanoi said Chinese coast guard ships had rammed two Vietnamese patrol boats.",
            [("ACCUSE", ("VNM",), ("CHN",), "asserted"), ("ASSAULT", ("CHN",), ("VNM",), "asserted")],
        ),
        # a third party's report, and the wire's trailing attribution, are sourcing only
        (
            "The United Nations said Chinese coast guard ships had rammed two Vietnamese patrol boats.",
            [("ASSAULT", ("CHN",), ("VNM",), "asserted")],
        ),
        (
            "Chinese coast guard ships rammed two Vietnamese patrol boats, Vietnam's navy said.",
            [("ASSAULT", ("CHN",), ("VNM",), "asserted")],
        ),
        # who says it was set in motion from elsewhere names the instigator
        (
            "Georgia's interior minister said the unrest had been masterminded from Moscow.",
            [("ACCUSE", ("GEO",), ("RUS",), "asserted")],
        ),
        ("The summit was organised by the European Union, Germany said.", []),
    ],
)
def test_what_a_side_says_the_other_did_accuses_it(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington called Beijing's manoeuvres provocative.", [("ACCUSE", ("USA",), ("CHN",), "asserted")]),
        ("Ankara was dismayed by the Greek move, a Turkish official said.", [("ACCUSE", ("TUR",), ("GRC",), "asserted")]),
        ("Moscow is deeply disappointed by Finland's decision, the Kremlin said.", [("ACCUSE", ("RUS",), ("FIN",), "asserted")]),
        ("Britain said it was worried about the decision by Serbia.", [("ACCUSE", ("GBR",), ("SRB",), "asserted")]),
    ],
)
def test_stated_dismay_and_name_calling_disapprove(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armenian and Azerbaijani troops clashed on the border. NATO urged both sides to exercise restraint.",
            [("ASSAULT", ("ARM", "AZE"), ("ARM", "AZE"), "asserted"), ("REQUEST", ("NATO",), ("ARM", "AZE"), "asserted")],
        ),
        (
            "Kyrgyz and Tajik border guards exchanged fire. Moscow asked the two capitals to resolve their quarrel.",
            [("ASSAULT", ("KGZ", "TJK"), ("KGZ", "TJK"), "asserted"), ("REQUEST", ("RUS",), ("KGZ", "TJK"), "asserted")],
        ),
        (
            "Colombian police raided the Venezuelan consulate in Cucuta. The OAS reminded both governments of their obligations.",
            [("COERCE", ("COL",), ("VEN",), "asserted"), ("REQUEST", ("OAS",), ("COL", "VEN"), "asserted")],
        ),
    ],
)
def test_the_sides_of_a_quarrel_named_as_both_sides(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a promised concession stays a concession; a promise of access is an agreement
        ("Japan will lift its restrictions on exports to South Korea.", [("CONCEDE", ("JPN",), ("KOR",), "asserted")]),
        ("Seoul will withdraw its complaint against Japan at the World Trade Organization.", [("CONCEDE", ("KOR",), ("JPN",), "asserted")]),
        ("Syria would allow U.N. monitors to return, its foreign minister said.", [("AGREE", ("SYR",), ("UN",), "asserted")]),
        ("Washington granted clemency to five Iranians.", [("CONCEDE", ("USA",), ("IRN",), "asserted")]),
        ("Tokyo expressed deep regret to South Korea for the suffering of the war years.", [("CONCEDE", ("JPN",), ("KOR",), "asserted")]),
    ],
)
def test_concessions_promised_and_made(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


def test_an_actual_prisoner_exchange_is_a_release_and_fire_exchanged_is_fighting(code) -> None:
    assert brief(code("Iran and the United States exchanged prisoners on Monday.", DAY)) == [
        ("RETREAT", ("IRN", "USA"), (), "asserted")
    ]
    assert brief(code("Indian troops exchanged fire with Pakistani soldiers in Kashmir.", DAY)) == [
        ("ASSAULT", ("IND",), ("PAK",), "asserted")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Estonia summoned Russia's charge d'affaires on Monday.", [("ACCUSE", ("EST",), ("RUS",), "asserted")]),
        # no slot names the other side, but the sentence names exactly one: it is the target
        (
            "Estonia summoned the charge d'affaires on Monday over an airspace violation by a Russian jet.",
            [("ACCUSE", ("EST",), ("RUS",), "asserted")],
        ),
        # two candidates: nothing is guessed
        (
            "Estonia summoned the charge d'affaires on Monday over airspace violations by Russian and Belarusian jets.",
            [("ACCUSE", ("EST",), (), "asserted")],
        ),
        # the reporter is never the other side
        (
            "Finland summoned the charge d'affaires on Monday, the Swedish foreign ministry said.",
            [("ACCUSE", ("FIN",), (), "asserted")],
        ),
    ],
)
def test_the_one_other_side_a_sentence_names_is_the_target(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    "text",
    ["Islamist guerrillas ambushed an army convoy near Kidal on Tuesday.", "Gunmen ambushed an army convoy near Kidal on Tuesday."],
)
def test_fighters_no_state_is_named_for_are_coded_where_they_strike(code, text: str) -> None:
    assert brief(code(text, DAY)) == [("ASSAULT", ("MLI",), ("MLI",), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a running toll in the perfect, with no one named for it, tells no attack of its own
        ("Nearly 2,000 people have been killed in Sudan since April.", []),
        # a death told as it happened is coded where it happened
        ("Three soldiers were killed in Donetsk on Monday.", [("ASSAULT", ("UKR",), ("UKR",), "asserted")]),
    ],
)
def test_a_running_toll_is_no_attack(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


def test_a_participle_set_off_by_commas_describes_and_is_no_act(code) -> None:
    assert brief(code("The Bulgarian minister, accused of corruption, resigned on Monday.", DAY)) == [
        ("RETREAT", ("BGR",), (), "asserted")
    ]
    # the same participle with its agent is someone's act
    assert brief(code("The Bulgarian minister, accused of corruption by Romania, resigned on Monday.", DAY)) == [
        ("ACCUSE", ("ROU",), ("BGR",), "asserted"),
        ("RETREAT", ("BGR",), (), "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow has put Estonia on its register of hostile states.", [("SANCTION", ("RUS",), ("EST",), "asserted")]),
        ("Mali, Niger and Burkina Faso said they were quitting ECOWAS.", [("SANCTION", ("MLI", "NER", "BFA"), ("ECOWAS",), "asserted")]),
        ("Mali has broken with France.", [("SANCTION", ("MLI",), ("FRA",), "asserted")]),
        ("Nicaragua exited the Organization of American States last year.", [("SANCTION", ("NIC",), ("OAS",), "asserted")]),
        # "Latin American" names a region, not the United States
        ("Caracas ordered the envoys of five Latin American governments to leave.", [("SANCTION", ("VEN",), (), "asserted")]),
    ],
)
def test_ruptures_and_blacklists(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


def test_a_noun_the_tagger_took_for_a_verb_is_still_read_as_a_noun(code) -> None:
    assert brief(code("North Korean artillery drills near the border entered a second day on Friday.", DAY)) == [
        ("MOBILIZE", ("PRK",), (), "asserted")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("North Korea swore to make Seoul pay a heavy price.", [("THREATEN", ("PRK",), ("KOR",), "asserted")]),
        ("Azerbaijan's president promised a harsh retaliation against Armenia.", [("THREATEN", ("AZE",), ("ARM",), "asserted")]),
        ("London warned Tehran of grave consequences if the vessel was not released.", [("THREATEN", ("GBR",), ("IRN",), "asserted")]),
        # a promise of something good stays an agreement
        ("Japan promised a large aid package to Turkey.", [("AGREE", ("JPN",), ("TUR",), "asserted")]),
    ],
)
def test_a_promise_of_reprisal_is_a_threat(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six Pakistani guards were killed in a firefight with Afghan fighters.", [("ASSAULT", ("AFG",), ("PAK",), "asserted")]),
        (
            "Nine Ethiopian soldiers had been wounded in fighting with Eritrean forces, the army said.",
            [("ASSAULT", ("ERI",), ("ETH",), "asserted")],
        ),
        ("Peruvian police forced their way into the Bolivian consulate in Lima.", [("COERCE", ("PER",), ("BOL",), "asserted")]),
    ],
)
def test_the_side_the_dead_fought_and_a_forced_entry(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # PLOVER: agreeing to forgive a debt is the relief itself; the Paris Club is no French body
        ("The Paris Club agreed to forgive $4 billion of Zambia's debt.", [("AID", ("PARISCLUB",), ("ZMB",), "asserted")]),
        ("The Paris Club agreed to meet Zambia's finance minister.", [("AGREE", ("PARISCLUB",), ("ZMB",), "asserted")]),
        ("Greece dispatched 60 rescue workers to Turkey after the earthquake.", [("AID", ("GRC",), ("TUR",), "asserted")]),
        # money promised is an agreement to aid
        ("The European Union will provide 50 million euros to Moldova.", [("AGREE", ("EU",), ("MDA",), "asserted")]),
    ],
)
def test_aid_and_debt_relief(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Armenia's defence ministry said the shelling was the result of a deliberate decision by Azerbaijan.",
            [("ACCUSE", ("ARM",), ("AZE",), "asserted")],
        ),
        # a good thing's cause is no accusation
        ("The summit was the result of months of work by the EU, Germany said.", []),
    ],
)
def test_naming_who_caused_a_hostile_act_accuses_them(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


def test_a_judgement_of_a_deal_or_of_it_is_aimed_at_whoever_made_it(code) -> None:
    text = (
        "Egypt and Turkey agreed on Monday to restore full diplomatic relations. "
        "The Arab League welcomed the announcement. Jordan and Qatar praised it. "
        "The White House said that it welcomed the deal."
    )
    assert brief(code(text, DAY)) == [
        ("AGREE", ("EGY", "TUR"), ("EGY", "TUR"), "asserted"),
        ("SUPPORT", ("LAS",), ("EGY", "TUR"), "asserted"),
        ("SUPPORT", ("JOR", "QAT"), ("EGY", "TUR"), "asserted"),
        ("SUPPORT", ("USA",), ("EGY", "TUR"), "asserted"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lithuania called in the Belarusian ambassador for explanations.", [("ACCUSE", ("LTU",), ("BLR",), "asserted")]),
        ("Lithuania called in Belarus's ambassador on Monday.", [("ACCUSE", ("LTU",), ("BLR",), "asserted")]),
        # a question put is no request
        ('"What is there to discuss with them?" the Azerbaijani president asked on television.', []),
        ("Azerbaijan asked Turkey to send military advisers.", [("REQUEST", ("AZE",), ("TUR",), "asserted")]),
    ],
)
def test_a_summons_and_a_question(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Russian missile slammed into an apartment block in Dnipro on Saturday.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        ("Hungary slammed the EU's decision on Monday.", [("ACCUSE", ("HUN",), ("EU",), "asserted")]),
    ],
)
def test_slamming_into_a_place_is_an_impact_and_slamming_a_decision_a_rebuke(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Armenia's parliament pulled out of a scheduled meeting with Turkish lawmakers.", [("REJECT", ("ARM",), ("TUR",), "asserted")]),
        ("Serbia postponed talks with Kosovo on Monday.", [("REJECT", ("SRB",), ("XKX",), "asserted")]),
        # PLOVER's gold codes a called-off visit as SANCTION
        ("A Dutch minister cancelled a planned visit to Suriname.", [("SANCTION", ("NLD",), ("SUR",), "asserted")]),
        # pulling troops out of a place is still a withdrawal
        ("Eritrean units started pulling out of several towns in Tigray.", [("RETREAT", ("ERI",), ("ETH",), "asserted")]),
    ],
)
def test_leaving_or_putting_off_a_meeting_rejects_it(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kosovo government will not implement the EU's decision.", [("REJECT", ("XKX",), ("EU",), "asserted")]),
        ("Serbia implemented the agreement with Kosovo on Monday.", [("CONCEDE", ("SRB",), ("XKX",), "asserted")]),
    ],
)
def test_carrying_out_or_refusing_anothers_decision(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lithuania began moving 800 troops closer to the frontier with Belarus.", [("MOBILIZE", ("LTU",), ("BLR",), "asserted")]),
        ("Russian mercenaries moved closer to the Polish border.", [("MOBILIZE", ("RUS",), ("POL",), "asserted")]),
        ("The Philippines sent 12 vessels to the area near the Chinese platform.", [("MOBILIZE", ("PHL",), ("CHN",), "asserted")]),
        ("Burkina Faso teamed up with Russia's Wagner group last year.", [("COOPERATE", ("BFA",), ("RUS",), "asserted")]),
    ],
)
def test_forces_moved_closer_and_partners_teamed_up(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the attack that killed is the killing: its aim is the target where the dead are no one's
        ("A Russian missile strike on the city of Odesa killed nine people.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        ("Nine people were killed by a Russian missile strike on the city of Odesa.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        ("A Russian missile strike on the city of Odesa killed nine people, Ukrainian officials said.", [("ASSAULT", ("RUS",), ("UKR",), "asserted")]),
        # an attack no one is named for is coded where it fell, however deep the place sits
        ("An ambush on an army convoy near Timbuktu killed 14 soldiers.", [("ASSAULT", ("MLI",), ("MLI",), "asserted")]),
        # the victims of force used abroad belong where it struck, not to the striking state
        ("American drones killed six militants in Somalia on Friday.", [("ASSAULT", ("USA",), ("SOM",), "asserted")]),
        ("Turkish police detained 30 protesters in Istanbul.", [("COERCE", ("TUR",), ("TUR",), "asserted")]),
    ],
)
def test_an_attack_named_as_the_killer_and_where_its_victims_belong(code, text: str, expected: list) -> None:
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan police have killed at least 30 people since June, according to a London-based monitor.",
        "According to a London-based monitor, Kenyan police have killed at least 30 people since June.",
        "Kenyan police killed at least 30 people in June, a London-based monitor said.",
        "At least 30 people were killed by Kenyan police in June, according to the London-based group Amnesty International.",
    ],
)
def test_the_source_of_a_report_is_no_side_of_the_act(code, text: str) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == [("ASSAULT", ("KEN",), ("KEN",), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state taken off a list, an exercise or a programme it was part of is cut off
        ("Canada dropped Venezuela from its list of approved trading partners.", [("SANCTION", ("CAN",), ("VEN",), "asserted")]),
        ("Canada dropped Venezuela from its list of approved trading partners, the trade ministry said.", [("SANCTION", ("CAN",), ("VEN",), "asserted")]),
        ("Venezuela was dropped by Canada from its list of approved trading partners.", [("SANCTION", ("CAN",), ("VEN",), "asserted")]),
        ("In return Caracas struck Canada off its own list.", [("SANCTION", ("VEN",), ("CAN",), "asserted")]),
        ("Chile removed Peru from the joint naval exercise.", [("SANCTION", ("CHL",), ("PER",), "asserted")]),
        # what is dropped is no state: lifting a measure is a concession, leaflets are nothing
        ("Canada dropped its sanctions on Venezuela.", [("CONCEDE", ("CAN",), ("VEN",), "asserted")]),
        ("Chilean planes dropped leaflets over the border town.", []),
        # letting a state into a body backs its membership
        ("EU ministers approved Bulgaria's entry into the Schengen zone on Friday.", [("SUPPORT", ("EU",), ("BGR",), "asserted")]),
        ("Bulgaria's entry into the Schengen zone was approved by EU ministers on Friday.", [("SUPPORT", ("EU",), ("BGR",), "asserted")]),
        ("Egypt approved the entry of aid trucks into Gaza.", [("RETREAT", ("EGY",), ("PSE",), "asserted")]),
    ],
)
def test_taken_off_a_list_or_let_into_a_body(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru ordered Chilean military advisers in Lima to leave within a week.", [("SANCTION", ("PER",), ("CHL",), "asserted")]),
        ("Chilean military advisers in Lima were ordered by Peru to leave within a week.", [("SANCTION", ("PER",), ("CHL",), "asserted")]),
        # the means of a reply is the replying side's act, and shares its modal
        ("Lima answered by ordering Chilean diplomats out of Peru.", [("SANCTION", ("PER",), ("CHL",), "asserted")]),
        ("Lima could answer by ordering Chilean diplomats out of Peru.", [("SANCTION", ("PER",), ("CHL",), "hypothetical")]),
    ],
)
def test_envoys_ordered_out_and_the_means_of_a_reply(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a hyphenated noun the tokenizer splits is still the word of the lexicon, trigger whole
        ("Moldova reported a build-up of Russian troops along its frontier with Ukraine.", [("MOBILIZE", ("RUS",), ("UKR",), "asserted")]),
        ("A build-up of Russian troops along its frontier with Ukraine was reported by Moldova.", [("MOBILIZE", ("RUS",), ("UKR",), "asserted")]),
        # forces massed along a border face the state across it, wherever the phrase hangs
        ("Romania deployed 2,000 soldiers on Monday, mostly along its frontier with Ukraine.", [("MOBILIZE", ("ROU",), ("UKR",), "asserted")]),
        ("Romania deployed 2,000 soldiers on Monday, mostly along its frontier with Ukraine, the defence ministry said.", [("MOBILIZE", ("ROU",), ("UKR",), "asserted")]),
        ("Some 2,000 Romanian soldiers were deployed on Monday, mostly along the frontier with Ukraine.", [("MOBILIZE", ("ROU",), ("UKR",), "asserted")]),
    ],
)
def test_a_split_hyphenated_noun_and_forces_along_a_border(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


def test_the_trigger_of_a_hyphenated_noun_is_the_whole_word(code) -> None:  # noqa: ANN001
    [event] = code("Moldova reported a build-up of Russian troops along its frontier with Ukraine.", DAY).events
    assert event.trigger is not None and event.trigger.text == "build-up"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # backing won from someone is that someone's support for the winner
        ("Armenia won the backing of France for its plan.", [("SUPPORT", ("FRA",), ("ARM",), "asserted")]),
        ("Armenia won the backing of France for its plan, the foreign ministry in Yerevan said.", [("SUPPORT", ("FRA",), ("ARM",), "asserted")]),
        ("Portugal will go ahead once it has secured approval from the European Union.", [("SUPPORT", ("EU",), ("PRT",), "asserted")]),
        # a state made a candidate or given candidate status is backed in its bid
        ("EU leaders granted Bosnia candidate status on Thursday.", [("SUPPORT", ("EU",), ("BIH",), "asserted")]),
        ("EU leaders made Bosnia an official candidate for membership.", [("SUPPORT", ("EU",), ("BIH",), "asserted")]),
        # "made no secret" backs no one
        ("Armenia made no secret of its anger.", []),
    ],
)
def test_backing_won_and_candidacy_granted(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # forces sent from named states act for them
        ("Navies from Brazil, Argentina and Chile held joint drills off the coast on Monday.", [("COOPERATE", ("BRA", "ARG", "CHL"), ("BRA", "ARG", "CHL"), "asserted")]),
        ("Navies from Brazil, Argentina and Chile held joint drills off the coast on Monday, the Brazilian navy said.", [("COOPERATE", ("BRA", "ARG", "CHL"), ("BRA", "ARG", "CHL"), "asserted")]),
        ("Joint drills were held off the coast on Monday by navies from Brazil, Argentina and Chile.", [("COOPERATE", ("BRA", "ARG", "CHL"), ("BRA", "ARG", "CHL"), "asserted")]),
    ],
)
def test_forces_from_named_states(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    "text",
    [
        # one state is no "they": the plural possessive points to the states listed before
        "Japan told Estonia, Latvia and Lithuania that Tokyo recognised their independence.",
        "Japan told Estonia, Latvia and Lithuania that their independence was recognised by Tokyo.",
    ],
)
def test_a_plural_possessive_is_not_a_single_states(code, text: str) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == [("SUPPORT", ("JPN",), ("EST", "LVA", "LTU"), "asserted")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state does not threaten itself: with no one else named, the target stays open
        ("Iran warned it would resume enrichment if the sanctions were not lifted.", [("THREATEN", ("IRN",), (), "asserted")]),
        ("Iran would resume enrichment if the sanctions were not lifted, Tehran warned.", [("THREATEN", ("IRN",), (), "asserted")]),
        # its forces may threaten its own people
        ("Bangladeshi police warned they would open fire on anyone defying the curfew.", [("THREATEN", ("BGD",), ("BGD",), "asserted")]),
        ("Iran warned Britain that it would seize more tankers.", [("THREATEN", ("IRN",), ("GBR",), "asserted")]),
    ],
)
def test_a_state_never_threatens_itself(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # closing markets, shops or newspapers restricts the people of the place
        ("The authorities shut seven cattle markets in Niamey on Monday.", [("COERCE", ("NER",), ("NER",), "asserted")]),
        ("Police closed two opposition newspapers in Minsk, the union of journalists said.", [("COERCE", ("BLR",), ("BLR",), "asserted")]),
        ("Two opposition newspapers were closed by police in Minsk.", [("COERCE", ("BLR",), ("BLR",), "asserted")]),
        # closed to another state's goods, a market is a sanction on that state
        ("Belarus closed its market to Polish goods.", [("SANCTION", ("BLR",), ("POL",), "asserted")]),
    ],
)
def test_closing_markets_and_newspapers(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert brief(code(text, DAY)) == expected
