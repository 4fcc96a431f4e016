"""A demo store shared by the report tests of this folder: `bilateral demo` runs once."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bilateral.interfaces.cli import app


@pytest.fixture(scope="session")
def demo_db(coder, tmp_path_factory):  # the shared coder: the CLI's get_coder reuses it
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return db
