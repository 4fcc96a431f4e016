"""Sources → the web: one polite, careful HTTP client for pages, feeds and sitemaps.

Every URL bilateral fetches goes through `Fetcher.fetch`: timeouts, retries with
backoff, a per-host rate limit, robots.txt, a size cap read while streaming, a
content-type check, an honest User-Agent, a redirect limit with loop detection, and the
refusal of private, loopback, link-local and reserved addresses (after DNS resolution)
unless `fetch_allow_private` is on. The address is checked twice: before each request,
for a clear message, and again when the connection is made (`CheckedBackend`), on the
very address connected to, so a name that resolves to a public address for the check
and to a private one a moment later (DNS rebinding) is refused too. Failures are typed errors (E6xx), never exceptions
of the HTTP library.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from ..config import Config
from ..errors import (
    EmptyDocument,
    FetchError,
    FetchTimeout,
    OversizedDocument,
    PrivateAddress,
    RedirectError,
    RobotsDisallowed,
    WrongContentType,
)

USER_AGENT = f"bilateral/{__version__} (event coding of international news; httpx/{httpx.__version__})"
ROBOTS_AGENT = "bilateral"

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# Feeds and sitemaps are served under many names; text/html is here because some
# servers label every file so (the parser then decides).
XML_TYPES = (
    "application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml",
    "application/x-rss+xml", "application/feed+json", "text/plain", "text/html", "application/octet-stream",
    "application/gzip", "application/x-gzip",
)
REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 500, 502, 503, 504)


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _describe(ctype: str) -> str | None:
    """What a refused content type is, in words, for the one-line message."""
    if ctype == "application/pdf":
        return "a PDF"
    if ctype.startswith("image/"):
        return f"an image ({ctype})"
    if ctype.startswith(("audio/", "video/")):
        return f"a media file ({ctype})"
    return None


def _address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (
        "loopback" if ip.is_loopback else "link-local" if ip.is_link_local
        else "reserved" if (ip.is_reserved or ip.is_unspecified) else "multicast" if ip.is_multicast
        else "private" if ip.is_private else None
    )


def public_addresses(host: str, port: int | None) -> list[str]:
    """The addresses a host resolves to, all public; PrivateAddress if any is not."""
    try:
        infos = socket.getaddrinfo(host, port or 80, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(host, f"cannot resolve the host: {exc.strerror or exc}") from None
    out = []
    for info in infos:
        address = info[4][0].split("%")[0]
        ip = ipaddress.ip_address(address)
        kind = _address_kind(ip)
        if kind:
            raise PrivateAddress(host, f"resolves to {ip}, a {kind} address")
        out.append(address)
    return out


def check_address(host: str, port: int | None, allow_private: bool) -> None:
    """Refuse a host that resolves to a loopback, private, link-local or reserved address."""
    if not allow_private:
        public_addresses(host, port)


class CheckedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses that pass the check.

    The name is resolved here, once, and the connection goes to the address that was
    checked (TLS still verifies the certificate against the host name), so the answer
    the check saw is the one used.
    """

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        addresses = public_addresses(host, port)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:  # try the host's next address
                last = exc
        raise last or httpcore.ConnectError(f"no address for {host}")


