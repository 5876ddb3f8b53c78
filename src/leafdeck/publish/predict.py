"""What a build would refuse, found without writing anything: content that does not fit the
fixed-size products (for ``leafdeck check``).

The fixed-size products are the PDFs whose layout sets a page ``budget`` (short leaflet, large
print, option grid), folds into panels (tri-folds) or is imposed (the A5 booklet, whose small
pages refuse a long item first). Each is laid out in memory for the default
clinic (the first clinic when there is no ``default``; none when there is no clinic file), or for
every clinic when asked (``check --all-clinics``, ``--release``: a clinic's country and name
change what the pages print, such as urgent help, reporting and the contact block), in every
language and for every audience
it is made for, exactly as the build would hand it to the renderer.

Laying out is most of a check's time, so what fits is remembered in ``<build dir>/cache/fit.json``
under a hash of exactly what is laid out (``layout_key``: the outline without the rest of the
knowledge base, the document and governance blocks the pages print, the layout and its fonts,
the clinic and its logo, the labels, the notice, leafdeck's version). An edit lays out again
only the products whose outline changed. Only a product that fits is remembered: one that does
not is laid out every time, so its problems always point at today's lines.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from leafdeck.errors import InputError, Problem
from leafdeck.model import KnowledgeBase
from leafdeck.plan.blocks import Outline
from leafdeck.plan.outline import outline
from leafdeck.publish import pipeline
from leafdeck.publish.addresses import online_address
from leafdeck.publish.background import started
from leafdeck.publish.files import write_text_atomically
from leafdeck.publish.manifest import assets_hash, digest, model_hash
from leafdeck.publish.request import BuildRequest
from leafdeck.publish.variant import variant_kb
from leafdeck.read.inputs import Inputs, current
from leafdeck.read.layout import Resolved

CACHE_KEYS = 2000
"""How many products that fit the cache remembers (a hash of 64 characters each)."""


def fit_started(
    kb_path: Path,
    layouts: Path,
    kb: KnowledgeBase,
    build_dir: Path | None = None,
    inputs: Inputs | None = None,
    *,
    every_clinic: bool = False,
) -> Fit:
    """The fit prediction begun in a forked process (``publish.background``), while the caller
    does other work (the check's other rules) until it asks for ``Fit.result``: FIT-001 (over
    the page budget), FIT-002 (an item larger than a page or panel) and FIT-003 (a page but the
    last more than a third empty) for every fixed-size product of the default clinic (the first
    when there is no ``default``), or, with ``every_clinic``, of every clinic (the default first;
    a problem found for another clinic names it), each once (the first clinic, language and
    audience it appears for), located at the item in the knowledge base or translation file.
    Input errors found on the way are returned as they are. With ``build_dir``, products whose
    ``layout_key`` is in its fit cache are not laid out again; the others are laid out in worker
    processes of the child's own. Input files come from ``inputs`` (default: the active bundle)."""
    with (inputs or current()).active():
        # planned, keyed and laid out in a forked child, which inherits the active inputs
        work = started(lambda: _fit_started(kb_path, layouts, kb, build_dir, every_clinic).result())
    return Fit(work.result, work.cancel)


class Fit:
    """A fit prediction under way: ``result()`` waits for its layouts and returns the problems
    found (``fit_started``); ``cancel()`` stops it (the caller failed meanwhile)."""

    def __init__(self, finish: Callable[[], list[Problem]], stop: Callable[[], None] = lambda: None) -> None:
        self._finish, self._stop = finish, stop

    def result(self) -> list[Problem]:
        """The problems found; raises what a layout raised (a bug in leafdeck)."""
        return self._finish()

    def cancel(self) -> None:
        """Stop laying out; ``result`` must not be asked for afterwards."""
        self._stop()


def _fit_started(kb_path: Path, layouts: Path, kb: KnowledgeBase, build_dir: Path | None, every_clinic: bool) -> Fit:
    clinics = pipeline.all_clinics(layouts)
    if not clinics:  # nothing is built without a clinic file, so nothing can fail to fit
        return Fit(list)
    first = "default" if "default" in clinics else clinics[0]
    cache = build_dir / "cache" / "fit.json" if build_dir is not None else None
    known, fitted = _fitted(cache), set[str]()
    remembered = set(known)
    pending: list[tuple[str, str, str, Outline, Resolved[Any]]] = []
    for name in (first, *(c for c in clinics if c != first and every_clinic)):
        try:
            jobs = fixed_jobs(kb_path, layouts, kb, name)
        except InputError as exc:
            return Fit(partial(list, exc.problems))
        for product, key, plan, resolved in jobs:
            if key in remembered:
                fitted.add(key)
            else:
                pending.append((name, product, key, plan, resolved))
    laying = _laying_out([(product, key, plan, resolved) for _, product, key, plan, resolved in pending])

    def finish() -> list[Problem]:
        found: dict[tuple[str, str, int, str], Problem] = {}
        for (name, product, key, _, _), problems in zip(pending, laying.result(), strict=True):
            if not problems:
                fitted.add(key)
            for problem in problems:
                said = problem if name == first else _for_clinic(problem, product, name)
                found.setdefault((problem.file, problem.rule, problem.line, product), said)
        if cache is not None and not fitted <= remembered:
            _remember(cache, known, fitted)
        return list(found.values())

    return Fit(finish, laying.cancel)


