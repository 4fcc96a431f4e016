"""export, import-gdelt, pair --compare gdelt, load, ingest --dask/--parquet and --db on PostgreSQL, by the CLI.

Exit codes and one-line errors as everywhere: 0 all done, 1 something skipped (named on
stderr), 2 the command could not run.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from bilateral.interfaces.cli import app
from bilateral.scale.parquet import MARKER
from bilateral.store import Store

FIXTURES = Path(__file__).parents[1] / "fixtures"
WIRE = str(FIXTURES / "scale" / "wire.jsonl")
GDELT = str(FIXTURES / "gdelt" / "20240410000000.export.CSV")


@pytest.fixture
def runner(coder):
    return CliRunner()


@pytest.fixture
def demo(demo_db, tmp_path):
    """A copy of the demo store this test may change."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db, copy)
    return str(copy)


def one_line_error(result, code: str) -> str:
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert f"[{code}]" in lines[0]
    return lines[0]


# -- export --------------------------------------------------------------------------------


def test_export_jsonl_and_csv_equal_events_with_the_same_filters(runner, demo_db, tmp_path):
    filters = ["--pair", "PAK-RUS", "--status", "reported", "--since", "2016"]
    for fmt in ("jsonl", "csv"):
        listed = runner.invoke(app, ["events", "--db", str(demo_db), "-f", fmt, *filters])
        out = tmp_path / f"x.{fmt}"
        exported = runner.invoke(app, ["export", "--db", str(demo_db), "-f", fmt, "-o", str(out), *filters])
        assert exported.exit_code == 0, exported.stderr
        assert out.read_text() == listed.stdout and listed.stdout.count("\n") > 3
        n = len(listed.stdout.splitlines()) - (1 if fmt == "csv" else 0)
        assert f"{n} events exported as {fmt} to {out}" in exported.stderr


def test_export_plover_gdelt_and_parquet_hold_the_same_events(runner, demo_db, tmp_path):
    ours = [json.loads(l) for l in runner.invoke(app, ["events", "--db", str(demo_db), "--country", "RUS", "-f", "jsonl"]).stdout.splitlines()]
    assert ours
    plover = runner.invoke(app, ["export", "--db", str(demo_db), "--country", "RUS", "-f", "plover"])
    assert plover.exit_code == 0
    records = [json.loads(l) for l in plover.stdout.splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in ours]
    assert all({"id", "date", "source", "recipient", "event"} <= set(r) and isinstance(r["event"], list) for r in records)
    gdelt = runner.invoke(app, ["export", "--db", str(demo_db), "--country", "RUS", "-f", "gdelt"])
    rows = list(csv.reader(io.StringIO(gdelt.stdout), delimiter="\t"))
    assert len(rows) >= len(ours) and {len(r) for r in rows} == {61}
    assert all("RUS" in (r[7], r[17]) or r[8] or r[18] for r in rows)  # Actor1/2CountryCode, or a known group
    out = tmp_path / "rus.parquet"
    assert runner.invoke(app, ["export", "--db", str(demo_db), "--country", "RUS", "-f", "parquet", "-o", str(out)]).exit_code == 0
    assert pq.read_table(out).column("id").to_pylist() == [e["id"] for e in ours]


@pytest.mark.parametrize("args, words", [
    (["-f", "parquet"], "writes a binary file: give it with -o FILE"),
    (["-f", "xml"], "unknown format 'xml'"),
    (["-f", "csv", "--category", "HUG"], "unknown category 'HUG'"),
])
def test_export_usage_errors(runner, demo_db, args, words):
    result = runner.invoke(app, ["export", "--db", str(demo_db), *args])
    assert result.exit_code == 2 and words in result.stderr and result.stdout == ""


def test_export_to_an_unwritable_place_is_e706(runner, demo_db, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["export", "--db", str(demo_db), "-f", "csv", "-o", str(blocker / "sub" / "x.csv")])
    assert result.exit_code == 2
    one_line_error(result, "E706")


