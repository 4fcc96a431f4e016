"""Stories ← documents: a wire report re-published with small edits, or one text under two
URLs, is one story. MinHash signatures of word shingles, matched with LSH (datasketch).
"""

from __future__ import annotations

import re
from typing import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+", re.UNICODE)
SEED = 1  # fixed, so signatures stored today match signatures made tomorrow
SCHEME = "affine32"  # datasketch 2's default, named: stored values must be read back under it


def shingles(text: str, size: int) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str, size: int = 5, permutations: int = 128) -> MinHash:
    m = MinHash(num_perm=permutations, seed=SEED, scheme=SCHEME)
    m.update_batch(list(shingles(text, size)))
    return m


def to_bytes(m: MinHash) -> bytes:
    return m.hashvalues.astype("<u4").tobytes()


def from_bytes(data: bytes, permutations: int) -> MinHash:
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    if len(values) != permutations:
        raise ValueError(f"a signature of {len(values)} values, not {permutations}")
    return MinHash(num_perm=permutations, seed=SEED, hashvalues=values, scheme=SCHEME)


class StoryIndex:
    """An LSH index of documents' signatures: `assign` gives a new document its story."""

    def __init__(self, threshold: float = 0.8, shingle: int = 5, permutations: int = 128):
        self.threshold, self.shingle, self.permutations = threshold, shingle, permutations
        # LSH only proposes candidates, and misses about half of the pairs right at its
        # threshold: it proposes from well below (and never above 0.9, where it would have
        # too few bands); the estimated Jaccard then enforces the real threshold.
        self.lsh = MinHashLSH(threshold=min(max(threshold - 0.2, 0.3), 0.9), num_perm=permutations)
        self.stories: dict[str, str] = {}  # doc_id → story_id
        self.sigs: dict[str, MinHash] = {}

    def add(self, doc_id: str, story_id: str, sig: MinHash) -> None:
        if doc_id in self.stories:
            return
        self.lsh.insert(doc_id, sig)
        self.stories[doc_id] = story_id
        self.sigs[doc_id] = sig

    def remove(self, doc_id: str) -> None:
        """Forget a document (its transaction was rolled back)."""
        if self.stories.pop(doc_id, None) is not None:
            self.sigs.pop(doc_id, None)
            self.lsh.remove(doc_id)

    def match(self, sig: MinHash) -> tuple[str, float] | None:
        """The story of the most similar indexed document at or over the threshold, with its similarity."""
        best: tuple[float, str] | None = None
        for doc_id in self.lsh.query(sig):
            # LSH finds candidates; the estimated Jaccard decides, so the threshold means what it says.
            j = sig.jaccard(self.sigs[doc_id])
            if j >= self.threshold and (best is None or (j, doc_id) > best):
                best = (j, doc_id)
        return (self.stories[best[1]], best[0]) if best else None

    def assign(self, doc_id: str, text: str) -> tuple[str, MinHash]:
        """The story a document belongs to (a new one, named after it, if none matches)."""
        if doc_id in self.stories:
            return self.stories[doc_id], self.sigs[doc_id]
        sig = signature(text, self.shingle, self.permutations)
        found = self.match(sig)
        story = found[0] if found else "s-" + doc_id.removeprefix("d-")
        self.add(doc_id, story, sig)
        return story, sig


def group_stories(docs: Iterable[tuple[str, str]], threshold: float = 0.8, shingle: int = 5, permutations: int = 128) -> dict[str, str]:
    """doc_id → story_id for (doc_id, text) pairs, in the order given."""
    index = StoryIndex(threshold, shingle, permutations)
    return {doc_id: index.assign(doc_id, text)[0] for doc_id, text in docs}
