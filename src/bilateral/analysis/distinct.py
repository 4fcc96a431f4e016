"""One event once: repeated reports merged across documents; periods, the index and trends.

The building blocks that `pair.py` and `country.py` share. The rules are documented in
docs/analysis.md; change them there too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..records import Event
from ..store.store import date_bounds
from ..stories.merge import MergeRules, cluster, source_key
from .fields import Fields

PERIODS: tuple[str, ...] = ("year", "quarter", "month")
OWN_DATES = ("day", "month", "year", "decade", "period")  # a date the text gave, not the publication's
PROPOSAL_STATUSES = ("future", "hypothetical")


@dataclass
class Distinct:
    """One event, however many documents reported it."""

    pair: tuple[str, str]
    event: Event  # the most confident report stands for the event
    reports: tuple[Event, ...]  # every record merged into it, one per document, earliest published first
    fields: tuple[str, ...] = ()
    start: str | None = None
    stop: str | None = None

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def category(self) -> str:
        return self.event.event

    @property
    def status(self) -> str:
        return self.event.status

    @property
    def intensity(self) -> float:
        return self.event.intensity

    @property
    def quad(self) -> int:
        return self.event.quad_code

    @property
    def n_reports(self) -> int:
        return len(self.reports)

    @property
    def doc_ids(self) -> set[str]:
        return {r.doc_id for r in self.reports}

    @property
    def num_mentions(self) -> int:
        """Reports of the event (GDELT's NumMentions)."""
        return len(self.reports)

    @property
    def num_articles(self) -> int:
        """Documents that report it (GDELT's NumArticles)."""
        return len(self.doc_ids)

    @property
    def num_sources(self) -> int:
        """Distinct sites among those documents (GDELT's NumSources); a document with no site is its own source."""
        return len({source_key(r) for r in self.reports})

    def sort_key(self) -> tuple:
        return (self.start is None, self.start or "", self.stop or "", self.id)

    def to_dict(self) -> dict[str, Any]:
        e = self.event
        return {
            "id": e.id,
            "pair": list(self.pair),
            "event": e.event,
            "cameo": e.cameo,
            "mode": e.mode,
            "context": list(e.context),
            "quad_code": e.quad_code,
            "intensity": e.intensity,
            "status": e.status,
            "actor": [a.code for a in e.actor],
            "recipient": [r.code for r in e.recipient],
            "symmetric": e.symmetric,
            "date": e.date,
            "date_precision": e.date_precision,
            "date_end": e.date_end,
            "date_start": self.start,
            "date_stop": self.stop,
            "fields": list(self.fields),
            "reports": self.n_reports,
            "num_articles": self.num_articles,
            "num_sources": self.num_sources,
            "num_mentions": self.num_mentions,
            "evidence": [
                {
                    "event_id": r.id, "doc_id": r.doc_id, "text": r.evidence.text, "trigger": r.evidence.trigger,
                    "title": r.source.title, "site": r.source.site, "url": r.source.url, "published": r.published,
                    "date": r.date, "date_precision": r.date_precision,
                }
                for r in self.reports
            ],
        }


def distinct_events(
    events: Iterable[Event], pair: tuple[str, str], fieldmap: Fields | None = None, rules: MergeRules | None = None
) -> list[Distinct]:
    """Merge the reports of one event across documents; ordered by own date, undated last.

    The rules of "same event" are stories.merge's (docs/stories.md), the store's too.
    Two records of one document never merge: the coder has already merged what it could
    there, so two events it kept apart ("A visited B and B visited A") stay two.
    """
    pair = tuple(sorted(pair))  # type: ignore[assignment]
    out = []
    for c in cluster(events, rules or MergeRules(), pair=pair):
        rep = min(c, key=lambda e: (-e.confidence, e.published or "9999", e.id))
        start, stop = date_bounds(rep.date, rep.date_precision, rep.date_end)
        out.append(Distinct(pair, rep, tuple(c), fieldmap.of(rep) if fieldmap else (), start, stop))  # type: ignore[arg-type]
    return sorted(out, key=Distinct.sort_key)


def cooperation_index(items: Sequence[Distinct]) -> float | None:
    """Mean PLOVER intensity of distinct events (−10 hostile … +10 cooperative); None if none."""
    if not items:
        return None
    return round(sum(d.intensity for d in items) / len(items), 2)


# -- periods ------------------------------------------------------------------------------


def period_label(start: str | None, stop: str | None, by: str) -> str | None:
    """The period an event's own date lies wholly inside; None if undated or coarser."""
    if not start or not stop:
        return None
    if by == "year":
        return start[:4] if start[:4] == stop[:4] else None
    if by == "month":
        return start[:7] if start[:7] == stop[:7] else None
    if by == "quarter":
        q = lambda d: f"{d[:4]}-Q{(int(d[5:7]) - 1) // 3 + 1}"  # noqa: E731
        return q(start) if q(start) == q(stop) else None
    raise ValueError(f"unknown period {by!r}")


def period_bounds(label: str, by: str) -> tuple[str, str]:
    y = int(label[:4])
    if by == "year":
        return f"{y:04d}-01-01", f"{y:04d}-12-31"
    if by == "quarter":
        q = int(label[-1])
        first = dt.date(y, 3 * q - 2, 1)
    else:
        first = dt.date(y, int(label[5:7]), 1)
    months = 3 if by == "quarter" else 1
    m = first.month - 1 + months
    last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    return first.isoformat(), last.isoformat()


class Counted:
    """What a pair's and a country's analysis share: counts, the threshold, labels."""

    counts: dict
    min_events: int
    labels: dict

    @property
    def few(self) -> bool:
        """Too few reported events for a trend: counts are given instead."""
        return self.counts["reported"] < self.min_events

    @property
    def empty(self) -> bool:
        return self.counts["records"] == 0

    def label(self, code: str) -> str:
        return self.labels.get(code, code)


@dataclass
class Period:
    label: str
    start: str
    end: str
    events: int = 0  # distinct reported events
    reports: int = 0  # the documents' records behind them
    quads: dict[str, int] = field(default_factory=lambda: {"1": 0, "2": 0, "3": 0, "4": 0})
    categories: dict[str, int] = field(default_factory=dict)
    index: float | None = None
    publication_dated: int = 0  # of `events`, dated only by their article's publication
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.label, "start": self.start, "end": self.end, "events": self.events,
            "reports": self.reports, "index": self.index, "quads": self.quads, "categories": self.categories,
            "publication_dated": self.publication_dated, "event_ids": self.event_ids,
        }


