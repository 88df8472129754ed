"""Rules added for misreadings, recorded disagreements, revisions, trends, bounds and claimed links.

Each test uses sentences worded like the corpus (or taken from it) and checks one rule; each can fail.
"""
from __future__ import annotations

import datetime as dt

from assistant.types import Evidence
from assistant.verify.compare import compatible, figure_kinds, is_change
from assistant.verify.dates import extract_dates
from assistant.verify.engine import RANKED, decide
from assistant.verify.event_scope import anchor_coverage, name_anchors
from assistant.verify.facets import extract_facets
from assistant.verify.misreading import concept_coverage, misreading
from assistant.verify.quantities import extract_quantities
from assistant.verify.cues import claim_states
from assistant.verify.entailment import polarity_clash
from assistant.verify.stance import MISREADING_OVERLAP, judge_sentence
from assistant.verify.trend import claimed_trend, documented_trend
from tests.verify.helpers import ev, verdict


# --- misreadings the source names -------------------------------------------------------------------------

SURVIVORS = ("The 30,000 survivor estimate is not the number of foreigners who joined ISIS, which UN officials put "
             "at more than 40,000.")


def test_a_claim_repeating_a_rejected_wording_is_misleading():
    assert verdict("UN says 30k foreigners joined isis", [ev(SURVIVORS, sim=0.75)]) == "misleading"


def test_a_rejected_wording_tied_to_a_figure_needs_that_figure():
    # the sentence rejects reading *30,000* as joiners; a claim about 40,000 joiners does not make that misreading
    assert misreading("More than 40,000 foreigners went to join ISIS", SURVIVORS) is None
    assert misreading("30,000 foreigners joined ISIS", SURVIVORS) is not None


def test_quoted_misreport_is_a_misreading():
    text = 'Headlines calling the 2018 range "30,000 ISIS fighters" take the top of the range and drop the qualifiers.'
    found = misreading("The UN said ISIS still had 30,000 fighters in Iraq and Syria in 2018", text)
    assert found is not None and found.overlap == 1.0 and not found.denied


def test_a_wording_the_source_calls_false_contradicts():
    e = [ev("Some press reports wrongly gave 17 jihadist attacks for 2014; 17 is Europol's figure for 2015.")]
    assert verdict("17 jihadist attacks hit the EU in 2014, per Europol", e) == "contradicted"


def test_sharing_only_names_is_no_misreading():
    text = "The claim does not establish who directed the Manchester Arena bombing."
    assert misreading("The Manchester Arena bomb killed 30 people", text) is None


# --- disagreement, revision -------------------------------------------------------------------------------

def test_rival_figure_with_a_recorded_disagreement_is_conflicting():
    e = [ev("TE-SAT 2020 counted 119 terrorist attacks in the EU in 2019.", doc="tesat-2020"),
         ev("TE-SAT 2022 restated earlier years on an EU-only basis, giving 55 attacks in the EU for 2019 in place "
            "of the 119 published in TE-SAT 2020.", doc="tesat-2022", sim=0.7)]
    assert verdict("there were 119 terrorist attacks in the EU in 2019", e) == "conflicting"


def test_a_figure_an_order_of_magnitude_apart_is_no_rival():
    e = [ev("The Brussels bombings of 22 March 2016 killed 32 people, not counting the three bombers.", doc="a"),
         ev("Three bombers died in the Brussels bombings of 22 March 2016; other accounts differ on the toll.",
            doc="b", sim=0.6)]
    assert verdict("The Brussels bombings in March 2016 killed 32 people", e) != "conflicting"


def test_a_figure_a_later_source_revised_is_misleading():
    e = [ev("On 24 April 2019 police put the death toll of the Sri Lanka Easter bombings at 359.", doc="a"),
         ev("On 25 April 2019 the health ministry revised the Sri Lanka Easter bombings toll down to 253.",
            doc="b", sim=0.75)]
    assert verdict("359 people died in the Sri Lanka Easter bombings", e) == "misleading"


# --- trends, bounds, changes ------------------------------------------------------------------------------

def test_trend_direction():
    assert claimed_trend("terrorism deaths worldwide went up in 2015") == ("death", "up")
    assert documented_trend("The index counted 29,376 deaths in 2015, a 10% fall from 2014.", "death") == "down"
    assert documented_trend("It reported a 650% increase in terrorism deaths in OECD countries in 2015.", "death") == "up"
    e = [ev("The Global Terrorism Index 2016 counted 29,376 deaths from terrorism worldwide in 2015, a 10% fall "
            "from 2014.")]
    assert verdict("terrorism deaths worldwide went up in 2015", e) == "contradicted"


def test_a_bound_confirms_only_figures_near_it():
    [at_least] = extract_quantities("at least 5,600 fighters")
    [about] = extract_quantities("about 14,000 fighters")
    [near] = extract_quantities("about 6,000 fighters")
    assert not compatible(about, at_least)
    assert compatible(near, at_least)


def test_minimum_term_is_the_figure_not_a_lower_bound():
    [q] = extract_quantities("Hashem Abedi got a minimum of 25 years")
    [term] = extract_quantities("a minimum term of 55 years")
    assert q.qualifier == "exact" and not compatible(q, term)


def test_a_change_is_not_a_total():
    text = "Iraq and Nigeria together recorded 5,556 fewer terrorism deaths in 2015 than in 2014."
    [q] = extract_quantities(text)
    assert is_change(q, text)
    e = [ev(text)]
    assert verdict("Iraq and Nigeria had 5,556 terrorism deaths between them in 2015", e) == "misleading"


def test_a_count_followed_by_a_year_is_not_a_year_range():
    spans = extract_dates("deaths fell from 168 in 2016 to 81 in 2017")
    assert [(d.start.year, d.end.year) for d in spans] == [(2016, 2016), (2017, 2017)]


# --- links, names, entailment -----------------------------------------------------------------------------

def test_a_rejected_link_contradicts_and_an_unproven_one_misleads():
    rejected = [ev("Public Safety Canada judged the ISIS claim for the Danforth shooting in Toronto to be false.",
                   title="Danforth shooting")]
    assert verdict("ISIS was behind the Danforth shooting in Toronto", rejected) == "contradicted"
    unproven = [ev("The Amaq claim did not establish that ISIS directed the Nice truck attack.", title="Nice attack")]
    assert verdict("ISIS planned the Nice truck attack", unproven) == "misleading"


def test_possessive_and_first_word_names_are_anchors():
    assert "soleimani" in name_anchors("the bombings at Soleimani's memorial", [])
    assert "myanmar" in name_anchors("Myanmar recorded 800 terrorism deaths in 2022", [])
    assert "nobody" not in name_anchors("Nobody claimed the attack", [])


def test_a_claim_naming_what_no_evidence_names_abstains():
    e = [ev("The Global Terrorism Index 2023 counted 6,701 deaths from terrorism worldwide in 2022.")]
    assert verdict("Myanmar recorded 800 terrorism deaths in 2022", e) == "not_enough_evidence"


def test_stating_a_claim_needs_most_of_its_words():
    sentence = "A US military operation in October 2019 resulted in the death of ISIS leader Abu Bakr al-Baghdadi."
    assert concept_coverage("Baghdadi was killed in October 2019", sentence) > concept_coverage(
        "Baghdadi was killed in an area ISIS still controlled after hiding for years in caves", sentence)


def test_a_final_toll_is_not_an_early_figure():
    e = [ev("French officials gave 84 dead for the 14 July 2016 Nice attack on 15 July 2016, and later deaths in "
            "hospital brought the final toll of the Nice attack to 86.", title="Nice truck attack")]
    assert verdict("The Nice truck attack on Bastille Day 2016 killed 86 people", e) == "supported"
    assert verdict("The Nice truck attack on Bastille Day 2016 killed 84 people", e) == "misleading"


def test_a_sentence_pointing_back_is_kept_with_the_one_before():
    from assistant.retrieve.evidence import evidence_units

    text = ("The 2016 figures count Canadian extremist travellers of any group. They are not counts of ISIS "
            "fighters. The returnee figure stayed unchanged.")
    units = [text[s:e] for s, e in evidence_units(text)]
    assert units == ["The 2016 figures count Canadian extremist travellers of any group. They are not counts of ISIS "
                     "fighters.", "The returnee figure stayed unchanged."]


def test_lower_case_months_are_dates_but_may_the_verb_is_not():
    [june] = extract_dates("the westminster bridge attack was in june 2017")
    assert (june.start, june.end, june.text) == (dt.date(2017, 6, 1), dt.date(2017, 6, 30), "june 2017")
    assert [d.granularity for d in extract_dates("ISIS may attack in 2017")] == ["year"]


