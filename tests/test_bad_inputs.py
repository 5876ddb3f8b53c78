"""Every bad input through the real command line: exit 1, a located message, never a traceback.

The committed cases live in ``tests/bad_inputs/`` (see its README for the convention); the
few that cannot be committed (a 50 MB file, symbolic links out of the project, an output
folder that cannot be written, a binary file) are generated below into a temporary project.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import LAYOUTS, REPO, ROOTS

CASES = Path(__file__).resolve().parent / "bad_inputs"
MINIMAL = ROOTS / "minimal" / "kb.yaml"
HEADER = re.compile(r"^# expect: (?:(?P<line>\d+):(?P<col>\d+)|-): (?P<fragment>.+)$")
LOCATED = re.compile(r"^[^\s:][^:]*(?::\d+:\d+)?: ")
"""Every line a failed run prints is `path:line:col: message` or `path: message`, but the summary."""
SUMMARY = re.compile(r"^(\d+ error\(s\), \d+ warning\(s\)|built \d+, )")


@dataclass(frozen=True)
class Expect:
    """The message a case must produce: where (as the CLI shows it) and a fragment of the text."""

    file: str
    line: int = 0
    col: int = 0
    fragment: str = ""
    under: bool = False
    """``file`` is a folder and the message may name any path inside it."""

    def pattern(self) -> re.Pattern[str]:
        where = re.escape(self.file) + (r"(?:/[^:]*)?" if self.under else "")
        where += f":{self.line}:{self.col}" if self.line else ""
        return re.compile(f"^{where}: .*{re.escape(self.fragment)}")


def read_expect(path: Path, shown: str) -> Expect:
    """The ``# expect:`` header on the first line of a case file."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    match = HEADER.match(first)
    assert match, f"{path}: the first line must be '# expect: LINE:COL: fragment' or '# expect: -: fragment'"
    line, col = int(match["line"] or 0), int(match["col"] or 0)
    return Expect(shown, line, col, match["fragment"])


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, as a volunteer runs it."""
    return subprocess.run(
        [sys.executable, "-m", "leafdeck", *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def project(root: Path) -> Path:
    """A throwaway project: the minimal knowledge base as kb.yaml, its labels, a copy of layouts/."""
    shutil.copytree(LAYOUTS, root / "layouts")
    shutil.copy(MINIMAL, root / "kb.yaml")
    for folder in (MINIMAL.parent, REPO / "sources"):
        if (folder / "labels.en.yaml").is_file():
            shutil.copy(folder / "labels.en.yaml", root / "labels.en.yaml")
            break
    return root


def build_args(clinic: str = "default") -> list[str]:
    """A PDF build of kb.yaml with the project's layouts, into output/ and build/."""
    return f"build kb.yaml --layouts layouts --clinic {clinic} --format pdf --out output --build-dir build".split()


def assert_reported(result: subprocess.CompletedProcess[str], expect: Expect, cwd: Path) -> None:
    """Exit 1, the expected located line, only located lines, no traceback, nothing built."""
    err = result.stderr
    assert "Traceback" not in err, err
    assert result.returncode == 1, f"exit {result.returncode}\n{err}"
    lines = [line for line in err.splitlines() if line and not SUMMARY.match(line)]
    assert any(expect.pattern().match(line) for line in lines), f"no line matches {expect.pattern().pattern}\n{err}"
    assert all(LOCATED.match(line) for line in lines), err
    output = cwd / "output"
    assert not output.is_dir() or not any(p.is_file() for p in output.rglob("*")), "a failed run wrote outputs"


# --- committed cases ------------------------------------------------------------------------


def committed_cases() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.suffix == ".yaml" or p.is_dir())


def case_file(case: Path) -> Path:
    """The one file of a folder case that carries the ``# expect:`` header."""
    marked = [p for p in case.rglob("*") if p.is_file() and p.read_bytes().startswith(b"# expect: ")]
    assert len(marked) == 1, f"{case}: exactly one file must start with '# expect:', found {marked}"
    return marked[0]


