"""Coded documents as a partitioned Parquet dataset, and back into a store.

Layout of a dataset folder:

    _bilateral.json                 {"format": "bilateral-parquet", "version": 1, ...}
    documents/part-<run>-<n>.parquet  one row per document (the cleaned text the offsets point into)
    events/part-<run>-<n>.parquet     one row per event: flat columns for analysts plus `record`,
                                      the full SCHEMA.md record as JSON

A documents part and the events part of the same name hold the same documents, so a part
can be loaded on its own. Parts are written under a temporary name and renamed, so a run
that dies leaves whole parts only. Every part also carries the format version in its
Parquet metadata; a dataset of another version is refused (E701), never half-read.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .. import __version__
from ..errors import DatasetError, DatasetVersionError
from ..records import Document, Event, Source

FORMAT = "bilateral-parquet"
FORMAT_VERSION = 1
MARKER = "_bilateral.json"
META_KEY = b"bilateral.format_version"


def _pa():
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa, pq


def documents_table(docs: Sequence[Document]):
    pa, _ = _pa()
    cols = {
        "doc_id": [d.doc_id for d in docs],
        "origin": [d.origin for d in docs],
        "url": [d.source.url for d in docs],
        "title": [d.source.title for d in docs],
        "site": [d.source.site for d in docs],
        "published": [d.published for d in docs],
        "text": [d.text for d in docs],
    }
    schema = pa.schema([(k, pa.string()) for k in cols], metadata={META_KEY: str(FORMAT_VERSION).encode()})
    return pa.table(cols, schema=schema)


EVENT_FIELDS = [
    ("id", "string"), ("doc_id", "string"), ("event", "string"), ("mode", "string"), ("context", "list"),
    ("cameo", "string"), ("quad_code", "int8"), ("intensity", "float64"), ("goldstein", "float64"),
    ("actor", "list"), ("recipient", "list"), ("symmetric", "bool"), ("status", "string"), ("date", "string"),
    ("date_precision", "string"), ("date_end", "string"), ("published", "string"), ("evidence_text", "string"),
    ("evidence_start", "int32"), ("evidence_end", "int32"), ("trigger", "string"), ("confidence", "float64"),
    ("url", "string"), ("record", "string"),
]


def events_table(events: Sequence[Event]):
    """One row per event: flat columns (actor and recipient as lists of codes) and the full record."""
    pa, _ = _pa()
    types = {"string": pa.string(), "list": pa.list_(pa.string()), "int8": pa.int8(), "int32": pa.int32(),
             "float64": pa.float64(), "bool": pa.bool_()}
    rows = {name: [] for name, _ in EVENT_FIELDS}
    for e in events:
        d = e.to_dict()
        for name, _ in EVENT_FIELDS:
            if name in ("actor", "recipient"):
                value = [a["code"] for a in d[name]]
            elif name.startswith("evidence_"):
                value = d["evidence"][name[len("evidence_"):]]
            elif name == "trigger":
                value = d["evidence"]["trigger"]
            elif name == "url":
                value = d["source"]["url"]
            elif name == "record":
                value = json.dumps(d, ensure_ascii=False)
            else:
                value = d[name]
            rows[name].append(value)
    schema = pa.schema([(n, types[t]) for n, t in EVENT_FIELDS], metadata={META_KEY: str(FORMAT_VERSION).encode()})
    return pa.table(rows, schema=schema)


class DatasetWriter:
    """Appends parts to a dataset folder; creates the folder and its marker if new."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.run = uuid.uuid4().hex[:8]
        self.parts = 0
        marker = self.folder / MARKER
        try:
            if marker.exists():
                check_marker(self.folder)
            else:
                (self.folder / "documents").mkdir(parents=True, exist_ok=True)
                (self.folder / "events").mkdir(parents=True, exist_ok=True)
                marker.write_text(json.dumps(
                    {"format": FORMAT, "version": FORMAT_VERSION, "written_by": f"bilateral {__version__}"}, indent=2
                ) + "\n", "utf-8")
        except OSError as exc:
            raise DatasetError(str(self.folder), f"cannot write the dataset: {exc.strerror or exc}") from exc

    def write(self, results: Iterable[tuple[Document, list[Event]]]) -> int:
        """Write one part (documents and their events); returns the number of documents."""
        _, pq = _pa()
        results = list(results)
        if not results:
            return 0
        name = f"part-{self.run}-{self.parts:05d}.parquet"
        self.parts += 1
        docs = [d for d, _ in results]
        events = [e for _, evs in results for e in evs]
        # Events first, documents last: a reader keys on the documents part, so a part is
        # visible only once both halves are complete.
        for sub, table in (("events", events_table(events)), ("documents", documents_table(docs))):
            final = self.folder / sub / name
            tmp = final.with_name(f".{name}.tmp")
            try:
                pq.write_table(table, tmp)
                os.replace(tmp, final)
            except OSError as exc:
                raise DatasetError(str(final), f"cannot write the part: {exc.strerror or exc}") from exc
        return len(docs)


