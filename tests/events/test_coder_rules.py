"""Rules of the coder added in session 3: complements, particles, voices inside one state."""

from __future__ import annotations


def codes(events, category):
    return [([a.code for a in e.actor], [r.code for r in e.recipient], e.status) for e in events if e.event == category]


def test_a_bare_verb_joined_to_a_complement_belongs_to_the_demand(code_text):
    events = code_text("Cuba demanded that Washington lift the embargo and hand back the naval base.", "2015-03-02")
    assert codes(events, "REQUEST") == [(["CUB"], ["USA"], "reported")]
    assert not codes(events, "RETREAT")  # neither the lifting nor the handing back happened


def test_a_finite_verb_joined_to_a_complement_is_its_own_act(code_text):
    events = code_text("The Croatian minister said Croatia accepted the verdict but urged Serbia to open its archives.", "2015-02-04")
    assert (["HRV"], ["SRB"], "reported") in codes(events, "REQUEST")


def test_a_particle_the_parser_hangs_as_an_adverb(code_text):
    events = code_text("Hungary pushed back Serbian migrants across the frontier.", "2016-07-01")
    assert codes(events, "COERCE") == [(["HUN"], ["SRB"], "reported")]


def test_a_month_is_no_object(code_text):
    # "in March" must not make "called off" the calling off of a march
    events = code_text("Ethiopia called off its offensive against Eritrea in March.", "2000-06-01")
    assert [e.event for e in events] == ["RETREAT"]


def test_a_voice_inside_a_state_addressing_its_own_government(code_text):
    events = code_text("A rebel movement demanded that the Colombian government free its commanders.", "2004-05-01")
    assert codes(events, "REQUEST") == [(["COL"], [], "reported")]
    assert not codes(events, "RETREAT")


def test_an_act_inside_a_dropped_demand_did_not_happen(code_text):
    events = code_text("Kenya dropped its demand that Uganda pay compensation for the fishermen.", "2019-03-01")
    assert [e.event for e in events] == ["CONCEDE"]


def test_drills_near_another_side_show_force(code_text):
    events = code_text("Russia held naval drills off the coast of Norway on Monday.", "2023-05-02")
    assert codes(events, "MOBILIZE") == [(["RUS"], ["NOR"], "reported")]


def test_joint_drills_are_cooperation(code_text):
    events = code_text("Norway held joint naval drills with Denmark on Monday.", "2023-05-02")
    assert codes(events, "COOPERATE") and not codes(events, "MOBILIZE")


def test_force_not_ruled_out_is_a_threat(code_text):
    events = code_text("Colombia did not rule out military action against Venezuela.", "2019-02-10")
    assert codes(events, "THREATEN") == [(["COL"], ["VEN"], "reported")]
    events = code_text("Greece refused to rule out the use of force against Turkey.", "2019-02-10")
    assert codes(events, "THREATEN") == [(["GRC"], ["TUR"], "reported")]


def test_talks_not_ruled_out_are_no_threat(code_text):
    events = code_text("Japan did not rule out talks with China.", "2019-02-10")
    assert not codes(events, "THREATEN")


def test_a_foiled_attack_did_not_happen(code_text):
    events = code_text("Polish police foiled a Russian attack on the railway.", "2024-05-02")
    assert [(e.event, e.status) for e in events] == [("ASSAULT", "negated")]


def test_an_object_said_by_a_pronoun(code_text):
    events = code_text("Kenya imposed an embargo on Somalia in 2019. Nairobi lifted it only in 2022.", "2023-01-01")
    assert [(a, s) for a, _, s in codes(events, "RETREAT")] == [(["KEN"], "reported")]
    events = code_text("Kenya sent troops to Somalia in 2011. Nairobi has not withdrawn them.", "2023-01-01")
    assert codes(events, "RETREAT") and codes(events, "RETREAT")[0][2] == "negated"


