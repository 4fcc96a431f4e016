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


# -- interchange (issue 7): PLOVER JSON Lines, a GDELT 2.0-style table, Parquet ------------------


def _merged(e: Event, name: str) -> int:
    """num_articles / num_sources / num_mentions of an event merged across articles; 1 without."""
    value = getattr(e, name, None)
    return int(value) if value else 1


def plover_record(e: Event) -> dict:
    """Our event in PLOVER's JSON field names (PLOVER manual, "JSON Data Fields").

    PLOVER has no status or date precision: `date` is the first day the event's date
    covers (YYYY-MM-DD, as PLOVER requires), `enddate` the last where it covers more
    than a day, and the record keeps ours as extra named fields (PLOVER allows them):
    `status`, `date_precision`, `confidence`, `bilateral_id`.
    """
    from ..store.store import date_bounds

    start, stop = date_bounds(e.date, e.date_precision, e.date_end)
    if start is None and e.published:
        start = stop = e.published

    def actor(ent) -> dict:
        out = {"code": ent.code, "actor_text": ent.text, "sector": ent.sector}
        if ent.name:
            out["identifier_text"] = ent.name
        return out

    record = {
        "id": e.id,
        "date": start,
        "enddate": stop if stop and stop != start else None,
        "source": [actor(a) for a in e.actor],
        "recipient": [actor(r) for r in e.recipient],
        "event": [e.event],
        "event_text": [e.evidence.trigger],
        "quad_code": e.quad_code,
        "event_scale": e.intensity,
        "mode": [e.mode] if e.mode else [],
        "context": list(e.context),
        "text": e.evidence.text,
        "text_info": {"start": e.evidence.start, "end": e.evidence.end},
        "cite_info": {"url": e.source.url, "title": e.source.title, "publication": e.source.site, "language": "en",
                      "coder": "bilateral", "codebook": "plover-2.0"},
        "coder": "bilateral",
        "status": e.status,
        "date_precision": e.date_precision,
        "confidence": e.confidence,
        "bilateral_id": e.id,
        "doc_id": e.doc_id,
    }
    return {k: v for k, v in record.items() if v is not None}


@exporter("plover")
def write_plover(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(plover_record(e), ensure_ascii=False) + "\n")
        n += 1
    return n


def cameo_quad(cameo: str) -> int:
    """GDELT's QuadClass, from the CAMEO root: 01-05 → 1, 06-08 → 2, 09-13 → 3, 14-20 → 4."""
    root = int(cameo[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def gdelt_rows(e: Event) -> list[dict[str, str]]:
    """Our event as GDELT 2.0 event rows: one per (actor, recipient) pair of countries.

    A mutual event ("A and B signed") is one row per pair, A first; an event with no
    recipient is one row with an empty Actor2.
    """
    import datetime as dt
    import hashlib

    from ..store.gdelt import gdelt_columns
    from ..store.store import date_bounds

    start, _ = date_bounds(e.date, e.date_precision, e.date_end)
    day = start or e.published
    ordered: list[tuple] = []
    for a in e.actor:
        for r in e.recipient or (None,):
            if r is not None and r.code == a.code:
                continue
            if e.symmetric and r is not None and any((r.code, a.code) == (x.code, y.code) for x, y in ordered if y):
                continue
            ordered.append((a, r))
    if not ordered and e.actor:
        ordered.append((e.actor[0], None))
    rows = []
    for a, r in ordered:
        key = f"{e.id}|{a.code}|{r.code if r else ''}"
        row = {c: "" for c in gdelt_columns()}
        row["GLOBALEVENTID"] = str(int(hashlib.sha1(key.encode()).hexdigest()[:15], 16))
        if day:
            d = dt.date.fromisoformat(day)
            row["SQLDATE"] = d.strftime("%Y%m%d")
            row["MonthYear"] = d.strftime("%Y%m")
            row["Year"] = d.strftime("%Y")
            row["FractionDate"] = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"
            row["DATEADDED"] = (e.published or day).replace("-", "") + "000000"
        for n, ent in (("1", a), ("2", r)):
            if ent is None:
                continue
            state = len(ent.code) == 3 and ent.code.isalpha()
            row[f"Actor{n}Code"] = ent.code + (ent.sector or "") if state else ent.code
            row[f"Actor{n}Name"] = (ent.name or ent.text).upper()
            row[f"Actor{n}CountryCode"] = ent.code if state else ""
            row[f"Actor{n}KnownGroupCode"] = "" if state else ent.code
            row[f"Actor{n}Type1Code"] = ent.sector or ""
        row["IsRootEvent"] = "1"
        row["EventCode"] = e.cameo
        row["EventBaseCode"] = e.cameo[:3]
        row["EventRootCode"] = e.cameo[:2]
        row["QuadClass"] = str(cameo_quad(e.cameo))
        row["GoldsteinScale"] = f"{e.goldstein:g}"
        row["NumMentions"] = str(_merged(e, "num_mentions"))
        row["NumSources"] = str(_merged(e, "num_sources"))
        row["NumArticles"] = str(_merged(e, "num_articles"))
        row["SOURCEURL"] = e.source.url or ""
        rows.append(row)
    return rows


@exporter("gdelt")
def write_gdelt(events: Iterable[Event], out: TextIO) -> int:
    """A GDELT 2.0 events table: tab-separated, the 61 columns in order, no header (as GDELT's files)."""
    from ..store.gdelt import gdelt_columns

    cols = gdelt_columns()
    n = 0
    for e in events:
        for row in gdelt_rows(e):
            out.write("\t".join(row[c].replace("\t", " ").replace("\n", " ") for c in cols) + "\n")
        n += 1
    return n


BinaryExporter = Callable[[Iterable[Event], "BinaryIO"], int]
BINARY_EXPORTERS: dict[str, BinaryExporter] = {}


def write_parquet(events: Iterable[Event], out) -> int:
    """One Parquet file of events: the same columns as a dataset's events parts (docs/exports.md)."""
    import itertools

    import pyarrow.parquet as pq

    from ..scale.parquet import events_table

    it = iter(events)
    n = 0
    writer = pq.ParquetWriter(out, events_table([]).schema)
    try:
        while chunk := list(itertools.islice(it, 5000)):  # memory: one chunk, however large the store
            writer.write_table(events_table(chunk))
            n += len(chunk)
    finally:
        writer.close()
    return n


BINARY_EXPORTERS["parquet"] = write_parquet
