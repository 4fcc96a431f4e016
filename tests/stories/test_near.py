"""stories.near: near-duplicate documents grouped into stories with MinHash/LSH."""

from __future__ import annotations

from bilateral.stories.near import StoryIndex, from_bytes, group_stories, signature, to_bytes

WIRE = (
    "Saudi Arabia and Iran agreed on Friday to restore diplomatic relations and reopen their embassies within two months, "
    "in a deal brokered by China after four days of talks in Beijing. The two regional rivals cut ties in 2016. "
    "A joint statement said both sides would respect each other's sovereignty and would not interfere in each other's "
    "internal affairs. Officials from the three countries signed the agreement at a ceremony attended by senior diplomats."
)
REPUBLISHED = "RIYADH (Gulf Wire) - " + WIRE.replace("senior diplomats", "senior envoys") + " Oil prices were little changed."
OTHER = (
    "Egypt and Sudan began a joint air force exercise near Merowe on Sunday, the second such drill this year. "
    "Pilots from both countries flew training sorties over the Nile valley, military spokesmen said, and ground crews "
    "practised refuelling aircraft at short notice. The drill will last ten days and ends with a live-fire display."
)


def test_a_republished_wire_report_and_a_second_url_are_one_story():
    stories = group_stories([("d-1", WIRE), ("d-2", REPUBLISHED), ("d-3", OTHER), ("d-4", WIRE)])
    assert stories["d-1"] == stories["d-2"] == stories["d-4"] == "s-1"
    assert stories["d-3"] == "s-3"


def test_the_threshold_decides():
    strict = StoryIndex(threshold=0.99)
    strict.assign("d-1", WIRE)
    assert strict.assign("d-2", REPUBLISHED)[0] == "s-2"  # edited: below 0.99
    assert strict.assign("d-3", WIRE + " ")[0] == "s-1"  # the same words under another id


def test_signatures_round_trip_through_bytes():
    sig = signature(WIRE)
    again = from_bytes(to_bytes(sig), 128)
    assert again.jaccard(sig) == 1.0
    assert signature(WIRE).jaccard(sig) == 1.0  # the same seed on every run
    assert 0.8 < signature(REPUBLISHED).jaccard(sig) < 1.0
    assert signature(OTHER).jaccard(sig) < 0.1
