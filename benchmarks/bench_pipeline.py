"""Benchmark: documents per second through the pipeline, with the time per stage.

Not a test: it prints figures (docs/performance.md keeps the measured ones).

    .venv/bin/python benchmarks/bench_pipeline.py [--repeat 5] [--db /tmp/bench.db]

The corpus is the bundled demo corpus (34 articles, text and HTML), repeated; each
copy gets a distinct marker so that the store does not skip it as a duplicate.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from importlib import resources
from pathlib import Path

from bilateral.config import Config
from bilateral.pipeline import get_coder
from bilateral.sources import read_inputs
from bilateral.store import Store
from bilateral.text import prepare


def corpus(repeat: int) -> list:
    folder = resources.files("bilateral.samples").joinpath("demo")
    with resources.as_file(folder) as path:
        raws = [r for r in read_inputs([str(path)], max_bytes=10_000_000)]
    out = []
    for i in range(repeat):
        for r in raws:
            data = r.data if isinstance(r.data, str) else r.data.decode("utf-8")
            marker = f"\n\nBenchmark copy {i}.\n" if r.kind != "html" else f"<p>Benchmark copy {i}.</p></body>"
            data = data + marker if r.kind != "html" else data.replace("</body>", marker, 1)
            out.append(type(r)(f"{r.origin}#{i}", data, r.kind, r.meta))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    config = Config()
    t0 = time.perf_counter()
    coder = get_coder(config)
    t_load = time.perf_counter() - t0
    raws = corpus(args.repeat)

    t = time.perf_counter()
    docs = [prepare(r, config) for r in raws]
    t_prepare = time.perf_counter() - t
    words = sum(len(d.text.split()) for d in docs)

    t = time.perf_counter()
    parsed = list(coder.nlp.pipe((d.text for d in docs), batch_size=16))
    t_parse = time.perf_counter() - t

    t = time.perf_counter()
    results = [(d, coder.code_parsed(d, p)) for d, p in zip(docs, parsed)]
    t_code = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or str(Path(tmp) / "bench.db"))
        t = time.perf_counter()
        for d, evs in results:
            store.add(d, evs)
        t_store = time.perf_counter() - t
        store.close()

    total = t_prepare + t_parse + t_code + t_store
    n = len(docs)
    events = sum(len(e) for _, e in results)
    figures = {
        "documents": n,
        "words": words,
        "events": events,
        "model_load_s": round(t_load, 2),
        "stage_s": {"prepare": round(t_prepare, 2), "parse": round(t_parse, 2), "code": round(t_code, 2), "store": round(t_store, 2)},
        "docs_per_s": round(n / total, 1),
        "words_per_s": round(words / total),
    }
    print(f"{n} documents, {words} words, {events} events")
    for stage, s in figures["stage_s"].items():
        print(f"  {stage:8s} {s:7.2f} s  {100 * s / total:5.1f}%")
    print(f"end to end (after model load): {figures['docs_per_s']} docs/s, {figures['words_per_s']} words/s")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
