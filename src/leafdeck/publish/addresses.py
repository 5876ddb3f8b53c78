"""Where a build's outputs are hosted and what its web pages link to: each variant's address
(``<clinic web>/<kb id>/<language>/<audience>/``), the pages written and their addresses, and a
page's downloads (its variant's PDFs) and its copies in other languages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import Outline
from leafdeck.publish.jobs import Job, Matrix, Product, plan_jobs
from leafdeck.publish.manifest import digest
from leafdeck.publish.request import BuildRequest, address_of
from leafdeck.publish.runner import Result
from leafdeck.read.layout import Clinic, Resolved
from leafdeck.read.translations import TRANSLATED_AUDIENCES, available_languages

if TYPE_CHECKING:
    from leafdeck.render.web.related import Related


@dataclass(frozen=True)
class PageLinks:
    """What a web page links to outside itself: its variant's PDFs (as ``products.yaml`` lists
    them for the audience) and the same page in every language with a translation file."""

    related: Related
    """The page's links, without the files to measure yet."""
    reads: tuple[Path, ...]
    """Each PDF's target, in the order of ``related.downloads``: the page is rendered after them."""
    fingerprint: str
    """What the page's figures depend on: the PDFs' own inputs (or the published files' size and time)."""

    def writer(self, plan: Outline, resolved: Resolved[Any]) -> Callable[[Path, Mapping[Path, Path]], None]:
        """Renders the page once its PDFs are rendered; ``files`` gives each PDF's file (staged in this
        build or published), whose size and page count the page shows."""
        from leafdeck.render.web import render

        def write(tmp: Path, files: Mapping[Path, Path]) -> None:
            downloads = tuple(
                replace(d, source=files.get(path)) for d, path in zip(self.related.downloads, self.reads, strict=True)
            )
            render(plan, resolved, tmp, replace(self.related, downloads=downloads))

        return write


def page_links(
    request: BuildRequest,
    job: Job,
    kb: KnowledgeBase,
    clinic: Clinic,
    made: tuple[Product, ...],
    base: str,
    inputs_of: dict[str, str],
) -> PageLinks:
    """The PDFs of a web page's variant (``made``: the products) and its address in every language
    (``base``: the knowledge base's own); ``inputs_of``: the inputs hash of every job of this build
    handled so far, the PDFs among them."""
    from leafdeck.render.web import Alternate, Download, Related

    order = {p.name: i for i, p in enumerate(made)}
    matrix = Matrix((job.clinic,), (job.language,), (job.audience,))
    pdfs = sorted(plan_jobs(tuple(p for p in made if p.format == "pdf"), matrix, base), key=lambda j: order[j.product])
    address = variant_address(clinic, kb.document.id, job.language, job.audience)
    if not address:  # no website: nothing is hosted, so there is no address to link to
        pdfs = []
    downloads = tuple(Download(pdf.product, pdf.url(address, ".pdf")) for pdf in pdfs)
    reads = tuple(pdf.target(request.out, ".pdf") for pdf in pdfs)
    languages = [
        lang for lang in available_languages(request.kb, base) if lang == base or job.audience in TRANSLATED_AUDIENCES
    ]
    alternates = tuple(
        Alternate(lang, variant_address(clinic, kb.document.id, lang, job.audience)) for lang in languages if address
    )
    figures = [inputs_of.get(pdf.key) or _published(target) for pdf, target in zip(pdfs, reads, strict=True)]
    related = Related(downloads, alternates)
    return PageLinks(related, reads, digest(repr(related), *figures))


def _published(target: Path) -> str:
    """A published file's size and modification time, or ``absent``."""
    try:
        found = target.stat()
    except OSError:
        return "absent"
    return f"{found.st_size}:{found.st_mtime_ns}"


def online_address(clinic: Clinic, kb: KnowledgeBase, audience: str) -> str:
    """The stable address where a clinic hosts one variant's web copy."""
    return variant_address(clinic, kb.document.id, kb.document.language, audience)


def hosted_pages(results: list[Result]) -> dict[Path, str]:
    """Each web page written or up to date → the address it is hosted at (the page says so itself)."""
    pages = {r.target: address_of(r.target) for r in results if r.status != "failed" and r.target.suffix == ".html"}
    return {page: address for page, address in sorted(pages.items()) if address}


def variant_address(clinic: Clinic, kb_id: str, language: str, audience: str) -> str:
    """``<clinic web>/<kb id>/<language>/<audience>/``: where the variant's folder is uploaded;
    "" for a clinic without a website (no online copy: no QR code, no online address)."""
    if clinic.web is None:
        return ""
    return f"{clinic.web.rstrip('/')}/{kb_id}/{language}/{audience}/"
