"""The dashboard end to end: `bilateral serve` on loopback, Debian's Chromium driven by Playwright.

- the pair explorer renders its charts (and their tables) for a pair of the demo store;
- a filter changes the events table;
- an uploaded article appears with its events, marked in its text;
- an article holding <script> runs nothing;
- keyboard and phone width.

Screenshots go to artifacts/ for a person to look at. Never skips: without
/usr/bin/chromium or a server that starts, it fails naming the cause.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .articles import KENYA_UGANDA, SCRIPTED

ROOT = Path(__file__).parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(*args: str, db: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bilateral.interfaces.cli", *args, "--db", str(db)],
        capture_output=True, text=True, timeout=120, env=os.environ.copy(),
    )


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "served.db"
    shutil.copy(demo_db, db)
    made = cli("token", "create", "browser tests", db=db)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bilateral.interfaces.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=os.environ.copy(),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"bilateral serve did not start: {proc.stdout.read()[-2000:]}")
        time.sleep(0.2)
    yield base, token
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium package (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=60_000)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    requested: list[str] = []
    pg.on("request", lambda r: requested.append(r.url))
    pg.requested = requested  # type: ignore[attr-defined]
    yield pg
    context.close()
    # Everything the pages loaded came from this server: no CDN, nothing fetched elsewhere.
    strays = [u for u in requested if not u.startswith(base) and not u.startswith("data:")]
    assert not strays, strays


def shot(page, name: str, full: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=full)


CHARTS_DRAWN = """() => [...document.querySelectorAll('figure.chart img')].map(i => ({
  src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth, height: i.naturalHeight,
  shown: i.getBoundingClientRect().width }))"""


def test_the_pair_explorer_renders_its_charts(page, server):
    base, _ = server
    page.goto(f"{base}/pair")
    page.fill("input[name=a]", "PAK")
    page.fill("input[name=b]", "Russia")
    page.keyboard.press("Enter")  # the form sends by keyboard
    page.wait_for_selector("#timeline figure.chart img")
    page.wait_for_function("() => [...document.querySelectorAll('figure.chart img')].every(i => i.complete)")
    charts = page.evaluate(CHARTS_DRAWN)
    assert len(charts) == 2
    for c in charts:
        assert c["width"] > 300 and c["height"] > 100 and c["shown"] > 300, c
    assert page.locator("#timeline-table tbody tr").count() >= 3
    assert page.locator("#scorecard-table tbody tr").count() >= 3
    assert page.locator("#proposals-table tbody tr").count() >= 1
    assert page.locator("#milestones li").count() >= 1
    # Each evidence sentence is marked and links to its place in its document.
    first = page.locator("ol.evidence li").first
    assert first.locator("mark.trigger").count() >= 1
    link = first.locator("p.source a").first
    href = link.get_attribute("href")
    assert href.startswith("/documents/d-") and "#ev-e-" in href
    shot(page, "serve-pair-PAK-RUS.png")
    link.click()
    page.wait_for_url(f"**{href}")
    target = href.split("#")[1]
    assert page.evaluate(f"() => document.getElementById({target!r}).closest('mark') !== null")
    shot(page, "serve-document.png", full=False)


def test_a_filter_changes_the_events_table(page, server):
    base, _ = server
    page.goto(f"{base}/events?pair=PAK-RUS&limit=100")
    rows = page.locator("#events-table tbody tr")
    before = rows.count()
    cats_before = set(page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts())
    assert before > 5 and len(cats_before) > 2
    page.select_option("select[name=category]", "CONSULT")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**category=CONSULT**")
    after = rows.count()
    assert 0 < after < before
    cats = {t.split("\n")[0].split(" ")[0] for t in page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()}
    assert cats == {"CONSULT"}
    export = page.locator("a[href^='/api/v1/exports/csv']").get_attribute("href")
    assert "category=CONSULT" in export and "pair=PAK-RUS" in export
    shot(page, "serve-events-filtered.png")


def sign_in(page, base, token):
    page.goto(f"{base}/login?next=/ingest")
    page.fill("#token", token)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(f"{base}/ingest")


def test_an_uploaded_article_appears_with_its_events(page, server, tmp_path):
    base, token = server
    sign_in(page, base, token)
    article = tmp_path / "kenya-uganda.txt"
    article.write_text(KENYA_UGANDA, "utf-8")
    page.set_input_files("#file", str(article))
    page.fill("#published-upload", "2025-06-09")
    page.click("#form-upload button[type=submit]")
    page.wait_for_url("**/jobs/j-*")
    page.wait_for_function("() => document.getElementById('job-state').textContent === 'done'", timeout=90_000)
    assert "1 stored" in page.inner_text("#job-counts")
    shot(page, "serve-job-done.png", full=False)
    page.click("#job-results a")
    page.wait_for_url("**/documents/d-*")
    assert page.locator("#doctext mark.ev").count() >= 1
    assert page.locator("#doc-events tbody tr").count() >= 1
    assert "railway" in page.inner_text("#doctext")
    shot(page, "serve-uploaded-document.png")
    # The new pair is in the events table.
    page.goto(f"{base}/events?pair=KEN-UGA")
    assert page.locator("#events-table tbody tr td a").count() >= 1


def test_an_article_with_a_script_runs_nothing(page, server):
    base, token = server
    sign_in(page, base, token)
    page.fill("#text", SCRIPTED)
    page.fill("#published-text", "2025-05-02")
    page.click("#form-text button[type=submit]")
    page.wait_for_function("() => document.getElementById('job-state').textContent === 'done'", timeout=90_000)
    page.click("#job-results a")
    page.wait_for_url("**/documents/d-*")
    page.wait_for_load_state("load")
    assert "<script>" in page.inner_text("#doctext")  # shown as text
    assert page.evaluate("() => window.__pwned === undefined")
    assert page.title() != "pwned"
    assert page.locator("#doctext script, #doctext img").count() == 0
    shot(page, "serve-script-as-text.png", full=False)


def test_keyboard_and_phone_width(browser, server):
    base, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{base}/pair?a=PAK&b=RUS")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    # Nothing wider than the phone: wide tables scroll inside their own box.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    page.wait_for_function("() => [...document.querySelectorAll('figure.chart img')].every(i => i.complete)")
    shot(page, "serve-pair-phone.png")
    context.close()
