"""Start the brand kit's server: check the inputs, say where it is, serve until Ctrl-C."""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import socket
import sys
from pathlib import Path

from leafdeck.errors import InputError, Problem, display_path


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this computer."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind_problem(host: str, port: int) -> str | None:
    """Why the server cannot listen on ``host:port`` (in use, not an address of this computer),
    or None when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return f"port {port} is in use (another program, or leafdeck serve already running?); choose another with --port"
        return f"cannot listen there: {exc.strerror or exc}"
    return None


def serve(kb: Path, layouts: Path, state: Path, host: str, port: int, workers: int) -> int:
    """Serve the brand kit on ``host:port`` until Ctrl-C; returns the exit code (0 after a clean
    stop). Raises InputError when the knowledge base or layouts folder is missing."""
    import uvicorn

    from leafdeck.serve.app import Settings, create_app

    missing = [Problem(display_path(p), message="not found") for p in (kb, layouts) if not p.exists()]
    if missing:
        raise InputError(missing)
    trouble = bind_problem(host, port)
    if trouble:
        raise InputError([Problem(f"--host {host} --port {port}", message=trouble)])
    if not is_loopback(host):
        print(
            f"leafdeck serve: warning: listening on {host}, so other computers can reach the form; there is no "
            "login. Only do this on a network you trust, behind a proxy that adds HTTPS and a password.",
            file=sys.stderr,
        )
    hosts = ("127.0.0.1", "localhost", "::1", "[::1]") if is_loopback(host) else ("*",)
    app = create_app(Settings(kb, layouts, state, workers=workers, hosts=hosts))
    shown = f"[{host}]" if ":" in host else host
    print(f"leafdeck serve: open http://{shown}:{port}/ in your browser; press Ctrl-C to stop", flush=True)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    try:
        with contextlib.suppress(KeyboardInterrupt):  # uvicorn shuts down gracefully, then passes Ctrl-C on
            server.run()
    except SystemExit:  # uvicorn could not start (it said why); its exit code 3 would read as a bug here
        return 1
    print("leafdeck serve: stopped", flush=True)
    return 0
