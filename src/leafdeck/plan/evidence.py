"""Numbers and sources as readers see them: which outcome a chart shows, icon arrays as natural
frequencies, and references printed with only their verified parts.

Natural frequencies and icon arrays: Gigerenzer and Hoffrage 1995; Galesic, Garcia-Retamero and
Gigerenzer 2009; IPDAS risk-communication criteria (``../shared/reference/patient-info-standards.md``).
"""

from __future__ import annotations

from leafdeck.model import Outcome, Reference, Study, Value
from leafdeck.passages import marked, other
from leafdeck.plan import blocks as b
from leafdeck.read.labels import Labels


def chart_outcome(study: Study) -> Outcome | None:
    """The outcome a study's chart shows: the first primary one with a value for every arm, else
    the first with a value for every arm, else None."""
    complete = [o for o in study.outcomes if {v.arm for v in o.values} >= {a.id for a in study.arms}]
    primary = [o for o in complete if o.primary]
    return next(iter(primary or complete), None)


def icon_array(study: Study, outcome: Outcome, labels: Labels) -> b.IconArray | None:
    """Icon arrays for an outcome that counts people (``percent_of_people``) in a randomized trial
    with a procedure arm and a comparison: one 10 x 10 array per arm, the procedure first, ``filled``
    = the percentage rounded to whole people out of 100. The heading names the outcome and how
    many people each group really had (the arrays show every 100; issue 19, review S14). None
    for any other outcome."""
    if outcome.unit != "percent_of_people" or study.kind != "randomized_trial":
        return None
    values = {v.arm: v for v in outcome.values}
    arms = sorted((a for a in study.arms if a.id in values), key=lambda a: not a.treated)
    if len(arms) < 2 or not any(a.treated for a in arms):
        return None
    icons = tuple(
        b.IconArm(
            arm.label,
            _events(values[arm.id], arm.n),
            values[arm.id].of or arm.n,
            max(0, min(100, round(values[arm.id].value))),
            arm.treated,
        )
        for arm in arms
    )
    when = labels("chart_panel_over", timeframe=outcome.timeframe) if outcome.timeframe else ""
    heading = labels("icon_panel", study=study.short_name, year=study.year, outcome=outcome.label) + when
    heading += labels("icon_groups", sizes=labels("icon_groups_and").join(str(icon.of) for icon in icons))
    said = "; ".join(
        _arm_words(icon, values[arm.id].events is not None, labels) for icon, arm in zip(icons, arms, strict=True)
    )
    caption = labels("icon_caption", arms=said)
    alt = labels("icon_alt", outcome=outcome.label, arms=said)
    chance = labels("icon_chance") if may_be_chance(outcome) else ""
    alt = f"{alt} {chance}".strip()
    return b.IconArray(study.id, outcome.id, heading, icons, caption, alt, outcome.cites or study.cites, chance)


def may_be_chance(outcome: Outcome) -> bool:
    """Whether the outcome's difference may be due to chance: a reported p-value of 0.05 or more
    (``1.0``, ``0.49``), or a note that says so."""
    try:
        p = float((outcome.p_value or "").lstrip("=<> "))
    except ValueError:
        p = None
    said = "chance" in (outcome.note or "").lower()
    return said or (p is not None and p >= 0.05 and not (outcome.p_value or "").lstrip().startswith("<"))


def _events(value: Value, n: int) -> int:
    """People with the event: as reported, else worked out from the percentage of the arm's ``n``."""
    return value.events if value.events is not None else round(value.value * n / 100)


def _arm_words(icon: b.IconArm, counted: bool, labels: Labels) -> str:
    frequency = labels("icon_arm", arm=icon.label, n=icon.filled)
    return frequency + (labels("icon_counted", events=icon.events, of=icon.of) if counted else "")


def reference_entry(ref: Reference, number: int, labels: Labels) -> b.ReferenceEntry:
    """A reference in a Vancouver-like style with only the parts the evidence list verifies:
    every part named in ``ref.unverified`` is left out, and no caveat about the reference itself
    is ever printed (issue 12; ``../shared/evidence.md``). The DOI is the link when verified, else
    the web address. Authors, title and issuer written in another language than ``labels``'
    are marked as a passage in it (``Reference.language``)."""
    hidden = set(ref.unverified)
    parts = [_sentence(getattr(ref, name)) for name in ("authors", "title", "container") if name not in hidden]
    parts = in_language(parts, other(ref.language, labels.language))
    where = "" if "year" in hidden else str(ref.year)
    if ref.volume and "volume" not in hidden:
        where += f";{ref.volume}"
    if ref.pages and "pages" not in hidden:
        where += f":{ref.pages}"
    if where:
        parts.append(where.lstrip(";:") + ".")
    if ref.date and "date" not in hidden:
        parts.append(labels("dated", date=labels.date(ref.date)))
    if ref.pmid and "pmid" not in hidden:
        parts.append(f"PMID {ref.pmid}.")
    if ref.registry and "registry" not in hidden:
        parts.append(_sentence(ref.registry))
    link, text = None, None
    if ref.doi and "doi" not in hidden:
        link, text = f"https://doi.org/{ref.doi}", f"doi:{ref.doi}"
    elif ref.url and "url" not in hidden:
        link, text = str(ref.url), str(ref.url)
    return b.ReferenceEntry(number, ref.id, " ".join(parts), link, text, short_reference(ref))


def in_language(parts: list[str], language: str | None) -> list[str]:
    """``parts`` (a reference's authors, title and issuer) marked as one passage in
    ``language`` (``leafdeck.passages``), or as they are when it is None or a part holds a
    square bracket (the mark could not be read back)."""
    words = " ".join(parts)
    found = marked(words, language)
    return [found] if found != words else parts


def short_reference(ref: Reference, undated: str = "") -> str:
    """First author (or issuer) and year, e.g. "Traboulsee AL et al., 2018."; when the year is not
    verified it is left out, or replaced by ``undated`` when given (a talk's source line: "CTV
    News, n.d.", the ``undated`` label, issue 20)."""
    first = ref.authors.split(",")[0].strip()
    more = " et al." if "," in ref.authors else ""
    year = (f", {undated}" if undated else "") if "year" in ref.unverified else f", {ref.year}"
    return f"{first}{more}{year}."


def _sentence(text: str) -> str:
    """Text ending in exactly one full stop (authors often end in "et al.")."""
    text = text.rstrip()
    return text if text.endswith((".", "?", "!")) else text + "."


def places_of(value: float, most: int = 3) -> int:
    """The decimal places ``value`` is written with in the source (its shortest form: 1.3 → 1,
    -0.04 → 2), at most ``most``: a change of -0.04 points is printed as -0.04, as the deck's
    charts print it, not rounded to "-0"."""
    text = repr(float(value))
    if "e" in text:
        return most
    return min(len(text.partition(".")[2].rstrip("0")), most)


def value_text(outcome: Outcome, value: float, labels: Labels) -> str:
    """A value as a reader should see it, in the reader's language: a share of people as a
    natural frequency ("about 42 in 100 people"), a score change signed, a count as a number."""
    if outcome.unit == "percent_of_people":
        return labels("value_in_100", n=round(value))
    if outcome.unit == "score_change":
        return labels("value_points", value=labels.number(value, places_of(value), signed=True))
    if outcome.unit == "people":
        return labels("value_people", value=labels.number(value, 0))
    return labels.number(value)
