"""Analysis: figures computed from the store (per-pair summaries, a pair, a country).

Each entry point takes a Store and returns plain dataclasses with a `to_dict()`: the CLI
renders them, and the REST API will serve the same dictionaries.
"""

from .country import CountryAnalysis, analyse_country
from .distinct import Distinct, cooperation_index, distinct_events
from .pair import PairAnalysis, analyse_pair, resolve_pair
from .summary import PairSummary, summarise_pairs

__all__ = [
    "CountryAnalysis", "Distinct", "PairAnalysis", "PairSummary", "analyse_country", "analyse_pair",
    "cooperation_index", "distinct_events", "resolve_pair", "summarise_pairs",
]