def test_another_actor_contradicts_even_when_the_claim_names_isis_as_the_loser():
    e = [ev("On 3 November 2017 the Syrian army announced that it had fully retaken the city of Deir ez-Zor from the "
            "Islamic State.", title="Deir ez-Zor"),
         ev("The Deir ez-Zor campaign was separate from the fall of Raqqa: government forces and the US-backed SDF "
            "were racing to take territory east of the Euphrates.", title="Deir ez-Zor", sim=0.7)]
    assert verdict("the US-backed SDF took Deir ez-Zor city back from ISIS in 2017", e) == "contradicted"
    assert verdict("the Syrian army took Deir ez-Zor city back from ISIS in 2017", e) == "supported"


# --- contradictions: denied actors, event dates, peaks, ranks, inflated figures ----------------------------

def test_an_actor_named_only_to_be_denied_contradicts():
    e = [ev("Raqqa was taken by the US-backed SDF with coalition air power, not by the Syrian government.",
            title="The fall of Raqqa")]
    assert verdict("Assad's army liberated Raqqa from ISIS", e) == "contradicted"


def test_not_only_an_actor_does_not_deny_it():
    from assistant.verify.entities import extract_mentions
    from assistant.verify.cues import denied_actors
    text = "The definition covers travel to join any terrorist group, not only ISIS, and ISIS did not end."
    assert denied_actors(text, [m for m in extract_mentions(text) if m.kind == "actor"]) == set()
    text = "The area was controlled by other armed groups rather than by ISIS."
    assert denied_actors(text, [m for m in extract_mentions(text) if m.kind == "actor"]) == {"isis"}


def test_struck_dates_the_attack_itself():
    e = [ev("On Easter Sunday, 21 April 2019, suicide bombers struck three churches and three hotels in Sri Lanka.",
            sim=0.65)]
    assert verdict("The Sri Lanka church bombings happened on Christmas Day 2019", e) == "contradicted"


def test_an_edition_year_does_not_date_the_claim():
    e = [ev("GTI 2024 recorded an increase in terrorism deaths in Israel from 24 in 2022 to 1,210 in 2023.", sim=0.76)]
    assert verdict("GTI 2024 ranked Israel as the second most terrorism-affected country", e) != "contradicted"


def test_a_country_figure_is_not_checked_against_an_eu_total():
    e = [ev("Europol's TE-SAT 2017 classified 13 of the attacks in the EU in 2016 as jihadist.", sim=0.64)]
    assert verdict("Hungary reported five terrorist attacks to Europol in 2016", e) != "contradicted"


def test_another_peak_year_contradicts():
    e = [ev("According to the minister, departures from Belgium to Syria peaked in 2013 (144) and 2014 (134), "
            "fell to 56 in 2015 and to four in 2016.", sim=0.85)]
    assert verdict("departures from Belgium to Syria peaked in 2015", e) == "contradicted"
    assert verdict("departures from Belgium to Syria peaked in 2013", e) != "contradicted"


def test_another_ordinal_for_the_same_noun_contradicts():
    e = [ev("On 3 January 2024 two explosions struck crowds in Kerman, Iran, during a ceremony marking the fourth "
            "anniversary of Soleimani's killing.", sim=0.65)]
    assert verdict("the Kerman bombings happened at a ceremony for the fifth anniversary of Soleimani's death",
                   e) == "contradicted"


def test_an_inflated_figure_does_not_support():
    e = [ev("The Manchester Arena bombing of 22 May 2017 killed 22 people, according to police.", "doc-a", 0.8),
         ev("ISIS claimed the Manchester Arena bombing in a statement inflating the toll to 30 dead and 70 wounded.",
            "doc-b", 0.7)]
    assert verdict("The Manchester Arena bomb killed 30 people", e) == "contradicted"

# --- the same number for a different thing; claims of responsibility; "all" with exceptions -----------------

def test_a_documents_own_context_note_on_its_figure_makes_the_claim_misleading():
    e = [ev("The director said the agencies were running 500 live operations in the UK involving around 3,000 "
            "individuals involved in extremist activity.", doc="spy", sim=0.8),
         ev("Context: The 3,000 figure counts subjects of interest in current UK investigations, not confirmed "
            "terrorists.", doc="spy", sim=0.6)]
    assert verdict("the agency says there are 3,000 terrorists in the UK", e) == "misleading"


def test_a_claim_of_responsibility_is_no_proof_of_direction():
    e = [ev("The Islamic State claimed the Vienna shooting on 3 November 2020 through its Amaq news agency and "
            "published a video in which the gunman pledged allegiance.", sim=0.75)]
    assert verdict("ISIS claimed the 2020 Vienna shooting, so the group planned it", e) == "misleading"
    assert verdict("ISIS was behind the 2020 Vienna shooting", e) != "supported"


def test_a_count_of_several_groups_given_to_one_group_is_misleading():
    e = [ev("The team estimated that more than 13,000 foreign terrorist fighters had joined ISIL and the Al-Nusrah "
            "Front in 2014.", sim=0.8)]
    assert verdict("more than 13,000 foreign fighters had joined ISIS in 2014", e) == "misleading"
    e = [ev("The group calculated in 2015 that between 27,000 and 31,000 people had travelled to join the Islamic "
            "State and other violent extremist groups.", sim=0.8)]
    assert verdict("between 27,000 and 31,000 foreigners had joined ISIS in 2015", e) == "misleading"


def test_people_charged_are_not_people_convicted():
    e = [ev("The report said 12 people had been charged in Canada since 2013 with terrorism travel offences.")]
    assert verdict("12 people have been convicted of terrorism travel offences in Canada since 2013", e) == "misleading"


def test_a_total_since_a_year_is_not_one_years_count():
    e = [ev("The report also said 20 people had been convicted of terrorism offences in Canada since 2002.")]
    assert verdict("Canada convicted 20 people of terrorism offences in 2015", e) == "misleading"


def test_nearly_all_is_an_exception_to_all():
    e = [ev("The foreword said the partners had liberated nearly all of the territory ISIS once held in Iraq and "
            "Syria during 2017.", sim=0.7)]
    assert verdict("ISIS lost all its territory in Iraq and Syria in 2017", e) == "misleading"


def test_a_figure_given_with_an_exception_does_not_support_all():
    e = [ev("All 19 other defendants in the Paris attacks trial were convicted, mostly of terrorism offences; one "
            "was convicted only of a fraud charge.", sim=0.85)]
    assert verdict("all 19 other defendants in the Paris attacks trial were convicted of terrorism offences", e) \
        == "misleading"


def test_a_count_with_foiled_plots_is_not_attacks_carried_out():
    e = [ev("Of the 24 jihadist attacks in the EU in 2018, Europol recorded 16 as foiled plots.", sim=0.8)]
    assert verdict("jihadists carried out 24 attacks in the EU in 2018", e) == "misleading"
    assert verdict("there were 24 jihadist attacks, most of them foiled plots, in the EU in 2018", e) != "misleading"


def test_a_figure_spelled_out_as_more_things_than_the_claim_names():
    e = [ev("Courts in EU member states issued 427 verdicts (convictions and acquittals) for terrorist offences in "
            "2022.", sim=0.8)]
    assert verdict("EU courts handed down 427 terrorism convictions in 2022", e) == "misleading"
    assert verdict("EU courts issued 427 terrorism verdicts, convictions and acquittals, in 2022", e) == "supported"


def test_a_rate_per_head_is_not_an_absolute_number():
    e = [ev("A study found that Belgium had the highest number of foreign fighters in Syria and Iraq per head of "
            "population among EU member states.", sim=0.77)]
    assert verdict("Belgium had the highest number of foreign fighters in the EU", e) == "misleading"
# --- rival figures: which differing figures record a disagreement ----------------------------------------------

def test_two_digit_number_after_to_is_not_a_year_range():
    found = [q.text for q in extract_quantities("deaths in Western Europe fell from 168 in 2016 to 81 in 2017")]
    assert found == ["168", "81"]


def test_bare_figure_after_from_counts_what_the_earlier_figure_counts():
    qs = extract_quantities("67 countries recorded at least one terrorism death in 2017, down from a peak of 79 in 2016.")
    assert [(q.text, q.counted) for q in qs if q.text in ("67", "79")] == [("67", "countries"), ("79", "countries")]


def test_date_after_another_figure_belongs_to_that_figure():
    from assistant.verify.event_scope import quantity_period
    text = "Terrorism deaths in Europe fell by 70% in 2018, to 62 from more than 200 in 2017."
    q = next(q for q in extract_quantities(text) if q.text == "62")
    assert [d.start.year for d in quantity_period(text, q, extract_dates(text))] == [2018]


