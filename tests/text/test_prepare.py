"""text.prepare: raw input → Document, or a typed one-line InputError saying why not."""

from __future__ import annotations

import random
import re

import pytest

from bilateral.config import Config
from bilateral.errors import (
    BadDate,
    BinaryDocument,
    EmptyDocument,
    InputError,
    NoArticleText,
    NotEnglish,
    UndetectableEncoding,
)
from bilateral.sources import RawInput
from bilateral.text import prepare
from bilateral.text.prepare import doc_id_for

CONFIG = Config()

ENGLISH = (
    "Pakistan and Russia held talks in Moscow on Monday on a new gas pipeline, officials from both "
    "foreign ministries said. The two countries signed a memorandum on energy cooperation, and Russian "
    "engineers will visit Karachi next month to survey the route of the pipeline."
)

FRENCH = (
    "Le Pakistan et la Russie ont tenu lundi à Moscou des discussions sur un nouveau gazoduc, ont "
    "indiqué les deux ministères des affaires étrangères. Les deux pays ont signé un protocole d'accord "
    "sur la coopération énergétique, et des ingénieurs russes se rendront à Karachi le mois prochain pour "
    "étudier le tracé. Islamabad estime que cet accord aidera le pays à passer l'hiver sans pénurie."
)

SPANISH = (
    "Pakistán y Rusia celebraron el lunes en Moscú conversaciones sobre un nuevo gasoducto, según "
    "informaron los ministerios de asuntos exteriores de ambos países. Los dos gobiernos firmaron un "
    "memorando de cooperación energética y un grupo de ingenieros rusos visitará Karachi el próximo mes "
    "para estudiar el trazado. Islamabad cree que el acuerdo aliviará la escasez de combustible."
)

ARTICLE_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Pakistan, Russia agree to expand energy ties | The Harbour Post</title>
<meta property="og:title" content="Pakistan, Russia agree to expand energy ties">
<meta property="og:site_name" content="The Harbour Post">
<meta property="article:published_time" content="2024-03-12T09:30:00+05:00">
<link rel="canonical" href="https://harbourpost.example/world/pakistan-russia-energy">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>
<article>
<h1>Pakistan, Russia agree to expand energy ties</h1>
<p>Pakistan and Russia held talks in Moscow on Monday on a new gas pipeline, officials from both foreign ministries said after the meeting ended.</p>
<p>Read more: Karachi port expansion draws new investors</p>
<p>The two countries signed a memorandum on energy cooperation, and Russian engineers will visit Karachi next month to survey the route.</p>
<div class="share"><p>Share on Facebook | Twitter | WhatsApp</p></div>
<p>Islamabad said the agreement would ease fuel shortages before the winter, while Moscow called it a sign of growing trust between the two governments.</p>
</article>
<div id="respond"><h3>Leave a Reply</h3>
<form><p>Your email address will not be published. Required fields are marked *</p>
<p><label>Comment *</label><textarea></textarea></p>
<p><label>Name *</label><input></p>
<p>Save my name, email, and website in this browser for the next time I comment.</p>
<p><input type="submit" value="Post Comment"></p></form></div>
<footer><p>© 2024 The Harbour Post. All rights reserved.</p><a href="/about">About us</a></footer>
</body></html>
"""

_MENU = "".join(
    f'<li><a href="/{w.lower()}">{w}</a></li>'
    for w in ("Home", "World", "Politics", "Business", "Sport", "Opinion", "Culture", "Science", "Weather")
)
NAV_PAGES = {
    "menu-and-footer": f"""<!DOCTYPE html><html><head><title>The Harbour Post</title></head><body>
<header><nav><ul>{_MENU}</ul></nav></header>
<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>
<li><a href="/privacy">Privacy policy</a></li><li><a href="/terms">Terms of service</a></li></ul>
<p>© 2024 The Harbour Post. All rights reserved.</p></footer></body></html>""",
    "footer-lines": f"""<!DOCTYPE html><html><head><title>The Harbour Post</title></head><body>
