"""Events ← reports: the same event told by several articles becomes one event.

The rules (docs/stories.md, "Same event"): two records are one event when they come
from different documents, link the same countries, have the same category, status and
date precision, and
- with an own date coarser than a day (month, year, decade, period): the same date;
- with an own day: the same day, or days at most `window_days` apart and alike evidence;
- dated by publication only: publications at most `window_days` apart and alike evidence;
- with no date: alike evidence.
"Alike" is a Jaccard similarity of the evidence sentences' content words, the names
of the two sides left out, at or over `similarity`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

from ..records import Event

COARSE = ("month", "year", "decade", "period")
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
# Function words and reporting verbs: they say nothing about which event it was.
_STOP = frozenset(
    """the and for with that this from into onto over under about after before their there
    they them his her its was were are has have had been being will would shall should can
    could may might must not nor but yet also than then when where which who whom whose
    what while said says say told tell according reported reports report officials official
    spokesman spokeswoman ministry minister statement statements news agency agencies
    on monday tuesday wednesday thursday friday saturday sunday week weekend today yesterday
    both two other another each some any all more most one first last new""".split()
)


@dataclass(frozen=True)
class MergeRules:
    window_days: int = 1
    similarity: float = 0.6

    @classmethod
    def from_config(cls, config) -> "MergeRules":
        return cls(config.stories_window_days, config.stories_similarity)


def _stem(w: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content_words(e: Event) -> set[str]:
    text = unicodedata.normalize("NFKC", e.evidence.text).casefold().replace("\u2019", "'")
    sides = {w for ent in (*e.actor, *e.recipient) for w in _WORD.findall(ent.text.casefold())}
    return {_stem(w) for w in _WORD.findall(text) if w not in _STOP and w not in sides}


def similarity(a: Event, b: Event) -> float:
    """Jaccard similarity of the two evidence sentences' content words (0..1)."""
    wa, wb = content_words(a), content_words(b)
    if not wa and not wb:
        return 1.0 if _norm(a.evidence.text) == _norm(b.evidence.text) else 0.0
    return len(wa & wb) / len(wa | wb)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s)).strip().casefold()


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def same_event(a: Event, b: Event, rules: MergeRules = MergeRules(), check_pairs: bool = True) -> bool:
    """True when `a` and `b` are reports of one event (the module's rules)."""
    if a.doc_id == b.doc_id or a.event != b.event or a.status != b.status:
        return False
    if check_pairs and a.pairs() != b.pairs():
        return False
    if a.date_precision != b.date_precision:
        return False
    p = a.date_precision
    if p in COARSE:
        return a.date == b.date and a.date_end == b.date_end
    if p == "day" and a.date == b.date:
        return True
    if p in ("day", "publication"):
        apart = _days_apart(a.date, b.date)
        if apart is None or apart > rules.window_days:
            return False
    return _norm(a.evidence.text) == _norm(b.evidence.text) or similarity(a, b) >= rules.similarity


def source_key(e: Event) -> str:
    """What counts as one source: the site, else the URL's host, else the document itself."""
    return site_key(e.source.site, e.source.url, e.doc_id)


def site_key(site: str | None, url: str | None, doc_id: str) -> str:
    if site:
        return site.casefold().removeprefix("www.")
    if url:
        host = urlsplit(url).hostname
        if host:
            return host.removeprefix("www.")
    return doc_id


def direction(e: Event) -> tuple:
    return (e.symmetric, tuple(sorted(a.code for a in e.actor)), tuple(sorted(r.code for r in e.recipient)))


def _block(e: Event, pair: tuple[str, str] | None) -> tuple:
    sides = pair if pair else tuple(sorted(e.pairs()))
    return (sides, e.event, e.status, e.date_precision)


def _nearby(e: Event, rules: MergeRules) -> list:
    """The date buckets an event may find its fellows in."""
    if e.date_precision in COARSE:
        return [(e.date, e.date_end)]
    if e.date_precision in ("day", "publication") and e.date:
        try:
            d = dt.date.fromisoformat(e.date)
        except ValueError:
            return [e.date]
        return [(d + dt.timedelta(days=k)).isoformat() for k in range(-rules.window_days, rules.window_days + 1)]
    return [None]


def _bucket(e: Event):
    if e.date_precision in COARSE:
        return (e.date, e.date_end)
    if e.date_precision in ("day", "publication") and e.date:
        return e.date
    return None


def cluster(events: Iterable[Event], rules: MergeRules = MergeRules(), pair: tuple[str, str] | None = None) -> list[list[Event]]:
    """Group reports into events, earliest published first; each group's first report is its seed.

    With `pair`, every event is taken to concern that pair (the analysis of one pair), so
    their other pairs do not keep them apart. Two records of one document never share a
    group, and a report joins a group going the same way (who did what to whom) first.
    """
    groups: dict[tuple, dict] = {}
    out: list[list[Event]] = []
    for e in sorted(events, key=lambda e: (e.published or "9999", e.doc_id, e.id)):
        buckets = groups.setdefault(_block(e, pair), {})
        candidates = [
            c for key in _nearby(e, rules) for c in buckets.get(key, [])
            if all(x.doc_id != e.doc_id for x in c) and same_event(c[0], e, rules, check_pairs=pair is None)
        ]
        same_way = [c for c in candidates if direction(c[0]) == direction(e)]
        target = (same_way or candidates or [None])[0]
        if target is None:
            target = [e]
            buckets.setdefault(_bucket(e), []).append(target)
            out.append(target)
        else:
            target.append(e)
    return out
