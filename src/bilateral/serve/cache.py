"""Analyses and charts kept in memory, checked against the store's stamp.

A pair's analysis reads all its events and merges them; the dashboard and the API ask
for the same pair again and again. Entries are keyed by what was asked and carry the
store's stamp (documents stored, last ingest time) of when they were built, so an ingest
— from this server or from the CLI — is seen at the next request.

An entry that took long to build (over STALE_SECONDS) is not rebuilt in the request
that finds it out of date: that request gets the previous figures while one thread
rebuilds them, so a running ingest does not make every reader wait for a recomputation.
Quick entries are always rebuilt at once.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Hashable

from ..store import Store

STAMP_SECONDS = 0.5  # the stamp is read at most this often; this server's own ingest resets it at once
STALE_SECONDS = 0.5  # entries slower than this to build are served stale while they rebuild


@dataclass
class Entry:
    value: Any
    stamp: tuple
    seconds: float


class Cache:
    def __init__(self, store: Store, size: int):
        self.store = store
        self.size = max(size, 0)
        self._items: OrderedDict[Hashable, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._stamp_read = 0.0
        self._building: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self.hits = self.misses = self.stale = 0

    def stamp(self) -> tuple:
        now = time.monotonic()
        if self._stamp is None or now - self._stamp_read > STAMP_SECONDS:
            self._stamp, self._stamp_read = self.store.stamp(), now
        return self._stamp

    def changed(self) -> None:
        """The store was written by this process: read the stamp again at the next request."""
        self._stamp = None

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        if self.size == 0:
            return build()
        stamp = self.stamp()
        with self._lock:
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
                if entry.stamp == stamp:
                    self.hits += 1
                    return entry.value
                if entry.seconds > STALE_SECONDS:
                    self.stale += 1
                    if key not in self._refreshing:
                        self._refreshing.add(key)
                        threading.Thread(target=self._refresh, args=(key, build, stamp), daemon=True).start()
                    return entry.value
            lock = self._building.setdefault(key, threading.Lock())
        # One build per key at a time: eight clients asking for one cold pair compute it once.
        with lock:
            with self._lock:
                entry = self._items.get(key)
                if entry is not None and entry.stamp == stamp:
                    self.hits += 1
                    return entry.value
            return self._build(key, build, stamp)

    def _build(self, key: Hashable, build: Callable[[], Any], stamp: tuple) -> Any:
        t = time.perf_counter()
        value = build()
        with self._lock:
            self.misses += 1
            self._items[key] = Entry(value, stamp, time.perf_counter() - t)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def _refresh(self, key: Hashable, build: Callable[[], Any], stamp: tuple) -> None:
        try:
            with self._building.setdefault(key, threading.Lock()):
                self._build(key, build, stamp)
        finally:
            with self._lock:
                self._refreshing.discard(key)
