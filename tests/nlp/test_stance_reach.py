"""Stances by class of construction, on wording written for these tests: each test asserts every
stance (holder, polarity) of its sentence."""

from __future__ import annotations

from datetime import date

import pytest

DAY = date(2024, 5, 16)


def held(code, text: str) -> list[tuple[str | None, str]]:  # noqa: ANN001
    return [(s.holder.code, s.polarity) for s in code(text, DAY).stances]


# A position noun with its owner as a possessive, voiced, given or thrown behind something.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Slovakia's opposition to the ammunition plan stalled the talks.", [("SVK", "oppose")]),
        ("Despite Greece's objections to the pipeline route, the consortium went ahead.", [("GRC", "oppose")]),
        ("The vote followed months of Vienna's resistance to the enlargement.", [("AUT", "oppose")]),
        ("Despite Hungary's resistance to the sanctions package, the bloc pressed ahead.", [("HUN", "oppose")]),
        ("Kenya's endorsement of the peace roadmap surprised diplomats.", [("KEN", "support")]),
        ("Pakistan's hostility towards the dam project is well known.", [("PAK", "oppose")]),
        ("Moscow's hostility toward the alliance has deepened, the report said.", [("RUS", "oppose")]),
        ("Warsaw has made no secret of its opposition to the quota system.", [("POL", "oppose")]),
        ("Tokyo restated its opposition to any change to the status quo by force.", [("JPN", "oppose")]),
        ("Rome's backing for the Tunisian loan came with conditions.", [("ITA", "support")]),
        ("Sweden gave its backing to the ammunition plan on Monday.", [("SWE", "support")]),
        ("Egypt threw its weight behind the ceasefire proposal.", [("EGY", "support")]),
    ],
)
def test_positions_named_by_a_noun(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# "against X", "in favour of X", and "for X" after verbs of advocacy; negated, no side.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Finland is against any delay in the accession talks.", [("FIN", "oppose")]),
        ("Romania is firmly in favour of the new grain corridor, its agriculture minister said.", [("ROU", "support")]),
        ("The Danish government is in favor of the new fiscal rules.", [("DNK", "support")]),
        ("Denmark remains against lowering the price cap.", [("DNK", "oppose")]),
        ("Austria came out against the enlargement plan on Tuesday.", [("AUT", "oppose")]),
        ("The Belgian foreign minister came out strongly against the trade accord.", [("BEL", "oppose")]),
        ("Croatia has come out in favour of a common debt instrument.", [("HRV", "support")]),
        ("Bulgaria spoke out against the visa regime on Friday.", [("BGR", "oppose")]),
        ("Lithuania has argued against any easing of the sanctions.", [("LTU", "oppose")]),
        ("Latvia has long argued for tougher sanctions on Minsk.", [("LVA", "support")]),
        ("Peru lobbied for the extension of the fishing moratorium.", [("PER", "support")]),
        ("Georgia's ruling party is not against the referendum, a spokesman said.", [("GEO", "neutral")]),
        ("Ghana was not in favour of the sanctions, officials said.", [("GHA", "neutral")]),
    ],
)
def test_positions_stated_by_a_phrase(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Adjectives of a lasting attitude with the phrase that names what it is toward.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spain is supportive of Morocco's autonomy proposal.", [("ESP", "support")]),
        ("Poland has been critical of the Nord Stream pipeline.", [("POL", "oppose")]),
        ("Bolivia has been highly critical of the free-trade agreement.", [("BOL", "oppose")]),
        ("Kenya remains highly critical of the junta in Niamey.", [("KEN", "oppose")]),
        ("Iran is hostile to any foreign naval presence in the Gulf.", [("IRN", "oppose")]),
        ("Belarus remains hostile toward the alliance.", [("BLR", "oppose")]),
        ("The Slovak government is sympathetic to Moscow, analysts say.", [("SVK", "support")]),
        ("The Moroccan king is favourable to the gas pipeline project.", [("MAR", "support")]),
        ("Uruguay is committed to the Mercosur trade pact, its president said.", [("URY", "support")]),
        ("Ireland remains committed to the Good Friday agreement.", [("IRL", "support")]),
        ("Norway remains averse to joining the bloc.", [("NOR", "oppose")]),
        ("Vietnam is not critical of the deal, its envoy said.", [("VNM", "neutral")]),
    ],
)
def test_positions_stated_by_an_attitude_adjective(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Staying neutral, taking no side (also by refusing to take one), keeping neutrality.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("India remains neutral in the conflict.", [("IND", "neutral")]),
        ("Egypt has stayed neutral in the standoff between the two neighbours.", [("EGY", "neutral")]),
        ("The Swiss government is neutral in the conflict.", [("CHE", "neutral")]),
        ("Oman remained neutral throughout the conflict, diplomats said.", [("OMN", "neutral")]),
        ("Kazakhstan has taken no side in the dispute.", [("KAZ", "neutral")]),
        ("Singapore takes no side in the territorial row.", [("SGP", "neutral")]),
        ("Indonesia has declined to take sides in the dispute.", [("IDN", "neutral")]),
        ("Ankara has refused to take sides in the war.", [("TUR", "neutral")]),
        ("Qatar did not take sides, its foreign ministry said.", [("QAT", "neutral")]),
        ("Ireland has kept its neutrality throughout the war.", [("IRL", "neutral")]),
        ("Turkmenistan reaffirmed its neutrality on Thursday.", [("TKM", "neutral")]),
        ('"We will not take sides," the Indian foreign minister said.', [("IND", "neutral")]),
    ],
)
def test_neutrality_kept_or_stated(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# "we" in what a named speaker says holds the speaker's position.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We oppose any partition of Kosovo," the Serbian president said.', [("SRB", "oppose")]),
        ('"We reject this ultimatum," Venezuela\'s foreign minister said.', [("VEN", "oppose")]),
        ('"We welcome this agreement," the Egyptian foreign minister said.', [("EGY", "support")]),
        ('"We back Moldova\'s European path," the Romanian president said.', [("ROU", "support")]),
        (
            '"We fully support the territorial integrity of Georgia," the Lithuanian foreign minister said.',
            [("LTU", "support")],
        ),
        ('"We oppose the deployment of foreign troops," the Libyan prime minister said.', [("LBY", "oppose")]),
        ('"We do not want to be anyone\'s colony," the Bolivian president said.', [("BOL", "oppose")]),
        ('"We endorse the roadmap," Kenya\'s foreign minister said on Monday.', [("KEN", "support")]),
        ('"We firmly oppose any new tariffs," the Chinese commerce minister said.', [("CHN", "oppose")]),
        ('"We support the two-state solution," the Saudi foreign minister said.', [("SAU", "support")]),
    ],
)
def test_we_is_the_speakers_side(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Verbs of lasting position on a course or thing no actor code names (no event records them).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway has long backed Palestinian statehood.", [("NOR", "support")]),
        ("Japan continues to back the U.N.-led process.", [("JPN", "support")]),
        ("The German chancellor backs the creation of a reconstruction fund.", [("DEU", "support")]),
        ("Australia backs the proposed security pact, the prime minister said.", [("AUS", "support")]),
        ("Chile firmly opposes any privatisation of the copper industry.", [("CHL", "oppose")]),
        ("The Philippines has long opposed any joint development of the reef.", [("PHL", "oppose")]),
        ("Brazil supports a reform of the Security Council, its foreign minister said.", [("BRA", "support")]),
        ("Lebanon opposes the resettlement of refugees on its soil.", [("LBN", "oppose")]),
        ("Canada has consistently supported a negotiated settlement in Cyprus.", [("CAN", "support")]),
        ("The plan is backed by Egypt and Jordan.", [("EGY", "support"), ("JOR", "support")]),
    ],
)
def test_lasting_verbs_on_things_no_code_names(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Taking someone's side, advocating, balking at.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hungary sided with Moscow in the dispute over the pipeline.", [("HUN", "support")]),
        ("Belarus took Russia's side in the standoff.", [("BLR", "support")]),
        ("Kenya is a staunch supporter of the peace process.", [("KEN", "support")]),
        ("Chile has been a strong advocate of the fishing moratorium.", [("CHL", "support")]),
        ("Peru, a vocal critic of the mining ban, voted against it.", [("PER", "oppose")]),
        ("Moldova balked at the gas price increase.", [("MDA", "oppose")]),
        ("Greece bristled at the new Turkish maritime map.", [("GRC", "oppose")]),
        ("Colombia threw its weight behind the Venezuelan opposition's bid.", [("COL", "support")]),
        ("Spain lent its support to the Moroccan proposal.", [("ESP", "support")]),
        ("Qatar threw its support behind the Palestinian bid.", [("QAT", "support")]),
    ],
)
def test_sides_advocates_and_objecting_verbs(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# A negated position states no side, not the opposite one.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Estonia does not oppose the compromise.", [("EST", "neutral")]),
        ("The Spanish government did not object to the merger.", [("ESP", "neutral")]),
        ("Jordan does not support the annexation plan, officials said.", [("JOR", "neutral")]),
        ("Belgium has not endorsed the proposal.", [("BEL", "neutral")]),
        ("Latvia does not back the tariff, its trade minister said.", [("LVA", "neutral")]),
        ("Turkey has no objection to Sweden joining the alliance.", [("TUR", "neutral")]),
        ("Athens raised no objections to the plan, officials said.", [("GRC", "neutral")]),
        ("The Swiss government said it had no objection to the talks.", [("CHE", "neutral")]),
        ('"We do not oppose the deal," the Thai foreign minister said.', [("THA", "neutral")]),
        ("Croatia is not opposed to the border accord, its prime minister said.", [("HRV", "neutral")]),
    ],
)
def test_negated_positions_are_neutral(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Welcoming, in every tense and voice, with any holder shape.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kenya welcomed the truce between the two Sudanese factions.", [("KEN", "support")]),
        ("The Arab League welcomed the deal, its secretary-general said.", [("LAS", "support")]),
        ("The prisoner exchange was welcomed by Turkey and Qatar.", [("TUR", "support"), ("QAT", "support")]),
        ("Brazil's foreign ministry welcomed the ceasefire in Gaza.", [("BRA", "support")]),
        ("The Kazakh president has welcomed the accord, his spokesman said.", [("KAZ", "support")]),
        ("Norway welcomed the decision by the African Union to send monitors.", [("NOR", "support")]),
        ("The accord was warmly welcomed in Ankara and Baku.", []),
        ("Chile's government welcomed the new fisheries pact on Wednesday.", [("CHL", "support")]),
        ("Jordan welcomes any step toward a ceasefire, King Abdullah said.", [("JOR", "support")]),
        ("The Vietnamese foreign ministry welcomed the code of conduct talks.", [("VNM", "support")]),
    ],
)
def test_welcoming_is_support(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Officials of a state hold its position.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Hungarian prime minister opposes the new migration pact.", [("HUN", "oppose")]),
        ("Polish officials have long opposed the Nord Stream pipeline.", [("POL", "oppose")]),
        ("Italy's foreign minister said Rome supports the Tunisian government.", [("ITA", "support")]),
        ("The Turkish defence minister is against the sale of fighter jets to Greece.", [("TUR", "oppose")]),
        ("Greek officials have repeatedly backed Cyprus's position on the talks.", [("GRC", "support")]),
        ("The Egyptian president has been critical of the dam, aides say.", [("EGY", "oppose")]),
        ("The Finnish prime minister came out in favour of the accession.", [("FIN", "support")]),
        ("Ukraine's foreign minister remains opposed to any freeze of the front line.", [("UKR", "oppose")]),
        ("Officials in Warsaw are against the new quota system.", [("POL", "oppose")]),
        ("The Austrian chancellor is supportive of the enlargement, his office said.", [("AUT", "support")]),
    ],
)
def test_officials_hold_their_states_position(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Bids, memberships, accessions and agreements are targets of positions.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Greece supports Albania's accession to the European Union.", [("GRC", "support")]),
        ("France opposes Turkey's membership of the EU.", [("FRA", "oppose")]),
        ("Croatia backs Bosnia's bid to join the bloc.", [("HRV", "support")]),
        ("Russia opposes Finland's NATO membership.", [("RUS", "oppose")]),
        ("Lebanon rejects the maritime border agreement.", [("LBN", "oppose")]),
        ("Portugal is in favour of admitting Ukraine to the bloc.", [("PRT", "support")]),
        ("Serbia has long opposed Kosovo's membership of UNESCO.", [("SRB", "oppose")]),
        ("Spain has been critical of the accession of Kosovo to the Council of Europe.", [("ESP", "oppose")]),
        ("Cyprus objects to Turkey's bid for EU membership, diplomats said.", [("CYP", "oppose")]),
        ("Armenia remains committed to the peace treaty with Azerbaijan.", [("ARM", "support")]),
    ],
)
def test_memberships_and_agreements_as_targets(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Opposing, objecting, rejecting a plan: present, perfect, passive, reported.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara has consistently opposed the creation of a Kurdish state in Syria.", [("TUR", "oppose")]),
        ("Cuba has always rejected the embargo.", [("CUB", "oppose")]),
        ("Slovakia remains opposed to the ammunition initiative.", [("SVK", "oppose")]),
        ("The Netherlands objects to the accession of Bulgaria, officials said.", [("NLD", "oppose")]),
        ("Hungary has objected to the new sanctions package.", [("HUN", "oppose")]),
        ("The new mining law is opposed by Peru's indigenous groups.", [("PER", "oppose")]),
        ("Colombia opposes the proposed border wall.", [("COL", "oppose")]),
        ("Cambodia firmly opposes any militarisation of the Mekong.", [("KHM", "oppose")]),
        ("Mongolia is deeply opposed to the mining ban.", [("MNG", "oppose")]),
        ("Ireland objected to the plan, diplomats said.", [("IRL", "oppose")]),
    ],
)
def test_standing_opposition_and_objection(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# Refusing to back, endorse, sign or join a course opposes it (refusing to comment or to meet does not).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The reform stalled in parliament, where Peru's main opposition party refuses to back it.",
            [("PER", "oppose")],
        ),
        ("Chile refused to back the fishing accord.", [("CHL", "oppose")]),
        ("The Thai government has refused to endorse the roadmap, officials said.", [("THA", "oppose")]),
        ("Kenya refused to join the sanctions on Eritrea.", [("KEN", "oppose")]),
        ("Ghana declined to support the resolution, its envoy said.", [("GHA", "oppose")]),
        ("Poland has refused to sign the migration pact.", [("POL", "oppose")]),
        ("Hungary refuses to back the aid package, diplomats said.", [("HUN", "oppose")]),
        ("The Austrian government declined to endorse the enlargement plan.", [("AUT", "oppose")]),
        ("Slovakia refused to support the ammunition initiative on Friday.", [("SVK", "oppose")]),
        ("Serbia has refused to join the sanctions, Vucic said.", [("SRB", "oppose")]),
    ],
)
def test_refusing_to_back_is_opposing(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# A perfect in a relative clause whose subject is its holder describes a position held ("X, which has condemned ...").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kenyan president, who has criticised the junta, arrived in Niamey.", [("KEN", "oppose")]),
        (
            "Moldovan President Maia Sandu, who has long opposed the Russian troop presence, spoke in Brussels.",
            [("MDA", "oppose")],
        ),
        ("Latvia, which has denounced the pipeline as a threat, summoned the German envoy.", [("LVA", "oppose")]),
        ("Finland, which has condemned the invasion, closed its border crossings.", [("FIN", "oppose")]),
        (
            "The Colombian president, who has criticised the drug policy of Washington, spoke at the summit.",
            [("COL", "oppose")],
        ),
        ("Peru, which has rejected the proposal, left the talks early.", [("PER", "oppose")]),
        ("Ghana, which has criticised the coup, recalled its ambassador from Conakry.", [("GHA", "oppose")]),
        ("Norway, which has welcomed the accord, will host the signing ceremony.", [("NOR", "support")]),
        ("Chile, which has backed the bid, sent its foreign minister to the summit.", [("CHL", "support")]),
        ("Spain, which has condemned the attacks on shipping, sent a frigate to the Red Sea.", [("ESP", "oppose")]),
        # joined to a verb of wanting, the perfect is no complement of it
        (
            "Kenyan President William Ruto, who wants Somalia to join the bloc and has criticised the junta in Niamey,"
            " flew to Abuja.",
            [("KEN", "oppose"), ("KEN", "support")],
        ),
    ],
)
def test_a_perfect_relative_clause_describes_its_holder(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# A judgement a speaker passes on a policy, plan or measure in what it says is its position on it.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The EU said the blockade was illegal.", [("EU", "oppose")]),
        ("Moscow insists the referendum was legitimate.", [("RUS", "support")]),
        ("Kenya said the new levy was unlawful, its trade minister said.", [("KEN", "oppose")]),
        ("Brussels said the tariffs were justified.", [("EU", "support")]),
        ("Ghana's president said the new tax was necessary, his office said.", [("GHA", "support")]),
        ("Lithuania says the transit restrictions are lawful.", [("LTU", "support")]),
        ("Chile said the trade deal was a mistake.", [("CHL", "oppose")]),
        ("The Brazilian foreign minister said the embargo was a violation of international law.", [("BRA", "oppose")]),
        ("Japan believes the export controls are justified.", [("JPN", "support")]),
        ("Vietnam said the fishing ban was illegal and unacceptable.", [("VNM", "oppose")]),
        ("Hungary argues that the migration quotas are unfair.", [("HUN", "oppose")]),
    ],
)
def test_a_judgement_on_a_policy_is_a_position(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# A quote fronted before a verb of telling ("..., the minister told reporters") is what the speaker says.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We support Armenia\'s sovereignty," the French foreign minister told reporters.', [("FRA", "support")]),
        ('"We oppose any new tariffs," the Chilean trade minister told the assembly.', [("CHL", "oppose")]),
        ('"We will not take sides," the Indonesian foreign minister told the newspaper.', [("IDN", "neutral")]),
        ('"We back the peace roadmap," Kenya\'s president told parliament on Tuesday.', [("KEN", "support")]),
        ('"Lima opposes the fishing ban," the Peruvian minister told reporters.', [("PER", "oppose")]),
        ('"Turkey opposes the plan," the Turkish envoy told the council.', [("TUR", "oppose")]),
        ('"Ghana backs the accord," its foreign minister told reporters.', [("GHA", "support")]),
        ('"Nairobi remains neutral," the Kenyan envoy told the council.', [("KEN", "neutral")]),
        ('"Bangkok is against the dam project," the Thai premier told parliament.', [("THA", "oppose")]),
        ('"We are in favour of the truce," the Qatari emir told the broadcaster.', [("QAT", "support")]),
    ],
)
def test_what_a_speaker_tells_is_said(code, text: str, expected: list) -> None:  # noqa: ANN001
    assert held(code, text) == expected


