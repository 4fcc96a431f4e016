"""Docs are tested: every CLI command, error code and data file is documented."""

from __future__ import annotations

import re
from pathlib import Path

from bilateral import errors
from bilateral.interfaces.cli import app

ROOT = Path(__file__).parents[1]


def test_every_command_is_in_the_cli_docs_and_readme():
    cli = (ROOT / "docs" / "cli.md").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"code", "ingest", "events", "demo"} <= set(names)
    for name in names:
        assert f"## `bilateral {name}`" in cli, name
        assert f"bilateral {name}" in readme, name


def test_every_error_code_is_documented():
    text = (ROOT / "docs" / "errors.md").read_text("utf-8")
    codes = {
        cls.code for cls in vars(errors).values() if isinstance(cls, type) and issubclass(cls, errors.BilateralError)
    } - {"E000"}
    for code in codes:
        assert f"| {code} |" in text, code


def test_every_data_file_is_documented():
    text = (ROOT / "docs" / "data.md").read_text("utf-8")
    data = ROOT / "src" / "bilateral" / "data"
    for f in data.iterdir():
        if f.suffix in (".tsv", ".txt", ".toml"):
            assert f"`{f.name}`" in text, f.name
    assert "`officials/*.tsv`" in text


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert blocks[0] == "python3 scripts/install.py && .venv/bin/bilateral demo"
    assert blocks[1] == "python3 scripts/install.py --dev && .venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert blocks[1] in ci


def test_every_api_route_is_in_the_serve_docs():
    from bilateral.serve import create_app
    from bilateral.store import Store

    text = (ROOT / "docs" / "serve.md").read_text("utf-8")
    spec = create_app(Store("sqlite:///:memory:"), start_jobs=False).openapi()
    routes = [(m.upper(), p) for p, ops in spec["paths"].items() for m in ops]
    assert len(routes) >= 20
    for method, path in routes:
        assert f"`{method} {path}`" in text, f"{method} {path}"
