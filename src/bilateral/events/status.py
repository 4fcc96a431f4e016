"""Status: did the event happen (reported), is it planned (future), only proposed or
conditional (hypothetical), or denied (negated)?

A recommendation, wish, condition or proposal is never `reported`: whatever "can",
"could", "should", "must" or "need to" happen is hypothetical.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

HYPOTHETICAL_AUX = {"can", "could", "should", "must", "might", "may", "ought", "would", "shall"}
FUTURE_AUX = {"will", "'ll", "wo"}
# Verbs whose complement has not happened: "proposed to hold talks", "hopes to visit".
HYPOTHETICAL_GOVERNORS = {
    "suppose", "propose", "suggest", "recommend", "hope", "wish", "want", "seek", "consider", "explore",
    "need", "urge", "call", "ask", "appeal", "demand", "press", "encourage", "advise", "try",
    "attempt", "would", "could", "potential", "opportunity", "possibility", "chance", "aim",
    "like", "prefer", "discuss", "weigh", "mull", "study", "push", "ought", "envisage", "envision",
    "foresee", "contemplate", "advocate", "favour", "favor", "unlikely", "let",
}
# Verbs whose complement is announced for later: "plans to visit", "agreed to hold talks".
FUTURE_GOVERNORS = {
    "plan", "intend", "expect", "schedule", "set", "prepare", "due", "decide", "agree",
    "promise", "pledge", "vow", "offer", "threaten", "invite", "announce", "commit", "resolve",
    "go", "arrange", "be", "likely", "poised", "about", "bound", "certain", "ready", "eager", "keen",
}
# Adjectives and nouns of necessity or advice whose clause has not happened: "it is
# essential that A and B sign", "it is time for A to act", "the best course is to …".
IRREALIS_WORDS = {
    "essential", "important", "vital", "necessary", "crucial", "imperative", "urgent", "advisable",
    "desirable", "wise", "better", "best", "key", "time", "case", "need", "option", "way", "answer",
    "solution", "priority", "task", "aim", "goal", "idea", "hope", "chance", "opportunity", "reason",
    "course", "step", "move", "remedy", "challenge", "sensible", "prudent", "right", "authority", "power",
    "possible", "unlikely", "likely", "conceivable", "probable", "doubtful", "uncertain", "unclear",
}
# Passives of need whose subject has not happened: "talks are needed", "cooperation is required".
# Nouns whose complement has not happened: "the idea of a summit", "an offer of talks".
IDEA_NOUNS = {"openness", "readiness", "willingness", "desire", "interest", "need", "favour", "favor", "idea", "prospect", "possibility", "option", "proposal", "suggestion", "offer", "hope", "chance", "notion", "prospects", "call", "demand", "request", "appeal"}
PLAN_NOUNS = {"plan", "plans", "schedule", "timetable", "preparation", "preparations"}
# A document's terms: "the draft provides for …", "the accord foresees …".
DOCUMENT_NOUNS = {
    "plan", "proposal", "draft", "text", "framework", "roadmap", "resolution", "deal", "agreement", "accord",
    "treaty", "initiative", "package", "blueprint", "formula", "bill", "memorandum", "pact", "declaration", "report",
    "clause", "article", "provision", "mechanism",
}
STIPULATING_VERBS = {"provide", "foresee", "envisage", "envision", "propose", "stipulate", "require", "call", "outline", "entail", "contemplate", "allow", "permit"}
HEDGES = {"perhaps", "maybe", "possibly", "ideally", "conceivably", "hypothetically", "theoretically"}
# Nouns of speculation whose "that" clause has not happened: "there is a chance that …",
# "speculation is growing that …".
SPECULATION = {"chance", "possibility", "prospect", "speculation", "rumour", "rumor", "hope", "expectation", "fear", "likelihood", "risk", "danger", "talk"}
IN_PLANNING = {"works", "pipeline", "offing", "making", "preparation"}
UNDER_WORDS = {"discussion", "consideration", "review", "study", "negotiation", "examination", "debate"}
# Events that are scheduled rather than decided: announcing one announces a plan.
SCHEDULED_NOUNS = {
    "visit", "trip", "tour", "talk", "talks", "meeting", "summit", "negotiation", "consultation", "dialogue",
    "exercise", "drill", "manoeuvre", "maneuver", "conference", "round", "session", "call", "mission", "deployment",
}
SCHEDULING_VERBS = {"set", "schedule", "plan", "slate", "expect", "due", "earmark", "pencil"}
NEEDED_VERBS = {"need", "require", "want", "recommend", "propose", "suggest", "urge", "envisage", "advise", "encourage"}
# Nouns of a course of action: "the first step is a meeting …", "the answer is a treaty".
COURSE_WORDS = {
    "step", "option", "answer", "solution", "priority", "way", "aim", "goal", "idea", "hope", "remedy",
    "task", "course", "need", "key", "prospect", "objective", "target", "ambition", "dream", "wish", "alternative",
}
NOUN_HYPOTHETICAL_VERBS = {"deserve", "float", "explore", "seek", "propose", "suggest", "discuss", "consider", "want", "hope", "need", "study", "examine", "weigh", "mull", "promote", "encourage", "push", "urge", "demand", "request", "call", "ask", "pursue"}
NOUN_FUTURE_VERBS = {"plan", "schedule", "expect", "prepare", "announce", "arrange", "await"}
CAUSATIVES = {"have", "help", "allow", "enable", "let", "make", "permit", "force", "get", "see"}
# What a noun event is when it has not happened: "a visit remains a distant prospect".
PROSPECTS = {
    "prospect", "possibility", "dream", "goal", "ambition", "aspiration", "objective", "target", "wish", "forward",
    "possible", "conceivable", "feasible", "overdue", "needed", "required", "unlikely", "likely", "desirable", "welcome",
}
FOILING_VERBS = {"foil", "thwart", "avert", "abort", "frustrate"}
NEGATING_GOVERNORS = {"refuse", "fail", "deny", "decline", "reject", "rule", "avoid", "stop", "halt", "cancel"}
FUTURE_MODIFIERS = {"planned", "upcoming", "scheduled", "forthcoming", "proposed", "future", "expected", "next", "prospective"}
HYPOTHETICAL_MODIFIERS = {"possible", "potential", "hypothetical", "would-be", "mooted", "suggested"}
CONDITION_MARKS = {"if", "unless", "whether", "provided", "once"}
_NOUN_UP = {"dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "appos", "compound", "conj", "amod", "npadvmod", "oprd", "dative", "agent", "pcomp", "acomp", "nmod", "poss"}


_GOVERNOR_FORMS: dict[str, str] = {}


def _lemma(tok: Token) -> str:
    """The token's lemma, or the governor word its form inflects: the small model's
    lemmatizer errs on some ("hopes" → "hop")."""
    if not _GOVERNOR_FORMS:
        from .tables import verb_forms

        for w in sorted(HYPOTHETICAL_GOVERNORS | FUTURE_GOVERNORS | NEGATING_GOVERNORS | NOUN_HYPOTHETICAL_VERBS | NOUN_FUTURE_VERBS):
            for f in verb_forms(w):
                _GOVERNOR_FORMS.setdefault(f, w)
    return _GOVERNOR_FORMS.get(tok.lower_, tok.lemma_.lower())


def _clause_verb(tok: Token) -> Token:
    """The verb that governs a noun trigger ("signed a deal" → signed)."""
    t = tok
    steps = 0
    while t.pos_ not in ("VERB", "AUX") and t.dep_ in _NOUN_UP and t.head is not t and steps < 8:
        t = t.head
        steps += 1
    return t


def _own(verb: Token) -> str | None:
    """Status marked on one verb by its own auxiliaries and negation."""
    for c in verb.children:
        if c.dep_ == "neg":
            return "negated"
        if c.dep_ == "advmod" and c.lower_ in ("nearly", "almost") and verb.pos_ == "VERB":
            return "negated"  # "nearly cut ties": it did not
        if c.dep_ == "advmod" and c.lower_ in HEDGES:
            return "hypothetical"  # "perhaps", "ideally"
        if c.dep_ == "prep" and c.lower_ == "in" and any(p.lower_ in ("theory", "principle") for p in c.children):
            return "hypothetical"  # "in theory, A and B share …"
        if c.dep_ == "advcl" and c.lower_ in ("assuming", "providing", "provided") and verb.tag_ not in ("VBD", "VBN"):
            return "hypothetical"  # "signs the agreement, assuming parliament agrees"
        # "No Russian leader has visited", "made no visit"
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children):
            return "negated"
    reported_offer = verb.dep_ == "ccomp" and verb.head.tag_ in ("VBD", "VBN") and any(
        c.dep_ == "aux" and c.lower_ == "would" for c in verb.children
    )  # ("said they would meet him if …": a conditional offer, announced; see below)
    if not reported_offer and verb.tag_ not in ("VBD", "VBN") and any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children) for c in verb.children
    ):
        # "… will sign if talks succeed", wherever the condition stands; "threatened action
        # unless …" happened: a past-tense act with a condition attached is reported
        return "hypothetical"
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass"):
            w = c.lower_
            if w in FUTURE_AUX:
                return "future"
            if w in HYPOTHETICAL_AUX:
                return "would" if w == "would" else "hypothetical"
            if w == "going" or (w == "to" and verb.head.lemma_ in ("go",)):
                return "future"
        if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS:
            return "hypothetical"
        if c.dep_ == "mark" and c.lower_ == "for" and any(s.dep_ == "nsubj" for s in verb.children):
            # "the key is for Fiji to host …", "a case for Brazil to supply …": an
            # infinitive with its own subject after "for" is a course of action, not a fact
            return "hypothetical"
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            # "… will sign if talks succeed" is conditional; "threatened action unless …"
            # happened: a past-tense act with a condition attached is reported
            if verb.tag_ not in ("VBD", "VBN"):
                return "hypothetical"
    return None


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def status_of(trigger: Token) -> str:
    status = _status_of(trigger)
    if status == "reported" and _advised(trigger):
        return "hypothetical"
    if status == "reported" and _scheduled(trigger):
        return "future"
    return status


AHEAD_WORDS = {"next", "coming", "upcoming", "tomorrow", "soon", "shortly"}


def _scheduled(trigger: Token) -> bool:
    """A present tense with a time ahead is a schedule: "hosts the president later this
    month", "travels to Nairobi next week"."""
    verb = _clause_verb(trigger)
    present = verb.tag_ in ("VBZ", "VBP") or (
        verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "am") for c in verb.children)
    ) or (  # the tagger reads some finite present verbs as bare forms
        verb.tag_ == "VB" and any(c.dep_ == "nsubj" for c in verb.children) and not any(c.dep_ == "aux" for c in verb.children)
    )
    if not present or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    for c in verb.children:
        if c.dep_ in ("npadvmod", "advmod", "prep", "tmod"):
            words = [t.lower_ for t in c.subtree]
            if AHEAD_WORDS & set(words) or any(a == "later" and b == "this" for a, b in zip(words, words[1:])):
                return True
    return False


