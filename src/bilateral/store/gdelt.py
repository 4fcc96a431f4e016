"""GDELT 2.0 events: read from GDELT's export files into a table of their own, and queried by pair.

A GDELT 2.0 events file is tab-separated, 61 columns, no header, one event a line, often
zipped (`20240101120000.export.CSV.zip`). A line that is not a GDELT event row is reported
(BadGdeltRow, E703) with its file and line number and the import goes on; an event already
imported (same GLOBALEVENTID) is skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from sqlalchemy import and_, or_, select

from ..errors import BadGdeltRow, InputError, MissingPath
from . import schema as S
from .store import Store, _insert_ignore

CHUNK = 1000


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[str, ...]:
    from ..events.tables import data_rows

    return tuple(r["name"] for r in data_rows("gdelt_columns.tsv"))


@dataclass
class ImportCounts:
    read: int = 0
    imported: int = 0
    duplicate: int = 0
    bad: int = 0


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    """(name, line) for every line of a plain or zipped file."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.endswith("/"):
                    continue
                with zf.open(member) as fh:
                    for line in io.TextIOWrapper(fh, encoding="utf-8", errors="replace", newline=""):
                        yield f"{path}!{member}", line
        return
    with path.open("r", encoding="utf-8", errors="replace", newline="") as fh:
        for line in fh:
            yield str(path), line


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a whole number") from None


def _float(value: str, name: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"{name} {value!r} is not a number") from None


def parse_row(fields: list[str], origin: str) -> dict:
    """One GDELT row → a gdelt_events row; ValueError with the reason if it is not one."""
    cols = gdelt_columns()
    if len(fields) != len(cols):
        hint = " (GDELT 1.0 files have 57 or 58)" if len(fields) in (57, 58) else ""
        raise ValueError(f"{len(fields)} columns, not {len(cols)}{hint}")
    r = dict(zip(cols, (f.strip() for f in fields)))
    sqldate = r["SQLDATE"]
    try:
        day = dt.datetime.strptime(sqldate, "%Y%m%d").date().isoformat()
    except ValueError:
        raise ValueError(f"SQLDATE {sqldate!r} is not a date YYYYMMDD") from None
    code = r["EventCode"]
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise ValueError(f"EventCode {code!r} is not a CAMEO code")
    quad = _int(r["QuadClass"], "QuadClass")
    if quad not in (1, 2, 3, 4):
        raise ValueError(f"QuadClass {quad} is not 1-4")
    goldstein = _float(r["GoldsteinScale"], "GoldsteinScale")
    if not -10 <= goldstein <= 10:
        raise ValueError(f"GoldsteinScale {goldstein} is outside -10..10")
    return dict(
        global_event_id=_int(r["GLOBALEVENTID"], "GLOBALEVENTID"),
        day=day,
        actor1_code=r["Actor1Code"] or None, actor1_name=r["Actor1Name"] or None,
        actor1_country=r["Actor1CountryCode"][:3] or None,
        actor2_code=r["Actor2Code"] or None, actor2_name=r["Actor2Name"] or None,
        actor2_country=r["Actor2CountryCode"][:3] or None,
        is_root_event=r["IsRootEvent"] == "1",
        event_code=code, event_base_code=r["EventBaseCode"] or code[:3], event_root_code=r["EventRootCode"] or code[:2],
        quad_class=quad, goldstein=goldstein,
        num_mentions=_int(r["NumMentions"] or "0", "NumMentions"),
        num_sources=_int(r["NumSources"] or "0", "NumSources"),
        num_articles=_int(r["NumArticles"] or "0", "NumArticles"),
        avg_tone=_float(r["AvgTone"], "AvgTone") if r["AvgTone"] else None,
        action_geo_country=r["ActionGeo_CountryCode"][:2] or None,
        date_added=r["DATEADDED"] or None,
        source_url=r["SOURCEURL"] or None,
        imported_from=origin,
    )


def read_gdelt(path: str | Path) -> Iterator[dict | InputError]:
    """Rows of a GDELT events file, or a BadGdeltRow for each line that is not one."""
    p = Path(path)
    if not p.is_file():
        yield MissingPath(str(p), "no such file")
        return
    try:
        for n, (name, line) in enumerate(_lines(p), start=1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            try:
                yield parse_row(line.split("\t"), p.name)
            except ValueError as exc:
                yield BadGdeltRow(f"{name}:{n}", str(exc))
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        yield InputError(str(p), f"cannot read the file: {exc}")


def import_gdelt(store: Store, path: str | Path, on_bad=None) -> ImportCounts:
    """Import one file; `on_bad(error)` is called for each bad row (the import goes on)."""
    counts = ImportCounts()
    batch: list[dict] = []

    def flush() -> None:
        if not batch:
            return
        stmt = _insert_ignore(store.dialect, S.gdelt_events, ["global_event_id"])
        with store.engine.begin() as conn:
            # Many rows per statement; RETURNING names the new ones (rowcount is -1 on psycopg).
            inserted = len(conn.execute(stmt.returning(S.gdelt_events.c.global_event_id), batch).all())
        counts.imported += inserted
        counts.duplicate += len(batch) - inserted
        batch.clear()

    for item in read_gdelt(path):
        if isinstance(item, InputError):
            counts.bad += 1
            if on_bad:
                on_bad(item)
            continue
        counts.read += 1
        batch.append(item)
        if len(batch) >= CHUNK:
            flush()
    flush()
    return counts


def gdelt_pair(store: Store, a: str, b: str, since: str | None = None, until: str | None = None) -> list[dict]:
    """GDELT's events between two countries (either direction), oldest first."""
    g = S.gdelt_events.c
    cond = [or_(and_(g.actor1_country == a, g.actor2_country == b), and_(g.actor1_country == b, g.actor2_country == a))]
    if since:
        cond.append(g.day >= since)
    if until:
        cond.append(g.day <= until)
    stmt = select(S.gdelt_events).where(*cond).order_by(g.day, g.global_event_id)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def gdelt_count(store: Store) -> int:
    from sqlalchemy import func

    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(S.gdelt_events)).scalar() or 0
