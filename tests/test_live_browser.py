"""The live board in a real headless Chromium: it follows the event file without a reload.

Skipped (with the reason) where Chromium or its driver is missing — never on CI
(``CI=true``), where a missing browser must fail the run rather than hide the test.
Set ``OPENSOZIAL_SCREENSHOTS=<folder>`` to keep the phone and projector screenshots.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_support import NEW_SESSION, SMALL_EVENT, write
from test_live_serve import start_board

from opensozial.export.pdf import HEADLESS

pytestmark = pytest.mark.slow  # a real Chromium

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PHONE = (390, 844)
PROJECTOR = (1920, 1080)


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    if not CHROMEDRIVER.exists():
        return f"no chromedriver at {CHROMEDRIVER} (Debian: apt-get install chromium-driver)"
    return None


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs the browser test: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        *HEADLESS,
        "--no-sandbox",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1920,1080",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def _shoot(driver, size: tuple[int, int], path: Path) -> None:
    driver.set_window_size(*size)
    time.sleep(0.3)
    assert driver.get_screenshot_as_file(str(path))
    assert path.stat().st_size > 10_000  # a rendered page, not a blank one


def test_board_in_chromium_follows_a_save_without_reload_and_survives_the_server_going_away(
    tmp_path: Path, live, browser
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    board, url = start_board(live, tmp_path)
    browser.get(url)
    grid = browser.find_element(By.CSS_SELECTOR, "table.grid")
    text = grid.text.replace("\u00ad", "")  # long words carry soft hyphens
    assert "Gemeinschaftsgarten anlegen" in text and "Großer Saal" in text
    assert "Tauschbörse für Werkzeug" not in browser.page_source
    browser.execute_script("window.notReloaded = true;")

    write(tmp_path / "event.yaml", SMALL_EVENT + NEW_SESSION)
    # No stale handles; without the soft hyphens that break long words on the board.
    grid_text = "return document.querySelector('table.grid').innerText.replace(/\\u00ad/g, '');"
    WebDriverWait(browser, 30, poll_frequency=0.25).until(
        lambda d: "Tauschbörse für Werkzeug" in d.execute_script(grid_text)
    )
    assert browser.execute_script("return window.notReloaded === true;")  # updated in place
    changed = browser.find_elements(By.CSS_SELECTOR, "table.grid td.session.changed")
    assert any("Tauschbörse" in cell.text.replace("\u00ad", "") for cell in changed)

    # At 11:10 on the event day the 11:00 slot runs and the 10:00 one is over.
    browser.execute_script(
        "Date.now = function () { return Date.parse('2026-10-22T11:10:00+02:00'); };"
        "window.markNow();"
    )
    running = browser.find_elements(By.CSS_SELECTOR, "table.grid tr.now th.time")
    assert [cell.text for cell in running] == ["11:00–11:45"]
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.grid tr.past")) == 1
    two_slots = browser.find_element(By.CSS_SELECTOR, "table.grid td[rowspan='2']")
    assert "Repair-Café" in two_slots.text.replace("\u00ad", "")
    assert "now" in two_slots.get_attribute("class").split()

    shots = Path(os.environ.get("OPENSOZIAL_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    _shoot(browser, PROJECTOR, shots / "board-projector.png")
    _shoot(browser, PHONE, shots / "board-phone.png")
    # On a phone the grid gives way to a list per slot.
    assert not browser.find_element(By.CSS_SELECTOR, "table.grid").is_displayed()
    listed = browser.find_element(By.CSS_SELECTOR, ".list")
    assert listed.is_displayed()
    assert "Tauschbörse für Werkzeug" in listed.text.replace("\u00ad", "")

    # The laptop goes away: the page keeps the last plan and says it is offline.
    browser.set_window_size(*PROJECTOR)
    assert board.stop() == 0
    WebDriverWait(browser, 15, poll_frequency=0.25).until(
        lambda d: d.find_element(By.ID, "offline").is_displayed()
    )
    assert "Tauschbörse für Werkzeug" in browser.execute_script(grid_text)
