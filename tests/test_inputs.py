"""The inputs bundle (read/inputs.py): one command reads each input file once, whatever stages
it runs; and the libyaml composer gives the same located data as the pure-Python one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from leafdeck.errors import InputError
from leafdeck.read import yamlio
from leafdeck.read.inputs import Inputs, current
from leafdeck.read.sources import load_kb
from tests.conftest import REPO, ROOTS
from tests.realworld import project, write_clinic

COUNTING = """
import builtins, collections, io, json, sys
from pathlib import Path

opened = collections.Counter()
real_open = io.open

def counting_open(file, *args, **kwargs):
    if str(file).endswith(".yaml"):
        opened[Path(file).resolve().relative_to(Path.cwd().resolve()).as_posix()] += 1
    return real_open(file, *args, **kwargs)

io.open = builtins.open = counting_open
from leafdeck.cli import main

code = main(sys.argv[1:])
print(json.dumps({"code": code, "opened": opened}), file=sys.stderr)
"""


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a knowledge base, its French and Spanish translations, their labels,
    checks.yaml, two clinics and the project's layouts."""
    root = project(tmp_path_factory.mktemp("inputs"))
    shutil.copy(ROOTS / "web" / "kb.yaml", root / "kb.yaml")
    for language in ("fr", "es"):
        shutil.copy(ROOTS / "web" / f"kb.{language}.yaml", root / f"kb.{language}.yaml")
        shutil.copy(REPO / "sources" / f"labels.{language}.yaml", root / f"labels.{language}.yaml")
    shutil.copy(REPO / "sources" / "checks.yaml", root / "checks.yaml")
    write_clinic(root, "second")
    return root


def opened(root: Path, *args: str) -> tuple[int, dict[str, int]]:
    """The real CLI's exit code, and how often it opened each YAML file (in its own process)."""
    found = subprocess.run(
        [sys.executable, "-c", COUNTING, *args], capture_output=True, text=True, cwd=root, check=False
    )
    report = json.loads(found.stderr.strip().splitlines()[-1])
    return report["code"], report["opened"]


SOURCES = {"kb.yaml", "kb.fr.yaml", "kb.es.yaml", "labels.en.yaml", "labels.fr.yaml", "labels.es.yaml"}
COMMANDS = [
    # (case, arguments, files that must be among those read)
    (
        "check, with the fit prediction",
        ("check", "kb.yaml", "--layouts", "layouts"),
        SOURCES | {"checks.yaml", "layouts/products.yaml", "layouts/leaflet-base.yaml", "layouts/clinics/second.yaml"},
    ),
    (
        "build of every language and clinic",
        (
            "build",
            "kb.yaml",
            "--layouts",
            "layouts",
            "--lang",
            "all",
            "--clinic",
            "all",
            "--jobs",
            "1",
            "--only",
            "leaflet-a4,talk-patient,web",
        ),
        SOURCES | {"layouts/products.yaml", "layouts/leaflet-base.yaml", "layouts/deck-base.yaml", "layouts/web.yaml"},
    ),
    ("plan", ("plan", "kb.yaml", "--layouts", "layouts", "--lang", "all"), {"kb.yaml", "layouts/products.yaml"}),
]


@pytest.mark.parametrize(("args", "expected"), [c[1:] for c in COMMANDS], ids=[c[0] for c in COMMANDS])
def test_a_command_opens_each_input_file_at_most_once(
    translated: Path, args: tuple[str, ...], expected: set[str]
) -> None:
    code, counts = opened(translated, *args)
    assert code in (0, 1)  # the fixture's own findings (uncited statements) may fail the check: no crash
    assert expected <= set(counts), f"expected these files to be read: {sorted(expected - set(counts))}"
    assert {name: n for name, n in counts.items() if n > 1} == {}


SAME_DATA = [
    # (case, YAML text): the libyaml and the pure-Python composers must agree on data and positions
    ("mapping and list", "top:\n  items:\n    - name: x\n      n: 3\n    - [a, b]\n"),
    ("non-ASCII and astral characters", 'a: été\nbé: [x, "ça", y]\nc: 😀😀 z\n'),
    ("YAML 1.2 booleans", "a: yes\nb: on\nc: true\nd: FALSE\ne: 2026-01-02\n"),
    ("block scalars", "a: |\n  one\n  two\nb: >\n  folded\n  text\nc: end\n"),
    ("Windows line ends", "a: 1\r\nb:\r\n  - x\r\n"),
    ("anchors and aliases", "a: &x [1, 2]\nb: *x\n"),
    ("deep but allowed", "a: " + "[" * 60 + "1" + "]" * 60 + "\n"),
]


