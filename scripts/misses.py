#!/usr/bin/env python3
"""List what the coder gets wrong on a gold set, sentence by sentence: the tuning loop.

    .venv/bin/python scripts/misses.py gold/articles/dev            # missed gold events
    .venv/bin/python scripts/misses.py gold/articles/dev --extra    # coded events nothing matches
    .venv/bin/python scripts/misses.py gold/articles/dev --dates    # matched events with a wrong year
    .venv/bin/python scripts/misses.py ../shared/data/plover-gsr-dev.json   # PLOVER records

Tune on development data only: gold/articles/test is for reporting, and this script
refuses it unless --i-am-reporting is given.
"""

from __future__ import annotations

import argparse
import sys

from bilateral.config import Config
from bilateral.evaluation import read_gold
from bilateral.evaluation.score import _date_ok, _joined, _prepare, _quote_span, _sides_match, plover_view
from bilateral.pipeline import get_coder


def sides(e) -> str:
    return f"{[a.code for a in e.actor]}>{[r.code for r in e.recipient]}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("--extra", action="store_true", help="coded two-sided events that match no gold event")
    ap.add_argument("--dates", action="store_true", help="matched events whose year is wrong")
    ap.add_argument("--only", help="only documents whose id starts with this")
    ap.add_argument("--i-am-reporting", action="store_true", help="allow the test split")
    args = ap.parse_args()
    if "/test" in args.gold and not args.i_am_reporting:
        print("refusing the test split: tune on gold/articles/dev (see docs/annotation.md)", file=sys.stderr)
        return 2
    coder = get_coder(Config())
    cfg = Config(min_chars=1, language_min_chars=10**9)
    docs = read_gold(args.gold)
    if args.only:
        docs = [d for d in docs if d.id.startswith(args.only)]
    for d in docs:
        doc = _prepare(d, cfg)
        events = coder.code(doc)
        if d.kind == "plover":
            g = d.events[0]
            viewed = [plover_view(e) for e in events]
            top = max(viewed, key=lambda e: e.confidence) if viewed else None
            act = [e for e in viewed if top and e.event == top.event and e.evidence.trigger == top.evidence.trigger]
            if top is None or top.event != g.event or not _sides_match(_joined(act), g):
                got = f"{top.event} {sides(top)}" if top else "-"
                print(f"{d.id}: gold {g.event} {sorted(g.actor)}>{sorted(g.recipient)} got {got}\n    {d.text[:200]}")
            continue
        spans = [(_quote_span(doc.text, g.quote), g) for g in d.events]

        def here(e, sp):
            return sp is not None and e.evidence.start < sp[1] and sp[0] < e.evidence.end

        def same(e, g):
            return e.event == g.event and {x.code for x in (*e.actor, *e.recipient)} == set(g.actor | g.recipient)

        if args.extra:
            for e in (e for e in events if e.actor and e.recipient):
                if not any(here(e, sp) and same(e, g) for sp, g in spans):
                    print(f"{d.id}: extra {e.event}/{e.status} {sides(e)} ({e.evidence.trigger})\n    {e.evidence.text[:200]}")
            continue
        for sp, g in spans:
            hits = [e for e in events if here(e, sp) and same(e, g)]
            if args.dates:
                if hits and not _date_ok(hits[0], g, d.published):
                    print(f"{d.id}: gold date {g.date} {g.date_precision}, coded {hits[0].date} {hits[0].date_precision}\n    {hits[0].evidence.text[:200]}")
                continue
            if not hits:
                got = "; ".join(f"{e.event}/{e.status} {sides(e)}" for e in events if here(e, sp)) or "-"
                print(f"{d.id}: missed {g.event}/{g.status} {sorted(g.actor)}>{sorted(g.recipient)}, coded {got}\n    {g.quote}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
