"""Sanity checks for the CAMEO and PLOVER data tables in src/bilateral/data."""

import math
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "src/bilateral/data"

CAMEO_HEADER = ["code", "name", "goldstein", "plover", "mode", "quad"]
PLOVER_HEADER = ["category", "quad", "score", "mode", "mode_score", "description"]

# Category -> (quad, base score), as defined by the project.
PLOVER_BASE = {
    "AGREE": (1, 2.5),
    "CONSULT": (1, 2.5),
    "SUPPORT": (1, 5.0),
    "CONCEDE": (1, 4.5),
    "COOPERATE": (2, 9.5),
    "AID": (2, 10.0),
    "RETREAT": (2, 6.5),
    "REQUEST": (3, 0.0),
    "ACCUSE": (3, -3.0),
    "REJECT": (3, -2.0),
    "THREATEN": (3, -3.5),
    "PROTEST": (3, -5.0),
    "SANCTION": (4, -6.0),
    "MOBILIZE": (4, -5.5),
    "COERCE": (4, -7.0),
    "ASSAULT": (4, -9.0),
}

# PLOVER spells some modes with a hyphen (third-party, heavy-weapons, martial-law).
MODE_RE = re.compile(r"^[a-z][a-z_-]*$")


def read_tsv(name):
    """Return (header, rows) of a TAB-separated file, skipping '#' comment lines."""
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        lines = fh.read().splitlines()
    header = lines[0].split("\t")
    rows = [
        (lineno, line.split("\t"))
        for lineno, line in enumerate(lines[1:], start=2)
        if line.strip() and not line.startswith("#")
    ]
    return header, rows


def as_dicts(name):
    header, rows = read_tsv(name)
    out = []
    for lineno, fields in rows:
        assert len(fields) == len(header), f"{name}:{lineno}: {len(fields)} fields"
        out.append(dict(zip(header, fields), _line=lineno))
    return out


def to_float(text):
    value = float(text)
    assert math.isfinite(value)
    return value


@pytest.fixture(scope="module")
def cameo():
    return as_dicts("cameo.tsv")


@pytest.fixture(scope="module")
def plover():
    return as_dicts("plover.tsv")


def test_cameo_header():
    header, _ = read_tsv("cameo.tsv")
    assert header == CAMEO_HEADER


def test_cameo_row_count(cameo):
    assert len(cameo) >= 280


def test_cameo_codes_unique_digit_strings(cameo):
    codes = [row["code"] for row in cameo]
    assert len(codes) == len(set(codes))
    for row in cameo:
        code = row["code"]
        assert code.isdigit() and code.isascii(), row
        assert 2 <= len(code) <= 4, row


def test_cameo_has_all_roots_with_leading_zeros(cameo):
    codes = {row["code"] for row in cameo}
    assert {f"{i:02d}" for i in range(1, 21)} <= codes
    assert {"010", "042", "057", "0211", "2042"} <= codes


def test_cameo_children_have_root_and_parent(cameo):
    codes = {row["code"] for row in cameo}
    for code in codes:
        if len(code) > 2:
            assert code[:2] in codes, f"{code}: root {code[:2]} missing"
        if len(code) == 4:
            assert code[:3] in codes, f"{code}: parent {code[:3]} missing"


def test_cameo_names_present(cameo):
    for row in cameo:
        assert row["name"].strip() == row["name"] and row["name"], row


def test_cameo_goldstein_range(cameo):
    for row in cameo:
        assert -10.0 <= to_float(row["goldstein"]) <= 10.0, row


def test_cameo_plover_and_quad(cameo):
    for row in cameo:
        assert row["plover"] in PLOVER_BASE, row
        assert int(row["quad"]) == PLOVER_BASE[row["plover"]][0], row


def test_plover_header():
    header, _ = read_tsv("plover.tsv")
    assert header == PLOVER_HEADER


def test_plover_base_rows(plover):
    base = [row for row in plover if row["mode"] == ""]
    assert len(base) == len({row["category"] for row in base}), "duplicate base rows"
    assert {row["category"] for row in base} == set(PLOVER_BASE)
    for row in base:
        quad, score = PLOVER_BASE[row["category"]]
        assert int(row["quad"]) == quad, row
        assert to_float(row["score"]) == pytest.approx(score), row
        assert row["mode_score"] == "", row
        assert row["description"].strip(), row


def test_plover_mode_rows(plover):
    keys = set()
    for row in plover:
        assert row["category"] in PLOVER_BASE, row
        assert int(row["quad"]) == PLOVER_BASE[row["category"]][0], row
        if row["mode"] == "":
            continue
        key = (row["category"], row["mode"])
        assert key not in keys, f"duplicate mode row {key}"
        keys.add(key)
        assert MODE_RE.match(row["mode"]), row
        assert -10.0 <= to_float(row["mode_score"]) <= 10.0, row
        assert to_float(row["score"]) == pytest.approx(PLOVER_BASE[row["category"]][1]), row


def test_cameo_modes_known_or_well_formed(cameo, plover):
    scored = {(row["category"], row["mode"]) for row in plover if row["mode"]}
    for row in cameo:
        mode = row["mode"]
        if mode:
            assert (row["plover"], mode) in scored or MODE_RE.match(mode), row