def fixed_jobs(kb_path: Path, layouts: Path, kb: KnowledgeBase, clinic_name: str) -> list[_Pending]:
    """(product, layout key, outline, resolved) of every fixed-size product of one clinic, in
    every language and for every audience it is made for. Raises InputError."""
    request = BuildRequest(kb_path, layouts, Path("output"), Path("build"), clinics=(clinic_name,), languages=("all",))
    jobs = pipeline.plan(replace(request, formats=("pdf",)), kb, strict=False)
    layout_of = pipeline._layouts(layouts, {(job.layout, job.format) for job in jobs})
    fixed = [job for job in jobs if _fixed(layout_of[job.layout][0])]
    languages, _ = pipeline._languages(request, kb, {job.language for job in fixed})
    clinic = pipeline._clinics(layouts, {clinic_name})[clinic_name]
    contents = pipeline.products(request).contents
    clinic_hash = digest(model_hash(clinic), assets_hash(clinic, layouts))
    variants: dict[tuple[str, str], KnowledgeBase] = {}
    dumped: dict[int, Dumped] = {}
    found: list[_Pending] = []
    for job in fixed:
        language = languages[job.language]
        if (job.language, job.audience) not in variants:
            variants[job.language, job.audience] = variant_kb(kb_path.parent, language.kb, job.audience, clinic.country)
        chosen = variants[job.language, job.audience]
        online = online_address(clinic, chosen, job.audience)
        labels = language.labels.in_country(clinic.country)
        labels = labels if online else labels.offline()
        plan = outline(chosen, job.audience, labels, contents[job.contents], job.product)
        notice = pipeline._notice(language, job.audience, False)
        resolved = Resolved(layout_of[job.layout][0], clinic, layouts, online, labels, notice, language.source)
        found.append(
            (job.product, layout_key(plan, resolved, layout_of[job.layout][1], clinic_hash, dumped), plan, resolved)
        )
    return found


def _for_clinic(problem: Problem, product: str, clinic: str) -> Problem:
    """``problem`` found for another clinic than the first, saying which (its country and name
    change what the pages print)."""
    said = problem.message.removeprefix(f"{product}:")
    return dataclasses.replace(problem, message=f"{product} (clinic {clinic}):{said}")


_Pending = tuple[str, str, Outline, Resolved[Any]]
_PENDING: list[_Pending] = []
"""The layouts to do, inherited by forked workers (which are handed only an index)."""


class _Laying:
    """Layouts under way in worker processes (or done already, in this one)."""

    def __init__(self, done: list[list[Problem]] | None = None, pool: ProcessPoolExecutor | None = None) -> None:
        self._done, self._pool = done, pool
        self._futures: list[Future[list[Problem]]] = []
        if pool is not None:
            try:
                submitted = {index: pool.submit(_fit_one, index) for index in _longest_first(_PENDING)}
                self._futures = [submitted[index] for index in range(len(_PENDING))]
            except BaseException:
                self.cancel()
                raise

    def result(self) -> list[list[Problem]]:
        if self._done is not None:
            return self._done
        assert self._pool is not None
        try:
            return [future.result() for future in self._futures]
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            _PENDING.clear()


def _laying_out(pending: list[_Pending]) -> _Laying:
    """What would not fit, for each pending (product, key, outline, resolved), in order: laid out
    in as many forked processes as there are cores (at most one per product), which work while
    the caller goes on, else here at once."""
    if not pending:
        return _Laying([])
    from leafdeck.render.leaflet import fits  # reportlab: imported only when something is laid out

    workers = min(os.cpu_count() or 1, len(pending))
    if workers < 2 or "fork" not in get_all_start_methods():
        return _Laying([fits(plan, resolved) for _, _, plan, resolved in pending])
    _PENDING[:] = pending
    try:
        return _Laying(pool=ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_quiet))
    except BaseException:
        _PENDING.clear()
        raise


def _longest_first(pending: list[_Pending]) -> list[int]:
    """The indexes of ``pending`` in the order to hand them to the workers: the imposed booklets
    first (each lays out every small page of the contents, several times as long as any other
    product), so that no worker is left with one at the end while the other waits."""
    return sorted(range(len(pending)), key=lambda i: getattr(pending[i][3].layout, "imposition", "none") != "booklet")


