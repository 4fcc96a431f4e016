"""Status: a recommendation, wish, condition or proposal is never `reported`."""

from __future__ import annotations

import pytest


def statuses(code_text, text, published="2024-05-20"):
    return [(e.event, e.status) for e in code_text(text, published)]


@pytest.mark.parametrize(
    "text,status",
    [
        ("Kenya and Uganda signed a rail agreement on Monday.", "reported"),
        ("Kenya and Uganda can sign a rail agreement.", "hypothetical"),
        ("Kenya and Uganda could sign a rail agreement.", "hypothetical"),
        ("Kenya and Uganda should sign a rail agreement.", "hypothetical"),
        ("Kenya and Uganda must sign a rail agreement.", "hypothetical"),
        ("Kenya and Uganda need to sign a rail agreement.", "hypothetical"),
        ("Kenya and Uganda might sign a rail agreement.", "hypothetical"),
        ("If prices fall, Kenya and Uganda will sign a rail agreement.", "hypothetical"),
        ("Analysts proposed that Kenya and Uganda sign a rail agreement.", "hypothetical"),
        ("Kenya and Uganda hope to sign a rail agreement.", "hypothetical"),
        ("Will Kenya and Uganda sign a rail agreement?", "hypothetical"),
        ("Kenya and Uganda will sign a rail agreement next week.", "future"),
        ("Kenya and Uganda plan to sign a rail agreement.", "future"),
        ("Kenya and Uganda are expected to sign a rail agreement.", "future"),
        ("Kenya's president will visit Uganda in July.", "future"),
        ("Kenya and Uganda did not sign a rail agreement.", "negated"),
        ("Kenya and Uganda never signed a rail agreement.", "negated"),
        ("Kenya refused to sign a rail agreement with Uganda.", "reported"),  # the refusal happened
        # necessity, advice and exhortation: none of these has happened
        ("It is essential that Kenya and Uganda sign a rail agreement.", "hypothetical"),
        ("It is time for Kenya and Uganda to sign a rail agreement.", "hypothetical"),
        ("The sensible course is for Kenya to sign a rail agreement with Uganda.", "hypothetical"),
        ("The plan calls for Kenya to sign a rail agreement with Uganda.", "hypothetical"),
        ("Kenya ought to sign a rail agreement with Uganda.", "hypothetical"),
        ("Kenya has to sign a rail agreement with Uganda.", "hypothetical"),
        ("Let Kenya and Uganda sign a rail agreement, the paper urged.", "hypothetical"),
        ("Kenya and Uganda are likely to sign a rail agreement.", "future"),
        ("Kenya is not about to sign a rail agreement with Uganda.", "negated"),
        ("Kenya had to sign a rail agreement with Uganda after the floods.", "reported"),
        ("Talks between Kenya and Uganda remain a distant prospect.", "hypothetical"),
        ("Kenya and Uganda will sign a rail agreement if prices fall.", "hypothetical"),
        ("Talks between Kenya and Uganda are the way forward.", "hypothetical"),
        ("A loan from the bank could see Kenya sign a rail agreement with Uganda.", "hypothetical"),
        # session 3: needs, courses of action, ideas, terms of a document, schedules
        ("Kenya hopes to sign a rail agreement with Uganda.", "hypothetical"),  # "hopes" → "hop"
        ("More cooperation between Kenya and Uganda is required.", "hypothetical"),
        ("Normalisation of relations between Kenya and Somalia remains possible.", "hypothetical"),
        ("The first step is a meeting between the Kenyan and Ugandan ministers.", "hypothetical"),
        ("What Uganda needs is more aid from Kenya.", "hypothetical"),
        ("The draft provides for the withdrawal of Kenyan troops from Somalia.", "hypothetical"),
        ("Kenya has floated the idea of a summit with Uganda.", "hypothetical"),
        ("A Kenyan loan to Uganda remains under consideration.", "hypothetical"),
        ("Kenya and Somalia deserve a lasting ceasefire.", "hypothetical"),
        ("The Kenyan president is due in Kampala next week for talks.", "future"),
        ("Talks between Kenya and Uganda are set for March.", "future"),
        ("The first step was a meeting between the Kenyan and Ugandan ministers in 2019.", "reported"),
        ("Kenya announced a suspension of flights to Somalia.", "reported"),  # the decision itself
        ("Kenya announced a visit by its president to Uganda.", "future"),
        ("A summit between Kenya and Uganda is in the works.", "future"),
        ("Kenya is in favour of sanctions against Eritrea.", "hypothetical"),
        ("The Kenyan plan would have Uganda build the railway.", "hypothetical"),
        ("Kenya was supposed to sign the rail agreement with Uganda in May.", "hypothetical"),
        ("Kenya nearly cut ties with Somalia in 2020.", "negated"),
        ("Kenya has yet to recognise Kosovo.", "negated"),
        ("Kenya is yet to recognise Kosovo.", "negated"),
        ("Kenya had the Somali envoy expelled in 2019.", "reported"),
        # present tenses of a schedule (published on a Monday)
        ("The Kenyan president travels to Uganda next week.", "future"),
        ("Kenya hosts the Ugandan president later this month.", "future"),
        ("Kenya is hosting the Ugandan president on Friday.", "future"),
        ("The Kenyan president heads to Kampala on Friday for talks with Museveni.", "future"),
        ("Kenya is providing intelligence to Uganda, the Nation reported on Friday.", "reported"),
        # likelihood, speculation, hedges, assumptions
        ("It is possible that Kenya and Uganda sign a rail agreement.", "hypothetical"),
        ("It is unlikely that Kenya and Uganda sign a rail agreement.", "hypothetical"),
        ("There is a chance that Kenya and Uganda sign a rail agreement.", "hypothetical"),
        ("There is talk of a summit between Kenya and Uganda.", "hypothetical"),
        ("Speculation is growing that the Kenyan president visits Uganda.", "hypothetical"),
        ("Perhaps Kenya and Uganda sign a rail agreement.", "hypothetical"),
        ("In theory, Kenya and Uganda share intelligence on the border.", "hypothetical"),
        ("Kenya signs the rail agreement with Uganda, assuming parliament agrees.", "hypothetical"),
        ("Kenya has signalled openness to talks with Uganda.", "hypothetical"),
        ("Kenya and Uganda sign a rail agreement soon, officials say.", "future"),
    ],
)
def test_status_of_the_main_event(code_text, text, status):
    got = statuses(code_text, text)
    assert got, text
    assert got[0][1] == status, (text, got)


