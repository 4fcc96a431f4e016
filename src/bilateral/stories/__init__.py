"""Stories: near-duplicate documents grouped (MinHash/LSH), and one event once across
the articles that report it (docs/stories.md)."""

from .merge import MergeRules, cluster, same_event, similarity
from .near import StoryIndex, signature

__all__ = ["MergeRules", "StoryIndex", "cluster", "same_event", "signature", "similarity"]
