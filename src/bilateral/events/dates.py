"""Dates: find time expressions in a sentence and resolve them to the event's own date.

Our own rules, not dateparser's search: a general date search takes the modal "may" for
May and "the 75th" for 1975 (see shared DEPENDENCIES.md), so only spans these patterns
recognise are dates. Relative words resolve against the publication date; named periods
(the Cold War) come from data/periods.tsv.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .tables import data_rows

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}

# Month names must be capitalised: "may" and "march" are also ordinary words.
_M = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>1[6-9]\d\d|20\d\d)"
_W = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_N = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"

_UNIT = r"(?P<unit>day|week|month|year|summer|winter|spring|autumn|fall)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Dates that point back to the narrative's last date ("that month", "the following
    # year", "four years later", "in June of that year"): resolved against `anchor`.
    ("m_of_that", re.compile(rf"\b(?:in\s+)?{_M}\s+of\s+that\s+year\b", re.I)),
    ("that", re.compile(rf"\b(?:(?:later|earlier)\s+)?(?:that|the\s+same)\s+{_UNIT}\b", re.I)),
    ("following", re.compile(r"\b(?:the\s+following|the\s+next)\s+(?P<unit>day|week|month|year)\b", re.I)),
    ("later", re.compile(rf"\b{_N}\s+(?P<unit>day|week|month|year)s?\s+later\b", re.I)),
    ("within", re.compile(r"\bwithin\s+(?:days|hours|weeks)\b", re.I)),
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d\d)-(?P<day>\d\d)\b")),
    ("dmy", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M},?\s+{_Y}\b")),
    ("mdy", re.compile(rf"\b{_M}\s+{_D},?\s+{_Y}\b")),
    ("my", re.compile(rf"\b{_M},?\s+(?:of\s+)?{_Y}\b")),
    ("dm", re.compile(rf"\b{_D}\s+(?:of\s+)?{_M}\b")),
    ("md", re.compile(rf"\b{_M}\s+{_D}\b(?!\s*,?\s*\d)")),
    ("m", re.compile(rf"\b(?:(?P<rel>(?i:last|this|next|early|late|mid-?|in|since|by|until|from))\s+){_M}\b")),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<decade>1[6-9]\d0|20\d0)s\b")),
    ("decade2", re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?['’](?P<decade2>[2-9]0)s\b")),
    ("year", re.compile(rf"\b{_Y}\b(?![-–/]\d|s\b|\d)")),
    ("weekday", re.compile(rf"\b(?:(?P<rel>(?i:last|this|next|on|coming))\s+)?{_W}\b")),
    ("ago", re.compile(rf"\b{_N}\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    ("rel", re.compile(r"\b(?P<rel>last|next|this|earlier this|later this|past|coming)\s+(?P<unit>week|month|year)\b", re.I)),
    ("word", re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening|overnight)\b", re.I)),
    ("vague", re.compile(r"\b(?P<vague>in the past|in recent years|in the past few years|over the years|for decades|historically|in the years since)\b", re.I)),
]


@dataclass(frozen=True)
class When:
    date: str | None
    precision: str
    date_end: str | None = None


@dataclass(frozen=True)
class DateExpr:
    start: int  # character offsets in the document
    end: int
    past: When  # reading if the event lies before publication
    future: When  # reading if it lies after (differs for "Monday", "in March")
    kind: str


@lru_cache(maxsize=1)
def _periods() -> list[tuple[re.Pattern[str], int, int]]:
    out = []
    for r in data_rows("periods.tsv"):
        name = re.escape(r["name"]).replace(r"\-", "[-–\\s]").replace(r"\ ", r"\s+")
        pat = re.compile(
            rf"\b(?:the\s+)?(?P<edge>(?:end|close|start|beginning|outbreak|height)\s+of\s+(?:the\s+)?)?{name}(?:\s+era|\s+period|\s+years)?\b",
            re.I,
        )
        out.append((pat, int(r["start"]), int(r["end"])))
    return out


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _shift_months(d: dt.date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _anaphoric(kind: str, g: dict, anchor: When | None) -> When | None:
    """"that month" and its kin, against the narrative's last explicit date."""
    if anchor is None or anchor.date is None or anchor.precision not in ("day", "month", "year"):
        return None
    a = anchor.date
    y = int(a[:4])
    mo = int(a[5:7]) if len(a) >= 7 else None
    unit = (g.get("unit") or "").lower()
    if kind == "m_of_that":
        return When(f"{y:04d}-{_month(g['month']):02d}", "month")
    if kind == "within":
        return When(a[:7], "month") if mo else When(a[:4], "year")
    if kind == "that":
        if unit in ("day", "week") and anchor.precision == "day":
            return When(a, "day")
        if unit in ("day", "week", "month") and mo:
            return When(a[:7], "month")
        return When(a[:4], "year")
    n = 1
    if kind == "later":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else NUMBERS.get(raw, 1)
    if unit == "year":
        return When(str(y + n), "year")
    if unit == "month" and mo:
        k = y * 12 + mo - 1 + n
        return When(f"{k // 12:04d}-{k % 12 + 1:02d}", "month")
    if unit in ("day", "week") and anchor.precision == "day":
        d = dt.date.fromisoformat(a) + dt.timedelta(days=n if unit == "day" else 7 * n)
        return When(d.isoformat(), "day")
    return When(a[:7], "month") if mo else When(a[:4], "year")


