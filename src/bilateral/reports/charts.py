"""Charts from the analysis objects, as SVG and PNG: the timeline with the index, the
scorecard and the country network.

matplotlib with its Agg canvas and the fonts it ships: nothing is fetched, no display is
needed. Chart makers are registered by name, so a plugin can add one.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Callable

from ..analysis.country import CountryAnalysis
from ..analysis.distinct import Timeline
from ..analysis.fields import NO_FIELD
from ..analysis.pair import PairAnalysis

QUADS = {
    "1": ("verbal cooperation", "#9ccf8f"),
    "2": ("material cooperation", "#2e8b57"),
    "3": ("verbal conflict", "#f0a35e"),
    "4": ("material conflict", "#c0392b"),
}
INDEX_COLOUR = "#1f3b73"
RC = {
    "svg.fonttype": "none",  # text stays text: smaller, searchable, and nothing to fetch
    "font.family": "DejaVu Sans",  # shipped with matplotlib
    "font.size": 9,
    "axes.spines.top": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    svg: str  # an <svg> element, ready to inline (no XML prolog)
    png: bytes

    def write(self, folder: str | Path, prefix: str = "") -> list[Path]:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        svg, png = folder / f"{prefix}{self.name}.svg", folder / f"{prefix}{self.name}.png"
        svg.write_text(self.svg, "utf-8")
        png.write_bytes(self.png)
        return [svg, png]


ChartMaker = Callable[[object], "Chart | None"]
CHARTS: dict[str, ChartMaker] = {}


def chart(name: str) -> Callable[[ChartMaker], ChartMaker]:
    def register(fn: ChartMaker) -> ChartMaker:
        CHARTS[name] = fn
        return fn

    return register


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    FigureCanvasAgg(fig)
    return fig


def _render(name: str, title: str, draw: Callable[[], object]) -> Chart:
    import matplotlib

    rc = {**RC, "svg.hashsalt": f"bilateral-{name}"}  # stable ids, distinct per chart on one page
    with matplotlib.rc_context(rc):
        fig = draw()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None}, bbox_inches="tight")
        png = io.BytesIO()
        fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    svg = out.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(title)}" class="chart-svg" ', 1)
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    return Chart(name, title, svg, png.getvalue())


def _period_width(tl: Timeline) -> float:
    return {"year": 365, "quarter": 91, "month": 30}[tl.by]


def timeline_chart(tl: Timeline, title: str, show_index: bool, note: str | None, name: str = "timeline") -> Chart | None:
    if not tl.periods:
        return None

    def draw():
        fig = _figure(8, 3.3)
        ax = fig.add_subplot()
        starts = [dt.date.fromisoformat(p.start) for p in tl.periods]
        span = max((starts[-1] - starts[0]).days, 1)
        # A bar a period wide, but never thinner than a sliver of a long axis.
        width = max(_period_width(tl) * 0.8, span / 90)
        bottom = [0] * len(tl.periods)
        for q, (label, colour) in QUADS.items():
            heights = [p.quads[q] for p in tl.periods]
            ax.bar(starts, heights, width=width, bottom=bottom, color=colour, label=label, align="edge")
            bottom = [b + h for b, h in zip(bottom, heights)]
        ax.set_ylabel("distinct events")
        ax.set_ylim(0, max(bottom) * 1.25 + 0.5)
        ax.yaxis.get_major_locator().set_params(integer=True)
        pad = dt.timedelta(days=max(_period_width(tl), span / 30))
        ax.set_xlim(starts[0] - pad, starts[-1] + pad + dt.timedelta(days=width))
        handles, labels = ax.get_legend_handles_labels()
        if show_index:
            ax2 = ax.twinx()
            mids = [s + dt.timedelta(days=width / 2) for s in starts]
            pts = [(m, p.index) for m, p in zip(mids, tl.periods) if p.index is not None]
            ax2.plot([m for m, _ in pts], [i for _, i in pts], linestyle=":", linewidth=1, color=INDEX_COLOUR)
            line = ax2.plot([m for m, _ in pts], [i for _, i in pts], "o", color=INDEX_COLOUR, label="index (right axis)")
            ax2.axhline(0, color="#999999", linewidth=0.6)
            ax2.set_ylim(-10.5, 10.5)
            ax2.set_ylabel("index (−10 hostile … +10 cooperative)")
            handles += line
            labels += ["index (right axis)"]
        if note:
            ax.text(0.5, 0.97, note, transform=ax.transAxes, ha="center", va="top", fontsize=8, color="#444444")
        ax.set_title(title)
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=5, frameon=False, fontsize=8)
        return fig

    return _render(name, title, draw)


@chart("timeline")
def pair_timeline(a: PairAnalysis) -> Chart | None:
    note = None if not a.few else f"{a.counts['reported']} reported events: too few for an index trend, counts only"
    title = f"{a.label(a.a)} – {a.label(a.b)}: distinct reported events per {a.timeline.by}"
    return timeline_chart(a.timeline, title, not a.few, note)


@chart("country_timeline")
def country_timeline(c: CountryAnalysis) -> Chart | None:
    note = None if not c.few else f"{c.counts['reported']} reported events: too few for an index trend, counts only"
    title = f"{c.label(c.country)} with all partners: distinct reported events per {c.timeline.by}"
    return timeline_chart(c.timeline, title, not c.few, note, name="country_timeline")


def _index_colour(value: float | None):
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    if value is None:
        return "#bbbbbb"
    return colormaps["RdYlGn"](Normalize(-10, 10)(value))


@chart("scorecard")
def scorecard_chart(a: PairAnalysis) -> Chart | None:
    rows = list(reversed([f for f in a.scorecard if f.key != NO_FIELD or f.events]))
    if not rows:
        return None
    title = f"{a.label(a.a)} – {a.label(a.b)}: index by field"

    def draw():
        fig = _figure(8, 0.45 * len(rows) + 1.1)
        ax = fig.add_subplot()
        ys = range(len(rows))
        ax.barh(ys, [r.level or 0 for r in rows], color=[_index_colour(r.level) for r in rows], height=0.6)
        for y, r in zip(ys, rows):
            if r.level is None:
                text = "no reported events"
            else:
                trend = r.trend.direction if r.trend and r.trend.direction else "too few for a trend"
                text = f"{r.level:+.1f}  ({r.events} event{'s' * (r.events != 1)}; {trend})"
            # Right of the bar, or right of the zero line for a hostile field: never over the labels.
            ax.text(max(r.level or 0, 0) + 0.3, y, text, va="center", ha="left", fontsize=8)
        ax.set_yticks(list(ys), [r.label for r in rows])
        ax.axvline(0, color="#666666", linewidth=0.8)
        ax.set_xlim(-10.5, 10.5)
        ax.set_xlabel("index: mean intensity of distinct reported events (−10 hostile … +10 cooperative)")
        ax.spines["right"].set_visible(False)
        ax.set_title(title)
        return fig

    return _render("scorecard", title, draw)


@chart("network")
def network_chart(c: CountryAnalysis) -> Chart | None:
    centre = c.country
    edges = c.network
    partners = [e.b for e in edges if e.a == centre]
    if not partners:
        return None
    title = f"{c.label(centre)}: relations network (distinct reported events)"

    def draw():
        from matplotlib import colormaps
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize

        fig = _figure(7, 6)
        ax = fig.add_subplot()
        pos = {centre: (0.0, 0.0)}
        for i, p in enumerate(partners):
            angle = math.pi / 2 - 2 * math.pi * i / len(partners)
            pos[p] = (math.cos(angle), math.sin(angle))
        most = max(e.events for e in edges)
        for e in edges:
            (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
            width = 1 + 7 * e.events / most
            if e.a == centre:
                ax.plot([x1, x2], [y1, y2], color=_index_colour(e.index), linewidth=width, zorder=1, solid_capstyle="round")
            else:
                ax.plot([x1, x2], [y1, y2], color="#9a9a9a", linewidth=width * 0.5, alpha=0.6, zorder=0, linestyle="--")
        volume = {centre: sum(e.events for e in edges if e.a == centre)}
        volume.update({e.b: e.events for e in edges if e.a == centre})
        index = {e.b: e.index for e in edges if e.a == centre}
        for node, (x, y) in pos.items():
            size = 250 + 1200 * math.sqrt(volume[node] / max(volume.values()))
            ax.scatter([x], [y], s=size, color="#1f3b73" if node == centre else _index_colour(index.get(node)),
                       edgecolors="#333333", zorder=2)
            label = c.label(node)
            if node != centre:
                i = index.get(node)
                label += f"\n{volume[node]} event{'s' * (volume[node] != 1)}" + (f", {i:+.1f}" if i is not None else "")
            ax.text(x, y - (0 if node == centre else 0.16), label, ha="center", va="center" if node == centre else "top",
                    fontsize=8, color="white" if node == centre else "#111111", zorder=3,
                    fontweight="bold" if node == centre else "normal")
        ax.set_xlim(-1.45, 1.45)
        ax.set_ylim(-1.45, 1.35)
        ax.set_aspect("equal")
        ax.axis("off")
        sm = ScalarMappable(norm=Normalize(-10, 10), cmap=colormaps["RdYlGn"])
        bar = fig.colorbar(sm, ax=ax, shrink=0.6, pad=0.02)
        bar.set_label("index of the pair (−10 … +10)")
        ax.set_title(title + ("\ndashed: events between partners" if len(edges) > len(partners) else ""))
        return fig

    return _render("network", title, draw)


def pair_charts(a: PairAnalysis) -> list[Chart]:
    return [c for c in (CHARTS["timeline"](a), CHARTS["scorecard"](a)) if c is not None]


def country_charts(c: CountryAnalysis) -> list[Chart]:
    return [x for x in (CHARTS["network"](c), CHARTS["country_timeline"](c)) if x is not None]
