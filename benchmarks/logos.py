"""Cost of a large logo (issue 18, case 29): figures only, printed beside a floor.

    .venv/bin/python benchmarks/logos.py [--runs N]

Builds the A4 leaflet, the tri-fold, the patient talk and the web page of one clinic through the
real command line, in a throwaway copy of the project, three ways: without a logo (the floor),
with a 900 x 300 PNG and with a 4000 x 3000 phone photo (a 2-3 MB JPEG). Prints each build's
time (median of the runs) and the size of each file it wrote. Asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
PRODUCTS = "leaflet-a4,trifold-a4,talk-patient,web"
CLINIC = (
    'name: Bench clinic\nphone: "01632 960 000"\naddress: 1 Bench Street\nweb: https://example.org/bench\n'
    'primary: "#1F4E79"\naccent: "#2E75B6"\n'
)


def _logos(folder: Path) -> dict[str, str | None]:
    """The logos compared, written into ``folder``: name → path under layouts/ (None: no logo)."""
    folder.mkdir(parents=True, exist_ok=True)
    small = Image.new("RGB", (900, 300), "white")
    ImageDraw.Draw(small).ellipse((10, 10, 290, 290), fill=(200, 30, 30))
    small.save(folder / "small.png")
    noise = Image.effect_noise((4000, 3000), 60).convert("L")
    photo = Image.merge("RGB", (noise, noise.rotate(180), Image.linear_gradient("L").resize((4000, 3000))))
    photo.save(folder / "photo.jpg", quality=60)
    return {
        "no logo (floor)": None,
        "900x300 PNG": "clinics/logos/small.png",
        "4000x3000 photo": "clinics/logos/photo.jpg",
    }


def _build(root: Path, out: str) -> float:
    command = [sys.executable, "-m", "leafdeck", "build", "kb.yaml", "--layouts", "layouts", "--out", out]
    command += ["--build-dir", f"build-{out}", "--jobs", "1", "--clinic", "bench", "--audience", "patient"]
    command += ["--only", PRODUCTS]
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=root,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        shutil.copytree(REPO / "layouts", root / "layouts")
        shutil.copy(REPO / "tests" / "roots" / "minimal" / "kb.yaml", root / "kb.yaml")
        shutil.copy(REPO / "sources" / "labels.en.yaml", root / "labels.en.yaml")
        logos = _logos(root / "layouts" / "clinics" / "logos")
        print(f"{'logo':<18} {'build (median of ' + str(runs) + ')':>22}   files")
        for n, (name, logo) in enumerate(logos.items()):
            clinic = CLINIC + (f"logo: {logo}\n" if logo else "")
            (root / "layouts" / "clinics" / "bench.yaml").write_text(clinic, encoding="utf-8")
            times = [_build(root, f"out{n}-{run}") for run in range(runs)]
            folder = root / f"out{n}-0" / "bench" / "en" / "patient"
            sizes = ", ".join(f"{f.name} {f.stat().st_size / 1e6:.2f} MB" for f in sorted(folder.iterdir()))
            print(f"{name:<18} {statistics.median(times):>20.2f} s   {sizes}")


if __name__ == "__main__":
    main()