@pytest.mark.parametrize("case", committed_cases(), ids=lambda p: p.name)
def test_committed_case(case: Path, tmp_path: Path) -> None:
    root = project(tmp_path)
    if case.is_file():
        shutil.copy(case, root / case.name)
        expect = read_expect(case, case.name)
        result = run_cli("check", case.name, cwd=root)
    else:
        shutil.copytree(case, root, dirs_exist_ok=True)
        marked = case_file(case)
        expect = read_expect(marked, marked.relative_to(case).as_posix())
        clinic = "test" if (case / "layouts" / "clinics" / "test.yaml").is_file() else "default"
        result = run_cli(*build_args(clinic), cwd=root)
    assert_reported(result, expect, root)


def test_every_case_is_listed_in_the_readme() -> None:
    readme = (CASES / "README.md").read_text(encoding="utf-8")
    names = [p.name + ("/" if p.is_dir() else "") for p in committed_cases()] + [name for name, _ in GENERATED]
    assert [n for n in names if f"`{n}`" not in readme] == []


# --- generated cases --------------------------------------------------------------------------

CLINIC = (
    "# A clinic brand made by the test.\n"
    "name: Test clinic\n"
    'phone: "01632 960 000"\n'
    "address: 1 Test Street\n"
    "web: https://example.org/clinic\n"
    'primary: "#1F4E79"\n'
    'accent: "#2E75B6"\n'
)
FONTS = "extends: leaflet-base.yaml\nfonts:\n  name: Noto Sans\n  regular: {regular}\n  bold: fonts/NotoSans-Bold.ttf\n"
Generated = Callable[[Path], tuple[list[str], Expect]]


def huge_file(root: Path) -> tuple[list[str], Expect]:
    """50 MB: refused from its size alone (a sparse file, so the test writes almost nothing)."""
    with (root / "kb.yaml").open("wb") as file:
        file.write(b"schema_version: 1\n")
        file.truncate(50 * 1024 * 1024)
    return ["check", "kb.yaml"], Expect(
        "kb.yaml", fragment="file is too large: 52,428,800 bytes; the limit is 2,000,000"
    )


def huge_file_build(root: Path) -> tuple[list[str], Expect]:
    """The same 50 MB file given to a build (which caches by content: it must not hash it first)."""
    huge_file(root)
    return build_args(), Expect("kb.yaml", fragment="file is too large: 52,428,800 bytes; the limit is 2,000,000")


def zero_bytes(root: Path) -> tuple[list[str], Expect]:
    (root / "kb.yaml").write_bytes(b"")
    return ["check", "kb.yaml"], Expect("kb.yaml", fragment="the file is empty")


