"""reports.brief: every claim cites evidence that exists; article text is escaped; nothing is fetched."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from handmade import ev, fill

from bilateral.analysis import analyse_country, analyse_pair
from bilateral.config import Config
from bilateral.reports import REPORTS, brief_for
from bilateral.reports.brief import Claim, to_html, to_markdown
from bilateral.store import Store

CONFIG = Config(min_events_trend=4)
HOSTILE = 'Russia said <script>alert("x")</script> & <b>bold</b> [link](javascript:alert(1)) | pipes *stars*.'


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "brief.db")) as s:
        fill(s, [
            ev("est", "d1", "SUPPORT", date="1948", cameo="054", published="2023-05-01", trigger="established",
               text="Pakistan and Russia established diplomatic relations in 1948.", url="https://news.example/a",
               site="News", title="Ties at 75"),
            ev("mark", "d1", "SUPPORT", date="2023-05-01", precision="day", published="2023-05-01",
               text="Pakistan and Russia marked the 75th anniversary of relations today.", title="Ties at 75"),
            ev("drill", "d1", "COOPERATE", date="2016", context=("military",), mode="exercise", trigger="held",
               published="2023-05-01", text="In 2016 Pakistan and Russia held their first-ever joint exercise."),
            ev("evil", "d2", "ACCUSE", ("RUS",), to=("PAK",), date="2020", text=HOSTILE, trigger="said",
               url="javascript:alert(1)", title="<i>Title</i>", published="2020-02-02"),
            ev("evil-2", "d3", "ACCUSE", ("RUS",), to=("PAK",), date="2020", text=HOSTILE + " Again.", trigger="said"),
            ev("way", "d1", "COOPERATE", status="hypothetical", date="2023-05-01", precision="publication",
               published="2023-05-01", context=("economic",), text="Both countries can explore trade."),
            ev("neg", "d2", "SUPPORT", status="negated", date="2020", text="They did not sign the deal."),
            ev("undated", "d2", "CONSULT", date=None, precision="unknown", text="Leaders have visited in the past."),
        ])
        yield s


def _claims(brief):
    return list(brief.claims())


def test_a_claim_without_evidence_cannot_be_made():
    with pytest.raises(ValueError):
        Claim("Relations are excellent.", [])


@pytest.mark.parametrize("kind", ["pair", "country"])
def test_every_claim_cites_known_evidence(store, kind):
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG) if kind == "pair" else analyse_country(store, "PAK", config=CONFIG)
    brief = brief_for(a)
    numbers = brief.numbers()
    claims = _claims(brief)
    assert len(claims) >= 5
    for text, cites in claims:
        assert cites, text
        assert all(c in numbers for c in cites), text
    assert [e.number for e in brief.evidence] == list(range(1, len(brief.evidence) + 1))


def test_the_pair_brief_says_what_the_analysis_says(store):
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    md = to_markdown(brief_for(a))
    assert "Pakistan and Russia established relations in 1948" in md
    assert "2023 marked the 75th anniversary of relations established in 1948" in md
    assert "1973 was the 25th anniversary" in md and "(computed; no report in the store marks it)" in md
    assert "2016, a first" in md
    ways = md.split("## Ways forward")[1].split("## ")[0]
    assert "Both countries can explore trade." in ways
    assert "Both countries can explore trade." not in md.split("## Ways forward")[0].split("## Evidence")[0]
    assert "## Said not to have happened" in md and "They did not sign the deal." in md
    # Six reported records; the accusation is one story told twice: five distinct events, four dated.
    assert a.counts["reported"] == 5 and a.counts["reports"] == 6 and not a.few
    assert "Reported by 2 documents" in md


def test_few_events_say_so(store):
    a = analyse_pair(store, "PAK", "RUS", config=Config(min_events_trend=10))
    md = to_markdown(brief_for(a))
    assert "With only 4 dated reported events (fewer than 10), no trend is drawn" in md
    assert "Swings of the index are read only from 10 reported events on." in md


def test_markdown_escapes_article_text(store):
    md = to_markdown(brief_for(analyse_pair(store, "PAK", "RUS", config=CONFIG)))
    assert "<script>" not in md and "<b>" not in md and "<i>" not in md
    assert "&lt;script&gt;" in md
    assert "\\[link\\](javascript:alert(1))" in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # no live link: the brackets are escaped
    # Table rows keep their columns: every pipe inside a cell is escaped.
    for line in md.splitlines():
        if line.startswith("| ") and "pipes" in line:
            assert "\\|" in line


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.ids, self.hrefs, self.srcs = [], set(), [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])


def test_html_escapes_article_text_and_links_only_the_web(store):
    page = to_html(brief_for(analyse_pair(store, "PAK", "RUS", config=CONFIG)))
    assert "<script" not in page and "<b>bold</b>" not in page and "<i>Title</i>" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    p = _Page()
    p.feed(page)
    assert "script" not in p.tags
    assert not any(h.lower().startswith("javascript:") for h in p.hrefs)
    assert "https://news.example/a" in p.hrefs


def test_html_is_self_contained(store):
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    page = REPORTS["html"](a, __import__("bilateral.reports", fromlist=["charts_for"]).charts_for(a))
    p = _Page()
    p.feed(page)
    assert p.srcs == []  # no <img src>, <script src>, <iframe src>
    assert "link" not in p.tags and "@import" not in page
    assert not re.search(r"url\((?!#)", page)  # only the SVGs' own clip paths
    assert re.search(r'http-equiv="Content-Security-Policy" content="default-src \'none\'', page)
    assert page.count("<svg") >= 2
    external = [h for h in p.hrefs if not h.startswith(("#", "data:image/png;base64,"))]
    assert set(external) == {"https://news.example/a"}  # the one source with a web address
    # Every citation points at an evidence entry on the page.
    for h in p.hrefs:
        if h.startswith("#ev-"):
            assert h[1:] in p.ids, h


def test_markdown_links_charts_when_written(store, tmp_path):
    from bilateral.reports import charts_for
    from bilateral.reports.brief import chart_paths

    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    charts = charts_for(a)
    paths = chart_paths(charts, str(tmp_path / "charts"), str(tmp_path))
    md = to_markdown(brief_for(a, charts), paths)
    assert "](charts/timeline.svg)" in md and "](charts/scorecard.svg)" in md


def test_terminal_view(store):
    a = analyse_pair(store, "PAK", "RUS", config=CONFIG)
    text = REPORTS["table"](a, width=140)
    assert "Pakistan – Russia" in text and "Scorecard by field" in text and "Evidence" in text
    assert "Ways forward" in text and "[1]" in text
    assert max(len(line) for line in text.splitlines()) <= 140
