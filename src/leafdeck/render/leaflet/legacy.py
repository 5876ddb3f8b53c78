"""Reference and "about" text in the form the web page still prints (until it reads the plan).

The leaflet itself prints the plan's ``References`` and ``About`` blocks; these helpers stay for
``render/web/page.py`` and are re-exported by ``story``.
"""

from __future__ import annotations

from leafdeck.model import Governance, Reference
from leafdeck.read.labels import Labels
from leafdeck.render.leaflet.markup import inline, link


def short_reference(ref: Reference) -> str:
    """First author (or issuer) and year, for summaries that link to the full list."""
    first = ref.authors.split(",")[0].strip()
    more = " et al." if "," in ref.authors else ""
    return inline(f"{first}{more}, {ref.year}.")


def reference_markup(ref: Reference, labels: Labels, *, notes: bool = True) -> str:
    """One reference in a Vancouver-like style, with identifiers and any caution (the
    editors' note on what is unverified, or just the flag when ``notes`` is off)."""
    where = f"{ref.year}" + (f";{ref.volume}" if ref.volume else "") + (f":{ref.pages}" if ref.pages else "")
    parts = [_sentence(ref.authors), _sentence(ref.title), _sentence(ref.container), where + "."]
    if ref.date:
        parts.append(inline(labels("dated", date=labels.date(ref.date))))
    if ref.doi:
        parts.append(link(f"https://doi.org/{ref.doi}", f"doi:{ref.doi}"))
    if ref.pmid:
        parts.append(f"PMID {ref.pmid}.")
    if ref.registry:
        parts.append(inline(ref.registry) + ".")
    if ref.url and not ref.doi:
        parts.append(link(ref.url))
    if not ref.verified:
        detail = ref.note if notes and ref.note else labels("not_verified_default")
        parts.append(f"<b>{inline(labels('not_verified'))}</b> " + inline(detail))
    return " ".join(parts)


def _sentence(text: str) -> str:
    """Escaped text ending in exactly one full stop (authors often end in "et al.")."""
    text = text.rstrip()
    return inline(text if text.endswith((".", "?", "!")) else text + ".")


def about_rows(g: Governance, labels: Labels, format_label: str) -> list[tuple[str, str]]:
    """The "about this leaflet" facts as (label key, text), for every format that prints them."""
    people = [("written_by", g.authors), ("checked_by", g.reviewers)]
    return [
        ("published_by", g.publisher.name),
        *((key, "; ".join(f"{p.name}, {p.role} ({p.qualifications})" for p in group)) for key, group in people),
        ("version", f"{g.version} ({labels(format_label)})"),
        ("published", labels.date(g.published)),
        ("last_reviewed", labels.date(g.last_reviewed)),
        ("next_review", labels.date(g.next_review)),
        ("funding", g.funding),
        ("conflicts", g.conflicts_of_interest),
        ("questions", g.contact),
        ("feedback", g.feedback),
        ("update_policy", g.update_policy),
    ]
