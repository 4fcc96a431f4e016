"""`bilateral token create|list|revoke` and `bilateral serve`'s refusals (the server itself
runs in tests/serve/test_browser.py)."""

from __future__ import annotations

import sqlite3

from typer.testing import CliRunner

from bilateral.serve.tokens import Tokens
from bilateral.store import Store
from bilateral.store import schema as S
from bilateral.interfaces.cli import app

runner = CliRunner()


def test_token_create_list_revoke(tmp_path):
    db = str(tmp_path / "t.db")
    made = runner.invoke(app, ["token", "create", "newsroom scraper", "--db", db])
    assert made.exit_code == 0, made.stderr
    secret = made.stdout.strip()
    assert secret.startswith("blt_") and len(secret) > 40
    assert "not shown again" in made.stderr
    tokens = Tokens(Store(db))
    token_id = tokens.check(secret)
    assert token_id is not None

    listed = runner.invoke(app, ["token", "list", "--db", db])
    assert listed.exit_code == 0 and token_id in listed.stdout and "newsroom scraper" in listed.stdout
    assert secret not in listed.stdout and secret[4:20] not in listed.stdout

    revoked = runner.invoke(app, ["token", "revoke", token_id, "--db", db])
    assert revoked.exit_code == 0 and "revoked" in revoked.stderr
    assert tokens.check(secret) is None

    again = runner.invoke(app, ["token", "revoke", token_id, "--db", db])
    assert again.exit_code == 2
    assert again.stderr.startswith("error: [E510]") and "already revoked" in again.stderr
    assert len(again.stderr.strip().splitlines()) == 1
    unknown = runner.invoke(app, ["token", "revoke", "ffffffff", "--db", db])
    assert unknown.exit_code == 2 and "[E510] ffffffff: no such token" in unknown.stderr


def test_serve_refuses_a_store_it_cannot_open(tmp_path):
    db = tmp_path / "newer.db"
    Store(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (S.LATEST + 1,))
    result = runner.invoke(app, ["serve", "--db", str(db), "--port", "1"])
    assert result.exit_code == 2
    assert "[E201]" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_serve_refuses_a_bad_config(tmp_path, monkeypatch):
    monkeypatch.setenv("BILATERAL_SERVE_PRIVATE", "perhaps")
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "[E300]" in result.stderr and "serve_private" in result.stderr
