"""The coder: a cleaned Document → Events, sentence by sentence.

For each sentence: find actor mentions (and "the two countries"), find trigger words
from the lexicon, read roles from the parse, then status, date, context, codes and
scores. Repeats of one event within a document are merged.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ..actors import ActorFinder, gazetteer, term_at
from ..config import Config
from ..nlp import load_nlp
from ..records import QUADS, Document, Entity, Event, Evidence, Mention
from . import tables
from .dates import EXPLICIT as EXPLICIT_KINDS, DateExpr, When, anniversary_year, find_dates
from .roles import (
    SPEECH_VERBS as SPEAKING, MentionIndex, Roles, adj_roles, mediation_roles, noun_roles, np_mentions, protest_roles, verb_roles,
)
from .status import _clause_verb, status_of

STATE_KINDS = {"state", "historical", "demonym", "capital", "seat", "official", "group"}
SIDE_KINDS = STATE_KINDS | {"organisation", "coref"}
VERBAL_CATEGORIES = {"CONSULT", "SUPPORT", "CONCEDE", "AGREE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
ABSORB_DEPS = {"dobj", "pobj", "prep", "attr", "nsubjpass", "compound", "conj", "appos", "oprd", "xcomp", "pcomp", "acl", "amod", "nmod", "dative", "npadvmod"}

COMMITMENT_VERBS = {"vow", "swear", "pledge", "promise"}
IN_PROTEST = tables.Trigger("verb", "protest", None, frozenset(), "PROTEST", "obstruct", "144", (), "")
CONDEMNING = {
    "hostile", "unjustified", "provocation", "provocative", "massacre", "illegal", "unacceptable", "baseless",
    "aggression", "interference", "crime", "violation", "lie", "absurd", "dangerous", "irresponsible",
    "unfriendly", "outrageous", "act", "step", "attack", "blackmail", "terrorism", "invasion", "occupation",
    "genocide", "betrayal", "insult", "farce", "sham", "fabrication",
}
PRAISING = {"constructive", "positive", "historic", "productive", "successful", "friendly", "fruitful", "milestone", "breakthrough"}
CHARACTERISE_ACCUSE = tables.Trigger("verb", "call", None, frozenset(), "ACCUSE", None, "111", (), "")
CHARACTERISE_PRAISE = tables.Trigger("verb", "call", None, frozenset(), "SUPPORT", None, "051", (), "")


def _characterisation(tok: Token) -> tables.Trigger | None:
    """"called the decision a hostile step", "described the talks as constructive"."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ("call", "describe", "brand", "label", "term", "denounce"):
        return None
    words = set()
    for c in tok.children:
        if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp", "attr") or (c.dep_ == "prep" and c.lower_ == "as"):
            words |= {t.lemma_.lower() for t in c.subtree}
        elif c.dep_ == "dobj":
            # the parser often hangs "a hostile step" on the object as an apposition
            words |= {t.lemma_.lower() for a in c.children if a.dep_ in ("appos", "oprd") for t in a.subtree}
    if words & CONDEMNING and not words & PRAISING:
        return CHARACTERISE_ACCUSE
    if words & PRAISING:
        return CHARACTERISE_PRAISE
    return None


RETALIATION = {"respond", "retaliate", "avenge", "punish", "hit", "strike", "revenge"}
SUPPORTIVE_PURPOSES = {"help", "back", "support", "assist", "protect", "defend", "aid", "bolster", "reinforce", "train", "shore"}
MILITARY_AID = tables.Trigger("verb", "send", None, frozenset(), "AID", None, "072", ("military",), "")
THREAT = tables.Trigger("verb", "threaten", None, frozenset(), "THREATEN", None, "130", (), "")
ULTIMATUM = tables.Trigger("verb", "threaten", None, frozenset(), "THREATEN", None, "139", (), "")


SHOW_OF_FORCE = tables.Trigger("verb", "hold", None, frozenset(), "MOBILIZE", None, "150", ("military",), "")
NOT_RULED_OUT = tables.Trigger("verb", "rule", "out", frozenset(), "THREATEN", None, "138", ("military",), "")
EXERCISES = {"exercise", "drill", "manoeuvre", "maneuver", "war-game", "game"}
TOGETHER = {"joint", "with", "together", "alongside", "combined", "bilateral", "trilateral", "multinational"}
FORCE_WORDS = {"force", "action", "strike", "attack", "intervention", "retaliation", "response", "invasion", "option", "operation", "measure"}


OBJECT_PRONOUNS = {"it", "them"}


def _antecedent_object(tok: Token, args: list[Token], objects: frozenset[str]) -> bool:
    """An object said by a pronoun ("lifted it", "withdrew them") stands for the last
    noun before it, in this sentence or the one before, that the entry asks for."""
    if not any(a.lower_ in OBJECT_PRONOUNS and a.dep_ in ("dobj", "nsubjpass", "pobj") for a in args):
        return False
    sent = tok.sent
    start = sent.start
    if start > 0:
        start = tok.doc[start - 1].sent.start
    for t in reversed(tok.doc[start:tok.i]):
        if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() not in OBJECT_PRONOUNS:
            if t.lemma_.lower() in objects or t.lower_ in objects:
                return True
    return False


OPTIONS_ON_TABLE = tables.Trigger("verb", "say", None, frozenset(), "THREATEN", None, "138", ("military",), "")


def _options_on_table(tok: Token) -> tables.Trigger | None:
    """"Trump said all options were on the table", "Israel said a military option remains on
    the table": a speaker keeping force in view threatens (CAMEO 138)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEAKING:
        return None
    for clause in tok.children:
        if clause.dep_ != "ccomp":
            continue
        for subj in clause.children:
            if subj.dep_ in ("nsubj", "nsubjpass") and subj.lemma_.lower() == "option" and any(
                c.lower_ in ("all", "military", "every") for c in subj.children
            ) and any(
                c.dep_ == "prep" and c.lower_ == "on" and any(p.lemma_.lower() == "table" for p in c.children)
                for c in clause.children
            ):
                return OPTIONS_ON_TABLE
        if _ruled_out_clause(clause):
            return OUT_OF_QUESTION
    return None


OUT_OF_QUESTION = tables.Trigger("verb", "say", None, frozenset(), "REJECT", None, "120", (), "")


def _ruled_out_clause(clause: Token) -> bool:
    """"… is out of the question", "… is off the table": the speaker rules it out."""
    for c in clause.children:
        if c.dep_ != "prep":
            continue
        words = [t.lemma_.lower() for t in c.subtree]
        if c.lower_ == "out" and words[-1:] == ["question"] and "of" in words:
            return True
        if c.lower_ == "off" and words[-1:] == ["table"]:
            return True
    return False


def _show_of_force(tok: Token, entry: tables.Trigger, roles: Roles) -> bool:
    """Military drills one side holds near another ("around Taiwan", "off Norway") show
    force (CAMEO 150); drills held with another side are cooperation."""
    if roles.symmetric or not roles.recipient:
        return False
    if not (entry.lemma in EXERCISES or entry.objects & EXERCISES):
        return False
    return not any(t.lower_ in TOGETHER for t in tok.subtree) and not any(
        t.lower_ in TOGETHER for t in tok.children
    )


def _force_not_ruled_out(tok: Token) -> bool:
    """"did not rule out military action against X", "refused to rule out a strike": a
    threat of force (CAMEO 138), made by declining to exclude it."""
    if (tok.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)) or tok.lemma_.lower() == "exclude":
        if status_of(tok) != "negated":
            return False
        rule = tok
    elif tok.lemma_.lower() in ("refuse", "decline"):
        # "refused to rule out a strike"
        rule = next((
            c for c in tok.children
            if c.dep_ == "xcomp" and c.lemma_.lower() == "rule" and any(p.dep_ == "prt" and p.lower_ == "out" for p in c.children)
        ), None)
        if rule is None:
            return False
    else:
        return False
    objs = [c for c in rule.children if c.dep_ == "dobj"]
    # ("the use of force", "a military option")
    return any(t.lemma_.lower() in FORCE_WORDS | {"military"} for o in objs for t in o.subtree)


def _ultimatum(tok: Token) -> bool:
    """"will withdraw its force unless the president arranges a ceasefire", "said it would
    cut aid unless …": an act announced on condition that the other side gives way is a
    threat (CAMEO 13), whether the act is friendly or not."""
    if not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in tok.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in tok.children) and tok.tag_ not in ("VBD", "VBN")

# A verb trigger is part of an event above it only as its complement ("agreed to hold
# talks", "accused X of attacking"); "visited Moscow and signed a deal" is two events.
VERB_ABSORB_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "pobj", "acl"}


class _Narrative:
    """The last explicit date a document has given, for "that month", "a year later"."""

    def __init__(self) -> None:
        self.anchor: When | None = None

    def advance(self, sent: Span, published: str | None) -> list[DateExpr]:
        """The sentence's dates, read against the anchor; then move the anchor on."""
        dates = find_dates(sent.text, sent.start_char, published, self.anchor)
        explicit = [d for d in dates if d.kind in EXPLICIT_KINDS and d.past.date]
        if explicit:
            self.anchor = explicit[-1].past
        return dates


