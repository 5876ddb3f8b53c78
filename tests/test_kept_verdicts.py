"""Verdicts on input files kept between commands (read/inputs.py ``Inputs.remembered``; used by
read/assets.py for fonts and images and by publish/pipeline.py for the quality gate's settings):
a kept verdict is used only for the very bytes it was worked out on, and a command with kept
verdicts says exactly what a command without them says."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from leafdeck.errors import InputError, Problem
from leafdeck.read import images
from leafdeck.read.inputs import Inputs
from tests.conftest import REPO
from tests.realworld import build, cli, edit, located, project, write_clinic


def counted(answers: list[str | None]) -> tuple[list[int], Callable[[], str | None]]:
    """A verdict function that counts its calls and gives ``answers`` in turn."""
    calls = [0]

    def compute() -> str | None:
        calls[0] += 1
        return answers[calls[0] - 1]

    return calls, compute


@pytest.mark.parametrize(
    ("case", "first", "second", "kept", "expected_calls", "expected"),
    [
        ("same bytes, kept: worked out once", b"font", b"font", True, 1, [None, None]),
        ("other bytes: worked out again", b"font", b"damaged", True, 2, [None, "is damaged"]),
        ("nothing kept: worked out every time", b"font", b"font", False, 2, [None, "is damaged"]),
    ],
)
def test_a_verdict_is_kept_for_the_same_bytes_only(
    tmp_path: Path, case: str, first: bytes, second: bytes, kept: bool, expected_calls: int, expected: list[str | None]
) -> None:
    calls, compute = counted([None, "is damaged"])
    path = tmp_path / "fonts" / "a.ttf"
    folder = tmp_path / "cache" if kept else None
    answers = [Inputs(kept=folder, code="c1").remembered("font", path, content, compute) for content in (first, second)]
    assert (calls[0], answers) == (expected_calls, expected), case


def test_a_verdict_kept_by_other_code_or_for_another_file_is_not_used(tmp_path: Path) -> None:
    calls, compute = counted([None, "is damaged", "is not a font"])
    path = tmp_path / "a.ttf"
    assert Inputs(kept=tmp_path, code="c1").remembered("font", path, b"x", compute) is None
    assert Inputs(kept=tmp_path, code="c2").remembered("font", path, b"x", compute) == "is damaged"
    other = tmp_path / "b.ttf"
    assert Inputs(kept=tmp_path, code="c1").remembered("font", other, b"x", compute) == "is not a font"
    assert calls[0] == 3


def test_a_verdict_that_raises_is_never_kept(tmp_path: Path) -> None:
    calls = [0]

    def refuse() -> None:
        calls[0] += 1
        raise InputError([Problem("checks.yaml", 3, 1, "bad")])

    for _ in range(2):
        with pytest.raises(InputError):
            Inputs(kept=tmp_path, code="c").remembered("settings", tmp_path / "checks.yaml", b"x", refuse)
    assert calls[0] == 2
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    calls, compute = counted(["is damaged", "is damaged"])
    for _ in range(2):
        answer = Inputs(kept=blocker, code="c").remembered("font", tmp_path / "a.ttf", b"x", compute)
        assert answer == "is damaged"
    assert calls[0] == 2


CHECK = ("check", "kb.yaml", "--layouts", "layouts", "--build-dir", "build", "--no-fit")
DAMAGE = [
    # (case, file damaged, new bytes, what the located message says)
    ("a font replaced by text", "layouts/fonts/NotoSans-Regular.ttf", b"not a font at all\n", "NotoSans-Regular.ttf"),
    ("a logo cut short", "layouts/clinics/logos/riverside.png", b"\x89PNG\r\n\x1a\n\x00\x00", "riverside.png"),
]


@pytest.mark.parametrize(("case", "file", "damage", "fragment"), DAMAGE, ids=[d[0] for d in DAMAGE])
def test_check_with_kept_verdicts_says_what_a_fresh_check_says(
    tmp_path: Path, case: str, file: str, damage: bytes, fragment: str
) -> None:
    root = project(tmp_path)
    first = cli(root, *CHECK)
    assert "Traceback" not in first.stderr, first.stderr
    assert list((root / "build" / "cache").glob("verdict-*.json")), case
    assert cli(root, *CHECK).stderr == first.stderr  # every verdict kept: the same report
    (root / file).write_bytes(damage)
    kept = cli(root, *CHECK)
    fresh = cli(root, *CHECK[:-3], "--build-dir", "fresh", "--no-fit")
    assert (kept.returncode, fresh.returncode) == (1, 1), kept.stderr
    assert kept.stderr == fresh.stderr
    assert any(fragment in message for *_, message in located(kept.stderr)), kept.stderr


def test_settings_found_bad_are_refused_by_every_build(tmp_path: Path) -> None:
    root = project(tmp_path)
    settings = root / "checks.yaml"
    settings.write_text("readability:\n  audiences:\n    patient:\n      grade_max: 10\n", encoding="utf-8")
    assert build(root, "--only", "web").returncode == 0
    assert list((root / "build" / "cache").glob("verdict-settings-*.json"))
    settings.write_text("readability:\n  audiences:\n    patient:\n      grade_max: ten\n", encoding="utf-8")
    for _ in range(2):  # refused, located, again: a bad file's verdict is never kept
        refused = build(root, "--only", "web", "--force")
        assert refused.returncode == 1, refused.stderr
        assert [(f, line) for f, line, *_ in located(refused.stderr)] == [("checks.yaml", 4)], refused.stderr


def test_check_with_kept_font_coverage_locates_what_the_font_cannot_draw(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert "Traceback" not in cli(root, *CHECK).stderr
    assert list((root / "build" / "cache").glob("verdict-cmap-*.json"))  # the fonts' code points, kept
    edit(root, "layouts/clinics/default.yaml", "Your MS clinic", "Your MS clinic \U0001f9e0")
    kept = cli(root, *CHECK)
    fresh = cli(root, *CHECK[:-3], "--build-dir", "fresh", "--no-fit")
    assert (kept.returncode, kept.stderr) == (fresh.returncode, fresh.stderr)
    files = {file for file, _, _, message in located(kept.stderr) if "U+1F9E0" in message}
    assert files == {"layouts/clinics/default.yaml"}, kept.stderr


LOGOS = sorted((REPO / "layouts" / "clinics" / "logos").glob("*.png"))


@pytest.mark.parametrize("logo", LOGOS, ids=[path.stem for path in LOGOS])
def test_a_kept_logo_is_the_logo_read_afresh(tmp_path: Path, logo: Path) -> None:
    copy = tmp_path / logo.name
    copy.write_bytes(logo.read_bytes())
    afresh = images._decoded(copy)
    kept = Inputs(kept=tmp_path / "cache", code="c")
    with kept.active():
        first = images._load.__wrapped__(copy, 0, 0)
        again = images._load.__wrapped__(copy, 0, 0)  # from build/cache, not decoded
    assert first == again == afresh
    assert len(list((tmp_path / "cache").glob("verdict-logo-*.json"))) == 1


def test_a_logo_that_cannot_be_read_is_refused_every_time(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with Inputs(kept=tmp_path / "cache", code="c").active():
        for _ in range(2):
            with pytest.raises(InputError) as refused:
                images._load.__wrapped__(broken, 0, 0)
            assert "cannot read the image" in refused.value.problems[0].message
    assert not (tmp_path / "cache").exists()


def test_a_build_with_settings_found_good_before_imports_no_check(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "checks.yaml").write_text("readability:\n  audiences:\n    patient:\n      grade_max: 10\n", "utf-8")
    assert build(root, "--only", "web").returncode == 0
    args = ["build", "kb.yaml", "--layouts", "layouts", "--out", "output", "--build-dir", "build", "--jobs", "1"]
    again = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "leafdeck", *args, "--only", "web", "--force"],
        capture_output=True,
        text=True,
        cwd=root,
        check=False,
    )
    assert again.returncode == 0, again.stderr
    assert "built 3, skipped 0" in again.stderr
    imported = {
        line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")
    }
    assert "leafdeck.model" in imported  # the build did load its inputs
    assert sorted(name for name in imported if name.startswith("leafdeck.checks")) == []


def test_kept_logo_warnings_are_the_warnings_worked_out_afresh(tmp_path: Path) -> None:
    from PIL import Image

    root = project(tmp_path)
    Image.new("RGB", (40, 16), "#FFFF66").save(root / "layouts" / "clinics" / "logos" / "tiny.png")
    write_clinic(root, "test", logo='"clinics/logos/tiny.png"', logo_alt='"A tiny pale logo"')
    first, again = cli(root, *CHECK), cli(root, *CHECK)
    fresh = cli(root, *CHECK[:-3], "--build-dir", "fresh", "--no-fit")
    assert list((root / "build" / "cache").glob("verdict-logo-warnings-*.json"))
    assert first.stderr == again.stderr == fresh.stderr
    said = [line for line in again.stderr.splitlines() if line.startswith("layouts/clinics/test.yaml:8:7: LOGO-001:")]
    assert len(said) == 1, again.stderr
