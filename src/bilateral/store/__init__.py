"""The store: documents and events in SQLite or PostgreSQL, through SQLAlchemy."""

from .store import Query, Store, database_url, ingest

__all__ = ["Query", "Store", "database_url", "ingest"]
