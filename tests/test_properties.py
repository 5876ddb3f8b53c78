"""Property-based tests (hypothesis): whatever a volunteer's file holds, the loader answers with
located problems, never another exception; whatever text a field holds, it is printed or
reported, never silently dropped."""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from leafdeck.errors import InputError
from leafdeck.publish.pipeline import BuildRequest, build
from leafdeck.read.sources import load_kb
from leafdeck.read.yamlio import Located, parse
from leafdeck.render.leaflet.markup import inline, plain
from tests.conftest import LAYOUTS, ROOTS
from tests.render.leaflet.pdftext import page_texts

MINIMAL = ROOTS / "minimal" / "kb.yaml"
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the loader ------------------------------------------------------------------------------

YAML_PIECES = [
    ":", ": ", "-", "- ", " ", "  ", "\n", "\t", "'", '"', "&a ", "*a", "!!python/object/apply:os.system ",
    "!x ", "[", "]", "{", "}", ",", "? ", "key", "text", "|", ">", "#", "%YAML 1.1\n", "---\n", "...\n",
    "<<: ", "1", "0x1F", "1e400", ".nan", "true", "no", "~", "null", "2026-02-30", "\\", "\u00e9", "\x85",
    "\ufeff", "\x07", "\U0001F600", "<b>", "&amp;",
]  # fmt: skip
yaml_ish = st.lists(st.sampled_from(YAML_PIECES), max_size=60).map("".join)
"""Text made of YAML's own punctuation, keywords, tags and awkward characters."""

json_ish = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=30,
)


@st.composite
def dumped(draw: st.DrawFn) -> str:
    """A well-formed YAML document in a random style, then cut or spliced at random."""
    text = yaml.safe_dump(draw(json_ish), default_flow_style=draw(st.sampled_from([None, True, False])))
    cut = draw(st.integers(0, len(text)))
    return text[:cut] + draw(yaml_ish) + text[cut + draw(st.integers(0, 3)) :]


def assert_located(result: tuple[Located | None, list[object]]) -> None:
    located, problems = result
    assert located is not None or problems, "no data and no problem"
    for problem in problems:
        assert str(problem).startswith("kb.yaml")


@FAST
@given(st.text())
def test_parse_arbitrary_text_gives_problems_not_exceptions(text: str) -> None:
    assert_located(parse(text, "kb.yaml"))


@FAST
@given(st.one_of(yaml_ish, dumped()))
def test_parse_yaml_like_text_gives_problems_not_exceptions(text: str) -> None:
    assert_located(parse(text, "kb.yaml"))


def load_bytes(content: bytes) -> None:
    """``load_kb`` on a file holding ``content``: returns, or raises InputError only."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.yaml"
        path.write_bytes(content)
        try:
            load_kb(path)
        except InputError as exc:
            problems = exc.problems
        else:
            return
    assert problems, "an InputError without a problem"


@FAST
@given(st.binary(max_size=400))
def test_load_kb_on_arbitrary_bytes_raises_only_input_error(content: bytes) -> None:
    load_bytes(content)


@FAST
@given(st.one_of(yaml_ish, dumped()).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_load_kb_on_yaml_like_bytes_raises_only_input_error(content: bytes) -> None:
    load_bytes(content)


MINIMAL_LINES = MINIMAL.read_text(encoding="utf-8").splitlines(keepends=True)


@st.composite
def mutated_kb(draw: st.DrawFn) -> bytes:
    """The minimal knowledge base with a few lines replaced, dropped or given odd values:
    the mistakes that get past YAML and reach the schema and the cross-checks."""
    lines = list(MINIMAL_LINES)
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        key = lines[i].split(":", 1)[0] if ":" in lines[i] else lines[i].rstrip("\n")
        value = draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=12).map(json.dumps)))
        lines[i] = draw(st.sampled_from([f"{key}: {value}\n", "", lines[i] * 2, f"{key}:\n"]))
    return "".join(lines).encode("utf-8", "surrogatepass")


@FAST
@given(mutated_kb())
def test_load_kb_on_a_damaged_knowledge_base_raises_only_input_error(content: bytes) -> None:
    load_bytes(content)


# --- text escaping --------------------------------------------------------------------------

STYLE = ParagraphStyle("body")
MARKUP_PIECES = [*"<>&;\"'=/*#ab x\n\t\u00a0", "&amp;", "&#65;", "<b>", "</b>", "**", "<font ", "]]>"]
MARKUPISH = st.lists(st.sampled_from(MARKUP_PIECES), max_size=40).map("".join)
"""Text made of the pieces of reportlab's markup."""


