"""The fields of a relationship (economy, energy, security …): which events belong to which.

The six fields and the rules that reach them live in data/fields.tsv: context and mode
rules all apply (an energy trade deal is in economy and in energy); a category rule is a
fallback for events that no context or mode rule reached.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..records import Event

NO_FIELD = "none"


@dataclass(frozen=True)
class Fields:
    labels: dict[str, str]  # key → label, in display order
    context: dict[str, tuple[str, ...]]
    mode: dict[str, tuple[str, ...]]
    category: dict[str, tuple[str, ...]]

    def of(self, e: Event) -> tuple[str, ...]:
        """The fields an event belongs to, in display order; () when no rule reaches it."""
        found: set[str] = set()
        for c in e.context:
            found.update(self.context.get(c, ()))
        if e.mode:
            found.update(self.mode.get(e.mode, ()))
        if not found:
            found.update(self.category.get(e.event, ()))
        return tuple(k for k in self.labels if k in found)


def field_rows() -> list[dict[str, str]]:
    text = resources.files("bilateral.data").joinpath("fields.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_fields(rows: list[dict[str, str]]) -> Fields:
    labels: dict[str, str] = {}
    rules: dict[str, dict[str, list[str]]] = {"context": {}, "mode": {}, "category": {}}
    for r in rows:
        if r["kind"] == "field":
            labels[r["value"]] = r["field"]
        else:
            rules[r["kind"]].setdefault(r["value"], []).append(r["field"])
    return Fields(
        labels, *({k: tuple(v) for k, v in rules[kind].items()} for kind in ("context", "mode", "category"))
    )


@lru_cache(maxsize=1)
def fields() -> Fields:
    return build_fields(field_rows())
