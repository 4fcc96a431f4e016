"""The analysis cache: rebuilt when the store changes; a slow entry served stale while it rebuilds."""

from __future__ import annotations

import threading
import time

from bilateral.serve import cache as C
from bilateral.serve.cache import Cache


class Stamped:
    """A store stand-in for the cache's one question: has anything been stored?"""

    def __init__(self):
        self.n = 0

    def stamp(self):
        return (self.n, None)


def test_entries_follow_the_stamp(monkeypatch):
    monkeypatch.setattr(C, "STAMP_SECONDS", 0)
    store = Stamped()
    cache = Cache(store, 10)
    calls = []
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 1  # a hit
    store.n += 1
    assert cache.get("k", lambda: calls.append(1) or len(calls)) == 2  # quick: rebuilt at once
    assert (cache.hits, cache.misses) == (1, 2)


def test_a_slow_entry_is_served_stale_while_one_thread_rebuilds(monkeypatch):
    monkeypatch.setattr(C, "STAMP_SECONDS", 0)
    monkeypatch.setattr(C, "STALE_SECONDS", 0.05)
    store = Stamped()
    cache = Cache(store, 10)
    builds = []
    release = threading.Event()

    def slow():
        builds.append(store.n)
        if len(builds) > 1:
            release.wait(5)
        else:
            time.sleep(0.1)
        return f"v{store.n}"

    assert cache.get("k", slow) == "v0"
    store.n += 1
    assert cache.get("k", slow) == "v0"  # stale, and a rebuild has started
    assert cache.get("k", slow) == "v0"  # still stale; no second rebuild
    release.set()
    for _ in range(100):
        if cache.get("k", slow) == "v1":
            break
        time.sleep(0.02)
    assert cache.get("k", slow) == "v1" and builds == [0, 1]


def test_least_recently_used_entries_go_first():
    cache = Cache(Stamped(), 2)
    for k in "abc":
        cache.get(k, lambda k=k: k)
    assert list(cache._items) == ["b", "c"]