def test_editions_restating_a_count_conflict():
    e = [ev("The Global Terrorism Index 2017 found that 77 countries recorded at least one terrorism death in 2016.",
            doc="gti-a", sim=0.9),
         ev("According to GTI 2018, 67 countries recorded at least one terrorism death in 2017, down from a peak of 79 "
            "in 2016.", doc="gti-b", sim=0.85)]
    assert verdict("77 countries had at least one terrorism death in 2016", e) == "conflicting"


def test_one_restating_sentence_with_both_figures_conflicts():
    e = [ev("GTI 2023 also restated 2021 attacks as 5,463, compared with 5,226 in GTI 2022.", sim=0.57)]
    assert verdict("there were 5,226 terrorist attacks worldwide in 2021", e) == "conflicting"


def test_eu_and_western_europe_tolls_are_rival_figures_for_europe():
    e = [ev("GTI 2018 reported that terrorism deaths in Western Europe fell from 168 in 2016 to 81 in 2017.",
            doc="gti", sim=0.73),
         ev("Europol's TE-SAT 2018 reported that 68 people died and 844 were injured in terrorist attacks in the EU "
            "in 2017.", doc="tesat", sim=0.7)]
    assert verdict("terrorism killed 81 people in Europe in 2017", e) == "conflicting"


def test_an_edition_year_in_the_claim_is_not_its_period():
    e = [ev("The Global Terrorism Index 2015 ranked Boko Haram as the deadliest terrorist group of 2014, with 6,644 "
            "deaths attributed to it.", doc="gti-2015", sim=0.87),
         ev("The Global Terrorism Index 2016 named ISIL the deadliest terrorist group of 2015, overtaking Boko Haram, "
            "with 6,141 deaths attributed to it.", doc="gti-2016", sim=0.79)]
    assert verdict("GTI 2015 named Boko Haram the deadliest terror group of 2014, with 6,644 deaths", e) == "supported"


def test_another_groups_figure_is_no_rival():
    e = [ev("GTI 2015 attributed 6,073 terrorism deaths in 2014 to the Islamic State (ISIL).", doc="gti-a", sim=0.76),
         ev("GTI 2015 ranked Boko Haram as the deadliest terrorist group of 2014, with 6,644 deaths.", doc="gti-b",
            sim=0.7)]
    assert verdict("ISIS killed 6,073 people in 2014", e) == "supported"


def test_a_figure_for_one_country_is_no_rival_to_a_worldwide_one():
    e = [ev("According to GTI 2017, ISIL was responsible for 9,132 terrorism deaths in 2016.", doc="gti-a", sim=0.8),
         ev("According to GTI 2018, terrorism deaths in Iraq fell from 9,783 in 2016 to 4,271 in 2017.", doc="gti-b",
            sim=0.7)]
    assert verdict("ISIS killed 9,132 people in terror attacks in 2016", e) == "supported"


def test_a_narrower_count_is_no_rival():
    e = [ev("Europol's TE-SAT 2023 counted 28 completed, failed and foiled terrorist attacks in the EU in 2022, "
            "compared with 15 in 2021.", doc="tesat-a", sim=0.67),
         ev("Europol's TE-SAT 2022 recorded eight foiled jihadist attacks in six EU member states in 2021.",
            doc="tesat-b", sim=0.7)]
    assert verdict("only 15 terror attacks (completed, failed and foiled) were recorded in the EU in 2021", e) == "supported"


def test_an_upper_bound_far_from_the_claim_rivals_it_in_the_same_sentence():
    e = [ev("The July 2019 CTC Sentinel update recorded up to 6,577 foreign minors with the Islamic State, compared "
            "with 4,640 in July 2018.", sim=0.7)]
    assert verdict("the number of foreign minors with IS was 4,640", e) == "conflicting"


# --- clause scope, denials and the contradiction threshold (helper patch contradicted2) --------------------

def test_a_trend_in_a_clause_about_another_region_does_not_support():
    e = [ev("The Soufan Group's December 2015 update found that the number of foreign fighters from Western Europe "
            "had more than doubled since June 2014, while the number from North America had stayed relatively "
            "flat.", sim=0.9)]
    claim = "Soufan's 2015 update found the number of foreign fighters from North America had more than doubled"
    assert verdict(claim, e) == "contradicted"
    assert verdict("Soufan's 2015 update found the number of foreign fighters from Western Europe had more than "
                   "doubled", e) != "contradicted"


def test_the_clause_naming_the_event_gives_the_act_to_another_actor():
    e = [ev("Context: The Paris attacks are sometimes confused with the January 2015 Charlie Hebdo attack, which "
            "al-Qaida in the Arabian Peninsula claimed; the November 2015 attacks were claimed by ISIS.", sim=0.78)]
    assert verdict("ISIS claimed the Charlie Hebdo attack", e) == "contradicted"
    assert verdict("al-Qaida in the Arabian Peninsula claimed the Charlie Hebdo attack", e) != "contradicted"


def test_a_negated_agent_or_charge_contradicts():
    e = [ev("Spain's court sentenced three surviving Barcelona cell members to 53, 46 and 8 years for terrorist-organisation and "
            "explosives offences, but not for the 16 murders, because the attackers themselves were all dead.",
            sim=0.7, title="Barcelona and Cambrils attacks trial (Spain)")]
    assert verdict("Spain's court convicted the surviving Barcelona cell members of the 16 murders", e) == "contradicted"


def test_an_account_the_court_rejected_contradicts():
    e = [ev("The Paris court rejected Abdeslam's claim that he had chosen not to detonate his explosive vest and accepted "
            "the prosecution case that the vest had malfunctioned.", sim=0.7, title="Paris attacks trial: Salah Abdeslam")]
    assert misreading("The court accepted Abdeslam's account that he chose not to detonate his vest", e[0].text).denied
    assert verdict("The Paris court accepted Salah Abdeslam's account that he chose not to detonate his explosive "
                   "vest", e) == "contradicted"


def test_a_named_defendant_acquitted_was_not_convicted():
    e = [ev("Two men were convicted only of taking part in the activities of a terrorist group, and the brothers "
            "Smail and Ibrahim Farisi were acquitted by the Brussels jury.", sim=0.6, title="Brussels bombings trial")]
    assert verdict("The Farisi brothers were convicted in the Brussels bombings trial", e) == "contradicted"


def test_a_contradiction_at_the_relevance_floor_decides():
    # a rule that fires at the floor (0.45-0.5) discounts its strength; it still decides when nothing else does
    e = [ev("The raid took place in Idlib, an area then controlled by other armed groups, including Hayat Tahrir "
            "al-Sham, rather than by ISIS.", sim=0.5, title="Death of Baghdadi")]
    assert verdict("Baghdadi was killed in an area ISIS still controlled", e) == "contradicted"


def test_a_feast_day_alone_does_not_name_the_event_for_a_date():
    e = [ev("The Islamic State claimed the Berlin attack on the evening of 20 December 2016 through its Amaq news "
            "agency.", sim=0.55, title="Berlin Christmas market attack")]
    assert verdict("ISIS claimed the 2024 Magdeburg Christmas market attack", e) != "contradicted"


# --- true claims the rules must not flag (helper patch "supported") ---------------------------------------

def test_a_report_year_in_the_claim_dates_no_figure():
    # "TE-SAT 2019" names the report; the claim's figures are for 2018, so 1,004 arrests for 2019 is no rival
    e = [ev("According to TE-SAT 2019, 511 of the 1,056 arrests in the EU in 2018 were related to jihadist terrorism.",
            "te-sat-2019"),
         ev("TE-SAT 2020 reported 1,004 terrorism arrests in the EU for 2019.", "te-sat-2020", sim=0.75)]
    assert verdict("TE-SAT 2019: 1,056 terrorism arrests in the EU in 2018", e) == "supported"
    assert verdict("TE-SAT 2019: 1,056 terrorism arrests in the EU in 2019", e) != "supported"


def stances(claim: str, evidence: list[Evidence]) -> list[str]:
    return [s.stance for s in decide(extract_facets(claim, dt.date(2026, 1, 1)), evidence)[2]]


def test_an_exception_for_another_year_is_none_to_an_all_claim():
    claim = "all 13 terrorism deaths in the EU in 2018 were in jihadist attacks"
    assert stances(claim, [ev("Europol attributed 135 of the 142 deaths of 2016 in the EU to jihadist attacks.")]) \
        == ["neutral"]
    assert stances(claim, [ev("Europol attributed 12 of the 13 deaths of 2018 in the EU to jihadist attacks.")]) \
        == ["misleading"]


