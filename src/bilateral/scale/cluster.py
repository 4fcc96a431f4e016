"""Coding spread over a Dask distributed cluster: the client reads, the workers code.

The client reads the inputs (files, folders, URLs, stdin) and sends them in small batches
to the workers; each worker process prepares and codes its batch with the same pipeline
steps as a local run (`prepare_one`, `get_coder`), so each worker process loads the spaCy
model once. Results come back to the client, which stores them (one transaction per
document) or writes them to a Parquet dataset. Results arrive in completion order.

A worker that dies mid-batch loses nothing: the scheduler gives its batch to another
worker (up to `distributed.scheduler.allowed-failures` times); a batch that still cannot
be finished comes back as one WorkerLost (E704) per document, reported and counted.
"""

from __future__ import annotations

import contextlib
from typing import Iterable, Iterator

from ..config import Config
from ..errors import BilateralError, ClusterError, InputError, WorkerLost
from ..sources import RawInput, read_inputs

Result = tuple  # (Document, [Event]) | InputError, as pipeline.run yields


def code_batch(batch: list[RawInput], config: Config, published: str | None) -> list:
    """Runs on a worker: prepare and code a batch; bad documents come back as their InputError."""
    from ..pipeline import get_coder, prepare_one

    coder = get_coder(config)  # cached per process: one model per worker process
    out: list = []
    docs = []
    for raw in batch:
        item = prepare_one(raw, config, published)
        if isinstance(item, InputError):
            out.append(item)
        else:
            docs.append(item)
    coded = {doc.doc_id: events for doc, events in coder.code_many(docs)}
    out.extend((doc, coded[doc.doc_id]) for doc in docs)
    return out


@contextlib.contextmanager
def connect(address: str, n_workers: int = 2, timeout: float = 10.0):
    """A Dask Client on `address` ("local" starts a LocalCluster of worker processes)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a runtime dependency
        raise ClusterError(address, f"dask distributed is not installed: {exc}") from exc
    cluster = None
    try:
        if address == "local":
            # No dashboard: a local run has no one to look at it, and port 8787 may be taken.
            cluster = LocalCluster(
                n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                scheduler_kwargs={"dashboard": False},
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise ClusterError(address, f"cannot reach the Dask scheduler: {reason}") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on_cluster(
    paths: Iterable[str], config: Config, published: str | None = None, *, client, batch_size: int = 4,
    in_flight: int | None = None, stdin=None,
) -> Iterator[Result]:
    """Like pipeline.run, on a cluster: yields (Document, [Event]) or an InputError per document."""
    from distributed import as_completed
    from distributed.client import FutureCancelledError

    try:
        from distributed.scheduler import KilledWorker
    except ImportError:  # pragma: no cover
        KilledWorker = RuntimeError  # type: ignore

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = in_flight or 2 * workers  # bounded: memory stays flat however large the input
    origins: dict = {}
    pending = as_completed()
    inputs = read_inputs(paths, max_bytes=config.max_bytes, stdin=stdin, config=config)

    def submit(batch: list[RawInput]) -> None:
        future = client.submit(code_batch, batch, config, published, pure=False)
        origins[future.key] = [raw.origin for raw in batch]
        pending.add(future)

    def fill() -> Iterator[Result]:
        """Submit batches until `limit` are in flight; read errors are yielded at once."""
        batch: list[RawInput] = []
        while pending.count() < limit:
            item = next(inputs, None)
            if item is None:
                if batch:
                    submit(batch)
                return
            if isinstance(item, InputError):
                yield item
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                submit(batch)
                batch = []
        if batch:
            submit(batch)

    yield from fill()
    while not pending.is_empty():
        future = next(pending)
        names = origins.pop(future.key, [])
        try:
            results = future.result()
        except KilledWorker as exc:
            for name in names:
                yield WorkerLost(name, f"the Dask workers coding it died ({' '.join(str(exc).split())[:160]})")
        except (FutureCancelledError, BilateralError, Exception) as exc:  # a bug on a worker must not end the run
            reason = " ".join(str(exc).split())[:200] or type(exc).__name__
            for name in names:
                yield InputError(name, f"coding failed on a Dask worker: {type(exc).__name__}: {reason}")
        else:
            yield from results
        finally:
            future.release()
        yield from fill()
