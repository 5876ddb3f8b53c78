"""Whether an English sentence is said as a sentence or is a fragment written to be read.

In: one sentence (plain text, English: the clinician register is English only). Out: whether it
has a verb-like word (``has_verb``) and whether it is a fragment (``fragment``): a line a slide
may show ("No peri-procedural complications.") but a speaker would not say as it stands (issue
20, third trial: "Sentence fragments in notes"). Pure: no rendering library, no file access. The
plan uses it to say a clinician line through its plain-language wording; the talk's notes and the
tests use it to find what a presenter would have to reword.
"""

from __future__ import annotations

import re
from typing import Literal


def _listed(words: str) -> frozenset[str]:
    return frozenset(words.split())


AUXILIARIES = _listed(
    "is are was were be been being am isn't aren't wasn't weren't has have had hasn't haven't "
    "do does did don't doesn't didn't can could cannot can't may might must shall should will "
    "would won't wouldn't it's that's there's"
)
"""Auxiliary and linking verbs: a sentence holding one has a verb."""
VERBS = _listed(
    "say says show shows find finds found need needs help helps lack lacks means keep keeps "
    "ask asks tell tells give gives take takes make makes come comes go goes look looks get gets "
    "work works suggest suggests remain remains seem seems set sets put puts rose fell ran led "
    "gave took made came went saw began thank know think call calls hold holds advise advises "
    "classes lists include includes cover covers leave leaves run runs stay stays rest rests "
    "report reports support supports "
    "answer answers move moves apply applies explain explains differ differs point points "
    "warn warns recommend recommends turn turns try tries change changes start starts follow "
    "follows bring brings weigh weighs matter matters act acts count counts learn search report "
    "let lets check checks ring call phone stop stops use uses do spread numbs passes guides "
    "stands widens thanks stretch stretches exist exists talk talks decide decides read used chose"
)
"""Common finite verbs without the past tense's "-ed" (present forms and irregular pasts)."""
ADJECTIVAL = _listed(
    "combined randomized randomised controlled blinded assessed confirmed selected based related "
    "detailed limited registered expected unexpected unrelated untreated skilled advanced "
    "published unpublished infused"
)
"""Words ending in "-ed" that the talk uses as adjectives ("mean new combined MRI lesions")."""
_WORD = re.compile(r"[A-Za-z’']+")
_LABEL_COUNT = re.compile(r"^[A-Z][\w %-]{0,40}: [^.]*\d\s*(?: of |/)\s*\d")
"""A label read out with its count ("Serious adverse events: 5 of 49 ...", "Venographic CCSVI:
1/65 (MS), ...", "Over 50% narrowing of any major vein: 48/65 ...")."""
_CONNECTIVE_OPENING = ("Hence ", "Thus ", "Therefore, ")
"""An opening that leans on the slide line before it ("Hence randomized ... designs")."""


_SENTENCE_END = re.compile(r"(?<=[.!?])([)\]”\"']*)\s+(?=[A-Z0-9“\"]|p ?[=<])")

PAST_OPENINGS = _listed("had met got became needed")
"""Irregular or short past forms that open an outcome label said of people ("Had a relapse")."""
SINGULAR_MEASURES = _listed("change number rate proportion score share mean difference risk")
"""Singular nouns opening an outcome label that take "the" when said ("the change in ...")."""


def sentences(text: str) -> list[str]:
    """``text`` split into sentences: at a full stop, question or exclamation mark followed by a
    space and a capital, a digit, an opening quote or a p-value ("... arms. p = 0.15 ...")."""
    return [s.strip() for s in _SENTENCE_END.sub("\\1\n", " ".join(text.split())).split("\n") if s.strip()]


def has_verb(sentence: str) -> bool:
    """Whether ``sentence`` holds a verb-like word: an auxiliary, a common finite verb, or a word
    ending in "-ed" that is not one of the talk's adjectives (``ADJECTIVAL``)."""
    for token in _WORD.findall(sentence):
        word = token.casefold().replace("’", "'")
        if word in AUXILIARIES or word in VERBS:
            return True
        if word.endswith("ed") and len(word) > 4 and word not in ADJECTIVAL:
            return True
    return False


_ANSWER_WORD = re.compile(r"(?:Yes|No|Oui|Non|Sí)[.!]")
"""A one-word answer, said as a sentence of its own before its reason ("No. Three sham-controlled
trials found ...", issue 20, seventh round)."""


def fragment(sentence: str) -> bool:
    """Whether ``sentence`` is written to be read, not said: it has no verb (``has_verb``), opens
    with a connective leaning on a line before it ("Hence ..."), or reads a label and a count out
    ("Serious adverse events: 5 of 49 ..."). A one-word answer ("No.") is said, not read."""
    text = sentence.strip()
    if _ANSWER_WORD.fullmatch(text):
        return False
    return not has_verb(text) or text.startswith(_CONNECTIVE_OPENING) or bool(_LABEL_COUNT.match(text))


def known_fragment(sentence: str) -> bool:
    """Whether ``sentence`` has one of the shapes a slide line takes and a speaker rewords: "No X."
    without a verb ("No peri-procedural complications."), an opening connective ("Hence ..."),
    or a label read out with its count. A verbless item of a list ("Cranial nerve damage;
    abdominal bleeding.") is not one: the talk says a list as one sentence (``talk_text.listed``)."""
    text = sentence.strip()
    verbless_no = text.startswith("No ") and not has_verb(text)
    return verbless_no or text.startswith(_CONNECTIVE_OPENING) or bool(_LABEL_COUNT.match(text))


def read_not_said(text: str) -> bool:
    """Whether any sentence of ``text`` is a ``known_fragment``."""
    return any(known_fragment(s) for s in sentences(text))


