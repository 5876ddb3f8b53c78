"""The pipeline's layers stay apart: the model and the plan import no rendering library, nothing
under render/ parses YAML, and the renderer table loads a format only when it is used."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "leafdeck"
RENDERING = ("reportlab", "pptx", "PIL")


def imported_after(statement: str) -> set[str]:
    """Top-level module names in sys.modules after running ``statement`` in a fresh interpreter."""
    code = f"import sys; {statement}; print('\\n'.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize(
    "module",
    [
        "leafdeck.model",
        "leafdeck.plan.variants",
        "leafdeck.plan.contents",
        "leafdeck.plan.blocks",
        "leafdeck.plan.outline",
        "leafdeck.plan.export",
    ],
)
def test_the_model_and_the_plan_import_no_rendering_library(module: str) -> None:
    assert not imported_after(f"import {module}") & set(RENDERING)


@pytest.mark.parametrize(
    ("statement", "absent"),
    [
        ("import leafdeck.render", {"reportlab", "pptx"}),
        ("from leafdeck.render import RENDERERS; RENDERERS['html'].suffix", {"reportlab", "pptx"}),
        ("import leafdeck.render.web", {"reportlab", "pptx"}),
        ("import leafdeck.render.deck", {"reportlab"}),
    ],
)
def test_a_renderer_is_loaded_only_when_used(statement: str, absent: set[str]) -> None:
    assert not imported_after(statement) & absent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((SRC / "render").rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_nothing_under_render_parses_yaml(path: Path) -> None:
    banned = {"yaml", "leafdeck.read.yamlio", "leafdeck.read.sources", "leafdeck.read.translations"}
    assert not _imports(path) & banned


@pytest.mark.parametrize("path", sorted((SRC / "plan").rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_the_plan_reads_no_files_and_knows_no_renderer(path: Path) -> None:
    imports = _imports(path)
    assert not {i for i in imports if i.startswith(("leafdeck.render", "leafdeck.publish", "yaml"))}
