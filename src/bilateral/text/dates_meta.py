"""Publication dates given with a document: normalised to YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?\s*")


def normalise_published(value: str) -> str:
    """'2023-05-01', '2023-05-01T10:00:00+00:00' → '2023-05-01'; anything else raises ValueError."""
    m = _ISO.fullmatch(value)
    if not m:
        raise ValueError(value)
    return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
