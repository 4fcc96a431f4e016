"""Cleaning: drop scraping noise line by line, and keep a repeated paragraph once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    text = resources.files("bilateral.data").joinpath("boilerplate.txt").read_text("utf-8")
    return tuple(
        re.compile(line, re.IGNORECASE)
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_boilerplate(line: str) -> bool:
    s = line.strip()
    return any(p.fullmatch(s) for p in boilerplate_patterns())


def _norm(s: str) -> str:
    return _SPACE.sub(" ", s).strip().lower()


def clean_text(text: str) -> str:
    """Paragraphs (blank-line separated blocks) minus noise lines and repeats, joined by blank lines.

    Inside a block, a line that looks hard-wrapped (long, no closing punctuation) is joined
    to the next with a space; other line breaks stay, so a heading never runs into its
    paragraph.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    seen: set[str] = set()
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.split("\n")]
        lines = [ln for ln in lines if ln and not is_boilerplate(ln)]
        if not lines:
            continue
        parts: list[str] = []
        for ln in lines:
            if parts and len(parts[-1]) >= 60 and not _SENTENCE_END.search(parts[-1]):
                parts[-1] = parts[-1] + " " + ln
            else:
                parts.append(ln)
        kept = []
        for para in parts:
            key = _norm(para)
            # Short lines (headings, datelines) may legitimately repeat; paragraphs may not.
            if len(key) >= 40:
                if key in seen:
                    continue
                seen.add(key)
            kept.append(_SPACE.sub(" ", para))
        if kept:
            out.append("\n".join(kept))
    return "\n\n".join(out)
