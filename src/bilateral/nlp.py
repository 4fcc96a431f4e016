"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ConfigError


@Language.component("bilateral_line_breaks")
def line_breaks(doc):
    """A line break ends a sentence: headings and list items never run into the next line."""
    line_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if not tok.is_space and prev.is_space and "\n" in prev.text:
            tok.is_sent_start = True
            line_start = tok.i
        elif prev.text == ":" and tok.i - line_start <= 5 and tok.is_title and not tok.is_space:
            # "Military cooperation: Pakistan and Russia can ..." — a run-in heading
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(models: tuple[str, ...]) -> Language:
    for name in models:
        try:
            # Named entities are not used: actors come from the gazetteer, dates from our
            # own rules. Leaving NER out saves about a sixth of the parse time.
            nlp = spacy.load(name, exclude=["ner"])
        except OSError:
            continue
        nlp.add_pipe("bilateral_line_breaks", before="parser")
        return nlp
    raise ConfigError("spaCy", f"none of the models {', '.join(models)} is installed", hint="run the install script")
