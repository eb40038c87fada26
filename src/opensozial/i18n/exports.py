"""Messages and printed words of the exports: print set, calendars, frab, tables, schema."""

from __future__ import annotations

_REPLAN_EN = (
    "Was it made for another event file? Make a fresh one: opensozial plan EVENT.yaml -o plan.json"
)
_REPLAN_DE = (
    "Wurde er für eine andere Veranstaltungsdatei erstellt? Erstellen Sie ihn neu: "
    "opensozial plan EVENT.yaml -o plan.json"
)

EN: dict[str, str] = {
    # Errors
    "export_unknown_format": "There is no export format '{name}'. Choose one of: {formats}.",
    "export_plan_missing": "The plan file '{path}' does not exist. Make it first: "
    "opensozial plan EVENT.yaml -o {path} (or name an existing plan with --plan).",
    "export_v_unknown_session": "The plan places sessions that are not in the event file: "
    "{sessions}. " + _REPLAN_EN,
    "export_v_unknown_room": "The plan uses rooms that are not in the event file: {rooms} (for "
    "{sessions}). " + _REPLAN_EN,
    "export_v_unknown_slot": "The plan uses slots that are not in the event file: {slots} (for "
    "{sessions}). " + _REPLAN_EN,
    "export_v_twice": "The plan places these sessions more than once: {sessions}. Keep one "
    "entry for each "
    "in 'assignments'.",
    "export_v_no_slots": "The plan gives these sessions no slots: {sessions}. Add their slots "
    "or remove the entries.",
    "export_personal_only_ics": "--personal only works with --to ics (one calendar per "
    "participant), "
    "not with '{format}'. Leave out --personal.",
    "export_folder_not_ours": "'{path}' is a folder that holds other files, so the export will "
    "not replace it. "
    "Name a new or empty folder with -o.",
    "export_target_is_folder": "'{path}' is a folder, but this format is a single file. Name a "
    "file with -o, "
    "e.g. -o {path}/plan.ics.",
    "export_target_is_file": "'{path}' is a file, but this export is a folder. Name a new "
    "folder with -o, "
    "e.g. -o {path}-folder.",
    "export_unwritable": "Cannot write '{path}' ({reason}). Choose a folder you may write to "
    "with -o "
    "(or --export-dir), or check that the disk is not full.",
    "export_bad_base_url": "--base-url must start with http:// or https:// (got '{url}'), "
    "e.g. --base-url https://example.org/barcamp.",
    "export_pdf_no_browser": "PDFs are printed by headless Chromium, and none was found "
    "(looked for {names}). Install it (Debian/Ubuntu: apt-get install chromium), or export "
    "--to html and print the sheets from any browser.",
    "export_pdf_failed": "Chromium ({browser}) could not print the PDF: {reason}. Try again; if it "
    "keeps failing, export --to html and print the sheets from a browser.",
    "export_written": "{format} written to {path}",
    "schema_written": "JSON Schema written to {path}",
    # Printed words
    "x_plan": "Programme",
    "x_time": "Time",
    "x_room": "Room",
    "x_title": "Title",
    "x_hosts": "Hosts",
    "x_track": "Track",
    "x_date": "Date",
    "x_start": "Start",
    "x_end": "End",
    "x_session_id": "Session id",
    "x_seats": "{capacity} seats",
    "x_closed": "closed",
    "x_continued": "continued",
    "x_with_prefix": "with",
    "x_part_of": "Part {number} of {total}",
    "x_part_from": "continued from {when}",
    "x_part_from_room": "continued from {when} in {room}",
    "x_scan": "The live programme on your phone:",
    "x_no_sessions": "No sessions in this room.",
    "x_open_ends": "Open ends — topics without a slot",
    "x_poster": "Wall poster (A3 landscape, one page per day)",
    "x_doors": "Door sheets (A4, one page per room)",
    "x_handout": "Handout (A4, one page)",
    "x_print_howto": "Open a sheet, press Ctrl+P (⌘P on a Mac) and choose the paper size given "
    "here; "
    "switch off the browser's headers and footers. No internet connection is needed.",
    # Calendars
    "ics_hosts": "Hosts: {hosts}",
    "ics_clash": "Runs at the same time as: {titles}. You will have to choose.",
    "ics_personal_name": "{event} — {person}",
    "ics_personal_description": "The sessions {person} voted for or hosts at {event}.",
    "ics_wished_unplaced": "Without a slot so far: {titles}.",
    "ics_blocked_by_own": "Left out because they run while you host a session: {titles}.",
    "ics_room_name": "{event} — {room}",
    "ics_track_name": "{event} — {track}",
    "export_no_tracks": "No session has a track, so there are no track calendars to write. "
    "Give sessions a theme with 'track:' in the event file, or export --to ics for one calendar.",
}

