"""Syllables of words, offline: English, French and Spanish by rule, other languages from
hyphenation dictionaries.

Readability formulas need syllable counts. Dictionary-based counters (textstat's English one)
download their data at run time; these rules need nothing. They count vowel groups and correct
for each language's usual exceptions:

* English: silent final ``e`` (not ``-le`` after a consonant), silent ``-ed`` / ``-es``, vowel
  pairs said as two syllables (``tri-al``, ``be-ing``), and a short list of irregular words;
* French: a mute final ``e``/``es`` after a consonant;
* Spanish: two strong vowels (a, e, o) or an accented weak one (í, ú) are two syllables; the
  ``u`` of ``que``/``qui``/``gue``/``gui`` is silent; a final ``y`` after a vowel is a vowel.

They are rules, not a dictionary: ``tests/checks/test_syllables.py`` measures them on word lists.

Any other language with a hyphenation dictionary in pyphen (the LibreOffice/Hunspell patterns:
German, Dutch, Italian, Portuguese and about 40 more) is counted from its hyphenation points:
the pieces of a word hyphenated at every point the patterns allow, a piece without a vowel
joined to its neighbour. Hyphenation points fall between syllables, so this is a syllable count
as good as the patterns (``Be-hand-lung`` 3, ``Skle-ro-se`` 3). A language with neither has no
counter (``counter`` returns None); the readability check then says it is not measured.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pyphen

_EN_EXCEPTIONS = {
    "the": 1,
    "every": 2,
    "everyone": 3,
    "everyday": 3,
    "everything": 3,
    "business": 2,
    "different": 3,
    "interest": 3,
    "evening": 2,
    "area": 3,
    "idea": 3,
    "create": 2,
    "created": 3,
    "science": 2,
    "quiet": 2,
    "diet": 2,
    "people": 2,
    "fire": 1,
    "hour": 1,
    "our": 1,
    "poem": 2,
    "lion": 2,
    "theory": 3,
    "hundred": 2,
    "guideline": 2,
    "guidelines": 2,
    "theatre": 3,
    "neurologist": 4,
    "neurology": 4,
    "reuse": 2,
    "someone": 2,
    "something": 2,
    "sometimes": 2,
    "somewhere": 2,
    "whereas": 2,
    "therefore": 2,
    "maybe": 2,
    "anyone": 3,
    "forever": 3,
    "moreover": 3,
    "recipe": 3,
    "society": 4,
    "ms": 2,
    "mri": 3,
    "fda": 3,
    "dmt": 3,
    "pta": 3,
    "usa": 3,
    "uk": 2,
    "ccsvi": 5,
    "pml": 3,
    "cihr": 4,
}
"""Words the rules get wrong, and initialisms read letter by letter (MS is "em-ess")."""
_EN_VOWELS = re.compile(r"[aeiouy]+")
_EN_SUFFIX_E = re.compile(r"(?<=[^aeiouy])e(?=(?:ly|ful|fully|ment|ments|ness|less|ty)$)")
_EN_HIATUS = (
    re.compile(r"(?<![cgstx])ia"),  # tri-al, me-di-a (not so-cial, A-sian)
    re.compile(r"[aeiouy]ing"),  # be-ing, do-ing, play-ing
    re.compile(r"(?<![cgstx])ien(?=[ct])"),  # ex-pe-ri-ence, cli-ent (not pa-tient)
    re.compile(r"(?<![qg])ua(?!r)"),  # ac-tu-al, u-su-al (not qual-i-ty, lan-guage)
    re.compile(r"(?<!q)uo"),  # con-tin-u-ous
    re.compile(r"iet"),  # va-ri-e-ty
    re.compile(r"[aeo]y[aeiou]"),  # lay-er, be-yond, roy-al
    re.compile(r"eo(?!n$|us)"),  # vid-e-o, ge-og-ra-phy (not sur-geon, gor-geous)
    re.compile(r"(?<=[lrn])ui(?=[dn])"),  # flu-id, ru-in, gen-u-ine
    re.compile(r"^(?:re|pre|de)(?=[io])"),  # re-in-force, de-i-ty, pre-op-er-a-tive
)


def english(word: str) -> int:
    """Syllables of an English word (at least 1 for any word with a letter)."""
    w = re.sub(r"[^a-z]", "", word.lower())
    if not w:
        return 0
    for form in (w, w[:-1] if w.endswith("s") else "", w[:-2] if w.endswith("es") else ""):
        if form in _EN_EXCEPTIONS:
            return _EN_EXCEPTIONS[form]
    if len(w) <= 3:
        return 1
    core = _EN_SUFFIX_E.sub("", _english_endings(w))
    count = len(_EN_VOWELS.findall(core)) + sum(len(rule.findall(core)) for rule in _EN_HIATUS)
    count += _english_io(core)
    if core.startswith("y") and len(core) > 1 and core[1] in "aeiou":
        count -= 1  # a leading y before a vowel is a consonant: yes, you
    return max(count, 1)


def _english_endings(w: str) -> str:
    """The word without a silent ending: -ed (not after t or d), -es, or a final e."""
    if w.endswith("ed") and w[-3] not in "td":
        return w[:-2]
    if w.endswith("es") and not re.search(r"(?:[sxzcg]|[cs]h|[^aeiouy]l)es$", w):
        return w[:-2]
    if re.search(r"[^aeiouy]e$", w) and not re.search(r"[^aeiouy]le$", w):
        return w[:-1]
    return w


def _english_io(w: str) -> int:
    """``io`` said as two syllables (ra-di-o, se-ri-ous, phys-i-o), not as in na-tion or mil-lion."""
    count = 0
    for match in re.finditer(r"io", w):
        before = w[match.start() - 1] if match.start() else ""
        after = w[match.end() :]
        if (before in ("c", "g", "h", "s", "t", "x") and before and after[:1] in ("n", "u")) or (
            before in ("l", "n") and after in ("n", "ns")
        ):
            continue
        count += 1
    return count


_FR_ELIDED = {"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"}
_FR_VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöûüùœæ]+")


def french(word: str) -> int:
    """Syllables of a French word, as written (a mute final e is not counted)."""
    w = word.lower().replace("’", "'")
    head, _, tail = w.rpartition("'")
    if head in _FR_ELIDED:
        w = tail  # l'homme, qu'il: the elided word is no syllable of its own
    w = re.sub(r"[^a-zàâäéèêëîïôöûüùçœæ]", "", w)
    w = re.sub(r"qu", "k", re.sub(r"gu(?=[eiéèêëîï])", "g", w))  # risque, logue: the u is silent
    if not w:
        return 0
    groups = len(_FR_VOWELS.findall(w))
    if groups > 1 and re.search(r"[^aeiouyàâäéèêëîïôöûüù]es?$", w):
        groups -= 1
    if groups > 1 and re.search(r"[^aeiouyàâäéèêëîïôöûüùg]ent$", w) and _french_verb_ending(w):
        groups -= 1
    return max(groups, 1)


_FR_ENT_WORDS = re.compile(r"(?:ment|dent|lent|tent|vent|gent|cent|sent|rent|nent)$")


def _french_verb_ending(word: str) -> bool:
    """A third-person plural verb ending (-ent said as nothing): parlent, disent, but not moment."""
    return word.endswith(("aient", "oient", "uient")) or not _FR_ENT_WORDS.search(word)


_ES_STRONG = set("aeoáéó") | {"í", "ú"}
_ES_VOWELS = set("aeiouáéíóúü")


def spanish(word: str) -> int:
    """Syllables of a Spanish word (diphthongs and hiatus by the spelling rules)."""
    w = re.sub(r"[^a-záéíóúüñ]", "", word.lower())
    if not w:
        return 0
    w = re.sub(r"(?<=[qg])u(?=[eiéí])", "", w)  # que, qui, gue, gui: the u is silent
    if len(w) > 1 and w.endswith("y") and w[-2] in _ES_VOWELS:
        w = w[:-1] + "i"  # hay, muy, ley: a final y is the vowel i
    count, previous = 0, ""
    for char in w:
        if char not in _ES_VOWELS:
            previous = ""
            continue
        if not previous or (previous in _ES_STRONG and char in _ES_STRONG):
            count += 1
        previous = char
    return max(count, 1)


COUNTERS: dict[str, Callable[[str], int]] = {"en": english, "fr": french, "es": spanish}
"""Languages counted by the rules above; others by their hyphenation dictionary."""

_VOWELS = re.compile(r"[aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœāēěīōūůąęőűаеёиоуыэюяіїєαεηιουωάέήίόύώ]", re.IGNORECASE)


@cache
def counter(language: str) -> Callable[[str], int] | None:
    """The syllable counter of ``language`` (``de``, ``de-AT``: a region falls back to its
    language), or None when leafdeck has neither rules nor a hyphenation dictionary for it."""
    base = language.split("-")[0]
    if base in COUNTERS:
        return COUNTERS[base]
    found = pyphen.language_fallback(language.replace("-", "_"))
    if found is None:
        return None
    dictionary = pyphen.Pyphen(lang=found, left=1, right=1)
    return lambda word: hyphenated(word, dictionary)


def hyphenated(word: str, dictionary: pyphen.Pyphen) -> int:
    """Syllables of a word from its hyphenation points: the pieces that hold a vowel (a piece of
    consonants alone, as ``S-kle-ro-se`` splits, belongs to its neighbour). ``ß`` is read as
    ``ss``, which the German patterns hyphenate correctly. At least 1 for a word with a letter."""
    w = word.lower().replace("ß", "ss")
    if not any(ch.isalpha() for ch in w):
        return 0
    pieces = dictionary.inserted(w, hyphen="\n").split("\n")
    return max(sum(bool(_VOWELS.search(piece)) for piece in pieces), 1)


def syllables(word: str, language: str = "en") -> int:
    """Syllables of ``word`` in ``language`` (a region such as en-GB is ignored by the rules).
    Raises KeyError for a language without a counter (see ``counter``)."""
    count = counter(language)
    if count is None:
        raise KeyError(language)
    return count(word)
