"""The check report as text, JSON or a self-contained HTML page (first-page thumbnails inline)."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
from html import escape
from pathlib import Path
from typing import Any

from leafdeck.checks.core import RULES, Results
from leafdeck.errors import Problem


def render(results: Results, fmt: str, *, findings: bool = True) -> str:
    """The report in ``fmt`` (text, json or html). The text report is the tables (waived findings
    with their reasons, readability per section, outputs); with ``findings`` it is the whole
    report: the findings first, the tables, then the summary line."""
    if fmt == "json":
        return json.dumps(as_json(results), indent=2, ensure_ascii=False) + "\n"
    if fmt == "html":
        return html(results)
    return text(results, findings=findings)


def summary(results: Results) -> str:
    """``E error(s), W warning(s), N waived``: waived warnings are counted apart."""
    return f"{len(results.errors)} error(s), {len(results.warnings)} warning(s), {len(results.waived)} waived"


def as_json(results: Results) -> dict[str, Any]:
    counts, waived = _counts(_open(results)), _counts(results.waived)
    return {
        "source": results.figures.get("source"),
        "today": results.figures.get("today"),
        "errors": len(results.errors),
        "warnings": len(results.warnings),
        "waived": len(results.waived),
        "rules": [
            {
                "id": r.id,
                "severity": r.severity,
                "family": r.family,
                "checks": r.checks,
                "threshold": results.figures.get("thresholds", {}).get(r.id, ""),
                "findings": counts.get(r.id, 0),
                "waived": waived.get(r.id, 0),
            }
            for r in RULES.values()
        ],
        "findings": [f.as_json() for f in results.findings],
        "readability": results.figures.get("readability", []),
        "outputs": [{k: v for k, v in o.items() if k != "file"} for o in results.outputs],
    }


def _counts(findings: list[Problem]) -> dict[str, int]:
    """Findings per rule."""
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts


def _open(results: Results) -> list[Problem]:
    """The findings not waived."""
    return [f for f in results.findings if not f.waived]


def text(results: Results, *, findings: bool = True) -> str:
    """The text report: a title line, with ``findings`` the findings not waived, then the tables,
    then (with ``findings``) the summary line."""
    if not findings and not results.figures:
        return ""  # the sources did not load: the findings say why, and there is nothing to tabulate
    lines = [f"leafdeck check: {results.figures.get('source', '')} on {results.figures.get('today', '')}"]
    if findings:
        lines += ["", *(str(f) for f in results.findings if not f.waived)]
    noted = [f for f in results.findings if f.note and not f.waived]
    if noted:
        lines += ["", f"Notes ({len(noted)}): what the editors noted on what a finding is about"]
        lines += [f"  {f.where}: {f.rule}: {f.message}{_note_line(f)}" for f in noted]
    if results.waived:
        lines += ["", f"Waived ({len(results.waived)}): accepted warnings, each with its reason"]
        lines += [f"  {f.where}: {f.rule}: {f.message}\n    waived: {f.waived}{_note_line(f)}" for f in results.waived]
    for block in results.figures.get("readability", []):
        lines += ["", f"Readability: {block['audience']}, {block['language']}"]
        lines.append(f"  {'section':46} {'words':>5} {'sent':>4} {'grade':>5} {'SMOG':>5} {'ease':>5}")
        for row in [*block["sections"], block["overall"]]:
            lines.append(
                f"  {row['heading'][:46]:46} {row['words']:>5} {row['sentences']:>4} "
                f"{_num(row['grade']):>5} {_num(row['smog']):>5} {_num(row['ease']):>5}"
            )
        if block["audience"] == "patient":
            for row in block["sections"]:
                worst = row.get("worst", [])[:1]
                for w in worst:
                    lines.append(f"    hardest in {row['heading'][:30]}: “{w['text']}” ({w['words']} words)")
    if results.outputs:
        lines += ["", "Outputs"]
        for out in results.outputs:
            rules = " ".join(f"{r}:{v}" for r, v in out.get("rules", {}).items())
            lines.append(f"  {out['path']}: {_extent(out)}, coverage {out.get('coverage', '-')}; {rules}")
    if findings:
        lines += ["", summary(results)]
    return "\n".join(lines) + "\n"


def _extent(out: dict[str, Any]) -> str:
    if "pages" in out:
        return f"{out['pages']} pages"
    return f"{out['slides']} slides" if "slides" in out else "a web page"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def thumbnail(pdf: Path, dpi: int = 30) -> str | None:
    """The first page as a PNG data URI (pdftoppm), or None without pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None or not pdf.is_file():
        return None
    with tempfile.TemporaryDirectory() as scratch:
        stem = Path(scratch) / "page"
        command = [tool, "-r", str(dpi), "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(stem)]
        if subprocess.run(command, capture_output=True, check=False, timeout=60).returncode != 0:
            return None
        data = stem.with_suffix(".png").read_bytes()
    return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1a1a1a;margin:0;background:#f6f7f9}
main{max-width:1200px;margin:0 auto;padding:24px}
h1{font-size:28px;margin:0 0 4px}h2{font-size:22px;margin:32px 0 12px;border-bottom:2px solid #d0d7de;padding-bottom:4px}
h3{font-size:18px;margin:20px 0 8px}
.status{display:inline-block;padding:6px 14px;border-radius:6px;font-weight:700;font-size:18px;color:#fff}
.fail{background:#b42318}.pass{background:#067647}.warn{background:#b54708}.na{background:#667085}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
th,td{border:1px solid #d0d7de;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
.bad{background:#fde2e1}.meh{background:#fef0c7}.ok{background:#e3f6ea}
code{font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
td.where{width:330px}td.rule,td.sev{white-space:nowrap;width:1%}
details.group{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:8px 0;padding:6px 10px}
details.group>summary{font-weight:600}details.group table{margin-top:8px}
.badge{display:inline-block;margin:2px;padding:2px 8px;border-radius:10px;font-size:13px;font-weight:600;color:#fff}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px;display:flex;gap:12px}
.card img,.card .nothumb{width:110px;min-width:110px;border:1px solid #d0d7de;align-self:flex-start}
.nothumb{height:62px;display:flex;align-items:center;justify-content:center;background:#eef2f6;color:#555;font-weight:700}
.card h3{margin:0 0 4px;font-size:15px;word-break:break-all}.card ul{margin:6px 0 0;padding-left:18px;font-size:13px}
details{margin:4px 0}summary{cursor:pointer}
"""


def html(results: Results) -> str:
    errors, warnings, waived = len(results.errors), len(results.warnings), len(results.waived)
    status = ("fail", "FAIL") if errors else (("warn", "PASS with warnings") if warnings else ("pass", "PASS"))
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        f"<title>leafdeck check: {escape(str(results.figures.get('source', '')))}</title><style>{_CSS}</style>",
        "</head><body><main>",
        f"<h1>leafdeck check report</h1><p><code>{escape(str(results.figures.get('source', '')))}</code> ",
        f"checked on {escape(str(results.figures.get('today', '')))}</p>",
        f"<p><span class='status {status[0]}'>{status[1]}</span> {errors} error(s), {warnings} warning(s), {waived} waived</p>",
        _outputs_html(results),
        _rules_html(results),
        _findings_html(results),
        _readability_html(results),
        "</main></body></html>\n",
    ]
    return "".join(parts)


def _badge(rule: str, result: str) -> str:
    colour = {"pass": "pass", "fail": "fail", "n/a": "na"}.get(result, "warn")
    title = escape(RULES[rule].checks)
    return f"<span class='badge {colour}' title='{title}'>{rule} {result}</span>"


def _outputs_html(results: Results) -> str:
    if not results.outputs:
        return "<h2>Outputs</h2><p>No built outputs were found, so only the sources were checked.</p>"
    by_output: dict[str, list[Problem]] = {}
    for f in results.findings:
        if f.output:
            by_output.setdefault(f.output, []).append(f)
    cards = []
    for out in results.outputs:
        dpi = results.figures.get("thumbnail_dpi", 30)
        image = thumbnail(Path(out["file"]), dpi) if out["format"] == "pdf" else None
        alt = f"First page of {out['path']}"
        kind = escape(out["format"].upper())
        picture = f"<img src='{image}' alt='{escape(alt)}'>" if image else f"<div class='nothumb'>{kind}</div>"
        extent = _extent(out)
        badges = "".join(_badge(r, v) for r, v in out.get("rules", {}).items())
        items = "".join(f"<li>{escape(f.rule)}: {escape(_after_path(f))}</li>" for f in by_output.get(out["path"], []))
        cards.append(
            f"<div class='card'>{picture}<div><h3>{escape(out['path'])}</h3>"
            f"<div>{escape(out['audience'])} · {escape(out['language'])} · {escape(out['clinic'])} · {extent} · "
            f"coverage {escape(str(out.get('coverage', '-')))}</div><div>{badges}</div>"
            f"{f'<ul>{items}</ul>' if items else ''}{escape(out.get('note', ''))}</div></div>"
        )
    return "<h2>Outputs</h2><div class='cards'>" + "".join(cards) + "</div>"


def _after_path(f: Problem) -> str:
    return f.message.removeprefix(f"{f.output}: ")


def _rules_html(results: Results) -> str:
    counts, waived = _counts(_open(results)), _counts(results.waived)
    thresholds = results.figures.get("thresholds", {})
    rows = []
    for rule in RULES.values():
        n = counts.get(rule.id, 0)
        css = "ok" if not n else ("bad" if rule.severity == "error" else "meh")
        rows.append(
            f"<tr><td><code>{rule.id}</code></td><td>{rule.severity}</td><td>{escape(rule.checks)}</td>"
            f"<td>{escape(thresholds.get(rule.id, ''))}</td><td class='num {css}'>{n}</td>"
            f"<td class='num'>{waived.get(rule.id, 0) or ''}</td></tr>"
        )
    head = "<tr><th>Rule</th><th>Severity</th><th>Checks</th><th>Threshold</th><th>Findings</th><th>Waived</th></tr>"
    return "<h2>Rules</h2><table>" + head + "".join(rows) + "</table>"


def _findings_html(results: Results) -> str:
    """Errors in full; warnings grouped by rule, each group folded (with its count)."""
    if not results.findings:
        return "<h2>Findings</h2><p>None.</p>"
    parts = ["<h2>Findings</h2>"]
    if results.errors:
        parts.append(_findings_table(results.errors))
    groups: dict[str, list[Problem]] = {}
    for f in results.warnings:
        groups.setdefault(f.rule, []).append(f)
    for rule, found in groups.items():
        title = f"{rule} ({len(found)} warning(s)): {escape(RULES[rule].checks)}"
        parts.append(f"<details class='group'><summary>{title}</summary>{_findings_table(found)}</details>")
    if results.waived:
        parts.append(
            f"<h3>Waived ({len(results.waived)})</h3><p>Warnings accepted in the sources, each with its reason.</p>"
        )
        parts.append(_findings_table(results.waived))
    return "".join(parts)


def _note_line(finding: Problem) -> str:
    """The editors' note a finding carries, as an indented line of the text report ("" without one)."""
    return f"\n    note: {finding.note}" if finding.note else ""


def _note(finding: Problem) -> str:
    """The editors' note a finding carries (a reference's ``note``), below its message."""
    return f"<br><small>note: {escape(finding.note)}</small>" if finding.note else ""


def _findings_table(findings: list[Problem]) -> str:
    rows = [
        f"<tr class='{'bad' if f.severity == 'error' else 'meh'}'>"
        f"<td class='where'><code>{escape(f.file)}:{f.line}:{f.col}</code></td>"
        f"<td class='rule'><code>{f.rule}</code></td><td class='sev'>{'waived' if f.waived else f.severity}</td>"
        f"<td>{escape(f.message)}{_reason(f)}{_note(f)}</td></tr>"
        for f in findings
    ]
    head = "<tr><th>Where</th><th>Rule</th><th>Severity</th><th>Message</th></tr>"
    return "<table>" + head + "".join(rows) + "</table>"


def _reason(f: Problem) -> str:
    return f"<br><strong>Waived:</strong> {escape(f.waived)}" if f.waived else ""


def _readability_html(results: Results) -> str:
    blocks = results.figures.get("readability", [])
    limits = results.figures.get("limits", {})
    parts = ["<h2>Readability</h2>"]
    for block in blocks:
        limit = limits.get(block["audience"])
        parts.append(f"<h3>{escape(block['audience'])}, {escape(block['language'])}</h3><table>")
        parts.append(
            "<tr><th>Section</th><th>Words</th><th>Sentences</th><th>Grade</th><th>SMOG</th>"
            "<th>Reading Ease</th><th>Hardest sentences</th></tr>"
        )
        for row in [*block["sections"], block["overall"]]:
            worst = "".join(
                f"<li>{escape(w['text'])} <small>({w['words']} words)</small></li>" for w in row.get("worst", [])
            )
            details = f"<details><summary>{len(row.get('worst', []))} sentences</summary><ul>{worst}</ul></details>"
            parts.append(
                f"<tr><td>{escape(row['heading'])}</td><td class='num'>{row['words']}</td>"
                f"<td class='num'>{row['sentences']}</td>{_cell(row['grade'], limit, 'grade')}"
                f"<td class='num'>{_num(row['smog'])}</td>{_cell(row['ease'], limit, 'ease')}"
                f"<td>{details if worst else ''}</td></tr>"
            )
        parts.append("</table>")
    return "".join(parts)


def _cell(value: float | None, limit: dict[str, float] | None, kind: str) -> str:
    css = ""
    if value is not None and limit:
        if kind == "grade":
            css = "bad" if value > limit["grade_max"] else ("meh" if value > limit["grade_target"] else "ok")
        else:
            css = "meh" if value < limit["reading_ease_min"] else "ok"
    return f"<td class='num {css}'>{_num(value)}</td>"