def _quiet() -> None:
    """A worker leaves Ctrl-C to the check, which stops the pool (no traceback per worker)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _fit_one(index: int) -> list[Problem]:
    from leafdeck.render.leaflet import fits

    _, _, plan, resolved = _PENDING[index]
    return fits(plan, resolved)


def layout_key(
    plan: Outline, resolved: Resolved[Any], layout_hash: str, clinic_hash: str, dumped: dict[int, Dumped] | None = None
) -> str:
    """A hash of exactly what the leaflet renderer lays out: the outline's sections and references
    (model objects in full, the rest of the knowledge base left out), the document and governance
    blocks its pages print, the layout and its fonts (``layout_hash``), the clinic and its logo
    (``clinic_hash``), the web address, labels, notice and source file; leafdeck's version too.
    ``dumped`` keeps each model object's JSON between the keys of one command (the products of a
    variant share most of their items): objects are frozen, so their JSON cannot change."""
    memo: dict[int, Dumped] = {} if dumped is None else dumped
    shown = {
        "product": plan.product,
        "audience": plan.audience,
        "language": plan.language,
        "citations": plan.citations,
        "references": [_plain(ref, memo) for ref in plan.kb.references if ref.id in plan.references],
        "order": list(plan.references),
        "sections": _plain(plan.sections, memo),
        "document": _plain(plan.kb.document, memo),
        "governance": _plain(plan.kb.governance, memo),
    }
    words = json.dumps(
        {"language": resolved.labels.language, "country": resolved.labels.country, "words": resolved.labels.words},
        sort_keys=True,
        ensure_ascii=False,
    )
    text = json.dumps(shown, sort_keys=True, ensure_ascii=False)
    return digest(text, layout_hash, clinic_hash, resolved.online, words, str(resolved.notice), resolved.source)


Dumped = tuple[BaseModel, str]
"""A model object and the hash of its JSON (the object is kept so that its ``id`` is not reused)."""


def _plain(value: Any, dumped: dict[int, Dumped]) -> Any:
    """``value`` as JSON data, blocks in full (for hashing); a model object is the SHA-256 of its
    JSON, made once per object (``dumped``)."""
    kind = _KIND.get(type(value)) or _kind(type(value))
    if kind == "model":
        known = dumped.get(id(value))
        if known is None:
            known = dumped[id(value)] = (value, hashlib.sha256(value.model_dump_json().encode()).hexdigest())
        return known[1]
    if kind == "fields":
        fields = {name: _plain(getattr(value, name), dumped) for name in _NAMES[type(value)]}
        return {"type": type(value).__name__, **fields}
    if kind == "list":
        return [_plain(v, dumped) for v in value]
    if kind == "dict":
        return {str(k): _plain(v, dumped) for k, v in value.items()}
    return value if kind == "plain" else repr(value)


def _kind(kind: type) -> str:
    """How ``_plain`` writes a value of this type (looked up once per type: ``isinstance`` on a
    model class is slow, and a key visits some fifteen thousand values)."""
    if issubclass(kind, BaseModel):
        found = "model"
    elif dataclasses.is_dataclass(kind):
        _NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
        found = "fields"
    elif issubclass(kind, tuple | list):
        found = "list"
    elif issubclass(kind, dict):
        found = "dict"
    elif kind is type(None) or issubclass(kind, str | int | float | bool):
        found = "plain"
    else:
        found = "repr"
    _KIND[kind] = found
    return found


_KIND: dict[type, str] = {}
_NAMES: dict[type, tuple[str, ...]] = {}


def _fitted(cache: Path | None) -> list[str]:
    """The layout keys known to fit, oldest first; empty when there is no cache or it cannot be read."""
    if cache is None:
        return []
    try:
        keys = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [k for k in keys if isinstance(k, str)] if isinstance(keys, list) else []


def _remember(cache: Path, known: list[str], fitted: set[str]) -> None:
    """Add this check's products that fit (``fitted``) to the fit cache, the newest last, keeping
    the last ``CACHE_KEYS`` (other knowledge bases and clinics checked with the same build folder
    keep theirs). A cache that cannot be written only makes the next check slower."""
    keys = [k for k in known if k not in fitted] + sorted(fitted)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomically(cache, json.dumps(keys[-CACHE_KEYS:], indent=0) + "\n")
    except (OSError, InputError):
        pass


def _fixed(layout: object) -> bool:
    """Whether a PDF layout's content must fit a fixed size that the check lays out: a ``budget``
    (short leaflet, large print, option grid; FIT-001) or an imposition (the A5 booklet's pages,
    the tri-fold's panels). An item larger than a page (FIT-002) is refused by the build of any
    PDF; the A4 and letter decision aids share the booklet's contents on pages about twice the
    A5 page's area, so the booklet finds those first and they are not laid out again (a check
    laying out every PDF took twice as long)."""
    return getattr(layout, "budget", None) is not None or getattr(layout, "imposition", "none") != "none"
