"""sources.fetch.Fetcher against a real server on loopback: every refusal is one typed error."""

from __future__ import annotations

import httpx
import pytest

from bilateral import __version__
from bilateral.errors import (
    EmptyDocument,
    FetchError,
    FetchTimeout,
    OversizedDocument,
    PrivateAddress,
    RedirectError,
    RobotsDisallowed,
    WrongContentType,
)
from bilateral.sources.fetch import PAGE_TYPES, CheckedBackend, Fetcher, check_address

PAGE = "<html><body><article><p>Kenya and Ethiopia opened a new border crossing at Moyale on Friday.</p></article></body></html>"


@pytest.fixture
def fetcher(web_config):
    with Fetcher(web_config) as f:
        yield f


def test_a_page_is_fetched_with_an_honest_user_agent(web, fetcher):
    url = web.route("/news/kenya.html", PAGE)
    got = fetcher.fetch(url)
    assert got.status == 200 and got.data == PAGE.encode() and got.content_type == "text/html"
    agents = {ua for _, path, ua in web.hits if path == "/news/kenya.html"}
    assert agents == {f"bilateral/{__version__} (event coding of international news; httpx/{httpx.__version__})"}


def test_redirects_are_followed_and_the_final_url_kept(web, fetcher):
    final = web.route("/final.html", PAGE)
    web.route("/moved", status=301, location="/middle")
    web.route("/middle", status=302, location=final)
    got = fetcher.fetch(web.url("/moved"))
    assert got.final_url == final and got.url == web.url("/moved")


def test_a_redirect_loop_is_one_clear_error(web, fetcher):
    web.route("/a", status=302, location="/b")
    web.route("/b", status=302, location="/a")
    with pytest.raises(RedirectError) as exc:
        fetcher.fetch(web.url("/a"))
    assert str(exc.value).startswith(f"[E603] {web.url('/a')}: redirect loop: ")
    assert web.count("/a") == 1 and web.count("/b") == 1  # noticed at once, not after the limit


def test_too_many_redirects(web, web_config):
    for i in range(4):
        web.route(f"/hop{i}", status=307, location=f"/hop{i + 1}")
    web.route("/hop4", PAGE)
    with Fetcher(web_config.with_overrides(fetch_max_redirects=2)) as f:
        with pytest.raises(RedirectError, match="more than 2 redirects"):
            f.fetch(web.url("/hop0"))
    with Fetcher(web_config.with_overrides(fetch_max_redirects=4)) as f:
        assert f.fetch(web.url("/hop0")).final_url == web.url("/hop4")


def test_a_slow_server_times_out_after_the_retries(web, web_config):
    web.route("/slow.html", PAGE, delay=1.5)
    with Fetcher(web_config.with_overrides(fetch_timeout=0.3, fetch_retries=1)) as f:
        with pytest.raises(FetchTimeout) as exc:
            f.fetch(web.url("/slow.html"))
    assert exc.value.code == "E601" and "no reply within 0.3 s" in str(exc.value)
    assert web.count("/slow.html") == 2  # the first try and one retry


def test_a_500_is_retried_with_backoff_and_then_succeeds(web, web_config):
    web.route("/flaky.html", PAGE, fail_first=2)
    waits: list[float] = []
    with Fetcher(web_config.with_overrides(fetch_retries=2, fetch_backoff=0.5), sleep=waits.append) as f:
        assert f.fetch(web.url("/flaky.html")).data == PAGE.encode()
    assert waits == [0.5, 1.0]  # doubling backoff
    assert web.count("/flaky.html") == 3


def test_retry_after_in_seconds_is_honoured_over_a_shorter_backoff(web, web_config):
    web.route("/busy.html", PAGE, fail_first=1, retry_after="7")
    waits: list[float] = []
    with Fetcher(web_config.with_overrides(fetch_retries=2, fetch_backoff=0.5), sleep=waits.append) as f:
        assert f.fetch(web.url("/busy.html")).data == PAGE.encode()
    assert waits == [7.0] and web.count("/busy.html") == 2


def test_retry_after_as_an_http_date_and_capped_at_a_minute(web, web_config):
    from email.utils import format_datetime
    from datetime import datetime, timedelta, timezone

    later = format_datetime(datetime.now(timezone.utc) + timedelta(hours=2), usegmt=True)
    web.route("/later.html", PAGE, fail_first=1, retry_after=later)
    web.route("/junk.html", PAGE, fail_first=1, retry_after="soon")
    waits: list[float] = []
    with Fetcher(web_config.with_overrides(fetch_retries=1, fetch_backoff=0.5), sleep=waits.append) as f:
        assert f.fetch(web.url("/later.html")).data == PAGE.encode()
        assert f.fetch(web.url("/junk.html")).data == PAGE.encode()
    assert waits == [60.0, 0.5]  # a date two hours off waits the cap; an unreadable value falls back to the backoff


def test_a_500_that_stays_is_a_transient_fetch_error(web, fetcher):
    web.route("/down.html", PAGE, fail_first=99)
    with pytest.raises(FetchError) as exc:
        fetcher.fetch(web.url("/down.html"))
    assert "HTTP 500" in str(exc.value) and exc.value.transient


