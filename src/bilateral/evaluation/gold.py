"""Gold readers: PLOVER-style records and the team's article format (docs/annotation.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..actors import gazetteer
from ..errors import GoldError
from ..records import CATEGORIES

# PLOVER 0.5 names in older gold records (SCHEMA.md).
OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
ANY_ORGANISATION = "IGO"


def gold_codes() -> dict[str, str]:
    """Codes of gold records beyond the gazetteer (data/gold_codes.tsv): code → reading."""
    from ..events.tables import data_rows

    out = {}
    for r in data_rows("gold_codes.tsv"):
        out[r["code"]] = ANY_ORGANISATION if r["reads_as"] == "*org" else r["reads_as"]
    return out


def _line_of(raw: str, record_id: str | None) -> int:
    i = raw.find(f'"{record_id}"') if record_id else -1
    return raw[:i].count("\n") + 1 if i >= 0 else 0


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


def _codes(side, where: str) -> frozenset[str]:
    if not isinstance(side, list):
        return frozenset()
    known = gazetteer().labels
    extra = gold_codes()
    out = set()
    for a in side:
        code = a.get("code") if isinstance(a, dict) else None
        if not code:
            continue
        if code in known:
            out.add(code)
        elif code in extra:
            out.add(extra[code] or f"?{code}")  # "?IMG": a side no coded event can match
        else:
            raise GoldError(where, f"unknown actor code {code!r}")
    return frozenset(out)


def read_plover(path: Path) -> list[GoldDoc]:
    try:
        raw = path.read_text("utf-8")
        records = json.loads(raw)
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(str(path), f"cannot read PLOVER records: {exc}") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}", f"cannot read PLOVER records: {exc.msg}") from None
    if not isinstance(records, list):
        raise GoldError(str(path), "PLOVER gold must be a JSON list of records")
    out = []
    for r in records:
        if not isinstance(r, dict) or r.get("event") == "DOCUMENT":
            continue
        where = f"{path}:{_line_of(raw, r.get('id'))} ({r.get('id')})"
        event = OLD_NAMES.get(r.get("event"), r.get("event"))
        if not r.get("text"):
            raise GoldError(where, "record has no text")
        if event not in CATEGORIES:
            raise GoldError(where, f"unknown event {r.get('event')!r}")
        actor, target = _codes(r.get("source"), where), _codes(r.get("target"), where)
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
        known = gazetteer().labels
        for i, e in enumerate(spec.get("events", [])):
            where = f"{spec_path} (event {i + 1})"
            if e.get("event") not in CATEGORIES:
                raise GoldError(where, f"unknown event {e.get('event')!r}")
            for code in [*(e.get("actor") or ()), *(e.get("recipient") or ())]:
                if code not in known:
                    raise GoldError(where, f"unknown actor code {code!r}")
            if not e.get("quote"):
                raise GoldError(where, "event has no quote")
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
