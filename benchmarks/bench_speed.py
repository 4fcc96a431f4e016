"""Speed on one machine: articles per second from HTML to events in SQLite (not a test).

On a generated corpus of news-like HTML articles (benchmarks/news_corpus.py: about 600
words of body in a news site's boilerplate, seeded, the same on every machine), in one run:

1. end to end: `bilateral ingest FOLDER --db NEW.db --workers N` as its own process, timed
   from start to exit (Python and model start included), with its peak memory (the sum of
   the proportional set sizes of it and its workers, polled every 0.5 s), for each worker
   count on the smallest size, and with the most workers on every larger size: memory
   must not grow with the corpus;
2. the time per stage, in this process on `--stage-docs` articles: prepare (read, decode,
   trafilatura, cleaning, language), parse (the line filter and spaCy), code, store
   (batched transactions), with the share of tokens the line filter sends to the parser;
3. two ceilings on the same articles: extraction alone (trafilatura, as `prepare` calls it)
   and tokenising alone (spaCy's tokenizer over the extracted texts), and our end-to-end
   rates as a fraction of each.

The load average is printed with every figure: the machine is shared.

    python benchmarks/bench_speed.py --sizes 1000,10000 --workers 1,2
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_corpus import write_corpus  # noqa: E402

import psutil  # noqa: E402

from bilateral.config import Config  # noqa: E402


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


class PeakMemory:
    """Peak of the summed PSS (else RSS) of a process and its children, polled."""

    def __init__(self, pid: int, every: float = 0.5):
        self.proc, self.every, self.peak = psutil.Process(pid), every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                for p in [self.proc, *self.proc.children(recursive=True)]:
                    try:
                        info = p.memory_full_info()
                        total += getattr(info, "pss", info.rss)
                    except (psutil.NoSuchProcess, psutil.AccessDenied):
                        pass
            except psutil.NoSuchProcess:
                break
            self.peak = max(self.peak, total)
            self._stop.wait(self.every)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def end_to_end(folder: Path, n: int, workers: int, tmp: Path) -> dict:
    db = tmp / f"e2e-{n}-{workers}.db"
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "bilateral.interfaces.cli", "ingest", str(folder), "--db", str(db), "--workers", str(workers)]
    before = load()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    mem = PeakMemory(proc.pid)
    _, err = proc.communicate()
    seconds = time.perf_counter() - t
    peak = mem.stop()
    summary = err.strip().splitlines()[-1] if err.strip() else ""
    db.unlink(missing_ok=True)
    return {
        "articles": n, "workers": workers, "seconds": round(seconds, 1), "articles_per_s": round(n / seconds, 1),
        "peak_mib": round(peak / 2**20), "exit": proc.returncode, "load_before": before, "load_after": load(),
        "summary": summary,
    }


def stages(folder: Path, n: int, tmp: Path) -> dict:
    from bilateral.events.candidates import CandidateFilter
    from bilateral.pipeline import get_coder, prepare_one
    from bilateral.sources import read_inputs
    from bilateral.store import Store

    config = Config()
    coder = get_coder(config)
    files = sorted(folder.iterdir())[:n]
    t = time.perf_counter()
    raws = [r for r in read_inputs([str(f) for f in files], max_bytes=config.max_bytes)]
    docs = [prepare_one(r, config) for r in raws]
    t_prepare = time.perf_counter() - t
    docs = [d for d in docs if not isinstance(d, Exception)]

    filt = CandidateFilter(coder.nlp, coder.finder)
    parsed_tokens = all_tokens = 0
    for d in docs:
        lines = filt.lines(d.text)
        for line, want in zip(lines, filt.wanted(lines)):
            all_tokens += len(line)
            parsed_tokens += len(line) if want else 0

    t = time.perf_counter()
    parsed = list(coder.parse_many(d.text for d in docs))
    t_parse = time.perf_counter() - t
    t = time.perf_counter()
    results = [(d, coder.code_parsed(d, p)) for d, p in zip(docs, parsed)]
    t_code = time.perf_counter() - t
    del parsed
    store = Store(str(tmp / "stages.db"))
    t = time.perf_counter()
    for i in range(0, len(results), 32):
        store.add_many(results[i : i + 32])
    t_store = time.perf_counter() - t
    store.close()
    total = t_prepare + t_parse + t_code + t_store
    return {
        "articles": len(docs), "events": sum(len(e) for _, e in results),
        "seconds": {"prepare": round(t_prepare, 2), "parse": round(t_parse, 2), "code": round(t_code, 2), "store": round(t_store, 2)},
        "share": {k: round(v / total, 3) for k, v in (("prepare", t_prepare), ("parse", t_parse), ("code", t_code), ("store", t_store))},
        "articles_per_s_one_process": round(len(docs) / total, 1),
        "tokens_parsed_share": round(parsed_tokens / max(1, all_tokens), 3),
        "load": load(),
    }


def ceilings(folder: Path, n: int) -> dict:
    import trafilatura

    from bilateral.nlp import load_nlp

    files = sorted(folder.iterdir())[:n]
    htmls = [f.read_text("utf-8") for f in files]
    t = time.perf_counter()
    texts = []
    for h in htmls:
        r = trafilatura.bare_extraction(
            h, include_comments=False, include_tables=False, with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        d = r.as_dict() if hasattr(r, "as_dict") else dict(r)
        texts.append(d.get("text") or "")
    t_extract = time.perf_counter() - t
    nlp = load_nlp(tuple(Config().models))
    t = time.perf_counter()
    tokens = sum(len(nlp.tokenizer(x)) for x in texts)
    t_tok = time.perf_counter() - t
    return {
        "articles": n, "trafilatura_per_s": round(n / t_extract, 1), "tokenizer_per_s": round(n / t_tok, 1),
        "tokens_per_article": round(tokens / n), "load": load(),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000", help="corpus sizes, comma-separated (e.g. 1000,10000)")
    ap.add_argument("--workers", default="1,2", help="worker counts for the end-to-end runs on the smallest size")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--stage-docs", type=int, default=300)
    ap.add_argument("--corpus", type=Path, default=None, help="keep the generated corpora here (made if missing)")
    args = ap.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    workers = sorted(int(w) for w in args.workers.split(","))
    print(f"load average at start: {load()}  ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        root = args.corpus or tmp
        folders = {}
        for n in sizes:
            folder = root / f"news-{args.seed}-{n}"
            if not folder.exists() or len(list(folder.iterdir())) != n:
                write_corpus(folder, n, args.seed)
            folders[n] = folder
        out: dict = {"sizes": sizes, "e2e": []}
        small = sizes[0]
        runs = [(small, w) for w in workers] + [(n, workers[-1]) for n in sizes[1:]]
        for n, w in runs:
            r = end_to_end(folders[n], n, w, tmp)
            out["e2e"].append(r)
            print(
                f"end to end: {n} articles, {w} worker(s): {r['articles_per_s']} articles/s ({r['seconds']} s), "
                f"peak memory {r['peak_mib']} MiB, exit {r['exit']}, load {r['load_before']} -> {r['load_after']}"
            )
            print(f"    {r['summary']}")
        s = stages(folders[small], min(args.stage_docs, small), tmp)
        out["stages"] = s
        print(f"stages, one process, {s['articles']} articles ({s['events']} events), load {s['load']}:")
        for k, v in s["seconds"].items():
            print(f"    {k:8s} {v:7.2f} s  {100 * s['share'][k]:5.1f}%")
        print(f"    = {s['articles_per_s_one_process']} articles/s; the line filter parses {100 * s['tokens_parsed_share']:.0f}% of the tokens")
        c = ceilings(folders[small], small)
        out["ceilings"] = c
        print(f"ceilings on {c['articles']} articles (~{c['tokens_per_article']} tokens each), load {c['load']}:")
        print(f"    trafilatura alone {c['trafilatura_per_s']} articles/s, spaCy tokenizer alone {c['tokenizer_per_s']} articles/s")
        for r in out["e2e"]:
            if r["articles"] == small:
                print(
                    f"    {r['workers']} worker(s): {r['articles_per_s']} articles/s = "
                    f"{100 * r['articles_per_s'] / c['trafilatura_per_s']:.1f}% of trafilatura, "
                    f"{100 * r['articles_per_s'] / c['tokenizer_per_s']:.2f}% of the tokenizer"
                )
        big = [r for r in out["e2e"] if r["workers"] == workers[-1]]
        if len(big) > 1:
            print("peak memory by corpus size (" + f"{workers[-1]} workers): " + ", ".join(f"{r['articles']}: {r['peak_mib']} MiB" for r in big))
        print(f"load average at end: {load()}")
        print(json.dumps(out))


if __name__ == "__main__":
    main()
