"""``export --to pdf``: the print set printed by headless Chromium, read back with pypdf.

Skips without Chromium (saying why), except on CI (``CI=true``), where it must run.
"""

from __future__ import annotations

import json

import pytest
from export_case import write_case
from pypdf import PdfReader
from test_export_print import chromium, page_mm, squeeze
from typer.testing import CliRunner

from opensozial.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_pdf_export_prints_poster_doors_and_handout_identically_twice(tmp_path):
    chromium()  # skip (or fail on CI) without a browser
    event, plan = write_case(tmp_path)
    outputs = []
    for name in ("first", "second"):
        result = runner.invoke(
            app,
            ["export", str(event), "--plan", str(plan), "--to", "pdf", "-o", str(tmp_path / name)],
        )
        assert result.exit_code == 0, result.output
        outputs.append(tmp_path / name)
    first, second = outputs
    assert sorted(p.name for p in first.glob("*.pdf")) == ["doors.pdf", "handout.pdf", "poster.pdf"]
    poster, doors, handout = (PdfReader(first / f"{s}.pdf") for s in ("poster", "doors", "handout"))
    assert len(poster.pages) == 2 and page_mm(poster) == {(420, 297)}
    assert len(doors.pages) == 2 and page_mm(doors) == {(210, 297)}
    assert len(handout.pages) == 1 and page_mm(handout) == {(210, 297)}
    titles = [a["session"] for a in json.loads(plan.read_text(encoding="utf-8"))["assignments"]]
    assert titles
    text = squeeze("".join(page.extract_text() for page in poster.pages))
    assert squeeze("Zwei-Slot-Werkstatt") in text and squeeze("Day two by Anna") in text
    for sheet in ("poster", "doors", "handout"):  # no print time inside: same plan, same bytes
        assert (first / f"{sheet}.pdf").read_bytes() == (second / f"{sheet}.pdf").read_bytes()


def test_pdf_without_a_browser_says_what_to_install(tmp_path, monkeypatch):
    event, plan = write_case(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = runner.invoke(
        app, ["export", str(event), "--plan", str(plan), "--to", "pdf", "-o", str(tmp_path / "p")]
    )
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "apt-get install chromium" in said and "--to html" in said
    assert "Traceback" not in result.output and not (tmp_path / "p").exists()
