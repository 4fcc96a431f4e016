"""Scoring the coder against gold: the figures of `bilateral evaluate`.

PLOVER records are one sentence and one event each: the coder's most confident event is
its answer. Articles are matched event by event: a predicted event matches a gold one
when its sentence holds the gold quote, it links the same sides and has the same
category. Only predicted events with two sides count (one-sided events are out of the
annotation's scope, docs/annotation.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable

from ..actors import gazetteer
from ..config import Config
from ..errors import InputError
from ..records import CATEGORIES, QUADS, Event
from ..sources import RawInput
from ..text import prepare
from .gold import ANY_ORGANISATION, GoldDoc, GoldEvent

NONE = "NONE"


@dataclass
class Report:
    name: str
    kind: str
    units: int
    gold_events: int
    predicted: int
    figures: dict[str, float]
    per_category: dict[str, dict[str, float]]
    confusion: dict[str, dict[str, int]]
    failures: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "kind": self.kind, "units": self.units, "gold_events": self.gold_events,
            "predicted": self.predicted, "figures": self.figures, "per_category": self.per_category,
            "confusion": self.confusion, "failures": self.failures,
        }


def _codes_match(pred: set[str], gold: frozenset[str]) -> bool:
    if ANY_ORGANISATION not in gold:
        return pred == set(gold)
    named = set(gold) - {ANY_ORGANISATION}
    kinds = gazetteer().kinds
    rest = pred - named
    return named <= pred and bool(rest) and all(kinds.get(c) == "organisation" for c in rest)


def _joined(events: list[Event]) -> Event:
    from dataclasses import replace

    first = events[0]
    if len(events) == 1 or first.symmetric:
        return first
    recipients = {r.code: r for e in events for r in e.recipient}
    return replace(first, recipient=tuple(recipients.values()))


def _sides_match(e: Event, g: GoldEvent) -> bool:
    actor = {a.code for a in e.actor}
    recipient = {r.code for r in e.recipient}
    if e.symmetric:
        return _codes_match(actor, g.actor | g.recipient)
    if not _codes_match(actor, g.actor):
        return False
    if not recipient and g.recipient == g.actor:
        return True  # a domestic event: bilateral codes no recipient of the actor's own state
    return not g.recipient or _codes_match(recipient, g.recipient)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn}


def _per_category(tp: Counter, fp: Counter, fn: Counter) -> dict[str, dict[str, float]]:
    return {c: _prf(tp[c], fp[c], fn[c]) for c in CATEGORIES if tp[c] or fp[c] or fn[c]}


def _confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for g, p in pairs:
        out[g][p] = out[g].get(p, 0) + 1
    return {g: dict(sorted(row.items())) for g, row in sorted(out.items())}


def _prepare(doc: GoldDoc, config: Config):
    raw = RawInput(str(doc.path or doc.id), doc.text, "html" if doc.is_html else "text")
    return prepare(raw, config, doc.published)


def score_plover(name: str, docs: list[GoldDoc], coder, config: Config) -> Report:
    n = len(docs)
    detected = top_ok = both_ok = quad_ok = 0
    extra = 0
    tp, fp, fn = Counter(), Counter(), Counter()
    pairs = []
    failures = []
    predicted = 0
    for d in docs:
        g = d.events[0]
        try:
            events = coder.code(_prepare(d, config))
        except InputError as exc:
            failures.append(str(exc))
            events = []
        events = [plover_view(e) for e in events]
        predicted += len(events)
        top = max(events, key=lambda e: e.confidence) if events else None
        pred = top.event if top else NONE
        pairs.append((g.event, pred))
        if top:
            detected += 1
            quad_ok += QUADS[top.event] == QUADS[g.event]
        if pred == g.event:
            top_ok += 1
            tp[g.event] += 1
            # bilateral writes one event per recipient ("urged A and B" → two); PLOVER one
            # event with both: compare the act as a whole
            same_act = [e for e in events if e.event == top.event and e.evidence.trigger == top.evidence.trigger]
            both_ok += _sides_match(_joined(same_act), g)
        else:
            fn[g.event] += 1
            if top:
                fp[pred] += 1
        acts = {(e.evidence.start, e.evidence.trigger, e.event) for e in events}  # one act, several recipients
        extra += len(acts) - (1 if any(e.event == g.event for e in events) else 0)
    figures = {
        "detection": round(detected / n, 3),
        "category_top": round(top_ok / n, 3),
        "actors_and_category": round(both_ok / n, 3),
        "quad_top": round(quad_ok / n, 3),
        "extra_per_record": round(extra / n, 3),
    }
    return Report(name, "plover", n, n, predicted, figures, _per_category(tp, fp, fn), _confusion(pairs), failures)


def plover_view(e: Event) -> Event:
    """Our record as PLOVER 0.5's coders would code it. They have no status: an announced
    cooperative act is a statement of intent (AGREE), a refused one a REJECT, and an
    announced or conditional hostile act a THREATEN. Used only to score against PLOVER-style gold (docs/evaluation.md)."""
    from dataclasses import replace

    if e.status == "future" and QUADS[e.event] in (1, 2) and e.event != "AGREE":
        return replace(e, event="AGREE", quad_code=1)
    if e.status == "negated" and QUADS[e.event] in (1, 2):
        return replace(e, event="REJECT", quad_code=3)
    if e.status in ("future", "hypothetical") and QUADS[e.event] == 4:
        return replace(e, event="THREATEN", quad_code=3)  # "will withdraw its force unless …"
    return e


def _date_ok(e: Event, g: GoldEvent, published: str | None) -> bool:
    if g.date is None:
        if g.date_precision == "unknown":
            return e.date_precision == "unknown"
        return e.date_precision == "publication" or (e.date is not None and e.date == published)
    return e.date is not None and e.date[:4] == g.date[:4]


def score_articles(name: str, docs: list[GoldDoc], coder, config: Config) -> Report:
    tp, fp, fn = Counter(), Counter(), Counter()
    pairs = []
    matched = located = status_ok = date_ok = actor_ok = quad_ok = proposals_as_fact = 0
    gold_n = predicted_n = 0
    failures = []
    for d in docs:
        try:
            doc = _prepare(d, config)
            events = [e for e in coder.code(doc) if e.actor and e.recipient]
        except InputError as exc:
            failures.append(str(exc))
            doc, events = None, []
        predicted_n += len(events)
        gold_n += len(d.events)
        used: set[str] = set()
        for g in d.events:
            span = _quote_span(doc.text, g.quote) if doc else None
            if span is None:
                if doc is not None:
                    failures.append(f"{d.id}: quote not in the cleaned text: {g.quote!r}")
                fn[g.event] += 1
                pairs.append((g.event, NONE))
                continue
            here = [e for e in events if e.id not in used and e.evidence.start < span[1] and span[0] < e.evidence.end]
            same_pair = [e for e in here if {x.code for x in (*e.actor, *e.recipient)} == set(g.actor | g.recipient)]
            hit = next((e for e in same_pair if e.event == g.event), None)
            loc = hit or (same_pair[0] if same_pair else None)
            if loc is None:
                fn[g.event] += 1
                pairs.append((g.event, NONE))
                continue
            located += 1
            pairs.append((g.event, loc.event))

            quad_ok += QUADS[loc.event] == QUADS[g.event]
            if hit is None:
                fn[g.event] += 1
                continue
            used.add(hit.id)
            matched += 1
            if g.status in ("hypothetical", "future") and hit.status == "reported":
                proposals_as_fact += 1
            tp[g.event] += 1
            status_ok += hit.status == g.status
            date_ok += _date_ok(hit, g, d.published)
            actor_ok += _sides_match(hit, g) if not g.symmetric else hit.symmetric
        for e in events:
            if e.id not in used:
                fp[e.event] += 1
    p = matched / predicted_n if predicted_n else 0.0
    r = matched / gold_n if gold_n else 0.0
    figures = {
        "event_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "located": round(located / gold_n, 3) if gold_n else 0.0,
        "quad_accuracy": round(quad_ok / located, 3) if located else 0.0,
        "actor_accuracy": round(actor_ok / matched, 3) if matched else 0.0,
        "status_accuracy": round(status_ok / matched, 3) if matched else 0.0,
        "date_accuracy_year": round(date_ok / matched, 3) if matched else 0.0,
        "extra_per_article": round((predicted_n - matched) / len(docs), 3) if docs else 0.0,
        # gold recommendations, conditions and plans whose sentence yields a `reported` event
        # between the same sides: the fault this project exists to avoid
        "proposals_reported_as_fact": proposals_as_fact,
    }
    return Report(name, "articles", len(docs), gold_n, predicted_n, figures, _per_category(tp, fp, fn), _confusion(pairs), failures)


def _quote_span(text: str, quote: str | None) -> tuple[int, int] | None:
    if not quote:
        return None
    i = text.find(quote)
    if i < 0:
        # cleaning folds runs of white space; fold the quote the same way
        q = " ".join(quote.split())
        i = text.find(q)
        if i < 0:
            return None
        return i, i + len(q)
    return i, i + len(quote)


def evaluate(name: str, docs: list[GoldDoc], coder, config: Config | None = None) -> Report:
    # Gold sentences are short: do not refuse them as "too little text" or check their language.
    config = (config or Config()).with_overrides(min_chars=1, language_min_chars=10**9)
    if docs and docs[0].kind == "plover":
        return score_plover(name, docs, coder, config)
    return score_articles(name, docs, coder, config)
