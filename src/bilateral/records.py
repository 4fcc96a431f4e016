"""The record types that travel along the pipeline: Document → Mention → Event.

Each stage takes one of these and returns the next; all are frozen dataclasses so a
stage can never change what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The 16 PLOVER 2.0 categories and their quad class (SCHEMA.md).
QUADS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 3,
    "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
CATEGORIES: tuple[str, ...] = tuple(QUADS)
STATUSES: tuple[str, ...] = ("reported", "future", "hypothetical", "negated")
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade", "period", "publication", "unknown")


@dataclass(frozen=True)
class Source:
    url: str | None = None
    title: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Document:
    """A cleaned document: the text every evidence offset points into."""

    doc_id: str
    text: str
    published: str | None
    source: Source
    origin: str  # where it came from: a path, "<stdin>", "file.jsonl:12", a URL


@dataclass(frozen=True)
class Entity:
    code: str
    text: str
    sector: str | None = "GOV"
    name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "text": self.text, "sector": self.sector, "name": self.name}


@dataclass(frozen=True)
class Mention:
    """An actor found in a sentence: token span [start, end) in the spaCy doc."""

    code: str
    text: str
    start: int
    end: int
    kind: str  # state, historical, organisation, official, capital, seat, demonym, coref
    sector: str = "GOV"
    name: str | None = None
    terms: tuple = ()  # an official's terms in office (actors.gazetteer.Term)

    def entity(self) -> Entity:
        return Entity(self.code, self.text, self.sector, self.name)


@dataclass(frozen=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: str


@dataclass(frozen=True)
class Report:
    """One article's telling of a merged event: its record id, document, evidence and source."""

    event_id: str
    doc_id: str
    evidence: Evidence
    source: Source
    published: str | None
    date: str | None = None
    date_precision: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id, "doc_id": self.doc_id, "published": self.published,
            "date": self.date, "date_precision": self.date_precision,
            "evidence": {"text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end,
                         "trigger": self.evidence.trigger},
            "source": {"url": self.source.url, "title": self.source.title, "site": self.source.site},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Report":
        ev, src = d["evidence"], d.get("source") or {}
        return cls(d["event_id"], d["doc_id"], Evidence(ev["text"], ev["start"], ev["end"], ev["trigger"]),
                   Source(src.get("url"), src.get("title"), src.get("site")), d.get("published"),
                   d.get("date"), d.get("date_precision"))


@dataclass(frozen=True)
class Event:
    id: str
    doc_id: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_code: int
    intensity: float
    goldstein: float
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    symmetric: bool
    status: str
    date: str | None
    date_precision: str
    date_end: str | None
    published: str | None
    evidence: Evidence
    confidence: float
    source: Source = field(default_factory=Source)
    # Extension (docs/stories.md): set on a merged event, the one event several articles
    # report. GDELT's NumArticles, NumSources and NumMentions; every report's evidence.
    group_id: str | None = None
    num_articles: int | None = None
    num_sources: int | None = None
    num_mentions: int | None = None
    mentions: tuple[Report, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The record of SCHEMA.md, keys in its order; a merged event adds its extension keys."""
        d = self._record()
        if self.group_id is not None:
            d.update(
                group_id=self.group_id, num_articles=self.num_articles, num_sources=self.num_sources,
                num_mentions=self.num_mentions, mentions=[m.to_dict() for m in self.mentions],
            )
        return d

    def _record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_code": self.quad_code,
            "intensity": self.intensity,
            "goldstein": self.goldstein,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [r.to_dict() for r in self.recipient],
            "symmetric": self.symmetric,
            "status": self.status,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_end": self.date_end,
            "published": self.published,
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
                "trigger": self.evidence.trigger,
            },
            "confidence": self.confidence,
            "source": {"url": self.source.url, "title": self.source.title, "site": self.source.site},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        ev = d["evidence"]
        src = d.get("source") or {}
        return cls(
            id=d["id"],
            doc_id=d["doc_id"],
            event=d["event"],
            mode=d.get("mode"),
            context=tuple(d.get("context") or ()),
            cameo=d["cameo"],
            quad_code=d["quad_code"],
            intensity=d["intensity"],
            goldstein=d["goldstein"],
            actor=tuple(Entity(**a) for a in d["actor"]),
            recipient=tuple(Entity(**r) for r in d["recipient"]),
            symmetric=d["symmetric"],
            status=d["status"],
            date=d.get("date"),
            date_precision=d["date_precision"],
            date_end=d.get("date_end"),
            published=d.get("published"),
            evidence=Evidence(ev["text"], ev["start"], ev["end"], ev["trigger"]),
            confidence=d["confidence"],
            source=Source(src.get("url"), src.get("title"), src.get("site")),
            group_id=d.get("group_id"),
            num_articles=d.get("num_articles"),
            num_sources=d.get("num_sources"),
            num_mentions=d.get("num_mentions"),
            mentions=tuple(Report.from_dict(m) for m in d.get("mentions") or ()),
        )

    def pairs(self) -> set[tuple[str, str]]:
        """Unordered country pairs this event links (codes sorted within a pair)."""
        out: set[tuple[str, str]] = set()
        for a in self.actor:
            for r in self.recipient:
                if a.code != r.code:
                    out.add(tuple(sorted((a.code, r.code))))  # type: ignore[arg-type]
        return out
