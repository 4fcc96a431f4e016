"""Briefs in Markdown and HTML, built from the analysis objects: every claim cites its evidence.

`pair_brief` and `country_brief` turn an analysis into a Brief (sections of claims, each
claim with the events it rests on, and the numbered evidence); `to_markdown` and
`to_html` render it. A sentence about the countries is a Claim and always carries at
least one citation; a sentence about the method, or about data that is absent, is a
note and is shown apart.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable, Sequence

from ..analysis.country import CountryAnalysis
from ..analysis.distinct import Distinct, Timeline, Trend
from ..analysis.fields import NO_FIELD
from ..analysis.pair import PairAnalysis
from .charts import Chart

QUOTE_CHARS = 220
INDEX_NOTE = (
    "Index: the mean PLOVER intensity of distinct reported events (−10 hostile … +10 cooperative); "
    "an event told by several documents counts once. See docs/analysis.md."
)


@dataclass
class Claim:
    text: str
    cites: list[str]  # event ids; rendered as numbered links to the evidence
    tag: str | None = None

    def __post_init__(self) -> None:
        self.cites = list(dict.fromkeys(self.cites))
        if not self.cites:
            raise ValueError(f"a claim without evidence: {self.text!r}")


@dataclass
class Row:
    cells: list[str]
    cites: list[str]  # empty: the row states an absence and is a note

    def __post_init__(self) -> None:
        self.cites = list(dict.fromkeys(self.cites))


@dataclass
class Table:
    header: list[str]
    rows: list[Row]


@dataclass
class Section:
    key: str
    title: str
    claims: list[Claim] = field(default_factory=list)
    table: Table | None = None
    charts: list[str] = field(default_factory=list)  # names of charts shown in this section
    notes: list[str] = field(default_factory=list)


@dataclass
class EvidenceItem:
    number: int
    id: str
    heading: str
    reports: list[dict]


@dataclass
class Brief:
    title: str
    subtitle: str
    sections: list[Section]
    evidence: list[EvidenceItem]
    charts: dict[str, Chart] = field(default_factory=dict)

    def numbers(self) -> dict[str, int]:
        return {e.id: e.number for e in self.evidence}

    def claims(self) -> Iterable[tuple[str, list[str]]]:
        for s in self.sections:
            for c in s.claims:
                yield c.text, c.cites
            if s.table:
                for r in s.table.rows:
                    if r.cites:
                        yield " | ".join(r.cells), r.cites


# -- wording ------------------------------------------------------------------------------


def when(d: Distinct) -> str:
    e = d.event
    p = e.date_precision
    if not e.date or p == "unknown":
        return "undated"
    if p == "publication":
        return f"{e.date} (publication date)"
    if p == "decade":
        return f"the {e.date}s"
    if p == "period":
        return f"{e.date}–{e.date_end}" if e.date_end else e.date
    return e.date


def sides(d: Distinct, labels: dict[str, str]) -> str:
    e = d.event
    name = lambda ents: " and ".join(dict.fromkeys(labels.get(x.code, x.code) for x in ents))  # noqa: E731
    if e.symmetric:
        return name(e.actor)
    return f"{name(e.actor)} → {name(e.recipient)}" if e.recipient else name(e.actor)


def what(d: Distinct) -> str:
    e = d.event
    out = e.event + (f" ({e.mode})" if e.mode else "")
    return out + (f", {'/'.join(e.context)}" if e.context else "")


def quote(d: Distinct) -> str:
    t = " ".join(d.event.evidence.text.split())
    return "“" + (t if len(t) <= QUOTE_CHARS else t[: QUOTE_CHARS - 1].rstrip() + "…") + "”"


def signed(x: float | None) -> str:
    return "—" if x is None else f"{x:+.1f}".replace("-", "−")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def span(s: tuple[str, str] | None) -> str:
    if not s:
        return ""
    a, b = s[0][:4], s[1][:4]
    return a if a == b else f"{a}–{b}"


def trend_words(t: Trend | None) -> str:
    if t is None or t.direction is None:
        n = t.events if t else 0
        need = t.min_events if t else 0
        return f"no trend: {plural(n, 'dated event')}, fewer than {need}"
    return (
        f"{t.direction} ({signed(t.change)}): {signed(t.earlier)} over the earlier {plural(t.n_earlier, 'event')} "
        f"({span(t.earlier_span)}), {signed(t.later)} over the later {t.n_later} ({span(t.later_span)})"
    )


def _evidence(events: dict[str, Distinct], labels: dict[str, str]) -> list[EvidenceItem]:
    out = []
    for n, d in enumerate(events.values(), 1):
        heading = (
            f"{when(d)} · {what(d)} · {sides(d, labels)} · {d.status} · "
            f"{plural(d.n_reports, 'report')}"
        )
        reports = [
            {
                "text": r.evidence.text, "title": r.source.title, "site": r.source.site, "url": r.source.url,
                "published": r.published, "date": r.date, "date_precision": r.date_precision,
            }
            for r in d.reports
        ]
        out.append(EvidenceItem(n, d.id, heading, reports))
    return out


def _timeline_table(tl: Timeline, with_index: bool) -> Table:
    header = ["period", "events", "reports", "cooperation (verbal/material)", "conflict (verbal/material)",
              "categories"] + (["index"] if with_index else [])
    rows = []
    for p in tl.periods:
        q = p.quads
        cats = ", ".join(f"{c} {n}" for c, n in p.categories.items())
        cells = [p.label, str(p.events), str(p.reports), f"{q['1']}/{q['2']}", f"{q['3']}/{q['4']}", cats]
        if with_index:
            cells.append(f"{signed(p.index)} (n={p.events})")
        rows.append(Row(cells, p.event_ids))
    return Table(header, rows)


def _dating_claims(tl: Timeline, by: str) -> list[Claim]:
    out = []
    if tl.coarse:
        n = len(tl.coarse)
        out.append(Claim(
            f"{plural(n, 'reported event')} {_be(n)} dated more coarsely than a {by} (a decade, an era, or a year "
            f"when counting by {by}) and {_be(n)} counted in the totals but in no period.", tl.coarse))
    if tl.undated:
        n = len(tl.undated)
        out.append(Claim(
            f"{plural(n, 'reported event')} {'has' if n == 1 else 'have'} no date at all and {_be(n)} counted in the "
            "totals and the fields but in no period.", tl.undated))
    return out


def _be(n: int) -> str:
    return "is" if n == 1 else "are"


# -- the pair -----------------------------------------------------------------------------


def pair_brief(a: PairAnalysis, charts: Sequence[Chart] = ()) -> Brief:
    A, B = a.label(a.a), a.label(a.b)
    ev = a.events
    reported = [i for i, d in ev.items() if d.status == "reported" and i not in _outside(a)]
    window = _window(a.filters.since, a.filters.until, a.as_of)
    title = f"{A} – {B}: relations from the record"
    subtitle = (
        f"{plural(a.counts['reported'], 'distinct reported event')} from {plural(a.counts['documents'], 'document')}"
        f"{window}, counted by {a.filters.by}. Every claim cites its sentences; numbers in brackets lead to the evidence."
    )
    sections = []

    # Overview
    s = Section("overview", "Overview")
    if reported:
        s.claims.append(Claim(
            f"The store holds {plural(a.counts['reported'], 'distinct reported event')} between {A} and {B} "
            f"({plural(a.counts['reports'], 'report')} in {plural(a.counts['documents'], 'document')}): "
            f"{a.counts['cooperative']} cooperative and {a.counts['conflictual']} conflictual.", reported))
        s.claims.append(Claim(
            f"Their cooperation–conflict index is {signed(a.index)} on a scale from −10 (hostile) to +10 (cooperative), "
            f"from {plural(a.counts['reported'], 'event')}.", reported))
        t = a.trend
        if t.direction:
            s.claims.append(Claim(f"The index is {trend_words(t)}.", t.earlier_ids + t.later_ids))
        else:
            dated = [i for i in reported if ev[i].start]
            if dated:
                s.claims.append(Claim(
                    f"With only {plural(t.events, 'dated reported event')} (fewer than {t.min_events}), no trend is drawn; "
                    f"the counts per {a.filters.by} below are all the record says.", dated))
            else:
                s.notes.append(f"No reported event is dated, so no trend is drawn (fewer than {t.min_events}).")
        pub = [i for p in a.timeline.periods for i in p.event_ids if ev[i].event.date_precision == "publication"]
        if pub:
            s.claims.append(Claim(
                f"{plural(len(pub), 'event')} {_be(len(pub))} dated only by the publication date of "
                f"the article that reports {'it' if len(pub) == 1 else 'them'}: the text gives no time.", pub))
    else:
        s.notes.append("No reported event between the two in this selection.")
    props = [p.id for p in a.proposals]
    if props:
        n = len(props)
        s.claims.append(Claim(
            f"{n} {'proposal or plan' if n == 1 else 'proposals or plans'} (future or hypothetical) {_be(n)} "
            "listed apart under Ways forward and counted nowhere else.", props))
    sections.append(s)

    # Timeline
    s = Section("timeline", f"Activity and index per {a.filters.by}")
    s.table = _timeline_table(a.timeline, with_index=True)
    s.charts = ["timeline"]
    s.claims = _dating_claims(a.timeline, a.filters.by)
    if a.few:
        s.notes.append(
            f"Fewer than {a.min_events} reported events: each period's index is shown with its count, "
            "but no trend or swing is read from them."
        )
    sections.append(s)

    # Scorecard
    s = Section("scorecard", "Scorecard by field")
    s.charts = ["scorecard"]
    rows = []
    for f in a.scorecard:
        if f.key == NO_FIELD and not f.events:
            continue  # kept in the JSON for its proposals; an empty row says nothing here
        if not f.events:
            cells = [f.label, "0", "—", "—", "no reported events"]
            rows.append(Row(cells, []))
            continue
        strong = ev[f.strongest] if f.strongest else None
        trend_text = trend_words(f.trend)
        cells = [f.label, str(f.events), f"{signed(f.level)} (n={f.events})", trend_text,
                 f"{when(strong)}: {quote(strong)}" if strong else "—"]
        cites = ([f.strongest] if f.strongest else []) + [i for i in f.event_ids if i != f.strongest]
        rows.append(Row(cells, cites))
    s.table = Table(["field", "events", "level", "trend", "strongest evidence"], rows)
    s.notes.append(
        "A field's level is the index over its own events; an event can sit in several fields "
        "(data/fields.tsv). The strongest evidence is the event with most reports, then material over verbal, "
        "then the strongest score."
    )
    sections.append(s)

    # Milestones
    s = Section("milestones", "Milestones")
    m = a.milestones
    if m.establishment:
        d = ev[m.establishment.event_ids[0]]
        s.claims.append(Claim(
            f"{A} and {B} established relations in {m.establishment.detail['year']}: {quote(d)}",
            m.establishment.event_ids, "establishment"))
    for an in m.anniversaries:
        year, n, est = an.date, an.detail["years"], an.detail["established"]
        marked = an.detail["marked_by"]
        if marked:
            text = f"{year} marked the {_ordinal(n)} anniversary of relations established in {est}: {quote(ev[marked[0]])}"
        else:
            text = (f"{year} was the {_ordinal(n)} anniversary of relations established in {est} "
                    "(computed; no report in the store marks it).")
        s.claims.append(Claim(text, an.event_ids, "anniversary"))
    for f in m.firsts:
        d = ev[f.event_ids[0]]
        s.claims.append(Claim(f"{when(d)}, a first — {what(d)}, {sides(d, a.labels)}: {quote(d)}", f.event_ids, "first"))
    for sw in m.swings:
        s.claims.append(Claim(
            f"The index moved from {signed(sw.index_before)} in {sw.before} ({plural(sw.n_before, 'event')}) to "
            f"{signed(sw.index_after)} in {sw.after} ({plural(sw.n_after, 'event')}), a change of {signed(sw.change)}.",
            sw.event_ids, "swing"))
    for c in m.most_cited:
        d = ev[c.event_ids[0]]
        s.claims.append(Claim(
            f"Reported by {plural(c.detail['reports'], 'document')}: {what(d)} ({when(d)}), {quote(d)}",
            c.event_ids, "most cited"))
    if not m.establishment:
        s.notes.append("No report in the store dates the establishment of relations, so no anniversaries are computed.")
    if a.few:
        s.notes.append(f"Swings of the index are read only from {a.min_events} reported events on.")
    elif not m.swings:
        s.notes.append("The index did not change between periods.")
    if not m.most_cited:
        s.notes.append("No event was reported by more than one document.")
    sections.append(s)

    # Ways forward
    s = Section("proposals", "Ways forward: proposals and plans")
    if not any(x in a.filters.statuses for x in ("future", "hypothetical")):
        s.notes.append("Proposals were left out (--status).")
    for p in a.proposals:
        d = ev[p.id]
        fields = ", ".join(p.fields) or "no field"
        text = f"{p.status.capitalize()}, proposed {p.proposed or 'undated'} — {what(d)} ({fields}): {quote(d)}"
        if p.carried_out:
            text += (f" A later reported {p.category} of the pair in the same field may have carried it out "
                     f"({plural(len(p.carried_out), 'event')}).")
        else:
            text += " No later reported event of the pair in this category and field is in the store."
        s.claims.append(Claim(text, [p.id, *p.carried_out], "proposal"))
    if a.proposals:
        s.notes.append("Proposals and plans are never counted as events: not in the totals, the index or the timeline.")
    elif any(x in a.filters.statuses for x in ("future", "hypothetical")):
        s.notes.append("No proposal or plan between the two in this selection.")
    sections.append(s)

    # Negated
    if a.negated:
        s = Section("negated", "Said not to have happened")
        for i in a.negated:
            d = ev[i]
            s.claims.append(Claim(f"{when(d)} — {what(d)}, {sides(d, a.labels)}: {quote(d)}", [i], "negated"))
        s.notes.append("Negated events are shown here only: they are not in the totals, the index or the timeline.")
        sections.append(s)

    sections.append(_method_section(a.min_events))
    return Brief(title, subtitle, sections, _evidence(ev, a.labels), {c.name: c for c in charts})


def _outside(a: PairAnalysis) -> set[str]:
    """Events cited from outside the selection (an establishment before --since, a later
    carrying out): in the evidence, not in the counts."""
    inside = {i for p in a.timeline.periods for i in p.event_ids} | set(a.timeline.undated) | set(a.timeline.coarse)
    return {i for i, d in a.events.items() if d.status == "reported" and i not in inside}


def _window(since: str | None, until: str | None, as_of: str | None) -> str:
    if since and until:
        return f" dated {since} to {until}"
    if since:
        return f" dated from {since}"
    if until:
        return f" dated up to {until}"
    return f", as of {as_of}" if as_of else ""


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _method_section(min_events: int) -> Section:
    s = Section("method", "How the figures are made")
    s.notes = [
        INDEX_NOTE,
        "Events are dated when they happened, not when reported; a period holds an event only when the event's own "
        "date lies wholly inside it.",
        "One event told by several documents is counted once: same pair, category, status and own date (or, for "
        "events dated only by publication or not at all, the same sentence).",
        f"Trends compare the earlier and the later half of the dated events and are drawn only from {min_events} "
        "events on; every trend gives its counts.",
        "Only reported events enter the counts; proposals and plans are listed apart, negated events are shown apart.",
    ]
    return s


# -- the country --------------------------------------------------------------------------


def country_brief(c: CountryAnalysis, charts: Sequence[Chart] = ()) -> Brief:
    C = c.label(c.country)
    ev = c.events
    reported = [i for i, d in ev.items() if d.status == "reported"]
    title = f"{C}: partners and relations from the record"
    subtitle = (
        f"{plural(c.counts['reported'], 'distinct reported event')} with {plural(c.counts['partners'], 'partner')} "
        f"from {plural(c.counts['documents'], 'document')}{_window(c.filters.since, c.filters.until, None)}. "
        "Every claim cites its sentences."
    )
    sections = []
    s = Section("overview", "Overview")
    if reported:
        s.claims.append(Claim(
            f"The store holds {plural(c.counts['reported'], 'distinct reported event')} between {C} and "
            f"{plural(sum(1 for p in c.partners if p.events), 'partner')}; the index over all of them is {signed(c.index)}.",
            reported))
        if c.trend.direction:
            s.claims.append(Claim(f"Across partners the index is {trend_words(c.trend)}.",
                                  c.trend.earlier_ids + c.trend.later_ids))
        else:
            dated = [i for i in reported if ev[i].start]
            if dated:
                s.claims.append(Claim(
                    f"With only {plural(c.trend.events, 'dated reported event')} (fewer than {c.trend.min_events}), "
                    "no trend is drawn.", dated))
    else:
        s.notes.append("No reported event in this selection.")
    sections.append(s)

    s = Section("partners", "Partners, busiest first")
    rows = []
    for rank, p in enumerate(c.partners, 1):
        cells = [str(rank), p.label, str(p.events), str(p.reports), f"{signed(p.index)} (n={p.events})",
                 f"{p.cooperative}/{p.conflictual}", trend_words(p.trend) if p.events else "—",
                 span((p.first, p.last)) if p.first else "—", str(p.proposals)]
        rows.append(Row(cells, p.event_ids))
    s.table = Table(["rank", "partner", "events", "reports", "index", "coop./confl.", "trend", "years", "proposals"], rows)
    scored = [p for p in c.partners if p.index is not None]
    # A single event makes a loud extreme: compare partners with two or more when there are two such.
    if len([p for p in scored if p.events > 1]) > 1:
        scored = [p for p in scored if p.events > 1]
    if len(scored) > 1:
        hi = max(scored, key=lambda p: (p.index, p.events))
        lo = min(scored, key=lambda p: (p.index, -p.events))
        s.claims.append(Claim(
            f"The most cooperative record is with {hi.label} ({signed(hi.index)}, {plural(hi.events, 'event')}); "
            f"the most hostile with {lo.label} ({signed(lo.index)}, {plural(lo.events, 'event')}).",
            hi.event_ids + lo.event_ids))
    s.charts = ["network"]
    s.notes.append("Partners with no reported event appear for their proposals or negated events only.")
    sections.append(s)

    s = Section("shifts", f"Shifts per {c.filters.by}")
    s.table = _timeline_table(c.timeline, with_index=True)
    s.charts = ["country_timeline"]
    s.claims = _dating_claims(c.timeline, c.filters.by)
    for sw in c.swings:
        s.claims.append(Claim(
            f"The index moved from {signed(sw.index_before)} in {sw.before} ({plural(sw.n_before, 'event')}) to "
            f"{signed(sw.index_after)} in {sw.after} ({plural(sw.n_after, 'event')}), a change of {signed(sw.change)}.",
            sw.event_ids, "swing"))
    if c.few:
        s.notes.append(f"Fewer than {c.min_events} reported events: no trend or swing is read.")
    sections.append(s)
    sections.append(_method_section(c.min_events))
    return Brief(title, subtitle, sections, _evidence(ev, c.labels), {x.name: x for x in charts})


# -- rendering ----------------------------------------------------------------------------


def _md(text: str) -> str:
    """Article text inside Markdown: no raw HTML, no table breaks."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
            .replace("[", "\\[").replace("]", "\\]"))