def test_a_sentence_stating_the_dated_event_outweighs_one_about_another_date():
    e = [ev("Abu Bakr al-Baghdadi acknowledged the loss of Baghuz in a video released on 29 April 2019 and remained at "
            "large until a US raid in October 2019.", "baghdadi", 0.89),
         ev("Baghdadi's death came seven months after the Islamic State lost its last territory at Baghuz in March 2019.",
            "baghuz", 0.74)]
    assert verdict("Baghdadi acknowledged the loss of Baghuz in a video released at the end of April 2019", e) == "supported"
    # a rank is weighed against other years' ranks: no discount there
    assert RANKED.search("Boko Haram was the deadliest terror group in 2015")


def test_kin_are_family_members():
    text = ("A separate evacuation deal let about 250 ISIS fighters and about 3,500 of their family members leave "
            "Raqqa in October 2017.")
    assert verdict("a deal let about 250 ISIS fighters and 3,500 of their relatives leave Raqqa in October 2017",
                   [ev(text, sim=0.82)]) == "supported"


def test_a_relative_clause_verb_does_not_say_what_a_figure_counts():
    text = ("The report said an estimated 60 Canadian citizens who had travelled abroad for terrorist activity had "
            "returned to Canada by the end of 2018.")
    assert verdict("about 60 Canadian extremist travellers have returned to Canada", [ev(text, sim=0.75)]) == "supported"


def test_a_figure_in_a_rejected_quotation_is_not_the_sources_figure():
    e = [ev("Public Safety Canada's 2016 report said about 60 extremist travellers had returned to Canada.", "ps", 0.88),
         ev('Claims that "60 ISIS fighters returned to Canada" overstate what the Canadian figure measures.', "ctx", 0.6)]
    assert verdict("about 60 extremist travellers have returned to Canada according to Public Safety Canada", e) == "supported"


def test_a_figure_reached_by_rising_is_the_final_one():
    text = ("The death toll of the 11 December 2018 Strasbourg shooting rose from 2 and then 3 in the first days to "
            "5 dead, as wounded victims died.")
    assert verdict("The Strasbourg shooting of December 2018 eventually left 5 people dead", [ev(text)]) == "supported"


def test_an_early_figure_beside_the_final_one_is_no_caveat():
    text = ("The death toll of the 13 November 2015 Paris attacks was first reported as 129; the final count of people "
            "killed in the Paris attacks is 130.")
    assert verdict("The November 2015 Paris attacks killed 130 people", [ev(text)]) == "supported"


def test_a_total_with_the_claims_site_given_only_a_part_is_misleading():
    text = ("The final count of people killed in the Paris attacks is 130, and about 90 of them died at the Bataclan.")
    assert verdict("130 people were killed at the Bataclan", [ev(text)]) == "misleading"
    assert verdict("130 people were killed in the Paris attacks", [ev(text)]) == "supported"


def test_a_claim_that_already_calls_it_false_leaves_out_no_caveat():
    text = ("Canada's 2018 terrorism threat report judged the ISIS claim for the Danforth shooting to be false.")
    assert verdict("Canada's govt said the ISIS claim for the Danforth shooting was fake", [ev(text, sim=0.85)]) == "supported"
    assert claim_states("false claims", "the ISIS claim was fake")
    assert not claim_states("false claims", "ISIS claimed the Danforth shooting")
# --- abstention boundary: what a figure counts, and which event a sentence is about ------------------------

def test_an_adverb_after_the_counted_noun_is_not_part_of_it():
    q = extract_quantities("only about 4,000 foreign fighters ever joined ISIS")[0]
    assert q.counted == "foreign fighters"
    e = [ev("The Soufan Center's report estimated that more than 40,000 foreigners travelled to join the Islamic "
            "State in Syria and Iraq.", sim=0.75)]
    assert verdict("only about 4,000 foreign fighters ever joined ISIS", e) == "contradicted"


def test_a_claim_naming_no_place_or_event_does_not_date_an_event_set_in_a_place():
    e = [ev("Mosul fell to the Islamic State in June 2014, and it was in Mosul's al-Nuri mosque that Abu Bakr "
            "al-Baghdadi proclaimed himself caliph.", sim=0.56)]
    assert verdict("ISIS named a new caliph in 2024", e) == "not_enough_evidence"


def test_money_is_not_compared_with_head_counts():
    from assistant.verify.compare import measure_of
    text = "ISIS had about $100 million left after it lost its caliphate"
    assert measure_of(extract_quantities(text)[0], text) == "money"
    e = [ev("McGurk said that almost 5 million people had been freed from ISIS.", sim=0.7)]
    assert verdict(text, e) == "not_enough_evidence"


def test_a_date_in_a_following_subordinate_clause_does_not_date_the_figure():
    e = [ev("Voronkov told the UN Security Council in August 2019 that ISIL had residual wealth estimated at up to $300 million "
            "at its disposal, despite losing its territory in Syria in March 2019.", sim=0.73)]
    claim = "Voronkov told the Security Council in August 2019 that ISIS still had up to $300 million at its disposal"
    assert verdict(claim, e) == "supported"


def test_a_head_count_of_people_doing_something_else_does_not_contradict():
    e = [ev("OCAM's director told a parliamentary committee in October 2019 that 55 foreign terrorist fighters and "
            "69 children with links to Belgium were in the north-east Syria region.", sim=0.6)]
    assert verdict("Belgium repatriated 10 children from camps in Syria in 2019", e) == "not_enough_evidence"


def test_fighters_who_returned_home_were_foreign_fighters():
    e = [ev("Voronkov told the UN Security Council on 28 November 2017 that at least 5,600 fighters from 33 States had returned "
            "home.", sim=0.81)]
    claim = "Voronkov told the Security Council in November 2017 that about 14,000 foreign fighters had returned home"
    assert verdict(claim, e) == "contradicted"


def test_plain_people_do_not_contradict_a_specific_count():
    e = [ev("The May 2016 ministry figures put about 650 French people in the ranks of jihadist groups in Syria and "
            "Iraq, a little under 250 back in France, and about 175 presumed dead.", sim=0.62)]
    assert verdict("France has about 20,000 people on its terror watchlist", e) == "not_enough_evidence"
# --- recorded disagreements: reporters' places, disputes, rankings, changes between figures -------------

AFP_FOILED = ("According to official figures reported by AFP in February 2018, 20 terrorist attacks were foiled in "
              "France in 2017.")
VRT_FOILED = ("Belgian broadcaster VRT instead reported that 17 attempted attacks were foiled in France in 2017, so the "
              "2017 count differs between sources.")


def test_a_reporting_bodys_country_does_not_make_a_figure_foreign():
    e = [ev(AFP_FOILED, "fr", sim=0.84), ev(VRT_FOILED, "fr", sim=0.65)]
    assert verdict("France foiled 20 terror attacks in 2017", e) == "conflicting"
    assert verdict("France foiled 20 terror attacks in 2017", [ev(AFP_FOILED, "fr", sim=0.84)]) == "supported"


GTI20_TALIBAN = ("The Global Terrorism Index 2020 ranked the Taliban as the deadliest terrorist group of 2019, although "
                 "deaths attributed to the Taliban fell by 18% to 4,990.")
GTI23_CONTEXT = ("Context: GTI 2023 describes 2022 as IS's eighth consecutive year as the deadliest group, but earlier "
                 "editions (GTI 2019 and GTI 2020) ranked the Taliban first for 2018 and 2019; the difference comes from "
                 "the switch to a new database and the reclassification of the Taliban.")


def test_a_sentence_recording_that_sources_disagree_makes_one_side_conflicting():
    claim = "The Taliban were the deadliest terrorist group in 2019"
    assert verdict(claim, [ev(GTI20_TALIBAN, "gti-2020", sim=0.88)]) == "supported"
    assert verdict(claim, [ev(GTI20_TALIBAN, "gti-2020", sim=0.88), ev(GTI23_CONTEXT, "gti-2023", sim=0.51)]) \
        == "conflicting"


GTI16_ISIL = ("The Global Terrorism Index 2016 named ISIL the deadliest terrorist group of 2015, overtaking Boko Haram, "
              "with 6,141 deaths attributed to it in attacks in 252 cities.")
GTI15_BOKO = ("The Global Terrorism Index 2015 ranked Boko Haram as the deadliest terrorist group of 2014, with 6,644 "
              "deaths attributed to it.")


def test_another_group_ranked_first_for_the_year_contradicts_and_another_years_ranking_is_silent():
    assert verdict("Boko Haram was the deadliest terror group in 2015", [ev(GTI16_ISIL, "gti-2016", sim=0.8)]) \
        == "contradicted"
    assert verdict("Boko Haram was the deadliest terror group in 2015", [ev(GTI15_BOKO, "gti-2015", sim=0.85)]) \
        != "contradicted"


