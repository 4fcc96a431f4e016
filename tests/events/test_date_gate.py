"""dates.may_hold_date: the cheap test that spares find_dates its regexes must never hide a date."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from bilateral.events import dates
from bilateral.events.dates import find_dates, may_hold_date

WITH_DATES = [
    "The envoys met on 4 March 2019 in the border town.",
    "Talks resumed in late March after a long pause.",
    "Four years later, the two sides signed a treaty.",
    "That week, the ministers spoke twice by telephone.",
    "The accord dates from the end of the Cold War.",
    "The summit is due to open on Thursday.",
    "The delegation arrived yesterday and leaves tomorrow.",
    "Relations have soured in recent years.",
    "The following month, the embassy reopened.",
    "Trade fell sharply this morning, traders said.",
]
WITHOUT = ["The weather was fine and the harbour was busy.", "Officials said the talks were frank and useful."]


@pytest.mark.parametrize("text", WITH_DATES)
def test_sentences_with_dates_pass_the_gate(text):
    assert may_hold_date(text)
    assert find_dates(text, 0, "2021-06-01", dates.When("2019-03-04", "day"))  # an anchor for "that week"


@pytest.mark.parametrize("text", WITHOUT)
def test_sentences_without_dates_are_spared(text):
    assert not may_hold_date(text)


def test_the_gate_changes_no_result_on_the_demo_corpus(monkeypatch):
    folder = resources.files("bilateral.samples").joinpath("demo")
    with resources.as_file(folder) as path:
        text = "\n".join(p.read_text("utf-8", errors="replace") for p in path.rglob("*") if p.is_file())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", re.sub(r"<[^>]+>", " ", text)) if s.strip()]
    assert len(sentences) > 500
    gated = [find_dates(s, 0, "2021-06-01") for s in sentences]
    monkeypatch.setattr(dates, "may_hold_date", lambda text: True)
    assert [find_dates(s, 0, "2021-06-01") for s in sentences] == gated
    assert sum(1 for g in gated if g) > 100