def to_markdown(brief: Brief, chart_paths: dict[str, str] | None = None) -> str:
    """Markdown; `chart_paths` maps chart names to image paths (relative to the brief)."""
    num = brief.numbers()
    cite = lambda ids: " ".join(f"[{num[i]}](#ev-{i})" for i in ids)  # noqa: E731
    out = [f"# {_md(brief.title)}", "", _md(brief.subtitle), ""]
    for s in brief.sections:
        out += [f"## {_md(s.title)}", ""]
        for c in s.claims:
            tag = f"**{c.tag}** " if c.tag else ""
            out.append(f"- {tag}{_md(c.text)} {cite(c.cites)}")
        if s.claims:
            out.append("")
        for name in s.charts:
            if chart_paths and name in chart_paths:
                out += [f"![{_md(brief.charts[name].title if name in brief.charts else name)}]({chart_paths[name]})", ""]
        if s.table and s.table.rows:
            out.append("| " + " | ".join(_md(h) for h in s.table.header) + " | sources |")
            out.append("|" + "---|" * (len(s.table.header) + 1))
            for r in s.table.rows:
                out.append("| " + " | ".join(_md(x) for x in r.cells) + f" | {cite(r.cites) or '—'} |")
            out.append("")
        for n in s.notes:
            out += [f"> {_md(n)}", ""]
    out += ["## Evidence", ""]
    for e in brief.evidence:
        out.append(f'<a id="ev-{e.id}"></a>**[{e.number}]** {_md(e.heading)}')
        out.append("")
        for r in e.reports:
            out.append(f"> {_md(' '.join(r['text'].split()))}")
            out.append(">")
            out.append(f"> — {_md(_source_line(r))}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _source_line(r: dict) -> str:
    parts = [r.get("title") or "untitled", r.get("site"), r.get("url"),
             f"published {r['published']}" if r.get("published") else "publication date unknown"]
    return ", ".join(p for p in parts if p)


def to_html(brief: Brief) -> str:
    """One self-contained HTML page: inline CSS and SVG, PNGs as data URIs, nothing fetched."""
    from jinja2 import Environment, select_autoescape
    from markupsafe import Markup

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True, lstrip_blocks=True)
    template = env.from_string(resources.files(__package__).joinpath("templates/brief.html").read_text("utf-8"))
    charts = {
        name: {
            "title": c.title,
            "svg": Markup(c.svg),  # made by matplotlib from our labels, which it escapes itself
            "png": "data:image/png;base64," + base64.b64encode(c.png).decode("ascii"),
        }
        for name, c in brief.charts.items()
    }
    return template.render(brief=brief, num=brief.numbers(), charts=charts, safe_url=_safe_url)


def _safe_url(url: str | None) -> str | None:
    """Only web links become links; anything else (javascript:, data:) is shown as text."""
    return url if url and url.split(":", 1)[0].lower() in ("http", "https") else None


def chart_paths(charts: Iterable[Chart], folder: str, relative_to: str | None) -> dict[str, str]:
    base = relative_to or "."
    return {c.name: os.path.relpath(os.path.join(folder, f"{c.name}.svg"), base) for c in charts}
