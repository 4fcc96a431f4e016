"""The terminal view of a pair or a country: Rich tables over the same Brief as the documents.

Built from the Brief, so the terminal says exactly what the Markdown and HTML say; the
citations are numbers into the evidence table at the end.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .brief import Brief

EVIDENCE_CHARS = 140


def to_terminal(brief: Brief, width: int | None = None, evidence: bool = True) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width or 160, highlight=False, soft_wrap=False, force_terminal=False)
    num = brief.numbers()
    cite = lambda ids: " ".join(f"[{num[i]}]" for i in ids)  # noqa: E731
    console.print(Text(brief.title, style="bold"))
    console.print(Text(brief.subtitle))
    for s in brief.sections:
        if s.key == "method":
            continue
        console.print()
        console.print(Text(s.title, style="bold underline"))
        for c in s.claims:
            tag = f"{c.tag}: " if c.tag else ""
            console.print(Text(f"• {tag}{c.text} {cite(c.cites)}"))
        if s.table and s.table.rows:
            t = Table(show_lines=False)
            for h in s.table.header:
                t.add_column(h, overflow="fold")
            t.add_column("sources", overflow="fold")
            for r in s.table.rows:
                t.add_row(*r.cells, cite(r.cites) or "—")
            console.print(t)
        for n in s.notes:
            console.print(Text(n, style="dim"))
    if evidence and brief.evidence:
        console.print()
        t = Table(title="Evidence", show_lines=False)
        for col in ("#", "event", "sentence", "source"):
            t.add_column(col, overflow="fold")
        for e in brief.evidence:
            r = e.reports[0]
            text = " ".join(r["text"].split())
            if len(text) > EVIDENCE_CHARS:
                text = text[: EVIDENCE_CHARS - 1] + "…"
            more = f" (+{len(e.reports) - 1} more)" if len(e.reports) > 1 else ""
            source = ", ".join(x for x in (r.get("title"), r.get("site"), r.get("url"), r.get("published")) if x)
            t.add_row(str(e.number), e.heading, text, source + more)
        console.print(t)
    return out.getvalue()
