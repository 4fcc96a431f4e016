"""Stories and merged events: how fast documents find their story and reports their event.

Not a test: prints figures for docs/performance.md. The texts are made here from a few
hand-written sentences shuffled per document, with a share of near-copies (a new intro
line and one changed word), so the story index has real work and real matches.

    python benchmarks/bench_stories.py --docs 2000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time

from bilateral.records import Document, Entity, Event, Evidence, Source
from bilateral.stories.merge import MergeRules, cluster
from bilateral.stories.near import StoryIndex
from bilateral.store import Store

SENTENCES = [
    "The two governments signed a customs agreement at the border crossing on Friday.",
    "Officials said the new post would cut waiting times for lorries carrying grain.",
    "Ministers met in the capital to discuss water sharing along the river.",
    "A joint statement promised closer cooperation on energy and transport.",
    "Opposition leaders criticised the deal as rushed and lacking detail.",
    "Traders welcomed the move but asked for longer opening hours.",
    "The talks were the first at this level for more than a decade.",
    "Diplomats described the atmosphere as frank and constructive.",
    "Both sides agreed to meet again before the end of the year.",
    "Security forces on both sides of the frontier were put on alert.",
]
PAIRS = [("KEN", "ETH"), ("CHL", "ARG"), ("VNM", "PHL"), ("PAK", "RUS"), ("EGY", "SDN")]


def make_docs(n: int, copies: float, rng: random.Random) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    for i in range(n):
        if docs and rng.random() < copies:
            _, text = rng.choice(docs)
            text = "WIRE - " + text.replace("Friday", "Saturday", 1)
        else:
            text = " ".join(rng.sample(SENTENCES, 8) + [f"Report number {i} from desk {rng.randint(1, 50)}."])
        docs.append((f"d-{i:010d}", text))
    return docs


def make_events(n: int, rng: random.Random) -> list[Event]:
    out = []
    for i in range(n):
        a, b = rng.choice(PAIRS)
        day = f"2025-03-{rng.randint(1, 28):02d}"
        text = rng.choice(SENTENCES)
        out.append(Event(
            id=f"e-{i}", doc_id=f"d-{i:010d}", event=rng.choice(["CONSULT", "SUPPORT", "ACCUSE"]), mode=None,
            context=(), cameo="040", quad_code=1, intensity=2.5, goldstein=1.0,
            actor=(Entity(a, a), Entity(b, b)), recipient=(Entity(a, a), Entity(b, b)), symmetric=True,
            status="reported", date=day, date_precision="day", date_end=None, published=day,
            evidence=Evidence(text, 0, len(text), "met"), confidence=0.8, source=Source(None, None, f"site{i % 40}"),
        ))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--copies", type=float, default=0.3)
    ap.add_argument("--store-docs", type=int, default=500)
    args = ap.parse_args()
    rng = random.Random(7)

    docs = make_docs(args.docs, args.copies, rng)
    index = StoryIndex()
    t = time.perf_counter()
    stories = [index.assign(d, text)[0] for d, text in docs]
    dt = time.perf_counter() - t
    print(f"story index: {len(docs)} documents in {dt:.2f} s ({len(docs) / dt:,.0f} docs/s); "
          f"{len(set(stories))} stories")

    events = make_events(args.docs, rng)
    t = time.perf_counter()
    groups = cluster(events, MergeRules())
    dt = time.perf_counter() - t
    print(f"merge rules (in memory): {len(events)} reports in {dt:.2f} s ({len(events) / dt:,.0f}/s); {len(groups)} events")

    with tempfile.TemporaryDirectory() as tmp, Store(f"{tmp}/bench.db") as store:
        n = min(args.store_docs, len(docs))
        t = time.perf_counter()
        for (doc_id, text), e in zip(docs[:n], events[:n]):
            store.add(Document(doc_id, text, e.published, e.source, doc_id), [e])
        dt = time.perf_counter() - t
        print(f"store.add with stories and groups (SQLite): {n} documents in {dt:.2f} s ({n / dt:,.0f} docs/s); "
              f"{store.merged_count()} merged events of {store.counts()['events']}")


if __name__ == "__main__":
    main()