# No position: a forecast, a question, a course asked of someone, help handed over, a position given
# up, one's own words made good, a word that names no attitude, a label on one act.
@pytest.mark.parametrize(
    "text",
    [
        "Analysts expect Kenya to back the peace plan.",
        "Will Egypt back the truce?",
        "Officials wondered whether Chile was against the new quota system.",
        "A Swedish diplomat questioned how committed Hungary was to the accord.",
        "Israel will back its words with action.",
        "A hostile crowd gathered outside the embassy.",
        "The bridge is critical to the supply of the front.",
        "Some 3,000 Kenyan troops were committed to the mission.",
        "The guns fell silent along the border.",
        "The loudspeakers, which had been silent for years, were switched on.",
        "Iran gives financial support to the Houthi movement.",
        "Hungary gave up its objections to the aid package.",
        "The Czech president gave up his opposition to the treaty.",
        "Turkey abandoned its neutrality in 1945.",
        "The Arab League reminded Tunis of its obligation to honour the loan accord.",
        "Brussels has pushed Belgrade to back the border plan.",
        "Uganda backed the arrest of the opposition leader.",
        "The Ethiopian army pushed back the rebels.",
        "Troops backed by tanks moved into the town.",
        "The Ugandan president has expressed doubts about how supportive Kenya is of the deal.",
        "The Iranian embassy described the summons as a hostile gesture.",
        "Japan refused to comment on the report.",
        "Kenya expelled the envoy over the killing of a diplomat, which Nairobi has blamed on Somalia.",
        "Lula, who condemned the coup attempt, flew to Brasilia.",
        "Kenya refused to meet the envoy.",
        # a pronoun that takes up one act labels that act
        "The Ghanaian president called the raid a crime, and Nigeria described it as cowardly.",
        "The president, who has visited Beijing twice, met the Chinese ambassador.",
        # a judgement on one act is a reaction; a negated one says neither
        "Kenya said the raid was illegal.",
        "The minister said the situation was dangerous.",
        "Peru said the fishing ban was not unlawful.",
        "Ecuador said the operation was lawful.",
        # telling someone to take a position asks it of them
        "The envoy told Kenya to back the plan.",
        "Washington told Seoul to oppose the tariffs.",
        # resisting an advance is fighting it
        "Ukrainian forces resisted the Russian advance.",
        "Sudanese army units resisted the paramilitary push on the capital.",
    ],
)
def test_no_position(code, text: str) -> None:  # noqa: ANN001
    assert held(code, text) == []
