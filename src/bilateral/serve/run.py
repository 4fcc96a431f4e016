"""Run the app under uvicorn: one process, the ingest worker on a thread beside it."""

from __future__ import annotations

from ..config import Config
from ..store import Store
from .app import create_app


def run_server(store: Store, config: Config, log_level: str = "info") -> None:
    import uvicorn

    app = create_app(store, config)
    uvicorn.run(
        app, host=config.serve_host, port=config.serve_port, log_level=log_level,
        proxy_headers=False, server_header=False, date_header=True,
        limit_concurrency=256, timeout_keep_alive=5,
    )