def visible(text: str) -> str:
    """Text as a reader compares it: whitespace does not count (Paragraph collapses it), and a
    compatibility character reads as what it stands for (the ligature "ﬀ" is read back as "ff")."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), MARKUPISH))
@example('<font color="[[[getattr(pow, Word("__globals__"))["os"].system("id")]]] and \'red\'">x</font>')
@example('<img src="/etc/passwd"/><a href="javascript:alert(1)">x</a>')
@example("**bold** and ***three*** and ****")
def test_inline_markup_is_accepted_by_paragraph_and_reads_back_as_the_text(text: str) -> None:
    paragraph = Paragraph(inline(text), STYLE)  # raises ValueError on markup it rejects
    shown = "".join(getattr(frag, "text", "") for frag in paragraph.frags)
    assert visible(shown) == visible(plain(text))


# --- arbitrary Unicode through a real build ---------------------------------------------------

STATEMENT = "        text: It widens a vein with a balloon.\n"
assert STATEMENT in MINIMAL_LINES
UNICODE = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12),
    st.text(st.characters(max_codepoint=0x2FF, exclude_categories=["Cs"]), min_size=1, max_size=30),
)


def leaflet_text(kb_text: str, folder: Path) -> tuple[str | None, str]:
    """Build the patient A4 decision aid (every item); (its text, "") or (None, every problem reported)."""
    (folder / "kb.yaml").write_text(kb_text, encoding="utf-8")
    request = BuildRequest(
        folder / "kb.yaml", LAYOUTS, folder / "out", folder / "build", audiences=("patient",), only=("decision-aid-a4",)
    )
    try:
        report = build(request)
    except InputError as exc:
        return None, str(exc)
    failed = report.having("failed")
    if failed:
        return None, "\n".join(str(p) for r in failed for p in r.problems)
    (written,) = report.written
    return "".join(page_texts(written)), ""


def test_the_minimal_leaflet_builds(tmp_path: Path) -> None:
    """The baseline of the property below: without a mistake in the text, the leaflet builds."""
    pdf_text, problems = leaflet_text(MINIMAL.read_text(encoding="utf-8"), tmp_path)
    assert pdf_text is not None, problems


def named(problems: str) -> set[str]:
    return set(re.findall(r"U\+([0-9A-F]{4,6})", problems))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(UNICODE)
@example("\U0001f600 smile")  # beyond the font: reported
@example("caf\u00e9 \u2013 na\u00efve \u00bd")  # in the font: printed
@example("a\x1cb")  # a control character Python counts as whitespace
@example("{0")  # a brace then a digit starts a number reference: refused as one (NUM-001)
def test_unicode_in_a_statement_is_printed_or_reported(text: str) -> None:
    kb_text = MINIMAL.read_text(encoding="utf-8").replace(STATEMENT, f"        text: {json.dumps(text)}\n")
    with tempfile.TemporaryDirectory() as folder:
        pdf_text, problems = leaflet_text(kb_text, Path(folder))
    wanted = plain(text.strip())
    if pdf_text is None:
        codes = {f"{ord(ch):04X}" for ch in text}
        blank = not wanted and "must not be empty" in problems
        reference = re.search(r"\{[A-Za-z0-9]", text) is not None and ": NUM-001: " in problems
        assert blank or reference or named(problems) & codes, (
            f"refused without naming a character of {text!r}:\n{problems}"
        )
    else:
        assert visible(wanted) in visible(pdf_text), f"{text!r} was built but not all of it is in the PDF"
