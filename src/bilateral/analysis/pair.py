"""A country pair from the store: timeline, index, scorecard, milestones and proposals.

`analyse_pair(store, "PAK", "RUS")` is the one entry point, for the CLI and for the REST
API alike; it returns a PairAnalysis whose `to_dict()` is the JSON output. Every figure
names the events behind it (ids into `events`), so a brief can cite each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..actors.gazetteer import gazetteer
from ..config import Config, load_config
from ..errors import BilateralError, SameCountry
from ..records import STATUSES
from ..store import Query, Store
from .distinct import (
    Counted,
    PERIODS,
    PROPOSAL_STATUSES,
    Distinct,
    Swing,
    Timeline,
    Trend,
    build_timeline,
    cooperation_index,
    distinct_events,
    swings,
    trend,
)
from .fields import NO_FIELD, fields

# "first", "first-ever", "first ever", but not "at first" or "first of all".
FIRST = re.compile(r"(?<!\bat )\bfirst(?:[- ]ever)?\b(?! of all)", re.I)
ESTABLISH = re.compile(r"\bestablish(?:ed|es|ing|ment)?\b(?:\W+\w+){0,6}?\W+(?:relations|ties|relationship)\b", re.I)
ESTABLISH_CAMEO = "054"
FIRST_WINDOW = 40  # characters between "first" and the trigger


def resolve_pair(a: str, b: str) -> tuple[str, str]:
    """Codes for two countries given by code or name; UnknownCountry or SameCountry if wrong."""
    gaz = gazetteer()
    ca, cb = gaz.resolve_country(a), gaz.resolve_country(b)
    if ca == cb:
        reason = "given twice" if a.strip().casefold() == b.strip().casefold() else (
            f"given twice: {a.strip()!r} and {b.strip()!r} are both {gaz.label(ca)}"
        )
        raise SameCountry(f"{gaz.label(ca)} ({ca})", reason)
    return ca, cb


def parse_statuses(status: str | Sequence[str] | None) -> tuple[str, ...]:
    if status is None:
        return STATUSES
    items = [s.strip() for s in (status.split(",") if isinstance(status, str) else status) if s.strip()]
    bad = [s for s in items if s not in STATUSES]
    if bad or not items:
        raise BilateralError("status", f"unknown status {bad[0] if bad else status!r}", hint="one of " + ", ".join(STATUSES))
    return tuple(s for s in STATUSES if s in items)


@dataclass
class Filters:
    since: str | None = None
    until: str | None = None
    statuses: tuple[str, ...] = STATUSES
    by: str = "year"

    def query(self, **kw: Any) -> Query:
        return Query(since=self.since, until=self.until, status=",".join(self.statuses), **kw)

    def to_dict(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "statuses": list(self.statuses), "by": self.by}


@dataclass
class FieldScore:
    key: str
    label: str
    events: int = 0  # distinct reported events in the field
    reports: int = 0
    level: float | None = None  # the index over those events
    cooperative: int = 0
    conflictual: int = 0
    trend: Trend | None = None
    strongest: str | None = None  # event id
    proposals: list[str] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["trend"] = self.trend.to_dict() if self.trend else None
        return d


@dataclass
class Milestone:
    kind: str  # first, establishment, anniversary, most_cited
    date: str | None  # the event's own date, or the anniversary's year
    text: str  # what happened, in a few words
    event_ids: list[str]
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Milestones:
    firsts: list[Milestone] = field(default_factory=list)
    establishment: Milestone | None = None
    anniversaries: list[Milestone] = field(default_factory=list)
    swings: list[Swing] = field(default_factory=list)
    most_cited: list[Milestone] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "firsts": [m.to_dict() for m in self.firsts],
            "establishment": self.establishment.to_dict() if self.establishment else None,
            "anniversaries": [m.to_dict() for m in self.anniversaries],
            "swings": [s.to_dict() for s in self.swings],
            "most_cited": [m.to_dict() for m in self.most_cited],
        }


@dataclass
class Proposal:
    id: str
    status: str
    category: str
    fields: tuple[str, ...]
    proposed: str | None  # publication date of the first report that proposed it
    carried_out: list[str]  # later reported events of the pair and category

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["fields"] = list(self.fields)
        return d


@dataclass
class PairAnalysis(Counted):
    a: str
    b: str
    labels: dict[str, str]
    filters: Filters
    min_events: int
    as_of: str | None  # the latest publication date among the pair's reports
    counts: dict[str, int]
    index: float | None
    trend: Trend
    timeline: Timeline
    scorecard: list[FieldScore]
    milestones: Milestones
    proposals: list[Proposal]
    negated: list[str]
    events: dict[str, Distinct]  # every event cited above, by id, ordered by own date

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": [self.a, self.b],
            "labels": self.labels,
            "filters": self.filters.to_dict(),
            "as_of": self.as_of,
            "counts": self.counts,
            "few_events": self.few,
            "min_events_for_trend": self.min_events,
            "index": self.index,
            "trend": self.trend.to_dict(),
            "timeline": self.timeline.to_dict(),
            "scorecard": [f.to_dict() for f in self.scorecard],
            "milestones": self.milestones.to_dict(),
            "proposals": [p.to_dict() for p in self.proposals],
            "negated": self.negated,
            "events": [d.to_dict() for d in self.events.values()],
        }


def make_filters(since: str | None, until: str | None, statuses, by: str) -> Filters:
    """The filters a pair's or a country's analysis takes, checked."""
    if by not in PERIODS:
        raise BilateralError("by", f"unknown period {by!r}", hint="one of " + ", ".join(PERIODS))
    return Filters(since, until, parse_statuses(statuses), by)


def analyse_pair(
    store: Store,
    a: str,
    b: str,
    *,
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] | str | None = None,
    by: str = "year",
    config: Config | None = None,
) -> PairAnalysis:
    """Everything the store says about a pair (codes; see resolve_pair for names)."""
    config = config or load_config()
    filters = make_filters(since, until, statuses, by)
    a, b = sorted((a, b))
    fieldmap = fields()
    records = store.events(filters.query(pair=(a, b)))
    distinct = distinct_events(records, (a, b), fieldmap)
    reported = [d for d in distinct if d.status == "reported"]
    proposals = [d for d in distinct if d.status in PROPOSAL_STATUSES]
    negated = [d for d in distinct if d.status == "negated"]
    register = {d.id: d for d in distinct}

    # Every reported event of the pair, whatever the filters: to date the establishment of
    # relations and to see whether a proposal was carried out later.
    all_reported = distinct_events(store.events(pair=(a, b), status="reported"), (a, b), fieldmap)

    timeline = build_timeline(reported, by)
    published = [r.published for r in records if r.published]
    as_of = max(published) if published else None
    gaz = gazetteer()
    counts = {
        "records": len(records),
        "documents": len({r.doc_id for r in records}),
        "events": len(distinct),
        "reported": len(reported),
        "reports": sum(d.n_reports for d in reported),
        "proposals": len(proposals),
        "negated": len(negated),
        "undated": len(timeline.undated),
        "coarse": len(timeline.coarse),
        "publication_dated": sum(p.publication_dated for p in timeline.periods),
        "cooperative": sum(d.quad in (1, 2) for d in reported),
        "conflictual": sum(d.quad in (3, 4) for d in reported),
    }
    result = PairAnalysis(
        a, b, {a: gaz.label(a), b: gaz.label(b)}, filters, max(config.min_events_trend, 2), as_of, counts,
        cooperation_index(reported), trend(reported, config.min_events_trend, config.trend_threshold), timeline,
        scorecard(reported, proposals, config), Milestones(), [], [d.id for d in negated], register,
    )
    result.milestones = milestones(result, reported, all_reported, config)
    result.proposals = [_proposal(p, all_reported) for p in proposals]
    # A proposal carried out after --until is still cited: its evidence must be in the register.
    later = {d.id: d for d in all_reported}
    for p in result.proposals:
        for i in p.carried_out:
            register.setdefault(i, later[i])
    result.events = dict(sorted(register.items(), key=lambda kv: kv[1].sort_key()))
    return result


def scorecard(reported: list[Distinct], proposals: list[Distinct], config: Config) -> list[FieldScore]:
    fieldmap = fields()
    out = []
    for key, label in [*fieldmap.labels.items(), (NO_FIELD, "no field")]:
        mine = [d for d in reported if (key in d.fields if key != NO_FIELD else not d.fields)]
        props = [d.id for d in proposals if (key in d.fields if key != NO_FIELD else not d.fields)]
        if key == NO_FIELD and not mine and not props:
            continue
        s = FieldScore(key, label, len(mine), sum(d.n_reports for d in mine), cooperation_index(mine))
        s.cooperative = sum(d.quad in (1, 2) for d in mine)
        s.conflictual = sum(d.quad in (3, 4) for d in mine)
        s.trend = trend(mine, config.min_events_trend, config.trend_threshold)
        s.strongest = strongest(mine)
        s.proposals = props
        s.event_ids = [d.id for d in mine]
        out.append(s)
    return out


def strongest(items: Sequence[Distinct]) -> str | None:
    """The event that best stands for a field: most reports, then material over verbal,
    then the strongest score, then the surest, then the latest."""
    if not items:
        return None
    return max(
        items, key=lambda d: (d.n_reports, d.quad in (2, 4), abs(d.intensity), d.event.confidence, d.start or "", d.id)
    ).id


def _describe(d: Distinct) -> str:
    e = d.event
    what = e.event + (f" ({e.mode})" if e.mode else "")
    if e.context:
        what += ", " + "/".join(e.context)
    return what


def milestones(result: PairAnalysis, reported: list[Distinct], all_reported: list[Distinct], config: Config) -> Milestones:
    m = Milestones()
    est = establishment(all_reported)
    for d in reported:
        # "First established relations" is the establishment, listed as such below.
        if (est is None or d.id != est.id) and any(_first_near_trigger(r) for r in d.reports):
            m.firsts.append(Milestone("first", d.event.date, _describe(d), [d.id], {"precision": d.event.date_precision}))

    if est is not None:
        year = int(est.start[:4])  # type: ignore[index]
        m.establishment = Milestone("establishment", est.event.date, "relations established", [est.id], {"year": year})
        result.events.setdefault(est.id, est)
        last_year = _as_of_year(result)
        first_year = int(result.filters.since[:4]) if result.filters.since else year
        step = max(config.anniversary_step, 1)
        y = year + step
        while last_year is not None and y <= last_year:
            if y >= first_year:
                n = y - year
                marked = [d.id for d in reported if d.start and d.start[:4] == str(y) and _marks(d, n)]
                m.anniversaries.append(
                    Milestone("anniversary", str(y), f"{_ordinal(n)} anniversary of relations", [est.id, *marked],
                              {"years": n, "established": year, "marked_by": marked})
                )
            y += step

    if not result.few:
        m.swings = swings(result.timeline, config.max_swings)
    cited = sorted((d for d in reported if d.n_reports > 1), key=lambda d: (-d.n_reports, *d.sort_key()))
    for d in cited[: config.max_most_cited]:
        m.most_cited.append(Milestone("most_cited", d.event.date, _describe(d), [d.id], {"reports": d.n_reports}))
    return m


def _first_near_trigger(e) -> bool:
    """'first' close to the event's own trigger: a long sentence's other 'first' is not this event's."""
    text = e.evidence.text
    spans = [m.span() for m in re.finditer(re.escape(e.evidence.trigger), text, re.I)] if e.evidence.trigger else []
    if not spans:
        return False
    for m in FIRST.finditer(text):
        if any(max(0, m.start() - end, start - m.end()) <= FIRST_WINDOW for start, end in spans):
            return True
    return False


