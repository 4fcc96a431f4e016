"""Reports: the analysis objects rendered as a terminal view, JSON, Markdown or HTML, with charts.

Renderers are registered by name (`@report("html")`), so a plugin can add one. Each
takes a PairAnalysis or a CountryAnalysis and returns text.
"""

from __future__ import annotations

import json
from typing import Callable, Sequence

from ..analysis.country import CountryAnalysis
from ..analysis.pair import PairAnalysis
from .brief import Brief, country_brief, pair_brief, to_html, to_markdown
from .charts import Chart, country_charts, pair_charts
from .terminal import to_terminal

Analysis = PairAnalysis | CountryAnalysis
Renderer = Callable[..., str]
REPORTS: dict[str, Renderer] = {}
NEEDS_CHARTS = {"html"}  # Markdown links to chart files only when they are written (--charts)


def report(name: str) -> Callable[[Renderer], Renderer]:
    def register(fn: Renderer) -> Renderer:
        REPORTS[name] = fn
        return fn

    return register


def charts_for(analysis: Analysis) -> list[Chart]:
    return pair_charts(analysis) if isinstance(analysis, PairAnalysis) else country_charts(analysis)


def brief_for(analysis: Analysis, charts: Sequence[Chart] = ()) -> Brief:
    if isinstance(analysis, PairAnalysis):
        return pair_brief(analysis, charts)
    return country_brief(analysis, charts)


@report("table")
def render_table(analysis: Analysis, charts: Sequence[Chart] = (), chart_paths=None, width: int | None = None) -> str:
    return to_terminal(brief_for(analysis), width)


@report("json")
def render_json(analysis: Analysis, charts: Sequence[Chart] = (), chart_paths=None, width: int | None = None) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"


@report("md")
def render_markdown(analysis: Analysis, charts: Sequence[Chart] = (), chart_paths=None, width: int | None = None) -> str:
    return to_markdown(brief_for(analysis, charts), chart_paths)


@report("html")
def render_html(analysis: Analysis, charts: Sequence[Chart] = (), chart_paths=None, width: int | None = None) -> str:
    return to_html(brief_for(analysis, charts))


__all__ = [
    "Brief", "Chart", "NEEDS_CHARTS", "REPORTS", "brief_for", "charts_for", "country_brief", "pair_brief", "report",
    "to_html", "to_markdown", "to_terminal",
]