@dataclass
class _Fired:
    token: Token
    entry: tables.Trigger
    roles: Roles


class Coder:
    """Holds the loaded pipeline, gazetteer and lexicons; reuse one per process."""

    def __init__(self, config: Config | None = None):
        self.config = config or Config()
        self.nlp = load_nlp(tuple(self.config.models))
        self.gaz = gazetteer()
        self.finder = ActorFinder(self.nlp, self.gaz)
        self.triggers = tables.triggers()
        self.cameo = tables.cameo_table()
        self.contexts = tables.context_words()
        self.inflections = tables.verb_inflections()
        self._candidates = None  # the line filter, made on first use
        self.successions: dict[str, list[tuple[str, str, str]]] = {}
        ends = {r["code"]: r["end"] for r in tables.data_rows("historical_states.tsv")}
        self.successors = {r["former"]: (r["successor"], ends[r["former"]]) for r in tables.data_rows("successors.tsv")}
        for r in tables.data_rows("successions.tsv"):
            self.successions.setdefault(r["state"], []).append((r["start"], r["end"], r["then"]))

    # -- entry points --------------------------------------------------------------

    def code(self, doc: Document) -> list[Event]:
        return next(self.code_many([doc]))[1]

    def parse_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """The texts parsed for coding: only the lines that can hold an event (events/candidates.py)."""
        if self.config.parse_all_lines:
            return self.nlp.pipe(texts, batch_size=batch_size)
        if self._candidates is None:
            from .candidates import CandidateFilter

            self._candidates = CandidateFilter(self.nlp, self.finder)
        return self._candidates.parse_many(texts, batch_size=batch_size)

    def code_many(self, docs: Iterable[Document], batch_size: int = 64) -> Iterator[tuple[Document, list[Event]]]:
        docs = list(docs) if not isinstance(docs, list) else docs
        for doc, parsed in zip(docs, self.parse_many((d.text for d in docs), batch_size=batch_size)):
            yield doc, self.code_parsed(doc, parsed)

    # -- the work ------------------------------------------------------------------

    def code_parsed(self, doc: Document, sdoc: Doc) -> list[Event]:
        mentions = self.finder.find(sdoc)
        idx = MentionIndex(mentions)
        for m in mentions:
            idx.add(m, sdoc[m.start : m.end].root.i)
        pair_spans = self.finder.pair_phrases(sdoc)
        single_spans = self.finder.single_phrases(sdoc)
        counts: Counter[str] = Counter()
        last_pair: tuple[str, ...] | None = None
        recent: tuple[str, ...] | None = None
        linked_pairs: Counter[frozenset] = Counter()
        linked_at = n_sent = 0
        narrative = _Narrative()  # the last explicit date, for "that month"
        events: list[Event] = []
        title = " ".join((doc.source.title or "").split())
        head_end = doc.text.find(title) + len(title) if title and doc.text.find(title) >= 0 else -1
        for sent in sdoc.sents:
            if title and head_end >= 0 and sent.start_char < head_end and sent.start_char <= 200 and " ".join(sent.text.split()) in title:
                continue  # the headline restates the lede; code the body once
            in_sent = [m for m in mentions if sent.start <= m.start < sent.end]
            states = _ordered_codes(m for m in in_sent if m.kind in STATE_KINDS)
            # A line the filter left unparsed (events/candidates.py) holds no event: only its
            # dates and state names count, below.
            parsed = bool(sent[0].pos_)
            for span in (s for s in pair_spans if parsed and sent.start <= s.start < sent.end):
                before = _ordered_codes(
                    m for m in in_sent if m.kind in STATE_KINDS and m.start < span.start and not _in_backdrop(sdoc, m)
                )  # ("at the height of the crisis over Kashmir, Delhi … the two countries": not Kashmir)
                pair = tuple(before) if len(before) == 2 else last_pair or tuple(c for c, _ in counts.most_common(2))
                if len(pair) == 2:
                    for code in pair:
                        sector = self.finder.sectors.get(span.root.lemma_.lower(), "GOV")
                        cm = Mention(code, span.text, span.start, span.end, "coref", sector)
                        idx.add(cm, span.root.i)
                        in_sent.append(cm)
            for tok in sent if parsed else ():
                # "It mediated the talks", "they fought a war": a pronoun subject of an
                # act stands for the last state (it) or the pair (they) named before
                subject_poss = tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.lower_ in ("its", "their")
                titled = (
                    tok.lemma_.lower() in OFFICE_TITLES and tok.dep_ in ("nsubj", "nsubjpass") and not idx.by_token.get(tok.i)
                    and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
                    and not any(c.dep_ in ("poss", "amod", "compound", "prep") and c.lower_ not in ("prime", "foreign", "defence", "defense") for c in tok.children)
                )  # "the president", "the foreign minister": an office without its state
                if tok.lower_ in ("him", "her") and tok.dep_ in ("dobj", "pobj", "dative") and not idx.by_token.get(tok.i):
                    # "Xi met Putin and praised him": the last person named, when that person
                    # is not the one acting (who would not be "him")
                    verb = tok.head if tok.dep_ != "pobj" else tok.head.head
                    own = {m.code for c in verb.children if c.dep_ == "nsubj" for m in idx.by_token.get(c.i, [])}
                    person = _last_person(mentions, tok.i, sdoc)
                    while person is not None and person.code in own and person.start > 0:
                        person = _last_person(mentions, person.start, sdoc)
                    if person is not None and person.code not in own:
                        cm = Mention(person.code, tok.text, tok.i, tok.i + 1, "coref", "GOV")
                        idx.add(cm, tok.i)
                        in_sent.append(cm)
                    continue
                if (titled or tok.lower_ in ("he", "she")) and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
                    # "He flew on to Nairobi": the last person named who holds a state's office
                    clause = tok.head
                    if clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_.lower() in SPEAKING:
                        continue  # "Ruto said he would …": the roles take the speaker
                    person = _last_person(mentions, tok.i, sdoc)
                    if person is not None:
                        cm = Mention(person.code, tok.text, tok.i, tok.i + 1, "coref", "GOV")
                        idx.add(cm, tok.i)
                        in_sent.append(cm)
                    continue
                if not subject_poss and (
                    tok.lower_ not in ("it", "they", "them") or tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or tok.head.pos_ != "VERB"
                ):
                    continue  # ("its foreign ministry rejected …" as well)
                if tok.lower_ in ("it", "its"):
                    clause = tok.head if tok.dep_ != "poss" else tok.head.head
                    if clause.dep_ in ("ccomp", "xcomp") and clause.head.lemma_.lower() in SPEAKING:
                        continue  # "Indonesia said its minister would travel": the roles take the speaker
                    # (as an object too: "asking it to send peacekeepers")
                    before = [m for m in mentions if m.start < tok.i and m.kind in SIDE_KINDS]
                    codes = [before[-1].code] if before else []
                    verb = tok.head if tok.dep_ != "poss" else tok.head.head
                    if tok.dep_ in ("nsubj", "nsubjpass", "poss") and verb.dep_ == "conj":
                        # "Russia expelled two diplomats, and in May it banned …": the
                        # subject of the clause it is conjoined to
                        first = [m for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass") for m in np_mentions(c, idx)]
                        if len({m.code for m in first}) == 1:
                            codes = [first[0].code]
                else:
                    codes = list(last_pair or ())
                for code in codes:
                    cm = Mention(code, tok.text, tok.i, tok.i + 1, "coref", "GOV")
                    idx.add(cm, tok.i)
                    in_sent.append(cm)
            for span in (s for s in single_spans if parsed and sent.start <= s.start < sent.end):
                before = [m for m in mentions if m.start < span.start and m.kind in STATE_KINDS]
                if before:
                    last = before[-1]
                    cm = Mention(last.code, span.text, span.start, span.end, "coref", "GOV")
                    idx.add(cm, span.root.i)
                    in_sent.append(cm)
            if in_sent and parsed:
                coded = self._code_sentence(doc, sent, idx, in_sent, states, last_pair, narrative)
            else:
                coded = []
                narrative.advance(sent, doc.published)
            events.extend(coded)
            # "The two countries" points back to a pair the text put together: two states
            # coordinated ("Ghana and Togo", "Pakistan-Russia") or the two sides of an
            # event; not two states that merely appear in one sentence.
            named = [m for m in in_sent if m.kind in STATE_KINDS]
            linked = _coordinated_pair(named, sdoc) or _event_pair(coded, self.gaz.kinds)
            if linked:
                linked_at, linked_pairs[frozenset(linked)] = n_sent, linked_pairs[frozenset(linked)] + 1
                recent = linked
            n_sent += 1
            # "the two countries" means the pair linked in this or the last sentence, else the
            # pair the article has linked most: a passing mention of a third state does not
            # change whom the article is about
            if recent and n_sent - linked_at <= 1:
                last_pair = recent
            elif linked_pairs:
                top = linked_pairs.most_common(1)[0][0]
                last_pair = recent if recent and frozenset(recent) == top else tuple(sorted(top))
            counts.update(m.code for m in in_sent if m.kind in STATE_KINDS)
        return _merge(events, self.config.min_confidence)

    def _match(self, tok: Token, idx: MentionIndex) -> tables.Trigger | None:
        if tok.pos_ in ("VERB",):
            pos = "verb"
        elif tok.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        elif tok.pos_ == "ADJ":
            pos = "adj"  # "ready to", "willing to"
        else:
            return None
        entries = self.triggers.get((pos, tok.lemma_.lower()))
        if not entries and pos == "verb":
            entries = self.triggers.get((pos, self.inflections.get(tok.lower_, "")))
        if not entries and pos == "noun":
            entries = self.triggers.get((pos, tok.lower_))
        if not entries:
            return None
        args = _argument_heads(tok, pos)
        heads = {a.lemma_.lower() for a in args} | {a.lower_ for a in args}
        lemmas = set(heads)
        for a in args:
            lemmas |= {c.lemma_.lower() for c in a.children if c.dep_ in ("compound", "amod")}
        particles = {
            c.lower_ for c in tok.children
            if (c.dep_ in ("prt", "prep", "agent") or _adverb_particle(c))
            and not any(p.dep_ == "pobj" and _is_time_word(p) for p in c.children)
        }
        # "used chemical weapons against …": the preposition may hang from the object
        particles |= {g.lower_ for c in tok.children if c.dep_ == "dobj" for g in c.children if g.dep_ == "prep"}
        best, best_rank = None, -1
        idiom = any(a.dep_ == "dobj" and a.head == tok and a.lemma_.lower() in IDIOM_OBJECTS for a in args)
        if tok.lemma_.lower() == "meet" and any(a.dep_ == "dobj" and a.head == tok and a.lemma_.lower() in MET_THINGS for a in args):
            idiom = True  # "met the deadline", "met stiff resistance": no meeting
            entries = [e for e in entries if e.objects]
        for e in entries:
            if e.particle and e.particle not in particles:
                continue
            if idiom and not e.objects and e.category not in VERBAL_CATEGORIES:
                continue  # "bought time", "struck a conciliatory tone", "delivered a speech"
            rank = 1 if e.particle else 0
            if e.objects:
                if heads & e.objects:
                    rank += 4  # a named object beats a structural one
                elif lemmas & e.objects:
                    rank += 3  # "launched a missile attack": the head noun beats its modifier
                elif "@actor" in e.objects and any(np_mentions(a, idx) for a in args if a.dep_ in ("dobj", "dative")):
                    rank += 2
                elif "@troops" in e.objects and _troops_subject(tok, self.finder.sectors):
                    rank += 2  # "Turkish troops massed along the border"
                elif _antecedent_object(tok, args, e.objects):
                    rank += 2  # "Washington imposed an embargo in 1962 … and has not lifted it"
                elif "@xcomp" in e.objects and any(
                    (c.dep_ == "xcomp" or _is_infinitive(c)) and c.pos_ in ("VERB", "AUX") for c in tok.children
                ):
                    # "declined to resign", "ready to contribute": a verb complement
                    rank += 2
                else:
                    continue
            if e.particle and e.mode == "visit" and not any(
                np_mentions(p, idx) for c in tok.children if c.lower_ == e.particle for p in c.children if p.dep_ == "pobj"
            ):
                continue  # "returned to power", "flying to the beach": a visit goes to a named place
            if rank > best_rank:
                best, best_rank = e, rank
        return best

    def _code_sentence(
        self, doc: Document, sent: Span, idx: MentionIndex, in_sent: list[Mention], states: list[str],
        last_pair: tuple[str, ...] | None = None,
        narrative: "_Narrative | None" = None,
    ) -> list[Event]:
        narrative = narrative or _Narrative()
        cands = []
        for tok in sent:
            if any(m.kind != "coref" for m in idx.by_token.get(tok.i, [])):
                continue  # "Cooperation" in "Shanghai Cooperation Organisation" is a name
            if tok.pos_ == "VERB" and tok.dep_ == "amod":
                continue  # "a UN-brokered deal": a participle describing a noun, not an act
            entry = self._match(tok, idx) or _demand_in_speech(tok) or _characterisation(tok) or _options_on_table(tok)
            if entry is not None:
                cands.append((len(list(tok.ancestors)), tok.i, tok, entry))
        if not cands:
            narrative.advance(sent, doc.published)
            return []
        cands.sort(key=lambda c: (c[0], c[1]))
        fired: list[_Fired] = []
        fired_tokens: set[int] = set()
        for _, _, tok, entry in cands:
            if _absorbed(tok, fired_tokens):
                continue
            if entry.pos == "verb":
                # "in X" is where an act took place ("met in Moscow", "cooperate in the face
                # of …"), except for material conflict and "invest in", "arrive in"
                venue = not (QUADS[entry.category] == 4 or entry.particle == "in" or entry.lemma in ("invest", "deposit"))
                roles = verb_roles(tok, idx, venue_in=venue, object_in=entry.lemma in ("invest", "deposit"))
            elif entry.pos == "adj":
                roles = adj_roles(tok, idx)
            else:
                roles = noun_roles(tok, idx, entry.category)
            if entry.category == "CONSULT":
                roles = mediation_roles(tok, idx, roles)
            people = []
            if roles.actor and all(m.kind == "people" for m in roles.actor):
                # "ethnic Hungarians demonstrated in Slovakia": a people stands for the state
                # it lives in where the sentence names one; else for itself (below)
                people, roles = roles.actor, Roles([], roles.recipient, False, roles.how)
            if entry.category == "PROTEST" and not roles.actor:
                roles = protest_roles(tok, idx, roles)
            if not roles.recipient and not roles.domestic and entry.pos in ("verb", "adj"):
                # "Laos agreed to sell electricity to Singapore", "China demanded that the US
                # cancel the sale": the complement names the recipient.
                mine = {a.code for a in roles.actor}
                for c in _complements(tok):
                    inner_roles = verb_roles(c, idx)
                    inner = inner_roles.actor if c.dep_ == "ccomp" else []
                    inner = [m for m in inner if m.code not in mine] or [m for m in inner_roles.recipient if m.code not in mine]
                    if inner:
                        roles = Roles(roles.actor, inner, False, roles.how)
                        break
            if entry is DEMAND and roles.how != "parse":
                continue  # "analysts said X should …" is commentary, not a state's demand
            if not roles.actor and last_pair and roles.recipient and len({m.code for m in roles.recipient}) == 1 and not _commentators(tok, idx):
                # "President Tshisekedi accused his Rwandan counterpart …": an actor we cannot
                # name, acting on one side of the article's pair, is the other side
                r = roles.recipient[0].code
                if r in last_pair:
                    other = next(c for c in last_pair if c != r)
                    roles = Roles([Mention(other, "", tok.i, tok.i, "context", "GOV")], roles.recipient, False, "context")
            if not roles.actor and roles.recipient and QUADS[entry.category] == 4 and not _commentators(tok, idx):
                # "A car bomb outside Kandahar killed two Canadian soldiers": an attacker we cannot
                # name is credited to the state where the attack happened, as PLOVER codes it
                site = _attack_site(tok, idx, {m.code for m in roles.recipient})
                if site is not None:
                    roles = Roles([Mention(site.code, "", tok.i, tok.i, "context", "GOV")], roles.recipient, False, "context")
            if not roles.actor and people:
                roles = Roles(people, roles.recipient, False, roles.how)
            if not roles.actor and not _commentators(tok, idx):
                # "A journalist was killed in a car bomb in Beirut", "the opposition leader
                # threatened a boycott of Algeria's elections": an actor we cannot name, in a
                # sentence that names one state only, acts inside that state; its own affair
                # (one side, no recipient), as PLOVER codes it
                home_ms = [m for m in in_sent if m.kind in STATE_KINDS | {"place"} and m.sector != "MED"]
                named = {m.code for m in home_ms}
                suffered = {m.code for m in roles.recipient}
                if (
                    len(named) == 1
                    # ("Armenian positions were shelled": the state suffers it; but "a general resigned
                    # so that Bolivia's elections could go ahead": an act on its own state's affairs)
                    and (not roles.recipient or (QUADS[entry.category] != 4 and suffered == named))
                    and not any(_is_destination(sent.doc, m) for m in home_ms)  # ("Sall visited Banjul")
                    and entry.category != "CONSULT"  # ("the ministers met in Jakarta": a venue)
                    and not _pair_subject(tok)  # ("the two countries' ministers …" with no pair known)
                ):
                    home = next(m for m in in_sent if m.code in named)
                    where = Mention(home.code, "", tok.i, tok.i, "context", "GOV")
                    roles = Roles([where], [], False, "context", domestic=True)
                elif (
                    len(named) == 1 and roles.recipient and {m.code for m in roles.recipient} == named
                    and entry.category in VERBAL_CATEGORIES - {"CONSULT"} | {"PROTEST"}
                    and not _pair_subject(tok)
                ):
                    # "a rebel party demanded that the Turkish government …", "the opposition
                    # threatened to boycott Algeria's elections": a voice inside the state
                    # addressing its own government
                    home = next(m for m in in_sent if m.code in named)
                    roles = Roles([Mention(home.code, "", tok.i, tok.i, "context", "GOV")], [], False, "context", domestic=True)
            if not roles.actor:
                continue
            if not roles.recipient and not roles.symmetric and (
                not roles.domestic or (
                    roles.how != "context" and (entry.category in ("REJECT", "ACCUSE") or _own_instrument(sent.doc, tok, roles.actor))
                )
            ):  # ("rejected criticism of Egypt's record": its own state named, the critic not)
                # ("groups in Bangkok pressed the Thai government" is one state's own affair:
                # it keeps no recipient rather than borrowing one)
                mine = {a.code for a in roles.actor}
                # (a news agency or paper that reports the act is its source, and "the Thai
                # border" a place: neither is a side)
                others = [
                    m for m in in_sent
                    if m.code not in mine and (m.kind in SIDE_KINDS or (m.kind == "place" and not _locative(sent.doc, m)))
                    and m.sector != "MED" and not _is_place(sent.doc, m)
                    and not _reporter(sent.doc, m, tok) and not _in_backdrop(sent.doc, m)
                    and _tree_distance(sent.doc, m, tok) <= MAX_SIDE_DISTANCE
                ]
                lone = {m.code for m in others if m.kind != "coref"}
                if len(lone) == 1 and last_pair and mine <= set(last_pair) and not lone <= set(last_pair):
                    # a third state named in the sentence itself outweighs the article's pair
                    roles = Roles(roles.actor, [next(m for m in others if m.kind != "coref")], False, "sentence")
                elif last_pair and len(mine) == 1 and mine <= set(last_pair):
                    # A one-sided act in an article about a pair is done to the other side:
                    # "Islamabad rejected the charge" after India made it.
                    other = next(c for c in last_pair if c not in mine)
                    roles = Roles(roles.actor, [Mention(other, "", tok.i, tok.i, "context", "GOV")], False, "context")
                elif len({m.code for m in others}) == 1:
                    # The parse found no recipient, but the sentence names exactly one other
                    # side: "Chile condemned as a disgrace Peru's treatment of …".
                    roles = Roles(roles.actor, [others[0]], False, "sentence")
                else:
                    near = None
                    if entry.pos == "verb":
                        # Several other sides: the one nearest the act inside its own phrase, "declined
                        # to send monitors to Haiti", "granted asylum to five Panamanian officers"
                        near = _nearest_in_phrase(tok, [m for m in others if m.code not in mine], sent.doc)
                    sides = [m for m in others if not _is_venue(sent.doc, m)]
                    if near is None and len({m.code for m in sides}) == 1:
                        # all but one named only as where something happened: "condemned
                        # Romania's treatment of schools in Moldova"
                        near = sides[0]
                    if near is not None:
                        roles = Roles(roles.actor, [near], False, "sentence")
            if entry.cameo == "115" and any(self.gaz.org_kinds.get(m.code) == "court" for m in roles.recipient):
                # "took the dispute to the ICJ": the court hears the case, it is not its target
                kept = [m for m in roles.recipient if self.gaz.org_kinds.get(m.code) != "court"]
                roles = Roles(roles.actor, kept, roles.symmetric, roles.how)
                if not kept and last_pair and len(roles.actor) == 1 and roles.actor[0].code in last_pair:
                    other = next(c for c in last_pair if c != roles.actor[0].code)
                    roles = Roles(roles.actor, [Mention(other, "", tok.i, tok.i, "context", "GOV")], False, "context")
            if entry.mode == "visit" and entry.particle and roles.how != "parse":
                continue  # "allowed Meng to return to China": a person's journey, not a state visit
            if entry.category in ("COERCE", "MOBILIZE") and any(
                c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_.lower() == "protest" for p in c.children)
                for c in tok.subtree
            ):
                # "lorry drivers blockaded the crossings in protest at …" (a state that
                # withdraws its ambassador in protest still sanctions)
                entry = IN_PROTEST
            if entry.category == "MOBILIZE" and any(
                (c.dep_ in ("xcomp", "advcl") or _is_infinitive(c)) and c.lemma_.lower() in SUPPORTIVE_PURPOSES
                for c in tok.children
            ):
                entry = MILITARY_AID  # "sent troops to back the Malian army"
            if entry.category == "AGREE" and tok.lemma_.lower() in COMMITMENT_VERBS:
                # "vowed to fight", "swore to retaliate": a commitment to hostility is a threat
                comps = _complements(tok)
                hostile = [self._match(c, idx) for c in comps]
                if any(h is not None and QUADS[h.category] >= 3 for h in hostile) or any(
                    c.lemma_.lower() in RETALIATION for c in comps
                ):
                    entry = THREAT  # "vowed to respond", "swore to fight"
            if entry.mode == "exercise":
                roles, entry = _exercise(tok, idx, roles, entry)
            if entry.category == "COOPERATE" and _show_of_force(tok, entry, roles):
                entry = SHOW_OF_FORCE  # "China held military drills around Taiwan"
            if entry.category == "REJECT" and _force_not_ruled_out(tok):
                entry = NOT_RULED_OUT  # "did not rule out military action against Venezuela"
            if entry.category != "THREATEN" and entry.pos == "verb" and _ultimatum(tok):
                entry = ULTIMATUM  # "Nigeria will withdraw its force from Chad unless …"
            fired.append(_Fired(tok, entry, roles))
            fired_tokens.add(tok.i)
        dates = narrative.advance(sent, doc.published)
        date_roots = [_date_root(sent.doc, d) for d in dates]
        out = []
        for f in fired:
            actors, recipients = _unique_mentions(f.roles.actor), _unique_mentions(f.roles.recipient)
            if not f.roles.symmetric and (len(actors) > 1 or len(recipients) > 1):
                # "China urged Islamabad and Kabul …", "Washington and Seoul accused
                # Pyongyang …": one directed act for each actor and recipient
                for a in actors:
                    for r in recipients or [None]:
                        roles = Roles([a], [r] if r else [], False, f.roles.how)
                        out.append(self._event(doc, sent, _Fired(f.token, f.entry, roles), dates, date_roots, fired_tokens))
            else:
                out.append(self._event(doc, sent, f, dates, date_roots, fired_tokens))
        return out

    def _event(self, doc: Document, sent: Span, f: _Fired, dates: list[DateExpr], date_roots, fired_tokens) -> Event:
        tok, entry, roles = f.token, f.entry, f.roles
        status = status_of(tok)
        if entry is ULTIMATUM and status != "negated":
            status = "reported"  # the act is conditional; the threat was made
        if entry is NOT_RULED_OUT:
            status = "reported"  # not excluding force is the threat, and it was made
        when, dated_by_text = _pick_date(tok, dates, date_roots, fired_tokens, status, doc.published)
        anniversary = _anniversary(tok, doc.published)
        if anniversary:
            # Derived, not stated: an explicit statement of the same event wins the merge.
            when, dated_by_text, status = When(anniversary, "year"), False, "reported"
        if (
            status == "reported" and when.date and doc.published and when.precision in ("day", "month", "year", "period")
            and when.date > doc.published[: len(when.date)]
        ):
            status = "future"
        context = self._context(tok, entry, roles)
        cameo = entry.cameo
        for c in context:
            cameo = tables.REFINE.get((cameo, c), cameo)
        code = self.cameo.get(cameo)
        mode = entry.mode or (code.mode if code else None)
        if entry.category == "CONSULT" and mode is None and "multilateral" in context:
            mode = "multilateral"
        event_date = when.date if when.precision not in ("unknown",) else doc.published
        # a retrospective date: the state that held the place then (data/successions.tsv)
        then = bool(
            dated_by_text and when.date and doc.published and when.precision in ("day", "month", "year", "decade")
            and int(doc.published[:4]) - int(when.date[:4]) >= 5
        )
        actor = tuple(self._entity(m, event_date, then) for m in roles.actor)
        recipient = tuple(self._entity(m, event_date, then) for m in roles.recipient)
        start = sent.start_char
        text = sent.text.rstrip()
        trigger = tok.text
        particle = next((c.text for c in tok.children if entry.particle and c.lower_ == entry.particle), None)
        if particle:
            trigger = f"{tok.text} {particle}"
        confidence = {"parse": 0.75, "noun": 0.65, "sentence": 0.6, "context": 0.55}[roles.how]
        confidence += 0.1 if entry.specificity else 0.0
        if any(m.kind == "coref" for m in (*roles.actor, *roles.recipient)):
            confidence -= 0.1
        if not roles.recipient:
            confidence -= 0.15
        if dated_by_text:
            confidence += 0.05
        if _in_condition(tok):
            confidence -= 0.15  # "… unless Baghdad accepted its conditions": not the main act
        elif _subordinate(tok):
            confidence -= 0.05  # "… one day after a jet shot down a helicopter": background
        confidence = round(max(0.05, min(0.98, confidence)), 2)
        eid = hashlib.sha256(
            f"{doc.doc_id}|{tok.idx}|{entry.category}|{[a.code for a in actor]}|{[r.code for r in recipient]}".encode()
        ).hexdigest()[:10]
        return Event(
            id=f"e-{eid}",
            doc_id=doc.doc_id,
            event=entry.category,
            mode=mode,
            context=tuple(context),
            cameo=cameo,
            quad_code=QUADS[entry.category],
            intensity=tables.intensity(entry.category, mode),
            goldstein=code.goldstein if code else 0.0,
            actor=actor,
            recipient=recipient,
            symmetric=roles.symmetric,
            status=status,
            date=when.date,
            date_precision=when.precision,
            date_end=when.date_end,
            published=doc.published,
            evidence=Evidence(text, start, start + len(text), trigger),
            confidence=confidence,
            source=doc.source,
        )

    def _entity(self, m: Mention, date: str | None, then: bool = False) -> Entity:
        if m.terms:
            term = term_at(m.terms, date)
            return Entity(term.country, m.text, "GOV", term.name)
        if date and m.code in self.successors and m.kind in ("coref", "context"):
            successor, end = self.successors[m.code]
            if date[:4] > end:
                # a former state read back ("the two countries") as a side of an act after
                # it ended: its successor (a former state named outright keeps its name)
                return Entity(successor, m.text, m.sector, m.name)
        if then and date and m.kind in ("state", "capital", "seat", "demonym", "place", "coref", "context"):
            for start, end, code in self.successions.get(m.code, ()):
                if start <= date[:4] < end:
                    return Entity(code, m.text, m.sector, m.name)
        return Entity(m.code, m.text, m.sector, m.name)

    def _context(self, tok: Token, entry: tables.Trigger, roles: Roles) -> list[str]:
        found: list[str] = list(entry.context)
        span = [tok, *tok.children] if tok.pos_ == "VERB" else list(tok.subtree)
        if tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ in ("dobj", "prep", "nsubjpass", "xcomp", "attr", "advcl", "pcomp", "npadvmod"):
                    span.extend(c.subtree)
        else:
            span.extend(tok.head.children if tok.head is not tok else [])
        for t in span:
            c = self.contexts.get(t.lemma_.lower()) or self.contexts.get(t.lower_)
            if c and c not in found:
                found.append(c)
        if any(m.kind == "organisation" for m in (*roles.actor, *roles.recipient)) and "multilateral" not in found:
            found.append("multilateral")
        if not found and entry.category in VERBAL_CATEGORIES:
            found.append("diplomatic")
        return found


