#!/usr/bin/env python3
"""Install bilateral into ./.venv from the pinned, hashed lock file.

Needs only Python 3.11+ and access to the package registry. Safe to run again: what is
already installed is kept. `--dev` adds the test tools (requirements-dev.lock) and, for
the browser test of the HTML brief, Debian's `chromium` (with apt-get, as root, when
/usr/bin/chromium is missing; Playwright's own browser download is never used).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"


def venv_python() -> Path:
    bindir = "Scripts" if sys.platform == "win32" else "bin"
    return VENV / bindir / ("python.exe" if sys.platform == "win32" else "python")


def run(*cmd: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT)


CHROMIUM = Path("/usr/bin/chromium")


def ensure_chromium() -> None:
    """Debian's chromium for tests/interfaces/test_brief_in_chromium.py; a warning if it cannot be had."""
    if CHROMIUM.exists():
        print(f"browser for the tests: {CHROMIUM}", flush=True)
        return
    apt = shutil.which("apt-get")
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    if not (apt and root):
        why = "apt-get is not available" if not apt else "this is not root"
        print(
            f"warning: {CHROMIUM} is missing and cannot be installed here ({why}): install Debian's chromium "
            "package, or the browser test of the HTML brief will fail",
            file=sys.stderr, flush=True,
        )
        return
    print(f"installing Debian's chromium for the browser test ({CHROMIUM} is missing)", flush=True)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    try:
        subprocess.run([apt, "update", "-qq"], check=True, env=env)
        subprocess.run([apt, "install", "-y", "-qq", "chromium"], check=True, env=env)
    except subprocess.CalledProcessError as exc:
        print(f"warning: apt-get failed ({exc}): the browser test of the HTML brief will fail", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="also install the test tools")
    args = parser.parse_args()
    if sys.version_info < (3, 11):
        print(f"bilateral needs Python 3.11 or newer; this is {sys.version.split()[0]}", file=sys.stderr)
        return 2
    if not venv_python().exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    py = venv_python()
    lock = ROOT / ("requirements-dev.lock" if args.dev else "requirements.lock")
    quiet = ["--quiet", "--disable-pip-version-check"]
    run(py, "-m", "pip", "install", *quiet, "--require-hashes", "-r", lock)
    # The project itself, editable, with no further downloads: every dependency came
    # from the lock file above.
    run(py, "-m", "pip", "install", *quiet, "--no-deps", "--no-build-isolation", "-e", ROOT)
    if args.dev:
        ensure_chromium()
    print(f"installed: {VENV / ('Scripts' if sys.platform == 'win32' else 'bin') / 'bilateral'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
