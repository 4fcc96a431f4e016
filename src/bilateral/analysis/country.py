"""One country from the store: its partners ranked, its relations network, its shifts over time.

`analyse_country(store, "PAK")` serves the CLI and the REST API alike; the pieces are
the pair analysis's (one event once per pair, the same index and trend rules).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Sequence

from ..actors.gazetteer import gazetteer
from ..config import Config, load_config
from ..store import Store
from .distinct import (
    Counted,
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
from .fields import fields
from .pair import Filters, make_filters


@dataclass
class Partner:
    code: str
    label: str
    kind: str  # state, historical, organisation
    events: int  # distinct reported events with the country
    reports: int
    index: float | None
    cooperative: int
    conflictual: int
    proposals: int
    negated: int
    first: str | None  # first and last own dates (ISO) of the reported events
    last: str | None
    trend: Trend
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["trend"] = self.trend.to_dict()
        return d


@dataclass
class Edge:
    a: str
    b: str
    events: int
    index: float | None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class CountryAnalysis(Counted):
    country: str
    labels: dict[str, str]
    filters: Filters
    min_events: int
    counts: dict[str, int]
    index: float | None
    trend: Trend
    partners: list[Partner]  # busiest first, then the most cooperative
    timeline: Timeline
    swings: list[Swing]
    network: list[Edge]  # the country's edges to its busiest partners, and theirs among themselves
    events: dict[str, Distinct]

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "labels": self.labels,
            "filters": self.filters.to_dict(),
            "counts": self.counts,
            "few_events": self.few,
            "min_events_for_trend": self.min_events,
            "index": self.index,
            "trend": self.trend.to_dict(),
            "partners": [p.to_dict() for p in self.partners],
            "timeline": self.timeline.to_dict(),
            "swings": [s.to_dict() for s in self.swings],
            "network": [e.to_dict() for e in self.network],
            "events": [d.to_dict() for d in self.events.values()],
        }


def analyse_country(
    store: Store,
    country: str,
    *,
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] | str | None = None,
    by: str = "year",
    config: Config | None = None,
) -> CountryAnalysis:
    config = config or load_config()
    filters = make_filters(since, until, statuses, by)
    gaz = gazetteer()
    fieldmap = fields()
    records = store.events(filters.query(country=country))
    by_partner: dict[str, list] = {}
    for e in records:
        for pair in e.pairs():
            if country in pair:
                other = pair[0] if pair[1] == country else pair[1]
                by_partner.setdefault(other, []).append(e)

    register: dict[str, Distinct] = {}
    reported_all: dict[str, Distinct] = {}  # an event with two partners counts in both rows, once here
    partners = []
    for other, evs in by_partner.items():
        distinct = distinct_events(evs, (country, other), fieldmap)
        reported = [d for d in distinct if d.status == "reported"]
        for d in distinct:
            # An event linking the country to two partners is one event in the register.
            register.setdefault(d.id, d)
        for d in reported:
            reported_all.setdefault(d.id, d)
        dated = [d for d in reported if d.start]
        partners.append(Partner(
            other, gaz.label(other), gaz.kinds.get(other, "state"), len(reported), sum(d.n_reports for d in reported),
            cooperation_index(reported), sum(d.quad in (1, 2) for d in reported), sum(d.quad in (3, 4) for d in reported),
            sum(d.status in PROPOSAL_STATUSES for d in distinct), sum(d.status == "negated" for d in distinct),
            min(d.start for d in dated) if dated else None, max(d.stop for d in dated) if dated else None,  # type: ignore[type-var]
            trend(reported, config.min_events_trend, config.trend_threshold), [d.id for d in reported],
        ))
    partners.sort(key=lambda p: (-p.events, -(p.index if p.index is not None else -99), p.code))

    everything = sorted(reported_all.values(), key=Distinct.sort_key)
    timeline = build_timeline(everything, by)
    counts = {
        "records": len(records),
        "documents": len({r.doc_id for r in records}),
        "partners": len(partners),
        "events": len(register),
        "reported": len(everything),
        "reports": sum(d.n_reports for d in everything),
        "proposals": sum(p.proposals for p in partners),
        "negated": sum(p.negated for p in partners),
        "undated": len(timeline.undated),
        "coarse": len(timeline.coarse),
    }
    labels = {country: gaz.label(country), **{p.code: p.label for p in partners}}
    result = CountryAnalysis(
        country, labels, filters, max(config.min_events_trend, 2), counts, cooperation_index(everything),
        trend(everything, config.min_events_trend, config.trend_threshold), partners, timeline, [],
        [], dict(sorted(register.items(), key=lambda kv: kv[1].sort_key())),
    )
    if not result.few:
        result.swings = swings(timeline, config.max_swings)
    result.network = network(store, result, config)
    return result


def network(store: Store, result: CountryAnalysis, config: Config) -> list[Edge]:
    """Edges from the country to its busiest partners, then among those partners (same filters)."""
    shown = [p for p in result.partners if p.events][: config.max_network_partners]
    edges = [Edge(result.country, p.code, p.events, p.index) for p in shown]
    for p, q in combinations(sorted(p.code for p in shown), 2):
        evs = store.events(result.filters.query(pair=(p, q)))
        reported = [d for d in distinct_events(evs, (p, q)) if d.status == "reported"]
        if reported:
            edges.append(Edge(p, q, len(reported), cooperation_index(reported)))
    return edges