def check_marker(folder: Path) -> dict:
    marker = folder / MARKER
    if not marker.is_file():
        raise DatasetError(str(folder), f"not a bilateral Parquet dataset (no {MARKER})",
                           hint="give a folder written by bilateral ingest --parquet")
    try:
        meta = json.loads(marker.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(str(marker), f"unreadable dataset marker: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise DatasetError(str(marker), f"not a bilateral Parquet dataset marker (format {meta.get('format') if isinstance(meta, dict) else meta!r})")
    version = meta.get("version")
    if version != FORMAT_VERSION:
        raise DatasetVersionError(
            str(folder),
            f"written in bilateral Parquet format {version} by {meta.get('written_by', 'an unknown version')}; "
            f"this bilateral ({__version__}) reads format {FORMAT_VERSION} only",
            hint="load it with the bilateral that wrote it, or write the dataset again",
        )
    return meta


def _check_part(path: Path, meta: dict | None) -> None:
    version = (meta or {}).get(META_KEY)
    if version != str(FORMAT_VERSION).encode():
        found = version.decode() if version else "none"
        raise DatasetVersionError(
            str(path), f"part written in bilateral Parquet format {found}; this bilateral reads format {FORMAT_VERSION} only",
            hint="load it with the bilateral that wrote it, or write the dataset again",
        )


def read_dataset(folder: str | Path) -> Iterator[tuple[Document, list[Event]]]:
    """Yield every document of a dataset with its events, part by part (memory: one part)."""
    _, pq = _pa()
    folder = Path(folder)
    check_marker(folder)
    parts = sorted(p.name for p in (folder / "documents").glob("part-*.parquet"))
    for name in parts:
        dpath, epath = folder / "documents" / name, folder / "events" / name
        try:
            docs = pq.read_table(dpath)
            events = pq.read_table(epath)
        except (OSError, ValueError) as exc:
            raise DatasetError(str(dpath), f"cannot read the part: {exc}") from exc
        _check_part(dpath, docs.schema.metadata)
        _check_part(epath, events.schema.metadata)
        by_doc: dict[str, list[Event]] = {}
        for record in events.column("record").to_pylist():
            e = Event.from_dict(json.loads(record))
            by_doc.setdefault(e.doc_id, []).append(e)
        for row in docs.to_pylist():
            doc = Document(row["doc_id"], row["text"], row["published"], Source(row["url"], row["title"], row["site"]),
                           row["origin"])
            yield doc, by_doc.get(doc.doc_id, [])


def load_dataset(folder: str | Path, store) -> Iterator[tuple[str, object]]:
    """Store a dataset's documents: yields ("stored"|"duplicate"|"failed", item) as store.ingest does."""
    from ..store import ingest

    # Check the whole dataset's version before the first write: a refused dataset writes nothing.
    check_marker(Path(folder))
    _, pq = _pa()
    for sub in ("documents", "events"):
        for path in sorted((Path(folder) / sub).glob("part-*.parquet")):
            try:
                meta = pq.read_schema(path).metadata
            except (OSError, ValueError) as exc:
                raise DatasetError(str(path), f"cannot read the part: {exc}") from exc
            _check_part(path, meta)
    yield from ingest(store, read_dataset(folder))
