"""Roles: who acts and who is acted on, read from the dependency parse.

Handles compound actors ("Pakistan and Russia"), the passive ("was attacked by"),
reported speech (the embedded clause keeps its own subject), noun triggers ("Russia's
supplies to Pakistan", "talks between A and B") and mutual events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..records import Mention

# Prepositions whose object receives the action: "to Pakistan", "against India".
RECIPIENT_PREPS = {"to", "with", "on", "against", "toward", "towards", "into", "at", "for", "from", "over", "in", "upon", "near", "along", "across", "inside"}
NP_DEPS = {"compound", "amod", "poss", "nmod", "flat", "nummod", "npadvmod"}
# People and bodies that belong where they are: "opposition groups in Zimbabwe".
LOCATED_NOUNS = {
    "group", "people", "demonstrator", "protester", "protestor", "opposition", "official", "leader",
    "authority", "resident", "community", "rebel", "militant", "worker", "student", "activist",
    "farmer", "police", "force", "troop", "soldier", "party", "union", "government", "court",
    "ministry", "spokesman", "spokeswoman", "spokesperson", "minister", "office", "authorities",
    # and the places an attack hits: "hideouts in Afghan provinces", "camps in Syria"
    "hideout", "base", "position", "target", "stronghold", "facility",
}
SPEECH_VERBS = {
    "say", "announce", "state", "declare", "add", "insist", "warn", "claim", "tell", "report", "confirm", "indicate",
    "signal", "vow", "promise", "pledge", "threaten", "acknowledge", "admit", "concede", "explain", "stress",
}
PRONOUNS = {"it", "they", "we", "he", "she"}
# Adjectives whose subject is the subject of their infinitive: "Nigeria is likely to sign".
RAISING_ADJECTIVES = {"likely", "unlikely", "about", "poised", "set", "due", "bound", "certain", "sure", "expected"}
# A state's own institutions, named without the state: "the government", "the army".
OWN_INSTITUTIONS = {
    "government", "administration", "cabinet", "ministry", "authority", "army", "military", "navy",
    "country", "nation", "leadership", "president", "presidency", "kingdom", "republic",
}
SUBJECT_DEPS = {"nsubj", "csubj"}
MUTUAL_WORDS = {"joint", "jointly", "mutual", "mutually", "bilateral", "together", "each", "reciprocal", "both"}
# Verbs whose subject undergoes a noun event: "faced sanctions", "came under attack".
UNDERGOER_VERBS = {"face", "suffer", "receive", "endure", "undergo", "come", "survive", "withstand", "weather", "repel", "get", "die", "succumb"}
# For these categories "the X of A" makes A the actor; for the others, the recipient.
OF_NAMES_ACTOR = {"CONSULT", "SUPPORT", "AGREE", "COOPERATE", "AID", "MOBILIZE", "REQUEST", "THREATEN", "PROTEST"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}


@dataclass
class Roles:
    actor: list[Mention]
    recipient: list[Mention]
    symmetric: bool
    how: str  # parse, noun, sentence, context
    domestic: bool = False  # the only recipient named is the actor's own state


class MentionIndex:
    """Which mentions sit on which token."""

    def __init__(self, mentions: list[Mention]):
        self.by_root: dict[int, list[Mention]] = {}
        self.by_token: dict[int, list[Mention]] = {}
        self.mentions = mentions

    def add(self, m: Mention, root: int) -> None:
        self.by_root.setdefault(root, []).append(m)
        for i in range(m.start, m.end):
            self.by_token.setdefault(i, []).append(m)


def np_mentions(tok: Token, idx: MentionIndex, depth: int = 0) -> list[Mention]:
    """All actors named inside the noun phrase headed by `tok`, its conjuncts included."""
    if depth > 4:
        return []
    out: list[Mention] = []
    for t in (tok, *tok.conjuncts):
        own_here = idx.by_root.get(t.i, [])
        ethnic = any(m.kind == "people" for m in own_here)
        if own_here and all(m.kind in ("demonym", "people") for m in own_here) and (ethnic or t.tag_ in ("NNS", "NNPS")):
            # "the Hungarians of eastern Slovakia", "ethnic Russians in Latvia": a people named
            # with the state it lives in is that state's
            home = [
                m for c in t.children if c.dep_ == "prep" and (c.lower_ == "of" or (ethnic and c.lower_ == "in"))
                for p in c.children if p.dep_ == "pobj" for m in np_mentions(p, idx, depth + 1)
                if m.kind in ("state", "place", "historical", "capital")
            ]
            if home:
                out.extend(home)
                continue
        if own_here and all(m.kind == "demonym" for m in own_here):
            # "Bosnian Serbs", "Afghan Tajiks": a people named by its place is one actor,
            # the place's; the modifier is not a second side.
            place = [m for c in t.children if c.dep_ in ("amod", "compound") for m in np_mentions(c, idx, depth + 1)]
            if place:
                out.extend(place)
                continue
        if own_here:
            # "Pakistani Taliban", "Iraqi Kurdish fighters": a group's name modified by the
            # demonym of another state belongs to that state
            other = [
                m for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i
                for m in idx.by_root.get(c.i, []) if m.kind == "demonym" and m.code not in {o.code for o in own_here}
            ]
            if other and all(m.kind != "official" for m in own_here):
                out.extend(other)
                continue
        out.extend(own_here)
        if t.i in idx.by_token and not idx.by_root.get(t.i):
            out.extend(idx.by_token[t.i])
        own = bool(idx.by_root.get(t.i) or idx.by_token.get(t.i))
        for c in t.children:
            if c.dep_ in NP_DEPS or (c.dep_ == "appos" and not own):
                # an apposition describes: "Chile, a close Brazilian partner" is Chile
                out.extend(np_mentions(c, idx, depth + 1))
            elif c.dep_ == "acl" and c.lemma_.lower() in ("base", "headquarter", "headquartered") and t.pos_ in ("NOUN", "PROPN"):
                # "a militia based in Lahore" is Pakistan's
                for q in c.children:
                    if q.dep_ == "prep" and q.lower_ in ("in", "on"):
                        out.extend(m for p in q.children if p.dep_ == "pobj" for m in np_mentions(p, idx, depth + 1))
            elif c.dep_ == "prep" and c.lower_ == "in" and t.lemma_.lower() in LOCATED_NOUNS:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(np_mentions(p, idx, depth + 1))
            elif c.dep_ == "prep" and c.lower_ in ("of", "from") and t.pos_ in ("NOUN", "PROPN"):
                # "the government of Pakistan", "leaders from Russia"; not "supplier of arms"
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(np_mentions(p, idx, depth + 1))
    return _unique(out)


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: set[str] = set()
    out = []
    for m in ms:
        if m.code not in seen:
            seen.add(m.code)
            out.append(m)
    return out


def _subject(verb: Token, idx: MentionIndex, depth: int = 0) -> tuple[list[Mention], bool]:
    """Mentions in the subject of `verb`, climbing through xcomp/conj/advcl; (mentions, passive)."""
    if depth > 5:
        return [], False
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return np_mentions(verb.head, idx), False
            speaker_clause = verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in SPEECH_VERBS
            if c.lower_ in PRONOUNS and speaker_clause:
                # "Ghana said it would permit ...": the pronoun is the speaker
                return _subject(verb.head, idx, depth + 1)[0], False
            found = np_mentions(c, idx)
            if not found and speaker_clause and c.lemma_.lower() in OWN_INSTITUTIONS and not any(
                p.dep_ == "prep" for p in c.children
            ) and any(
                d.lower_ in ("the", "its", "our", "their") for d in c.children if d.dep_ in ("det", "poss")
            ):
                # "Zambia's president said the government would not …": the speaker's own
                # government, ministry or army
                return _subject(verb.head, idx, depth + 1)[0], False
            if not found and speaker_clause and any(p.dep_ == "poss" and p.lower_ in ("its", "their", "our") for p in c.children):
                # "Bosnian Serbs said their forces had completed …"
                return _subject(verb.head, idx, depth + 1)[0], False
            return found, False
        if c.dep_ == "nsubjpass":
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return np_mentions(verb.head, idx), True
            if c.lower_ in PRONOUNS and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS:
                # "Guatemala said it had not been consulted"
                return _subject(verb.head, idx, depth + 1)[0], True
            return np_mentions(c, idx), True
    for c in verb.children:
        # a parser slip: "Azerbaijan massed troops" read with the subject as npadvmod
        if c.dep_ == "npadvmod" and c.i < verb.i and idx.by_root.get(c.i):
            return np_mentions(c, idx), False
    if verb.dep_ == "conj":
        # "A visited B and leaders from C visited D": the parser often hangs the second
        # subject on the first object; take the actors between the conjunction and the verb.
        cc = [t for t in verb.doc[verb.head.i + 1 : verb.i] if t.dep_ == "cc"]
        if cc:
            between = [m for i in range(cc[-1].i + 1, verb.i) for m in idx.by_token.get(i, [])]
            if between:
                return _unique(between), False
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in ("relcl", "acl") and infinitive and verb.head is not verb:
        # "it is time for Serbia and Kosovo to normalise relations": the subject of the
        # infinitive is the object of "for" on the noun
        for c in verb.head.children:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i < verb.i:
                found = [m for p in c.children if p.dep_ == "pobj" for m in np_mentions(p, idx)]
                if found:
                    return found, False
    if (
        verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.lemma_.lower() in RAISING_ADJECTIVES
        and verb.head.dep_ in ("acomp", "attr") and verb.head.head is not verb.head
    ):
        # "Nigeria is likely to sign", "Ecuador is not about to cut ties"
        return _subject(verb.head.head, idx, depth + 1)[0], False
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acl", "ccomp", "acomp", "oprd") and verb.head is not verb:
        head = verb.head
        if verb.dep_ == "pcomp":  # "by exchanging ..." → the verb above the preposition
            head = head.head
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            # "sent a letter accusing France": the letter's sender
            gov = head.head
            if head.dep_ in ("dobj", "pobj", "attr") and gov.pos_ in ("VERB", "AUX", "ADP"):
                gov = gov.head if gov.pos_ == "ADP" else gov
                if gov.pos_ in ("VERB", "AUX") and gov is not verb:
                    return _subject(gov, idx, depth + 1)
            return [], False
        if head.pos_ in ("VERB", "AUX"):
            subj, passive = _subject(head, idx, depth + 1)
            # "Kenya and Uganda are expected to sign": the raised subject signs; "it had
            # not been consulted and asked Mexico …": a conjoined verb has its own voice
            if verb.dep_ == "xcomp" or (verb.dep_ == "conj" and verb.tag_ != "VBN"):
                passive = False
            return subj, passive
    return [], False


def _agent(verb: Token, idx: MentionIndex) -> list[Mention]:
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_mentions(p, idx)
    return []


def _between(tok: Token, idx: MentionIndex) -> list[Mention]:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("between", "among", "amongst"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_mentions(p, idx)
    return []


# A province or city after these prepositions is what the act is aimed at ("strikes on
# Kharkiv", "flew to Lahore"); after any other it is where the act happened ("talks in Doha").
PLACE_TARGET_PREPS = {"on", "against", "upon", "into", "to", "toward", "towards"}
# "arrested … on a US warrant", "at Qatar's request": whose request it was, not whom it hit.
ON_WHOSE_REQUEST = {"warrant", "request", "behest", "behalf"}


def _venue(m: Mention, p: Token, prep: str) -> bool:
    """A place (data/places.tsv) named as the object of a locative preposition."""
    if m.kind != "place" or prep in PLACE_TARGET_PREPS:
        return False
    root = p.doc[m.start : m.end].root
    return root.i == p.i or (root.head.i == p.i and root.dep_ in ("compound", "amod", "flat", "nmod", "poss"))


def _prep_objects(tok: Token, idx: MentionIndex, preps=RECIPIENT_PREPS) -> list[Mention]:
    out: list[Mention] = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj" and not (c.lower_ in ("on", "at") and p.lemma_.lower() in ON_WHOSE_REQUEST):
                    out.extend(m for m in np_mentions(p, idx) if not _venue(m, p, c.lower_))
        elif c.dep_ == "dative":
            out.extend(np_mentions(c, idx))
    return out


def _is_mutual(tok: Token) -> bool:
    """Marked mutual on the act itself or its object: "jointly", "a joint exercise",
    "each other" — not a "both" somewhere else in the sentence."""
    near = [*tok.children, *(g for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr") for g in c.children)]
    if any(c.lower_ in MUTUAL_WORDS and c.dep_ in ("amod", "advmod", "det", "compound", "npadvmod") for c in near):
        return True
    text = " ".join(t.lower_ for t in tok.subtree)
    return "each other" in text or "one another" in text


# Passives that describe the subject's own stance: "Israel is opposed to the plan".
STATIVE_PASSIVES = {"oppose", "commit", "determine", "resolve", "dedicate", "prepare", "dispose", "inclined"}


# Acts done to troops' own side when passive: "Saudi troops remain deployed along the border".
FORCE_PASSIVES = {"deploy", "station", "mobilise", "mobilize", "position", "send", "mass", "dispatch"}


def verb_roles(verb: Token, idx: MentionIndex, venue_in: bool = False, object_in: bool = False) -> Roles:
    """`venue_in`: "in X" names where the act took place ("met in Moscow"), not its recipient.
    `object_in`: "in X" on the object names where it went ("deposited $2 billion in X's bank")."""
    subj, passive = _subject(verb, idx)
    if passive and verb.lemma_.lower() in STATIVE_PASSIVES | FORCE_PASSIVES and not _agent(verb, idx):
        passive = False
    objs: list[Mention] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd"):
            objs.extend(np_mentions(c, idx))
            # "rejected calls by Belarus", "an offer from Kabul"
            objs.extend(_prep_objects(c, idx, (RECIPIENT_PREPS - ({"in"} if not object_in else set())) | {"by"}))
            between = _between(c, idx)
            if between:
                return _mutual(subj + between, "parse")
    objs.extend(_prep_objects(verb, idx, RECIPIENT_PREPS - {"in"} if venue_in else RECIPIENT_PREPS))
    between = _between(verb, idx)
    if passive:
        actor = _agent(verb, idx)
        recipient = subj + [m for m in objs if m not in subj]
        return _finish(actor, recipient, verb, "parse")
    if between:
        return _mutual(subj + between, "parse")
    return _finish(subj, objs, verb, "parse")


def noun_roles(noun: Token, idx: MentionIndex, category: str = "") -> Roles:
    actor: list[Mention] = []
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod"):
            actor.extend(np_mentions(c, idx))
    between = _between(noun, idx)
    for c in noun.children:
        # "the signing of a pact between Kenya and Tanzania"
        if not between and c.dep_ == "prep" and c.lower_ in ("of", "on"):
            for p in c.children:
                if p.dep_ == "pobj":
                    between = _between(p, idx)
    if between:
        return _mutual(actor + between, "noun")
    recipient = _prep_objects(noun, idx, RECIPIENT_PREPS - {"from", "in"})
    of_side = [m for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for p in c.children if p.dep_ == "pobj" for m in np_mentions(p, idx)]
    if of_side:
        # "the visit of the Indian PM" names the actor; "the arrest of two Canadians",
        # "the invasion of Kuwait" name who suffers it.
        if category in OF_NAMES_ACTOR or noun.lemma_.lower() in ("withdrawal", "deployment", "buildup"):
            actor = actor or of_side
        else:
            recipient = recipient + [m for m in of_side if m not in actor]
    actor = [m for m in actor if m not in recipient] or actor
    for c in noun.subtree:
        # "the expulsion of Dutch diplomats by Russia": the agent may hang lower down
        if c.dep_ in ("prep", "agent") and c.lower_ == "by" and c.head.i >= noun.i:
            for p in c.children:
                if p.dep_ == "pobj":
                    actor.extend(np_mentions(p, idx))
        if c.dep_ == "prep" and c.lower_ == "from":
            # "an offer from Kabul" names the actor; "the withdrawal of forces from
            # Panama", "an attack from the sea" name the place acted on
            for p in c.children:
                if p.dep_ == "pobj":
                    if category in ("RETREAT", "MOBILIZE", "ASSAULT", "COERCE", "SANCTION"):
                        place = np_mentions(p, idx)
                        recipient.extend(place)
                        # "the withdrawal of forces from Moldova": the place left is not
                        # the one withdrawing
                        actor = [m for m in actor if m not in place]
                    else:
                        actor.extend(np_mentions(p, idx))
    if not actor and not _in_time_phrase(noun):
        # The governing verb's subject: "Russia has emerged as a supplier of arms to Pakistan".
        t, steps = noun, 0
        while t.dep_ in ("pobj", "prep", "dobj", "attr", "appos", "conj", "oprd", "compound") and t.head is not t and steps < 6:
            t = t.head
            steps += 1
            if t.pos_ in ("VERB", "AUX"):
                subj, passive = _subject(t, idx)
                if t.lemma_.lower() in UNDERGOER_VERBS:
                    # "both countries faced sanctions": the subject receives the action
                    recipient = recipient or subj
                elif not passive:
                    actor = subj
                if not recipient:
                    recipient = [m for m in _prep_objects(t, idx, RECIPIENT_PREPS - {"in"}) if m not in actor]
                break
    return _finish(_unique(actor), _unique(recipient), noun, "noun")


def _mutual(sides: list[Mention], how: str) -> Roles:
    sides = _unique(sides)
    return Roles(sides, sides, len(sides) >= 2, how)


def _finish(actor: list[Mention], recipient: list[Mention], tok: Token, how: str) -> Roles:
    actor = _unique(actor)
    named = _unique(recipient)
    recipient = [m for m in named if m.code not in {a.code for a in actor}]
    if actor and named and not recipient and len(actor) == 1:
        return Roles(actor, [], False, how, domestic=True)
    if len(actor) >= 2 and not recipient:
        # "Pakistan and Russia conducted an exercise": a compound actor acts mutually.
        return Roles(actor, actor, True, how)
    if actor and recipient and _is_mutual(tok):
        both = _unique(actor + recipient)
        return Roles(both, both, True, how)
    return Roles(actor, recipient, False, how)


def _is_mediation(tok: Token) -> bool:
    return any(t.lemma_.lower().startswith("mediat") for t in (tok, *tok.children))


def mediation_roles(tok: Token, idx: MentionIndex, roles: Roles) -> Roles:
    """"Qatar mediated between Israel and Hamas", "the Algerian envoy undertook a mediation
    mission between Mali and Niger": the mediator acts on both parties; no mutual act."""
    if not _is_mediation(tok):
        return roles
    sides: list[Mention] = []
    t = tok
    for _ in range(3):
        sides = _between(t, idx) or [m for c in t.children if c.dep_ in ("dobj", "pobj") for m in _between(c, idx)]
        if sides or t.head is t:
            break
        t = t.head
    codes = {m.code for m in sides}
    if len(codes) < 2:
        return roles
    mediator = [m for m in roles.actor if m.code not in codes]
    if not mediator:
        v = tok
        while v.pos_ not in ("VERB", "AUX") and v.head is not v:
            v = v.head
        if v.pos_ in ("VERB", "AUX"):
            mediator = [m for m in _subject(v, idx)[0] if m.code not in codes]
    if not mediator:
        return roles
    return Roles(_unique(mediator), _unique(sides), False, roles.how)


