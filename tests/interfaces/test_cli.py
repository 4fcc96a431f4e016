"""The command line, through typer's CliRunner: outputs, exit codes, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from bilateral.interfaces.cli import app
from bilateral.store import Store

# The record of SCHEMA.md, keys in its order.
SCHEMA_KEYS = [
    "id", "doc_id", "event", "mode", "context", "cameo", "quad_code", "intensity", "goldstein", "actor",
    "recipient", "symmetric", "status", "date", "date_precision", "date_end", "published", "evidence",
    "confidence", "source",
]
ENTITY_KEYS = ["code", "text", "sector", "name"]
EVIDENCE_KEYS = ["text", "start", "end", "trigger"]
SOURCE_KEYS = ["url", "title", "site"]

PAK_RUS = (
    "Pakistan and Russia held talks in Moscow on Monday. The two countries signed an agreement on energy "
    "cooperation. Russia will supply gas to Pakistan next year.\n"
)
IND_CHN = "India and China held border talks in Beijing on Tuesday. Both sides agreed to keep the peace along the frontier.\n"
PUB = ["--published", "2024-03-12"]


@pytest.fixture
def runner(coder):  # the shared coder: the CLI's get_coder reuses it
    return CliRunner()


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "pak_rus.txt").write_text(PAK_RUS, "utf-8")
    (folder / "ind_chn.txt").write_text(IND_CHN, "utf-8")
    return folder


def invoke(runner, *args, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def codes(record):
    return {e["code"] for e in record["actor"]} | {e["code"] for e in record["recipient"]}


def one_line_error(result, *words):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


# -- code -------------------------------------------------------------------------------------


def test_code_prints_schema_records(runner, articles):
    result = invoke(runner, "code", articles / "pak_rus.txt", *PUB)
    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)
    assert records, "expected events from a text naming two countries"
    for r in records:
        assert list(r) == SCHEMA_KEYS
        assert [list(e) for e in r["actor"] + r["recipient"]] == [ENTITY_KEYS] * (len(r["actor"]) + len(r["recipient"]))
        assert list(r["evidence"]) == EVIDENCE_KEYS and list(r["source"]) == SOURCE_KEYS
        assert r["published"] == "2024-03-12"
        # Evidence offsets point into the (already clean, one-line) text.
        assert PAK_RUS[r["evidence"]["start"] : r["evidence"]["end"]] == r["evidence"]["text"]
    assert len({r["doc_id"] for r in records}) == 1
    assert any(codes(r) == {"PAK", "RUS"} for r in records)
    assert result.stderr == ""


def test_code_reads_stdin(runner):
    result = invoke(runner, "code", "-", *PUB, input=PAK_RUS)
    assert result.exit_code == 0, result.stderr
    assert any(codes(r) == {"PAK", "RUS"} for r in jsonl(result.stdout))


def test_code_csv(runner, articles):
    path = articles / "pak_rus.txt"
    as_json = jsonl(invoke(runner, "code", path, *PUB).stdout)
    result = invoke(runner, "code", path, *PUB, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header = rows[0]
    assert header[:3] == ["id", "doc_id", "event"]
    scalar = [k for k in SCHEMA_KEYS if k not in ("actor", "recipient", "evidence", "source")]
    assert set(scalar) <= set(header)
    assert {"actor", "recipient", "evidence_text", "trigger", "url", "title", "site"} <= set(header)
    assert len(header) == len(set(header))
    body = [dict(zip(header, r)) for r in rows[1:]]
    assert all(len(r) == len(header) for r in rows[1:])
    assert [r["id"] for r in body] == [r["id"] for r in as_json]
    assert [r["event"] for r in body] == [r["event"] for r in as_json]
    assert {r["published"] for r in body} == {"2024-03-12"}


def test_code_csv_with_no_events_is_just_the_header(runner, tmp_path):
    quiet = tmp_path / "weather.txt"
    quiet.write_text("Heavy rain fell across the north of the region on Monday, forecasters said.\n", "utf-8")
    result = invoke(runner, "code", quiet, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("id,doc_id,event")


def test_code_table(runner, articles):
    result = invoke(runner, "code", articles / "pak_rus.txt", *PUB, "--format", "table")
    assert result.exit_code == 0, result.stderr
    for word in ("event", "evidence", "CONSULT", "PAK", "RUS"):
        assert word in result.stdout


def test_code_unknown_format(runner, articles):
    result = invoke(runner, "code", articles / "pak_rus.txt", "--format", "xml")
    assert result.exit_code == 2
    one_line_error(result, "xml")


def test_batch_with_bad_documents_exits_1_and_keeps_the_good(runner, articles, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    missing = tmp_path / "gone" / "lost.txt"
    good = articles / "pak_rus.txt"
    alone = jsonl(invoke(runner, "code", good, *PUB).stdout)

    result = invoke(runner, "code", empty, good, missing, *PUB)
    assert result.exit_code == 1
    assert jsonl(result.stdout) == alone
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr
    assert str(empty) in lines[0] and "E102" in lines[0]
    assert str(missing) in lines[1] and "E101" in lines[1]
    assert str(good) not in result.stderr


def test_all_good_batch_exits_0(runner, articles):
    result = invoke(runner, "code", articles, *PUB)
    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)
    assert {frozenset(codes(r)) for r in records} >= {frozenset({"PAK", "RUS"}), frozenset({"IND", "CHN"})}
    assert len({r["doc_id"] for r in records}) == 2
    assert result.stderr == ""


def test_bad_published_is_a_usage_error(runner, articles):
    result = invoke(runner, "code", articles / "pak_rus.txt", "--published", "notadate")
    assert result.exit_code == 2
    one_line_error(result, "notadate", "YYYY-MM-DD")
    assert result.stdout == ""


# -- ingest and events ----------------------------------------------------------------------


@pytest.fixture
def db(runner, articles, tmp_path):
    path = tmp_path / "analysis.db"
    result = invoke(runner, "ingest", articles, "--db", path, *PUB)
    assert result.exit_code == 0, result.stderr
    return path


def test_ingest_twice_stores_nothing_new(runner, articles, db):
    with Store(str(db)) as s:
        first = s.counts()
    assert first["documents"] == 2 and first["events"] > 0
    result = invoke(runner, "ingest", articles, "--db", db, *PUB)
    assert result.exit_code == 0, result.stderr
    assert "0 documents stored" in result.stderr
    assert "2 already in the store" in result.stderr
    with Store(str(db)) as s:
        assert s.counts() == first


def test_ingest_reports_skipped_documents(runner, articles, tmp_path):
    (articles / "blank.md").write_text("  \n", "utf-8")
    path = tmp_path / "skips.db"
    result = invoke(runner, "ingest", articles, "--db", path, *PUB)
    assert result.exit_code == 1
    assert "blank.md" in result.stderr and "E102" in result.stderr
    with Store(str(path)) as s:
        assert s.counts()["documents"] == 2


@pytest.mark.parametrize("pair", ["PAK-RUS", "rus-pak", "Russia,Pakistan"])
def test_events_by_pair(runner, db, pair):
    result = invoke(runner, "events", "--db", db, "--pair", pair, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)
    assert records
    for r in records:
        assert {"PAK", "RUS"} <= codes(r)
    everything = jsonl(invoke(runner, "events", "--db", db, "--format", "jsonl").stdout)
    assert len(everything) > len(records)  # the India-China events were left out
    assert sorted(r["id"] for r in records) == sorted(r["id"] for r in everything if {"PAK", "RUS"} <= codes(r))


def test_events_other_filters(runner, db):
    future = jsonl(invoke(runner, "events", "--db", db, "--status", "future", "--format", "jsonl").stdout)
    assert future and {r["status"] for r in future} == {"future"}
    consult = jsonl(invoke(runner, "events", "--db", db, "--category", "consult", "--format", "jsonl").stdout)
    assert consult and {r["event"] for r in consult} == {"CONSULT"}
    india = jsonl(invoke(runner, "events", "--db", db, "--country", "India", "--format", "jsonl").stdout)
    assert india and all("IND" in codes(r) for r in india)
    none = invoke(runner, "events", "--db", db, "--until", "1999", "--format", "jsonl")
    assert none.exit_code == 0 and none.stdout == ""


def test_events_table(runner, db):
    result = invoke(runner, "events", "--db", db, "--pair", "PAK-RUS")
    assert result.exit_code == 0, result.stderr
    assert "PAK" in result.stdout and "IND" not in result.stdout


@pytest.mark.parametrize(
    "args, words",
    [
        (["--pair", "Narnia-RUS"], ["Narnia"]),
        (["--pair", "PAK"], ["PAK-RUS"]),
        (["--category", "NOPE"], ["NOPE"]),
        (["--status", "reported,maybe"], ["maybe"]),
        (["--since", "last year"], ["last year"]),
        (["--since", "2016-13"], ["2016-13"]),
        (["--until", "2023-02-30"], ["2023-02-30"]),
        (["--format", "xml"], ["xml"]),
    ],
)
def test_events_usage_errors(runner, tmp_path, args, words):
    result = invoke(runner, "events", "--db", tmp_path / "unused.db", *args)
    assert result.exit_code == 2
    one_line_error(result, *words)
    assert result.stdout == ""


# -- help and demo --------------------------------------------------------------------------


def test_every_command_has_examples(runner):
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"code", "ingest", "events", "demo"} <= set(names)
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Examples" in result.stdout, name
        assert f"bilateral {name}" in result.stdout, name


def test_version(runner):
    from bilateral import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == __version__


def test_demo(runner, tmp_path):
    path = tmp_path / "demo.db"
    result = invoke(runner, "demo", "--db", path)
    assert result.exit_code == 0, result.stderr
    assert "Pakistan" in result.stdout and "Russia" in result.stdout
    assert "0 skipped" in result.stderr
    with Store(str(path)) as s:
        counts = s.counts()
        assert counts["documents"] > 0 and counts["events"] > 0
        assert s.events(pair=("PAK", "RUS"))


def test_top_level_help_has_examples():
    from typer.testing import CliRunner

    from bilateral.interfaces.cli import app

    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "Examples" in result.stdout and "bilateral demo" in result.stdout
