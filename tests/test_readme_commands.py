"""Every command and option README.md documents, run as written on a fresh copy of the tree.

The copy holds what git tracks in sources/ and layouts/. To keep the whole matrix (every clinic x
language x audience x product) to seconds, its knowledge base is the tiny fixture, saved where
the real one lives, with French and Spanish translations made by ``leafdeck translate`` (as the
README says to) and filled in; the real knowledge base is checked, planned and described in a
second copy. The commands run with their default paths, from the copy's top folder, through the
real console script. Pipes into jq and parallel are done here in Python.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, ROOTS

LEAFDECK = [sys.executable, "-m", "leafdeck"]


def fresh_tree(root: Path) -> Path:
    """What git tracks in sources/ and layouts/, copied to ``root``."""
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "sources", "layouts"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, tracked):
        target = root / name.decode()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name.decode(), target)
    return root


def run(root: Path, command: str, *, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    """A README command line (``leafdeck ...``), in ``root``; its exit code must be one of ``ok``."""
    args = shlex.split(command)
    assert args[0] == "leafdeck", command
    result = subprocess.run([*LEAFDECK, *args[1:]], cwd=root, capture_output=True, text=True, check=False)
    assert "Traceback" not in result.stderr, f"{command}\n{result.stderr}"
    assert result.returncode in ok, f"{command}: exit {result.returncode}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = fresh_tree(tmp_path_factory.mktemp("tree"))
    for translation in (root / "sources").glob("liberation-procedure.*.yaml"):
        translation.unlink()
    shutil.copy(ROOTS / "minimal" / "kb.yaml", root / "sources" / "liberation-procedure.yaml")
    for language, words in (("fr", "Texte traduit"), ("es", "Texto traducido")):
        run(root, f"leafdeck translate {language}")
        path = root / "sources" / f"liberation-procedure.{language}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace('""', f'"{words}"'), encoding="utf-8")
    return root


def test_building_checking_and_previewing(tree: Path) -> None:
    # "Every variant": one product pair, in two processes
    run(tree, "leafdeck build --only leaflet-a4,talk-patient --jobs 2")
    assert (tree / "output/default/en/patient/leaflet-a4.pdf").is_file()
    assert (tree / "output/default/en/patient/talk-patient.pptx").is_file()
    # "Previews": thumbnails and a contact sheet of what was built
    if shutil.which("pdftoppm") and shutil.which("soffice"):
        run(tree, "leafdeck preview")
        assert (tree / "build/previews/index.html").is_file()
    # "Only what changed is rebuilt"; --force rebuilds anyway
    again = run(tree, "leafdeck build --only leaflet-a4,talk-patient --jobs 2")
    assert "built 0," in again.stderr
    forced = run(tree, "leafdeck build --only leaflet-a4,talk-patient --jobs 2 --force")
    assert "built 4," in forced.stderr
    # one clinic, one language, one audience, one format
    run(tree, "leafdeck build --clinic riverside --lang fr --audience patient --format pdf")
    french = list((tree / "output/riverside/fr/patient").iterdir())
    assert french
    assert {p.suffix for p in french} == {".pdf"}
    assert not (tree / "output/riverside/en").exists()
    # everything (also: make all); --allow-expired is accepted (the review is not due here)
    run(tree, "leafdeck build --clinic all --lang all")
    clinics = {p.stem for p in (tree / "layouts/clinics").glob("*.yaml")}
    assert {p.name for p in (tree / "output").iterdir()} == clinics
    run(tree, "leafdeck build --allow-expired --only web")
    # "Beyond one machine": a shard of the matrix, and each planned job's own command
    shard = run(tree, "leafdeck build --clinic all --lang all --shard 2/4")
    assert "skipped" in shard.stderr
    jobs = [json.loads(line) for line in run(tree, "leafdeck plan --clinic all --lang all").stdout.splitlines()]
    assert len(jobs) > 50
    first = shlex.split(jobs[0]["command"])
    assert first[0].endswith("leafdeck")
    run(tree, shlex.join(["leafdeck", *first[1:]]))
    # "The web page, and where to host it": every page's address
    pages = [json.loads(line) for line in run(tree, "leafdeck plan --clinic riverside --only web").stdout.splitlines()]
    assert pages
    assert all(p["url"].startswith("https://riverside-ms.example.org/") for p in pages)
    assert all(p["target"].endswith("index.html") for p in pages)
    built = run(tree, "leafdeck build --clinic riverside --only web")
    assert "is hosted at https://riverside-ms.example.org/" in built.stdout
    # the content plan of one product
    outline = run(tree, "leafdeck plan --outline leaflet-a4")
    assert outline.stdout.strip()
    # "Standards checks": text, HTML and JSON reports (the tiny knowledge base breaks some rules: exit 1)
    plain = run(tree, "leafdeck check", ok=(0, 1))
    assert plain.stdout == ""
    run(tree, "leafdeck check --verbose", ok=(0, 1))
    run(tree, "leafdeck check --no-fit", ok=(0, 1))
    outputs = run(tree, "leafdeck check --outputs", ok=(0, 1))
    assert outputs.stderr.splitlines()[-1].endswith("waived")
    run(tree, "leafdeck check --format html --output build/check-report.html", ok=(0, 1))
    assert (tree / "build/check-report.html").read_text(encoding="utf-8").lstrip().startswith("<!")
    report = run(tree, "leafdeck check --format json --release", ok=(0, 1))
    json.loads(report.stdout)


def test_schema_clinics_and_languages(tree: Path) -> None:
    # "Completion and inline errors in your editor"
    schema = run(tree, "leafdeck schema")
    (tree / "build").mkdir(exist_ok=True)
    (tree / "build/kb.schema.json").write_text(schema.stdout, encoding="utf-8")
    assert json.loads(schema.stdout)["title"] == "KnowledgeBase"
    # "Rebranding for a clinic": copy riverside, change it, build it
    text = (tree / "layouts/clinics/riverside.yaml").read_text(encoding="utf-8")
    (tree / "layouts/clinics/hillside.yaml").write_text(text.replace("Riverside", "Hillside"), encoding="utf-8")
    run(tree, "leafdeck build --clinic hillside --only leaflet-a4,web")
    assert (tree / "output/hillside/en/patient/leaflet-a4.pdf").is_file()
    # "Clinics": a commented starter that builds
    run(tree, "leafdeck new-clinic testclinic")
    assert (tree / "layouts/clinics/testclinic.yaml").read_text(encoding="utf-8").startswith("#")
    run(tree, "leafdeck build --clinic testclinic --only leaflet-a4,web")
    # "Giving a talk": a presenter file of one's own, on the talk's slides
    run(tree, "leafdeck new-presenter amina-okafor")
    assert (tree / "layouts/presenters/amina-okafor.yaml").read_text(encoding="utf-8").startswith("#")
    run(tree, "leafdeck build --clinic riverside --only talk-clinician --presenter amina-okafor")
    assert (tree / "output/riverside/en/clinician/talk-clinician.pptx").is_file()
    # a release build refuses, all at once, a talk without presenter and the example project's placeholders
    refused = run(tree, "leafdeck build --clinic riverside --only talk-clinician --release", ok=(1,)).stderr
    assert "GOV-006: talk-clinician: a release talk needs its presenter" in refused
    assert "layouts/clinics/riverside.yaml:6:6: GOV-004: clinic 'riverside': web " in refused
    refused = run(
        tree, "leafdeck build --clinic riverside --only talk-clinician --presenter example --release", ok=(1,)
    )
    assert "GOV-006" not in refused.stderr
    assert "GOV-004" in refused.stderr
    run(tree, "leafdeck build --clinic riverside --only talk-clinician --presenter example")
    # "Adding a language": a starter translation (a code it would refuse writes nothing), the
    # labels copied, two fields filled in, check lists the rest, and German builds with the notice
    run(tree, "leafdeck translate de_DE", ok=(2,))
    run(tree, "leafdeck translate de")
    starter = tree / "sources/liberation-procedure.de.yaml"
    assert starter.is_file()
    shutil.copy(tree / "sources/labels.en.yaml", tree / "sources/labels.de.yaml")
    text = starter.read_text(encoding="utf-8").replace('translator: ""', "translator: Test")
    starter.write_text(text.replace(': ""', ': "Auf Deutsch."', 2), encoding="utf-8")
    listed = run(tree, "leafdeck check", ok=(0, 1))  # the tiny knowledge base breaks some rules
    assert "sources/liberation-procedure.de.yaml:6:11: LANG-001: de: 2 of " in listed.stderr
    assert "not translated yet; built in English until it is translated (warning)" in listed.stderr
    run(tree, "leafdeck build --lang de --audience patient")
    assert (tree / "output/default/de/patient/leaflet-a4.pdf").is_file()
    assert (tree / "output/default/de/patient/talk-patient.pptx").is_file()
    starter.unlink()
    (tree / "sources/labels.de.yaml").unlink()


def test_the_real_knowledge_base_checks_plans_and_describes(tmp_path: Path) -> None:
    """The README's first commands on the real sources, untouched (no rendering: seconds)."""
    root = fresh_tree(tmp_path)
    plain = run(root, "leafdeck check", ok=(0, 1))
    verbose = run(root, "leafdeck check --verbose", ok=(0, 1))
    assert plain.stdout == ""
    # the shipped project is clean: one summary line, every accepted warning waived with its reason
    assert re.fullmatch(r"0 error\(s\), 0 warning\(s\), \d+ waived\n", plain.stderr), plain.stderr
    assert "Readability: patient, en" in verbose.stdout
    assert plain.stderr == verbose.stderr  # the findings and the summary line; the tables on stdout
    jobs = [json.loads(line) for line in run(root, "leafdeck plan --clinic riverside --only web").stdout.splitlines()]
    assert {job["url"].split("/")[-3] for job in jobs} == {"en"}
    run(root, "leafdeck schema")
    assert run(root, "leafdeck --version").stdout.startswith("leafdeck ")
