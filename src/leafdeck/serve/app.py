"""``leafdeck serve``: the brand kit for clinic staff, a Starlette application.

Pages: ``/`` lists the clinic files; ``/new`` and ``/clinics/<name>`` show the form (empty, or
filled from that file); ``POST /form`` checks it and, by the button pressed, checks only,
previews, saves or builds the download; ``/downloads/<token>`` returns a finished zip. Every
form carries a CSRF token (double submit: a cookie and a hidden field that must match). Builds
run in ``jobs.Builds`` (a bounded pool with a queue); a failed build shows its located messages,
a bug one line (details in the server's crash log), never a traceback."""

from __future__ import annotations

import base64
import hmac
import re
import secrets
import traceback
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from leafdeck.errors import InputError, Problem
from leafdeck.read.assets import MAX_IMAGE_BYTES, image_problem
from leafdeck.read.contrast import MIN_CONTRAST
from leafdeck.read.layout import Clinic, load_model
from leafdeck.serve import countries, forms, pack, wording
from leafdeck.serve.band import band_picture, clinic_countries
from leafdeck.serve.jobs import Builds, Busy
from leafdeck.serve.middleware import TOO_LARGE, SecurityHeaders, TooLarge
from leafdeck.serve.store import Store

CSRF_COOKIE = "leafdeck_csrf"
TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")


@dataclass(frozen=True)
class Settings:
    """What the server serves: the knowledge base, the layouts it saves clinics into, its own
    folder (uploads, downloads, crash log), and the build pool's size."""

    kb: Path
    layouts: Path
    state: Path
    workers: int = 2
    queue: int = 32
    hosts: tuple[str, ...] = ("*",)
    """Host names the server answers to; on loopback only its own names, so a web page that
    points some name of its own at 127.0.0.1 (DNS rebinding) gets no answer."""


def create_app(settings: Settings) -> Starlette:
    """The application for ``settings`` (paths made absolute). Raises InputError when the
    knowledge base does not load."""
    from leafdeck.read.sources import load_kb
    from leafdeck.read.translations import available_languages

    settings = replace(settings, kb=settings.kb.resolve(), layouts=settings.layouts.resolve())
    store = Store(settings.state.resolve(), settings.layouts)
    kb, _ = load_kb(settings.kb)  # a broken knowledge base stops the server before it starts

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        builds = Builds(settings.workers, settings.queue)
        app.state.builds = builds
        await builds.warm()
        try:
            yield
        finally:
            builds.close()

    app = Starlette(
        routes=[
            Route("/", _index),
            Route("/new", _new),
            Route("/clinics/{name}", _edit),
            Route("/form", _submit, methods=["POST"]),
            Route("/downloads/{token}", _download),
            Route("/style.css", _style),
        ],
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.hosts)),
            Middleware(SecurityHeaders),
            Middleware(TooLarge, refuse=_too_large),
        ],
        exception_handlers={HTTPException: _http_error, Exception: _bug},
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.languages = available_languages(settings.kb, kb.document.language)
    app.state.store = store
    app.state.advised = countries.advised(kb)
    return app


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    response = TEMPLATES.TemplateResponse(request, name, {**context, "csrf": token}, status_code=status)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
    return response


async def _index(request: Request) -> Response:
    store: Store = request.app.state.store
    clinics = await run_in_threadpool(lambda: [(name, _shown_name(store, name)) for name in store.clinics()])
    return _page(request, "index.html", {"clinics": clinics})


def _shown_name(store: Store, name: str) -> str:
    """The clinic name a clinic file gives (read, not checked: the list stays quick; opening the
    clinic checks it), or its file name when it gives none."""
    from leafdeck.read.yamlio import load

    located, _ = load(store.clinic_file(name))
    data = located.data if located is not None else None
    shown = data.get("name") if isinstance(data, dict) else None
    return shown.strip() if isinstance(shown, str) and shown.strip() else f"{name} (no clinic name yet)"


async def _new(request: Request) -> Response:
    return _form_page(request, forms.BrandForm(languages=(_base_language(request),)), None, "")


async def _edit(request: Request) -> Response:
    store: Store = request.app.state.store
    name = request.path_params["name"]
    try:
        path = store.clinic_file(name)
    except ValueError:
        raise HTTPException(404, "There is no clinic of that name.") from None
    if not path.is_file():
        raise HTTPException(404, "There is no clinic of that name.")
    try:
        clinic = load_model(path, Clinic, store.layouts)
    except InputError as exc:
        context = {"problems": [str(p) for p in exc.problems], "name": name}
        return _page(request, "broken.html", context, status=422)
    form = replace(forms.form_of_clinic(clinic, name), languages=(_base_language(request),))
    form = store.choices(name, form)
    token = ""
    if clinic.logo:
        data = (store.layouts / clinic.logo).read_bytes()
        token = store.keep_upload(data)
        form = replace(form, logo=f"{name}.{token.rsplit('.', 1)[1]}", logo_name=Path(clinic.logo).name)
    checked = await run_in_threadpool(_checked, store, form, store.upload(token), _choices(request, form))
    return _form_page(request, form, checked, token)


