"""Validate the officials data files for CHN, RUS, IND, IDN, SAU, ZAF, TUR, PAK, IRN, ISR, UKR."""

import calendar
import datetime as dt
import re
from pathlib import Path

import pytest

OFFICIALS_DIR = Path(__file__).parents[1] / "src/bilateral/data/officials"
CODES = ["CHN", "RUS", "IND", "IDN", "SAU", "ZAF", "TUR", "PAK", "IRN", "ISR", "UKR"]
HEADER = ["name", "aliases", "country", "office", "start", "end"]
OFFICES = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister"}
CHECK_DATE = dt.date(2020, 6, 1)
DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bounds(text):
    """Return (earliest, latest) dates covered by YYYY, YYYY-MM or YYYY-MM-DD."""
    m = DATE_RE.match(text)
    if not m:
        raise ValueError(f"bad date {text!r}")
    year = int(m.group(1))
    if m.group(3):
        day = dt.date(year, int(m.group(2)), int(m.group(3)))
        return day, day
    if m.group(2):
        month = int(m.group(2))
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def read_rows(code):
    path = OFFICIALS_DIR / f"{code}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == len(HEADER), f"{path.name}:{lineno}: {len(fields)} fields"
        rows.append((lineno, dict(zip(HEADER, fields))))
    return lines, rows


def aliases_of(row):
    return [a for a in row["aliases"].split("|") if a] if row["aliases"] else []


@pytest.mark.parametrize("code", CODES)
def test_header_and_source_comment(code):
    lines, _ = read_rows(code)
    assert lines[0].split("\t") == HEADER
    assert any(line.startswith("# source:") for line in lines[:5])


@pytest.mark.parametrize("code", CODES)
def test_rows_are_well_formed(code):
    _, rows = read_rows(code)
    assert rows, f"{code}: no rows"
    for lineno, row in rows:
        where = f"{code}.tsv:{lineno}"
        assert row["name"].strip() == row["name"] and row["name"], where
        assert row["office"] in OFFICES, f"{where}: office {row['office']!r}"
        assert row["country"] == code, f"{where}: country {row['country']!r}"
        start_lo, _ = date_bounds(row["start"])
        if row["end"]:
            _, end_hi = date_bounds(row["end"])
            assert start_lo <= end_hi, f"{where}: start after end"
        for alias in aliases_of(row):
            assert alias.strip() == alias, f"{where}: alias {alias!r} has spaces"
            assert alias != alias.lower(), f"{where}: all-lower-case alias {alias!r}"
            assert alias != row["name"], f"{where}: alias repeats the name"


def test_no_alias_shared_between_people():
    owner = {}
    names = set()
    for code in CODES:
        _, rows = read_rows(code)
        for _, row in rows:
            names.add(row["name"].casefold())
            for alias in aliases_of(row):
                key = alias.casefold()
                assert owner.setdefault(key, row["name"]) == row["name"], (
                    f"alias {alias!r} used for {owner[key]!r} and {row['name']!r}"
                )
    for key, name in owner.items():
        assert key not in names or key == name.casefold(), (
            f"alias {key!r} of {name!r} is another person's name"
        )


@pytest.mark.parametrize("code", CODES)
def test_every_office_held_on_check_date(code):
    _, rows = read_rows(code)
    held = set()
    for _, row in rows:
        start_lo, _ = date_bounds(row["start"])
        end_hi = date_bounds(row["end"])[1] if row["end"] else dt.date.max
        if start_lo <= CHECK_DATE <= end_hi:
            held.add(row["office"])
    assert held == OFFICES, f"{code}: no holder on {CHECK_DATE} for {OFFICES - held}"