ANAPHORIC = {"m_of_that", "that", "following", "later", "within"}
EXPLICIT = {"iso", "dmy", "mdy", "my", "year", "m_of_that"}


def _interpret(kind: str, m: re.Match[str], pub: dt.date | None, anchor: When | None = None) -> tuple[When, When] | None:
    g = m.groupdict()
    unknown = When(None, "unknown")
    if kind in ANAPHORIC:
        w = _anaphoric(kind, g, anchor)
        return (w, w) if w else None
    if kind == "iso":
        d = _ymd(int(g["year"]), int(g["mon"]), int(g["day"]))
        return (When(d, "day"),) * 2 if d else None
    if kind in ("dmy", "mdy"):
        d = _ymd(int(g["year"]), _month(g["month"]), int(g["day"]))
        return (When(d, "day"),) * 2 if d else None
    if kind == "my":
        w = When(f"{int(g['year']):04d}-{_month(g['month']):02d}", "month")
        return w, w
    if kind == "decade":
        w = When(g["decade"], "decade")
        return w, w
    if kind == "decade2":
        w = When(str(1900 + int(g["decade2"])), "decade")
        return w, w
    if kind == "year":
        w = When(g["year"], "year")
        return w, w
    if kind == "vague":
        return unknown, unknown
    if pub is None:
        return unknown, unknown
    if kind in ("dm", "md"):
        mon, day = _month(g["month"]), int(g["day"])
        past = _ymd(pub.year, mon, day)
        if past and past > pub.isoformat():
            past = _ymd(pub.year - 1, mon, day)
        fut = _ymd(pub.year, mon, day)
        if fut and fut < pub.isoformat():
            fut = _ymd(pub.year + 1, mon, day)
        if not past or not fut:
            return None
        return When(past, "day"), When(fut, "day")
    if kind == "m":
        mon = _month(g["month"])
        rel = (g.get("rel") or "").lower()
        y_past = pub.year if mon <= pub.month else pub.year - 1
        y_fut = pub.year if mon >= pub.month else pub.year + 1
        if rel == "last":
            y_fut = y_past if mon < pub.month else pub.year - 1
            y_past = y_fut
        elif rel == "next":
            y_past = y_fut if mon > pub.month else pub.year + 1
            y_fut = y_past
        elif rel == "this":
            y_past = y_fut = pub.year
        return When(f"{y_past:04d}-{mon:02d}", "month"), When(f"{y_fut:04d}-{mon:02d}", "month")
    if kind == "weekday":
        wd = WEEKDAYS[g["weekday"].lower()]
        rel = (g.get("rel") or "").lower()
        back = (pub.weekday() - wd) % 7
        fwd = (wd - pub.weekday()) % 7 or 7
        past = pub - dt.timedelta(days=back if rel != "last" else (back or 7))
        fut = pub + dt.timedelta(days=fwd)
        if rel == "next":
            past = fut
        elif rel == "last":
            fut = past
        return When(past.isoformat(), "day"), When(fut.isoformat(), "day")
    if kind == "word":
        w = g["word"].lower()
        delta = {"yesterday": -1, "tomorrow": 1}.get(w, 0)
        d = When((pub + dt.timedelta(days=delta)).isoformat(), "day")
        return d, d
    if kind == "ago":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else NUMBERS.get(raw, 1)
        unit = g["unit"].lower()
        if unit == "day":
            d = When((pub - dt.timedelta(days=n)).isoformat(), "day")
        elif unit == "week":
            start = pub - dt.timedelta(days=7 * n + pub.weekday())
            d = When(start.isoformat(), "period", (start + dt.timedelta(days=6)).isoformat())
        elif unit == "month":
            y, mo = _shift_months(pub, -n)
            d = When(f"{y:04d}-{mo:02d}", "month")
        else:
            d = When(str(pub.year - n), "year")
        return d, d
    if kind == "rel":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        if unit == "week":
            start = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=7 * step)
            d = When(start.isoformat(), "period", (start + dt.timedelta(days=6)).isoformat())
        elif unit == "month":
            y, mo = _shift_months(pub, step)
            d = When(f"{y:04d}-{mo:02d}", "month")
        else:
            d = When(str(pub.year + step), "year")
        return d, d
    return None


