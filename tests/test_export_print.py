"""The print set in a real headless Chromium: it renders, prints, and paginates as promised.

For the two-day test case and every shipped example: the A3 poster has one landscape
page per day, the door sheets one A4 page per room, the handout exactly one page, and
every placed title is in the PDFs' text. Skips (saying why) without Chromium, except on
CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES
from export_case import TRICKY_TITLE, example_plans, write_case  # noqa: F401
from pypdf import PdfReader
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.export.pdf import HEADLESS
from opensozial.load import load_event

pytestmark = pytest.mark.slow  # renders in a real Chromium

runner = CliRunner()
MM_PER_POINT = 25.4 / 72


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(
            "CI=true but no Chromium: .ci/run should have installed Debian's 'chromium' package"
        )
    pytest.skip(
        "no Chromium on this machine (install Debian's 'chromium' package to run the print tests)"
    )


def browser(tmp_path: Path, page: Path, *action: str) -> None:
    profile = tmp_path / f"profile-{page.stem}"
    command = [
        chromium(),
        *HEADLESS,
        "--no-sandbox",
        f"--user-data-dir={profile}",
        *action,
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    shutil.rmtree(profile, ignore_errors=True)


def print_pdf(tmp_path: Path, page: Path) -> PdfReader:
    pdf = tmp_path / f"{page.parent.name}-{page.stem}.pdf"
    browser(tmp_path, page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    return PdfReader(pdf)


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens: a title wrapped or hyphenated is still found."""
    return re.sub(r"[\s\u00ad\-‐]+", "", text)


def page_mm(reader: PdfReader) -> set[tuple[int, int]]:
    return {
        (
            round(float(p.mediabox.width) * MM_PER_POINT),
            round(float(p.mediabox.height) * MM_PER_POINT),
        )
        for p in reader.pages
    }


def export_html(event: Path, plan: Path, out: Path, *extra: str) -> Path:
    result = runner.invoke(
        app, ["export", str(event), "--plan", str(plan), "--to", "html", "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def check_print_set(tmp_path: Path, event_path: Path, plan_path: Path, folder: Path) -> None:
    event = load_event(event_path)
    placed = [
        a["session"] for a in json.loads(plan_path.read_text(encoding="utf-8"))["assignments"]
    ]
    titles = [squeeze(event.session_by_id[sid].title) for sid in placed]
    days = len({event.slot_date(slot) for slot in event.slots})

    poster = print_pdf(tmp_path, folder / "poster.html")
    assert len(poster.pages) == days
    assert page_mm(poster) == {(420, 297)}  # A3 landscape
    text = squeeze("".join(p.extract_text() for p in poster.pages))
    assert [t for t in titles if t not in text] == []
    assert all(squeeze(s.break_ or s.plenary or "") in text for s in event.slots)

    doors = print_pdf(tmp_path, folder / "doors.html")
    assert len(doors.pages) == len(event.rooms)
    assert page_mm(doors) == {(210, 297)}
    for room, page in zip(event.rooms, doors.pages, strict=True):  # each room on its own page
        page_text = squeeze(page.extract_text())
        assert squeeze(room.label) in page_text
        mine = [
            squeeze(event.session_by_id[a].title)
            for a in placed
            if json.loads(plan_path.read_text(encoding="utf-8"))["assignments"][placed.index(a)][
                "room"
            ]
            == room.id
        ]
        assert [t for t in mine if t not in page_text] == []

    handout = print_pdf(tmp_path, folder / "handout.html")
    assert len(handout.pages) == 1
    assert page_mm(handout) == {(210, 297)}
    text = squeeze(handout.pages[0].extract_text())
    assert [t for t in titles if t not in text] == []


def test_print_set_of_the_two_day_case(tmp_path):
    event, plan = write_case(tmp_path)
    folder = export_html(event, plan, tmp_path / "print")
    check_print_set(tmp_path, event, plan, folder)
    poster = (folder / "poster.html").read_text(encoding="utf-8").replace("\u00ad", "")
    assert "Parallel &lt;b&gt;Talk&lt;/b&gt; &amp; &#34;Co&#34;" in poster  # escaped, not markup
    assert TRICKY_TITLE not in poster


@pytest.mark.parametrize("event", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_print_set_of_each_example(tmp_path, example_plans, event):  # noqa: F811 (fixture)
    plan = example_plans[event]
    folder = export_html(event, plan, tmp_path / "print")
    check_print_set(tmp_path, event, plan, folder)


def test_print_set_renders_on_screen_and_needs_nothing_from_outside(tmp_path):
    event, plan = write_case(tmp_path)
    folder = export_html(event, plan, tmp_path / "print")
    for page in ("index.html", "poster.html", "doors.html", "handout.html"):
        html = (folder / page).read_text(encoding="utf-8")
        assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//|@import|url\(", html), page
        shot = tmp_path / f"{page}.png"
        browser(tmp_path, folder / page, "--window-size=1400,1000", f"--screenshot={shot}")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 5000


def test_print_set_in_german_has_babel_dates(tmp_path):
    event, plan = write_case(tmp_path, lang="de")
    folder = export_html(event, plan, tmp_path / "print")
    poster = (folder / "poster.html").read_text(encoding="utf-8")
    assert "Donnerstag, 22. Oktober 2026" in poster and "Freitag, 23. Oktober 2026" in poster
    assert 'lang="de"' in poster and "Zeit" in poster
    assert "Türschilder" in (folder / "index.html").read_text(encoding="utf-8")


def test_a_big_event_keeps_one_poster_page_per_day_one_sheet_per_room_one_handout(tmp_path):
    from export_case import write_big_case

    event, plan = write_big_case(tmp_path)
    folder = export_html(event, plan, tmp_path / "print")
    check_print_set(tmp_path, event, plan, folder)