def test_sentences_dating_the_act_otherwise_do_not_rival_a_source_that_states_it():
    e = [ev("According to TE-SAT 2023, 16 of the 28 attacks of 2022 were completed, and most completed attacks were "
            "attributed to left-wing and anarchist terrorism.", "tesat-2023", sim=0.69,
            title="Europol TE-SAT 2023: terrorism in the EU in 2022"),
         ev("Europol's TE-SAT 2024 counted 120 terrorist attacks in seven EU member states in 2023: 98 completed, nine "
            "failed and 13 foiled.", "tesat-2024", sim=0.7)]
    claim = "Europol says most of the completed terror attacks in the EU in 2022 were by left-wing and anarchist groups"
    assert verdict(claim, e) == "supported"


def test_a_rise_in_an_earlier_year_does_not_state_the_claimed_rise():
    e = [ev("The Global Terrorism Index 2015 counted 32,685 deaths from terrorism worldwide in 2014, up from 18,111 in "
            "2013, an 80% increase.", "gti-2015", sim=0.86)]
    assert verdict("terrorism deaths worldwide went up in 2015 compared with 2014", e) != "supported"


GTI16_SECOND = "According to GTI 2016, 2015 was nevertheless the second deadliest year on record for terrorism."
GTI22_PEAK = "Because of this change, GTI 2022 treats 2015, not 2014, as the peak year for terrorism deaths."


def test_years_ranked_differently_by_two_editions_conflict():
    e = [ev(GTI16_SECOND, "gti-2016", sim=0.92), ev(GTI22_PEAK, "gti-2022", sim=0.75)]
    assert verdict("2015 was only the second-deadliest year for terrorism on record", e) == "conflicting"
    assert verdict("2015 was the deadliest year for terrorism worldwide", [ev(GTI16_SECOND, "gti-2016", sim=0.85)]) \
        == "contradicted"


def test_a_change_computed_across_figures_counted_on_different_bases_is_misleading():
    e = [ev("EU member states reported 449 arrests on suspicion of terrorism-related offences to Europol for 2020, "
            "compared with 1,004 arrests (including the UK) reported in TE-SAT 2020 for 2019.", "tesat-2021", sim=0.75)]
    assert verdict("EU terrorism arrests collapsed from 1,004 in 2019 to 449 in 2020", e) == "misleading"


def test_a_very_close_sentence_with_the_claims_facets_states_it_in_other_words():
    text = "Jean-Charles Brisard heads the Centre d'analyse du terrorisme, a Paris think tank."
    assert verdict("Jean-Charles Brisard is president of the Centre for the Analysis of Terrorism",
                   [ev(text, sim=0.86, title="Brisard profile")]) == "supported"
    assert verdict("Jean-Charles Brisard is president of the Centre for the Analysis of Terrorism",
                   [ev(text, sim=0.7, title="Brisard profile")]) == "not_enough_evidence"


def test_an_undated_sentence_takes_its_documents_date_from_the_title():
    text = ("Raqqa was taken by the US-backed SDF with coalition air power; Syrian government forces were fighting "
            "ISIS separately further south.")
    claim = "Raqqa was taken from ISIS by the US-backed SDF in October 2017"
    assert verdict(claim, [ev(text, sim=0.84, title="Fall of Raqqa to the SDF, June-October 2017")]) == "supported"
    assert verdict(claim, [ev(text, sim=0.84, title="Fall of Raqqa to the SDF, June 2015")]) != "supported"


def test_a_sentence_negating_a_word_the_claim_asserts_denies_it():
    from assistant.verify.entailment import DENIES, polarity_clash
    text = ("Laborde urged states to separate the large majority of returning foreign fighters, who are not dangerous, "
            "from those who are.")
    claim = "Laborde said that most foreign fighters returning home were dangerous"
    assert polarity_clash(claim, text) == DENIES
    assert verdict(claim, [ev(text, sim=0.7, title="Laborde on returnees, July 2016")]) == "contradicted"
    # an actor after the negator is its object, not what is negated: "did not end ISIS" denies no word about ISIS
    assert polarity_clash("ISIS named a new leader", "His death did not end ISIS, which named a new leader.") == ""
    # a claim that negates is not stated by a sentence with no negation
    assert polarity_clash("Abedi would not have set off his bomb if challenged",
                          "Abedi would probably still have detonated his bomb if challenged") != ""


def test_an_acronym_finds_the_name_written_out():
    from assistant.verify.event_scope import anchor_coverage
    assert anchor_coverage({"gti"}, "The Global Terrorism Index 2024 ranked Burkina Faso first.") == 1.0
    assert anchor_coverage({"sdf"}, "fighters held by the Syrian Democratic Forces") == 1.0
    assert anchor_coverage({"gti"}, "The global terrorism index ranked Burkina Faso first.") == 0.0


def test_names_set_apart_by_other_than_are_not_what_the_sentence_states():
    text = ("The Global Terrorism Index 2024 ranked Burkina Faso as the country most impacted by terrorism, the first "
            "time a country other than Afghanistan or Iraq topped the index.")
    title = "Global Terrorism Index 2024: deaths from terrorism in 2023"
    assert verdict("GTI 2024 ranked Afghanistan as the country most hit by terrorism",
                   [ev(text, sim=0.7, title=title)]) != "supported"
    assert verdict("GTI 2024 put Burkina Faso at the top of the index, the first time a country other than "
                   "Afghanistan or Iraq came first", [ev(text, sim=0.7, title=title)]) == "supported"
# --- a figure's scope: running counts, quoted bounds, another measure ---------------------------------------

def test_a_running_count_that_starts_inside_the_claimed_year_is_misleading():
    s = ("The French Interior Minister said on 13 December 2016 that no fewer than 13 attempted attacks involving more than "
         "30 people had been foiled in France since the Nice attack of 14 July 2016.")
    assert verdict("french police thwarted 13 terror plots in 2016", [ev(s, sim=0.7)]) == "misleading"


def test_a_running_count_since_an_earlier_year_describes_the_period_up_to_its_report():
    from assistant.verify.event_scope import quantity_period
    s = ("Public Safety Canada's 2016 report said that since the start of the Syrian conflict in 2011 more than 36,500 "
         "extremist travellers from over 100 countries had gone to Syria.")
    f = extract_facets(s)
    q = next(q for q in f.quantities if q.value == 36500)
    assert [d.start.year for d in quantity_period(s, q, f.dates)] == [2016]


def test_the_same_number_as_a_bound_quotes_that_figure():
    s = ("Public Safety Canada's 2016 report said that since the start of the Syrian conflict in 2011 more than 36,500 "
         "extremist travellers from over 100 countries had gone to Syria.")
    # the claim repeats the bound's number, but for ISIS fighters rather than extremist travellers of any group
    assert verdict("Canada's 2016 report says 36,500 ISIS fighters went to Syria", [ev(s, sim=0.75)]) == "misleading"


def test_the_claims_number_given_for_another_measure_beside_its_own_is_misleading():
    s = "GTI 2018 counted 59 far-right attacks and 17 far-right deaths in North America and Western Europe in 2017."
    assert verdict("59 people died in far-right attacks in North America and Western Europe in 2017",
                   [ev(s, sim=0.78)]) == "misleading"


# --- figures inside relative clauses, parts of a whole, early tolls noted elsewhere in the document ----------

LONDON_BRIDGE = ("The London Bridge attack of 3 June 2017 killed 8 people and injured 48, according to the inquests "
                 "concluded in 2019.")


def test_a_verb_in_a_relative_clause_before_a_figure_says_what_it_counts():
    # "the attack that killed 8 people": 8 counts deaths, not claims of responsibility
    claim = "ISIS claimed the London Bridge attack that killed 8 people in June 2017"
    q = extract_facets(claim).quantities[0]
    assert "killed" in figure_kinds(claim, q)
    assert verdict(claim, [ev(LONDON_BRIDGE, doc="attack-london-bridge", sim=0.76)]) == "supported"


def test_a_relative_clause_of_an_earlier_noun_does_not_hold_a_later_figure():
    # "who joined ISIS" describes the people, not the 33 countries they went back to
    claim = "at least 5,600 people who joined ISIS went back home to 33 countries"
    q = extract_facets(claim).quantities[1]
    assert q.value == 33 and "joined" not in figure_kinds(claim, q)


def test_a_relative_clause_after_a_figure_still_describes_the_counted_people():
    text = "About 60 citizens who had travelled abroad had returned to Canada."
    q = extract_facets(text).quantities[0]
    assert figure_kinds(text, q) == {"returned"}