def test_refusal_codes_the_refusal_not_the_signing(code_text):
    got = statuses(code_text, "Kenya refused to sign a rail agreement with Uganda.")
    assert got == [("REJECT", "reported")]


def test_reported_speech_keeps_the_embedded_event_and_its_tense(code_text):
    events = code_text("The Kenyan foreign minister said Uganda would send aid to Kenya.", "2024-05-20")
    aid = [e for e in events if e.event == "AID"]
    assert aid and aid[0].status == "future"
    assert [a.code for a in aid[0].actor] == ["UGA"] and [r.code for r in aid[0].recipient] == ["KEN"]


def test_recommendation_list_items_are_hypothetical(code_text):
    text = (
        "Kenya and Uganda have traded for decades.\n\n"
        "Trade: Both countries can expand trade in tea and coffee.\n\n"
        "Security: Kenya and Uganda should hold joint border patrols.\n\n"
        "Diplomacy: The two governments need to hold regular talks."
    )
    events = code_text(text, "2024-05-20")
    assert events
    assert all(e.status == "hypothetical" for e in events if "Kenya and Uganda have traded" not in e.evidence.text)


def test_planned_noun_events(code_text):
    got = statuses(code_text, "A planned visit by the Kenyan president to Uganda was announced.")
    assert ("CONSULT", "future") in got


def test_no_subject_negates(code_text):
    got = statuses(code_text, "No Russian leader has ever visited Pakistan.")
    assert got == [("CONSULT", "negated")]


@pytest.mark.parametrize("text", [
    "Nigeria will withdraw its peacekeepers from Chad unless the fighting stops.",
    "Ghana said it would cut aid to Togo unless the vote is held on time.",
])
def test_an_act_announced_unless_the_other_side_gives_way_is_a_threat(code_text, text):
    got = statuses(code_text, text)
    assert got and got[0] == ("THREATEN", "reported"), got


def test_a_past_act_with_unless_is_no_threat(code_text):
    got = statuses(code_text, "Ghana cut aid to Togo last year, unless the reports are wrong.")
    assert ("THREATEN", "reported") not in got


def test_advice_under_a_heading_and_imperatives_are_hypothetical(code_text):
    text = (
        "Kenya accused Somalia of bad faith in March.\n\n"
        "What Nairobi should do\n\n"
        "Send an envoy to Mogadishu for talks.\n\n"
        "Ways forward\n\n"
        "Kenya and Somalia resume talks on the sea border in Nairobi.\n\n"
        "Background\n\n"
        "Kenya and Somalia held talks on the sea border in 2019."
    )
    events = code_text(text, "2024-05-20")
    by_sentence = {}
    for e in events:
        for key in ("accused", "envoy", "resume", "held"):
            if key in e.evidence.text:
                by_sentence.setdefault(key, set()).add(e.status)
    assert by_sentence == {
        "accused": {"reported"}, "envoy": {"hypothetical"}, "resume": {"hypothetical"}, "held": {"reported"},
    }, [(e.event, e.status, e.evidence.text) for e in events]


def test_a_title_is_no_heading_of_advice(code_text):
    events = code_text("Should Kenya talk to Somalia?\n\nKenya and Somalia hold talks in Nairobi this week.", "2024-05-20")
    assert [(e.event, e.status) for e in events] == [("CONSULT", "reported")]
