"""Benchmark: `bilateral serve` under load, on loopback, over a store of 100,000 events.

Not a test: it prints figures (docs/performance.md keeps the measured ones).

    .venv/bin/python benchmarks/bench_serve.py [--events 100000] [--seconds 8] [--db /tmp/bench-serve.db]

1. A synthetic store is written through the Store API (Store.add, one transaction per
   document; 20 events a document, 40 countries, one busy pair PAK–RUS with ~8% of the
   events). It is kept at --db and reused when it already holds the events.
2. `bilateral serve` starts on 127.0.0.1 in its own process.
3. An asyncio load generator (httpx) runs 1, 8 and 32 concurrent clients against the pair
   summary (/api/v1/pairs/PAK/RUS) and an events query (/api/v1/events?pair=...&limit=50),
   each for --seconds, and prints p50/p95 latency and throughput.
4. An ingest job (the demo corpus as JSON Lines) runs while 8 clients read the pair
   summary: its figures are printed, and the store is checked to hold exactly what the
   job reports.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

import httpx

from bilateral.records import QUADS, Document, Entity, Event, Evidence, Source
from bilateral.serve.tokens import Tokens
from bilateral.store import Store

COUNTRIES = [
    "PAK", "RUS", "IND", "CHN", "USA", "GBR", "FRA", "DEU", "IRN", "TUR", "SAU", "ARE", "EGY", "ISR", "JPN", "KOR",
    "PRK", "BRA", "ARG", "MEX", "CAN", "AUS", "IDN", "MYS", "THA", "VNM", "PHL", "NGA", "ZAF", "KEN", "ETH", "UKR",
    "POL", "ITA", "ESP", "AFG", "BGD", "LKA", "NPL", "KAZ",
]
CONTEXTS = ["military", "economic", "diplomatic", "energy", "cultural", "territory", "terrorism", "humanitarian"]
STATUSES = ["reported"] * 8 + ["future", "hypothetical", "negated"]
SCORE = {"AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5, "CONCEDE": 4.5, "COOPERATE": 9.5, "AID": 10, "RETREAT": 6.5,
         "REQUEST": 0, "ACCUSE": -3, "REJECT": -2, "THREATEN": -3.5, "PROTEST": -5, "SANCTION": -6, "MOBILIZE": -5.5,
         "COERCE": -7, "ASSAULT": -9}
PER_DOC = 20


def generate(db: str, n_events: int) -> Store:
    store = Store(db)
    have = store.counts()["events"]
    if have >= n_events:
        print(f"store {db}: {have:,} events already (reused)")
        return store
    rng = random.Random(7)
    t = time.perf_counter()
    cats = list(QUADS)
    n_docs = n_events // PER_DOC
    for d in range(n_docs):
        doc_id = f"d-b{d:09d}"
        published = f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = f"Synthetic benchmark document {d}. " * 40
        doc = Document(doc_id, text, published, Source(f"https://bench.example/{d}", f"Report {d}", "bench"), f"bench:{d}")
        events = []
        for k in range(PER_DOC):
            if rng.random() < 0.08:
                a, b = "PAK", "RUS"
            else:
                a, b = rng.sample(COUNTRIES, 2)
            cat = rng.choice(cats)
            precision = rng.choice(["day", "day", "month", "year", "publication"])
            y, m, dd = rng.randint(1990, 2025), rng.randint(1, 12), rng.randint(1, 28)
            date = {"day": f"{y}-{m:02d}-{dd:02d}", "month": f"{y}-{m:02d}", "year": str(y),
                    "publication": published}[precision]
            # Distinct words per document: the same sentence in two documents is one event told twice.
            sentence = f"Officials of {a} and {b} said in report {d} that the two sides would {cat.lower()} on item {k}."
            start = (k * 37) % 1200
            events.append(Event(
                id=f"e-b{d:09d}{k:02d}", doc_id=doc_id, event=cat, mode=None,
                context=tuple(rng.sample(CONTEXTS, rng.randint(0, 2))), cameo="040", quad_code=QUADS[cat],
                intensity=SCORE[cat], goldstein=1.0, actor=(Entity(a, a),), recipient=(Entity(b, b),),
                symmetric=rng.random() < 0.2, status=rng.choice(STATUSES), date=date, date_precision=precision,
                date_end=None, published=published, evidence=Evidence(sentence, start, start + len(sentence), cat.lower()),
                confidence=round(rng.uniform(0.3, 0.99), 2), source=doc.source,
            ))
        store.add(doc, events)
        if (d + 1) % 1000 == 0:
            print(f"  {d + 1:,}/{n_docs:,} documents written ({time.perf_counter() - t:.0f} s)", flush=True)
    c = store.counts()
    print(f"store {db}: {c['documents']:,} documents, {c['events']:,} events written in {time.perf_counter() - t:.1f} s")
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilateral.interfaces.cli", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=os.environ.copy(),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {proc.stderr.read()[-2000:]}")


async def load(base: str, path: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    end = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        async def worker():
            nonlocal errors
            while time.perf_counter() < end:
                t = time.perf_counter()
                r = await client.get(path)
                latencies.append(time.perf_counter() - t)
                if r.status_code != 200:
                    errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(latencies), "errors": errors, "rps": len(latencies) / wall,
        "p50": statistics.median(latencies) * 1000, "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def row(name: str, clients: int, r: dict) -> None:
    print(f"| {name} | {clients} | {r['requests']:,} | {r['p50']:.1f} | {r['p95']:.1f} | {r['rps']:.0f} | {r['errors']} |",
          flush=True)


def demo_jsonl() -> str:
    folder = resources.files("bilateral.samples").joinpath("demo")
    lines = []
    with resources.as_file(folder) as path:
        for f in sorted(Path(path).glob("*.jsonl")):
            lines += [ln for ln in f.read_text("utf-8").splitlines() if ln.strip()]
    return "\n".join(lines)


async def ingest_under_load(base: str, token: str, seconds: float, store: Store) -> None:
    before = store.counts()
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        r = await client.post("/api/v1/ingest", json={"jsonl": demo_jsonl()}, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 202, r.text
        job_id = r.json()["job"]["id"]
        t0 = time.perf_counter()
        while True:  # the coder loads first: start reading when the first document is stored
            job = (await client.get(f"/api/v1/jobs/{job_id}")).json()["job"]
            if job["processed"] or job["state"] in ("done", "failed"):
                break
            await asyncio.sleep(0.1)
        reads = asyncio.create_task(load(base, "/api/v1/pairs/PAK/RUS", 8, seconds))
        while True:
            job = (await client.get(f"/api/v1/jobs/{job_id}")).json()["job"]
            if job["state"] in ("done", "failed"):
                break
            await asyncio.sleep(0.2)
        took = time.perf_counter() - t0
        during = await reads
        print(f"(reads ran {seconds:.0f} s from the first stored document; the job stored "
              f"{job['stored']} documents in {took:.1f} s including the coder's start)")
    after = store.counts()
    row("pair summary during ingest", 8, during)
    print(f"\ningest job {job['state']}: {job['total']} documents, {job['stored']} stored, {job['duplicate']} duplicate, "
          f"{job['failed']} failed, {job['events']} events in {took:.1f} s")
    held = (after["documents"] - before["documents"] == job["stored"]
            and after["events"] - before["events"] == job["events"])
    print(f"store after the job: +{after['documents'] - before['documents']} documents, "
          f"+{after['events'] - before['events']} events: {'consistent with the job' if held else 'NOT consistent'}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--db", default="/tmp/bench-serve.db")
    ap.add_argument("--no-ingest", action="store_true")
    args = ap.parse_args()
    store = generate(args.db, args.events)
    token = Tokens(store).create("bench")[1]
    port = free_port()
    proc = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    try:
        t = time.perf_counter()
        httpx.get(f"{base}/api/v1/pairs/PAK/RUS", timeout=120).raise_for_status()
        print(f"first pair summary (cold: analysis computed) {1000 * (time.perf_counter() - t):.0f} ms")
        n = httpx.get(f"{base}/api/v1/pairs/PAK/RUS").json()["counts"]["records"]
        print(f"PAK–RUS: {n:,} event records\n")
        print("| route | clients | requests | p50 ms | p95 ms | req/s | errors |")
        print("|---|---|---|---|---|---|---|")
        for name, path in (("pair summary", "/api/v1/pairs/PAK/RUS"),
                           ("events query", "/api/v1/events?pair=IND-CHN&status=reported&limit=50"),
                           ("events full-text", "/api/v1/events?q=cooperate&country=FRA&limit=50")):
            for clients in (1, 8, 32):
                row(name, clients, asyncio.run(load(base, path, clients, args.seconds)))
        if not args.no_ingest:
            asyncio.run(ingest_under_load(base, token, args.seconds, store))
    finally:
        proc.terminate()
        proc.wait(15)
    print(f"\nload average now: {os.getloadavg()[0]:.2f} (2 cores, shared)")


if __name__ == "__main__":
    main()