def test_the_whole_in_a_part_of_whole_phrase_is_not_what_the_verb_counts():
    claim = "ISIS claimed 5 of the 6 big vehicle attacks in Europe in 2016-2017"
    whole = extract_facets(claim).quantities[1]
    assert whole.value == 6 and figure_kinds(claim, whole) == set()
    grouped = ev("Six deadly vehicle attacks in Europe between July 2016 and August 2017 are often grouped together.",
                 doc="attacks-europe-vehicle", sim=0.61)
    claimed = ev("The Islamic State claimed 5 of the 6 European vehicle attacks of 2016-2017, in each case through "
                 "its Amaq news agency.", doc="attacks-europe-vehicle", sim=0.6)
    assert verdict(claim, [grouped, claimed]) == "supported"


def test_an_early_toll_noted_in_the_document_is_no_caveat_on_its_final_toll():
    final = ev("The death toll of the 13 November 2015 Paris attacks was first reported as 129; the final count of "
               "people killed in the Paris attacks is 130.", doc="attack-paris", sim=0.69)
    note = ev("Context: The Paris attacks are sometimes cited with early tolls (128 or 129).", doc="attack-paris",
              sim=0.66)
    claim = "The November 2015 Paris attacks killed 130 people"
    assert verdict(claim, [final, note]) == "supported"
    # the early toll itself stays misleading
    assert verdict("The November 2015 Paris attacks killed 128 people", [final, note]) == "misleading"


def _stance(claim: str, text: str, ref=dt.date(2026, 1, 1), **kw):
    return judge_sentence(extract_facets(claim, ref), ev(text, **kw), name_anchors(claim, [text])).stance


def test_a_body_of_the_un_is_the_un_not_another_actor():
    claim = "The UN said in July 2019 that surviving foreign fighters could continue the fight"
    text = "The Monitoring Team warned in July 2019 that surviving foreign fighters could continue the fight."
    assert _stance(claim, text) != "contradicts"


def test_the_documents_author_counts_as_named_beside_another_actor():
    # the sentence names al-Qaida only as what the fighters might join; the report's title names its UN author
    claim = "A UN report from July warned that foreign ISIS fighters who survived could continue the fight."
    text = ("The July 2019 report warned that some of the surviving foreign fighters might join al-Qaida or other "
            "terrorist brands that could emerge.")
    assert _stance(claim, text, dt.date(2019, 8, 10), doc="un-mt-24th-report-2019", sim=0.63,
                   title="UN Monitoring Team 24th report (S/2019/570): surviving foreign terrorist fighters") != "contradicts"


def test_the_claims_exact_number_for_another_thing_is_misleading_when_nothing_counts_its_own():
    e = [ev("The Manchester Arena bombing of 22 May 2017 killed 22 people, including children, plus the bomber.",
            doc="attack-manchester", sim=0.87)]
    assert verdict("22 children were killed in the Manchester Arena bombing", e) == "misleading"
    # a near, round figure is no "same number"
    assert verdict("about 20 children were killed in the Manchester Arena bombing", e) != "misleading"


# --- a frame of the same event filled with another name ---------------------------------------------------

def test_the_same_frame_filled_with_another_name_contradicts():
    title = "Death of Abu Bakr al-Baghdadi in a US raid, October 2019"
    e = [ev("The operation was later reported to have been named after Kayla Mueller, a US aid worker held captive "
            "by ISIS.", doc="baghdadi-death", sim=0.67, title=title)]
    assert verdict("The October 2019 operation that killed al-Baghdadi was reportedly named after James Foley.",
                   e) == "contradicted"
    assert verdict("The October 2019 operation that killed al-Baghdadi was reportedly named after Kayla Mueller.",
                   e) != "contradicted"


def test_a_place_swapped_in_the_same_frame_contradicts():
    claim = "In April 2017 Salman Abedi and his brother Hashem flew to Syria together, and only Salman came back."
    text = "The brothers flew to Libya on 15 April 2017; Salman returned alone and carried out the attack."
    assert _stance(claim, text, sim=0.68, title="Hashem Abedi convicted over the Manchester Arena bombing") == "contradicts"


def test_a_wider_region_or_another_name_of_the_same_thing_is_no_swap():
    from assistant.verify.cues import swapped_filler
    assert swapped_filler("107 attacks took place in Britain", "107 attacks took place in Europe") is None
    assert swapped_filler("foreign fighters pledged allegiance to ISIS", "fighters pledged allegiance to ISIL") is None
    # a frame made of generic words ("attacks in") names no slot of its own
    assert swapped_filler("ISIS carried out 50 attacks in Nigeria", "ISIS-inspired attacks in Sri Lanka") is None


# --- the same number for a wider or other group of people -----------------------------------------------

def test_a_count_joining_another_kind_of_people_is_misleading():
    doc = ("Voronkov told the Security Council in August 2019 that an estimated 24,000 to 30,000 foreign terrorist "
           "fighters, together with relatives and associates, were believed to have survived.")
    assert verdict("The UN said in August 2019 that 24,000 to 30,000 foreign fighters had survived.",
                   [ev(doc, sim=0.78)]) == "misleading"


def test_travellers_given_as_fighters_is_misleading_but_fighters_dying_is_not():
    doc = "The December 2018 report said close to 60 Canadian extremist travellers had returned to Canada."
    assert verdict("Close to 60 Canadians came home to Canada after fighting abroad, the 2018 report said.",
                   [ev(doc, sim=0.7)]) == "misleading"
    dead = "Parker said in October 2017 that more than 130 Britons who had travelled to Syria to fight had died."
    assert verdict("More than 130 Britons who went to fight in Syria have been killed, Parker said in 2017.",
                   [ev(dead, sim=0.8)]) == "supported"


def test_all_terrorism_given_as_one_groups_toll_is_misleading():
    doc = "UPI reported that 4,269 deaths in Iraq were attributed to terrorism in 2017."
    assert verdict("In 2017, 4,269 people in Iraq were killed by ISIS.", [ev(doc, sim=0.75)]) == "misleading"
    # a claim that itself counts all terrorism, and gives a part to one strand, is not this misreading
    part = "Europol attributed 135 of the 142 terrorism deaths of 2016 in the EU to jihadist attacks."
    assert verdict("Europol put 135 of the 142 terrorism deaths in the EU in 2016 down to jihadist attacks",
                   [ev(part, sim=0.8)]) == "supported"


def test_a_sentence_initial_common_word_is_no_name():
    sources = ["Unlike earlier reports, it also named right-wing extremism, unlike the 2016 edition."]
    assert "unlike" not in name_anchors("Unlike earlier editions, the Canada report named right-wing extremism",
                                        sources)
    assert "its" not in name_anchors("The committee met in Berlin. Its final report ran to 1,873 pages.", [])
    assert "yesterday" not in name_anchors("Yesterday the prime minister declared victory in Mosul", [])
    assert "berlin" in name_anchors("The committee met in Berlin. Its final report ran to 1,873 pages.", [])


def test_a_date_without_a_year_takes_the_year_the_claim_gave_before():
    dates = extract_dates("The push began on 6 June 2017. Four months later, on 17 October, it ended.",
                          dt.date(2026, 11, 21))
    assert [d.start for d in dates] == [dt.date(2017, 6, 6), dt.date(2017, 10, 17)]
    assert extract_dates("On 17 October the SDF won.", dt.date(2026, 11, 21))[0].start == dt.date(2026, 10, 17)


def test_the_event_names_may_stand_in_another_passage_of_the_same_document():
    claim = "Kujtim Fejzulai was released early from prison in December 2019."
    states = ev("Fejzulai had been released early from prison in December 2019.", doc="vienna", sim=0.7,
                title="Vienna shooting")
    names = ev("On 2 November 2020 Kujtim Fejzulai opened fire in central Vienna.", doc="vienna", sim=0.6,
               title="Vienna shooting")
    assert verdict(claim, [states, names]) == "supported"
    elsewhere = ev("On 2 November 2020 Kujtim Fejzulai opened fire in central Vienna.", doc="other", sim=0.6,
                   title="Vienna shooting")
    assert verdict(claim, [states, elsewhere]) != "supported"


def test_a_sentence_giving_the_other_direction_does_not_state_the_claim():
    e = [ev("Voronkov told the Security Council in August 2020 that threats in non-conflict areas had decreased.",
            title="Voronkov (August 2020)")]
    assert verdict("Voronkov told the Security Council in August 2020 that the threat in non-conflict areas had "
                   "grown", e) != "supported"


# --- a figure for two places given for one of them; a place the sentence leaves to its document -----------

