"""Analyses and charts kept in memory until the store changes.

A pair's analysis reads all its events and merges them; the dashboard and the API ask
for the same pair again and again. Entries are keyed by what was asked and checked
against the store's stamp (documents stored, last ingest time), so an ingest — from
this server or from the CLI — is seen at the next request.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

from ..store import Store

STAMP_SECONDS = 0.5  # the stamp is read at most this often; a job's own ingest clears it at once


class Cache:
    def __init__(self, store: Store, size: int):
        self.store = store
        self.size = max(size, 0)
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._stamp_read = 0.0
        self._building: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    def stamp(self) -> tuple:
        now = time.monotonic()
        if self._stamp is None or now - self._stamp_read > STAMP_SECONDS:
            stamp = self.store.stamp()
            with self._lock:
                if stamp != self._stamp:
                    self._items.clear()
                self._stamp, self._stamp_read = stamp, now
        return self._stamp  # type: ignore[return-value]

    def changed(self) -> None:
        """The store was written by this process: forget everything now."""
        with self._lock:
            self._items.clear()
            self._stamp = None

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        if self.size == 0:
            return build()
        self.stamp()
        with self._lock:
            if key in self._items:
                self.hits += 1
                self._items.move_to_end(key)
                return self._items[key]
            lock = self._building.setdefault(key, threading.Lock())
        # One build per key at a time: eight clients asking for one cold pair compute it once.
        with lock:
            with self._lock:
                if key in self._items:
                    self.hits += 1
                    return self._items[key]
            value = build()
            with self._lock:
                self.misses += 1
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._building.pop(key, None)
        return value
