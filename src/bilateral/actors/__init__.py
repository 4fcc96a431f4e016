"""Actors: who is named in a sentence, resolved to country and organisation codes."""

from .find import ActorFinder
from .gazetteer import Gazetteer, gazetteer, term_at

__all__ = ["ActorFinder", "Gazetteer", "gazetteer", "term_at"]
