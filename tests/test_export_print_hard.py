"""The print set of hard content, printed and measured in a real headless Chromium.

140 sessions over two days, a room name of 40 characters, two rooms of one name, a
34-letter compound and an 80-letter one, markup and formulas in titles, names in other
scripts (tests/hard_case.py). The page counts the index page promises must hold: one A3
page per day, one A4 page per room, one A4 handout; no word may stick out of its box.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_case import write_case
from hard_case import COMPOUND_34, GIANT_WORD, LONG_ROOM, write_hard_case
from test_export_print import check_print_set, export_html, print_pdf, squeeze
from test_live_browser import browser  # noqa: F401 (the Selenium fixture)

from opensozial.export.hyphens import SOFT_HYPHEN

BOARD_URL = "https://barcamp.example.org/live"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def hard_print(tmp_path_factory) -> tuple[Path, Path, Path]:
    folder = tmp_path_factory.mktemp("hard-print")
    event, plan = write_hard_case(folder)
    out = export_html(event, plan, folder / "print", "--base-url", BOARD_URL)
    return event, plan, out


def test_hard_content_keeps_the_promised_page_counts(tmp_path, hard_print):
    event, plan, folder = hard_print
    check_print_set(tmp_path, event, plan, folder)  # 2 poster pages, 7 doors, 1 handout


def test_no_word_sticks_out_and_type_stays_readable(hard_print, browser):  # noqa: F811
    _, _, folder = hard_print
    for sheet, smallest in (("poster", 0.25), ("doors", 0.25), ("handout", 0.2)):
        browser.get((folder / f"{sheet}.html").as_uri())
        assert browser.execute_script("return document.documentElement.dataset.fitted") == "yes"
        sticking = browser.execute_script(
            "return Array.from(document.querySelectorAll('.page, .fit'))"
            ".filter(e => e.scrollWidth > e.clientWidth + 1 || "
            "(e.classList.contains('page') && e.scrollHeight > e.clientHeight + 1))"
            ".map(e => e.textContent.slice(0, 60));"
        )
        assert sticking == [], sheet
        scales = browser.execute_script(
            "return Array.from(document.querySelectorAll('.page')).map(p => +p.dataset.scale);"
        )
        assert min(scales) >= smallest, (sheet, scales)  # fitted, not shrunk to nothing


def test_long_words_are_hyphenated_and_whole_on_the_door(tmp_path, hard_print):
    _, _, folder = hard_print
    html = (folder / "doors.html").read_text(encoding="utf-8")
    assert "Stra\u00adßen\u00adver\u00adkehrs\u00adzu" in html and COMPOUND_34 not in html
    assert GIANT_WORD.replace(SOFT_HYPHEN, "") not in html  # it has break points
    doors = print_pdf(tmp_path, folder / "doors.html")
    text = squeeze("".join(page.extract_text() for page in doors.pages))
    assert squeeze(GIANT_WORD) in text and squeeze(COMPOUND_34) in text
    assert squeeze(LONG_ROOM) in squeeze(doors.pages[0].extract_text())


def test_poster_and_doors_carry_the_board_address_and_its_qr_code(tmp_path, hard_print):
    _, _, folder = hard_print
    for sheet, pages in (("poster", 2), ("doors", 7)):
        html = (folder / f"{sheet}.html").read_text(encoding="utf-8")
        assert html.count(f'role="img" aria-label="{BOARD_URL}"') == pages
        pdf = print_pdf(tmp_path, folder / f"{sheet}.html")
        assert all(BOARD_URL in page.extract_text() for page in pdf.pages)
    assert "<svg" not in (folder / "handout.html").read_text(encoding="utf-8")


def test_without_base_url_there_is_no_qr_code(tmp_path):
    event, plan = write_case(tmp_path)
    folder = export_html(event, plan, tmp_path / "print")
    for sheet in ("poster", "doors"):
        assert "<svg" not in (folder / f"{sheet}.html").read_text(encoding="utf-8")


def test_page_language_is_the_events_and_labels_carry_their_own(tmp_path):
    event, plan = write_case(tmp_path, lang="de")
    export_html(event, plan, tmp_path / "p", "--lang", "en")
    poster = (tmp_path / "p" / "poster.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in poster
    assert '<span lang="en">Time</span>' in poster
    assert re.search(r'<h2 lang="en">Thursday, 22 October 2026</h2>', poster)
    same = export_html(event, plan, tmp_path / "q")
    poster = (same / "poster.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in poster and "<span lang=" not in poster