def binary_file(root: Path) -> tuple[list[str], Expect]:
    """A PNG image saved over the knowledge base."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "#1F4E79").save(buffer, "PNG")
    (root / "kb.yaml").write_bytes(buffer.getvalue())
    return ["check", "kb.yaml"], Expect("kb.yaml", fragment="this is a binary file, not YAML text")


def missing_kb(root: Path) -> tuple[list[str], Expect]:
    return ["check", "nowhere.yaml"], Expect("nowhere.yaml", fragment="file not found")


def kb_is_a_folder(root: Path) -> tuple[list[str], Expect]:
    (root / "folder.yaml").mkdir()
    return ["check", "folder.yaml"], Expect("folder.yaml", fragment="not a file")


def logo_symlink_out(root: Path) -> tuple[list[str], Expect]:
    """A logo inside layouts/ that is a symbolic link to /etc/passwd."""
    (root / "layouts" / "clinics" / "logos").mkdir(parents=True, exist_ok=True)
    (root / "layouts" / "clinics" / "logos" / "evil.png").symlink_to("/etc/passwd")
    (root / "layouts" / "clinics" / "test.yaml").write_text(CLINIC + "logo: clinics/logos/evil.png\n")
    return build_args("test"), Expect(
        "layouts/clinics/test.yaml", 8, 7, "'clinics/logos/evil.png' leads outside layouts/"
    )


def font_symlink_out(root: Path) -> tuple[list[str], Expect]:
    """A font inside layouts/ that is a symbolic link to a file outside the project."""
    outside = root.parent / f"{root.name}-outside.ttf"
    shutil.copy(LAYOUTS / "fonts" / "NotoSans-Regular.ttf", outside)
    (root / "layouts" / "fonts" / "Evil.ttf").symlink_to(outside)
    a4 = (root / "layouts" / "leaflet-a4.yaml").read_text()
    (root / "layouts" / "leaflet-a4.yaml").write_text(
        a4.replace("extends: leaflet-base.yaml\n", FONTS.format(regular="fonts/Evil.ttf"))
    )
    line = a4.splitlines().index("extends: leaflet-base.yaml") + 4  # 1-based line of `regular:`
    return build_args(), Expect("layouts/leaflet-a4.yaml", line, 12, "'fonts/Evil.ttf' leads outside layouts/")


def clinic_symlink_out(root: Path) -> tuple[list[str], Expect]:
    """The clinic file itself is a symbolic link to a file outside the project."""
    outside = root.parent / f"{root.name}-clinic.yaml"
    outside.write_text(CLINIC)
    (root / "layouts" / "clinics" / "test.yaml").symlink_to(outside)
    return build_args("test"), Expect("layouts/clinics/test.yaml", fragment="leads outside layouts/")


def output_blocked(root: Path) -> tuple[list[str], Expect]:
    """A file where the output folder should be."""
    (root / "output").write_text("not a folder\n")
    return build_args(), Expect("output", fragment="cannot write here", under=True)


def output_read_only(root: Path) -> tuple[list[str], Expect]:
    """An output folder without write permission (meaningless as root, who may write anywhere)."""
    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders")
    (root / "output").mkdir()
    (root / "output").chmod(0o555)
    return build_args(), Expect("output", fragment="cannot write here", under=True)


GENERATED: list[tuple[str, Generated]] = [
    ("huge-50mb", huge_file),
    ("huge-50mb-build", huge_file_build),
    ("empty-0-bytes", zero_bytes),
    ("binary-png", binary_file),
    ("missing-kb", missing_kb),
    ("kb-is-a-folder", kb_is_a_folder),
    ("logo-symlink-out", logo_symlink_out),
    ("font-symlink-out", font_symlink_out),
    ("clinic-symlink-out", clinic_symlink_out),
    ("output-blocked-by-a-file", output_blocked),
    ("output-read-only", output_read_only),
]


@pytest.mark.parametrize("make", [m for _, m in GENERATED], ids=[n for n, _ in GENERATED])
def test_generated_case(make: Generated, tmp_path: Path) -> None:
    root = project(tmp_path / "project")
    args, expect = make(root)
    started = time.monotonic()
    result = run_cli(*args, cwd=root)
    assert_reported(result, expect, root)
    assert time.monotonic() - started < 30, "a bad input must be refused quickly"


MEASURE = """
import atexit, resource, runpy, sys
sys.argv = ["leafdeck", *sys.argv[1:]]
# leafdeck ends with os._exit once the exit handlers have run (cli.ended): report from one
atexit.register(lambda: print(f"maxrss-kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr))
runpy.run_module("leafdeck", run_name="__main__")
"""


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path, command: str) -> None:
    """1 GB (sparse, so free to make): the size is judged from stat(), the bytes are never read."""
    root = project(tmp_path)
    with (root / "kb.yaml").open("wb") as file:
        file.truncate(1024**3)
    args = ["check", "kb.yaml"] if command == "check" else build_args()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *args], capture_output=True, text=True, cwd=root, check=False
    )
    assert result.returncode == 1, result.stderr
    assert "file is too large: 1,073,741,824 bytes" in result.stderr
    peak_mb = int(result.stderr.rsplit("maxrss-kb ", 1)[1]) / 1024
    # about 40 MB alone; up to ~450 MB seen on a loaded machine: still far from the 1,024 MB read whole
    assert peak_mb < 700, f"peak memory {peak_mb:.0f} MB: the file was read"
