"""The one rule for addresses that can become links: https, http, mailto and tel only.

Input files are edited by volunteers and shared between groups, so an address is checked
twice: when it is loaded (``WebAddress`` and ``EmailAddress`` fields, with a located message),
and again by ``href`` right before a renderer writes it into a document, so a ``javascript:``
or ``file:`` link can never reach a PDF or a deck, whatever path the text took.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated
from urllib.parse import quote, urlsplit

from pydantic import AfterValidator, StringConstraints

from leafdeck.fields import printable

LINK_SCHEMES = ("https", "http", "mailto", "tel")
"""The only schemes a link in an output may use."""
WEB_SCHEMES = ("https", "http")

_EMAIL = re.compile(r"[^@\s<>\"'(),;:\\\[\]]+@[^@\s<>\"'(),;:\\\[\]]+\.[^@\s<>\"'(),;:\\\[\]]+")
_PHONE = re.compile(r"\+?[0-9][0-9().\-]*")
_SAFE = "/:?#[]@!$&()*+,;=%~-._"  # URL punctuation kept as it is; everything else is percent-encoded


class UnsafeLink(ValueError):
    """An address that may not become a link (a bug when it reaches a renderer: loading refuses it)."""


def scheme_of(address: str) -> str:
    """The scheme as written before the first colon, lower-cased ('' when there is none)."""
    head, colon, _ = address.partition(":")
    return head.strip().lower() if colon and "/" not in head else ""


def link_problem(address: object, schemes: tuple[str, ...] = LINK_SCHEMES) -> str | None:
    """Why ``address`` may not be a link, or None when it may."""
    noun = "a web address" if schemes == WEB_SCHEMES else "a link"
    if not isinstance(address, str) or not address:
        return f"{noun} must be non-empty text"
    scheme = scheme_of(address)
    allowed = " or ".join(f"{s}://" if s in WEB_SCHEMES else f"{s}:" for s in schemes)
    if scheme not in schemes or not address.startswith(scheme):
        found = f" ({scheme}: addresses are refused)" if scheme else ""
        return f"{noun} must start with {allowed}{found}"
    if any(_unsafe(ch) for ch in address):
        return f"{noun} may not contain spaces, quotes, angle brackets or control characters"
    rest = address[len(scheme) + 1 :]
    if scheme in WEB_SCHEMES:
        parts = urlsplit(address)
        if not rest.startswith("//") or not parts.hostname:
            return f"a web address looks like {scheme}://example.org/page"
    elif scheme == "mailto" and not _EMAIL.fullmatch(rest.split("?", 1)[0]):
        return "a mailto: address looks like mailto:name@example.org"
    elif scheme == "tel" and not _PHONE.fullmatch(rest):
        return "a tel: address looks like tel:+441632960123 (digits, no spaces)"
    return None


def _unsafe(ch: str) -> bool:
    return ch.isspace() or ch in "<>\"'`\\" or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def href(address: str) -> str:
    """``address`` ready to be written as a link target: scheme checked, anything unusual
    percent-encoded. Raises ``UnsafeLink`` for any scheme other than https, http, mailto, tel."""
    scheme = scheme_of(address)
    if scheme not in LINK_SCHEMES or not address.startswith(scheme):
        raise UnsafeLink(f"refusing to link to {address[:60]!r}: only {', '.join(LINK_SCHEMES)} links are allowed")
    encoded = quote(address, safe=_SAFE)
    if scheme in WEB_SCHEMES and not urlsplit(encoded).hostname:
        raise UnsafeLink(f"refusing to link to {address[:60]!r}: a web address needs a host name")
    return encoded


_LEAVE_OUT = "leave the line out when there is none"
"""Every field typed as a web or e-mail address is optional: an empty one is better left out."""


def _web_address(value: str) -> str:
    if not value:
        raise ValueError(f"a web address must be non-empty text; {_LEAVE_OUT}")
    printable(value, breaks="")  # an invisible character breaks the link silently (cases row 33)
    problem = link_problem(value, WEB_SCHEMES)
    if problem:
        raise ValueError(f"{problem}, got {value[:60]!r}")
    return value


def _email_address(value: str) -> str:
    if not value:
        raise ValueError(f"an e-mail address must be non-empty text; {_LEAVE_OUT}")
    printable(value, breaks="")  # a bell or zero-width space would break the mailto: link silently
    if not _EMAIL.fullmatch(value):
        raise ValueError(f"an e-mail address looks like name@example.org, got {value[:60]!r}")
    return value


WebAddress = Annotated[str, StringConstraints(strict=True, strip_whitespace=True), AfterValidator(_web_address)]
"""An https:// or http:// address with a host name."""
EmailAddress = Annotated[str, StringConstraints(strict=True, strip_whitespace=True), AfterValidator(_email_address)]
"""An e-mail address, name@example.org (no mailto: prefix)."""
