"""The planning morning in a real headless Chromium, phone-sized: pitch, vote, change, close, see.

Skipped (with the reason) where Chromium or its driver is missing, never on CI. Set
``OPENSOZIAL_SCREENSHOTS=<folder>`` to keep the screenshots (README's come from here).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from live_support import SMALL_EVENT, write
from test_live_browser import PHONE, PROJECTOR, browser  # noqa: F401 - the fixture
from test_live_phones import VOTERS, start

from opensozial.i18n import t

pytestmark = pytest.mark.slow


def _fill(driver, field_id: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    field = driver.find_element(By.ID, field_id)
    field.clear()
    field.send_keys(text)


def _tick(driver, title: str, on: bool) -> None:
    """Tick or untick a session by its visible title, as a person taps the label."""
    from selenium.webdriver.common.by import By

    for label in driver.find_elements(By.CSS_SELECTOR, "label.choice"):
        if title in label.text:
            box = label.find_element(By.TAG_NAME, "input")
            if box.is_selected() != on:
                label.click()
            return
    raise AssertionError(f"no session {title!r} to tick")


def _status_says(driver, words: str) -> None:
    """Wait for the page after a post to say ``words`` in its status line (no stale handles)."""
    from selenium.webdriver.support.ui import WebDriverWait

    script = "var s = document.getElementById('status'); return s ? s.innerText : '';"
    WebDriverWait(driver, 15, poll_frequency=0.2).until(lambda d: words in d.execute_script(script))


def _every_field_is_labelled(driver) -> None:
    unlabelled = driver.execute_script(
        "return Array.from(document.querySelectorAll('input:not([type=hidden]), textarea, select'))"
        ".filter(function (e) { return e.labels.length === 0; })"
        ".map(function (e) { return e.name; });"
    )
    assert unlabelled == []


def _shoot(driver, folder: Path, name: str) -> None:
    driver.save_screenshot(str(folder / name))
    assert (folder / name).stat().st_size > 10_000


def test_the_whole_morning_on_phones_in_chromium(tmp_path: Path, live, browser) -> None:  # noqa: F811
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    shots = Path(os.environ.get("OPENSOZIAL_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    write(tmp_path / "event.yaml", SMALL_EVENT)
    server, base, key = start(live, tmp_path)
    browser.set_window_size(*PHONE)

    # The facilitator lets hosts pitch, and enters one pitch from the stage.
    browser.get(f"{base}admin?key={key}")
    browser.find_element(By.ID, "toggle-pitching").click()
    _status_says(browser, t("admin_pitching_is_open", "de"))
    _fill(browser, "pitch-title", "Solidarische Landwirtschaft (SoLaWi) – wie gründen wir eine?")
    _fill(browser, "pitch-hosts", "Mia, Jörg")
    browser.find_element(By.ID, "pitch-send").click()
    _status_says(browser, "Solidarische Landwirtschaft")
    _every_field_is_labelled(browser)

    # A host pitches on their own phone.
    browser.delete_all_cookies()
    browser.get(f"{base}p")
    _fill(browser, "pitch-title", "Kiez-Fahrradwerkstatt")
    _fill(browser, "pitch-hosts", "Ярослав")
    _fill(browser, "pitch-description", "Schrauben, flicken, <b>fachsimpeln</b>")
    browser.find_element(By.ID, "pitch-send").click()
    _status_says(browser, "Kiez-Fahrradwerkstatt")

    # Zoë enters her name once, ticks two sessions, then changes her mind.
    browser.delete_all_cookies()
    browser.get(f"{base}p")
    _every_field_is_labelled(browser)
    _fill(browser, "name", "Zoë Müller-Lüdenscheidt")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert (
        "<b>fachsimpeln</b>" in browser.find_element(By.ID, "sessions").text
    )  # shown, never markup
    _tick(browser, "Offener Chor", True)
    _tick(browser, "Kiez-Fahrradwerkstatt", True)
    browser.find_element(By.ID, "save").click()
    _status_says(browser, t("p_saved", "de", count=2))
    _tick(browser, "Offener Chor", False)
    _tick(browser, "Solidarische Landwirtschaft", True)
    _tick(browser, "Gemeinschaftsgarten", True)
    browser.find_element(By.ID, "save").click()
    _status_says(browser, t("p_saved", "de", count=3))
    _shoot(browser, shots, "phones-vote.png")
    zoe = browser.get_cookies()

    # Someone else types the same name on another phone: a clear prompt, no takeover.
    browser.delete_all_cookies()
    browser.get(f"{base}p")
    _fill(browser, "name", "zoë müller-lüdenscheidt")
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    _status_says(browser, "schon auf einem anderen Handy vergeben")
    assert browser.find_element(By.ID, "status").get_attribute("role") == "alert"
    _shoot(browser, shots, "phones-name-taken.png")

    # The facilitator closes voting; the grid is planned from the votes.
    browser.get(f"{base}admin?key={key}")
    assert "Zoë Müller-Lüdenscheidt" in browser.page_source  # names only behind the key
    _shoot(browser, shots, "phones-admin.png")
    browser.find_element(By.ID, "close-voting").click()
    _status_says(browser, t("admin_closed_now", "de"))

    browser.delete_all_cookies()
    browser.get(f"{base}p")
    for cookie in zoe:
        browser.add_cookie({"name": cookie["name"], "value": cookie["value"], "path": "/"})
    WebDriverWait(browser, 40, poll_frequency=1).until(
        lambda d: d.get(f"{base}p") or d.find_elements(By.CSS_SELECTOR, "ol.day li")
    )
    mine = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "ol.day li.mine")]
    assert len(mine) == 3
    for title in ("Kiez-Fahrradwerkstatt", "Solidarische Landwirtschaft", "Gemeinschaftsgarten"):
        assert any(title in text for text in mine)
    assert not any("Offener Chor" in text for text in mine)
    assert browser.find_element(By.ID, "calendar").get_attribute("href").endswith("/p/calendar.ics")
    assert browser.find_elements(
        By.CSS_SELECTOR, "#sessions fieldset[disabled]"
    )  # closed: read only
    _shoot(browser, shots, "phones-my-day.png")

    # The board on the projector: the plan with the pitches, nobody's name.
    browser.set_window_size(*PROJECTOR)
    browser.get(base)
    WebDriverWait(browser, 20).until(  # the board hyphenates long words with soft hyphens
        lambda d: "Kiez-Fahrradwerkstatt" in d.page_source.replace("\u00ad", ""))
    for voter in (*VOTERS, "Zoë"):
        assert voter not in browser.page_source
    _shoot(browser, shots, "phones-board.png")
    assert server.stop() == 0