# What every pattern needs, besides a digit (word by word, lower case): a month or weekday
# name, one of the words that make a date alone, or a relative word with a unit of time.
_MONTH_WORDS = set(MONTHS)
_WEEKDAY_WORDS = set(WEEKDAYS)
_ALONE = {"today", "tonight", "yesterday", "tomorrow", "overnight", "historically", "decades", "recent", "past", "years", "within"}
_UNITS = {"day", "week", "month", "year", "summer", "winter", "spring", "autumn", "fall", "days", "weeks", "months", "years"}
_RELATIVE = {"that", "same", "following", "next", "later", "ago", "last", "this", "past", "coming", "earlier"}
_PARTS_OF_DAY = {"morning", "afternoon", "evening"}
_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _period_words() -> tuple[str, ...]:
    """The first word of each named period (matched as a substring, lower case)."""
    words = set()
    for r in data_rows("periods.tsv"):
        first = re.split(r"[\s\-–]+", r["name"].strip().lower())[0]
        if first:
            words.add(first)
    return tuple(sorted(words))


def may_hold_date(text: str) -> bool:
    """False when none of the patterns can match. Most sentences of a news article hold no
    date; this spares them some 45 regex scans (a third of the coder's time before)."""
    if _DIGIT.search(text):
        return True
    low = text.lower()
    words = set(_WORD.findall(low))
    if words & _MONTH_WORDS or words & _WEEKDAY_WORDS or words & _ALONE:
        return True
    if words & _UNITS and words & _RELATIVE:
        return True
    if "this" in words and words & _PARTS_OF_DAY:
        return True
    return any(w in low for w in _period_words())


def find_dates(text: str, offset: int, published: str | None, anchor: When | None = None) -> list[DateExpr]:
    """Time expressions in `text` (a sentence starting at document offset `offset`).

    `anchor` is the narrative's last explicit date, for "that month", "a year later"."""
    if not may_hold_date(text):
        return []
    pub = dt.date.fromisoformat(published) if published else None
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for pat, start, end in _periods():
        for m in pat.finditer(text):
            if not free(m.start(), m.end()):
                continue
            edge = (m.group("edge") or "").lower()
            if edge.startswith(("end", "close")):
                w = When(str(end), "year")
            elif edge.startswith(("start", "beginning", "outbreak")):
                w = When(str(start), "year")
            else:
                w = When(str(start), "period", str(end))
            taken.append((m.start(), m.end()))
            found.append(DateExpr(offset + m.start(), offset + m.end(), w, w, "period"))
    # "clashed in early 1994, and in March of that year …": an anaphoric date points back
    # to an explicit one earlier in its own sentence before the narrative's last one
    local: list[tuple[int, When]] = []
    for kind, pat in PATTERNS:
        if kind in ("iso", "dmy", "mdy", "my", "year"):
            for m in pat.finditer(text):
                r = _interpret(kind, m, pub, None)
                if r is not None and r[1].date:
                    local.append((m.end(), r[1]))
    local.sort(key=lambda x: x[0])
    for kind, pat in PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            own = [w for end, w in local if end <= s]
            readings = _interpret(kind, m, pub, own[-1] if kind in ANAPHORIC and own else anchor)
            if readings is None:
                continue
            taken.append((s, e))
            found.append(DateExpr(offset + s, offset + e, readings[0], readings[1], kind))
    found.sort(key=lambda d: d.start)
    return found


def anniversary_year(ordinal: str, published: str | None) -> str | None:
    """'75th' anniversary in a text published 2023 → the founding year '1948'."""
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", ordinal.lower())
    if not m or not published:
        return None
    return str(int(published[:4]) - int(m.group(1)))
