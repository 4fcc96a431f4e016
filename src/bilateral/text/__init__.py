"""Text: raw input → a clean Document (extraction, boilerplate, duplicates, language)."""

from .prepare import prepare

__all__ = ["prepare"]
