"""Sources → web archives: WARC and ARC files (warcio), gzipped or not, read as streams.

Only HTTP responses with status 2xx and an HTML or plain-text body become documents;
requests, metadata and other records are passed over silently (a crawl is mostly those).
A record the crawler truncated, or a file cut short, is one InputError and the reading
goes on where it can.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import BadWarc, MissingPath, OversizedDocument, TruncatedWarcRecord
from .fetch import PAGE_TYPES

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_archive(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def read_archive(path: str, max_bytes: int) -> Iterator:
    """RawInput for every HTML or text response in the archive (InputError in place of a bad one)."""
    from .readers import RawInput

    p = Path(path)
    if not p.is_file():
        yield MissingPath(path, "no such file")
        return
    n = 0
    with p.open("rb") as fh:
        head = _head(fh)
        if not head.startswith((b"WARC/", b"filedesc://")):
            yield BadWarc(path, f"not a WARC or ARC file (it starts {head[:16]!r})")
            return
        try:
            records = ArchiveIterator(fh, arc2warc=True)
            for record in records:
                n += 1
                if record.rec_type not in ("response", "resource"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record {n}"
                origin = f"{path} record {n} ({uri})"
                http = record.http_headers
                if http is not None and record.rec_type == "response":
                    status = http.get_statuscode() or ""
                    if not status.startswith("2"):
                        continue
                    ctype = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
                else:
                    ctype = (record.rec_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if ctype and ctype not in PAGE_TYPES:
                    continue
                truncated = record.rec_headers.get_header("WARC-Truncated")
                if truncated:
                    yield TruncatedWarcRecord(origin, f"the crawler truncated the record ({truncated})")
                    continue
                try:
                    data = record.content_stream().read(max_bytes + 1)
                except (EOFError, zlib.error, OSError, ValueError) as exc:
                    yield TruncatedWarcRecord(origin, f"the record is cut short ({exc or exc.__class__.__name__})")
                    return
                if len(data) > max_bytes:
                    yield OversizedDocument(origin, f"record body is over the limit of {max_bytes:,} bytes")
                    continue
                if _short(record):
                    yield TruncatedWarcRecord(origin, "the record is shorter than its Content-Length: the file is cut short")
                    return
                kind = "text" if ctype == "text/plain" else "html"
                yield RawInput(origin, data, kind, {"url": uri} if uri.startswith("http") else {})
        except ArchiveLoadFailed as exc:
            if n == 0:
                yield BadWarc(path, f"not a WARC or ARC file ({str(exc).splitlines()[0]})")
            else:
                yield TruncatedWarcRecord(f"{path} after record {n}", f"the archive is cut short ({str(exc).splitlines()[0]})")
        except (EOFError, zlib.error, OSError, ValueError) as exc:
            yield TruncatedWarcRecord(f"{path} after record {n}", f"the archive is cut short ({exc or exc.__class__.__name__})")
            return
        # A gzipped archive cut inside a member ends the iteration without a word: what
        # was not read is a record that never ended.
        size = p.stat().st_size
        if records.offset < size:
            fh.seek(records.offset)
            if fh.read(64).strip():
                yield TruncatedWarcRecord(
                    f"{path} after record {n}", f"the archive is cut short: {size - records.offset:,} bytes at the end are no whole record"
                )


def _head(fh) -> bytes:
    """The first bytes of the archive, unpacked when it is gzipped; the file is rewound."""
    import gzip

    start = fh.read(2)
    fh.seek(0)
    if start != b"\x1f\x8b":
        head = fh.read(16)
    else:
        try:
            head = gzip.GzipFile(fileobj=fh).read(16)
        except (OSError, EOFError, zlib.error):
            head = b""
    fh.seek(0)
    return head.lstrip()


def _short(record) -> bool:
    """warcio reads a cut record's body without complaint; its limit reader tells what is left."""
    return bool(getattr(getattr(record, "raw_stream", None), "limit", 0))