def _coordinated_pair(named: list[Mention], sdoc: Doc) -> tuple[str, str] | None:
    """Two states joined by "and" or a hyphen in one phrase ("Ghana and Togo", "Pakistan-Russia")."""
    for a in named:
        for b in named:
            if a.code == b.code or b.start < a.end:
                continue
            gap = [t.lower_ for t in sdoc[a.end : b.start]]
            if 1 <= len(gap) <= 2 and all(w in ("and", "-", "–", "&", "the") for w in gap) and gap[0] != "the":
                if _where_between(sdoc, a):
                    continue  # "a country wedged between China and Russia": a location
                if a.start >= 2 and sdoc[a.start - 1].text == "," and any(m.end == a.start - 1 for m in named):
                    continue  # "Washington, London and Beijing": a list, not a pair
                return (a.code, b.code)
    return None


def _where_between(sdoc: Doc, m: Mention) -> bool:
    """"wedged between China and Russia", "lies between India and Myanmar": the two states
    name where something is, not a pair the text puts together."""
    if m.end <= m.start:
        return False
    root = sdoc[m.start : m.end].root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "between":
        return False
    head = prep.head
    return head.pos_ in ("VERB", "ADJ") and head.lemma_.lower() in (
        "wedge", "lie", "sit", "sandwich", "squeeze", "locate", "situate", "nestle", "border", "stretch", "run",
    )


