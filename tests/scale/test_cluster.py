"""scale.cluster: coding on a Dask LocalCluster (2 worker processes), and workers that die mid-batch.

The cluster is real (distributed.LocalCluster with processes); a worker is killed with
SIGKILL while it holds a batch, as a crashed or pre-empted machine would be.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from bilateral.config import load_config
from bilateral.errors import InputError, WorkerLost
from bilateral.pipeline import run
from bilateral.scale.cluster import run_on_cluster
from bilateral.sources import read_inputs
from bilateral.store import Store, ingest

WIRE = str(Path(__file__).parents[1] / "fixtures" / "scale" / "wire.jsonl")
N_DOCS = 10


@pytest.fixture
def client(dask_client):
    yield dask_client
    # A test that killed a worker leaves the cluster whole again for the next one.
    dask_client.wait_for_workers(2, timeout=60)


@pytest.fixture
def long_wire(tmp_path) -> str:
    """The ten wire stories as ten longer articles (each all ten, rotated, told four times): a
    batch takes long enough to be surely still running when its worker is killed."""
    import json

    lines = [json.loads(l) for l in Path(WIRE).read_text().splitlines()]
    out = tmp_path / "long.jsonl"
    with out.open("w") as fh:
        for i, item in enumerate(lines):
            rotated = [x["text"] for x in lines[i:] + lines[:i]]
            # Four distinct tellings of each (a repeated paragraph would be coded once):
            # the line filter made coding fast enough that a shorter batch could finish
            # between finding its worker and killing it.
            paras = [f"Update {k + 1}. {text}" for k in range(4) for text in rotated]
            fh.write(json.dumps({**item, "text": "\n\n".join(paras)}) + "\n")
    return str(out)


def _busy_worker(client, timeout: float = 60.0) -> tuple[str, int]:
    """A worker that is running a batch right now, and its process id."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy = [addr for addr, keys in client.processing().items() if keys]
        if busy:
            pids = client.run(os.getpid, workers=busy)
            addr = busy[0]
            return addr, pids[addr]
        time.sleep(0.05)
    raise AssertionError("no worker ever held a batch")


def _origins(results) -> list[str]:
    return [r.origin if isinstance(r, InputError) else r[0].origin for r in results]


def test_cluster_results_equal_a_local_run(client, coder):
    config = load_config()
    local = {doc.doc_id: [e.to_dict() for e in events] for doc, events in run([WIRE], config)}
    remote = list(run_on_cluster([WIRE], config, client=client, batch_size=3))
    assert not [r for r in remote if isinstance(r, InputError)]
    assert {doc.doc_id: [e.to_dict() for e in events] for doc, events in remote} == local
    assert len(local) == N_DOCS and sum(map(len, local.values())) >= N_DOCS


def test_bad_documents_come_back_as_their_errors(client, tmp_path):
    bad = tmp_path / "mixed.jsonl"
    bad.write_text(Path(WIRE).read_text().splitlines()[0] + "\n{\"title\": \"no text\"}\nnot json\n")
    results = list(run_on_cluster([str(bad), str(tmp_path / "missing.txt")], load_config(), client=client))
    errors = sorted(str(r)[:6] for r in results if isinstance(r, InputError))
    assert errors == ["[E101]", "[E108]", "[E108]"]
    assert sum(not isinstance(r, InputError) for r in results) == 1


def test_a_worker_killed_mid_batch_loses_no_document(client, long_wire):
    results = run_on_cluster([long_wire], load_config(), client=client, batch_size=2, in_flight=4)
    got = [next(results)]
    addr, pid = _busy_worker(client)
    os.kill(pid, signal.SIGKILL)
    got.extend(results)
    assert not [r for r in got if isinstance(r, InputError)], [str(r) for r in got if isinstance(r, InputError)]
    assert sorted(_origins(got)) == sorted(raw.origin for raw in read_inputs([long_wire], max_bytes=10**6))
    # The nanny brings the worker back: the cluster is whole again for the next test.
    client.wait_for_workers(2, timeout=60)


def test_a_batch_whose_workers_keep_dying_is_reported_and_a_rerun_stores_it(client, tmp_path, long_wire):
    scheduler = client.cluster.scheduler
    # allowed-failures is the scheduler's retry budget per task (default 3); 0 makes the
    # first death final, so the report path is reached without killing four workers.
    saved, scheduler.allowed_failures = scheduler.allowed_failures, 0
    db = str(tmp_path / "store.db")
    try:
        with Store(db) as store:
            outcomes = ingest(store, run_on_cluster([long_wire], load_config(), client=client, batch_size=2, in_flight=4))
            seen = [next(outcomes)]
            _, pid = _busy_worker(client)
            os.kill(pid, signal.SIGKILL)
            seen.extend(outcomes)
    finally:
        scheduler.allowed_failures = saved
    lost = [item for outcome, item in seen if outcome == "failed"]
    stored = [item for outcome, item in seen if outcome == "stored"]
    assert lost and all(isinstance(x, WorkerLost) for x in lost)
    assert all(str(x).startswith("[E704]") and "\n" not in str(x) for x in lost)
    assert len(lost) + len(stored) == N_DOCS
    client.wait_for_workers(2, timeout=60)
    # Re-running resumes: what was stored is skipped, what was lost is coded and stored now.
    with Store(db) as store:
        again = [outcome for outcome, _ in ingest(store, run_on_cluster([long_wire], load_config(), client=client))]
        assert again.count("duplicate") == len(stored) and again.count("stored") == len(lost)
        assert store.counts()["documents"] == N_DOCS
