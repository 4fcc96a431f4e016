"""The HTTP side: a REST API under /api/v1 and a server-rendered dashboard over the store.

`create_app(store, config)` builds the FastAPI application; `bilateral serve` runs it
under uvicorn. The routes call the same analysis and exporters as the CLI.
"""

from .app import create_app
from .tokens import Tokens

__all__ = ["Tokens", "create_app"]
