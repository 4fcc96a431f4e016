"""Sources → raw inputs. Walks paths, folders, JSON Lines, stdin and URLs.

Readers never raise for a bad document: they yield the InputError in its place, so a
batch goes on past it and the caller decides what to report.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from ..errors import BadDate, BadJsonLine, EmptyDocument, InputError, MissingPath, OversizedDocument

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
USER_AGENT = "bilateral/0.1 (+event coding of international news)"


@dataclass(frozen=True)
class RawInput:
    """One document as read, before any cleaning."""

    origin: str
    data: bytes | str
    kind: str  # "text", "html" or "auto" (sniffed from the content)
    meta: dict[str, Any] = field(default_factory=dict)  # id, published, url, title, site


def read_inputs(
    paths: Iterable[str], *, max_bytes: int, stdin: BinaryIO | None = None
) -> Iterator[RawInput | InputError]:
    """Yield a RawInput (or the InputError that replaces it) for every document named."""
    for p in paths:
        if p == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_bytes("<stdin>", stream.read(max_bytes + 1), "auto", max_bytes)
        elif p.startswith(("http://", "https://")):
            yield _read_url(p, max_bytes)
        else:
            yield from _read_path(Path(p), max_bytes)


def _read_path(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    if path.is_dir():
        # Skip dotfiles and anything under a hidden folder (.git, .ipynb_checkpoints, ...).
        files = sorted(
            f for f in path.rglob("*")
            if f.is_file() and not any(part.startswith(".") for part in f.relative_to(path).parts)
        )
        for f in files:
            if f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                yield from _read_file(f, max_bytes)
        return
    if not path.exists():
        yield MissingPath(str(path), "no such file or folder")
        return
    yield from _read_file(path, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield OversizedDocument(str(path), f"file is {size:,} bytes, over the limit of {max_bytes:,}")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield MissingPath(str(path), f"cannot read: {exc.strerror or exc}")
        return
    kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else "auto"
    yield from _read_bytes(str(path), data, kind, max_bytes)


def _read_bytes(origin: str, data: bytes, kind: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    if len(data) > max_bytes:
        yield OversizedDocument(origin, f"input is over the limit of {max_bytes:,} bytes")
    elif not data.strip():
        yield EmptyDocument(origin, "empty document")
    else:
        yield RawInput(origin, data, kind)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield MissingPath(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        # Stream line by line: a JSON Lines file may be far larger than memory.
        for n, raw in enumerate(fh, start=1):
            origin = f"{path}:{n}"
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield OversizedDocument(origin, f"line is over the limit of {max_bytes:,} bytes")
                continue
            yield _parse_json_doc(origin, raw)


def _parse_json_doc(origin: str, raw: bytes) -> RawInput | InputError:
    try:
        obj = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return BadJsonLine(origin, f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
    if not isinstance(obj, dict):
        return BadJsonLine(origin, "a line must hold a JSON object")
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        return BadJsonLine(origin, 'the object has neither "text" nor "html"')
    body = html if html is not None else text
    if not isinstance(body, str):
        return BadJsonLine(origin, '"text"/"html" must be a string')
    meta = {k: obj[k] for k in ("id", "published", "url", "title", "site") if obj.get(k) is not None}
    for k, v in meta.items():
        if not isinstance(v, str):
            return BadJsonLine(origin, f'"{k}" must be a string')
    if "published" in meta:
        from ..text.dates_meta import normalise_published

        try:
            meta["published"] = normalise_published(meta["published"])
        except ValueError:
            return BadDate(origin, f'"published" is not a date: {meta["published"]!r}')
    if not body.strip():
        return EmptyDocument(origin, "empty document")
    name = f"{origin} ({meta['id']})" if "id" in meta else origin
    return RawInput(name, body, "html" if html is not None else "text", meta)


def _read_url(url: str, max_bytes: int) -> RawInput | InputError:
    """A plain fetch over HTTP(S) with a timeout, a size cap and a content-type check."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:  # noqa: S310 (http/https only)
            ctype = resp.headers.get_content_type()
            if ctype not in ("text/html", "text/plain", "application/xhtml+xml"):
                return InputError(url, f"content type {ctype} is not a web page or text")
            data = resp.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        return InputError(url, f"HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return InputError(url, f"cannot fetch: {getattr(exc, 'reason', exc)}")
    if len(data) > max_bytes:
        return OversizedDocument(url, f"page is over the limit of {max_bytes:,} bytes")
    if not data.strip():
        return EmptyDocument(url, "empty page")
    return RawInput(url, data, "html" if ctype != "text/plain" else "text", {"url": url})
