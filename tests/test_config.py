"""One configuration object: shipped defaults, a user file on top, then the environment."""

from __future__ import annotations

import pytest

from bilateral.config import Config, load_config
from bilateral.errors import ConfigError


def test_shipped_defaults_match_the_dataclass():
    assert load_config(env={}) == Config()


def test_user_file_then_environment(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text('db = "team.db"\nmin_confidence = 0.5\n', "utf-8")
    c = load_config(user, env={"BILATERAL_MIN_CONFIDENCE": "0.7"})
    assert c.db == "team.db" and c.min_confidence == 0.7
    c = load_config(env={"BILATERAL_CONFIG": str(user), "BILATERAL_MODELS": "a,b"})
    assert c.db == "team.db" and c.models == ("a", "b")


@pytest.mark.parametrize(
    "content,needle",
    [("nonsense = 1\n", "unknown setting"), ("db = [\n", "not valid TOML"), ("max_bytes = 'lots'\n", "bad value")],
)
def test_bad_config_is_one_clear_line(tmp_path, content, needle):
    user = tmp_path / "bad.toml"
    user.write_text(content, "utf-8")
    with pytest.raises(ConfigError) as exc:
        load_config(user, env={})
    assert needle in str(exc.value) and "\n" not in str(exc.value) and "bad.toml" in str(exc.value)


def test_missing_config_file():
    with pytest.raises(ConfigError, match="not found"):
        load_config("/nonexistent/bilateral.toml", env={})


def test_a_section_is_a_prefix_and_merges_key_by_key(tmp_path):
    user = tmp_path / "watch.toml"
    user.write_text('[watch]\nfeeds = ["https://news.example/world.rss"]\n[fetch]\nallow_private = true\n', "utf-8")
    c = load_config(user, env={})
    assert c.watch_feeds == ("https://news.example/world.rss",) and c.fetch_allow_private is True
    assert c.watch_interval == Config().watch_interval  # the section's other keys keep their defaults
    c = load_config(env={"BILATERAL_FETCH_ALLOW_PRIVATE": "no", "BILATERAL_WATCH_FEEDS": "a.rss,b.rss"})
    assert c.fetch_allow_private is False and c.watch_feeds == ("a.rss", "b.rss")


def test_a_bad_switch_is_one_clear_line(tmp_path):
    with pytest.raises(ConfigError, match="fetch_robots"):
        load_config(env={"BILATERAL_FETCH_ROBOTS": "perhaps"})
    user = tmp_path / "typo.toml"
    user.write_text("[fetch]\ntimeuot = 3\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown setting 'fetch_timeuot'"):
        load_config(user, env={})
