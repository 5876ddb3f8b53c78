"""Load test of `leafdeck serve` (issue 21): N clinics press Download at once. Figures only.

Starts the real server (the CLI, loopback only, a free port) on a throwaway copy of layouts/ and
the project's knowledge base; N client threads each post one clinic's form (short leaflet,
option grid and tri-fold, A4, English) and fetch the zip; another thread loads the clinic list
every half second meanwhile. Prints whether every pack arrived, the time per pack (queue wait
included) beside a CLI build of the same pack, and how slow the list page got while building.

    .venv/bin/python benchmarks/serve_load.py --packs 10 --workers 2
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KB = REPO / "sources" / "liberation-procedure.yaml"
PRODUCTS = ("leaflet", "option-grid", "trifold")
CLI_PRODUCTS = "leaflet-a4,option-grid-a4,trifold-a4"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--packs", type=int, default=10, help="clinics pressing Download at once (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="the server's build workers (default 2)")
    args = parser.parse_args()
    run(args.packs, args.workers)


def run(packs: int, workers: int) -> None:
    """Print the load test's figures for ``packs`` concurrent downloads and ``workers`` workers."""
    with tempfile.TemporaryDirectory(prefix="leafdeck-serve-load-") as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "layouts", root / "layouts")
        port = _free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "leafdeck",
                "serve",
                str(KB),
                "--layouts",
                "layouts",
                "--build-dir",
                "build",
                "--port",
                str(port),
                "--jobs",
                str(workers),
            ],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait(url)
            _measure(root, url, packs, workers)
        finally:
            server.send_signal(signal.SIGINT)
            server.communicate(timeout=60)


def _measure(root: Path, url: str, packs: int, workers: int) -> None:
    previews = []
    for _ in range(3):
        start = time.perf_counter()
        assert _post(url, 0, "preview").count("<figure><img") == len(PRODUCTS)
        previews.append(time.perf_counter() - start)
    print(
        f"serve: Preview (first page of {len(PRODUCTS)} products, one clinic, idle server): "
        f"median {statistics.median(previews):.1f} s of {len(previews)}"
    )
    times: list[float | None] = [None] * packs
    latencies: list[float] = []
    done = threading.Event()

    def download(i: int) -> None:
        start = time.perf_counter()
        try:
            if _pack(url, i):
                times[i] = time.perf_counter() - start
        except OSError as exc:
            print(f"  pack {i + 1}: {exc}")

    def probe() -> None:
        while not done.wait(0.5):
            start = time.perf_counter()
            with urllib.request.urlopen(url + "/", timeout=60) as reply:
                reply.read()
            latencies.append(time.perf_counter() - start)

    prober = threading.Thread(target=probe)
    prober.start()
    start = time.perf_counter()
    threads = [threading.Thread(target=download, args=(i,)) for i in range(packs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    done.set()
    prober.join()
    cli = _cli_build(root)
    good = [t for t in times if t is not None]
    print(f"serve: {packs} clinics press Download at once ({len(PRODUCTS)} PDFs + guide each), {workers} workers")
    print(f"  packs received: {len(good)} of {packs} in {wall:.1f} s ({wall / max(len(good), 1):.1f} s per pack)")
    if good:
        print(
            f"  time per pack, queue wait included: median {statistics.median(good):.1f} s, "
            f"fastest {min(good):.1f} s, slowest {max(good):.1f} s"
        )
    print(f"  CLI build of the same pack (one process, imports included): {cli:.1f} s")
    if latencies:
        print(
            f"  the clinic list while building: median {statistics.median(latencies) * 1000:.0f} ms, "
            f"slowest {max(latencies) * 1000:.0f} ms ({len(latencies)} loads)"
        )


def _pack(url: str, i: int) -> bool:
    """One clinic's form posted with Download, and its zip fetched; True when the zip is whole."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    link = re.search(r'href="(/downloads/[0-9a-f]{32})', _post(url, i, "download", opener))
    if not link:
        return False
    with opener.open(url + link[1], timeout=600) as reply:
        names = zipfile.ZipFile(io.BytesIO(reply.read())).namelist()
    return sum(name.endswith(".pdf") for name in names) == len(PRODUCTS) + 1


def _post(url: str, i: int, action: str, opener: urllib.request.OpenerDirector | None = None) -> str:
    """Clinic ``i``'s form posted with the button ``action``; the page that comes back."""
    if opener is None:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(url + "/new", timeout=600) as reply:
        token = re.search(r'name="csrf" value="([^"]+)"', reply.read().decode())
    assert token
    fields = {
        "csrf": token[1],
        "name": f"Load Test Clinic {i + 1}",
        "phone": f"01632 960{i:03d}",
        "address": "1 Test Street\nTesttown TT1 1TT",
        "web": "https://example.org/leaflets",
        "country": "GB",
        "primary": "#1F4E79",
        "accent": "#2E75B6",
        "languages": ["en"],
        "paper": "a4",
        "products": list(PRODUCTS),
        "action": action,
    }
    boundary = secrets.token_hex(12)
    body = (
        b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{one}\r\n'.encode()
            for name, value in fields.items()
            for one in ([value] if isinstance(value, str) else value)
        )
        + f"--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url + "/form", data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    with opener.open(request, timeout=600) as reply:
        page: str = reply.read().decode()
        return page


def _cli_build(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "leafdeck",
            "build",
            str(KB),
            "--layouts",
            "layouts",
            "--clinic",
            "load-test-clinic-1",
            "--only",
            CLI_PRODUCTS,
            "--audience",
            "patient",
            "--lang",
            "en",
            "--jobs",
            "1",
            "--force",
            "--out",
            "cli-output",
            "--build-dir",
            "cli-build",
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait(url: str) -> None:
    for _ in range(1200):
        try:
            with urllib.request.urlopen(url + "/", timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("leafdeck serve did not answer")


if __name__ == "__main__":
    main()
