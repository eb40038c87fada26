"""The board on a 1280×720 projector, in a real headless Chromium.

A projector cannot scroll: with the hard event (seven rooms, a 40-character room name,
ten slots a day, two days) the page must fit the screen exactly, show one day (today's
by the viewer's clock), keep every word inside its cell, switch to dark and high
contrast colours, and give its QR code a text alternative.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hard_case import write_hard_case
from test_live_browser import browser  # noqa: F401 (the Selenium fixture)

from opensozial.live.board import page_html
from opensozial.live.state import Snapshot
from opensozial.load import load_event
from opensozial.plan import read_plan

URL = "http://192.0.2.7:8000/"
FITS = """
const root = document.documentElement;
const boxes = Array.from(document.querySelectorAll(
  'table.grid .title, table.grid .hosts, table.grid th')).filter(b => b.offsetParent);
return {
  height: root.scrollHeight, width: root.scrollWidth,
  screenHeight: window.innerHeight, screenWidth: window.innerWidth,
  sticking: boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent),
  days: Array.from(document.querySelectorAll('section.day'))
    .filter(d => d.offsetParent !== null).map(d => d.dataset.date),
  fontSize: parseFloat(getComputedStyle(root).fontSize),
};
"""

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def board_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("board")
    event, plan = write_hard_case(folder)
    snapshot = Snapshot(version=3, event=load_event(event), plan=read_plan(plan), lang="en")
    page = folder / "board.html"
    page.write_text(page_html(snapshot, URL), encoding="utf-8")
    return page


def _screen(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def _at(driver, moment: str) -> dict:
    driver.execute_script(
        f"Date.now = function () {{ return Date.parse('{moment}'); }}; window.markNow();"
    )
    return driver.execute_script(FITS)


def test_the_board_fits_a_1280_by_720_projector_one_day_at_a_time(board_page, browser):  # noqa: F811
    _screen(browser, 1280, 720)
    browser.get(board_page.as_uri())
    sunday = _at(browser, "2026-10-25T10:00:00+01:00")
    assert sunday["screenWidth"] == 1280 and sunday["screenHeight"] == 720
    assert sunday["days"] == ["2026-10-25"]
    assert sunday["height"] <= 720 and sunday["width"] <= 1280
    assert sunday["sticking"] == []
    assert sunday["fontSize"] >= 7  # 70 long titles on one screen: small, but not shrunk away
    before = _at(browser, "2026-10-01T10:00:00+02:00")
    assert before["days"] == ["2026-10-24"] and before["height"] <= 720
    after = _at(browser, "2026-12-01T10:00:00+01:00")
    assert after["days"] == ["2026-10-25"]
    # The page cannot reach its server (a file here): the offline note appears, still fits.
    browser.set_script_timeout(15)
    browser.execute_async_script(
        "const done = arguments[0], note = document.getElementById('offline');"
        "const wait = () => note.hidden ? setTimeout(wait, 200) : done();"
        "wait();"
    )
    offline = browser.execute_script(FITS)
    assert offline["height"] <= 720 and offline["sticking"] == []


def test_the_board_on_a_phone_lists_every_day(board_page, browser):  # noqa: F811
    _screen(browser, 390, 844)
    browser.get(board_page.as_uri())
    state = _at(browser, "2026-10-25T10:00:00+01:00")
    assert state["days"] == ["2026-10-24", "2026-10-25"] and state["width"] <= 390


def _colours(driver) -> tuple[float, str]:
    """The contrast ratio of body text on the page background (WCAG), and the theme."""
    return driver.execute_script(
        """
        const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
        const lum = c => { const [r, g, b] = c.map(v => { v /= 255;
          return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
        const style = getComputedStyle(document.body);
        const a = lum(rgb(style.color)), b = lum(rgb(style.backgroundColor));
        return [(Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
                document.documentElement.dataset.theme || 'light'];
        """
    )


def test_dark_and_high_contrast_colours_for_projectors(board_page, browser):  # noqa: F811
    _screen(browser, 1280, 720)
    browser.get(board_page.as_uri() + "?theme=contrast")
    ratio, theme = _colours(browser)
    assert theme == "contrast" and ratio >= 20  # white on black
    browser.get(board_page.as_uri() + "?theme=dark")
    ratio, theme = _colours(browser)
    background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert theme == "dark" and ratio >= 7 and background == "rgb(14, 17, 21)"
    browser.find_element("id", "theme").click()  # the button: dark → high contrast
    assert _colours(browser)[1] == "contrast"
    browser.get(board_page.as_uri())  # the choice is kept on this device
    assert _colours(browser)[1] == "contrast"
    assert browser.execute_script(FITS)["height"] <= 720


def test_the_qr_code_has_a_text_alternative_and_titles_soft_hyphens(board_page):
    html = board_page.read_text(encoding="utf-8")
    assert f'<svg role="img" aria-label="{URL}"' in html and f"<title>{URL}</title>" in html
    assert "Stra\u00adßen\u00adver\u00adkehrs" in html
    assert '<html lang="de">' in html and '<th class="time" scope="col" lang="en">Time</th>' in html
    plain = html.replace("\u00ad", "")
    assert ">Seminarraum (sem1)</th>" in plain and ">Seminarraum (sem2)</th>" in plain