# -- GDELT ---------------------------------------------------------------------------------


def test_import_gdelt_reports_bad_rows_and_goes_on(runner, demo):
    result = runner.invoke(app, ["import-gdelt", GDELT, "--db", demo])
    assert result.exit_code == 1
    skipped = [l for l in result.stderr.splitlines() if l.startswith("skipped [E703]")]
    assert len(skipped) == 4 and all("20240410000000.export.CSV:" in l for l in skipped)
    assert "6 GDELT events imported, 1 already there, 4 lines skipped. The store holds 6 GDELT events." in result.stderr


def test_compare_gdelt_side_by_side(runner, demo):
    assert runner.invoke(app, ["import-gdelt", GDELT, "--db", demo]).exit_code == 1
    result = runner.invoke(app, ["pair", "PAK", "RUS", "--db", demo, "--compare", "gdelt", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    c = json.loads(result.stdout)
    assert c["pair"] == ["PAK", "RUS"] and c["gdelt"]["events"] == 5 and c["gdelt"]["articles"] == 6 + 4 + 3 + 5 + 1
    by_period = {r["period"]: r for r in c["periods"]}
    assert (by_period["2022"]["gdelt"], by_period["2023"]["gdelt"], by_period["2024"]["gdelt"]) == (2, 2, 1)
    assert by_period["2023"]["gdelt_quads"] == [1, 1, 0, 0] and by_period["2023"]["gdelt_goldstein"] == 5.8
    assert sum(r["ours"] for r in c["periods"]) == c["ours"]["events"] > 0
    cats = {r["category"]: r["gdelt"] for r in c["categories"]}
    assert cats["CONSULT"] == 2 and cats["AGREE"] + cats.get("COOPERATE", 0) == 2 and cats["ACCUSE"] == 1
    table = runner.invoke(app, ["pair", "PAK", "RUS", "--db", demo, "--compare", "gdelt"])
    assert table.exit_code == 0 and "GDELT Goldstein" in table.stdout and "GDELT 5 events" in table.stdout


def test_our_gdelt_export_compares_equal_with_ourselves(runner, demo, tmp_path):
    out = tmp_path / "ours.export.CSV"
    assert runner.invoke(app, ["export", "--db", demo, "--pair", "PAK-RUS", "-f", "gdelt", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["import-gdelt", str(out), "--db", demo]).exit_code == 0
    c = json.loads(runner.invoke(app, ["pair", "PAK", "RUS", "--db", demo, "--compare", "gdelt", "-f", "json"]).stdout)
    assert c["gdelt"]["events"] == len(out.read_text().splitlines())
    # Dated events fall in the same year on both sides.
    for r in c["periods"]:
        if r["period"] != "undated":
            assert r["gdelt"] >= r["ours"]


@pytest.mark.parametrize("args, words", [
    (["--compare", "gdelt"], "no GDELT events in"),
    (["--compare", "acled"], "the one source to compare with is gdelt"),
])
def test_compare_usage_errors(runner, demo, args, words):
    result = runner.invoke(app, ["pair", "PAK", "RUS", "--db", demo, *args])
    assert result.exit_code == 2 and words in result.stderr


def test_compare_takes_table_or_json_only(runner, demo):
    runner.invoke(app, ["import-gdelt", GDELT, "--db", demo])
    result = runner.invoke(app, ["pair", "PAK", "RUS", "--db", demo, "--compare", "gdelt", "-f", "html"])
    assert result.exit_code == 2 and "table or json" in result.stderr


# -- Dask, Parquet, PostgreSQL ---------------------------------------------------------------


def test_ingest_on_dask_to_parquet_then_load_into_postgresql(runner, tmp_path, pg_url, dask_client):
    local = str(tmp_path / "local.db")
    assert runner.invoke(app, ["ingest", WIRE, "--db", local]).exit_code == 0
    ds = tmp_path / "coded"
    # The session's LocalCluster (tests/conftest.py, started by connect("local")), reached by its address.
    result = runner.invoke(app, ["ingest", WIRE, "--dask", dask_client.scheduler.address, "--parquet", str(ds)],
                           env={"BILATERAL_PARQUET_PART_SIZE": "4"})
    assert result.exit_code == 0, result.stderr
    assert "10 documents stored" in result.stderr and "3 part files this run" in result.stderr
    loaded = runner.invoke(app, ["load", str(ds), "--db", pg_url])
    assert loaded.exit_code == 0, loaded.stderr
    assert "10 documents loaded" in loaded.stderr
    assert runner.invoke(app, ["load", str(ds), "--db", pg_url]).stderr.startswith("0 documents loaded")
    for args in (["-f", "jsonl"], ["-f", "jsonl", "--pair", "KOR-JPN"], ["-f", "csv", "--since", "2024-06"]):
        on_pg = runner.invoke(app, ["events", "--db", pg_url, *args]).stdout
        assert on_pg == runner.invoke(app, ["events", "--db", local, *args]).stdout and on_pg.strip()


def test_ingest_on_a_remote_scheduler_into_the_store(runner, tmp_path, dask_client):
    db = str(tmp_path / "d.db")
    address = dask_client.scheduler.address
    assert address.startswith("tcp://")
    result = runner.invoke(app, ["ingest", WIRE, str(tmp_path / "missing.txt"), "--dask", address, "--db", db])
    assert result.exit_code == 1
    assert "skipped [E101]" in result.stderr and "10 documents stored" in result.stderr
    with Store(db) as s:
        assert s.counts()["documents"] == 10


def test_a_dataset_of_another_version_is_refused_by_load(runner, tmp_path):
    ds = tmp_path / "old"
    ds.mkdir()
    (ds / MARKER).write_text(json.dumps({"format": "bilateral-parquet", "version": 0, "written_by": "bilateral 0.0.1"}))
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["load", str(ds), "--db", db])
    assert result.exit_code == 2
    line = one_line_error(result, "E701")
    assert "format 0 by bilateral 0.0.1" in line
    with Store(db) as s:
        assert s.counts()["documents"] == 0


def test_an_unreachable_scheduler_is_e705(runner, tmp_path):
    result = runner.invoke(app, ["ingest", WIRE, "--dask", "tcp://127.0.0.1:1", "--db", str(tmp_path / "d.db")],
                           env={"BILATERAL_DASK_CONNECT_TIMEOUT": "1"})
    assert result.exit_code == 2
    line = one_line_error(result, "E705")
    assert "tcp://127.0.0.1:1" in line


@pytest.mark.parametrize("command", [["ingest", WIRE], ["events"], ["export", "-f", "csv"], ["import-gdelt", GDELT]])
def test_an_unreachable_database_is_one_line_e700(runner, command):
    result = runner.invoke(app, [*command, "--db", "postgresql://postgres@127.0.0.1:1/news"])
    assert result.exit_code == 2 and result.stdout == ""
    line = one_line_error(result, "E700")
    assert "127.0.0.1:1" in line and "check the --db URL" in line


def test_a_connection_dropped_mid_ingest_stops_cleanly_and_a_rerun_resumes(runner, pg_url):
    from pg import Terminator

    with Terminator(pg_url, nth=4, times=2) as t:  # the 4th document's transaction, and its retry
        result = runner.invoke(app, ["ingest", WIRE, "--db", pg_url])
    assert t.killed == 2 and result.exit_code == 2
    line = one_line_error(result, "E700")
    assert "3 documents were stored before it; run the same command again to resume" in line
    with Store(pg_url) as store:
        assert store.counts()["documents"] == 3
        assert not store.has_document(t.seen[3])  # the document in flight left nothing
    again = runner.invoke(app, ["ingest", WIRE, "--db", pg_url])
    assert again.exit_code == 0, again.stderr
    assert "7 documents stored" in again.stderr and "3 already in the store" in again.stderr
    with Store(pg_url) as store:
        assert store.counts()["documents"] == 10