def _event_pair(events: list[Event], kinds: dict[str, str]) -> tuple[str, str] | None:
    for e in events:
        if e.status != "reported" or e.confidence < 0.6:
            continue
        # "the two sides" are states: an event with an organisation does not set the pair
        codes = [c for c in _ordered_codes_entities([*e.actor, *e.recipient]) if kinds.get(c) != "organisation"]
        if len(codes) == 2:
            return (codes[0], codes[1])
    return None


def _ordered_codes_entities(ents) -> list[str]:
    out: list[str] = []
    for x in ents:
        if x.code not in out:
            out.append(x.code)
    return out


PLACE_NOUNS = {"border", "frontier", "coast", "water", "side", "territory", "soil", "airspace", "region",
               "province", "city", "town", "village", "capital", "island", "sea", "bank"}


BACKDROP_PREPS = {"since", "during", "amid", "amidst", "despite", "following", "before", "after", "until"}


def _in_backdrop(sdoc: Doc, m: Mention) -> bool:
    """"amid the crisis over Kashmir", "at the height of the war with Iraq", "since the
    invasion of Kuwait": a state named in a time phrase is the backdrop, not a side."""
    if m.end <= m.start:
        return False
    t = sdoc[m.start : m.end].root
    for _ in range(8):
        if t.head is t:
            return False
        if t.dep_ == "pobj" and (t.head.lower_ in BACKDROP_PREPS or (t.head.lower_ == "at" and t.lower_ == "height")):
            return True
        if t.dep_ == "pobj" and t.head.lower_ in ("on", "at") and t.lemma_.lower() in ("warrant", "request", "behest", "behalf"):
            return True  # "arrested … on a US warrant": whose request it was, not whom it hit
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT") or t.pos_ in ("VERB", "AUX"):
            return False
        t = t.head
    return False


