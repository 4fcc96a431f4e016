"""Sources → the store, on a schedule: `bilateral watch` polls feeds and ingests new items.

What it has seen is kept in the store (seen_items), so a restart takes up where it left
off. A feed that fails is skipped for 1, 2, 4, … rounds (at most `watch_max_skip`); an
item whose fetch failed for a passing reason (timeout, 5xx) is tried again next round.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..config import Config
from ..errors import BilateralError, FetchError, InputError, WatchError
from ..store import Store
from .feeds import load_feed_bytes, no_link, parse_feed, read_opml
from .fetch import Fetcher
from .readers import fetch_page, item_meta


@dataclass
class Round:
    number: int
    seen: int = 0  # items in the feeds read this round
    new: int = 0  # of them, not seen before
    coded: int = 0  # new items coded and stored (or already in the store under another link)
    failed: int = 0  # new items that failed, and feeds that could not be read
    skipped_feeds: list[str] = field(default_factory=list)  # feeds backed off this round

    def line(self) -> str:
        back = f"; backing off {len(self.skipped_feeds)} feed(s)" if self.skipped_feeds else ""
        return f"round {self.number}: {self.seen} items seen, {self.new} new, {self.coded} coded, {self.failed} failed{back}"


@dataclass
class _FeedState:
    failures: int = 0
    skip: int = 0


def feeds_to_watch(config: Config, feeds: Iterable[str] = (), opml: Iterable[str] = ()) -> list[str]:
    """The configured feeds and OPML lists, then those given on the command line; no repeats."""
    out: list[str] = []
    lists = [*([config.watch_opml] if config.watch_opml else []), *opml]
    named = [*config.watch_feeds, *feeds]
    for path in lists:
        try:
            named.extend(read_opml(path, config.max_bytes))
        except InputError as exc:
            raise WatchError(exc.doc, f"[{exc.code}] {exc.reason}") from None
    for f in named:
        if f not in out:
            out.append(f)
    if not out:
        raise WatchError("watch", "no feeds to watch")
    for f in out:
        if not f.startswith(("http://", "https://")) and not Path(f).is_file():
            raise WatchError(f, "neither an http(s) URL nor a feed file")
    return out


class Watcher:
    def __init__(
        self,
        store: Store,
        config: Config,
        feeds: list[str],
        *,
        published: str | None = None,
        report: Callable[[BilateralError], None] = lambda e: None,
        log: Callable[[str], None] = print,
        fetcher: Fetcher | None = None,
    ):
        self.store, self.config, self.feeds, self.published = store, config, feeds, published
        self.report, self.log = report, log
        self.fetcher = fetcher or Fetcher(config)
        self.stop = threading.Event()
        self.state = {f: _FeedState() for f in feeds}
        self.failed_total = 0

    def run(self, rounds: int | None = None, interval: float | None = None) -> list[Round]:
        """Poll until `rounds` are done or `stop` is set; one log line per round."""
        interval = self.config.watch_interval if interval is None else interval
        done: list[Round] = []
        n = 0
        while not self.stop.is_set():
            n += 1
            r = self.round(n)
            done.append(r)
            self.log(r.line())
            if rounds is not None and n >= rounds:
                break
            self.stop.wait(interval)  # a signal sets `stop` and ends the wait at once
        return done

    def round(self, n: int) -> Round:
        from ..pipeline import get_coder, prepare_one

        r = Round(n)
        coder = get_coder(self.config)
        for feed in self.feeds:
            if self.stop.is_set():
                break
            st = self.state[feed]
            if st.skip > 0:
                st.skip -= 1
                r.skipped_feeds.append(feed)
                continue
            try:
                items, _ = parse_feed(feed, load_feed_bytes(feed, self.fetcher, self.config.max_bytes))
            except InputError as exc:
                st.failures += 1
                st.skip = min(2 ** (st.failures - 1), self.config.watch_max_skip)
                r.failed += 1
                self._fail(exc)
                self.log(f"feed {feed} failed {st.failures} time(s) in a row: next try in {st.skip + 1} rounds")
                continue
            st.failures = 0
            r.seen += len(items)
            known = self.store.seen(feed, [i.key for i in items])
            fresh = [(k, i) for k, i in enumerate(items, start=1) if i.key not in known]
            r.new += len(fresh)
            for k, item in fresh:
                if self.stop.is_set():
                    break
                if not item.link:
                    r.failed += 1
                    self._fail(no_link(item, k))
                    self.store.mark_seen(feed, item.key, "no-link")
                    continue
                raw = fetch_page(self.fetcher, item.link, self.config.max_bytes, item_meta(item))
                if isinstance(raw, FetchError) and raw.transient:
                    r.failed += 1  # not marked: tried again next round
                    self._fail(raw)
                    continue
                doc = raw if isinstance(raw, InputError) else prepare_one(raw, self.config, self.published)
                if isinstance(doc, InputError):
                    r.failed += 1
                    self._fail(doc)
                    self.store.mark_seen(feed, item.key, "failed")
                    continue
                try:
                    stored = self.store.add(doc, coder.code(doc))
                except BilateralError as exc:
                    r.failed += 1
                    self._fail(exc)
                    continue  # the store could not take it: try again next round
                r.coded += 1
                self.store.mark_seen(feed, item.key, "stored" if stored else "duplicate", doc.doc_id)
        return r

    def _fail(self, exc: BilateralError) -> None:
        self.failed_total += 1
        self.report(exc)

    def close(self) -> None:
        self.fetcher.close()
