"""Phones in the room, over HTTP against a real ``opensozial serve``: join, vote, pitch, plan.

Each test drives the server as phones do (their own cookies, plain form posts) and checks
what the facilitator, the public and the planner see afterwards.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import time
from pathlib import Path

import icalendar
import jsonschema  # type: ignore[import-untyped]
from live_support import SMALL_EVENT, Live, Phone, write
from lxml import etree  # type: ignore[import-untyped]
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.i18n import t

SCHEMAS = Path(__file__).parent / "schemas"
VOTERS = ("Zacharias Geheim", "Olga P.", "Lea M.", "Zoë Müller-Lüdenscheidt", "Алёна Шевчук")


def start(live, tmp_path: Path, *extra: str, event: str = SMALL_EVENT) -> tuple[Live, str, str]:
    """``serve`` on a free loopback port; the board's address and the admin key."""
    if not (tmp_path / "event.yaml").exists():
        write(tmp_path / "event.yaml", event)
    server = live(
        "serve",
        "event.yaml",
        "--host",
        "127.0.0.1",
        "--port",
        extra[0] if extra else "0",
        "--time-limit",
        "0.5",
        "--now",
        "09:00",
    )
    out = server.wait_for(lambda o: "admin?key=" in o)
    found = re.search(r"(http://127\.0\.0\.1:\d+/)admin\?key=([\w-]+)", out)
    assert found is not None
    base, key = found.groups()
    return server, base, key