# A side the parse did not give is taken from the sentence only this near the act (in arcs
# of the parse): "turned down an offer to join a committee that will review a constitution
# written with advice from Russia" does not turn Russia down.
MAX_SIDE_DISTANCE = 7


def _tree_distance(sdoc: Doc, m: Mention, tok: Token) -> int:
    if m.end <= m.start:
        return 0
    a = sdoc[m.start : m.end].root
    up = {t.i: n for n, t in enumerate((a, *a.ancestors))}
    for n, t in enumerate((tok, *tok.ancestors)):
        if t.i in up:
            return n + up[t.i]
    return 99


def _locative(sdoc: Doc, m: Mention) -> bool:
    """A province or city named as where something is or happened ("in Geneva", "near
    Kharkiv", "the summit in Doha"), not as what is acted on."""
    root = sdoc[m.start : m.end].root
    t = root.head if root.dep_ in ("compound", "amod", "flat", "nmod", "poss", "appos") else root
    return t.dep_ == "pobj" and t.head.lower_ not in ("to", "into", "on", "against", "upon", "toward", "towards", "of")


# Things a state imposes or holds, which its own demonym marks as its own, not as acted on:
# "lifted the American trade embargo" is America's embargo, lifted toward someone else.
INSTRUMENTS = {
    "embargo", "sanction", "ban", "tariff", "restriction", "veto", "measure", "blockade", "troop", "force",
    "aid", "loan", "investment", "presence", "claim", "demand", "position", "proposal", "plan", "offer",
}


