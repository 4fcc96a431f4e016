"""Scale and interchange figures (not a test): store writes on SQLite and PostgreSQL, Parquet
datasets, exports and the GDELT import, on generated coded documents (no spaCy), and
optionally `--dask local` against a plain run on the demo corpus.

    python benchmarks/bench_scale.py [--docs 2000] [--pg postgresql://postgres@127.0.0.1/postgres] [--dask]

Prints one line per figure. Timings on a shared machine are noisy: take the median of a few runs.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bilateral.interfaces.formats import BINARY_EXPORTERS, EXPORTERS
from bilateral.records import QUADS, Document, Entity, Event, Evidence, Source
from bilateral.scale import DatasetWriter, load_dataset
from bilateral.store import Store
from bilateral.store.gdelt import import_gdelt

PAIRS = [("PAK", "RUS"), ("IND", "CHN"), ("KEN", "TZA"), ("CHL", "PER"), ("JPN", "KOR"), ("TUR", "GRC")]


def coded(i: int, per_doc: int = 4) -> tuple[Document, list[Event]]:
    a, b = PAIRS[i % len(PAIRS)]
    body = " ".join(f"Officials of {a} and {b} met for round {i}.{k} of talks on trade and transit." for k in range(12))
    doc_id = f"d-{i:010d}"
    events = [
        Event(
            id=f"e-{i:08d}{k}", doc_id=doc_id, event=cat, mode=None, context=("economic",), cameo=cameo,
            quad_code=QUADS[cat], intensity=2.5, goldstein=gs, actor=(Entity(a, a),), recipient=(Entity(b, b),),
            symmetric=False, status="reported", date=f"{2015 + i % 10}-0{1 + k % 9}", date_precision="month",
            date_end=None, published="2024-06-01", evidence=Evidence(body[:80], 0, 80, "met"), confidence=0.8,
            source=Source(f"https://news.example.org/{i}", f"Talks {i}", "News Example"),
        )
        for k, (cat, cameo, gs) in enumerate([("CONSULT", "040", 1.0), ("AGREE", "030", 4.0),
                                               ("ACCUSE", "112", -2.0), ("COOPERATE", "061", 6.4)][:per_doc])
    ]
    return Document(doc_id, body, "2024-06-01", Source(f"https://news.example.org/{i}"), f"gen:{i}"), events


def rate(label: str, n: int, seconds: float, unit: str) -> None:
    print(f"{label:<44} {n:>7} {unit} in {seconds:6.2f} s = {n / seconds:9.0f} {unit}/s")


def bench_store(label: str, url: str, items) -> None:
    with Store(url) as store:
        t = time.perf_counter()
        for doc, events in items:
            store.add(doc, events)
        rate(f"store.add, {label}", len(items), time.perf_counter() - t, "docs")
        t = time.perf_counter()
        n = sum(1 for _ in store.iter_events())
        rate(f"store.iter_events, {label}", n, time.perf_counter() - t, "events")
        t = time.perf_counter()
        n = sum(1 for _ in store.iter_events(pair=("PAK", "RUS"), since="2018-01-01"))
        rate(f"query --pair --since, {label}", n, time.perf_counter() - t, "events")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument("--dask", action="store_true", help="also time --dask local against a plain run (demo corpus x3)")
    args = ap.parse_args()
    items = [coded(i) for i in range(args.docs)]
    print(f"{args.docs} generated documents, {sum(len(e) for _, e in items)} events; load average {os.getloadavg()[0]:.2f}")
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    try:
        sqlite = str(tmp / "s.db")
        bench_store("SQLite", sqlite, items)
        admin = create_engine(make_url(args.pg).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
        name = f"bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            bench_store("PostgreSQL", make_url(args.pg).set(database=name).render_as_string(hide_password=False), items)
        finally:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))

        t = time.perf_counter()
        w = DatasetWriter(tmp / "ds")
        for start in range(0, len(items), 64):
            w.write(items[start:start + 64])
        rate("Parquet dataset write (64 docs a part)", len(items), time.perf_counter() - t, "docs")
        with Store(str(tmp / "loaded.db")) as store:
            t = time.perf_counter()
            n = sum(1 for _ in load_dataset(tmp / "ds", store))
            rate("bilateral load into SQLite", n, time.perf_counter() - t, "docs")

        with Store(sqlite) as store:
            for fmt in ("csv", "jsonl", "plover", "gdelt"):
                t = time.perf_counter()
                n = EXPORTERS[fmt](store.iter_events(), io.StringIO())
                rate(f"export --format {fmt}", n, time.perf_counter() - t, "events")
            t = time.perf_counter()
            n = BINARY_EXPORTERS["parquet"](store.iter_events(), str(tmp / "x.parquet"))
            rate("export --format parquet", n, time.perf_counter() - t, "events")
            with (tmp / "g.export.CSV").open("w") as fh:
                EXPORTERS["gdelt"](store.iter_events(), fh)
            t = time.perf_counter()
            c = import_gdelt(store, tmp / "g.export.CSV")
            rate("import-gdelt into SQLite", c.imported, time.perf_counter() - t, "rows")

        if args.dask:
            from importlib import resources

            from bilateral.config import load_config
            from bilateral.pipeline import run
            from bilateral.scale.cluster import connect, run_on_cluster

            demo = resources.files("bilateral.samples").joinpath("demo")
            with resources.as_file(demo) as folder:
                paths = [str(folder)] * 3
                config = load_config()
                t = time.perf_counter()
                n = sum(1 for _ in run(paths, config))
                rate("plain run, demo corpus x3 (incl. model load)", n, time.perf_counter() - t, "docs")
                t = time.perf_counter()
                with connect("local", config.dask_workers) as client:
                    up = time.perf_counter() - t
                    n = sum(1 for _ in run_on_cluster(paths, config, client=client, batch_size=config.dask_batch))
                rate(f"--dask local, 2 workers (cluster start {up:.1f} s)", n, time.perf_counter() - t, "docs")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
