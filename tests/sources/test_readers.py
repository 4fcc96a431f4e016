"""sources.readers.read_inputs: files, folders, JSON Lines, stdin and URLs → RawInput or InputError."""

from __future__ import annotations

import io
import json

import pytest

from bilateral.errors import (
    BadDate,
    BadJsonLine,
    EmptyDocument,
    InputError,
    MissingPath,
    OversizedDocument,
)
from bilateral.sources import RawInput, read_inputs

BIG = 1_000_000
ARTICLE = "Pakistan and Russia held talks in Moscow on Monday. Both sides agreed to meet again in June.\n"
PAGE = (
    "<!DOCTYPE html><html><head><title>Talks in Moscow</title></head><body><article>"
    "<p>India and Japan signed a defence pact in Tokyo on Tuesday, officials said.</p>"
    "</article></body></html>"
)


def read(paths, max_bytes=BIG, **kw):
    return list(read_inputs([str(p) for p in paths], max_bytes=max_bytes, **kw))


def only(items, cls=RawInput):
    assert len(items) == 1, items
    assert isinstance(items[0], cls), items[0]
    return items[0]


# -- files and folders ----------------------------------------------------------------


def test_text_file(tmp_path):
    f = tmp_path / "brief.txt"
    f.write_text(ARTICLE, "utf-8")
    raw = only(read([f]))
    assert raw.kind == "text"
    assert raw.origin == str(f)
    assert raw.data == ARTICLE.encode("utf-8")
    assert raw.meta == {}


def test_markdown_counts_as_text_and_unknown_suffix_is_sniffed(tmp_path):
    md = tmp_path / "notes.md"
    md.write_text(ARTICLE, "utf-8")
    other = tmp_path / "wire.dat"
    other.write_text(ARTICLE, "utf-8")
    assert only(read([md])).kind == "text"
    # A file named explicitly is read whatever its suffix; its kind is sniffed later.
    assert only(read([other])).kind == "auto"


def test_html_file(tmp_path):
    f = tmp_path / "page.HTML"
    f.write_text(PAGE, "utf-8")
    raw = only(read([f]))
    assert raw.kind == "html"
    assert raw.data == PAGE.encode("utf-8")


def test_folder_is_read_recursively_skipping_other_suffixes_and_hidden_files(tmp_path):
    (tmp_path / "2024" / "march").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "2024" / "b.htm").write_text(PAGE, "utf-8")
    (tmp_path / "2024" / "march" / "c.md").write_text(ARTICLE, "utf-8")
    (tmp_path / "2024" / "march" / "feed.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n", "utf-8")
    # Not documents: an image, an unknown suffix, a dotfile, a file in a hidden folder.
    (tmp_path / "2024" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    (tmp_path / "2024" / "march" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".draft.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / ".cache" / "old.txt").write_text(ARTICLE, "utf-8")

    items = read([tmp_path])
    assert all(isinstance(i, RawInput) for i in items), items
    origins = sorted(i.origin for i in items)
    assert origins == sorted(
        [
            str(tmp_path / "a.txt"),
            str(tmp_path / "2024" / "b.htm"),
            str(tmp_path / "2024" / "march" / "c.md"),
            f"{tmp_path / '2024' / 'march' / 'feed.jsonl'}:1",
        ]
    )
    kinds = {i.origin.rsplit("/", 1)[-1]: i.kind for i in items}
    assert kinds == {"a.txt": "text", "b.htm": "html", "c.md": "text", "feed.jsonl:1": "text"}


def test_several_paths_keep_their_order(tmp_path):
    first, second = tmp_path / "z.txt", tmp_path / "a.txt"
    first.write_text("Zambia " + ARTICLE, "utf-8")
    second.write_text("Angola " + ARTICLE, "utf-8")
    assert [i.origin for i in read([first, second])] == [str(first), str(second)]


# -- JSON Lines -------------------------------------------------------------------------


def test_jsonl_with_several_documents_carries_meta(tmp_path):
    f = tmp_path / "feed.jsonl"
    lines = [
        {"id": "w1", "text": ARTICLE, "published": "2024-03-12", "url": "https://news.example/w1", "title": "Talks"},
        {"html": PAGE, "published": "2024-03-13T08:00:00+00:00", "site": "Wire"},
        {"text": "Turkey and Greece will hold talks in Athens next week."},
    ]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    a, b, c = read([f])
    assert a.origin == f"{f}:1 (w1)"
    assert a.kind == "text" and a.data == ARTICLE
    assert a.meta == {"id": "w1", "published": "2024-03-12", "url": "https://news.example/w1", "title": "Talks"}
    assert b.origin == f"{f}:2"
    assert b.kind == "html" and b.data == PAGE
    # A timestamp is cut to its day.
    assert b.meta == {"published": "2024-03-13", "site": "Wire"}
    assert c.origin == f"{f}:3" and c.meta == {}


def test_jsonl_bad_line_is_reported_and_the_others_are_read(tmp_path):
    f = tmp_path / "file.jsonl"
    f.write_text(
        json.dumps({"text": "Chile and Peru signed a fishing accord."}) + "\n"
        + "\n"  # a blank line is skipped but still counted
        + '{"text": "India and Nepal met", \n'
        + json.dumps({"text": "Kenya and Uganda agreed to build a railway."}) + "\n",
        "utf-8",
    )
    items = read([f])
    assert [type(i) for i in items] == [RawInput, BadJsonLine, RawInput]
    bad = items[1]
    assert bad.doc == f"{f}:3"
    assert "file.jsonl:3" in str(bad)
    assert "not valid JSON" in str(bad)
    assert "\n" not in str(bad)
    assert items[0].data.startswith("Chile") and items[2].data.startswith("Kenya")
    assert items[2].origin == f"{f}:4"


@pytest.mark.parametrize(
    "obj, cls, words",
    [
        ({"id": "x1", "published": "2024-01-01"}, BadJsonLine, 'neither "text" nor "html"'),
        ([{"text": "a list, not an object"}], BadJsonLine, "JSON object"),
        ({"text": 42}, BadJsonLine, "must be a string"),
        ({"text": "Brazil and Chile met.", "url": 7}, BadJsonLine, '"url" must be a string'),
        ({"text": "Brazil and Chile met.", "published": "last Tuesday"}, BadDate, "last Tuesday"),
        ({"text": "Brazil and Chile met.", "published": "2023-02-30"}, BadDate, "2023-02-30"),
        ({"text": "   "}, EmptyDocument, "empty"),
    ],
)
def test_jsonl_object_errors(tmp_path, obj, cls, words):
    f = tmp_path / "feed.jsonl"
    f.write_text(json.dumps(obj) + "\n", "utf-8")
    err = only(read([f]), cls)
    assert isinstance(err, InputError)
    assert "feed.jsonl:1" in str(err)
    assert words in str(err)


def test_jsonl_line_over_the_limit(tmp_path):
    f = tmp_path / "feed.jsonl"
    f.write_text(
        json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "Fiji and Tonga met."}) + "\n", "utf-8"
    )
    big, ok = read([f], max_bytes=200)
    assert isinstance(big, OversizedDocument) and big.doc == f"{f}:1"
    assert isinstance(ok, RawInput) and ok.origin == f"{f}:2"


