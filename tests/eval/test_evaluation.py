"""The scorer itself, on tiny gold sets written here."""

from __future__ import annotations

import json

import pytest

from bilateral.errors import GoldError
from bilateral.evaluation import evaluate, read_gold
from bilateral.evaluation.score import plover_view
from bilateral.interfaces.cli import app
from bilateral.records import Entity, Event, Evidence


def _record(i, event, text, source, target):
    side = lambda codes: [{"actorText": c, "code": c} for c in codes]  # noqa: E731
    return {"id": f"T-{i}", "date": "2000-01-01", "event": event, "text": text,
            "source": side(source), "target": side(target) if target else ""}


@pytest.fixture
def plover_file(tmp_path):
    records = [
        {"id": "DOC", "event": "DOCUMENT"},
        _record(1, "DEMAND", "Chile demanded that Peru withdraw its boats from the bay.", ["CHL"], ["PER"]),
        _record(2, "FIGHT", "Ecuadorian troops clashed with Peruvian soldiers near the river.", ["ECU"], ["PER"]),
        _record(3, "AGREE", "Officials discussed the weather at length.", ["CHL"], ["PER"]),
        _record(4, "SUPPORT", "The United Nations praised Peru for the deal.", ["IGO"], ["PER"]),
    ]
    p = tmp_path / "gold.json"
    p.write_text(json.dumps(records), "utf-8")
    return p


def test_plover_scoring(plover_file, coder):
    docs = read_gold(plover_file)
    assert [d.events[0].event for d in docs] == ["REQUEST", "ASSAULT", "AGREE", "SUPPORT"]  # 0.5 names mapped
    r = evaluate("t", docs, coder)
    assert r.figures["detection"] == 0.75  # the weather sentence codes nothing
    assert r.figures["category_top"] == 0.75
    assert r.figures["actors_and_category"] == 0.75  # IGO matches UNO
    assert r.confusion["AGREE"] == {"NONE": 1}
    assert r.per_category["REQUEST"]["f1"] == 1.0


def test_article_scoring(tmp_path, coder):
    folder = tmp_path / "arts"
    folder.mkdir()
    (folder / "a1.txt").write_text(
        "Chile and Peru sign port deal\n\nChile and Peru signed a port agreement on Monday. "
        "Chile will host the Peruvian president in May. Bolivia criticised Chile over the deal.\n",
        "utf-8",
    )
    gold = {"id": "a1", "published": "2024-03-13", "events": [
        {"event": "SUPPORT", "actor": ["CHL", "PER"], "recipient": ["CHL", "PER"], "symmetric": True,
         "status": "reported", "date": "2024-03-11", "date_precision": "day", "quote": "signed a port agreement"},
        {"event": "CONSULT", "actor": ["CHL"], "recipient": ["PER"], "symmetric": False,
         "status": "future", "date": "2024-05", "date_precision": "month", "quote": "will host the Peruvian president"},
        {"event": "REJECT", "actor": ["BOL"], "recipient": ["CHL"], "symmetric": False,
         "status": "reported", "date": None, "date_precision": "publication", "quote": "Bolivia criticised Chile"},
    ]}
    (folder / "a1.events.json").write_text(json.dumps(gold), "utf-8")
    r = evaluate("arts", read_gold(folder), coder)
    f = r.figures
    # two of three gold events found with the right category; the third is located but miscategorised
    assert f["recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert f["located"] == 1.0
    assert f["status_accuracy"] == 1.0 and f["date_accuracy_year"] == 1.0
    assert r.confusion["REJECT"] == {"ACCUSE": 1}


@pytest.mark.parametrize(
    "content,needle,line",
    [
        ("[\n{not json", "cannot read PLOVER", 2),
        ('{"a": 1}', "JSON list", None),
        ('[\n {"id": "x1", "event": "AGREE", "text": "Chile agreed."},\n {"id": "x2", "event": "NOPE", "text": "t"}]', "unknown event", 3),
        ('[\n {"id": "x1", "event": "AGREE", "text": ""}]', "no text", 2),
        ('[\n\n {"id": "x1", "event": "AGREE", "text": "t", "source": [{"code": "XYZ"}]}]', "unknown actor code 'XYZ'", 3),
    ],
)
def test_bad_plover_gold(tmp_path, content, needle, line):
    p = tmp_path / "g.json"
    p.write_text(content, "utf-8")
    with pytest.raises(GoldError, match=needle) as exc:
        read_gold(p)
    message = str(exc.value)
    assert "\n" not in message and str(p) in message
    if line:
        assert f"g.json:{line}" in message


def test_known_nonstandard_gold_codes(tmp_path, coder):
    p = tmp_path / "g.json"
    p.write_text(json.dumps([_record(1, "AGREE", "Japan agreed to lend money to Vietnam.", ["JAP"], ["VTN"])]), "utf-8")
    docs = read_gold(p)
    assert docs[0].events[0].actor == {"JPN"} and docs[0].events[0].recipient == {"VNM"}


def test_bad_article_gold(tmp_path):
    with pytest.raises(GoldError, match="no such file"):
        read_gold(tmp_path / "missing")
    (tmp_path / "x.events.json").write_text('{"events": []}', "utf-8")
    with pytest.raises(GoldError, match="no x.txt or x.html"):
        read_gold(tmp_path)
    (tmp_path / "x.txt").write_text("Some text.", "utf-8")
    (tmp_path / "x.events.json").write_text('{"events": [{"event": "HUG"}]}', "utf-8")
    with pytest.raises(GoldError, match="unknown event"):
        read_gold(tmp_path)
    (tmp_path / "x.events.json").write_text('{"events": [{"event": "AGREE", "actor": ["NARNIA"], "quote": "x"}]}', "utf-8")
    with pytest.raises(GoldError, match=r"x.events.json \(event 1\): unknown actor code 'NARNIA'"):
        read_gold(tmp_path)


def _event(category, status):
    return Event("e-1", "d-1", category, None, (), "040", 1, 2.5, 1.0, (Entity("CHL", "Chile"),),
                 (Entity("PER", "Peru"),), False, status, None, "unknown", None, None, Evidence("x", 0, 1, "x"), 0.8)


@pytest.mark.parametrize(
    "category,status,view",
    [("CONSULT", "future", "AGREE"), ("CONSULT", "reported", "CONSULT"), ("SUPPORT", "negated", "REJECT"),
     ("SANCTION", "future", "THREATEN"), ("ASSAULT", "hypothetical", "THREATEN"), ("ACCUSE", "future", "ACCUSE")],
)
def test_plover_view(category, status, view):
    assert plover_view(_event(category, status)).event == view


def test_evaluate_command(plover_file, tmp_path):
    from typer.testing import CliRunner

    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["evaluate", str(plover_file), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "detection" in result.stdout and "confusion" in result.stdout
    report = json.loads(out.read_text("utf-8"))["reports"][0]
    assert report["figures"]["detection"] == 0.75 and report["units"] == 4
    bad = CliRunner().invoke(app, ["evaluate", str(tmp_path / "nope.json")])
    assert bad.exit_code == 2 and "E400" in bad.stderr