<nav>{_MENU}</nav><div class="footer"><p>The Harbour Post is published in Karachi</p>
<p>Follow us on social media</p><p>Advertise with us</p></div></body></html>""",
    "short-nav": """<html><body><nav><a href="/">Home</a><a href="/w">World</a></nav></body></html>""",
    "empty-body": """<html><head><title>Loading</title></head><body></body></html>""",
}


def raw(data, kind="auto", origin="doc-1", **meta):
    return RawInput(origin, data, kind, meta)


def expect(cls, item, *words, published=None, config=CONFIG):
    with pytest.raises(cls) as info:
        prepare(item, config, published)
    msg = str(info.value)
    assert isinstance(info.value, InputError)
    assert "\n" not in msg, msg
    assert msg.startswith(f"[{cls.code}] {item.origin}: "), msg
    for w in words:
        assert w in msg, msg
    return info.value


# -- refused inputs ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", id="pdf"),
        pytest.param(b"PK\x03\x04\x14\x00\x06\x00word/document.xml", id="zip"),
        pytest.param("Pakistan and Russia held talks.".encode("utf-16-le"), id="utf16-nuls"),
        pytest.param(b"Pakistan and Russia held talks in Moscow.\x00\x00\x01\x02 on Monday", id="nul-bytes"),
    ],
)
def test_binary_is_refused(data):
    expect(BinaryDocument, raw(data, "text", origin="uploads/scan.bin"), "binary")


def test_binary_check_comes_before_the_suffix():
    # Named .html, but a PNG: still refused as binary, not fed to the HTML extractor.
    expect(BinaryDocument, raw(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200)), "html", origin="page.html"), "binary")


def test_undetectable_encoding():
    rnd = random.Random(20240312)
    noise = bytes(rnd.randrange(1, 256) for _ in range(3000))  # no NUL, so not "binary"
    assert b"\x00" not in noise
    with pytest.raises(UnicodeDecodeError):
        noise.decode("utf-8")
    err = expect(UndetectableEncoding, raw(noise, "text", origin="wire/garbled.txt"), "encoding")
    assert "UTF-8" in str(err)  # the hint says what to do


@pytest.mark.parametrize("text, lang", [(FRENCH, "fr"), (SPANISH, "es")])
def test_not_english(text, lang):
    assert len(text) >= CONFIG.language_min_chars and len(text.split()) >= 55
    expect(NotEnglish, raw(text.encode("utf-8"), "text", origin="feeds/foreign.txt"), f"({lang})", "English")


def test_english_of_the_same_length_passes():
    assert len(ENGLISH) >= CONFIG.language_min_chars
    assert prepare(raw(ENGLISH.encode(), "text"), CONFIG).text == ENGLISH


def test_short_text_is_not_language_checked():
    short = "Le Pakistan et la Russie ont tenu des discussions lundi à Moscou."
    assert CONFIG.min_chars <= len(short) < CONFIG.language_min_chars
    assert prepare(raw(short, "text"), CONFIG).text == short


@pytest.mark.parametrize("name", sorted(NAV_PAGES))
def test_html_without_article_text(name):
    expect(NoArticleText, raw(NAV_PAGES[name].encode(), "html", origin=f"{name}.html"), "article text")


def test_html_with_one_real_paragraph_is_kept():
    page = NAV_PAGES["menu-and-footer"].replace(
        "<footer>", "<main><p>Turkey and Greece agreed on Thursday to reopen talks on maritime borders.</p></main><footer>"
    )
    doc = prepare(raw(page.encode(), "html"), CONFIG)
    assert "Turkey and Greece agreed on Thursday" in doc.text


def test_empty_after_cleaning():
    noise = "Advertisement\n\nShare on Facebook | Twitter\n\nLeave a Reply\nhttps://news.example/x\n\n14 Comments\n"
    expect(NoArticleText, raw(noise.encode(), "text", origin="noise.txt"), "0 characters")


def test_too_short_after_cleaning():
    text = "Advertisement\n\nTalks held.\n\nRead more: Moscow summit"
    expect(NoArticleText, raw(text, "text", origin="stub.txt"), "11 characters")


@pytest.mark.parametrize("data", ["", "   \n\t\n  ", b"\xef\xbb\xbf \n"])
def test_empty(data):
    expect(EmptyDocument, raw(data, "text", origin="blank.txt"), "empty")


# -- web pages ----------------------------------------------------------------------------


def test_html_metadata_and_noise():
    doc = prepare(raw(ARTICLE_PAGE.encode(), "html", origin="saved/page.html"), CONFIG)
    assert doc.source.title == "Pakistan, Russia agree to expand energy ties"
    assert doc.source.site == "The Harbour Post"
    assert doc.source.url == "https://harbourpost.example/world/pakistan-russia-energy"
    assert doc.published == "2024-03-12"
    assert doc.origin == "saved/page.html"
    for kept in ("Pakistan and Russia held talks in Moscow on Monday",
                 "signed a memorandum on energy cooperation",
                 "growing trust between the two governments"):
        assert kept in doc.text
    for dropped in ("Read more", "Karachi port expansion", "Share on", "WhatsApp", "Leave a Reply",
                    "email address", "Post Comment", "Save my name", "All rights reserved", "Home"):
        assert dropped not in doc.text
    # Paragraphs stay separate blocks.
    assert "ended.\n\nThe two countries" in doc.text


def test_html_is_sniffed_when_the_kind_is_unknown():
    doc = prepare(raw(("  \n" + ARTICLE_PAGE).encode(), "auto", origin="<stdin>"), CONFIG)
    assert doc.source.site == "The Harbour Post"
    assert "<p>" not in doc.text and "og:title" not in doc.text


def test_given_meta_wins_over_the_page():
    doc = prepare(raw(ARTICLE_PAGE, "html", url="https://mirror.example/a1", title="Energy ties"), CONFIG)
    assert doc.source.url == "https://mirror.example/a1"
    assert doc.source.title == "Energy ties"


def test_site_falls_back_to_the_url_host():
    doc = prepare(raw(ENGLISH, "text", url="https://www.dawnwire.example/news/1"), CONFIG)
    assert doc.source.site == "www.dawnwire.example"
    assert doc.source.url == "https://www.dawnwire.example/news/1"


def test_title_from_a_heading_line_only():
    with_heading = prepare(raw("Pakistan, Russia sign gas deal\n\n" + ENGLISH, "text"), CONFIG)
    assert with_heading.source.title == "Pakistan, Russia sign gas deal"
    assert prepare(raw(ENGLISH, "text"), CONFIG).source.title is None


# -- publication dates --------------------------------------------------------------------


def test_published_fallback_only_when_the_document_has_no_date():
    page = prepare(raw(ARTICLE_PAGE, "html"), CONFIG, published="2020-01-01")
    assert page.published == "2024-03-12"
    given = prepare(raw(ENGLISH, "text", published="2023-05-01"), CONFIG, published="2020-01-01")
    assert given.published == "2023-05-01"
    plain = prepare(raw(ENGLISH, "text"), CONFIG, published="2020-01-01")
    assert plain.published == "2020-01-01"
    assert prepare(raw(ENGLISH, "text"), CONFIG).published is None


def test_published_fallback_is_normalised():
    assert prepare(raw(ENGLISH, "text"), CONFIG, published="2024-02-29T23:00:00Z").published == "2024-02-29"


@pytest.mark.parametrize("bad", ["yesterday", "2023-02-29", "12/03/2024"])
def test_bad_published_fallback(bad):
    expect(BadDate, raw(ENGLISH, "text", origin="a.txt"), repr(bad), published=bad)


# -- ids and encodings --------------------------------------------------------------------


def test_doc_id_is_stable_across_whitespace():
    a = prepare(raw(ENGLISH, "text", origin="one.txt"), CONFIG)
    rewrapped = re.sub(r" (?=the |and )", "\n", ENGLISH).replace(". ", ".   ") + "\n\n\n"
    assert rewrapped != ENGLISH
    b = prepare(raw(("  " + rewrapped).encode(), "text", origin="two.txt"), CONFIG)
    c = prepare(raw(ENGLISH.replace(" ", "\r\n", 3), "text", origin="three.txt"), CONFIG)
    assert a.doc_id == b.doc_id == c.doc_id
    assert re.fullmatch(r"d-[0-9a-f]{10}", a.doc_id)


def test_doc_id_differs_for_different_text():
    a = prepare(raw(ENGLISH, "text"), CONFIG)
    b = prepare(raw(ENGLISH.replace("Monday", "Tuesday"), "text"), CONFIG)
    assert a.doc_id != b.doc_id
    assert doc_id_for("India and China met.") != doc_id_for("India and Japan met.")


def test_doc_id_ignores_noise_lines():
    a = prepare(raw(ENGLISH, "text"), CONFIG)
    b = prepare(raw(ENGLISH + "\n\nAdvertisement\nShare on Facebook | Twitter\n", "text"), CONFIG)
    assert a.doc_id == b.doc_id


def test_windows_1252_with_curly_quotes():
    text = (
        "\u201cWe agreed to expand trade,\u201d the Pakistani minister said in Moscow \u2014 "
        "Russia\u2019s deputy minister called the talks \u2018frank\u2019 and promised a visit in May."
    )
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = prepare(raw(data, "text", origin="cp1252.txt"), CONFIG)
    assert doc.text == text


def test_utf8_bom_is_dropped():
    doc = prepare(raw(b"\xef\xbb\xbf" + ENGLISH.encode(), "text"), CONFIG)
    assert doc.text == ENGLISH


def test_headline_below_a_section_label():
    from bilateral.config import Config
    from bilateral.sources import RawInput
    from bilateral.text import prepare

    doc = prepare(
        RawInput("t", "World\n\nIreland to take UK to rights court\n\nThe Irish government said on Monday that it would go to court.", "text"),
        Config(),
        "2023-12-21",
    )
    assert doc.source.title == "Ireland to take UK to rights court"
