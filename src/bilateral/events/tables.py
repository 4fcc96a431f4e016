"""The CAMEO and PLOVER tables and the trigger and context lexicons, loaded from data files."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("bilateral.data").joinpath(name).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover: str
    mode: str | None
    quad: int


@dataclass(frozen=True)
class Trigger:
    pos: str  # verb | noun
    lemma: str
    particle: str | None
    objects: frozenset[str]
    category: str
    mode: str | None
    cameo: str
    context: tuple[str, ...]
    example: str

    @property
    def specificity(self) -> int:
        return (2 if self.objects else 0) + (1 if self.particle else 0)


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    return {
        r["code"]: CameoCode(r["code"], r["name"], float(r["goldstein"]), r["plover"], r["mode"] or None, int(r["quad"]))
        for r in data_rows("cameo.tsv")
    }


@lru_cache(maxsize=1)
def plover_scores() -> dict[tuple[str, str | None], float]:
    out: dict[tuple[str, str | None], float] = {}
    for r in data_rows("plover.tsv"):
        if r["mode"]:
            out[(r["category"], r["mode"])] = float(r["mode_score"])
        else:
            out[(r["category"], None)] = float(r["score"])
    return out


def intensity(category: str, mode: str | None) -> float:
    scores = plover_scores()
    return scores.get((category, mode), scores[(category, None)])


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(pos, lemma) → entries, most specific first."""
    out: dict[tuple[str, str], list[Trigger]] = {}
    for r in data_rows("triggers.tsv"):
        t = Trigger(
            pos=r["pos"],
            lemma=r["lemma"],
            particle=r["particle"] or None,
            objects=frozenset(o for o in r["objects"].split("|") if o),
            category=r["category"],
            mode=r["mode"] or None,
            cameo=r["cameo"],
            context=tuple(c for c in r["context"].split("|") if c),
            example=r["example"],
        )
        out.setdefault((t.pos, t.lemma), []).append(t)
    for entries in out.values():
        entries.sort(key=lambda t: -t.specificity)
    return out


def verb_forms(lemma: str) -> set[str]:
    """Regular inflections of a verb lemma: the lemmatizer sometimes errs ("staged" → "stag")."""
    forms = {lemma, lemma + "s", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma + "ed"}
    else:
        forms |= {lemma + "ed", lemma + "es"}
        if len(lemma) <= 4 and lemma[-1] not in "aeiouwxy" and lemma[-2:-1] in "aeiou" and lemma[-3:-2] not in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@lru_cache(maxsize=1)
def verb_inflections() -> dict[str, str]:
    """Inflected form → lexicon lemma, for every verb in the trigger lexicon."""
    out: dict[str, str] = {}
    for pos, lemma in triggers():
        if pos == "verb":
            for f in verb_forms(lemma):
                out.setdefault(f, lemma)
    return out


@lru_cache(maxsize=1)
def context_words() -> dict[str, str]:
    return {r["word"]: r["context"] for r in data_rows("contexts.tsv")}


# CAMEO refinement by context, for generic codes: "cooperation" in a military clause is
# 062, an economic one 061. Kept beside the tables it refines.
REFINE: dict[tuple[str, str], str] = {
    ("060", "military"): "062", ("060", "economic"): "061", ("060", "energy"): "061",
    ("060", "agriculture"): "061", ("060", "legal"): "063", ("060", "intelligence"): "064",
    ("070", "economic"): "071", ("070", "military"): "072", ("070", "humanitarian"): "073",
    ("070", "health"): "073", ("070", "disaster"): "073", ("070", "agriculture"): "073",
    ("030", "military"): "0312", ("030", "economic"): "0311", ("030", "energy"): "0311",
    ("020", "military"): "0212", ("020", "economic"): "0211", ("020", "humanitarian"): "0233",
    ("160", "economic"): "163",
}