# -- stdin ------------------------------------------------------------------------------


def test_stdin(tmp_path):
    raw = only(read(["-"], stdin=io.BytesIO(ARTICLE.encode("utf-8"))))
    assert raw.origin == "<stdin>"
    assert raw.kind == "auto"
    assert raw.data == ARTICLE.encode("utf-8")


def test_stdin_empty_and_oversized():
    assert isinstance(only(read(["-"], stdin=io.BytesIO(b" \n\t\n")), EmptyDocument), EmptyDocument)
    err = only(read(["-"], max_bytes=10, stdin=io.BytesIO(b"a" * 11)), OversizedDocument)
    assert "<stdin>" in str(err)


# -- errors for files -------------------------------------------------------------------


def test_missing_path_is_yielded_not_raised(tmp_path):
    gone = tmp_path / "nowhere" / "story.txt"
    here = tmp_path / "here.txt"
    here.write_text(ARTICLE, "utf-8")
    items = read([gone, here])
    assert isinstance(items[0], MissingPath)
    assert str(gone) in str(items[0]) and "\n" not in str(items[0])
    assert isinstance(items[1], RawInput)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \r\n"])
def test_empty_file(tmp_path, content):
    f = tmp_path / "blank.txt"
    f.write_bytes(content)
    err = only(read([f]), EmptyDocument)
    assert str(f) in str(err)


def test_oversized_file(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text(ARTICLE * 3, "utf-8")
    size = f.stat().st_size
    err = only(read([f], max_bytes=size - 1), OversizedDocument)
    assert str(f) in str(err) and f"{size:,}" in str(err)
    # Exactly at the limit is fine.
    assert isinstance(only(read([f], max_bytes=size)), RawInput)


# -- URLs over loopback (the server is tests/sources/conftest.py's) -------------------------


def test_fetch_html_and_text(web, web_config):
    html, txt = web.route("/story.html", PAGE), web.route("/story.txt", ARTICLE, "text/plain")
    page, text = read([html, txt], config=web_config)
    assert isinstance(page, RawInput) and isinstance(text, RawInput)
    assert page.kind == "html" and page.data == PAGE.encode("utf-8")
    assert page.origin == html and page.meta == {"url": html}
    assert text.kind == "text" and text.data == ARTICLE.encode("utf-8")


def test_fetch_404_names_the_url(web, web_config):
    url = web.url("/missing.html")
    err = only(read([url], config=web_config), InputError)
    assert url in str(err)
    assert "HTTP 404" in str(err)


def test_fetch_image_is_refused_for_its_content_type(web, web_config):
    url = web.route("/chart.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "image/png")
    err = only(read([url], config=web_config), InputError)
    assert url in str(err)
    assert "an image (image/png)" in str(err)


def test_fetch_limits(web, web_config):
    blank, story = web.route("/blank.html", "  \n "), web.route("/story.html", PAGE)
    assert isinstance(only(read([blank], config=web_config), EmptyDocument), EmptyDocument)
    assert isinstance(only(read([story], max_bytes=20, config=web_config), OversizedDocument), OversizedDocument)


def test_fetch_with_nothing_listening_is_an_input_error(web_config):
    # Bind then close a socket to get a local port where nothing listens.
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    err = only(read([f"http://127.0.0.1:{port}/x.html"], config=web_config), InputError)
    assert "cannot fetch" in str(err)
