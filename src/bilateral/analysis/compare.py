"""A pair's events side by side with GDELT's for the same pair (`bilateral pair A B --compare gdelt`).

Ours are counted as distinct events (one event once, as in the pair analysis); GDELT's as
its rows, which count one event once per day and per source story. Categories: GDELT's
CAMEO codes are mapped to PLOVER with the same CAMEO table the coder uses, so both sides
count in the 16 categories. Quads are each side's own: PLOVER's quad for ours, GDELT's
QuadClass (from the CAMEO root) for theirs. The index is ours (mean PLOVER intensity of
reported events); beside it the mean Goldstein score of both, which is like for like.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..records import CATEGORIES
from ..store import Query, Store
from ..store.gdelt import gdelt_pair
from .distinct import cooperation_index, distinct_events, period_label

UNDATED = "undated"


def _gdelt_period(day: str, by: str) -> str:
    if by == "year":
        return day[:4]
    if by == "month":
        return day[:7]
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def compare_gdelt(
    store: Store, a: str, b: str, *, by: str = "year", since: str | None = None, until: str | None = None,
    statuses: str | None = None,
) -> dict[str, Any]:
    from ..events.tables import cameo_table

    pair = tuple(sorted((a, b)))
    ours = distinct_events(store.iter_events(Query(pair=pair, status=statuses, since=since, until=until)), pair)
    theirs = gdelt_pair(store, a, b, since, until)
    cameo = cameo_table()

    periods: dict[str, dict[str, Any]] = {}

    def slot(p: str) -> dict[str, Any]:
        return periods.setdefault(p, {"period": p, "ours": 0, "gdelt": 0, "ours_quads": [0, 0, 0, 0],
                                      "gdelt_quads": [0, 0, 0, 0], "_int": [], "_gs": [], "_ggs": []})

    for d in ours:
        s = slot(period_label(d.start, d.stop, by) or UNDATED)
        s["ours"] += 1
        s["ours_quads"][d.quad - 1] += 1
        if d.status == "reported":
            s["_int"].append(d)
            s["_gs"].append(d.event.goldstein)
    for g in theirs:
        s = slot(_gdelt_period(g["day"], by))
        s["gdelt"] += 1
        s["gdelt_quads"][g["quad_class"] - 1] += 1
        s["_ggs"].append(g["goldstein"])
    rows = []
    for p in sorted(periods, key=lambda p: (p == UNDATED, p)):
        s = periods[p]
        s["ours_index"] = cooperation_index(s.pop("_int"))
        s["ours_goldstein"] = _mean(s.pop("_gs"))
        s["gdelt_goldstein"] = _mean(s.pop("_ggs"))
        rows.append(s)

    def plover_of(g: dict) -> str | None:
        for code in (g["event_code"], g["event_base_code"], g["event_root_code"]):
            if code in cameo:
                return cameo[code].plover
        return None

    our_cats = Counter(d.category for d in ours)
    their_cats = Counter(plover_of(g) for g in theirs)
    categories = [
        {"category": c, "ours": our_cats[c], "gdelt": their_cats[c]} for c in CATEGORIES if our_cats[c] or their_cats[c]
    ]
    if their_cats[None]:
        categories.append({"category": "unmapped", "ours": 0, "gdelt": their_cats[None]})
    reported = [d for d in ours if d.status == "reported"]
    return {
        "pair": list(pair),
        "by": by,
        "since": since,
        "until": until,
        "ours": {"events": len(ours), "reported": len(reported), "index": cooperation_index(reported),
                 "goldstein": _mean([d.event.goldstein for d in reported])},
        "gdelt": {"events": len(theirs), "goldstein": _mean([g["goldstein"] for g in theirs]),
                  "articles": sum(g["num_articles"] for g in theirs)},
        "periods": rows,
        "quads": [
            {"quad": q, "ours": sum(r["ours_quads"][q - 1] for r in rows), "gdelt": sum(r["gdelt_quads"][q - 1] for r in rows)}
            for q in (1, 2, 3, 4)
        ],
        "categories": categories,
    }


def render_comparison(c: dict[str, Any], width: int | None = None) -> str:
    """The comparison as terminal tables."""
    import io

    from rich.console import Console
    from rich.table import Table

    buf = io.StringIO()
    console = Console(file=buf, width=width or 160, highlight=False)
    fmt = lambda v: "—" if v is None else f"{v:+.2f}"  # noqa: E731
    a, b = c["pair"]
    console.print(
        f"{a}–{b}: ours {c['ours']['events']} distinct events ({c['ours']['reported']} reported, index "
        f"{fmt(c['ours']['index'])}, Goldstein {fmt(c['ours']['goldstein'])}); GDELT {c['gdelt']['events']} events "
        f"({c['gdelt']['articles']} articles, Goldstein {fmt(c['gdelt']['goldstein'])})"
    )
    t = Table(title=f"by {c['by']}")
    for col in ("period", "ours", "GDELT", "ours q1/q2/q3/q4", "GDELT q1/q2/q3/q4", "our index", "our Goldstein",
                "GDELT Goldstein"):
        t.add_column(col, justify="left" if col == "period" else "right")
    for r in c["periods"]:
        t.add_row(r["period"], str(r["ours"]), str(r["gdelt"]), "/".join(map(str, r["ours_quads"])),
                  "/".join(map(str, r["gdelt_quads"])), fmt(r["ours_index"]), fmt(r["ours_goldstein"]),
                  fmt(r["gdelt_goldstein"]))
    console.print(t)
    t = Table(title="by category (GDELT's CAMEO codes mapped to PLOVER) and quad")
    t.add_column("category")
    t.add_column("ours", justify="right")
    t.add_column("GDELT", justify="right")
    for r in c["categories"]:
        t.add_row(r["category"], str(r["ours"]), str(r["gdelt"]))
    for q in c["quads"]:
        t.add_row(f"quad {q['quad']}", str(q["ours"]), str(q["gdelt"]))
    console.print(t)
    return buf.getvalue()