def _own_instrument(sdoc: Doc, tok: Token, actor: list[Mention]) -> bool:
    """Is the actor's own state, named as the act's only recipient, just the owner of the
    thing it acts with ("lifted the American trade embargo")? (Called for a domestic act.)"""
    return bool(actor) and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in INSTRUMENTS
        and any(t.dep_ in ("amod", "compound", "poss") for t in c.children)
        for c in tok.children
    )


def _is_venue(sdoc: Doc, m: Mention) -> bool:
    """A state named after "in" or "at": where something happened."""
    if m.end <= m.start:
        return False
    root = sdoc[m.start : m.end].root
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "inside", "within")


def _reporter(sdoc: Doc, m: Mention, tok: Token) -> bool:
    """"…, the UN agency said": who reports an act (an organisation, not a state
    that may answer it) is its source, not its recipient."""
    if m.end <= m.start or m.kind != "organisation":
        return False
    root = sdoc[m.start : m.end].root
    verb = root.head
    return root.dep_ == "nsubj" and verb.lemma_.lower() in SPEAKING | {"report"} and verb in tok.ancestors


def _is_place(sdoc: Doc, m: Mention) -> bool:
    """"on the Thai border", "in Syrian territory": a country named as a place (or a symbol)."""
    if m.end <= m.start:
        return False
    root = sdoc[m.start : m.end].root
    # (and its symbols: "waving Russian flags" names no side)
    return root.dep_ in ("amod", "compound", "poss") and root.head.lemma_.lower() in PLACE_NOUNS | {"flag", "banner", "anthem"}


OFFICE_TITLES = {"president", "minister", "premier", "chancellor", "king", "emir", "monarch", "sultan"}
PERSON_TITLES = {
    "president", "minister", "premier", "leader", "king", "queen", "emir", "prince", "chancellor",
    "secretary", "envoy", "ambassador", "general", "commander", "chief", "spokesman", "spokeswoman",
    "foreign", "counterpart", "monarch", "sultan", "sheikh", "ruler", "diplomat", "governor",
}


def _last_person(mentions: list[Mention], before: int, sdoc: Doc) -> Mention | None:
    """The last person named before a "he"/"she": an official from the data, or a state
    named with an office ("the Kenyan president", "Ghana's foreign minister"), within the
    last three sentences."""
    start = sdoc[before].sent.start
    sents = 0
    for m in sorted((m for m in mentions if m.start < before), key=lambda m: -m.start):
        while start > m.start and sents < 3:
            start = sdoc[start - 1].sent.start
            sents += 1
        if m.start < start:
            return None
        if m.kind == "official":
            return m
        root = sdoc[m.start : m.end].root
        if m.kind in STATE_KINDS and root.dep_ in ("poss", "amod", "compound") and (
            root.head.lemma_.lower() in PERSON_TITLES
            or any(c.lemma_.lower() in PERSON_TITLES for c in root.head.children if c.dep_ in ("compound", "amod"))
        ):
            return m
    return None


OTHER_CLAUSES = {"advcl", "relcl", "ccomp", "parataxis", "conj", "nsubj", "nsubjpass", "csubj", "appos", "acl"}


def _nearest_in_phrase(tok: Token, others: list[Mention], sdoc: Doc) -> Mention | None:
    """The side named nearest the act among its own objects and complements (not in its
    subject, not in another clause): one code at the least depth, else none."""
    at = {sdoc[m.start : m.end].root.i: m for m in others if m.end > m.start}
    frontier, seen = [tok], set()
    for _ in range(6):
        nxt = [c for t in frontier for c in t.children if c.dep_ not in OTHER_CLAUSES or (t is not tok and c.dep_ == "acl")]
        found = {at[c.i].code: at[c.i] for c in nxt if c.i in at and c.i not in seen}
        if len(found) == 1:
            return next(iter(found.values()))
        if len(found) > 1:
            return None
        seen |= {c.i for c in nxt}
        frontier = nxt
        if not frontier:
            break
    return None


NEAR_PREPS = {"near", "along", "off", "around", "close", "outside", "beside"}
DRILLS_NEAR = tables.Trigger("noun", "exercise", None, frozenset(), "MOBILIZE", None, "150", ("military",), "")