def establishment(reported: Sequence[Distinct]) -> Distinct | None:
    """The earliest reported establishment of relations with an own date of a year or finer."""
    found = [
        d for d in reported
        if d.category == "SUPPORT" and d.event.cameo == ESTABLISH_CAMEO and d.start
        and d.event.date_precision in ("day", "month", "year")
        and any(ESTABLISH.search(r.evidence.text) for r in d.reports)
    ]
    return min(found, key=Distinct.sort_key) if found else None


def _as_of_year(result: PairAnalysis) -> int | None:
    years = []
    if result.as_of:
        years.append(int(result.as_of[:4]))
    years += [int(d.stop[:4]) for d in result.events.values() if d.stop]
    if not years:
        return None
    last = max(years)
    if result.filters.until:
        last = min(last, int(result.filters.until[:4]))
    return last


def _marks(d: Distinct, n: int) -> bool:
    pat = re.compile(rf"\b{n}(?:st|nd|rd|th)?\b[\s-]+anniversary", re.I)
    return any(pat.search(r.evidence.text) for r in d.reports)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _proposal(p: Distinct, all_reported: Sequence[Distinct]) -> Proposal:
    proposed = min((r.published for r in p.reports if r.published), default=None) or p.start
    later = [
        d.id for d in all_reported
        if d.category == p.category and proposed and d.start and d.start > proposed and not (d.doc_ids & p.doc_ids)
        and (not p.fields or set(p.fields) & set(d.fields))
    ]
    return Proposal(p.id, p.status, p.category, p.fields, proposed, later)
