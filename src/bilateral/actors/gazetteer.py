"""The gazetteer: every name an actor goes by, loaded from the data files.

States (names, short forms, demonyms, capitals, seats of government), historical states,
international organisations, non-state groups (coded as their state, with their sector),
provinces, regions and cities (their state, where they are a side) and officials with their terms in office. Officials carry
their terms so that their country comes from the office held at the event's date.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterator

from ..errors import UnknownCountry


@dataclass(frozen=True)
class Term:
    """One official's term in one office."""

    name: str
    country: str
    office: str
    start: str  # ISO date, possibly YYYY or YYYY-MM
    end: str | None


@dataclass(frozen=True)
class Name:
    """One string that names an actor."""

    text: str
    code: str
    kind: str  # state, historical, organisation, official, capital, seat, demonym, group, place
    sector: str = "GOV"
    terms: tuple[Term, ...] = ()


def _rows(path: str) -> Iterator[dict[str, str]]:
    text = resources.files("bilateral.data").joinpath(path).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(field: str | None) -> list[str]:
    return [p.strip() for p in (field or "").split("|") if p.strip()]


def fold(s: str) -> str:
    """Case- and accent-insensitive key, with curly apostrophes straightened."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()


class Gazetteer:
    def __init__(self) -> None:
        self.names: list[Name] = []
        self.labels: dict[str, str] = {}  # code -> display name
        self.kinds: dict[str, str] = {}  # code -> state / historical / organisation
        self.org_kinds: dict[str, str] = {}  # organisation code -> igo, alliance, forum, bank, court, ngo
        for row in _rows("countries.tsv"):
            self._add_place(row, "state")
        for row in _rows("historical_states.tsv"):
            self._add_place(row, "historical")
        for row in _rows("organisations.tsv"):
            code = row["code"]
            self.labels.setdefault(code, row["name"])
            self.kinds.setdefault(code, "organisation")
            self.org_kinds.setdefault(code, row["kind"])
            for text in [row["name"], *_split(row["aliases"])]:
                self.names.append(Name(text, code, "organisation", "IGO"))
        for row in _rows("groups.tsv"):
            # a non-state group stands for the state it fights or works in, with its sector
            for text in [row["name"], *_split(row["aliases"])]:
                self.names.append(Name(text, row["code"], "group", row["sector"]))
        for row in _rows("places.tsv"):
            # a province, region or city names its state only where it is a side
            self.names.append(Name(row["place"], row["code"], "place"))
        self._add_officials()

    def _add_place(self, row: dict[str, str], kind: str) -> None:
        code = row["code"]
        self.labels.setdefault(code, row["name"])
        self.kinds.setdefault(code, kind)
        for text in [row["name"], *_split(row["aliases"])]:
            self.names.append(Name(text, code, kind))
        for text in _split(row["demonyms"]):
            self.names.append(Name(text, code, "demonym"))
        for text in _split(row["capitals"]):
            self.names.append(Name(text, code, "capital"))
        for text in _split(row["seats"]):
            self.names.append(Name(text, code, "seat"))

    def _add_officials(self) -> None:
        folder = resources.files("bilateral.data").joinpath("officials")
        by_text: dict[str, list[Term]] = {}
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if not entry.name.endswith(".tsv"):
                continue
            for row in _rows(f"officials/{entry.name}"):
                term = Term(row["name"], row["country"], row["office"], row["start"], row["end"] or None)
                for text in [row["name"], *_split(row["aliases"])]:
                    by_text.setdefault(text, []).append(term)
        for text, terms in by_text.items():
            self.names.append(Name(text, terms[0].country, "official", "GOV", tuple(terms)))

    # -- look-ups used by the CLI and the analysis --------------------------------

    def label(self, code: str) -> str:
        return self.labels.get(code, code)

    def resolve_country(self, text: str) -> str:
        """'PAK', 'pak', 'Pakistan', 'Pakistani' → 'PAK'; raises UnknownCountry."""
        t = text.strip()
        if t.upper() in self.labels:
            return t.upper()
        key = fold(t)
        for n in self.names:
            if n.kind not in ("official", "group", "place") and fold(n.text) == key:
                return n.code
        raise UnknownCountry(text, "not a known country or organisation")


def term_at(terms: tuple[Term, ...], date: str | None) -> Term:
    """The term in force at `date` (ISO, any precision); else the nearest; else the first."""
    if not terms:
        raise ValueError("no terms")
    if not date:
        return terms[-1]
    d = date[:10]

    def covers(t: Term) -> bool:
        start = t.start
        end = t.end or "9999"
        # Compare on the shared precision: "2016" lies in a term 2015-06-01..2018-03-02.
        n = min(len(d), len(start))
        return start[:n] <= d[:n] and d[: min(len(d), len(end))] <= end[: min(len(d), len(end))]

    inside = [t for t in terms if covers(t)]
    if inside:
        # Prefer the office that acts abroad: a foreign minister over a head of state.
        rank = {"foreign_minister": 0, "head_of_government": 1, "defence_minister": 2, "head_of_state": 3}
        return min(inside, key=lambda t: rank.get(t.office, 9))
    return min(terms, key=lambda t: abs(int(t.start[:4]) - int(d[:4])))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
