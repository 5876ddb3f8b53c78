"""The clinic's contact details as HTML: phone and e-mail as links, the address a line each.

In: the clinic (from its layout file), the language's words and the page's own address. Out:
an ``<address>`` block, and the phone line the page header shows.
"""

from __future__ import annotations

from leafdeck.fields import dial_number
from leafdeck.passages import other
from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.render.web.html import Html, esc, join, link, tag

MIN_PHONE_DIGITS = 6


def clinic_words(clinic: Clinic, text: str, labels: Labels) -> Html:
    """Words from the clinic's file (its name, a line of its address), in a ``<span lang>``
    when the clinic writes them in another language than the page's (``Clinic.language``)."""
    lang = other(clinic.language, labels.language)
    return tag("span", text, lang=lang) if lang and text.strip() else esc(text)


def phone(number: str, labels: Labels, clinic: Clinic | None = None) -> Html:
    """The phone label with the number as a tel: link (an extension or a note after it stays
    text, in the ``clinic``'s language when it has one of its own)."""
    words = labels("phone", phone=number)
    head, _, tail = words.partition(number)
    found = dial_number(number, MIN_PHONE_DIGITS)  # digits of any script, dialled by their value
    if found is None:
        return join([head, clinic_words(clinic, number, labels) if clinic else number, tail])
    written, dial = found
    rest = number[len(written) :]
    return join([head, link(f"tel:{dial}", written), clinic_words(clinic, rest, labels) if clinic else rest, tail])


def email(address: str, labels: Labels) -> Html:
    """The e-mail label with the address as a mailto: link."""
    words = labels("email", email=address)
    head, _, _ = words.partition(address)
    return join([head, link(f"mailto:{address}", address), words[len(head) + len(address) :]])


def contact(clinic: Clinic, labels: Labels, online: str) -> Html:
    """Name, phone, e-mail, postal address (a line each) and this page's address; without an
    online copy (a clinic without a website, ``online`` empty), how to ask the clinic for other
    formats and languages (``read_online`` of ``Labels.offline``) instead."""
    short = online.split("://", 1)[-1].rstrip("/")
    lines = [
        tag("p", tag("strong", clinic_words(clinic, clinic.name, labels))),
        tag("p", phone(clinic.phone, labels, clinic)),
        tag("p", email(clinic.email, labels)) if clinic.email else None,
        tag("p", join([clinic_words(clinic, ln.strip(), labels) for ln in clinic.address.splitlines()], sep=tag("br"))),
        tag("p", labels("web_address"), " ", link(online, short)) if online else tag("p", labels("read_online")),
    ]
    return tag("address", *lines)
