"""Find actor mentions in a parsed document with the gazetteer's names."""

from __future__ import annotations

import csv
from importlib import resources

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..records import Mention
from .gazetteer import Gazetteer, Name

# When one string names two actors (rare; the data tests forbid it across places),
# the more specific kind wins.
_KIND_RANK = {"official": 0, "state": 1, "historical": 2, "organisation": 3, "group": 4, "seat": 5, "capital": 6, "demonym": 7, "place": 8}
_NP_DEPS = {"amod", "compound", "poss", "nmod", "nummod"}


def _load_lines(name: str) -> list[str]:
    text = resources.files("bilateral.data").joinpath(name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _load_sectors() -> dict[str, str]:
    rows = csv.DictReader(_load_lines("sectors.tsv"), delimiter="\t")
    return {r["word"]: r["sector"] for r in rows}


class ActorFinder:
    """Matches names token by token (case-sensitive: "US" is a state, "us" is not)."""

    def __init__(self, nlp, gaz: Gazetteer):
        self.gaz = gaz
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_text: dict[str, list[Name]] = {}
        for name in gaz.names:
            self.by_text.setdefault(name.text, []).append(name)
        for text, names in self.by_text.items():
            variants = {text, text.replace("'", "\u2019")}
            self.matcher.add(text, [nlp.make_doc(v) for v in variants])
        for text in _load_lines("non_actors.txt"):
            self.matcher.add("NON_ACTOR", [nlp.make_doc(text)])
        self.coref = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.coref.add("PAIR", [nlp.make_doc(p) for p in _load_lines("coref.txt")])
        self.single = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.single.add("ONE", [nlp.make_doc(p) for p in _load_lines("coref_single.txt")])
        self.sectors = _load_sectors()

    def find(self, doc: Doc) -> list[Mention]:
        spans = []
        for match_id, start, end in self.matcher(doc):
            spans.append(Span(doc, start, end, label=match_id))
        out = []
        for span in filter_spans(spans):
            key = doc.vocab.strings[span.label]
            if key == "NON_ACTOR":
                continue  # "the Indian Ocean" names no actor
            name = min(self.by_text[key], key=lambda n: _KIND_RANK.get(n.kind, 9))
            out.append(
                Mention(
                    code=name.code,
                    text=span.text,
                    start=span.start,
                    end=span.end,
                    kind=name.kind,
                    sector=self.sector_for(span, name),
                    name=name.terms[0].name if name.terms else None,
                    terms=name.terms,
                )
            )
        out = [_people(doc, m) for m in out if not _not_the_state(doc, m)]
        return _drop_owned_seats(doc, _surnames(doc, out))

    def single_phrases(self, doc: Doc) -> list[Span]:
        """'the kingdom', 'the country': phrases that point back to one state."""
        return filter_spans([Span(doc, s, e) for _, s, e in self.single(doc)])

    def pair_phrases(self, doc: Doc) -> list[Span]:
        """'the two countries', 'both sides': phrases that point back to a pair."""
        return filter_spans([Span(doc, s, e) for _, s, e in self.coref(doc)])

    def sector_for(self, span: Span, name: Name) -> str:
        if name.kind == "organisation":
            return "IGO"
        if name.kind == "group" and name.sector != "CVL":
            return name.sector  # "Hamas fighters" are Hamas: a rebel group, not the state's army
        root = span.root
        head = root.head if root.dep_ in _NP_DEPS and root.head is not root else root
        if head is not root or name.kind in ("state", "historical", "demonym", "capital", "seat", "group", "place"):
            word = head.lemma_.lower()
            mods = [t.lemma_.lower() for t in head.children if t.dep_ in ("compound", "amod") and t.i not in range(span.start, span.end)]
            compound = " ".join(t.lemma_.lower() for t in head.children if t.dep_ == "compound") + " " + word
            # "Afghan rebel leaders": a sector word may modify the head instead
            # the written form too: spaCy lemmatises "media" to "medium"
            for w in (compound.strip(), word, head.lower_, *mods):
                if w in self.sectors:
                    return self.sectors[w]
        return name.sector


# People and bodies that an "anti-X" modifier describes, not X's: "an anti-Iran cleric".
# ("Anti-Japanese protests" keep Japan: it is what they are against.)
_ANTI_HOLDERS = {
    "journalist", "activist", "politician", "leader", "group", "party", "militia", "rebel", "fighter",
    "figure", "faction", "lawmaker", "writer", "candidate", "cleric", "coalition", "camp", "movement",
    "newspaper", "government", "opposition", "force", "alliance", "bloc", "commentator", "campaigner",
}


CURRENCIES = {
    "dollar", "yuan", "renminbi", "rupee", "pound", "yen", "ruble", "rouble", "peso", "franc", "dinar", "riyal",
    "rial", "won", "lira", "rand", "shilling", "naira", "real", "krone", "krona", "dirham", "ringgit", "baht",
}


def _not_the_state(doc: Doc, m: Mention) -> bool:
    """An "anti-Iran cleric" is not Iran's; "a billion Australian dollars" are money."""
    root = doc[m.start : m.end].root
    if m.kind in ("demonym", "state") and root.dep_ in ("amod", "compound") and root.head.lemma_.lower() in CURRENCIES:
        return True
    if not (m.start > 1 and doc[m.start - 1].lower_ in ("-", "\u2011") and doc[m.start - 2].lower_ == "anti"):
        return False
    head = doc[m.start : m.end].root
    while head.dep_ in ("amod", "compound", "npadvmod", "nmod", "punct") and head.head is not head and head.head.i > head.i:
        head = head.head
    return head.lemma_.lower() in _ANTI_HOLDERS


def _people(doc: Doc, m: Mention) -> Mention:
    """"ethnic Hungarians" are a people wherever they live, not Hungary: kind `people`, a side
    only when nothing else names one (the place they live in, if named, gives their state)."""
    if m.kind != "demonym":
        return m
    root = doc[m.start : m.end].root
    located = root.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.subtree)
        for c in root.children
    )  # "the Hungarians of eastern Slovakia"
    if located or (m.start > 0 and doc[m.start - 1].lower_ == "ethnic"):
        return Mention(m.code, m.text, m.start, m.end, "people", "CVL", m.name, m.terms)
    return m