# Headings over a section of advice: "Ways forward", "What Nairobi should do", "Next steps".
_ADVICE_HEADING = re.compile(
    r"\b(should|ought|must|recommend\w*|ways? forward|next steps?|what next|options?|proposals?|road ahead|"
    r"looking ahead|prescriptions?|to do|agenda|what (?:\w+ ){0,3}(?:can|could|needs? to) do)\b",
    re.IGNORECASE,
)
_PARAGRAPH = re.compile(r"\n\s*\n")


def _advice_sections(doc) -> list[tuple[int, bool]]:
    """(start of paragraph, whether it stands under an advice heading), once per document."""
    key = "bilateral_advice_sections"
    if key not in doc.user_data:
        out, under, pos = [], False, 0
        for part in _PARAGRAPH.split(doc.text):
            start = doc.text.find(part, pos)
            pos = start + len(part)
            line = part.strip()
            words = line.split()
            if out and words and len(words) <= 10 and not line.endswith((".", "!", '"', "”")) and "\n" not in line:
                # a heading opens a section (the first paragraph is the title, not a heading)
                under = bool(_ADVICE_HEADING.search(line))
            out.append((start, under))
        doc.user_data[key] = out
    return doc.user_data[key]


def _advised(trigger: Token) -> bool:
    """An act told in the present or the imperative is advice, not a fact, under a heading
    of advice ("Ways forward: Both sides resume talks …") or as a bare imperative ("Send an
    envoy to Mogadishu.")."""
    verb = _clause_verb(trigger)
    root = verb
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ == "ROOT" and root.tag_ == "VB" and root.i == root.sent.start and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children
    ):
        return True  # an imperative
    if verb.pos_ in ("VERB", "AUX") and verb.tag_ not in ("VBP", "VBZ", "VB"):
        return False  # (a past act told in a section of advice is background; a verbless line is not)
    under = False
    for start, flag in _advice_sections(trigger.doc):
        if start > trigger.sent.start_char:
            break
        under = flag
    return under


