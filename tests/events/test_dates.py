"""Dates: the event's own date, at its precision, resolved against publication."""

from __future__ import annotations

import pytest

from bilateral.events.dates import anniversary_year, find_dates


def one(text, published="2024-03-13"):  # a Wednesday
    found = find_dates(text, 0, published)
    assert len(found) == 1, found
    d = found[0]
    return d.past.date, d.past.precision, d.past.date_end, d.future.date


@pytest.mark.parametrize(
    "text,date,precision",
    [
        ("The talks were held on 24 September 2016 in Moscow.", "2016-09-24", "day"),
        ("The talks were held on September 24, 2016 in Moscow.", "2016-09-24", "day"),
        ("The deal was signed on 2019-02-03 at noon.", "2019-02-03", "day"),
        ("The embassy reopened in May 2022 after repairs.", "2022-05", "month"),
        ("In 2016, the two armies held a drill.", "2016", "year"),
        ("Trade grew quickly in the 1990s.", "1990", "decade"),
        ("Trade grew quickly in the early '90s.", "1990", "decade"),
        ("The minister arrived yesterday.", "2024-03-12", "day"),
        ("The minister arrives today.", "2024-03-13", "day"),
        ("The envoy met his counterpart on Monday.", "2024-03-11", "day"),
        ("The ministers spoke two days ago.", "2024-03-11", "day"),
        ("The ministers spoke last month.", "2024-02", "month"),
        ("The ministers spoke last year.", "2023", "year"),
        ("The border was closed in November.", "2023-11", "month"),
        ("The border was closed on 3 March.", "2024-03-03", "day"),
        ("The visits began in the past.", None, "unknown"),
    ],
)
def test_expressions(text, date, precision):
    d, p, _, _ = one(text)
    assert (d, p) == (date, precision)


def test_named_period_has_an_end():
    d, p, end, _ = one("Relations were frozen during the Cold War.")
    assert (d, p, end) == ("1947", "period", "1991")


def test_end_of_a_period_is_a_year():
    d, p, _, _ = one("Ties have grown since the end of the Cold War.")
    assert (d, p) == ("1991", "year")


def test_last_week_is_a_week_long_period():
    d, p, end, _ = one("The two sides met last week.")
    assert (d, p, end) == ("2024-03-04", "period", "2024-03-10")


def test_future_reading_of_a_weekday_and_a_month():
    found = find_dates("The minister will travel on Friday and again in May.", 0, "2024-03-13")
    assert [f.future.date for f in found] == ["2024-03-15", "2024-05"]
    assert [f.past.date for f in found] == ["2024-03-08", "2023-05"]


@pytest.mark.parametrize(
    "text",
    [
        "Both countries may explore new areas.",  # the modal, not the month
        "A march through the capital ended peacefully.",
        "The 75th anniversary was marked with letters.",  # an ordinal, not 1975
        "About 2000 troops took part.",
    ],
)
def test_words_that_are_not_dates(text):
    found = find_dates(text, 0, "2024-03-13")
    assert [f for f in found if f.kind != "year" or "troops" not in text] == [] or all(
        f.past.date != "2000" for f in found
    )


def test_no_publication_date_leaves_relative_words_unknown():
    found = find_dates("They met yesterday.", 0, None)
    assert found[0].past.precision == "unknown" and found[0].past.date is None


def test_anniversary_year():
    assert anniversary_year("75th", "2023-05-01") == "1948"
    assert anniversary_year("seventy", "2023-05-01") is None
    assert anniversary_year("70th", None) is None


def test_event_dates_in_context(code_text):
    events = code_text(
        "Pakistan and Russia established diplomatic ties in 1948. "
        "During the Cold War, Pakistan joined alliances against the Soviet Union. "
        "In 2016, Pakistan and Russia conducted their first joint exercise. "
        "Russia and Pakistan signed an energy deal yesterday.",
        "2023-05-01",
    )
    by_trigger = {e.evidence.trigger: e for e in events}
    assert (by_trigger["established"].date, by_trigger["established"].date_precision) == ("1948", "year")
    assert (by_trigger["conducted"].date, by_trigger["conducted"].date_precision) == ("2016", "year")
    assert (by_trigger["signed"].date, by_trigger["signed"].date_precision) == ("2023-04-30", "day")


def test_publication_date_only_when_the_text_gives_no_time(code_text):
    events = code_text("India and Egypt signed a shipping agreement.", "2017-08-18")
    assert [(e.date, e.date_precision) for e in events] == [("2017-08-18", "publication")]
    events = code_text("India and Egypt signed a shipping agreement.", None)
    assert [(e.date, e.date_precision) for e in events] == [(None, "unknown")]


def test_a_date_after_publication_makes_a_plan(code_text):
    events = code_text("The Egyptian president visits India on 2 April.", "2024-03-13")
    assert events[0].status == "future" and events[0].date == "2024-04-02"


@pytest.mark.parametrize(
    "text,date,precision",
    [
        ("The embassy was stormed that month.", "2016-01", "month"),
        ("The embassy was stormed later that year.", "2016", "year"),
        ("The two sides met the following month.", "2016-02", "month"),
        ("The two sides met four years later.", "2020", "year"),
        ("The envoy left in June of that year.", "2016-06", "month"),
        ("The envoy left that day.", "2016-01-03", "day"),
    ],
)
def test_dates_that_point_back_to_the_narrative(text, date, precision):
    from bilateral.events.dates import When

    found = find_dates(text, 0, "2024-03-13", anchor=When("2016-01-03", "day"))
    assert [(f.past.date, f.past.precision) for f in found] == [(date, precision)]


def test_anaphoric_dates_in_an_article(code_text):
    events = code_text(
        "Iran and Saudi Arabia cut ties in January 2016. "
        "Saudi Arabia expelled the Iranian ambassador that week. "
        "The two countries restored relations seven years later.",
        "2024-03-13",
    )
    by = {e.evidence.trigger: e for e in events}
    assert (by["expelled"].date, by["expelled"].date_precision) == ("2016-01", "month")
    assert (by["restored"].date, by["restored"].date_precision) == ("2023", "year")


def test_dates_of_other_clauses_and_nouns_do_not_apply(code_text):
    events = code_text("Japan and China have not met since Kishida took office last October.", "2022-09-29")
    assert events and events[0].date_precision == "publication"
    events = code_text("Manila has not asked Washington to invoke the 1951 treaty.", "2024-06-19")
    assert events and events[0].date_precision == "publication"


def test_sentence_initial_relative_words(code_text):
    events = code_text("In November Pakistan deported thousands of Afghan migrants.", "2024-03-19")
    assert (events[0].date, events[0].date_precision) == ("2023-11", "month")


def test_an_anaphoric_date_points_back_within_its_own_sentence():
    from bilateral.events.dates import When

    text = "The armies clashed in early 2004, and in May of that year Chad went to court."
    found = find_dates(text, 0, "2024-03-13", anchor=When("2011", "year"))
    assert [d.past.date for d in found] == ["2004", "2004-05"]
    # with no explicit date before it in the sentence, the narrative's anchor holds
    found = find_dates("In May of that year Chad went to court.", 0, "2024-03-13", anchor=When("2011", "year"))
    assert [d.past.date for d in found] == ["2011-05"]