def _drop_owned_seats(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """"Pakistan's Foreign Office" is Pakistan's, not Whitehall: a seat of government
    owned by another named state is a common noun, not the seat."""
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    keep = []
    for m in mentions:
        root = doc[m.start : m.end].root
        if m.kind in ("capital", "seat", "group", "place") and root.dep_ in ("compound", "flat") and root.head.pos_ == "PROPN" and root.head.i == m.end:
            continue  # "Santiago Peña", "the Washington Post": part of another name
        if m.kind == "seat":
            root = doc[m.start : m.end].root
            owners = [at.get(c.i) for c in root.children if c.dep_ in ("poss", "compound", "amod", "nmod") and not m.start <= c.i < m.end]
            if any(o is not None and o.code != m.code for o in owners):
                continue
        keep.append(m)
    return keep


def _surnames(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """News names a person in full once, then by surname: "Macky Sall … Sall said". A bare
    surname that is no alias of its own ("Sall" is too common to be one) resolves to the
    person named in full earlier in the same document."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    people: dict[str, Mention] = {}
    extra: list[Mention] = []
    by_start = sorted(mentions, key=lambda m: m.start)
    for m in by_start:
        if m.kind == "official" and m.end - m.start >= 2:
            people.setdefault(doc[m.end - 1].text, m)
    if not people:
        return mentions
    first_seen = {s: m.start for s, m in people.items()}
    for tok in doc:
        person = people.get(tok.text)
        if person is None or tok.i in covered or tok.i < first_seen[tok.text] or not tok.text[:1].isupper():
            continue
        extra.append(Mention(person.code, tok.text, tok.i, tok.i + 1, "official", person.sector, person.name, person.terms))
    return sorted(mentions + extra, key=lambda m: m.start)