def test_two_places_figure_given_for_one_place_is_misleading():
    doc = ("Brett McGurk said in mid-November 2017 that ISIS had lost about 95 percent of the territory it had "
           "controlled in Iraq and Syria since the coalition formed in 2014.")
    assert verdict("McGurk said in November 2017 that IS had lost 95 percent of its territory in Syria.",
                   [ev(doc, sim=0.75)]) == "misleading"
    # the claim naming both places is the source's own scope
    assert verdict("McGurk said in November 2017 that IS had lost 95 percent of its territory in Iraq and Syria.",
                   [ev(doc, sim=0.8)]) == "supported"


def test_syria_or_iraq_alone_leaves_the_figure_to_the_documents_place():
    doc = ("According to the BfV's June 2019 figures, security agencies had information that more than 110 of the "
           "returnees had taken part in fighting in Syria or Iraq.")
    claim = "More than 110 of the Islamists who came back to Germany had fought in Syria or Iraq, the BfV said in 2019."
    title = "German Islamists who travelled to Syria and Iraq, BfV figures 2019"
    assert verdict(claim, [ev(doc, sim=0.75, title=title)]) != "not_enough_evidence"
    # a document that places the figure nowhere else leaves it unplaced
    assert verdict(claim, [ev(doc, sim=0.75, title="BfV figures 2019")]) == "not_enough_evidence"


# --- a detail of a figure changed: direction, unit, one figure of several ----------------------------------

def test_a_change_of_the_right_size_in_the_other_direction_contradicts():
    e = [ev("According to GTI 2023, the number of terrorist attacks fell by almost 28%, from 5,463 in 2021 to "
            "3,955 in 2022.", doc="gti-2023")]
    assert verdict("The number of terrorist attacks worldwide went up by almost 28% in 2022.", e) == "contradicted"
    assert verdict("The number of terrorist attacks worldwide dropped by almost 28% in 2022.", e) == "supported"


def test_figure_direction_reads_the_words_next_to_the_figure():
    from assistant.verify.trend import figure_direction
    for text, figure, way in [("fighters rose by 71 percent between 2014 and 2015", "71 percent", "up"),
                              ("a 650% increase in deaths", "650%", "up"),
                              ("the pool shrank by 71 per cent", "71 per cent", "down"),
                              ("up to 52,808 fighters", "52,808", "")]:
        start = text.index(figure)
        assert figure_direction(text, start, start + len(figure)) == way, text


def test_a_length_in_other_units_is_compared_in_metres():
    from assistant.verify.lengths import distances
    assert distances("drove about 5km down the street") == [5000.0]
    assert distances("about 500 metres down the street") == [500.0]
    assert distances("a $5m budget") == []
    e = [ev("On 7 April 2017 Rakhmat Akilov hijacked a beer lorry in Stockholm and drove it about 500 metres down "
            "Drottninggatan before crashing.", doc="stockholm")]
    assert verdict("Akilov drove the stolen beer lorry about 5km down Drottninggatan in Stockholm", e) == "contradicted"


def test_one_figure_confirmed_and_another_given_otherwise_contradicts():
    e = [ev("On Easter Sunday, 21 April 2019, suicide bombers in Sri Lanka struck three churches and three Colombo "
            "hotels.", doc="sri-lanka")]
    assert verdict("The Easter Sunday suicide bombers in Sri Lanka hit four churches and three hotels.", e) == "contradicted"
    assert verdict("The Easter Sunday suicide bombers in Sri Lanka hit three churches and three hotels.", e) == "supported"


# --- wordings the claim reports, event nouns, synonyms, demonyms, negation in other words ---------------------

def test_a_wording_the_claim_itself_quotes_or_rejects_is_no_misreading():
    sentence = ('The Islamic State\'s Amaq news agency claimed the Danforth shooting on 25 July 2018, calling '
                'Hussain a "soldier of the Islamic State".')
    assert misreading("Amaq claimed the Danforth shooting, describing the gunman as a 'soldier of the Islamic "
                      "State'.", sentence) is None
    rejected = ("Most of the posters came from the Wafa' Media Foundation, a pro-ISIS media unit run by supporters, "
                "which is not one of the group's official media outlets.")
    weak = misreading("The posters came from a pro-IS media unit rather than one of the group's official outlets.",
                      rejected)
    assert weak is None or weak.overlap < MISREADING_OVERLAP
    assert misreading("The posters came from one of the group's official media outlets.", rejected) is not None


def test_an_event_noun_after_a_determiner_asserts_no_act():
    assert "killed" not in {k for k, *_ in extract_facets("The massacre at the concert hall was claimed by ISIS.").predicates}
    assert "killed" in {k for k, *_ in extract_facets("Gunmen massacred 140 people at the concert hall.").predicates}
    assert "killed" in {k for k, *_ in extract_facets("ISIS claimed the massacre of 359 Christians.").predicates}
    assert not extract_facets("The evacuation deal, which was struck to end the fighting.").predicates


def test_synonyms_count_towards_the_claims_words():
    assert concept_coverage("Baghdadi hailed the bombings as payback", "Baghdadi praised the bombings as revenge") == 1.0


def test_a_demonym_is_found_by_its_place_name():
    assert anchor_coverage({"lankan"}, "the Sri Lanka Easter attacks") == 1.0
    assert anchor_coverage({"iraqi"}, "forces in Iraq") == 1.0


def test_negation_in_other_words_states_a_negated_claim():
    e = [ev("Unlike earlier reports, the December 2017 report on the terrorist threat to Canada also named "
            "right-wing extremism.", sim=0.7)]
    assert verdict("Canada's December 2017 terrorist threat report named right-wing extremism, something earlier "
                   "editions had not done.", e) == "supported"
    assert polarity_clash("No hostages were freed under the deal", "hostages were not released under the deal") == ""


def test_claimed_n_lives_is_a_toll_not_a_claim_of_responsibility():
    from assistant.verify.entities import extract_predicates
    assert [p[0] for p in extract_predicates("terror attacks in Europe claimed 13 lives in 2018")] == ["killed"]
    assert [p[0] for p in extract_predicates("ISIS claimed the attack the same day")] == ["claimed"]


def test_an_eu_count_and_a_europe_count_far_apart_are_rival_definitions():
    e = [ev("Europol's TE-SAT 2019 reported that 13 people died in terrorist attacks in the EU in 2018.",
            doc="tesat", sim=0.76),
         ev("The Global Terrorism Index 2019 found that terrorism deaths in Europe fell by 70% in 2018, to 62.",
            doc="gti", sim=0.7)]
    assert verdict("terror attacks in Europe claimed just 13 lives in 2018", e) == "conflicting"
    # one document's two figures for one region are no rival definitions
    e = [ev("Europol's TE-SAT 2019 reported that 13 people died and 53 were injured in attacks in the EU in 2018.",
            doc="tesat", sim=0.76)]
    assert verdict("13 people died in terrorist attacks in the EU in 2018", e) == "supported"


def test_a_qualified_figure_put_down_to_the_edition_is_conflicting():
    e = [ev("The Global Terrorism Index 2015 counted 32,685 deaths from terrorism worldwide in 2014.", doc="gti-2015"),
         ev("Context: IEP later revised its 2014 total: GTI 2016 implied about 32,765 deaths for 2014, and GTI 2019 "
            "gave 33,555, so the peak year figure depends on the edition quoted.", doc="gti-2015", sim=0.67)]
    assert verdict("IEP's number for terrorism deaths in 2014 is 32,765", e) == "conflicting"
    # the same note without a counting basis stays a correction
    e[1] = ev("Context: IEP later revised its 2014 total: GTI 2016 implied about 32,765 deaths for 2014, and GTI "
              "2019 gave 33,555.", doc="gti-2015", sim=0.67)
    assert verdict("IEP's number for terrorism deaths in 2014 is 32,765", e) == "misleading"


# --- a nationality or a leader swapped in the same statement ---------------------------------------------

def test_another_nationality_before_the_same_noun_contradicts():
    claim = "A few days after the market attack in Berlin the attacker was shot dead by German police."
    text = "The attacker escaped to Italy and was shot dead by Italian police near Milan on 23 December 2016."
    assert _stance(claim, text, sim=0.66, title="Berlin Christmas market truck attack, 19 December 2016") == "contradicts"


def test_a_possessive_or_the_same_nationality_is_no_swap():
    from assistant.verify.cues import swapped_filler
    # "Austria's rate" and "Belgium's rate" are two rates, not two values of one
    assert swapped_filler("Austria's rate was 30 per million", "Belgium's rate was 41 per million") is None
    assert swapped_filler("a 25-year-old Syrian asylum seeker", "a 26-year-old Syrian asylum seeker") is None
    assert swapped_filler("a Syrian asylum seeker", "an Afghan asylum seeker") == ("Syrian", "Afghan")
    # a place's own name before a noun names an event, not a nationality
    assert swapped_filler("The Nice truck attack killed 86", "The Stockholm truck attack killed 5") is None


