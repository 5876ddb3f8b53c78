"""The clinic's contact details as HTML: phone and e-mail as links, the address a line each.

In: the clinic (from its layout file), the language's words and the page's own address. Out:
an ``<address>`` block, and the phone line the page header shows.
"""

from __future__ import annotations

import re

from leafdeck.read.labels import Labels
from leafdeck.read.layout import Clinic
from leafdeck.render.web.html import Html, esc, join, link, tag

MIN_PHONE_DIGITS = 6
_NUMBER = re.compile(r"\+?\d[\d\s().-]*\d")


def phone(number: str, labels: Labels) -> Html:
    """The phone label with the number as a tel: link (an extension or a note after it stays text)."""
    words = labels("phone", phone=number)
    found = _NUMBER.match(number)
    if found is None or sum(ch.isdigit() for ch in found[0]) < MIN_PHONE_DIGITS:
        return esc(words)
    dial = "".join(ch for ch in found[0] if ch.isdigit() or ch == "+")
    head, _, tail = words.partition(number)
    return join([head, link(f"tel:{dial}", found[0]), number[len(found[0]) :], tail])


def email(address: str, labels: Labels) -> Html:
    """The e-mail label with the address as a mailto: link."""
    words = labels("email", email=address)
    head, _, _ = words.partition(address)
    return join([head, link(f"mailto:{address}", address), words[len(head) + len(address) :]])


def contact(clinic: Clinic, labels: Labels, online: str) -> Html:
    """Name, phone, e-mail, postal address (a line each) and this page's address."""
    short = online.split("://", 1)[-1].rstrip("/")
    lines = [
        tag("p", tag("strong", clinic.name)),
        tag("p", phone(clinic.phone, labels)),
        tag("p", email(clinic.email, labels)) if clinic.email else None,
        tag("p", join([line.strip() for line in clinic.address.splitlines()], sep=tag("br"))),
        tag("p", labels("web_address"), " ", link(online, short)),
    ]
    return tag("address", *lines)