def _exercise(tok: Token, idx: MentionIndex, roles: Roles, entry: tables.Trigger) -> tuple[Roles, tables.Trigger]:
    """"held joint drills near the Polish border": where an exercise is held is no partner;
    "China staged drills near Taiwan": one state's drills near another are a show of force
    (MOBILIZE) toward it, not cooperation."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
    near: set[str] = set()
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in NEAR_PREPS:
                near |= {m.code for p in c.subtree if p.dep_ == "pobj" for m in np_mentions(p, idx)}
    if not near:
        return roles, entry
    subject = {m.code for m in roles.actor} - near if not roles.symmetric else set()
    if roles.symmetric:
        named = {m.code for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for m in np_mentions(c, idx)}
        kept = [m for m in roles.actor if m.code not in near or m.code in named]
        return Roles(kept, kept, len({m.code for m in kept}) >= 2, roles.how), entry
    if len(subject) == 1 and roles.recipient and {m.code for m in roles.recipient} <= near and not _is_mutual_act(tok):
        return roles, DRILLS_NEAR
    return roles, entry


def _is_mutual_act(tok: Token) -> bool:
    from .roles import _is_mutual

    return _is_mutual(tok)


SITE_PREPS = {"in", "near", "at", "outside", "inside", "around"}


def _attack_site(tok: Token, idx: MentionIndex, recipients: set[str]) -> Mention | None:
    """The one state (or its province or city) named as where an act of force took place:
    "a bombing near the town of Kunduz", "an ambush in Helmand"."""
    clause = tok if tok.pos_ in ("VERB", "AUX") or tok.head is tok else tok.head
    found: dict[str, Mention] = {}
    own, frontier = [], [clause]
    while frontier:  # the clause's own words, not those of clauses inside it
        t = frontier.pop()
        own.append(t)
        frontier.extend(c for c in t.children if c.dep_ not in OTHER_CLAUSES or c.dep_ in ("nsubj", "nsubjpass"))
    for t in own:
        if t.dep_ == "prep" and t.lower_ in SITE_PREPS:
            for p in t.children:
                if p.dep_ == "pobj":
                    for m in np_mentions(p, idx):
                        if m.code not in recipients and m.kind in ("state", "capital", "place", "demonym"):
                            found.setdefault(m.code, m)
    return next(iter(found.values())) if len(found) == 1 else None


def _pair_subject(tok: Token) -> bool:
    """Does the act's subject speak of two sides ("the two countries' ministers", "both")?"""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return any(t.lower_ in ("two", "both", "each", "sides", "neighbours", "neighbors") for t in c.subtree)
    return False


def _is_destination(sdoc: Doc, m: Mention) -> bool:
    """"visited Banjul", "flew to Banjul": a state named as where someone went or what
    they acted on, not where the act took place."""
    if m.end <= m.start:
        return False
    root = sdoc[m.start : m.end].root
    return root.dep_ in ("dobj", "nsubjpass", "dative") or (root.dep_ == "pobj" and root.head.lower_ in ("to", "into", "toward", "towards"))


def _unique_mentions(ms: Iterable[Mention]) -> list[Mention]:
    seen, out = set(), []
    for m in ms:
        if m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


def _ordered_codes(ms: Iterable[Mention]) -> list[str]:
    out: list[str] = []
    for m in ms:
        if m.code not in out:
            out.append(m.code)
    return out


def _argument_heads(tok: Token, pos: str) -> list[Token]:
    args: list[Token] = []
    if pos == "verb":
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
                args.append(c)
                args.extend(c.conjuncts)
                # "exchanged hundreds of prisoners": the quantity's complement
                args.extend(p for q in c.children if q.dep_ == "prep" and q.lower_ == "of" for p in q.children if p.dep_ == "pobj")
            elif c.dep_ in ("prep", "agent", "prt") or _adverb_particle(c):
                # ("called off its offensive in March": a time is no object)
                args.extend(p for p in c.children if p.dep_ == "pobj" and not _is_time_word(p))
                # "pulled out of the deal", "walked out of the talks", "walked away from the talks"
                args.extend(p for q in c.children if q.dep_ in ("prep", "pcomp") for p in q.children if p.dep_ == "pobj")
        if tok.dep_ == "acl":  # "the agreement signed by ..."
            args.append(tok.head)
        if tok.dep_ == "relcl" and (
            any(c.dep_ in ("nsubjpass", "dobj") and c.lower_ in ("which", "that") for c in tok.children)
            or not any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children)
        ):
            # "the agreement which was signed", "the arrangement that X signed", "the deal X signed"
            args.append(tok.head)
    else:
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod"):
                args.append(c)
            elif c.dep_ == "prep" and c.lower_ in ("of", "on", "for", "with", "against"):
                args.extend(p for p in c.children if p.dep_ == "pobj")
        if tok.head is not tok and tok.dep_ == "compound":
            args.append(tok.head)
    return args


def _subordinate(tok: Token) -> bool:
    return any(t.dep_ in ("advcl", "relcl", "acl") for t in (tok, *tok.ancestors))


def _in_condition(tok: Token) -> bool:
    for t in (tok, *tok.ancestors):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return True
    return False


SPEECH_VERBS = {"say", "insist", "state", "declare", "tell", "announce", "stress", "add", "write", "argue", "warn"}
OBLIGATION = {"must", "should", "ought"}
DEMAND = tables.Trigger("verb", "say", None, frozenset(), "REQUEST", None, "100", (), "")


def _demand_in_speech(tok: Token) -> tables.Trigger | None:
    """"Russia said Sudan must return the helicopter": a speaker laying an obligation on
    another side demands it (PLOVER REQUEST); the obliged act is part of the demand."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS:
        return None
    for c in tok.children:
        if c.dep_ != "ccomp":
            continue
        if any(a.dep_ == "aux" and a.lower_ in OBLIGATION for a in c.children):
            return DEMAND
        if c.lemma_.lower() in ("need", "have") and any(x.dep_ == "xcomp" for x in c.children):
            return DEMAND
    return None


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "day", "week",
               "month", "year", "morning", "evening", "night", "weekend", "occasion", "anniversary"}


def _troops_subject(tok: Token, sectors: dict[str, str]) -> bool:
    """Is the act's subject an armed force ("troops", "soldiers", "the army")?"""
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return sectors.get(c.lemma_.lower()) == "MIL"
    return False


# Objects that make a verb of material action an idiom or a figure of speech: a material
# entry with no object list does not fire on them ("discussed the idea" is still talk) ("bought time", "traded places", "struck a
# tone", "delivered a speech", "sold the idea").
IDIOM_OBJECTS = {
    "time", "way", "idea", "place", "tone", "chord", "note", "balance", "pose", "speech", "address",
    "message", "remark", "lecture", "sermon", "verdict", "blow", "glance", "look", "argument", "story",
    "narrative", "vision", "rhetoric", "concept", "punch", "figure",
}
MET_THINGS = {
    "deadline", "target", "criterion", "criteria", "obligation", "need", "cost", "expectation", "standard",
    "goal", "quota", "commitment", "challenge", "threshold", "payment", "test", "resistance", "opposition",
    "criticism", "fate", "end", "death", "objective", "benchmark", "shortfall",
}
ADVERB_PARTICLES = {"back", "away", "off", "down", "up", "out"}


def _adverb_particle(c: Token) -> bool:
    """"pushed back the migrants", "walked away from the talks": the parser often hangs
    the particle of a phrasal verb as an adverb."""
    return c.dep_ == "advmod" and c.lower_ in ADVERB_PARTICLES


def _is_time_word(t: Token) -> bool:
    """"called on Saturday" is no "call on": a time is not the object of a particle."""
    from .dates import MONTHS

    return t.lower_ in _TIME_WORDS or t.lower_ in MONTHS or t.like_num


def _is_infinitive(c: Token) -> bool:
    """A to-infinitive the parser hung as advcl: "sworn [to fight]"."""
    return (
        c.dep_ == "advcl"
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        and not any(g.dep_ == "mark" for g in c.children)
    )


COMMENTATORS = {
    "analyst", "critic", "expert", "observer", "commentator", "economist", "scholar", "academic",
    "union", "activist", "campaigner", "newspaper", "editorial", "report", "diplomat", "source",
    "researcher", "group", "some", "many", "others", "lawmaker", "opponent",
}


def _commentators(tok: Token, idx: MentionIndex) -> bool:
    """Is the act's subject a commentator ("Analysts warn …")? Then the article's pair
    does not stand in for it. (An unknown proper name is let through: it is far more often
    an official missing from the data than a non-state group.)"""
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c.lemma_.lower() in COMMENTATORS and not idx.by_token.get(c.i)
        if t.dep_ in ("xcomp", "conj", "ccomp", "advcl") and t.head is not t:
            t = t.head
        else:
            break
    return False