class Fetcher:
    """One per run: it keeps the connection pool, the robots.txt cache and the host clocks."""

    def __init__(self, config: Config, *, sleep: Callable[[float], None] = time.sleep):
        self.config = config
        self.sleep = sleep
        t = config.fetch_timeout
        transport = httpx.HTTPTransport()
        if not config.fetch_allow_private:
            # httpx takes no network backend of its own: the pool is httpcore's, built with ours.
            transport._pool = httpcore.ConnectionPool(
                ssl_context=transport._pool._ssl_context, network_backend=CheckedBackend(),
                max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0,
            )
        self.client = httpx.Client(
            transport=transport,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(t, connect=t),
            follow_redirects=False,  # followed by hand, to check every hop's address
            trust_env=False,  # no proxy from the environment: the address check must see the real host
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the one entry point -------------------------------------------------------------

    def fetch(self, url: str, accept: tuple[str, ...] = PAGE_TYPES, max_bytes: int | None = None) -> Fetched:
        """GET a URL, following redirects by hand; raise a FetchError subclass on failure."""
        max_bytes = max_bytes or self.config.max_bytes
        seen: list[str] = []
        current = url
        while True:
            self._check_url(url, current)
            if self.config.fetch_robots and not self._allowed(current):
                raise RobotsDisallowed(url, f"robots.txt of {urlsplit(current).netloc} disallows {urlsplit(current).path or '/'}")
            status, headers, data, ctype = self._get(url, current, accept, max_bytes)
            if status in REDIRECTS:
                target = headers.get("location")
                if not target:
                    raise RedirectError(url, f"HTTP {status} redirect without a Location")
                seen.append(current)
                nxt = urljoin(current, target)
                if nxt in seen:
                    raise RedirectError(url, f"redirect loop: {' -> '.join(seen + [nxt])}")
                if len(seen) > self.config.fetch_max_redirects:
                    raise RedirectError(url, f"more than {self.config.fetch_max_redirects} redirects")
                current = nxt
                continue
            return Fetched(url, current, status, ctype, data, headers)

    def _check_url(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, f"not an http(s) URL: {current}")
        try:
            port = parts.port
        except ValueError:
            raise FetchError(url, f"bad port in {current}") from None
        try:
            check_address(parts.hostname, port, self.config.fetch_allow_private)
        except FetchError as exc:
            # Name the URL asked for; a redirect's hop is said in the reason.
            via = f" (redirected to {current})" if current != url else ""
            raise type(exc)(url, exc.reason + via) from None

    # -- one request, with retries ------------------------------------------------------

    def _get(self, url: str, current: str, accept: tuple[str, ...], max_bytes: int) -> tuple[int, dict, bytes, str]:
        attempts = self.config.fetch_retries + 1
        wait = self.config.fetch_backoff
        for attempt in range(attempts):
            last = attempt == attempts - 1
            self._pace(current)
            try:
                return self._once(url, current, accept, max_bytes)
            except _Retry as r:
                if last:
                    raise r.error from None
                self.sleep(min(max(wait, r.after or 0.0), 60.0))
                wait *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, current: str, accept: tuple[str, ...], max_bytes: int) -> tuple[int, dict, bytes, str]:
        try:
            with self.client.stream("GET", current) as resp:
                status = resp.status_code
                headers = {k.lower(): v for k, v in resp.headers.items()}
                if status in REDIRECTS:
                    return status, headers, b"", ""
                if status in RETRY_STATUSES:
                    error = FetchError(url, f"HTTP {status} {resp.reason_phrase}".rstrip())
                    error.transient = True
                    raise _Retry(error, _retry_after(headers.get("retry-after")))
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {resp.reason_phrase}".rstrip())
                ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                what = _describe(ctype)
                if what:
                    raise WrongContentType(url, f"is {what}, not a web page")
                if ctype and ctype not in accept:
                    raise WrongContentType(url, f"content type {ctype} is not one bilateral reads here")
                declared = headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise OversizedDocument(url, f"the server announces {int(declared):,} bytes, over the limit of {max_bytes:,}")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise OversizedDocument(url, f"the reply is over the limit of {max_bytes:,} bytes")
                    chunks.append(chunk)
        except httpx.TimeoutException:
            raise _Retry(FetchTimeout(url, f"no reply within {self.config.fetch_timeout:g} s")) from None
        except PrivateAddress as exc:  # found at connect time (CheckedBackend)
            raise PrivateAddress(url, exc.reason + (f" (redirected to {current})" if current != url else "")) from None
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
            raise RedirectError(url, "too many redirects") from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            error = FetchError(url, f"cannot fetch: {exc.__class__.__name__}: {exc}".rstrip(": "))
            error.transient = True
            raise _Retry(error) from None
        data = b"".join(chunks)
        if not data.strip():
            raise EmptyDocument(url, "empty reply")
        return status, headers, data, ctype

    # -- politeness ---------------------------------------------------------------------

    def _pace(self, url: str) -> None:
        """Wait until `fetch_host_interval` seconds have passed since the last request to the host."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + self.config.fetch_host_interval
            self._last[host] = max(now, ready)
        if ready > now:
            self.sleep(ready - now)

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._read_robots(root)
        rp = self._robots[root]
        return True if rp is None else rp.can_fetch(ROBOTS_AGENT, url)

    def _read_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        """robots.txt of a site; None (everything allowed) when it has none or it cannot be read.

        As urllib.robotparser does: 401 or 403 disallows the whole site.
        """
        rp = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        self._pace(root)
        try:
            resp = self.client.get(root + "/robots.txt")
        except httpx.HTTPError:
            return None
        if resp.status_code in (401, 403):
            rp.disallow_all = True
            return rp
        if resp.status_code >= 400 or resp.status_code in REDIRECTS:
            return None
        rp.parse(resp.content[:500_000].decode("utf-8", "replace").splitlines())
        return rp


class _Retry(Exception):
    def __init__(self, error: Exception, after: float | None = None):
        self.error = error
        self.after = after


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None
