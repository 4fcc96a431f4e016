"""The pipeline: sources → text → actors/events, as one function per step.

`run` streams documents: each result is either (Document, [Event]) or the InputError
that replaced a document, so callers report failures and carry on. With `workers` > 1
the documents are prepared and coded in that many worker processes (each loads the model
once) and the results still come back in input order.
"""

from __future__ import annotations

from collections import deque
from typing import BinaryIO, Iterable, Iterator

from .config import Config
from .errors import InputError, WorkerCrashed
from .events import Coder
from .records import Document, Event
from .sources import RawInput, Spec, read_inputs
from .text import prepare

Result = tuple[Document, list[Event]] | InputError

_coders: dict[Config, Coder] = {}


# Settings of the sources and stories: they do not change how a text is coded.
_NOT_CODING = ("fetch_", "watch_", "stories_")


def get_coder(config: Config) -> Coder:
    """One Coder per coding configuration per process: loading spaCy takes a second."""
    from dataclasses import fields, replace

    key = replace(config, **{f.name: f.default for f in fields(Config) if f.name.startswith(_NOT_CODING)})
    if key not in _coders:
        _coders[key] = Coder(key)
    return _coders[key]


def documents(
    paths: Iterable[str | Spec], config: Config, published: str | None = None, stdin: BinaryIO | None = None
) -> Iterator[Document | InputError]:
    for raw in read_inputs(paths, max_bytes=config.max_bytes, stdin=stdin, config=config):
        if isinstance(raw, InputError):
            yield raw
            continue
        yield prepare_one(raw, config, published)


def prepare_one(raw: RawInput, config: Config, published: str | None = None) -> Document | InputError:
    try:
        return prepare(raw, config, published)
    except InputError as exc:
        return exc


def run(
    paths: Iterable[str | Spec], config: Config, published: str | None = None, stdin: BinaryIO | None = None,
    batch_size: int = 32, workers: int = 1,
) -> Iterator[Result]:
    if workers > 1:
        yield from run_parallel(paths, config, published, stdin, workers=workers, batch_size=batch_size)
        return
    coder = get_coder(config)
    batch: list[Document] = []
    for item in documents(paths, config, published, stdin):
        if isinstance(item, InputError):
            # Flush first so results keep input order.
            yield from coder.code_many(batch)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from coder.code_many(batch)
            batch = []
    yield from coder.code_many(batch)


# -- worker processes (--workers N) --------------------------------------------------------


def _start_worker(config: Config) -> None:
    get_coder(config)  # load the model once, when the process starts


def code_raw(batch: list[RawInput], config: Config, published: str | None) -> list[Result]:
    """Runs in a worker process: prepare and code a batch, results in input order."""
    coder = get_coder(config)
    items = [prepare_one(raw, config, published) for raw in batch]
    docs = [d for d in items if not isinstance(d, InputError)]
    coded = iter(coder.code_many(docs))
    return [item if isinstance(item, InputError) else next(coded) for item in items]


def _pool(config: Config, workers: int):
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(config,))


def _succeeded(future) -> bool:
    return future is not None and future.done() and not future.cancelled() and future.exception() is None


def run_parallel(
    paths: Iterable[str | Spec], config: Config, published: str | None = None, stdin: BinaryIO | None = None,
    *, workers: int = 2, batch_size: int = 32,
) -> Iterator[Result]:
    """Like `run`, with documents prepared and coded in `workers` processes; input order kept.

    This process only reads the inputs and hands out batches; at most two batches a worker
    are out at once, so memory does not grow with the corpus. A worker that dies (killed, out
    of memory, a crash in native code) breaks the pool: a fresh pool takes over, the batch
    that was waited for is tried again alone, then document by document, and the document
    that breaks a pool on its own comes back as WorkerCrashed (E707); the others are coded.
    """
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(batch_size, 16))  # small batches keep both workers busy to the end
    pool = _pool(config, workers)
    queue: deque = deque()  # InputError, or [batch, future or None (not sent yet), tries], in input order

    def out() -> int:
        return sum(1 for e in queue if not isinstance(e, InputError) and e[1] is not None)

    def drain() -> Iterator[Result]:
        head = queue.popleft()
        if isinstance(head, InputError):
            yield head
            return
        batch, future, tries = head
        if future is None:
            future = submit(batch)
            if future is None:  # broken by another batch: not this one's fault
                renew()
                future = submit(batch)
        try:
            if future is None:
                raise BrokenProcessPool("a fresh pool broke at once")
            results = future.result()
        except BrokenProcessPool:
            renew()
            for entry in queue:  # the other batches that were out go again, one at a time
                if not isinstance(entry, InputError) and not _succeeded(entry[1]):
                    entry[1] = None
            if tries == 1:
                queue.appendleft([batch, None, 2])  # alone this time
            elif len(batch) > 1:
                queue.extendleft([[raw], None, 2] for raw in reversed(batch))  # document by document
            else:
                yield WorkerCrashed(batch[0].origin, "the worker process coding it died")
            return
        yield from results

    def submit(batch: list[RawInput]):
        try:
            return pool.submit(code_raw, batch, config, published)
        except BrokenProcessPool:
            return None  # a worker died meanwhile: sent again when its turn comes

    def renew() -> None:
        nonlocal pool
        pool.shutdown(wait=True, cancel_futures=True)
        pool = _pool(config, workers)

    def send(batch: list[RawInput]) -> None:
        queue.append([batch, submit(batch), 1])

    try:
        batch: list[RawInput] = []
        for raw in read_inputs(paths, max_bytes=config.max_bytes, stdin=stdin, config=config):
            if isinstance(raw, InputError):
                if batch:
                    send(batch)
                    batch = []
                queue.append(raw)
            else:
                batch.append(raw)
                if len(batch) >= size:
                    send(batch)
                    batch = []
            while queue and (out() >= 2 * workers or isinstance(queue[0], InputError) or queue[0][1] is None):
                yield from drain()
        if batch:
            send(batch)
        while queue:
            yield from drain()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
