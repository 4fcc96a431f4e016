#!/usr/bin/env python3
"""Score every gold set in gold/floors.toml and show each figure beside its floor or ceiling.

    .venv/bin/python scripts/pin_floors.py            # report only
    .venv/bin/python scripts/pin_floors.py --raise    # raise floors (and lower ceilings) that improved

Raising is routine and only ever tightens the gate: a floor moves up to the figure rounded
down to two decimals, a ceiling down to the figure rounded up; `highest`/`lowest` follow.
Nothing is ever loosened here: lowering a floor is a hand edit with a `reason` beside it
(tests/eval/test_floors.py enforces that). Comments and layout of the file are kept.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import tomllib
from pathlib import Path

from bilateral.config import Config
from bilateral.evaluation import evaluate, read_gold
from bilateral.pipeline import get_coder

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "gold" / "floors.toml"


def _set_value(text: str, table: str, key: str, value: float) -> str:
    """Replace `key = …` inside `[table]` only (up to the next table header)."""
    start = text.index(f"[{table}]\n")
    end = text.find("\n[", start + 1)
    end = len(text) if end < 0 else end
    body = re.sub(rf"(?m)^{key} = .*$", f"{key} = {value:g}", text[start:end], count=1)
    return text[:start] + body + text[end:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raise", dest="tighten", action="store_true", help="write the tightened pins back")
    args = ap.parse_args()
    text = FLOORS.read_text("utf-8")
    pins = tomllib.loads(text)
    coder = get_coder(Config())
    below = 0
    for name, table in pins.items():
        figures = evaluate(name, read_gold((ROOT / table["gold"]).resolve()), coder).figures
        for figure, pin in table.items():
            if not isinstance(pin, dict):
                continue
            value = figures[figure]
            if "floor" in pin:
                new = math.floor(value * 100 + 1e-9) / 100
                ok = value >= pin["floor"]
                mark = "ok" if ok else "BELOW"
                print(f"{name}.{figure:<28} {value:6.3f}  floor {pin['floor']:<5g} {mark}")
                if args.tighten and new > pin["floor"]:
                    text = _set_value(text, f"{name}.{figure}", "floor", new)
                    if new > pin.get("highest", 0):
                        text = _set_value(text, f"{name}.{figure}", "highest", new)
            else:
                new = math.ceil(value * 100 - 1e-9) / 100
                ok = value <= pin["ceiling"]
                mark = "ok" if ok else "ABOVE"
                print(f"{name}.{figure:<28} {value:6.3f}  ceiling {pin['ceiling']:<5g} {mark}")
                if args.tighten and new < pin["ceiling"]:
                    text = _set_value(text, f"{name}.{figure}", "ceiling", new)
                    if new < pin.get("lowest", math.inf):
                        text = _set_value(text, f"{name}.{figure}", "lowest", new)
            below += not ok
    if args.tighten:
        FLOORS.write_text(text, "utf-8")
        print(f"written: {FLOORS.relative_to(ROOT)}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