def _status_of(trigger: Token) -> str:
    sent = trigger.sent
    if sent.text.rstrip().endswith("?"):
        return "hypothetical"
    if trigger.pos_ in ("NOUN", "PROPN"):
        if trigger.tag_ == "NN" and trigger.lemma_.lower() == "talk" and any(c.dep_ == "prep" and c.lower_ == "of" for c in trigger.children):
            return "hypothetical"  # "there is talk of a summit": speculation, not talks
        for c in trigger.children:
            if c.lower_ in ("no",) and c.dep_ == "det":
                return "negated"
            if c.dep_ in ("amod", "compound") and c.lower_ in FUTURE_MODIFIERS:
                return "future"
            if c.dep_ in ("amod", "compound") and c.lower_ in HYPOTHETICAL_MODIFIERS:
                return "hypothetical"
        head = trigger.head
        if trigger.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in ("be", "remain", "seem", "look") and any(
            c.dep_ in ("attr", "acomp") and c.lemma_.lower() in IRREALIS_WORDS | PROSPECTS for c in head.children
        ):
            return "hypothetical"  # "a visit by the prime minister remains a distant prospect"
        if trigger.dep_ == "nsubjpass" and _lemma(head) in SCHEDULING_VERBS and _own(head) is None:
            return "future"  # "talks between A and B are set for March"
        if trigger.dep_ == "nsubjpass" and _lemma(head) in NEEDED_VERBS:
            return "hypothetical"  # "more cooperation between A and B is needed"
        if trigger.dep_ == "attr" and head.lemma_.lower() == "be" and head.tag_ in ("VBZ", "VBP", "VB"):
            subj = [c for c in head.children if c.dep_ in ("nsubj", "csubj")]
            if any(c.dep_ == "nsubj" and c.lemma_.lower() in COURSE_WORDS for c in subj) or any(
                c.dep_ == "csubj" and _lemma(c) in HYPOTHETICAL_GOVERNORS for c in subj
            ):
                # "the first step is a meeting between …", "what Kyiv needs is more aid"
                return "hypothetical"
        # "floated the idea of a summit", "an offer of talks", "plans for a visit"
        t, steps = trigger, 0
        while t.dep_ in ("pobj", "prep") and t.head is not t and steps < 4:
            t, steps = t.head, steps + 1
            if t.pos_ == "NOUN" and t.lemma_.lower() in IDEA_NOUNS:
                return "hypothetical"
            if t.pos_ == "NOUN" and t.lemma_.lower() in PLAN_NOUNS:
                return "future"
    verb = _clause_verb(trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and verb is not trigger:
        if any(c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in verb.children) and _lemma(verb) in STIPULATING_VERBS:
            return "hypothetical"  # "the draft provides for the withdrawal of …": a term, not an act
        if verb.lemma_.lower() in ("be", "remain") and any(
            c.dep_ == "prep" and c.lower_ == "under" and any(p.lemma_.lower() in UNDER_WORDS for p in c.children)
            for c in verb.children
        ):
            return "hypothetical"  # "an easing of sanctions is under discussion"
        if verb.lemma_.lower() in ("be", "remain") and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(p.lower_ in IN_PLANNING for p in c.children)
            for c in verb.children
        ):
            return "future"  # "a summit between A and B is in the works"
    if verb.lemma_.lower() == "be" and _own(verb) is None and any(
        c.dep_ == "acomp" and c.lower_ in ("due", "set", "scheduled", "slated") for c in verb.children
    ):
        return "future"  # "the president is due in Kampala next week for talks"
    if verb is not trigger and _lemma(verb) in FOILING_VERBS and _own(verb) != "negated":
        return "negated"  # "police foiled an attack on the embassy", "the raid was thwarted"
    if verb is not trigger:
        # A noun event under a verb of seeking or planning has not happened yet:
        # "explore opportunities for cooperation", "planned a visit".
        vl = _lemma(verb)
        if vl in NOUN_HYPOTHETICAL_VERBS and _own(verb) != "negated":
            return "hypothetical"
        if vl in NOUN_FUTURE_VERBS and _own(verb) != "negated" and (vl != "announce" or trigger.lemma_.lower() in SCHEDULED_NOUNS):
            # ("announced a suspension of flights" is the decision itself; "announced a
            # visit" is a plan)
            return "future"
    t = verb
    for _ in range(8):
        own = _own(t)
        if own == "would":
            # "said it would send aid": future in the past; elsewhere a condition.
            head = t.head
            return "future" if t.dep_ == "ccomp" and head.tag_ in ("VBD", "VBN") else "hypothetical"
        if own:
            return own
        head = t.head
        if head is t:
            break
        if t.dep_ == "conj" and t.tag_ in ("VBD", "VBZ", "VBP") and t.pos_ == "VERB":
            break  # "had not been consulted and asked Mexico": a finite verb has its own status
        if t.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children) and (
            head.lemma_.lower() in SPECULATION
            or any(c.dep_ == "nsubj" and c.lemma_.lower() in SPECULATION for c in head.children)
        ):
            return "hypothetical"  # "there is a chance that …", "speculation is growing that …"
        if t.dep_ in ("relcl", "acl", "advcl") and _infinitive(t) and head.lemma_.lower() in IRREALIS_WORDS:
            return "hypothetical"  # "it is time for Serbia and Kosovo to normalise relations"
        if t.dep_ in ("xcomp", "conj", "pcomp", "advcl", "prep", "pobj", "dobj", "acl", "oprd", "attr", "nsubj"):
            if t.dep_ == "xcomp" or (t.dep_ in ("pcomp", "pobj", "prep") and head.pos_ in ("VERB", "AUX", "ADP", "NOUN")):
                gl = _lemma(head)
                if gl in NEGATING_GOVERNORS and t.dep_ == "xcomp":
                    return "negated"
                if gl in HYPOTHETICAL_GOVERNORS and t.dep_ in ("xcomp", "pobj", "pcomp"):
                    return "hypothetical"
                if gl in ("have", "be") and t.dep_ == "xcomp" and _infinitive(t) and any(
                    c.dep_ == "advmod" and c.lower_ == "yet" for c in head.children
                ):
                    return "negated"  # "Kenya has yet to recognise Kosovo": it has not
                if gl == "have" and t.dep_ == "xcomp" and _infinitive(t) and head.tag_ in ("VBZ", "VBP", "VB"):
                    return "hypothetical"  # "Nepal has to negotiate": an obligation, not an act
                if head.pos_ == "ADJ" and head.dep_ in ("acomp", "attr") and _own(head.head) == "negated":
                    return "negated"  # "Ecuador is not about to cut ties"
                if gl in FUTURE_GOVERNORS and t.dep_ == "xcomp":
                    # an own-negated governor: "did not agree to visit" → negated
                    gov = _own(head)
                    if gov == "negated":
                        return "negated"
                    if gov in ("hypothetical", "would"):
                        return "hypothetical"
                    return "future"
            t = head
            continue
        if t.dep_ == "ccomp":
            if _lemma(head) in HYPOTHETICAL_GOVERNORS | {"propose", "suggest", "recommend", "insist"}:
                return "hypothetical"
            if head.lemma_.lower() == "let" and not any(c.dep_ == "nsubj" for c in head.children):
                return "hypothetical"  # "Let Pakistan and India hold talks": an exhortation
            if head.pos_ in ("AUX", "VERB") and any(
                c.dep_ in ("acomp", "attr") and c.lemma_.lower() in IRREALIS_WORDS for c in head.children
            ):
                return "hypothetical"  # "it is essential that Kenya and Uganda sign …"
            if head.lemma_.lower() in CAUSATIVES:
                # "the treaty could help the two countries coordinate …"
                t = head
                continue
            break
        if t.dep_ in ("relcl",):
            break
        t = head
    return "reported"
