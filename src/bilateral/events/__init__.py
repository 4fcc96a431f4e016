"""Events: sentences with actors → coded events (trigger, roles, status, date, scores)."""

from .coder import Coder

__all__ = ["Coder"]
