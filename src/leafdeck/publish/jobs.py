"""Plan the build matrix: clinics × languages × audiences × products, as plain data.

A job is one artifact. Jobs are sorted by their key so ``--shard K/N`` splits the same list
the same way on every machine, and ``leafdeck plan`` can hand them to any scheduler.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from leafdeck.model import Audience
from leafdeck.plan.contents import Contents
from leafdeck.read.layout import Part
from leafdeck.read.translations import TRANSLATED_AUDIENCES

Format = Literal["pdf", "pptx", "html"]


class Product(Part):
    """One kind of artifact."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """File name without suffix, e.g. `leaflet-a4`."""
    format: Format
    """Which renderer writes it."""
    layout: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Layout file under layouts/, without `.yaml`."""
    contents: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Which entry of `contents:` says what it shows (sections, order, depth)."""
    audiences: tuple[Audience, ...] = Field(min_length=1)
    """Audiences it is made for; each gets its own selection of the knowledge base."""
    file: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*\.[a-z0-9]+$")
    """File name in the variant's folder, e.g. `index.html` for the web page (so the folder is
    what a clinic uploads to the page's address); default: the name plus the format's suffix."""


class Products(Part):
    """What `leafdeck build` makes, from `layouts/products.yaml`."""

    contents: dict[str, Contents] = Field(min_length=1)
    """What each kind of product shows, by name (see `plan.contents`)."""
    products: tuple[Product, ...] = Field(min_length=1)
    """The artifacts, in build order."""

    @model_validator(mode="after")
    def _known_contents(self) -> Products:
        for product in self.products:
            if product.contents not in self.contents:
                known = ", ".join(sorted(self.contents))
                raise ValueError(
                    f"product {product.name!r} names contents {product.contents!r}, which is not one of: {known}"
                )
        return self


@dataclass(frozen=True, order=True)
class Job:
    """One artifact to build."""

    clinic: str
    language: str
    audience: Audience
    product: str
    format: Format
    layout: str
    file: str = ""
    contents: str = ""
    """The `contents:` entry the product shows."""
    """File name, when the product names one (else the product name plus the format's suffix)."""

    @property
    def key(self) -> str:
        """Stable identity: the variant's folder below the output folder, and the product."""
        return f"{self.clinic}/{self.language}/{self.audience}/{self.product}"

    @property
    def folder(self) -> str:
        """The variant's folder below the output folder: what a clinic uploads to the variant's address."""
        return f"{self.clinic}/{self.language}/{self.audience}"

    def filename(self, suffix: str) -> str:
        """The artifact's file name in its folder."""
        return self.file or f"{self.product}{suffix}"

    def target(self, out: Path, suffix: str) -> Path:
        """Where the artifact is written."""
        return out / self.folder / self.filename(suffix)

    def url(self, address: str, suffix: str) -> str:
        """Where the artifact is served once its folder is uploaded to ``address`` (the variant's
        address, ending in /): an ``index.html`` at the address itself."""
        name = self.filename(suffix)
        return address if name == "index.html" else f"{address}{name}"

    def as_json(self, out: Path, suffix: str, address: str | None = None) -> str:
        """One line of `leafdeck plan`, with the command that builds just this job and, given the
        variant's address, the URL the artifact is hosted at."""
        command = (
            f"leafdeck build --clinic {self.clinic} --lang {self.language} --audience {self.audience} "
            f"--only {self.product} --jobs 1 --out {out}"
        )
        fields = {"key": self.key, **self.__dict__, "target": str(self.target(out, suffix)), "command": command}
        if address:  # "" for a clinic without a website: nothing is hosted
            fields["url"] = self.url(address, suffix)
        return json.dumps(fields, sort_keys=True)


@dataclass(frozen=True)
class Matrix:
    """What the user asked for; None means everything available."""

    clinics: tuple[str, ...]
    languages: tuple[str, ...]
    audiences: tuple[Audience, ...] | None = None
    formats: tuple[str, ...] | None = None
    only: tuple[str, ...] | None = None


def plan_jobs(products: tuple[Product, ...], matrix: Matrix, base_language: str) -> list[Job]:
    """Every job of the matrix, sorted. Clinician materials exist only in the base language."""
    jobs = [
        Job(clinic, language, audience, p.name, p.format, p.layout, p.file or "", p.contents)
        for clinic in matrix.clinics
        for language in matrix.languages
        for p in products
        if (matrix.formats is None or p.format in matrix.formats) and (matrix.only is None or p.name in matrix.only)
        for audience in p.audiences
        if (matrix.audiences is None or audience in matrix.audiences)
        and (language == base_language or audience in TRANSLATED_AUDIENCES)
    ]
    return sorted(jobs)


def shard(jobs: list[Job], part: tuple[int, int] | None) -> list[Job]:
    """The K-th of N interleaved shares of the job list (1-based), or all jobs."""
    if part is None:
        return jobs
    k, n = part
    return [job for i, job in enumerate(jobs) if i % n == k - 1]
