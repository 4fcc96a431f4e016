"""scale.parquet: a dataset of coded documents round-trips exactly; another format version is refused."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from bilateral.errors import DatasetError, DatasetVersionError
from bilateral.records import QUADS, Document, Entity, Event, Evidence, Source
from bilateral.scale import FORMAT_VERSION, DatasetWriter, load_dataset, read_dataset
from bilateral.scale.parquet import MARKER, META_KEY
from bilateral.store import Store


def coded(i: int, n_events: int = 2) -> tuple[Document, list[Event]]:
    doc_id = f"d-{i:010d}"
    text = f"Ghana and Togo reopened border post {i} near Aflao on Monday, customs officials said."
    events = [
        Event(
            id=f"e-{i:05d}{k}", doc_id=doc_id, event="RETREAT", mode="lift", context=("economic",), cameo="081",
            quad_code=QUADS["RETREAT"], intensity=6.5, goldstein=5.0,
            actor=(Entity("GHA", "Ghana"),), recipient=(Entity("TGO", "Togo", "GOV", "Faure Gnassingbé"),),
            symmetric=False, status="reported" if k == 0 else "future", date="2023-11", date_precision="month",
            date_end=None, published="2023-11-20", evidence=Evidence(text, 0, len(text), "reopened"), confidence=0.7,
            source=Source(f"https://news.example.com/{i}", "Border reopens", "News Example"),
        )
        for k in range(n_events)
    ]
    return Document(doc_id, text, "2023-11-20", Source(f"https://news.example.com/{i}", "Border reopens", "News Example"),
                    f"feed.jsonl:{i}"), events


def write(folder, items, part_size=3):
    w = DatasetWriter(folder)
    for start in range(0, len(items), part_size):
        w.write(items[start:start + part_size])
    return w


def test_round_trip_is_exact_and_parts_pair_up(tmp_path):
    items = [coded(i, n_events=i % 3) for i in range(7)]  # documents with 0, 1 and 2 events
    w = write(tmp_path / "ds", items)
    assert w.parts == 3
    assert json.loads((tmp_path / "ds" / MARKER).read_text())["version"] == FORMAT_VERSION
    names = sorted(p.name for p in (tmp_path / "ds" / "documents").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "ds" / "events").iterdir())
    assert not list((tmp_path / "ds").rglob(".*.tmp"))
    back = list(read_dataset(tmp_path / "ds"))
    assert back == items
    table = pq.read_table(tmp_path / "ds" / "events" / names[0])
    assert table.schema.metadata[META_KEY] == str(FORMAT_VERSION).encode()
    assert table.column("actor").to_pylist()[0] == ["GHA"]


def test_a_second_run_appends_and_load_skips_what_is_stored(tmp_path):
    write(tmp_path / "ds", [coded(i) for i in range(3)])
    write(tmp_path / "ds", [coded(i) for i in range(2, 5)])  # overlaps by one document
    with Store(str(tmp_path / "s.db")) as store:
        outcomes = [o for o, _ in load_dataset(tmp_path / "ds", store)]
        assert sorted(outcomes) == ["duplicate"] + ["stored"] * 5
        assert store.counts() == {"documents": 5, "events": 10}
        assert [o for o, _ in load_dataset(tmp_path / "ds", store)] == ["duplicate"] * 6


def test_a_dataset_of_another_format_version_is_refused_before_anything_is_written(tmp_path):
    write(tmp_path / "ds", [coded(i) for i in range(4)])
    marker = tmp_path / "ds" / MARKER
    meta = json.loads(marker.read_text())
    meta.update(version=FORMAT_VERSION + 1, written_by="bilateral 9.0.0")
    marker.write_text(json.dumps(meta))
    with Store(str(tmp_path / "s.db")) as store:
        with pytest.raises(DatasetVersionError) as info:
            list(load_dataset(tmp_path / "ds", store))
        assert store.counts() == {"documents": 0, "events": 0}
    msg = str(info.value)
    assert msg.startswith("[E701]") and "\n" not in msg
    assert f"format {FORMAT_VERSION + 1} by bilateral 9.0.0" in msg and f"reads format {FORMAT_VERSION} only" in msg
    with pytest.raises(DatasetVersionError):
        DatasetWriter(tmp_path / "ds")  # nor is it appended to


def test_a_part_of_another_version_is_refused_even_under_a_good_marker(tmp_path):
    write(tmp_path / "ds", [coded(i) for i in range(6)])
    part = sorted((tmp_path / "ds" / "events").iterdir())[-1]
    table = pq.read_table(part)
    pq.write_table(table.replace_schema_metadata({META_KEY: b"0"}), part)
    with Store(str(tmp_path / "s.db")) as store:
        with pytest.raises(DatasetVersionError) as info:
            list(load_dataset(tmp_path / "ds", store))
        assert store.counts() == {"documents": 0, "events": 0}
    assert part.name in str(info.value) and "format 0" in str(info.value)


def test_a_folder_that_is_not_a_dataset(tmp_path):
    (tmp_path / "plain").mkdir()
    with pytest.raises(DatasetError) as info:
        list(read_dataset(tmp_path / "plain"))
    assert str(info.value).startswith("[E702]") and MARKER in str(info.value)
