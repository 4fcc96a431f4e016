"""Gold readers: PLOVER-style records and the team's article format (docs/annotation.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GoldError
from ..records import CATEGORIES

# PLOVER 0.5 names in older gold records (SCHEMA.md).
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# Non-standard codes in PLOVER's gold records.
OLD_CODES = {"JAP": "JPN", "ITL": "ITA"}
ANY_ORGANISATION = "IGO"


@dataclass(frozen=True)
class GoldEvent:
    event: str
    actor: frozenset[str]
    recipient: frozenset[str]
    symmetric: bool = False
    status: str | None = None
    date: str | None = None
    date_precision: str | None = None
    quote: str | None = None


@dataclass
class GoldDoc:
    """One unit of gold: a sentence (PLOVER) or an article (ours)."""

    id: str
    text: str
    kind: str  # "plover" | "article"
    events: list[GoldEvent]
    published: str | None = None
    path: Path | None = None
    is_html: bool = False
    meta: dict = field(default_factory=dict)


def _codes(side) -> frozenset[str]:
    if not isinstance(side, list):
        return frozenset()
    return frozenset(OLD_CODES.get(a.get("code"), a.get("code")) for a in side if isinstance(a, dict) and a.get("code"))


def read_plover(path: Path) -> list[GoldDoc]:
    try:
        records = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(str(path), f"cannot read PLOVER records: {exc}") from None
    if not isinstance(records, list):
        raise GoldError(str(path), "PLOVER gold must be a JSON list of records")
    out = []
    for r in records:
        if not isinstance(r, dict) or r.get("event") == "DOCUMENT":
            continue
        event = OLD_NAMES.get(r.get("event"), r.get("event"))
        if event not in CATEGORIES or not r.get("text"):
            raise GoldError(f"{path}:{r.get('id')}", f"record has no text or an unknown event {r.get('event')!r}")
        actor, target = _codes(r.get("source")), _codes(r.get("target"))
        ev = GoldEvent(event, actor, target, symmetric=not target and len(actor) >= 2)
        out.append(GoldDoc(r.get("id", "?"), r["text"], "plover", [ev], published=r.get("date")))
    return out


def read_articles(folder: Path) -> list[GoldDoc]:
    out = []
    for spec_path in sorted(folder.rglob("*.events.json")):
        stem = spec_path.name[: -len(".events.json")]
        text_path = next((spec_path.with_name(stem + s) for s in (".txt", ".html", ".md") if spec_path.with_name(stem + s).exists()), None)
        if text_path is None:
            raise GoldError(str(spec_path), f"no {stem}.txt or {stem}.html beside it")
        try:
            spec = json.loads(spec_path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise GoldError(str(spec_path), f"not valid JSON: {exc.msg}") from None
        events = []
        for i, e in enumerate(spec.get("events", [])):
            if e.get("event") not in CATEGORIES:
                raise GoldError(f"{spec_path}#{i}", f"unknown event {e.get('event')!r}")
            events.append(
                GoldEvent(
                    e["event"], frozenset(e.get("actor") or ()), frozenset(e.get("recipient") or ()),
                    bool(e.get("symmetric")), e.get("status"), e.get("date"), e.get("date_precision"), e.get("quote"),
                )
            )
        out.append(
            GoldDoc(
                spec.get("id", stem), text_path.read_text("utf-8"), "article", events, spec.get("published"),
                text_path, text_path.suffix == ".html",
            )
        )
    return out


def read_gold(path: str | Path) -> list[GoldDoc]:
    """A PLOVER JSON file, an article folder, or one article's .events.json."""
    p = Path(path)
    if not p.exists():
        raise GoldError(str(p), "no such file or folder")
    if p.is_dir():
        docs = read_articles(p)
        if not docs:
            raise GoldError(str(p), "no *.events.json files in the folder")
        return docs
    if p.name.endswith(".events.json"):
        return [d for d in read_articles(p.parent) if d.path and d.path.stem == p.name[: -len(".events.json")]]
    return read_plover(p)