DE: dict[str, str] = {
    "export_unknown_format": "Es gibt kein Exportformat '{name}'. Möglich sind: {formats}.",
    "export_plan_missing": "Die Plandatei '{path}' gibt es nicht. Erstellen Sie sie zuerst: "
    "opensozial plan EVENT.yaml -o {path} (oder nennen Sie mit --plan einen vorhandenen Plan).",
    "export_v_unknown_session": "Der Plan enthält Sessions, die nicht in der "
    "Veranstaltungsdatei stehen: "
    "{sessions}. " + _REPLAN_DE,
    "export_v_unknown_room": "Der Plan nutzt Räume, die es in der Veranstaltungsdatei nicht "
    "gibt: {rooms} "
    "(für {sessions}). " + _REPLAN_DE,
    "export_v_unknown_slot": "Der Plan nutzt Slots, die es in der Veranstaltungsdatei nicht "
    "gibt: {slots} "
    "(für {sessions}). " + _REPLAN_DE,
    "export_v_twice": "Der Plan enthält diese Sessions mehrmals: {sessions}. Behalten Sie in "
    "'assignments' "
    "je einen Eintrag.",
    "export_v_no_slots": "Der Plan gibt diesen Sessions keine Slots: {sessions}. Tragen Sie die "
    "Slots ein oder "
    "entfernen Sie die Einträge.",
    "export_personal_only_ics": "--personal gibt es nur mit --to ics (ein Kalender je Person), "
    "nicht mit "
    "'{format}'. Lassen Sie --personal weg.",
    "export_folder_not_ours": "'{path}' ist ein Ordner mit anderen Dateien; der Export ersetzt "
    "ihn deshalb nicht. "
    "Geben Sie mit -o einen neuen oder leeren Ordner an.",
    "export_target_is_folder": "'{path}' ist ein Ordner, dieses Format ist aber eine einzelne "
    "Datei. Geben Sie "
    "mit -o eine Datei an, z. B. -o {path}/plan.ics.",
    "export_target_is_file": "'{path}' ist eine Datei, dieser Export ist aber ein Ordner. Geben "
    "Sie mit -o einen "
    "neuen Ordner an, z. B. -o {path}-ordner.",
    "export_unwritable": "'{path}' kann nicht geschrieben werden ({reason}). Wählen Sie mit -o "
    "(oder "
    "--export-dir) einen Ordner, in den Sie schreiben dürfen, oder prüfen Sie, ob die "
    "Festplatte voll ist.",
    "export_bad_base_url": "--base-url muss mit http:// oder https:// beginnen (angegeben: "
    "'{url}'), "
    "z. B. --base-url https://example.org/barcamp.",
    "export_pdf_no_browser": "PDFs druckt ein Chromium ohne Fenster, und es wurde keins gefunden "
    "(gesucht: {names}). Installieren Sie es (Debian/Ubuntu: apt-get install chromium), oder "
    "exportieren Sie mit --to html und drucken Sie die Blätter aus einem Browser.",
    "export_pdf_failed": "Chromium ({browser}) konnte das PDF nicht drucken: {reason}. "
    "Versuchen Sie "
    "es erneut; scheitert es weiter, exportieren Sie mit --to html und drucken Sie die Blätter aus "
    "einem Browser.",
    "export_written": "{format} geschrieben: {path}",
    "schema_written": "JSON-Schema geschrieben: {path}",
    "x_plan": "Programm",
    "x_time": "Zeit",
    "x_room": "Raum",
    "x_title": "Titel",
    "x_hosts": "Gastgebende",
    "x_track": "Themenstrang",
    "x_date": "Datum",
    "x_start": "Beginn",
    "x_end": "Ende",
    "x_session_id": "Session-ID",
    "x_seats": "{capacity} Plätze",
    "x_closed": "geschlossen",
    "x_continued": "Fortsetzung",
    "x_with_prefix": "mit",
    "x_part_of": "Teil {number} von {total}",
    "x_part_from": "Fortsetzung von {when}",
    "x_part_from_room": "Fortsetzung von {when} in {room}",
    "x_scan": "Das Programm live auf dem Handy:",
    "x_no_sessions": "In diesem Raum finden keine Sessions statt.",
    "x_open_ends": "Offene Enden – Themen ohne Slot",
    "x_poster": "Wandplakat (A3 quer, eine Seite pro Tag)",
    "x_doors": "Türschilder (A4, eine Seite pro Raum)",
    "x_handout": "Handzettel (A4, eine Seite)",
    "x_print_howto": "Blatt öffnen, Strg+P drücken (⌘P auf dem Mac) und das hier genannte "
    "Papierformat wählen; "
    "Kopf- und Fußzeilen des Browsers ausschalten. Eine Internetverbindung ist nicht nötig.",
    "ics_hosts": "Gastgebende: {hosts}",
    "ics_clash": "Läuft zeitgleich mit: {titles}. Sie müssen sich entscheiden.",
    "ics_personal_name": "{event} – {person}",
    "ics_personal_description": "Die Sessions, die {person} bei {event} gewählt hat oder anbietet.",
    "ics_wished_unplaced": "Bisher ohne Slot: {titles}.",
    "ics_blocked_by_own": "Nicht eingetragen, weil sie laufen, während Sie selbst eine Session "
    "anbieten: {titles}.",
    "ics_room_name": "{event} – {room}",
    "ics_track_name": "{event} – {track}",
    "export_no_tracks": "Keine Session hat einen Themenstrang, also gibt es keine Kalender je "
    "Strang. "
    "Geben Sie Sessions in der Veranstaltungsdatei mit 'track:' ein Thema, oder exportieren Sie "
    "mit "
    "--to ics einen einzigen Kalender.",
}
