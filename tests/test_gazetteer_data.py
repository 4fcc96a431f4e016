"""Sanity checks for the actor gazetteer data files (countries, historical states, organisations)."""

import csv
import re
import unicodedata
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).parents[1] / "src/bilateral/data"

HEADERS = {
    "countries.tsv": ["code", "name", "aliases", "demonyms", "capitals", "seats"],
    "historical_states.tsv": ["code", "name", "aliases", "demonyms", "capitals", "seats", "start", "end"],
    "organisations.tsv": ["code", "name", "aliases", "kind", "founded", "dissolved"],
}

# Fields holding surface strings that a matcher looks for in text.
STRING_FIELDS = {
    "countries.tsv": ["name", "aliases", "demonyms", "capitals", "seats"],
    "historical_states.tsv": ["name", "aliases", "demonyms", "capitals", "seats"],
    "organisations.tsv": ["name", "aliases"],
}

REQUIRED_ORGS = {
    "UNO", "NATO", "EU", "SCO", "SEATO", "CENTO", "ASEAN", "AU", "BRICS", "OPEC", "IMF", "GCC",
    "SAARC", "CSTO", "OIC", "WTO", "WBK", "IAEA", "G7", "G20", "OSCE", "CIS", "EAEU", "APEC", "OAS",
    "ARL", "ECOWAS", "ICC", "ICJ", "WHO", "ECO", "QUAD", "AUKUS", "NAM", "WPO",
    "CMEA", "ADB", "AIIB", "NDB", "CPTPP", "MERCOSUR", "SADC", "IGAD", "EAC", "OECD", "COMW",
    "UNHCR", "UNICEF", "WFP", "FAO", "INTERPOL", "IEA",
}

ORG_KINDS = {"igo", "alliance", "forum", "bank", "court", "ngo"}

# Organisation codes that deliberately equal a country code (required by the spec).
KNOWN_ORG_COUNTRY_CODE_OVERLAPS = {"NAM"}  # Non-Aligned Movement vs Namibia

YEAR = re.compile(r"^\d{4}$")


def read_rows(name):
    """Return (header, rows) of a TSV file, skipping '#' comment lines."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = [row for row in reader if row]
    return header, rows


def read_dicts(name):
    header, rows = read_rows(name)
    return [dict(zip(header, row)) for row in rows]


def split(value):
    return [item for item in value.split("|")] if value else []


def normalise(text):
    """Case- and accent-insensitive key for collision checks."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_shape(name):
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        first_line = fh.readline().rstrip("\n")
    assert first_line.split("\t") == HEADERS[name], "header must be the first line"
    header, rows = read_rows(name)
    assert header == HEADERS[name]
    for row in rows:
        assert len(row) == len(header), f"{name}: wrong column count in {row!r}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_codes_unique_and_well_formed(name):
    rows = read_dicts(name)
    codes = [row["code"] for row in rows]
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    assert not duplicates, f"{name}: duplicate codes {duplicates}"
    # Most codes are 2-6 characters; MERCOSUR and INTERPOL are required verbatim, hence up to 8.
    pattern = re.compile(r"^[A-Z][A-Z0-9]{1,7}$" if name == "organisations.tsv" else r"^[A-Z]{3}$")
    bad = [code for code in codes if not pattern.match(code)]
    assert not bad, f"{name}: malformed codes {bad}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_empty_name_and_no_stray_whitespace(name):
    for row in read_dicts(name):
        assert row["name"], f"{name}: empty name for {row['code']}"
        for column, value in row.items():
            assert value == value.strip(), f"{name}: whitespace around {column} of {row['code']}"
            if column in STRING_FIELDS[name]:
                for item in split(value):
                    assert item and item == item.strip(), f"{name}: bad item {item!r} in {row['code']}"
                    assert item != item.lower(), f"{name}: all-lower-case string {item!r} in {row['code']}"
                    assert not item.startswith("the "), f"{name}: leading 'the' in {item!r}"


def test_no_string_maps_to_two_codes():
    seen = {}
    clashes = []
    for name, fields in STRING_FIELDS.items():
        for row in read_dicts(name):
            for field in fields:
                for item in split(row[field]):
                    key = normalise(item)
                    where = (row["code"], name, field, item)
                    if key in seen and seen[key][0] != row["code"]:
                        clashes.append((seen[key], where))
                    seen.setdefault(key, where)
    assert not clashes, "strings mapped to two codes:\n" + "\n".join(map(str, clashes))


def test_country_rows():
    rows = read_dicts("countries.tsv")
    assert len(rows) >= 190
    codes = {row["code"] for row in rows}
    for code in ("USA", "RUS", "CHN", "GBR", "FRA", "IND", "PAK", "XKX", "TWN", "PSE", "VAT"):
        assert code in codes


def test_historical_states():
    rows = {row["code"]: row for row in read_dicts("historical_states.tsv")}
    for code in ("SUN", "YUG", "DDR", "CSK", "SCG", "YMD", "VDR", "ZAR"):
        assert code in rows, code
    for code, row in rows.items():
        assert YEAR.match(row["start"]) and YEAR.match(row["end"]), code
        assert int(row["start"]) < int(row["end"]), code


def test_organisations():
    rows = {row["code"]: row for row in read_dicts("organisations.tsv")}
    missing = REQUIRED_ORGS - set(rows)
    # The Security Council and General Assembly are the UN acting: aliases of UNO.
    uno = rows["UNO"]["aliases"].split("|")
    assert "Security Council" in uno and "General Assembly" in uno
    assert not missing, f"missing organisation codes: {sorted(missing)}"
    for code, row in rows.items():
        assert row["kind"] in ORG_KINDS, code
        assert YEAR.match(row["founded"]), code
        if row["dissolved"]:
            assert YEAR.match(row["dissolved"]) and int(row["founded"]) <= int(row["dissolved"]), code


def test_org_codes_distinct_from_country_codes():
    countries = {row["code"] for row in read_dicts("countries.tsv")}
    orgs = {row["code"] for row in read_dicts("organisations.tsv")}
    assert countries & orgs == KNOWN_ORG_COUNTRY_CODE_OVERLAPS
