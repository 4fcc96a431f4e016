"""--workers N: real worker processes, input order kept, bad documents and dead workers reported."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from bilateral.errors import InputError, WorkerCrashed
from bilateral.interfaces.cli import app
from bilateral.pipeline import run
from bilateral.store import Store

TEXTS = [
    "Kenya and Uganda signed a trade agreement in Nairobi on Monday, officials said.",
    "Chile accused Peru of violating the fishing accord off the coast this week.",
    "The weather was mild across the region and markets were calm all week long.",
    "Japan and South Korea held talks on trade in Tokyo on Friday, the ministry said.",
    "India sent aid to Sri Lanka after floods hit the island's south, officials said.",
    "Ghana condemned Togo for closing the border crossing near Aflao on Sunday.",
]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i, t in enumerate(TEXTS * 3):  # 18 documents, distinct by their numbers
        (folder / f"{i:02d}.txt").write_text(f"{t}\n\nReport number {i} of the day.\n", "utf-8")
    (folder / "05b_empty.txt").write_text("", "utf-8")  # a bad document in the middle
    return folder


def outline(results):
    return [(r.doc, type(r).__name__) if isinstance(r, InputError) else (r[0].origin, [e.id for e in r[1]]) for r in results]


def test_two_workers_give_the_same_results_in_input_order(coder, corpus):
    one = outline(run([str(corpus)], coder.config, batch_size=4))
    two = outline(run([str(corpus)], coder.config, batch_size=4, workers=2))
    assert len(one) == 19 and sum(len(x[1]) for x in one if isinstance(x[1], list)) >= 10
    assert two == one
    assert [x for x in two if x[1] == "EmptyDocument"] == [(str(corpus / "05b_empty.txt"), "EmptyDocument")]


def test_a_worker_that_dies_is_reported_and_the_run_goes_on(coder, corpus, monkeypatch):
    import bilateral.pipeline as pipeline

    real = pipeline.prepare_one

    def dies_on_07(raw, config, published=None):  # inherited by the forked worker processes
        if raw.origin.endswith("07.txt"):
            os._exit(9)
        return real(raw, config, published)

    monkeypatch.setattr(pipeline, "prepare_one", dies_on_07)
    got = list(run([str(corpus)], coder.config, batch_size=4, workers=2))
    crashed = [r for r in got if isinstance(r, WorkerCrashed)]
    assert [c.doc for c in crashed] == [str(corpus / "07.txt")]
    assert "[E707]" in str(crashed[0])
    coded = [r[0].origin for r in got if isinstance(r, tuple)]
    assert len(coded) == 17  # every other good document, in order
    assert coded == sorted(coded)


def test_ingest_with_workers_stores_what_one_process_stores(coder, corpus, tmp_path):
    runner = CliRunner()
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    r1 = runner.invoke(app, ["ingest", str(corpus), "--db", str(a)])
    r2 = runner.invoke(app, ["ingest", str(corpus), "--db", str(b), "--workers", "2"])
    assert r1.exit_code == r2.exit_code == 1  # the empty document was skipped: exit code says so
    assert "skipped [E102]" in r2.stderr
    with Store(str(a)) as sa, Store(str(b)) as sb:
        assert sa.counts() == sb.counts() and sa.counts()["documents"] == 18
        assert sorted(e.id for e in sa.events()) == sorted(e.id for e in sb.events())


def test_code_with_workers_and_dask_together_is_refused(corpus):
    r = CliRunner().invoke(app, ["ingest", str(corpus), "--workers", "2", "--dask", "local"])
    assert r.exit_code == 2 and "--workers" in r.stderr


def test_code_with_workers_prints_the_same_records_in_the_same_order(coder, corpus):
    runner = CliRunner()
    one = runner.invoke(app, ["code", str(corpus)])
    two = runner.invoke(app, ["code", str(corpus), "--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the empty document: one skipped line, exit 1
    assert two.stdout == one.stdout and two.stdout.count("\n") >= 10
    assert two.stderr.count("skipped [E102]") == 1