@pytest.mark.parametrize("text", [c[1] for c in SAME_DATA], ids=[c[0] for c in SAME_DATA])
def test_libyaml_and_pure_python_compose_the_same_located_data(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlio._CLoader is not None, "libyaml is expected in the test environment"
    fast, fast_problems = yamlio.parse(text, "kb.yaml")
    monkeypatch.setattr(yamlio, "_CLoader", None)
    slow, slow_problems = yamlio.parse(text, "kb.yaml")
    assert fast is not None
    assert slow is not None
    assert (fast.data, fast.values, fast.keys) == (slow.data, slow.values, slow.keys)
    assert fast_problems == slow_problems


def test_a_bundle_reads_composes_and_validates_once_and_each_reader_gets_its_own_copy(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    shutil.copy(ROOTS / "minimal" / "kb.yaml", kb)
    bundle = Inputs()
    with bundle.active():
        first, _ = yamlio.load(kb)
        kb.write_text("changed: after the first read\n", "utf-8")  # the command sees the file as it first read it
        second, _ = yamlio.load(kb)
        model, warnings = load_kb(kb)
        again, more = load_kb(kb)
        assert current() is bundle
    assert first is not None
    assert second is not None
    assert first is not second
    assert first.data is second.data
    first.values[("added",)] = (1, 1)
    assert ("added",) not in second.values
    assert model is again
    assert warnings == more
    assert warnings is not more
    assert bundle.reads == {kb.resolve(): 1}
    assert current() is not bundle


def test_a_bundle_raises_a_files_input_error_again_for_every_reader(tmp_path: Path) -> None:
    kb = tmp_path / "kb.yaml"
    kb.write_text("document: [\n", "utf-8")
    with Inputs().active():
        raised = []
        for _ in range(2):
            with pytest.raises(InputError) as exc:
                load_kb(kb)
            raised.append([str(p) for p in exc.value.problems])
    assert raised[0] == raised[1]
    assert raised[0][0].startswith(f"{kb.name}:1:") or ":1:" in raised[0][0]


def fit_keys(root: Path) -> list[str]:
    """The layout keys the fit cache holds (products known to fit)."""
    keys: list[str] = json.loads((root / "build" / "cache" / "fit.json").read_text(encoding="utf-8"))
    return keys


EDITS = [
    # (case, text replaced in kb.yaml, replacement, how many products are laid out again)
    (
        "a statement only clinicians read: no fixed-size product",
        "text: Clinicians only.",
        "text: Clinicians, edited.",
        "none",
    ),
    (
        "a key point: the leaflets and tri-folds, not the option grids",
        "text: Trials found no benefit.",
        "text: No benefit.",
        "some",
    ),
]


@pytest.mark.parametrize(("old", "new", "again"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_the_fit_prediction_lays_out_again_only_the_products_an_edit_changes(
    tmp_path: Path, old: str, new: str, again: str
) -> None:
    root = project(tmp_path)
    shutil.copy(ROOTS / "checked" / "kb.yaml", root / "kb.yaml")  # a knowledge base every rule passes
    write_clinic(root, "default")
    args = ("check", "kb.yaml", "--layouts", "layouts")
    assert run(root, *args).returncode in (0, 1)
    first = fit_keys(root)
    assert first, "every fixed-size product of the fixture fits"
    cache = root / "build" / "cache" / "fit.json"
    written = cache.stat().st_mtime_ns
    assert run(root, *args).returncode in (0, 1)
    assert cache.stat().st_mtime_ns == written  # nothing new laid out: the cache is not even rewritten
    kb = root / "kb.yaml"
    kb.write_text(kb.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert run(root, *args).returncode in (0, 1)
    laid_out_again = [key for key in fit_keys(root) if key not in first]
    if again == "none":
        assert laid_out_again == []
    else:
        assert 0 < len(laid_out_again) < len(first)


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "leafdeck", *args], capture_output=True, text=True, cwd=root)
