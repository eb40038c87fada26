"""Hard content for the exports, as facilitators really write it.

Two days across the end of summer time (Saturday 24 and Sunday 25 October 2026), 140
sessions filling seven rooms, one room name of 40 characters, two rooms both called
"Seminarraum", long German compounds (one of 34 letters, one far longer than a door
sheet is wide), titles with HTML, Markdown, spreadsheet formulas and a calendar line
break, and hosts named in Cyrillic, Arabic and Chinese, "N.N." and organisations.
"""

from __future__ import annotations

import json
from pathlib import Path

LONG_ROOM = "Großer Veranstaltungssaal im Erdgeschoss"  # 40 characters
COMPOUND_34 = "Straßenverkehrszulassungsordnungen"  # 34 letters
GIANT_WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
INJECTION = "Kalender\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Eingeschleust"
FORMULA = '=HYPERLINK("http://example.invalid","klick")'
MARKUP = "<b>fett</b> *kursiv* _unter_ [klick](javascript:alert(1)) `code` $E=mc^2$"
PEOPLE = [
    "Иван Петров",
    "محمد علي",
    "王小明",
    "N.N.",
    "Zoë Çelik (Stadtwerke GmbH)",
    "Größe",
    "Jürgen Müller-Lüdenscheidt",
]
SPECIAL_TITLES = [
    COMPOUND_34,
    GIANT_WORD,
    INJECTION,
    FORMULA,
    "+49 Ideen für Vereine",
    "-Minus- als Anfang",
    "@alle: Treffpunkt",
    "\tEingerückt",
    MARKUP,
    "# Keine Überschrift",
    "1. Keine Liste",
    "Barrierefreiheit & Teilhabe <script>alert(1)</script>",
]
WORDS = [
    "Nachhaltige",
    "Quartiersentwicklung",
    "gemeinsam",
    "mit",
    "Nachbarschaftsinitiativen",
    "und",
    "Stadtteilverwaltung",
    "gestalten",
    "lernen",
]

ROOMS = [
    ("saal", LONG_ROOM),
    ("sem1", "Seminarraum"),
    ("sem2", "Seminarraum"),
    ("werk", "Werkstatt „Hinterhof“"),
    ("kueche", "Küche"),
    ("bib", "Bibliothek (2. OG)"),
    ("garten", "Garten"),
]
DAYS = ("2026-10-24", "2026-10-25")  # summer time ends in the night between them
SLOTS_PER_DAY = 10


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def write_hard_case(folder: Path, lang: str = "de") -> tuple[Path, Path]:
    """The event file and a plan that fills every cell: 7 rooms x 10 slots x 2 days."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        (f"event: {{name: {_quote('Barcamp Zeitumstellung 2026')}, date: {DAYS[0]}, "
        f"timezone: Europe/Berlin, language: {lang}}}"),
        "rooms:",
    ]
    lines += [f"  - {{id: {rid}, name: {_quote(name)}, capacity: 40}}" for rid, name in ROOMS]
    lines.append("slots:")
    slot_ids = []
    for d, date in enumerate(DAYS):
        lines.append(
            f"  - {{id: d{d}welcome, start: '8:30', end: '9:00', date: {date}, "
            f"plenary: {_quote('Begrüßung und Sessionplanung')}}}"
        )
        for s in range(SLOTS_PER_DAY):
            hour, minute = divmod(9 * 60 + s * 50 + (60 if s >= 5 else 0), 60)
            end_hour, end_minute = divmod(hour * 60 + minute + 45, 60)
            lines.append(
                f"  - {{id: d{d}s{s}, start: '{hour}:{minute:02d}', "
                f"end: '{end_hour}:{end_minute:02d}', date: {date}}}"
            )
            slot_ids.append(f"d{d}s{s}")
            if s == 4:
                lines.append(
                    f"  - {{id: d{d}lunch, start: '13:10', end: '14:10', date: {date}, "
                    f"break: {_quote('Mittagessen')}}}"
                )
    lines.append("sessions:")
    assignments = []
    specials = iter(SPECIAL_TITLES)
    number = 0
    for slot in slot_ids:
        for r, (rid, _) in enumerate(ROOMS):
            number += 1
            title = next(specials, None) or (" ".join(WORDS[: 3 + number % 7]) + f" Teil {number}")
            track = ["Stadt", "Klima", "Kultur, Kunst & Medien", None][number % 4]
            entry = {
                "id": f"x{number:03d}",
                "title": title,
                "hosts": [PEOPLE[r]],  # one person per room: nobody hosts twice at once
                "votes": [f"Stimme {number}"],
            }
            if track:
                entry["track"] = track
            lines.append("  - " + json.dumps(entry, ensure_ascii=False))
            assignments.append({"session": entry["id"], "room": rid, "slots": [slot]})
    event = folder / "hart.yaml"
    event.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = folder / "hart.plan.json"
    plan.write_text(json.dumps({"assignments": assignments}, ensure_ascii=False), encoding="utf-8")
    return event, plan