def _colour(value: str, fallback: str) -> str:
    """A colour the page can draw: ``value`` when it is #RRGGBB (lower case, as colour pickers
    want it), else the form's default."""
    return (value if re.fullmatch(r"#[0-9A-Fa-f]{6}", value) else fallback).lower()


def _base_language(request: Request) -> str:
    return _languages(request)[0]


def _languages(request: Request) -> list[str]:
    languages: list[str] = request.app.state.languages
    return languages


def _choices(request: Request, form: forms.BrandForm) -> dict[str, Any]:
    store: Store = request.app.state.store
    exists = bool(form.slug) and store.clinic_file(form.slug).is_file()
    return {"available": _languages(request), "exists": exists}


def _form_page(
    request: Request,
    form: forms.BrandForm,
    checked: forms.Checked | None,
    logo_token: str,
    **extra: Any,
) -> Response:
    store: Store = request.app.state.store
    logo = store.upload(logo_token)
    colours = {k: _colour(getattr(form, k), getattr(forms.BrandForm, k)) for k in ("primary", "accent")}
    refused = checked is not None and any(p.severity == "error" for p in checked.problems.get("logo", []))
    paper = form.paper if form.paper in forms.PAPERS else "a4"
    band = band_picture(store.layouts, logo if not refused else None, colours["primary"], paper)
    problems = checked.problems if checked else {}
    advised: list[str] = request.app.state.advised
    context = {
        "form": form,
        "problems": problems,
        "said": _said(form, problems),
        "labels": forms.FIELDS,
        "countries": countries.choices([*clinic_countries(store), *sorted(advised, key=countries.shown)]),
        "country": countries.shown(form.country),
        "advised": sorted(countries.shown(code) for code in advised),
        "own_advice": form.country in advised,
        "languages": [(code, forms.language_name(code)) for code in _languages(request)],
        "products": [(key, label) for key, (label, _) in forms.PRODUCTS.items()],
        "papers": forms.PAPERS,
        "shades": {"primary": forms.passing_shade(form.primary)},
        "ratios": {"primary": forms.white_text_ratio(form.primary), "minimum": MIN_CONTRAST},
        "colours": colours,
        "band": band,
        "logo_token": logo_token if logo is not None else "",
        "band_logo": band.get("logo"),
        "max_logo_mb": MAX_IMAGE_BYTES // 1_000_000,
        "web_optional": not Clinic.model_fields["web"].is_required(),  # optional once the clinic model says so
        **extra,
    }
    status = 200 if (checked is None or checked.valid) and not extra.get("failure") else 422
    return _page(request, "form.html", context, status)


def _said(form: forms.BrandForm, problems: dict[str, list[Problem]]) -> dict[str, list[tuple[Problem, str, str]]]:
    """Each field's problems as the form says them: (problem, the plain sentence that leads,
    the line ``leafdeck check`` prints: rule and message)."""
    files = {f"layouts/{forms.LOGO_FOLDER}/{form.logo}": form.logo_name} if form.logo and form.logo_name else {}
    products = wording.product_names(forms.PAPERS, forms.PRODUCTS)
    return {
        key: [
            (p, wording.plain(p, forms.FIELDS.get(key, ""), files=files, products=products), problem_text(p))
            for p in found
        ]
        for key, found in problems.items()
    }


async def _submit(request: Request) -> Response:
    store: Store = request.app.state.store
    data = await request.form(max_files=1, max_fields=60, max_part_size=64 * 1024)
    sent = data.get("csrf")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    if not isinstance(sent, str) or not cookie or not hmac.compare_digest(sent.encode(), cookie.encode()):
        raise HTTPException(403, "This form has expired. Open the page again and resubmit.")
    values = {k: v for k, v in data.items() if isinstance(v, str)}
    lists = {k: [v for v in data.getlist(k) if isinstance(v, str)] for k in ("languages", "products")}
    for colour in ("primary", "accent"):
        if values.get(f"use_{colour}"):
            values[colour] = values[f"use_{colour}"]
    form = forms.form_from(values, lists)
    token = values.get("logo_token", "")
    upload = data.get("logo")
    if isinstance(upload, UploadFile) and upload.filename:
        token = await run_in_threadpool(store.keep_upload, await upload.read())
        form = replace(form, logo_name=forms.chosen_name(upload.filename))
    await data.close()
    logo = store.upload(token)
    if logo is not None:
        form = replace(form, logo=f"{form.slug or 'clinic'}.{token.rsplit('.', 1)[1]}")
    checked = await run_in_threadpool(_checked, store, form, logo, _choices(request, form))
    if checked.problems.get("logo") and any(p.severity == "error" for p in checked.problems["logo"]):
        if logo is not None and await run_in_threadpool(image_problem, logo) is not None:
            store.forget_upload(token)  # a refused file is not kept on the server either
        token = ""  # a refused upload is not kept in the form
    action = values.get("action", "check")
    if not checked.valid or action not in ("preview", "download", "save"):
        return _form_page(request, form, checked, token)
    return await _act(request, action, form, checked, token)