def test_another_place_ranked_first_in_the_same_measure_contradicts():
    from assistant.verify.cues import swapped_filler
    claim = "Nigeria saw the sharpest rise in terrorism of any country in 2019, per the 2020 Global Terrorism Index."
    text = "The Global Terrorism Index 2020 reported that Burkina Faso had the largest increase in terrorism in 2019."
    assert swapped_filler(claim, text) == ("Nigeria", "Burkina Faso")
    # a place ranked second, or one of several, is not ranked first
    assert swapped_filler("GTI 2024 ranked Israel the second most affected country in 2023",
                          "Burkina Faso was the most affected country in 2023") is None
    assert swapped_filler(claim, "Iraq was one of the five most affected countries, with the largest increase "
                                 "in terrorism in 2019") is None


# --- a claim's number given inside a word ---------------------------------------------------------------------

RASHID = ("Husnain Rashid, a 32-year-old unemployed web designer from Nelson, Lancashire, ran a prolific "
          "pro-Islamic State channel on Telegram.")


def test_an_age_given_inside_a_word_lets_the_sentence_state_the_claim():
    claim = "Husnain Rashid, 32, a jobless web designer from Nelson in Lancashire, ran a pro-Islamic State channel on Telegram."
    assert verdict(claim, [ev(RASHID, sim=0.66)]) == "supported"


def test_a_number_inside_a_date_or_without_its_unit_of_time_is_not_the_claims():
    from assistant.verify.figure_checks import number_in as _number_in
    claim = "Omar Mateen held hostages for around 12 hours."
    q = extract_quantities(claim)[0]
    dated = "In the early hours of 12 June 2016, Omar Mateen held hostages for about three hours."
    assert not _number_in(claim, q, dated, extract_facets(dated).dates)
    text = "after a four-month battle"
    claim = "four months later"
    assert _number_in(claim, extract_quantities(claim)[0], text, ())


# --- the claim's number is its source's count of something else, said elsewhere; conclusions drawn ------------

def test_the_number_of_another_count_in_the_document_is_misleading():
    e = [ev("Five victims died as a result of the 22 March 2017 Westminster attack, according to the 2018 inquests.",
            doc="westminster", sim=0.68),
         ev("The Guardian reported in October 2018 that the Westminster attacker also seriously injured 29 other "
            "people.", doc="westminster", sim=0.74)]
    assert verdict("The 2017 Westminster attack claimed 29 lives.", e) == "misleading"
    # without that other count the document simply gives another toll
    assert verdict("The 2017 Westminster attack claimed 29 lives.", e[:1]) == "contradicted"


def test_a_less_similar_sentence_of_the_document_can_show_the_other_count():
    e = [ev("The Stockholm truck attack of 7 April 2017 killed 5 people, according to the court.", doc="sthlm",
            sim=0.61),
         ev("On 7 June 2018 the Stockholm District Court convicted Akilov of terrorist crimes by five murders and of attempted "
            "terrorist murder of 119 people.", doc="sthlm", sim=0.34)]
    assert verdict("119 people were killed when a hijacked beer truck ploughed down Drottninggatan in Stockholm.",
                   e) == "misleading"


def test_attempted_murders_are_no_deaths_and_a_report_date_bounds_its_figure():
    from assistant.verify.compare import measure_of
    from assistant.verify.event_scope import quantity_period
    text = "the court convicted him of attempted terrorist murder of 119 people"
    q = extract_quantities(text)[0]
    assert measure_of(q, text) == "attempts"
    text = "The Guardian reported in October 2018 that the attacker also injured 29 other people."
    q = [q for q in extract_quantities(text) if q.value == 29][0]
    (period,) = quantity_period(text, q, extract_dates(text))
    assert period.start < dt.date(2017, 1, 1) and period.end.year == 2018


def test_the_base_year_of_a_change_is_not_its_period():
    e = [ev("The Global Terrorism Index 2023 counted 6,701 deaths from terrorism worldwide in 2022, a 9% fall "
            "from 2021.", doc="gti-2023")]
    assert verdict("Global terrorism deaths dropped 9% in 2022", e) == "supported"


def test_a_conclusion_drawn_from_a_true_premise_is_misleading():
    e = [ev("The Global Terrorism Index 2023 counted 6,701 deaths from terrorism worldwide in 2022, a 9% fall "
            "from 2021.", doc="gti-2023")]
    assert verdict("Deaths from terrorism fell 9% in 2022. The trend is clear: terrorism is on its way out.",
                   e) == "misleading"
    assert verdict("Global terrorism deaths dropped 9% in 2022, and that is mostly because attacks stopped.",
                   e) == "misleading"


def test_people_named_without_a_word_of_dying_are_no_death_toll():
    e = [ev("Around 100,000 civilians were believed trapped in the government-held parts of Deir ez-Zor, DW "
            "reported in September 2017.", doc="dez")]
    assert verdict("100,000 civilians died in Deir ez-Zor during the siege.", e) == "misleading"
    assert verdict("Around 100,000 civilians were trapped in Deir ez-Zor during the siege", e) == "supported"


def test_a_count_that_takes_in_uncompleted_attacks_is_not_attacks_carried_out():
    e = [ev("Europol's TE-SAT 2024 counted 14 jihadist terrorist attacks in the EU in 2023, of which five were "
            "completed.", doc="tesat-2024")]
    assert verdict("In 2023 jihadists struck 14 times inside the EU, according to Europol", e) == "misleading"


def test_what_the_claim_says_of_a_whole_the_source_says_of_part():
    e = [ev("Six of the 20 defendants were tried in absentia, and five of the six are presumed to have been "
            "killed in Syria or Iraq.", doc="paris-trial")]
    assert verdict("Six of the Paris attacks trial defendants are presumed to have died in Syria or Iraq.",
                   e) == "misleading"


def test_a_figure_set_against_another_is_not_the_source_s_own():
    from assistant.verify.cues import rejected_quote
    text = "the convoy carried about 250 fighters, much more than the few dozen fighters the SDF had said"
    qs = extract_quantities(text)
    assert [rejected_quote(text, q) for q in qs] == [False, True]


def test_a_figure_for_outside_the_claims_place_counts_another_thing():
    e = [ev("TE-SAT 2020 also noted that 17 civilians from EU member states were killed outside the EU in the Sri "
            "Lanka Easter attacks of 21 April 2019.", doc="tesat-2020")]
    assert verdict("17 people were killed by terrorists in the EU in 2019", e) == "misleading"
    # a claim about the place outside it is stated
    assert verdict("Seventeen civilians from EU countries died in Sri Lanka's 2019 Easter bombings", e) == "supported"


def test_figures_answering_different_claimed_figures_are_no_rivals():
    # "five attacks" meets "five attacks"; a 5-victim toll in another document is no rival value for it
    e = [ev("According to the Home Secretary, five terrorist attacks in London and Manchester in 2017 killed 36 people.",
            "uk-contest", sim=0.9),
         ev("Six deadly vehicle attacks are often grouped together: Berlin (12 dead), London Westminster "
            "(22 March 2017, 5 victims dead).", "vehicle-attacks", sim=0.6)]
    assert verdict("Britain's five terror attacks of 2017 in London and Manchester killed 36 people", e) == "supported"


def test_a_count_for_another_year_is_no_rival():
    e = [ev("The foreword of TE-SAT 2019 states that jihadists carried out seven attacks in the EU in 2018, compared "
            "with ten in 2017.", "tesat-2019", sim=0.8)]
    assert verdict("jihadists carried out ten attacks in the EU in 2017", e) == "supported"


def test_a_value_a_year_earlier_is_no_rival():
    e = [ev("The July 2019 update recorded up to 8,202 returnees, compared with 7,366 a year earlier.", "ctc", sim=0.8)]
    assert verdict("the 2019 update counted up to 8,202 IS returnees", e) == "supported"


def test_coordinated_figures_share_the_direction_after_them():
    from assistant.verify.trend import figure_direction
    text = "The 23 percent and 27 percent declines are global statistics."
    assert figure_direction(text, 4, 14) == "down"


def test_a_figure_given_for_one_claimed_figure_does_not_contradict_the_next():
    e = [ev("Europol's TE-SAT 2023 reported 380 arrests for terrorism-related offences in the EU in 2022, compared with "
            "388 in 2021.", "tesat-2023", sim=0.8)]
    assert verdict("police in the EU made 388 terror arrests in 2021, and 260 of them came out of jihadist "
                   "investigations", e) != "contradicted"
    assert extract_quantities("388 terror arrests last year")[0].counted_head == "arrest"