def wait_for_page(phone: Phone, path: str, text: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = phone.get(path)[1]
        if text in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{text!r} never appeared on {path}")


def test_a_morning_of_phones_pitch_vote_change_close_and_see_ones_own_day(
    tmp_path: Path, live
) -> None:
    server, base, key = start(live, tmp_path)
    zoe, twin, host, facilitator = Phone(base), Phone(base), Phone(base), Phone(base)

    status, page = zoe.get("p")
    assert status == 200 and 'lang="de"' in page and '<label for="name">' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing from the internet
    english = zoe.get("p?lang=en")[1]
    assert 'lang="en"' in english and t("p_name", "en") in english
    assert 'lang="en"' in zoe.get("p")[1]  # the choice is remembered on this phone
    zoe.get("p?lang=de")
    assert zoe.post("p/join", name="  Zoë   Müller-Lüdenscheidt ")[0] == 200
    status, page = twin.post("p/join", name="zoë müller-lüdenscheidt")
    assert status == 409 and t("p_name_taken", "de", name="zoë müller-lüdenscheidt") in page

    # Pitching is closed until the facilitator opens it; then a host pitches from a phone.
    assert host.post("p/pitch", title="Solidarische Landwirtschaft", hosts="Mia")[0] == 403
    assert facilitator.post("admin/pitching", key="wrong", pitching="open")[0] == 403
    assert facilitator.post("admin/pitching", key=key, pitching="open")[0] == 200
    status, page = host.post(
        "p/pitch",
        title="Solidarische Landwirtschaft (SoLaWi)",
        hosts="Mia, Jörg",
        description="Wie gründen wir eine?",
    )
    assert status == 200 and "»Solidarische Landwirtschaft (SoLaWi)«" in page
    for n in range(2):
        assert host.post("p/pitch", title=f"Spam {n}", hosts="Bot")[0] == 200
    status, page = host.post("p/pitch", title="Spam 3", hosts="Bot")
    assert status == 429 and "3" in page  # the fourth pitch within minutes is refused
    status, page = facilitator.post("admin/hide", key=key, pitch="spam-0", hidden="1")
    assert status == 200 and t("admin_hid", "de", title="Spam 0") in page

    page = zoe.get("p")[1]
    assert "Solidarische Landwirtschaft (SoLaWi)" in page and "Wie gründen wir eine?" in page
    assert "Spam 0" not in page and "Spam 1" in page
    assert zoe.post("p/votes", session=["garten", "chor"])[0] == 200
    status, page = zoe.post(
        "p/votes", session=["garten", "solidarische-landwirtschaft-solawi", "nope"]
    )
    assert status == 200 and t("p_saved", "de", count=2) in page  # the unknown id is ignored
    assert twin.post("p/votes", session=["chor"])[0] == 403  # no token, no votes

    status, page = facilitator.get(f"admin?key={key}")
    assert status == 200 and "Zoë Müller-Lüdenscheidt" in page and "2 Stimmen" in page
    assert facilitator.get("admin?key=nope")[0] == 403
    assert facilitator.post("admin/voting", key=key, voting="closed")[0] == 200
    assert zoe.post("p/votes", session=["chor"])[0] == 409  # closed: the choice stands

    day = wait_for_page(zoe, "p", t("p_your_day", "de"))
    mine = re.findall(r'<li class="mine">(.*?)</li>', day, re.DOTALL)
    assert (
        len(mine) == 2
        and any("SoLaWi" in m for m in mine)
        and any("Gemeinschaftsgarten" in m for m in mine)
    )
    status, data = zoe.get("p/calendar.ics")
    calendar = icalendar.Calendar.from_ical(data)
    titles = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    # Her two sessions, and the lunch break everyone's day has (a programme item of its own).
    assert titles == ["Gemeinschaftsgarten anlegen", "Mittagessen",
                      "Solidarische Landwirtschaft (SoLaWi)"]
    assert Phone(base).get("p/calendar.ics")[0] == 404

    # The public feeds carry the pitched session, are valid, and name no voter.
    xml = Phone(base).get("schedule.xml")[1]
    etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd"))).assertValid(
        etree.fromstring(xml.encode("utf-8"))
    )
    feed = json.loads(Phone(base).get("schedule.json")[1])
    jsonschema.validate(
        feed, json.loads((SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8"))
    )
    ics = Phone(base).get("schedule.ics")[1]
    assert "SoLaWi" in xml and "SoLaWi" in ics
    public = (
        xml
        + json.dumps(feed, ensure_ascii=False)
        + ics
        + Phone(base).get("")[1]
        + Phone(base).get("board.json")[1]
    )
    for voter in VOTERS:
        assert voter not in public

    # The planner outside the server reads the same votes and pitches.
    assert server.stop() == 0
    result = CliRunner().invoke(
        app,
        ["plan", str(tmp_path / "event.yaml"), "-f", "json", "--time-limit", "0.5", "--no-history"],
    )
    plan = json.loads(result.stdout)
    assert any(a["session"] == "solidarische-landwirtschaft-solawi" for a in plan["assignments"])
    assert plan["metrics"]["votes_total"] == 6 + 2  # the file's six votes and Zoë's two
    assert "Traceback" not in server.output and "Zoë" not in server.output


def test_a_person_deletes_their_votes_and_a_deleted_sessions_votes_are_kept_aside(
    tmp_path: Path, live
) -> None:
    server, base, key = start(live, tmp_path)
    olga = Phone(base)
    olga.post("p/join", name="Алёна Шевчук")
    olga.post("p/votes", session=["rad", "chor"])
    write(
        tmp_path / "event.yaml",
        SMALL_EVENT.replace(
            '  - {id: rad, title: "Radwege im Quartier", hosts: [Uli R.], votes: [Olga P.]}\n', ""
        ),
    )
    page = wait_for_page(Phone(base), f"admin?key={key}", t("admin_aside", "de", count=1))
    assert "Алёна Шевчук" in page
    write(tmp_path / "event.yaml", SMALL_EVENT)  # the session is back: so is the vote
    wait_for_page(olga, "p", 'value="rad" checked')

    status, page = olga.post("p/forget")
    assert status == 200 and t("p_forgotten", "de") in page and '<label for="name">' in page
    database = sqlite3.connect(tmp_path / "event.phones.sqlite")
    assert database.execute("SELECT COUNT(*) FROM people").fetchone() == (0,)
    assert database.execute("SELECT COUNT(*) FROM votes").fetchone() == (0,)
    database.close()
    assert server.stop() == 0


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_killing_the_server_loses_no_vote(tmp_path: Path, live) -> None:
    server, base, _key = start(live, tmp_path)
    port = base.rsplit(":", 1)[1].strip("/")
    phones = [Phone(base) for _ in range(12)]
    for n, phone in enumerate(phones):
        assert phone.post("p/join", name=f"Person {n} Größenwahn")[0] == 200
        assert phone.post("p/votes", session=["garten", "chor"] if n % 2 else ["repair"])[0] == 200
    workers = _children(server.process.pid)
    assert workers  # the planner's worker process
    server.process.send_signal(signal.SIGKILL)  # no clean shutdown, no chance to flush anything
    server.process.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers):  # no orphan keeps planning
        assert time.monotonic() < deadline, "the planner's worker outlived the killed server"
        time.sleep(0.2)

    again, base, key = start(live, tmp_path, port)
    admin = Phone(base).get(f"admin?key={key}")[1]
    assert t("admin_voting_open", "de", people=12, votes=18) in admin
    assert phones[3].get("p")[1].count("checked") == 2  # the device token survived too
    assert again.stop() == 0


def test_oversized_and_garbled_requests_are_refused_without_a_trace_on_screen(
    tmp_path: Path, live
) -> None:
    server, base, _key = start(live, tmp_path)
    phone = Phone(base)
    status, page = phone.post("p/join", name="x" * 40_000)
    assert status == 413 and t("p_too_large", "de") in page
    status, _page = phone.request("p/join", {"name": b"\xff\xfe".decode("latin-1")})
    assert status in (200, 303, 400)
    assert phone.get("nowhere")[0] == 404
    assert "Fremder Text" not in phone.get("p?done=p_name_taken&name=Fremder+Text")[1]
    assert server.stop() == 0
    assert "Traceback" not in server.output
    log = (tmp_path / "event.serve.log").read_text(encoding="utf-8")
    assert "POST /p/join 413" in log and "key=" not in log


def test_the_feeds_follow_a_re_plan_keeping_uids_and_raising_sequence(tmp_path: Path, live) -> None:
    server, base, _key = start(live, tmp_path)
    app_ = Phone(base)

    def events() -> dict[str, tuple[str, int, str]]:
        calendar = icalendar.Calendar.from_ical(app_.get("schedule.ics")[1])
        return {
            str(e["SUMMARY"]): (
                str(e["UID"]),
                int(e.get("SEQUENCE", 0)),
                str(e.decoded("DTSTART").isoformat()),
            )
            for e in calendar.walk("VEVENT")
        }

    before = events()
    chor = before["Offener Chor"]
    moved_to = "s1" if not chor[2].endswith("10:00:00+02:00") else "s2"
    write(
        tmp_path / "event.yaml",
        SMALL_EVENT.replace(
            "votes: [Lea M.]}\n  - {id: rad",
            f"votes: [Lea M.], pinned: {{slot: {moved_to}}}}}\n  - {{id: rad",
            1,
        ),
    )
    deadline = time.monotonic() + 30
    while events()["Offener Chor"][2] == chor[2]:
        assert time.monotonic() < deadline, "the calendar feed never followed the re-plan"
        time.sleep(0.3)
    after = events()["Offener Chor"]
    assert after[0] == chor[0] and after[1] == chor[1] + 1  # same UID, SEQUENCE raised
    assert "Offener Chor" in app_.get("schedule.xml")[1]
    assert server.stop() == 0


def test_serve_where_its_log_cannot_be_written_explains_and_exits_2(tmp_path: Path, live) -> None:
    write(tmp_path / "event.yaml", SMALL_EVENT)
    (tmp_path / "event.serve.log").mkdir()  # a folder where the log file should go
    server = live("serve", "event.yaml", "--host", "127.0.0.1", "--port", "0", "--lang", "en")
    assert server.process.wait(timeout=60) == 2
    server.stop()
    text = " ".join(server.output.split())
    assert "event.serve.log" in text and "folder you may write to" in text
    assert "Traceback" not in text
