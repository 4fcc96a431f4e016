"""The accuracy gate: headline figures on gold data never fall below their pinned floors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bilateral.evaluation import evaluate, read_gold

ROOT = Path(__file__).parents[2]
FLOORS = tomllib.loads((ROOT / "gold" / "floors.toml").read_text("utf-8"))


_SCORED: dict[str, dict[str, float]] = {}


def _figures(name: str, coder) -> dict[str, float]:
    """Each gold set is scored once per session, however many figures it pins."""
    if name not in _SCORED:
        path = (ROOT / FLOORS[name]["gold"]).resolve()
        assert path.exists(), f"gold set {name} is missing: {path}"
        _SCORED[name] = evaluate(name, read_gold(path), coder).figures
    return _SCORED[name]


CHECKS = [(s, f) for s, table in FLOORS.items() for f, v in table.items() if isinstance(v, dict)]


@pytest.mark.parametrize("gold_set,figure", CHECKS, ids=[f"{s}.{f}" for s, f in CHECKS])
def test_figure_holds_its_floor(gold_set, figure, coder):
    pin = FLOORS[gold_set][figure]
    value = _figures(gold_set, coder)[figure]
    if "floor" in pin:
        assert value >= pin["floor"], f"{gold_set}.{figure} = {value:.3f}, below its floor {pin['floor']}"
    else:
        assert value <= pin["ceiling"], f"{gold_set}.{figure} = {value:.3f}, above its ceiling {pin['ceiling']}"


@pytest.mark.parametrize("gold_set,figure", CHECKS, ids=[f"{s}.{f}" for s, f in CHECKS])
def test_a_floor_is_lowered_only_with_a_reason(gold_set, figure):
    pin = FLOORS[gold_set][figure]
    if "floor" in pin:
        assert pin["highest"] >= pin["floor"], "raise `highest` with the floor"
        assert pin["floor"] >= pin["highest"] or pin.get("reason", "").strip(), "a lowered floor needs a reason"
    else:
        assert pin["lowest"] <= pin["ceiling"], "lower `lowest` with the ceiling"
        assert pin["ceiling"] <= pin["lowest"] or pin.get("reason", "").strip(), "a raised ceiling needs a reason"
