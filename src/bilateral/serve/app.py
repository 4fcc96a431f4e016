"""The application: one Context (store, config, tokens, jobs, cache) shared by the API and the pages."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Config, load_config
from ..store import Store
from . import errors
from .cache import Cache
from .jobs import Jobs
from .security import Guard, GuardMiddleware
from .tokens import Tokens

API = "/api/v1"


@dataclass
class Context:
    store: Store
    config: Config
    tokens: Tokens
    guard: Guard
    jobs: Jobs
    cache: Cache
    pages: Any = None  # web.Pages, set by create_app


def create_app(store: Store, config: Config | None = None, *, start_jobs: bool = True) -> FastAPI:
    """The FastAPI application over `store`; settings come from `config` (serve_* keys)."""
    from . import api, web

    config = config or load_config()
    tokens = Tokens(store)
    cache = Cache(store, config.serve_cache_size)
    ctx = Context(store, config, tokens, Guard(tokens, config.serve_private), Jobs(store, config, cache.changed), cache)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        store.optimize()
        if start_jobs:
            ctx.jobs.start()
        yield
        ctx.jobs.stop()

    app = FastAPI(
        title="bilateral",
        version=__version__,
        description=(
            "Evidence-backed event records of relations between countries. Reads are open unless the "
            "server is private; writes need `Authorization: Bearer <token>` (`bilateral token create`). "
            "Every error is `{\"ok\": false, \"error\": {\"code\", \"message\"}, \"status\"}`."
        ),
        openapi_url=f"{API}/openapi.json",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN: not here
        redoc_url=None,
        lifespan=lifespan,
    )
    ctx.jobs.autostart = start_jobs
    app.state.ctx = ctx
    errors.install(app)
    app.include_router(api.router(ctx), prefix=API)
    ctx.pages = web.Pages(ctx)
    app.include_router(web.router(ctx))
    app.mount("/static", StaticFiles(packages=[("bilateral.serve", "static")]), name="static")
    app.add_middleware(GuardMiddleware, max_body=config.serve_max_body)
    return app
