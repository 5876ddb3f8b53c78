"""The two set-up commands on any machine (case 39 of ../shared/cases/, issue 18.6).

``make test`` installs the Debian tools and fonts its tests need where it can (root with
apt-get), and otherwise the tests needing one skip with a reason naming the package; in CI
(``CI=true``, or LEAFDECK_REQUIRE_TOOLS=1) they fail instead. Carlito cannot be removed from a shared machine to
try, so its absence is made in fontconfig (a configuration rejecting it, as LibreOffice then
sees it too) or pretended (LEAFDECK_PRETEND_MISSING);
the Makefile's step runs against stand-in ``dpkg``, ``apt-get`` and ``id`` commands.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, font_installed, missing_package, require_tool, tools_required

CARLITO = "fonts-crosextra-carlito"


@pytest.mark.parametrize(
    ("installed", "pretended", "reason"),
    [
        (True, "", None),
        (False, "", f"needs {CARLITO}: apt-get install {CARLITO}"),
        (True, CARLITO, f"needs {CARLITO}: apt-get install {CARLITO}"),
        (True, f"qpdf, {CARLITO}", f"needs {CARLITO}: apt-get install {CARLITO}"),
        (True, "qpdf", None),
    ],
)
def test_a_missing_package_is_named_with_the_command_that_installs_it(
    monkeypatch: pytest.MonkeyPatch, installed: bool, pretended: str, reason: str | None
) -> None:
    monkeypatch.setenv("LEAFDECK_PRETEND_MISSING", pretended)
    found = missing_package(CARLITO, lambda: installed)
    if reason is None:
        assert found is None
    else:
        assert found is not None
        assert found.startswith(reason)


def test_fontconfig_tells_an_installed_family_from_an_absent_one() -> None:
    require_tool("fc-list")
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    family = listed.splitlines()[0].split(",")[0].strip()
    assert font_installed(family)
    assert not font_installed("No Such Family Anywhere")


def run_fit_tests(**env: str) -> subprocess.CompletedProcess[str]:
    """The deck-fit tests (LibreOffice needs Carlito for them) in a pytest of their own."""
    command = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:xdist", "-p", "no:cacheprovider"]
    command.append("tests/render/deck/test_fit.py")
    environment = {k: v for k, v in os.environ.items() if k not in ("LEAFDECK_REQUIRE_TOOLS", "CI")}
    return subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, env={**environment, **env}, timeout=300, check=False
    )


WITHOUT_CARLITO = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><pattern>
    <patelt name="family"><string>Carlito</string></patelt>
  </pattern></rejectfont></selectfont>
</fontconfig>
"""
"""The system's fontconfig with Carlito rejected: neither fc-list nor LibreOffice sees it."""


def without_carlito(tmp_path: Path, how: str) -> dict[str, str]:
    """The environment of a machine without Carlito: as fontconfig sees it, or pretended."""
    if how == "pretended":
        return {"LEAFDECK_PRETEND_MISSING": CARLITO}
    config = tmp_path / "fonts.conf"
    config.write_text(WITHOUT_CARLITO)
    return {"FONTCONFIG_FILE": str(config)}


@pytest.mark.parametrize("how", ["fontconfig", "pretended"])
def test_without_carlito_the_deck_fit_tests_skip_naming_the_package(tmp_path: Path, how: str) -> None:
    require_tool("soffice")  # else they skip for LibreOffice first
    require_tool("pdftotext")
    result = run_fit_tests(**without_carlito(tmp_path, how))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"needs {CARLITO}: apt-get install {CARLITO}" in result.stdout
    assert "passed" not in result.stdout
    assert "skipped" in result.stdout


@pytest.mark.parametrize("ci", [{"LEAFDECK_REQUIRE_TOOLS": "1"}, {"CI": "true"}], ids=["require-tools", "ci-true"])
@pytest.mark.parametrize("how", ["fontconfig", "pretended"])
def test_without_carlito_the_deck_fit_tests_fail_in_ci(tmp_path: Path, how: str, ci: dict[str, str]) -> None:
    require_tool("soffice")
    require_tool("pdftotext")
    result = run_fit_tests(**without_carlito(tmp_path, how), **ci)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"needs {CARLITO}" in result.stdout


@pytest.mark.parametrize(
    ("env", "required"),
    [
        ({}, False),
        ({"CI": "true"}, True),  # GitHub Actions, GitLab CI
        ({"CI": "1"}, True),
        ({"CI": "false"}, False),
        ({"LEAFDECK_REQUIRE_TOOLS": "1"}, True),
        ({"CI": "true", "LEAFDECK_REQUIRE_TOOLS": "0"}, False),  # a CI job that means to skip them
    ],
)
def test_ci_requires_the_tools(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], required: bool) -> None:
    for name in ("CI", "LEAFDECK_REQUIRE_TOOLS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert tools_required() is required


def stand_ins(folder: Path, missing: str, user: int, apt_status: int) -> Path:
    """``dpkg`` that lacks the packages in ``missing``, ``apt-get`` that logs its arguments to
    ``apt.log`` and exits ``apt_status``, ``id -u`` that prints ``user``."""
    folder.mkdir()
    scripts = {
        "dpkg": f'case " {missing} " in *" $2 "*) exit 1;; esac; exit 0',
        "apt-get": f'echo "$@" >> {folder / "apt.log"}; exit {apt_status}',
        "id": f"echo {user}",
    }
    for name, body in scripts.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(0o755)
    return folder


@pytest.mark.parametrize(
    ("missing", "user", "apt_status", "says", "installs"),
    [
        ("", 0, 0, "", False),
        (CARLITO, 0, 0, f"installing what the tests use: {CARLITO}", True),
        (CARLITO, 1000, 0, f"not installed: {CARLITO} (as root: make system-deps)", False),
        (CARLITO, 0, 100, f"could not install {CARLITO}: the tests that need them skip", True),
    ],
)
def test_make_test_installs_what_is_missing_where_it_can(
    tmp_path: Path, missing: str, user: int, apt_status: int, says: str, installs: bool
) -> None:
    make = require_tool("make")
    bin_ = stand_ins(tmp_path / "bin", missing, user, apt_status)
    env = {**os.environ, "PATH": f"{bin_}:{os.environ['PATH']}"}
    result = subprocess.run([make, "-s", "-C", str(REPO), "test-deps"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    if says:
        assert says in result.stdout
    else:
        assert result.stdout == ""
    log = bin_ / "apt.log"
    calls = log.read_text().splitlines() if log.exists() else []
    if installs:
        assert calls[0] == "update -qq"
        if apt_status == 0:
            assert calls[1].split()[:2] == ["install", "-y"]
            assert calls[1].split()[-1] == CARLITO
    else:
        assert calls == []
