"""Output formats for events, registered by name: a plugin can add one with `@exporter`."""

from __future__ import annotations

import csv
import itertools
import json
from typing import Callable, Iterable, TextIO

from rich.console import Console
from rich.table import Table

from ..records import Event

Exporter = Callable[[Iterable[Event], TextIO], int]
EXPORTERS: dict[str, Exporter] = {}

CSV_COLUMNS = [
    "id", "doc_id", "event", "mode", "context", "cameo", "quad_code", "intensity", "goldstein",
    "actor", "actor_text", "recipient", "recipient_text", "symmetric", "status", "date",
    "date_precision", "date_end", "published", "evidence_text", "evidence_start", "evidence_end",
    "trigger", "confidence", "url", "title", "site",
]


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn

    return register


@exporter("jsonl")
def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def csv_row(e: Event) -> dict[str, object]:
    return {
        "id": e.id, "doc_id": e.doc_id, "event": e.event, "mode": e.mode or "", "context": ";".join(e.context),
        "cameo": e.cameo, "quad_code": e.quad_code, "intensity": e.intensity, "goldstein": e.goldstein,
        "actor": ";".join(a.code for a in e.actor), "actor_text": ";".join(a.text for a in e.actor),
        "recipient": ";".join(r.code for r in e.recipient), "recipient_text": ";".join(r.text for r in e.recipient),
        "symmetric": str(e.symmetric).lower(), "status": e.status, "date": e.date or "",
        "date_precision": e.date_precision, "date_end": e.date_end or "", "published": e.published or "",
        "evidence_text": e.evidence.text, "evidence_start": e.evidence.start, "evidence_end": e.evidence.end,
        "trigger": e.evidence.trigger, "confidence": e.confidence, "url": e.source.url or "",
        "title": e.source.title or "", "site": e.source.site or "",
    }


# Merged events (docs/stories.md) add these after the SCHEMA columns.
MERGED_COLUMNS = ["group_id", "num_articles", "num_sources", "num_mentions"]


@exporter("csv")
def write_csv(events: Iterable[Event], out: TextIO) -> int:
    it = iter(events)
    first = next(it, None)
    merged = first is not None and first.group_id is not None
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS + (MERGED_COLUMNS if merged else []), lineterminator="\n")
    w.writeheader()
    n = 0
    for e in itertools.chain([first] if first is not None else [], it):
        row = csv_row(e)
        if merged:
            row.update(group_id=e.group_id, num_articles=e.num_articles, num_sources=e.num_sources, num_mentions=e.num_mentions)
        w.writerow(row)
        n += 1
    return n


@exporter("table")
def write_table(events: Iterable[Event], out: TextIO) -> int:
    table = Table(show_lines=False, expand=False)
    for col in ("date", "event", "actor → recipient", "status", "context", "evidence"):
        table.add_column(col, overflow="fold")
    n = 0
    for e in events:
        arrow = "↔" if e.symmetric else "→"
        sides = (
            "+".join(a.code for a in e.actor)
            if e.symmetric
            else f"{'+'.join(a.code for a in e.actor)} {arrow} {'+'.join(r.code for r in e.recipient) or '—'}"
        )
        if e.symmetric:
            sides = f"{sides} {arrow}"
        date = e.date or "?"
        if e.date_precision in ("publication", "unknown", "period", "decade"):
            date = f"{date} ({e.date_precision})" if e.date else e.date_precision
        table.add_row(date, e.event, sides, e.status, ",".join(e.context), _clip(e.evidence.text, 110))
        n += 1
    Console(file=out, width=160 if not out.isatty() else None).print(table)
    return n


def _clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