@dataclass
class Timeline:
    by: str
    periods: list[Period]
    undated: list[str]  # ids of events with no date at all
    coarse: list[str]  # ids of events whose date spans more than one period (a decade, an era)

    def period_of(self, event_id: str) -> str | None:
        for p in self.periods:
            if event_id in p.event_ids:
                return p.label
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by, "periods": [p.to_dict() for p in self.periods],
            "undated": self.undated, "coarse": self.coarse,
        }


def build_timeline(items: Sequence[Distinct], by: str) -> Timeline:
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}")
    periods: dict[str, list[Distinct]] = {}
    undated, coarse = [], []
    for d in items:
        label = period_label(d.start, d.stop, by)
        if label is None:
            (undated if d.start is None else coarse).append(d.id)
        else:
            periods.setdefault(label, []).append(d)
    out = []
    for label in sorted(periods):
        ds = periods[label]
        p = Period(label, *period_bounds(label, by))
        p.events = len(ds)
        p.reports = sum(d.n_reports for d in ds)
        for d in ds:
            p.quads[str(d.quad)] += 1
            p.categories[d.category] = p.categories.get(d.category, 0) + 1
        p.categories = dict(sorted(p.categories.items(), key=lambda kv: (-kv[1], kv[0])))
        p.index = cooperation_index(ds)
        p.publication_dated = sum(d.event.date_precision == "publication" for d in ds)
        p.event_ids = [d.id for d in ds]
        out.append(p)
    return Timeline(by, out, undated, coarse)


# -- trends and swings ----------------------------------------------------------------------


@dataclass
class Trend:
    """The index of the later half of the dated events against the earlier half."""

    events: int  # dated distinct events it is computed from
    min_events: int
    direction: str | None = None  # rising, falling, steady; None with too few events
    earlier: float | None = None
    later: float | None = None
    change: float | None = None
    n_earlier: int = 0
    n_later: int = 0
    earlier_span: tuple[str, str] | None = None
    later_span: tuple[str, str] | None = None
    earlier_ids: list[str] = field(default_factory=list)
    later_ids: list[str] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return self.events >= self.min_events

    def to_dict(self) -> dict[str, Any]:
        return {
            "events": self.events, "min_events": self.min_events, "enough": self.enough,
            "direction": self.direction, "earlier": self.earlier, "later": self.later, "change": self.change,
            "n_earlier": self.n_earlier, "n_later": self.n_later,
            "earlier_span": list(self.earlier_span) if self.earlier_span else None,
            "later_span": list(self.later_span) if self.later_span else None,
            "earlier_ids": self.earlier_ids, "later_ids": self.later_ids,
        }


def trend(items: Sequence[Distinct], min_events: int, threshold: float) -> Trend:
    dated = sorted((d for d in items if d.start), key=Distinct.sort_key)
    t = Trend(len(dated), max(min_events, 2))
    if not t.enough:
        return t
    half = len(dated) // 2
    early, late = dated[:half], dated[half:]
    t.earlier, t.later = cooperation_index(early), cooperation_index(late)
    t.change = round(t.later - t.earlier, 2)  # type: ignore[operator]
    t.n_earlier, t.n_later = len(early), len(late)
    t.earlier_span = (early[0].start, early[-1].stop)  # type: ignore[assignment]
    t.later_span = (late[0].start, late[-1].stop)  # type: ignore[assignment]
    t.earlier_ids, t.later_ids = [d.id for d in early], [d.id for d in late]
    t.direction = "rising" if t.change >= threshold else "falling" if t.change <= -threshold else "steady"
    return t


@dataclass
class Swing:
    before: str
    after: str
    index_before: float
    index_after: float
    change: float
    n_before: int
    n_after: int
    event_ids: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def swings(timeline: Timeline, limit: int) -> list[Swing]:
    """The largest changes of the index from one period with events to the next."""
    out = []
    ps = [p for p in timeline.periods if p.index is not None]
    for a, b in zip(ps, ps[1:]):
        change = round(b.index - a.index, 2)  # type: ignore[operator]
        if change:
            out.append(Swing(a.label, b.label, a.index, b.index, change, a.events, b.events, a.event_ids + b.event_ids))  # type: ignore[arg-type]
    out.sort(key=lambda s: (-abs(s.change), s.after))
    return out[:limit]
