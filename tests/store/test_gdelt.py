"""store.gdelt: GDELT 2.0 event files (plain and zipped) into their own table; bad rows reported; pair queries.

The file is ours (tests/fixtures/gdelt/README.md): GDELT's format, invented events.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from bilateral.errors import BadGdeltRow, MissingPath
from bilateral.store import Store
from bilateral.store.gdelt import gdelt_columns, gdelt_count, gdelt_pair, import_gdelt, parse_row, read_gdelt

FILE = Path(__file__).parents[1] / "fixtures" / "gdelt" / "20240410000000.export.CSV"


def test_the_column_table_is_gdelt_2():
    cols = gdelt_columns()
    assert len(cols) == 61 and len(set(cols)) == 61
    assert cols[0] == "GLOBALEVENTID" and cols[1] == "SQLDATE" and cols[-2:] == ("DATEADDED", "SOURCEURL")
    assert cols.index("EventCode") == 26 and cols.index("QuadClass") == 29 and cols.index("NumArticles") == 33
    assert cols.index("Actor1Geo_ADM2Code") == 39  # the column GDELT 2.0 added to each location


def test_rows_are_read_and_bad_lines_are_named_one_per_line():
    items = list(read_gdelt(FILE))
    good = [i for i in items if isinstance(i, dict)]
    bad = [i for i in items if isinstance(i, BadGdeltRow)]
    assert len(good) == 7 and len(bad) == 4
    assert [str(b).split(":")[1] for b in bad] == ["8", "9", "10", "11"]  # line numbers
    reasons = " | ".join(b.reason for b in bad)
    assert "57 columns, not 61 (GDELT 1.0 files have 57 or 58)" in reasons
    assert "SQLDATE '20221345' is not a date" in reasons
    assert "QuadClass 7 is not 1-4" in reasons
    assert "GoldsteinScale 12.0 is outside -10..10" in reasons
    assert all(str(b).startswith("[E703] ") and "\n" not in str(b) for b in bad)
    first = good[0]
    assert first["day"] == "2022-02-24" and first["actor1_country"] == "PAK" and first["actor2_country"] == "RUS"
    assert first["event_code"] == "042" and first["event_root_code"] == "04" and first["quad_class"] == 1
    assert first["num_articles"] == 6 and first["num_sources"] == 6 and first["num_mentions"] == 12
    assert first["source_url"].startswith("https://news.example.pk/")


def test_import_skips_repeats_and_goes_on_past_bad_rows(store):
    reported = []
    c = import_gdelt(store, FILE, on_bad=reported.append)
    assert (c.read, c.imported, c.duplicate, c.bad) == (7, 6, 1, 4)
    assert len(reported) == 4
    again = import_gdelt(store, FILE)
    assert (again.imported, again.duplicate) == (0, 7)
    assert gdelt_count(store) == 6
    # Our own tables are untouched.
    assert store.counts() == {"documents": 0, "events": 0}


def test_zipped_files_are_read(store, tmp_path):
    z = tmp_path / "20240410000000.export.CSV.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(FILE, FILE.name)
    c = import_gdelt(store, z)
    assert (c.imported, c.bad) == (6, 4)
    bad = [i for i in read_gdelt(z) if isinstance(i, BadGdeltRow)]
    assert str(bad[0]).startswith(f"[E703] {z}!{FILE.name}:8")


def test_pair_query_takes_both_directions_and_dates(store):
    import_gdelt(store, FILE)
    rows = gdelt_pair(store, "RUS", "PAK")
    assert [r["global_event_id"] for r in rows] == [1100000001, 1100000002, 1100000003, 1100000004, 1100000005]
    assert gdelt_pair(store, "PAK", "RUS") == rows
    assert [r["day"] for r in gdelt_pair(store, "PAK", "RUS", since="2023-01-01", until="2023-12-31")] == [
        "2023-01-20", "2023-06-15"]
    assert [r["event_code"] for r in gdelt_pair(store, "IND", "CHN")] == ["190"]


def test_a_missing_file_is_one_error():
    items = list(read_gdelt("/nonexistent/20240101.export.CSV"))
    assert len(items) == 1 and isinstance(items[0], MissingPath)


def test_parse_row_takes_gdelt_2_rows_only():
    line = FILE.read_text().splitlines()[0].split("\t")
    assert parse_row(line, "x")["global_event_id"] == 1100000001
    for broken in (line[:-1], line + [""]):
        try:
            parse_row(broken, "x")
        except ValueError as exc:
            assert "columns, not 61" in str(exc)
        else:
            raise AssertionError("a row of the wrong width was taken")


def test_migration_4_makes_the_table(db):
    with Store(db) as s:
        assert 4 in s.applied()
        assert gdelt_count(s) == 0
