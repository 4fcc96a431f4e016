"""Per-pair summaries: how much happened between two countries, and how friendly it was.

The index is the mean PLOVER intensity of the pair's reported events (−10 hostile …
+10 cooperative): a mean, not a sum, so a burst of articles does not read as a burst
of friendship. Proposals (future, hypothetical) are counted apart and never scored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..records import Event
from ..store import Store


@dataclass
class PairSummary:
    a: str
    b: str
    reported: int = 0
    proposals: int = 0
    negated: int = 0
    quads: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    index: float | None = None
    first: str | None = None
    last: str | None = None

    @property
    def total(self) -> int:
        return self.reported + self.proposals + self.negated


def summarise_events(a: str, b: str, events: list[Event]) -> PairSummary:
    s = PairSummary(a, b)
    scores = []
    years = []
    for e in events:
        if e.status == "reported":
            s.reported += 1
            s.quads[e.quad_code] += 1
            s.categories[e.event] += 1
            scores.append(e.intensity)
            if e.date and e.date_precision != "unknown":
                years.append(e.date[:4])
        elif e.status == "negated":
            s.negated += 1
        else:
            s.proposals += 1
    if scores:
        s.index = round(sum(scores) / len(scores), 2)
    if years:
        s.first, s.last = min(years), max(years)
    return s


def summarise_pairs(store: Store, min_events: int = 1) -> list[PairSummary]:
    out = []
    for a, b, n in store.pairs():
        if n < min_events:
            continue
        out.append(summarise_events(a, b, store.events(pair=(a, b))))
    return out