def test_a_state_since_a_date_is_dated_by_its_start_unless_negated(code_text):
    events = code_text("Kenya has deployed troops in Somalia since 2011.", "2024-05-02")
    assert [(e.event, e.date) for e in events] == [("MOBILIZE", "2011")]
    events = code_text("Kenya's president has not visited Somalia since 2019.", "2024-05-02")
    assert events and all(e.date != "2019" for e in events)


def test_an_event_named_as_a_time_is_its_own_event(code_text):
    events = code_text("Kenya recalled its ambassador from Uganda three months before the Ugandan invasion of Kenya.", "2024-05-02")
    assert {e.event for e in events} == {"SANCTION", "ASSAULT"}


def test_reviving_a_joint_commission_is_consultation(code_text):
    events = code_text("Kenya and Tanzania revived their joint border commission in 2023.", "2024-05-02")
    assert [e.event for e in events] == ["CONSULT"]


def test_all_options_on_the_table_is_a_threat(code_text):
    events = code_text("Greece said all options were on the table in its dispute with Turkey.", "2024-05-02")
    assert codes(events, "THREATEN") == [(["GRC"], ["TUR"], "reported")]
    events = code_text("Greece said all options for talks with Turkey were under review.", "2024-05-02")
    assert not codes(events, "THREATEN")


def test_out_of_the_question_is_a_rejection(code_text):
    events = code_text("Kenya said that lifting the ban on Somali flights was out of the question.", "2024-05-02")
    assert codes(events, "REJECT") == [(["KEN"], ["SOM"], "reported")]
    events = code_text("Kenya said talks with Somalia were off the table.", "2024-05-02")
    assert [e.event for e in events] == ["REJECT"]


def test_strikes_by_workers_are_protests(code_text):
    events = code_text("A nationwide strike by Greek dock workers against the Chinese owners of the port began on Monday.", "2024-05-02")
    assert codes(events, "PROTEST") == [(["GRC"], ["CHN"], "reported")]
    events = code_text("Chilean dockers began an indefinite strike at the port on Tuesday.", "2024-05-02")
    assert [e.event for e in events] == ["PROTEST"]


def test_figures_of_speech_are_no_material_acts(code_text):
    for text in (
        "The Kenyan president delivered a speech to Uganda's parliament on Tuesday.",
        "Somalia is trying to buy time in its dispute with Kenya.",
        "The Kenyan minister struck a conciliatory tone towards Somalia.",
        "Kenya and Tanzania traded places as Uganda's main trading partner.",
    ):
        assert code_text(text, "2024-05-02") == [], text


def test_talk_about_an_idea_is_still_talk(code_text):
    events = code_text("Kenya and Somalia discussed the idea of a joint patrol in May.", "2024-05-02")
    assert [e.event for e in events] == ["CONSULT"]


def test_striking_a_deal_is_agreement_not_assault(code_text):
    events = code_text("Kenya struck a deal with Ethiopia on electricity exports.", "2024-05-02")
    assert codes(events, "AGREE") == [(["KEN"], ["ETH"], "reported")]


def test_meeting_a_deadline_or_resistance_is_no_meeting(code_text):
    assert not codes(code_text("Ugandan troops met stiff resistance from Kenyan police.", "2024-05-02"), "CONSULT")
    assert not codes(code_text("Kenya met the deadline set by Uganda.", "2024-05-02"), "CONSULT")
    assert codes(code_text("Kenya met Uganda's president in Kampala.", "2024-05-02"), "CONSULT")


def test_force_not_excluded_is_a_threat(code_text):
    events = code_text("Kenya did not exclude military action against al-Shabaab bases in Somalia.", "2024-05-02")
    assert [e.event for e in events] == ["THREATEN"]


def test_the_first_of_them(code_text):
    events = code_text(
        "Kenya and Tanzania agreed on three naval exercises in March. Kenya will hold the first of them with Tanzania's navy in June.",
        "2024-05-02",
    )
    assert ("COOPERATE", "future") in [(e.event, e.status) for e in events]
