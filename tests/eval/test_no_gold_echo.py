"""Our own words only: no lexicon example, test sentence, doc or article of ours echoes a gold record.

The house rule is that a phrase lifted from a PLOVER gold record never goes into the coder's
data or tests (it would raise the score without making the coder better). This test makes
the rule a check: no run of six words (case and punctuation ignored) in the repository's
text files may also occur in a PLOVER gold record's text. Six words is long enough that
ordinary phrases ("the ministry of foreign affairs") pass, and short enough to catch a
clause copied with its names changed at either end.

The officials tables are left out: they hold names and offices, which are facts free to
use (a six-word royal name may well appear in a gold record), not sentences.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
GOLD = ROOT.parent / "shared" / "data" / "plover-gsr-dev.json"
RUN = 6
WORD = re.compile(r"[a-z0-9']+")
OURS = ("src", "tests", "docs", "gold", "benchmarks", "scripts")
NAMES_ONLY = ROOT / "src" / "bilateral" / "data" / "officials"
SUFFIXES = {".py", ".tsv", ".txt", ".md", ".json", ".html", ".toml", ".jsonl"}


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def our_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for top in OURS:
        files += [p for p in (ROOT / top).rglob("*") if p.is_file() and p.suffix in SUFFIXES]
    return [p for p in files if "__pycache__" not in p.parts and NAMES_ONLY not in p.parents]


@pytest.fixture(scope="module")
def gold_runs() -> dict[tuple[str, ...], str]:
    assert GOLD.exists(), f"PLOVER gold records are missing: {GOLD} (see README: ../shared beside the clone)"
    found: dict[tuple[str, ...], str] = {}
    for record in json.loads(GOLD.read_text("utf-8")):
        for run in runs(record.get("text") or ""):
            found.setdefault(run, record["id"])
    assert len(found) > 1000, "the gold file held almost no text: is it the right file?"
    return found


def test_runs_are_found_in_text_that_does_share_words():
    # the check itself can fail: a shared six-word run is seen, a five-word one is not
    a = "officials said on Monday that the border would reopen next week"
    assert runs(a) & runs("Reuters: the border would reopen next week, officials hoped")
    assert not runs("the border would reopen soon") & runs("the border would reopen later")


def test_no_file_of_ours_echoes_a_gold_record(gold_runs):
    echoes = []
    for path in our_files():
        if path.resolve() == Path(__file__).resolve():
            continue
        for run in runs(path.read_text("utf-8", errors="ignore")):
            if run in gold_runs:
                echoes.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}' ({gold_runs[run]})")
    assert not echoes, "rewrite these in our own words:\n" + "\n".join(sorted(echoes)[:40])
