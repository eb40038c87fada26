"""Texts of live mode: ``watch`` in the terminal, ``serve`` and the board page."""

EN = {
    "watch_status": "Watching {path}: every save re-plans. Ctrl-C ends.",
    "watch_saved": "Plan kept in the history: {path}",
    "watch_unchanged": "Saved: the grid stays as it is.",
    "watch_kept": "The last save could not be planned. The last good plan stays on screen; fix the "
    "file and save again.",
    "watch_no_plan": "No plan yet: fix the file and save again.",
    "watch_internal": "Internal error ({name}): a bug in opensozial, not in your file. The last "
    "good plan stays; please report it.",
    "watch_ended": "Watch ended.",
    "serve_url": "Live board: {url}",
    "serve_bind": "The board cannot listen on {host}, port {port} ({reason}). Another program (or "
    "another 'serve') probably uses this port: choose a free one with --port, e.g. --port 8001.",
    "serve_scan": "Scan the code to vote, pitch and see the plan on a phone in the same network.",
    "board_title": "{name}: live plan",
    "board_time": "Time",
    "board_changes": "Latest changes",
    "board_open_ends": "Open ends (no slot found)",
    "board_updating": "The plan is being updated: you see the last good plan.",
    "board_offline": "No connection: you see the last plan received.",
    "board_no_plan": "No plan yet.",
    "board_scan": "Take part: vote, and this plan on your phone",
    "board_closed": "closed",
    "board_version": "Version {version}",
    "board_theme": "Colours: light, dark, high contrast",
}

DE = {
    "watch_status": "Beobachte {path}: jedes Speichern plant neu. Strg-C beendet.",
    "watch_saved": "Plan im Verlauf abgelegt: {path}",
    "watch_unchanged": "Gespeichert: das Raster bleibt, wie es ist.",
    "watch_kept": "Die letzte Fassung ließ sich nicht planen. Der letzte gültige Plan bleibt "
    "stehen; Datei korrigieren und erneut speichern.",
    "watch_no_plan": "Noch kein Plan: Datei korrigieren und erneut speichern.",
    "watch_internal": "Interner Fehler ({name}): ein Fehler in opensozial, nicht in Ihrer Datei. "
    "Der letzte gültige Plan bleibt; bitte melden Sie ihn.",
    "watch_ended": "Beobachtung beendet.",
    "serve_url": "Live-Plan: {url}",
    "serve_bind": "Der Plan kann nicht auf {host}, Port {port} bereitgestellt werden ({reason}). "
    "Vermutlich nutzt ein anderes Programm (oder ein anderes 'serve') diesen Port: wählen Sie mit "
    "--port einen freien, z. B. --port 8001.",
    "serve_scan": "Code scannen, um auf dem Handy im selben Netz abzustimmen, Sessions "
    "vorzuschlagen und den Plan zu sehen.",
    "board_title": "{name}: Plan live",
    "board_time": "Zeit",
    "board_changes": "Letzte Änderungen",
    "board_open_ends": "Offene Enden (ohne Slot)",
    "board_updating": "Der Plan wird gerade aktualisiert: Sie sehen den letzten gültigen Stand.",
    "board_offline": "Keine Verbindung: Sie sehen den zuletzt empfangenen Plan.",
    "board_no_plan": "Noch kein Plan.",
    "board_scan": "Mitmachen: abstimmen, und der Plan aufs Handy",
    "board_closed": "geschlossen",
    "board_version": "Stand {version}",
    "board_theme": "Farben: hell, dunkel, hoher Kontrast",
}
