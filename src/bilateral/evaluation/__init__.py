"""Evaluation: the coder scored against gold records and annotated articles."""

from .gold import GoldDoc, GoldError, read_gold
from .score import Report, evaluate

__all__ = ["GoldDoc", "GoldError", "Report", "evaluate", "read_gold"]
