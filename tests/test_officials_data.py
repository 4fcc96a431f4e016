"""Validate every officials data file (standard library only).

The issue's core set (the G20, Pakistan, Iran, Israel, Ukraine, both Koreas and the EU)
must have a holder of all four offices on a check date; every other country at least a
head of state or of government."""

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest

OFFICIALS_DIR = Path(__file__).parents[1] / "src/bilateral/data/officials"
CODES = sorted(p.stem for p in OFFICIALS_DIR.glob("*.tsv"))
CORE = ["ARG", "AUS", "BRA", "CAN", "CHN", "DEU", "EU", "FRA", "GBR", "IDN", "IND", "ITA", "JPN", "KOR",
        "MEX", "RUS", "SAU", "TUR", "USA", "ZAF", "PAK", "IRN", "ISR", "UKR", "PRK"]
HEADER = ["name", "aliases", "country", "office", "start", "end"]
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
# Offices each file must have a holder for on CHECK_DATE (the EU had no defence
# commissioner before 2024-12).
REQUIRED = {code: OFFICES if code in CORE else set() for code in CODES}
REQUIRED["EU"] = OFFICES - {"defence_minister"}
# Realms share the British monarch, listed once in GBR.tsv.
REQUIRED["CAN"] = OFFICES - {"head_of_state"}
REQUIRED["AUS"] = OFFICES - {"head_of_state"}
CHECK_DATE = dt.date(2020, 6, 1)
HISTORICAL = {
    line.split("\t")[0]
    for line in (OFFICIALS_DIR.parent / "historical_states.tsv").read_text(encoding="utf-8").splitlines()[1:]
    if line and not line.startswith("#")
}
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SOURCE_RE = re.compile(r"^# source: general knowledge; as of \d{4}(-\d{2}(-\d{2})?)?$")


def date_bounds(text):
    """(earliest, latest) day covered by a YYYY, YYYY-MM or YYYY-MM-DD string."""
    m = DATE_RE.match(text)
    if not m:
        raise ValueError(f"bad date {text!r}")
    year = int(m.group(1))
    if m.group(3):
        day = dt.date(year, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        month = int(m.group(2))
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def load(code):
    """Return (all lines, [(line number, row dict)]) skipping the header and # comments."""
    path = OFFICIALS_DIR / f"{code}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == len(HEADER), f"{path.name}:{lineno}: {len(fields)} fields, want {len(HEADER)}"
        rows.append((lineno, dict(zip(HEADER, fields))))
    return lines, rows


def aliases(row):
    return [a for a in row["aliases"].split("|")] if row["aliases"] else []


def test_core_set_is_present():
    assert set(CORE) <= set(CODES)


@pytest.mark.parametrize("code", CODES)
def test_header_and_source_comment(code):
    lines, rows = load(code)
    assert lines[0].split("\t") == HEADER
    assert any(SOURCE_RE.match(line) for line in lines[:3]), f"{code}: no '# source:' line at the top"
    assert rows, f"{code}: no data rows"


@pytest.mark.parametrize("code", CODES)
def test_rows_are_well_formed(code):
    _, rows = load(code)
    seen = set()
    for lineno, row in rows:
        where = f"{code}.tsv:{lineno}"
        assert row["name"] and row["name"].strip() == row["name"], where
        assert row["office"] in OFFICES, f"{where}: office {row['office']!r}"
        # A state's file may hold its predecessor's offices (SRB.tsv: Yugoslavia, Serbia
        # and Montenegro), under the historical code.
        assert row["country"] == code or row["country"] in HISTORICAL, f"{where}: country {row['country']!r}"
        start_lo, _ = date_bounds(row["start"])
        if row["end"]:
            _, end_hi = date_bounds(row["end"])
            assert start_lo <= end_hi, f"{where}: start {row['start']} after end {row['end']}"
        for alias in aliases(row):
            assert alias and alias.strip() == alias, f"{where}: empty or padded alias {alias!r}"
            assert alias != alias.lower(), f"{where}: all-lower-case alias {alias!r}"
            assert alias != row["name"], f"{where}: alias repeats the name"
        assert len(set(aliases(row))) == len(aliases(row)), f"{where}: repeated alias"
        key = (row["name"], row["office"], row["start"])
        assert key not in seen, f"{where}: duplicate row {key}"
        seen.add(key)


def test_no_alias_shared_between_people():
    """An alias (or a name) must point at one person across all of these files."""
    owner = {}
    names = {}
    for code in CODES:
        for _, row in load(code)[1]:
            names.setdefault(row["name"].casefold(), row["name"])
            for alias in aliases(row):
                prev = owner.setdefault(alias.casefold(), row["name"])
                assert prev == row["name"], f"alias {alias!r} used for {prev!r} and {row['name']!r}"
    for key, person in owner.items():
        other = names.get(key)
        assert other is None or other == person, f"alias {key!r} of {person!r} is the name of {other!r}"


@pytest.mark.parametrize("code", CODES)
def test_every_office_held_on_check_date(code):
    held = set()
    if code not in CORE:
        for _, row in load(code)[1]:
            start_lo, _ = date_bounds(row["start"])
            end_hi = date_bounds(row["end"])[1] if row["end"] else dt.date.max
            if start_lo <= CHECK_DATE <= end_hi:
                held.add(row["office"])
        assert held & {"head_of_state", "head_of_government"}, f"{code}: no head on {CHECK_DATE}"
        return
    for _, row in load(code)[1]:
        start_lo, _ = date_bounds(row["start"])
        end_hi = date_bounds(row["end"])[1] if row["end"] else dt.date.max
        if start_lo <= CHECK_DATE <= end_hi:
            held.add(row["office"])
    missing = REQUIRED[code] - held
    assert not missing, f"{code}: no holder on {CHECK_DATE} for {sorted(missing)}"
