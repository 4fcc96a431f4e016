"""The gazetteer: names, demonyms, capitals, seats, organisations and officials by date."""

from __future__ import annotations

from collections import defaultdict

import pytest

from bilateral.actors import gazetteer, term_at
from bilateral.errors import UnknownCountry


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


@pytest.mark.parametrize(
    "text,code",
    [("PAK", "PAK"), ("pak", "PAK"), ("Pakistan", "PAK"), ("russia", "RUS"), ("Russian Federation", "RUS"),
     ("Soviet Union", "SUN"), ("NATO", "NATO"), ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Côte d’Ivoire", "CIV")],
)
def test_resolve_country(gaz, text, code):
    assert gaz.resolve_country(text) == code


def test_unknown_country_is_a_typed_error(gaz):
    with pytest.raises(UnknownCountry) as exc:
        gaz.resolve_country("Narnia")
    assert "Narnia" in str(exc.value) and "\n" not in str(exc.value)


def test_officials_named_alike_are_one_person(gaz):
    people = defaultdict(set)
    for n in gaz.names:
        if n.kind == "official":
            people[n.text] |= {t.name for t in n.terms}
    shared = {k: v for k, v in people.items() if len(v) > 1}
    assert not shared, f"an alias names two people: {shared}"


def test_no_official_alias_is_a_place(gaz):
    places = {n.text for n in gaz.names if n.kind != "official"}
    assert not [n.text for n in gaz.names if n.kind == "official" and n.text in places]


def test_office_at_the_event_date_gives_the_country(gaz):
    terms = next(n.terms for n in gaz.names if n.text == "Ursula von der Leyen")
    assert term_at(terms, "2016-05-01").country == "DEU"
    assert term_at(terms, "2022-03-01").country == "EU"
    assert term_at(terms, "2016").country == "DEU"


def test_official_country_follows_the_date_in_coding(code_text):
    early = code_text("Ursula von der Leyen visited Lithuania on Monday.", "2016-06-14")
    late = code_text("Ursula von der Leyen visited Lithuania on Monday.", "2023-06-14")
    assert [a.code for a in early[0].actor] == ["DEU"]
    assert [a.code for a in late[0].actor] == ["EU"]


@pytest.mark.parametrize(
    "sentence,code",
    [
        ("Beijing protested to Tokyo over the island.", "CHN"),
        ("The White House criticised Caracas for the arrests.", "USA"),
        ("Downing Street condemned Tehran over the seizure.", "GBR"),
        ("Ankara accused Athens of violating its airspace.", "TUR"),
        ("Narendra Modi visited Egypt in June 2023.", "IND"),
        ("The Pakistani foreign minister visited Moscow.", "PAK"),
    ],
)
def test_actor_forms(code_text, sentence, code):
    events = code_text(sentence, "2023-07-01")
    assert events and events[0].actor[0].code == code


def test_longest_name_wins(code_text):
    events = code_text("North Korea fired missiles toward Japan on Sunday.", "2023-07-03")
    assert events[0].actor[0].code == "PRK"


def test_lower_case_words_are_not_countries(code_text):
    # "us" is a pronoun, "chad" a name in lower case: nothing to code here
    assert code_text("Let us sign an agreement with chad later.", "2023-07-03") == []


def test_a_seat_owned_by_another_state_is_not_that_seat(code_text):
    events = code_text("Pakistan's Foreign Office rejected a demand by India on Monday.", "2024-07-04")
    assert events and {a.code for a in events[0].actor} == {"PAK"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Australian ships patrolled the Indian Ocean with Japan on Monday.",
        "Vietnam accused China of ramming a boat in the South China Sea.",
        "Russian bombers flew over the Sea of Japan with Chinese jets.",
    ],
)
def test_places_named_after_countries_are_not_actors(code_text, sentence):
    events = code_text(sentence, "2024-05-07")
    codes = {x.code for e in events for x in (*e.actor, *e.recipient)}
    assert "IND" not in codes and ("JPN" not in codes or "Japan" in sentence.replace("Sea of Japan", ""))
    if "South China Sea" in sentence:
        assert codes == {"VNM", "CHN"}  # China is named on its own too


def test_un_organs_are_the_un(code_text):
    events = code_text("The Security Council condemned North Korea for the launch.", "2024-05-07")
    assert events[0].actor[0].code == "UNO"


def test_a_surname_after_the_full_name_is_the_same_person(code_text):
    events = code_text(
        "Senegal's president Macky Sall welcomed Gambia's new leader in Dakar. "
        "Sall later visited Banjul for talks.",
        "2017-02-01",
    )
    visit = [e for e in events if e.event == "CONSULT"]
    assert visit and visit[0].actor[0].code == "SEN" and visit[0].actor[0].name == "Macky Sall"


def test_a_surname_before_any_full_name_stays_unresolved(code_text):
    assert code_text("Sall visited Banjul for talks.", "2017-02-01") == []


@pytest.mark.parametrize("text, code", [
    ("Afganistan and Iran signed a water-sharing deal on Monday.", "AFG"),  # wire-copy misspellings
    ("Vietnam accused the Phillippines of ramming a fishing boat.", "PHL"),
    ("Vietnam accused the Philipines of ramming a fishing boat.", "PHL"),
])
def test_common_misspellings_of_state_names(code_text, text, code):
    events = code_text(text, "2024-06-01")
    assert any(x.code == code for e in events for x in (*e.actor, *e.recipient)), text
