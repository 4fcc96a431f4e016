"""Sources: where raw documents come from (files, folders, JSON Lines, stdin, the web,
feeds, sitemaps and web archives)."""

from .readers import RawInput, Spec, read_inputs

__all__ = ["RawInput", "Spec", "read_inputs"]
