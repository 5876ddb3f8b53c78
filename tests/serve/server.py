"""A real ``leafdeck serve`` for the tests: started with the CLI in a throwaway project (the
minimal knowledge base and a copy of layouts/) on a free loopback port, and a small HTTP client
that keeps the CSRF cookie and posts multipart forms as a browser does."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from tests.realworld import project

HILLSIDE = {
    "name": "Hillside MS Service",
    "phone": "01632 960456",
    "address": "Hillside Hospital\nWard 7: Neurology\nHill Road, Hilltown HT1 2AB",
    "web": "https://hillside.example.org/leaflets",
    "email": "ms@hillside.example.org",
    "country": "GB",
    "primary": "#3f630f",
    "accent": "#330072",
    "paper": "a4",
}
"""The clinic a nurse sets up in issue 21's trial (journey 1), with a passing main colour."""


def free_port() -> int:
    """A port nothing listens on now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Served:
    """A running server: its project folder, address and process."""

    root: Path
    url: str
    process: subprocess.Popen[str]


@contextmanager
def serving(root: Path, *extra: str) -> Iterator[Served]:
    """``leafdeck serve`` on the minimal project in ``root``, until the block ends; then Ctrl-C
    (SIGINT), as a user stops it."""
    project(root)
    port = free_port()
    args = ["serve", "kb.yaml", "--port", str(port), "--layouts", "layouts", "--build-dir", "build", *extra]
    process = subprocess.Popen(
        [sys.executable, "-m", "leafdeck", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, which Ctrl-C in a terminal reaches as a whole
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(url, process)
        yield Served(root, url, process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()


def _wait_for(url: str, process: subprocess.Popen[str]) -> None:
    for _ in range(600):  # the workers import the build's machinery before the server answers
        if process.poll() is not None:
            raise RuntimeError(f"leafdeck serve exited with {process.returncode}: {process.stderr.read()}")  # type: ignore[union-attr]
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    raise RuntimeError("leafdeck serve did not answer")


@dataclass
class Reply:
    status: int
    text: str
    body: bytes
    headers: dict[str, str]


class Client:
    """A browser's share of HTTP: cookies, forms (multipart), no JavaScript."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> Reply:
        return self._open(urllib.request.Request(self.url + path))

    def post(self, fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes]] | None = None) -> Reply:
        """Post the form to /form, multipart as a browser sends it."""
        boundary = secrets.token_hex(12)
        parts = []
        for name, value in fields.items():
            for one in [value] if isinstance(value, str) else value:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{one}\r\n'.encode())
        for name, (filename, data) in (files or {}).items():
            head = (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            )
            parts.append(head.encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(
            self.url + "/form", data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )
        return self._open(request)

    def csrf(self) -> str:
        """The CSRF token of a fresh form page (also sets the cookie)."""
        found = re.search(r'name="csrf" value="([^"]+)"', self.get("/new").text)
        assert found
        return found[1]

    def _open(self, request: urllib.request.Request) -> Reply:
        try:
            with self.opener.open(request, timeout=300) as response:
                body = response.read()
                return Reply(response.status, body.decode("utf-8", "replace"), body, dict(response.headers))
        except urllib.error.HTTPError as error:
            body = error.read()
            return Reply(error.code, body.decode("utf-8", "replace"), body, dict(error.headers))


def problems_beside(page: str, field: str) -> list[str]:
    """The problem texts the page shows beside a field (``<p ... id="FIELD-problem-N">``)."""
    return [unescape(m) for m in re.findall(rf'id="{field}-problem-\d+">(.*?)</p>', page, flags=re.S)]


def hillside(csrf: str, action: str, **changes: str | list[str]) -> dict[str, str | list[str]]:
    """The Hillside form's fields, with ``changes``."""
    fields: dict[str, str | list[str]] = {
        "csrf": csrf,
        **HILLSIDE,
        "languages": ["en"],
        "products": ["leaflet", "option-grid", "trifold"],
        "action": action,
    }
    fields.update(changes)
    return fields
