"""bilateral: evidence-backed event records of relations between countries.

The public API is small:

    >>> import bilateral
    >>> events = bilateral.code("Pakistan and Russia held talks in Moscow on Monday.", published="2024-03-12")
    >>> store = bilateral.Store("sqlite:///analysis.db")
    >>> store.ingest(["news/"])
"""

from __future__ import annotations

__version__ = "0.1.0"

from .config import Config, load_config
from .errors import BilateralError, InputError, StoreError
from .records import Document, Entity, Event, Evidence, Source
from .store import Query, Store

__all__ = [
    "BilateralError", "Config", "Document", "Entity", "Event", "Evidence", "InputError", "Query",
    "Source", "Store", "StoreError", "code", "load_config", "__version__",
]


def code(text_or_html: str, published: str | None = None, *, url: str | None = None, title: str | None = None) -> list[Event]:
    """Code one document given as plain text or HTML; return its events (nothing is stored).

    Raises an InputError subclass (with a one-line message) when the document cannot be
    coded: empty, not English, no article text, a bad date.
    """
    from .pipeline import get_coder
    from .sources import RawInput
    from .text import prepare

    config = load_config()
    meta = {k: v for k, v in (("url", url), ("title", title)) if v}
    doc = prepare(RawInput("<text>", text_or_html, "auto", meta), config, published)
    return get_coder(config).code(doc)
