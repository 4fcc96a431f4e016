"""Sources: where raw documents come from (files, folders, JSON Lines, stdin, URLs)."""

from .readers import RawInput, read_inputs

__all__ = ["RawInput", "read_inputs"]