def protest_roles(tok: Token, idx: MentionIndex, roles: Roles) -> Roles:
    """Protesters are rarely named as a state: "Protests against France spread across
    Niger", "Students demonstrated outside the Chinese embassy in Manila". The place
    gives the actor (its civilians); the target of the protest is the recipient."""
    scope = tok if tok.pos_ == "VERB" else tok.head if tok.head.pos_ == "VERB" else tok
    target: list[Mention] = list(roles.recipient)
    place: list[Mention] = []
    for t in scope.subtree:
        if t.dep_ == "prep" and t.lower_ in ("against", "outside", "at", "near", "over"):
            for p in t.children:
                if p.dep_ == "pobj":
                    target.extend(np_mentions(p, idx))
        elif t.dep_ == "prep" and t.lower_ in ("in", "across", "throughout", "around"):
            for p in t.children:
                if p.dep_ == "pobj":
                    place.extend(np_mentions(p, idx))
    target = _unique(target)
    place = [m for m in _unique(place) if m.code not in {x.code for x in target}]
    if not place:
        return roles
    civilians = [Mention(m.code, m.text, m.start, m.end, m.kind, "CVL") for m in place]
    return Roles(civilians, target, False, "noun")


TIME_PREPS = {"since", "after", "before", "during", "until", "amid", "despite", "following", "prior", "ahead"}


def _in_time_phrase(noun: Token) -> bool:
    """"exchanged prisoners ... since the invasion": a background event, not the subject's act."""
    t = noun
    for _ in range(4):
        if t.dep_ == "pobj" and (t.head.lower_ in TIME_PREPS or (t.head.lower_ == "at" and t is noun)):
            return True  # ("blocked it at a summit": the summit is where, not what)
        if t.dep_ not in ("pobj", "prep", "compound", "amod", "conj") or t.head is t:
            return False
        t = t.head
    return False


def adj_roles(adj: Token, idx: MentionIndex) -> Roles:
    """"France is ready to send troops to Mali": the copula's subject acts; the
    complement's objects receive."""
    head = adj.head if adj.dep_ in ("acomp", "amod", "attr", "oprd") and adj.head is not adj else adj
    subj, _ = _subject(head, idx) if head is not adj else ([], False)
    objs: list[Mention] = []
    for c in adj.children:
        if c.dep_ == "xcomp":
            objs.extend(m for m in verb_roles(c, idx).recipient)
        elif c.dep_ == "prep":
            objs.extend(_prep_objects(adj, idx))
    return _finish(subj, objs, adj, "parse")
