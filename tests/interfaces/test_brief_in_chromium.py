"""The HTML brief in a real browser: Debian's headless Chromium, driven by Playwright.

After `bilateral demo`, `bilateral pair PAK RUS --format html -o brief.html` must give a
page whose charts render, whose every claim links to evidence on the page, and which
fetches nothing. The screenshot is kept in artifacts/ for a person to look at.

This test never skips: without /usr/bin/chromium it fails, naming the fix.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from bilateral.interfaces.cli import app

ROOT = Path(__file__).parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]
SCREENSHOT = ROOT / "artifacts" / "brief-PAK-RUS.png"

CHECK_CLAIMS = """() => {
  const bad = [];
  const claims = [...document.querySelectorAll('.claim')];
  for (const c of claims) {
    const cites = [...c.querySelectorAll('a.cite')];
    if (!cites.length) bad.push('no citation: ' + c.textContent.slice(0, 80));
    for (const a of cites) {
      const target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      if (!target || !target.classList.contains('evidence')) { bad.push('dangling ' + a.getAttribute('href')); continue; }
      if (!target.querySelector('blockquote') || !target.querySelector('.source')) bad.push('empty evidence ' + target.id);
    }
  }
  return {claims: claims.length, bad};
}"""

CHECK_CHARTS = """async () => {
  const svgs = [...document.querySelectorAll('figure.chart svg')].map(s => {
    const r = s.getBoundingClientRect();
    const drawn = [...s.querySelectorAll('path, text, use')].filter(e => {
      const b = e.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length;
    return {id: s.closest('figure').id, width: r.width, height: r.height, drawn};
  });
  const pngs = [];
  for (const a of document.querySelectorAll('figure.chart a.png')) {
    const img = new Image();
    img.src = a.href;
    await img.decode();
    pngs.push({width: img.naturalWidth, height: img.naturalHeight, href: a.href});
  }
  return {svgs, pngs};
}"""


def _launch(playwright):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's chromium package "
            "(python3 scripts/install.py --dev installs it as root; or apt-get install chromium)"
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, timeout=60_000)


def test_the_brief_renders_in_chromium(demo_db, tmp_path):
    from playwright.sync_api import sync_playwright

    brief = tmp_path / "brief.html"
    result = CliRunner().invoke(app, ["pair", "PAK", "RUS", "--db", str(demo_db), "--format", "html", "-o", str(brief)])
    assert result.exit_code == 0, result.stderr
    url = brief.resolve().as_uri()

    with sync_playwright() as p:
        browser = _launch(p)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(url, wait_until="load")
            charts = page.evaluate(CHECK_CHARTS)
            claims = page.evaluate(CHECK_CLAIMS)
            SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            # A citation leads to its evidence.
            first = page.locator(".claim a.cite").first
            target = first.get_attribute("href")
            first.click()
            assert page.evaluate("() => location.hash") == target
            assert page.locator(f"li.evidence{target}").is_visible()
        finally:
            browser.close()

    # Nothing fetched but the page itself and its own data: URLs.
    assert [r for r in requests if r != url and not r.startswith("data:")] == []

    # The charts rendered: two inline SVGs with size and drawn marks, and their PNGs decode.
    assert [s["id"] for s in charts["svgs"]] == ["chart-timeline", "chart-scorecard"]
    for s in charts["svgs"]:
        assert s["width"] > 300 and s["height"] > 150 and s["drawn"] > 20, s
    assert len(charts["pngs"]) == 2
    for png in charts["pngs"]:
        assert png["width"] > 300 and png["height"] > 150, png
        image = Image.open(io.BytesIO(base64.b64decode(png["href"].split(",", 1)[1])))
        assert image.format == "PNG" and image.size == (png["width"], png["height"])

    # Every claim links to an evidence entry that exists on the page.
    assert claims["claims"] > 15
    assert claims["bad"] == []

    shot = Image.open(SCREENSHOT)
    assert shot.width == 1200 and shot.height > 2000
    # Not a blank page: the screenshot has ink of several colours (text, the charts' greens).
    colours = shot.convert("RGB").resize((300, 600)).getcolors(maxcolors=1_000_000)
    assert len(colours) > 50
