"""Parse only the sentences that can hold an event (lines, cut again into sentences).

The dependency parse is most of the coder's time, and most lines of a news page hold no
event between states: a quote about the weather, a paragraph of market figures, a
byline. A line (the coder never lets a sentence run over a line break, see
`nlp.line_breaks`) can give an event only if

- something in it can stand for a side: a gazetteer name; or, once the text has named a
  side, "it", "its", "he", "she", an office ("the president") or "the kingdom"; or, once
  it has named two, "they", "them", "their" or "the two countries" (the coder resolves
  these to sides named before, and codes no sentence without a side); and
- something in it can be a trigger: a word one of whose possible lemmas (as a noun, verb
  or adjective, by the model's own lemmatizer tables) is in the trigger lexicon, or a
  speech verb with a word of obligation ("said X must …"), or "called … hostile".

Both tests are made on the tokens alone, before any parse, and both are supersets of what
the coder asks of a parsed sentence, so a line they reject could not have given an event.
A line just before a line with "he"/"she"/"the president" is parsed too when it names a
state (it may name the official the pronoun points back to).

Lines that are not parsed still count: they are split into sentences by punctuation and
carry no parse, so the coder reads their dates (for "that month"), their state names (for
the article's pair and "it") and the sentences they make, as it does for a parsed line
without an event.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from ..actors import ActorFinder
from . import tables

# Lines: a run of white space holding a line break ends one.
_LINE_END = re.compile(r"[^\S\n]*\n\s*")

ONE_SIDE = {"it", "its", "he", "she"}  # the coder's pronouns for one side (coder.code_parsed)
PAIR_SIDE = {"they", "them", "their"}  # … and for the pair
PERSONAL = {"he", "she"}
_EMPTY = numpy.zeros((0,), dtype="float32")


class CandidateFilter:
    """Decides which lines to parse and puts parsed and unparsed lines back into one Doc."""

    def __init__(self, nlp: Language, finder: ActorFinder):
        from .coder import CONDEMNING, OFFICE_TITLES, PRAISING, SPEECH_VERBS, OBLIGATION

        self.nlp = nlp
        self.finder = finder
        # Read through the tables API so that new lexicon entries are picked up.
        trig = tables.triggers()
        self.trigger_lemmas = {lemma.lower() for _, lemma in trig}
        self.inflections = set(tables.verb_inflections())
        self.speech = set(SPEECH_VERBS)
        self.obligation = set(OBLIGATION) | {"need", "needs", "needed", "have", "has", "had"}
        self.characterise = {"call", "describe", "brand", "label", "term", "denounce"}
        self.judgement = set(CONDEMNING) | set(PRAISING)
        self.offices = set(OFFICE_TITLES)
        self.lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.sentencizer = Sentencizer()
        self._lemmas: dict[str, frozenset[str]] = {}

    # -- words -----------------------------------------------------------------------

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma the model's lemmatizer could give this word (as noun, verb, adjective)."""
        lower = word.lower()
        got = self._lemmas.get(lower)
        if got is not None:
            return got
        out = {lower}
        if self.lemmatizer is not None:
            for pos in ("NOUN", "VERB", "ADJ"):
                probe = Doc(self.nlp.vocab, words=[lower])
                probe[0].pos_ = pos
                out.update(x.lower() for x in self.lemmatizer.rule_lemmatize(probe[0]))
        got = frozenset(out)
        if len(self._lemmas) > 200_000:  # a bound on memory over a long run
            self._lemmas.clear()
        self._lemmas[lower] = got
        return got

    def _trigger_like(self, words: Sequence[str]) -> bool:
        lemma_sets = [self.lemmas(w) for w in words]
        everything = set().union(*lemma_sets) if lemma_sets else set()
        lowers = {w.lower() for w in words}
        if everything & self.trigger_lemmas or lowers & self.inflections:
            return True
        if everything & self.speech and lowers & self.obligation:
            return True
        return bool(everything & self.characterise and everything & self.judgement)

    def _sides(self, doc: Doc) -> tuple[set[str], bool, bool, bool, bool]:
        """What in a line can stand for a side: (the codes it names, a state among them,
        something that points back to one side: it/its/he/she/an office/"the kingdom",
        something that points back to a pair: they/them/their/"the two countries",
        a person pointed back to: he/she/an office)."""
        strings = doc.vocab.strings
        codes: set[str] = set()
        state = False
        for match_id, _, _ in self.finder.matcher(doc):
            key = strings[match_id]
            if key == "NON_ACTOR":
                continue
            names = self.finder.by_text.get(key, ())
            codes.update(n.code for n in names)
            state = state or any(n.kind != "organisation" for n in names)
        lowers = [t.lower_ for t in doc]
        personal = any(w in PERSONAL for w in lowers) or any(self.lemmas(w) & self.offices for w in lowers if w[:1].isalpha())
        one = personal or any(w in ONE_SIDE for w in lowers) or bool(self.finder.single(doc))
        pair = any(w in PAIR_SIDE for w in lowers) or bool(self.finder.coref(doc))
        return codes, state, one, pair, personal

    def wanted(self, lines: list[Doc]) -> list[bool]:
        """Which lines to parse.

        A word that points back ("it", "they", "the two countries") stands for a side only
        once the text has named one ("it", "he", "the kingdom": the coder takes a side named
        before) or two ("they", "the two countries": the pair the text has put together), so
        before that it does not make a line worth parsing."""
        out = []
        facts = [self._sides(d) for d in lines]
        named: set[str] = set()
        for d, (codes, _, one, pair, _) in zip(lines, facts):
            named |= codes
            side = bool(codes) or (one and len(named) >= 1) or (pair and len(named) >= 2)
            out.append(side and self._trigger_like([t.text for t in d if not t.is_space]))
        # "He flew on to Nairobi": the person may be named, with the state's office, a line or two before
        for i, fact in enumerate(facts):
            if out[i] and fact[4]:
                for j in (i - 1, i - 2):
                    if j >= 0 and facts[j][1]:
                        out[j] = True
        return out

    # -- documents -----------------------------------------------------------------------

    def lines(self, text: str) -> list[Doc]:
        """The text cut after each line break (where the coder's sentences must break anyway),
        and each line cut again into sentences by punctuation (spaCy's rule sentencizer).

        A sentence is the unit the filter judges. Neighbouring sentences worth parsing are
        parsed together (`parse_many`), so the parser sees them in their context; a sentence
        with no side or no trigger is left unparsed. Judging sentences, not whole lines,
        parses 36% of the tokens of the benchmark's corpus instead of 57%, with the gold
        figures unchanged or better (docs/performance.md)."""
        cuts = [m.end() for m in _LINE_END.finditer(text) if 0 < m.end() < len(text) and m.start() > 0]
        bounds = [0, *cuts, len(text)]
        out = []
        for a, b in zip(bounds, bounds[1:]):
            if b <= a:
                continue
            line = self.nlp.make_doc(text[a:b])
            (starts,) = self.sentencizer.predict([line])
            cut = [t.idx for t, st in zip(line, starts) if st and t.i > 0 and not t.is_space]
            pieces = [0, *cut, len(line.text)]
            out.extend(self.nlp.make_doc(line.text[x:y]) for x, y in zip(pieces, pieces[1:]) if y > x)
        return out

    def unparsed(self, doc: Doc) -> Doc:
        """A line left unparsed: sentences by punctuation (and the coder's line rules), no parse.

        Each sentence is a flat tree (every token hangs from its first token, label "dep") so
        that the sentence breaks survive joining the lines; the coder finds no trigger in it
        (it has no parts of speech)."""
        (starts,) = self.sentencizer.predict([doc])
        starts = list(starts)
        if starts:
            starts[0] = True
        for tok in doc[1:]:  # the run-in heading rule of nlp.line_breaks
            prev = doc[tok.i - 1]
            if prev.text == ":" and tok.i <= 5 and tok.is_title and not tok.is_space:
                starts[tok.i] = True
        heads, deps, root = [], [], 0
        for i, s in enumerate(starts):
            if s:
                root = i
            heads.append(root)
            deps.append("ROOT" if i == root else "dep")
        return Doc(
            doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], heads=heads, deps=deps
        )

    def parse_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """Each text as one Doc: the lines worth it parsed, the others split into sentences.

        Neighbouring lines to parse are parsed together, as one text: the parser then sees the
        same context as when it parses the whole text (a dateline beside its lede)."""
        plans = []
        for text in texts:
            lines = self.lines(text)
            runs: list[tuple[bool, list[Doc]]] = []
            for d, w in zip(lines, self.wanted(lines)):
                if runs and runs[-1][0] == w:
                    runs[-1][1].append(d)
                else:
                    runs.append((w, [d]))
            plans.append((text, runs))
        todo = (self.nlp.make_doc("".join(d.text for d in ds)) for _, runs in plans for w, ds in runs if w)
        parsed = self.nlp.pipe(todo, batch_size=batch_size)
        for text, runs in plans:
            parts = []
            for w, ds in runs:
                if w:
                    parts.append(next(parsed))
                else:
                    parts.extend(self.unparsed(d) for d in ds)
            if not parts:
                yield self.nlp(text)
                continue
            joined = self.join(text, parts)
            if joined.text != text:  # cannot happen; never code a text with shifted offsets
                yield self.nlp(text)
                continue
            yield joined

    def join(self, text: str, parts: list[Doc]) -> Doc:
        """The parts' annotations on the whole text's tokens (as Doc.from_docs does, many
        times faster: arrays instead of a walk over every token in Python)."""
        if len(parts) == 1:
            return parts[0]
        whole = self.nlp.make_doc(text)
        if len(whole) != sum(len(p) for p in parts):  # the tokenizer cut differently: be safe
            for part in parts:
                part.tensor = _EMPTY
            return _join(parts)
        whole.from_array(_ATTRS, numpy.concatenate([p.to_array(_ATTRS) for p in parts]))
        return whole


_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


def _join(docs: list[Doc]) -> Doc:
    return Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