def _is_participle(c: Token) -> bool:
    """"rallied near the embassy, chanting slogans and calling for …": an -ing clause
    that elaborates the act it hangs from."""
    return c.dep_ == "advcl" and c.tag_ == "VBG" and not any(g.dep_ in ("mark", "nsubj") for g in c.children)


def _complements(tok: Token) -> list[Token]:
    """Verbs in the complement chain of a trigger: agreed to [help [build]]."""
    out, frontier = [], [tok]
    for _ in range(3):
        nxt = [
            c for t in frontier for c in t.children
            if (c.dep_ in ("xcomp", "ccomp") or _is_infinitive(c)) and c.pos_ in ("VERB", "AUX")
        ]
        out.extend(nxt)
        frontier = nxt
    return out


def _absorbed(tok: Token, fired: set[int]) -> bool:
    """A trigger inside the arguments of an event already coded belongs to that event:
    "signed an agreement on military cooperation" is one event, "agreed to hold talks" too."""
    t, steps = tok, 0
    deps = ABSORB_DEPS if tok.pos_ != "VERB" else VERB_ABSORB_DEPS
    while t.head is not t and steps < 8 and (t.dep_ in deps or _is_infinitive(t) or _is_participle(t) or _complement_conj(t)):
        if t.pos_ == "VERB" and t.head.pos_ == "NOUN" and t.dep_ in ("ccomp", "acl"):
            # "dropped its demand that the firms pay": above the noun that holds the
            # complement, climb as from a noun
            deps = ABSORB_DEPS
        if t.dep_ == "pobj" and t.head.head.lemma_.lower() == "anniversary":
            return False  # "the 75th anniversary of the establishment of relations" is its own event
        if t.dep_ == "pobj" and t.head.lower_ in TEMPORAL_PREPS:
            return False  # "broke off relations three months before the invasion": its own event
        t = t.head
        steps += 1
        if t.i in fired:
            return True
    return False


TEMPORAL_PREPS = {"before", "after", "since", "until", "following", "during", "amid", "ahead"}


def _complement_conj(t: Token) -> bool:
    """"demanded that Washington lift the embargo and hand back the base": a verb joined
    to a complement is part of the same complement ("visited Hanoi and signed a deal",
    joined to the main verb, stays an event of its own)."""
    return t.pos_ == "VERB" and t.tag_ == "VB" and t.dep_ == "conj" and t.head.pos_ == "VERB" and (
        t.head.dep_ in ("xcomp", "ccomp") or _is_infinitive(t.head)
    )


def _date_root(sdoc: Doc, d: DateExpr) -> Token | None:
    span = sdoc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    # climb out of the date phrase: "in 2016" → the verb "in" hangs from
    t = root
    for _ in range(3):
        if t.head is t:
            break
        if t.head.i >= span.start and t.head.i < span.end:
            t = t.head
            continue
        t = t.head
        if t.dep_ == "prep" or t.pos_ == "ADP":
            t = t.head
        break
    return t


def _pick_date(tok: Token, dates: list[DateExpr], roots, fired_tokens: set[int], status: str, published: str | None) -> tuple[When, bool]:
    chain = [tok, *tok.ancestors]
    best: tuple[float, DateExpr] | None = None
    for d, att in zip(dates, roots):
        if att is None:
            continue
        if (d.kind == "since" or _starts_with(tok.doc, d, ("since",))) and (status != "reported" or tok.tag_ != "VBN"):
            # "have not met since October": a state since then, not the event's date ("has
            # kept its vessels there since last year" dates the state's start)
            continue
        if att in chain:
            dist = float(chain.index(att))
        elif tok.pos_ != "VERB" and att.i in {t.i for t in tok.subtree}:
            dist = 0.5  # inside the trigger's own phrase: "the 2016 exercise"
        else:
            continue
        if best is None or dist < best[0]:
            best = (dist, d)
    if best is None:
        # One date in the sentence that belongs to no other event and to no clause or
        # noun of its own ("since he took office last October", "the 1951 treaty")
        # applies to this one.
        loose = [
            d for d, att in zip(dates, roots)
            if att is not None and att.i not in fired_tokens and not _date_elsewhere(tok.doc, d, att, chain)
        ]
        if len(dates) == 1 and loose:
            best = (99.0, loose[0])
    if best is not None:
        d = best[1]
        # A present tense with a date of its own that can lie ahead is a schedule:
        # "visits India on 2 April" (not a date that belongs elsewhere in the sentence).
        # ("heads to Mogadishu on Monday for talks": a noun act takes its clause's tense;
        # "is hosting the president on Friday": a present progressive is an arrangement)
        verb = tok if tok.pos_ in ("VERB", "AUX") else _clause_verb(tok)
        # (the date must hang from the act's own verb, not from "said Wednesday" above it)
        own = chain.index(verb) if verb in chain else 0
        present = best[0] <= own and not any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children) and (
            verb.tag_ in ("VBZ", "VBP")
            or (verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re") for c in verb.children))
        )
        ahead = status in ("future", "hypothetical") or present  # "could meet in November"
        return (d.future if ahead else d.past), True
    if published:
        return When(published, "publication"), False
    return When(None, "unknown"), False


CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "acl", "csubj", "xcomp", "conj", "parataxis"}


def _starts_with(sdoc: Doc, d: DateExpr, words: tuple[str, ...]) -> bool:
    span = sdoc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None:
        return False
    before = sdoc[span.start - 1] if span.start > 0 else None
    return span[0].lower_ in words or (before is not None and before.lower_ in words)


def _date_elsewhere(sdoc: Doc, d: DateExpr, att: Token, chain: list[Token]) -> bool:
    """Does the date belong to another clause or describe a noun?"""
    span = sdoc.char_span(d.start, d.end, alignment_mode="expand")
    if span is not None and span.root.dep_ in ("compound", "amod", "nummod", "poss"):
        return True
    t = att
    for _ in range(10):
        if t in chain:
            return False
        if t.dep_ in CLAUSE_DEPS:
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _anniversary(tok: Token, published: str | None) -> str | None:
    """"the 75th anniversary of the establishment of relations" dates the establishment."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "of":
        return None
    ann = tok.head.head
    if ann.lemma_.lower() != "anniversary":
        return None
    for c in ann.children:
        if c.dep_ == "amod" and c.like_num or c.dep_ in ("amod", "nummod") and c.text[:1].isdigit():
            return anniversary_year(c.text, published)
    return None


def _merge(events: list[Event], min_confidence: float) -> list[Event]:
    """One event per (category, sides, date, status) within a document: a repeated
    sentence or a restated fact is counted once, with its best evidence."""
    out: dict[tuple, Event] = {}
    for e in events:
        if e.confidence < min_confidence or not e.actor:
            continue
        a = frozenset(x.code for x in e.actor)
        r = frozenset(x.code for x in e.recipient)
        if not e.symmetric and a == r:
            continue
        # An event with its own date is one event however often it is restated; without
        # one, only the same sentence said twice is the same event.
        when = e.date if e.date_precision not in ("publication", "unknown") else " ".join(e.evidence.text.lower().split())
        key = (e.event, a | r if e.symmetric else (a, r), when, e.status)
        if key not in out or e.confidence > out[key].confidence:
            out[key] = e
    # An undated event beside a dated one of the same kind, sides and status in the same
    # sentence is the same act told twice ("visited Cairo, … who held talks there in
    # August 2015"): keep the dated one.
    dated = {
        (e.event, _sides(e), e.status, e.evidence.start)
        for e in out.values() if e.date_precision not in ("publication", "unknown")
    }
    kept = [
        e for e in out.values()
        if e.date_precision not in ("publication", "unknown") or (e.event, _sides(e), e.status, e.evidence.start) not in dated
    ]
    # in reading order: by sentence, then by where the trigger stands in it
    return sorted(kept, key=lambda e: (e.evidence.start, e.evidence.text.find(e.evidence.trigger), e.id))


def _sides(e: Event) -> tuple:
    a = frozenset(x.code for x in e.actor)
    r = frozenset(x.code for x in e.recipient)
    return (a | r,) if e.symmetric else (a, r)