def test_a_404_is_not_retried(web, fetcher):
    with pytest.raises(FetchError, match="HTTP 404") as exc:
        fetcher.fetch(web.url("/gone.html"))
    assert not exc.value.transient and web.count("/gone.html") == 1


@pytest.mark.parametrize(
    "ctype, words",
    [("application/pdf", "is a PDF, not a web page"), ("image/jpeg", "is an image (image/jpeg), not a web page")],
)
def test_pdf_and_images_are_refused_by_content_type(web, fetcher, ctype, words):
    url = web.route("/file", b"%PDF-1.7 binary", ctype)
    with pytest.raises(WrongContentType) as exc:
        fetcher.fetch(url)
    assert str(exc.value).startswith(f"[E605] {url}: {words}")


def test_an_oversized_body_is_cut_off_while_streaming(web, web_config):
    url = web.route("/huge.html", b"<p>" + b"x" * 1000 + b"</p>", stream=200)  # ~200 kB, no Content-Length
    with Fetcher(web_config.with_overrides(max_bytes=50_000)) as f:
        with pytest.raises(OversizedDocument, match="over the limit of 50,000 bytes"):
            f.fetch(url)


def test_an_announced_oversized_body_is_refused_before_reading(web, web_config):
    url = web.route("/big.html", b"y" * 60_000)
    with Fetcher(web_config.with_overrides(max_bytes=50_000)) as f:
        with pytest.raises(OversizedDocument, match="announces 60,000 bytes"):
            f.fetch(url)


def test_an_empty_reply(web, fetcher):
    with pytest.raises(EmptyDocument):
        fetcher.fetch(web.route("/empty.html", ""))


def test_robots_txt_is_honoured(web, fetcher):
    web.route("/robots.txt", "User-agent: bilateral\nDisallow: /private/\n\nUser-agent: *\nDisallow:\n", "text/plain")
    ok = web.route("/public/a.html", PAGE)
    blocked = web.route("/private/b.html", PAGE)
    assert fetcher.fetch(ok).status == 200
    with pytest.raises(RobotsDisallowed) as exc:
        fetcher.fetch(blocked)
    assert exc.value.code == "E604" and "disallows /private/b.html" in str(exc.value)
    assert web.count("/private/b.html") == 0 and web.count("/robots.txt") == 1  # read once per site


def test_robots_txt_can_be_turned_off(web, web_config):
    web.route("/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    url = web.route("/page.html", PAGE)
    with Fetcher(web_config.with_overrides(fetch_robots=False)) as f:
        assert f.fetch(url).status == 200


def test_requests_to_one_host_are_paced(web, web_config):
    url = web.route("/p.html", PAGE)
    waits: list[float] = []
    with Fetcher(web_config.with_overrides(fetch_host_interval=5.0), sleep=waits.append) as f:
        f.fetch(url)  # robots.txt first, then the page: the page waits for its turn
        f.fetch(url)
    # The sleep here returns at once, so each request books the next free slot: 5 s, then 10 s on.
    assert len(waits) == 2 and 4.0 < waits[0] <= 5.0 and 9.0 < waits[1] <= 10.0


def test_loopback_is_refused_unless_allowed(web, web_config):
    url = web.route("/page.html", PAGE)
    with Fetcher(web_config.with_overrides(fetch_allow_private=False)) as f:
        with pytest.raises(PrivateAddress) as exc:
            f.fetch(url)
    assert str(exc.value).startswith("[E602] " + url + ": resolves to 127.0.0.1, a loopback address")
    assert web.hits == []  # nothing reached the server
    with Fetcher(web_config.with_overrides(fetch_allow_private=False)) as f:
        with pytest.raises(PrivateAddress, match="loopback"):
            f.fetch(url.replace("127.0.0.1", "localhost"))  # a name is checked after resolution


def test_the_address_is_checked_again_when_connecting(web, web_config):
    # As if the name had resolved to a public address for the check and to this machine a
    # moment later (DNS rebinding): the request itself, past the first check, is refused
    # at connect time, and nothing reaches the server.
    url = web.route("/page.html", PAGE)
    with Fetcher(web_config.with_overrides(fetch_allow_private=False, fetch_retries=0)) as f:
        with pytest.raises(PrivateAddress) as exc:
            f._get(url, url, PAGE_TYPES, 10_000)
    assert str(exc.value).startswith(f"[E602] {url}: resolves to 127.0.0.1, a loopback address")
    assert web.hits == []
    with pytest.raises(PrivateAddress, match="loopback"):
        CheckedBackend().connect_tcp("localhost", int(url.split(":")[2].split("/")[0]))


@pytest.mark.parametrize(
    "host, kind",
    [("10.1.2.3", "private"), ("192.168.0.7", "private"), ("169.254.169.254", "link-local"), ("::1", "loopback"),
     ("fe80::1", "link-local"), ("0.0.0.0", "reserved"), ("240.0.0.1", "reserved")],
)
def test_address_kinds_refused(host, kind):
    # Only resolution happens here (numeric hosts): nothing is sent anywhere.
    with pytest.raises(PrivateAddress, match=f"a {kind} address"):
        check_address(host, 80, allow_private=False)
    check_address(host, 80, allow_private=True)


def test_only_http_urls(fetcher):
    with pytest.raises(FetchError, match="not an http"):
        fetcher.fetch("ftp://127.0.0.1/file.txt")