_UNSAID_BRACKET = re.compile(
    r"(?<=[A-Z]{2})\s\((?:1[89]|20)\d\d\)"  # a year after a body's acronym: "the FDA (2012)"
    r"|\s\([A-Z][A-Za-z]{1,11},? (?:1[89]|20)\d\d\)"  # a body and its year: "(CIRSE, 2011)"
    r"|\s\([A-Z]{1,4}\d{3,6}\)"  # a guidance or coverage code: "(IPG640)", "(L35028)"
    r"|(?<=”)\s\([A-Z]{2,6}\)"  # an acronym after a quoted name: "“transvascular ...” (TVAM)"
)
"""A bracket a presenter does not read out (issue 20, fourth trial: "the FDA (2012)", "(CIRSE,
2011)", "(IPG640)", "(TVAM)" read aloud). Kept: a bracket holding a p-value, a count or words, a
year after anything but an acronym ("Speaker fees from Example Pharma (2026)", a declaration said
as shown), and an acronym introduced after its words ("US Food and Drug Administration (FDA)")."""


def without_unsaid_brackets(text: str) -> str:
    """``text`` (spoken notes, any language) with each bracket a presenter does not read out
    (``_UNSAID_BRACKET``: a year, a body and year, a code, an acronym) left out, with the space
    before it. The slide still shows them; what is said keeps its sense without them."""
    return _UNSAID_BRACKET.sub("", text)


MeasureForm = Literal["whether", "the", "plain"]


def measure_form(label: str) -> MeasureForm:
    """How an English outcome ``label`` runs on in a sentence that names it, never read out in
    quotes (issue 20, fifth round): "whether" for a label opening with a past verb said of people
    ("Improved on a combined function test", "Had a relapse": "whether people improved ..."),
    "the" for one opening with a singular measure ("Change in physical quality of life score":
    "the change in ..."), else "plain" ("new active brain lesions on MRI")."""
    words = _WORD.findall(label)
    first = words[0].casefold() if words else ""
    if first in PAST_OPENINGS or (first.endswith("ed") and len(first) > 4 and first not in ADJECTIVAL):
        return "whether"
    return "the" if first in SINGULAR_MEASURES else "plain"


_P_NUMBER = r"\bp\b[^\d.;:()]{0,20}?[<=≤]?\s*\d+(?:[.,]\d+)?"
"""A p-value in any language: the letter p standing alone as a word ("p", "p-value", "valeur p",
"valor p"), then within a few words its number ("p = 0.389", "p equals 0.062", "p-value of
0.062", "valeur p de 0,062", "valores p fueron 0,62")."""
_P_BRACKET = re.compile(r"\s*\(\s*" + _P_NUMBER + r"[^()]*\)", re.IGNORECASE)
_P_CLAUSE = re.compile(r",[^,.;:()]*?" + _P_NUMBER + r"(?=[.;!?)]|$)", re.IGNORECASE)
_P_ANY = re.compile(_P_NUMBER, re.IGNORECASE)


_SPOKEN_END = re.compile(r"(?<=[.!?…])([)\]”»\"'’]*)[ \n]+(?=[A-Z0-9“\"‘¿¡ÁÉÍÓÚÀÈÊÇÑ])|\n")
"""Between two sentences of notes in any language (``script.sentences``' rule; a no-break space
is kept, never taken for a break)."""


def without_p_values(notes: str) -> str:
    """``notes`` as said to patients (issue 20: no p-value read to patients), in any language,
    found by its shape rather than by English words: a bracket giving a p-value ("(p = 0.389)")
    and a closing clause giving one (", with a p-value of 0.062", ", avec une valeur p de 0,062")
    left out; a sentence still giving one ("The p-value was 0.95.", "Los valores p fueron 0,62
    para ...") dropped. Sentences are joined by a space."""
    kept = []
    for part in (x.strip() for x in _SPOKEN_END.sub("\\1\n", notes).split("\n") if x.strip()):
        part = _P_CLAUSE.sub("", _P_BRACKET.sub("", part))
        if not _P_ANY.search(part):
            kept.append(part)
    return " ".join(kept)


RELATIVES = _listed("that which who whom whose where")
"""Words opening a relative clause: a verb after one ("nerves that come straight from the
brain") belongs to the clause, not to the sentence."""
DETERMINERS = _listed("the a an this these those its their his her our your")
"""Words before a noun: an "-ed" word after one is an adjective ("the treated vein")."""


def has_main_verb(sentence: str) -> bool:
    """Whether ``sentence`` (English) has a verb of its own, not only the verb of a relative
    clause (``RELATIVES``: the first verb after one, "nerves that come ...") nor an "-ed" word used as an adjective after a
    determiner (``DETERMINERS``): "Damage to nerves that come straight from the brain, and
    bleeding in the belly." and "Blood clots, and damage to the treated vein." have none, so
    they are items of a list; ``has_verb`` finds a verb in both."""
    clause, before = False, ""  # in a relative clause whose own verb is still to come
    for part in re.findall(r"[A-Za-z’']+|,", sentence):
        if part == ",":
            clause, before = False, ""
            continue
        word = part.casefold().replace("’", "'")
        if word in RELATIVES and before:
            clause = True
        elif _finite(word, before):
            if not clause:
                return True
            clause = False  # the clause's own verb: a later one is the sentence's
        before = word
    return False


def _finite(word: str, before: str) -> bool:
    """Whether ``word`` (case-folded) is a verb of the sentence: an auxiliary, a common verb, or
    an "-ed" word (not an adjective of the talk) that no determiner comes before."""
    if word in AUXILIARIES or word in VERBS:
        return True
    return word.endswith("ed") and len(word) > 4 and word not in ADJECTIVAL and before not in DETERMINERS
