"""Analysis: figures computed from the store (per-pair summaries; more to come)."""

from .summary import PairSummary, summarise_pairs

__all__ = ["PairSummary", "summarise_pairs"]
