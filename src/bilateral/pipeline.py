"""The pipeline: sources → text → actors/events, as one function per step.

`run` streams documents: each result is either (Document, [Event]) or the InputError
that replaced a document, so callers report failures and carry on.
"""

from __future__ import annotations

from typing import BinaryIO, Iterable, Iterator

from .config import Config
from .errors import InputError
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
    paths: Iterable[str | Spec], config: Config, published: str | None = None, stdin: BinaryIO | None = None, batch_size: int = 8
) -> Iterator[Result]:
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