def _checked(store: Store, form: forms.BrandForm, logo: Path | None, choices: dict[str, Any]) -> forms.Checked:
    """The form checked as ``leafdeck check`` checks a clinic file, plus the logo's print warnings
    (run in a thread: decoding an image must not hold up other requests)."""
    checked = forms.check_form(form, logo, **choices)
    clinic = checked.drawn(form)  # every field in one round: the logo too when another field fails
    if logo is not None and clinic is not None and not checked.problems.get("logo") and image_problem(logo) is None:
        from leafdeck.serve.logos import logo_warnings

        line = next((number for number, key in forms.key_lines(checked.text) if key == "logo"), 0)
        where = (f"layouts/clinics/{form.slug}.yaml", line, 1 if line else 0)
        for warning in logo_warnings(store.layouts, clinic, logo, where, form.product_names()):
            checked.add("logo", warning)
    return checked


async def _act(request: Request, action: str, form: forms.BrandForm, checked: forms.Checked, token: str) -> Response:
    store: Store = request.app.state.store
    settings: Settings = request.app.state.settings
    logo = store.upload(token)
    logo_file = (form.logo, logo.read_bytes()) if logo is not None and form.logo else None
    products = form.preview_names() if action == "preview" else form.product_names()
    languages = form.languages[:1] if action == "preview" else form.languages
    spec = pack.PackSpec(
        settings.kb,
        settings.layouts,
        form.slug,
        checked.text,
        logo_file,
        languages,
        products,
        store.crash_log,
        store.cache,
    )
    builds: Builds = request.app.state.builds
    try:
        result = await builds.run(pack.preview if action == "preview" else pack.download, spec)
    except Busy:
        message = "The server is building many packs right now. Wait a minute, then press the button again."
        return _form_page(request, form, checked, token, failure=[message])
    if result.problems or result.bug:
        return _form_page(request, form, checked, token, failure=result.problems or [result.bug])
    extra: dict[str, Any] = {"ok": True}
    if action == "preview":
        named = wording.product_names(forms.PAPERS, forms.PRODUCTS)  # "Short leaflet (A4)", not leaflet-a4
        extra["previews"] = [
            (named.get(product, product), "data:image/png;base64," + base64.b64encode(png).decode("ascii"))
            for product, _, png in result.previews
        ]
    else:
        store.save(form.slug, checked.text, logo_file)
        store.keep_choices(form.slug, form)
        form = replace(form, editing=form.slug)
        extra["saved"] = f"layouts/clinics/{form.slug}.yaml"
        if action == "download" and result.archive is not None:
            owner = request.cookies.get(CSRF_COOKIE, "")
            extra["download"] = (store.keep_download(result.archive, owner), f"leafdeck-{form.slug}.zip")
    return _form_page(request, form, checked, token, **extra)


async def _download(request: Request) -> Response:
    store: Store = request.app.state.store
    path = store.download(request.path_params["token"], request.cookies.get(CSRF_COOKIE, ""))
    if path is None:
        raise HTTPException(404, "This download has expired. Open the clinic and press Download again.")
    name = request.query_params.get("name", "leafdeck-pack.zip")
    safe = "".join(c for c in name if c.isalnum() or c in "-_.") or "leafdeck-pack.zip"
    return FileResponse(path, media_type="application/zip", filename=safe)


async def _style(request: Request) -> Response:
    return FileResponse(Path(__file__).parent / "templates" / "serve.css", media_type="text/css")


def _too_large(request: Request) -> Response:
    return _page(request, "error.html", {"message": TOO_LARGE, "status": 413}, status=413)


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else ""
    if status == 413:
        detail = TOO_LARGE
    return _page(request, "error.html", {"message": detail, "status": status}, status=status)


async def _bug(request: Request, exc: Exception) -> Response:
    store: Store = request.app.state.store
    try:
        store.crash_log.parent.mkdir(parents=True, exist_ok=True)
        with store.crash_log.open("a", encoding="utf-8") as file:
            file.write("".join(traceback.format_exception(exc)) + "\n")
        where = f"details in {store.crash_log}"
    except OSError:
        where = "the details could not be written"
    message = f"Internal error (a bug in leafdeck, not your input): {type(exc).__name__}; {where}."
    return _page(request, "error.html", {"message": message, "status": 500}, status=500)


def problem_text(problem: Problem) -> str:
    """How the form shows a problem beside its field: its rule and message, as ``leafdeck check``
    words them (the file and line are those of the clinic file it will be saved as)."""
    suffix = "" if problem.severity == "error" else " (warning)"
    return f"{problem.rule}: {problem.message}{suffix}"
