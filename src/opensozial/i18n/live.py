"""Messages of live re-planning: --now, frozen sessions, the diff, the history, votes CSV."""

from __future__ import annotations

EN: dict[str, str] = {
    "now_invalid": "'--now {value}' is not a time. Write the time of day like 11:40 (on the "
    "event's date) "
    "or date and time like {date}T11:40.",
    "now_needs_previous": "--now only says which sessions have started in the previous plan. "
    "Add --previous last (or a plan file or history number).",
    "history_empty": "There is no saved plan yet in {folder}. Run 'opensozial plan' once without "
    "--previous.",
    "history_unknown": "There is no plan number {ref} in {folder}. Saved numbers: {known}. "
    "See them with 'opensozial history'.",
    "history_unwritable": "The plan history cannot be written to {folder} ({reason}). Copy the "
    "event file to a "
    "folder you may write to, or add --no-history (then keep the plan with -o FILE).",
    "history_saved": "Plan saved in the history as {path}",
    "history_title": "Saved plans of {name}",
    "history_number": "No.",
    "history_file": "File",
    "history_placed": "placed",
    "history_unscheduled": "without slot",
    "history_conflicts": "conflicts",
    "history_now": "re-planned at",
    "history_none": "No plans saved yet for this event ({folder}).",
    "changes_heading": "Changes against the previous plan",
    "no_changes": "No changes: every session stays where it was.",
    "announce_none": "No changes to announce.",
    "change_new": "New: “{title}” at {new_time} in {new_room}",
    "change_moved": "Moved: “{title}” from {old_time} {old_room} to {new_time} {new_room}",
    "change_room_changed": "Room changed: “{title}” at {new_time} now in {new_room} instead of "
    "{old_room}",
    "change_cancelled": "Cancelled: “{title}” (was at {old_time} in {old_room})",
    "change_cancelled_unplaced": "Cancelled: “{title}” (had no slot yet)",
    "change_unscheduled": "Without a slot now: “{title}” (was at {old_time} in {old_room}): "
    "{reason}",
    "change_unscheduled_unplaced": "Without a slot: “{title}”: {reason}",
    "announce_heading": "Changes to the plan of {name}:",
    "announce_new": "New: “{title}” at {new_time} in {new_room}",
    "announce_moved": "Moved: “{title}” now at {new_time} in {new_room}",
    "announce_room_changed": "Other room: “{title}” at {new_time} now in {new_room}",
    "announce_cancelled": "Cancelled: “{title}”",
    "announce_cancelled_unplaced": "Cancelled: “{title}”",
    "announce_unscheduled": "Postponed for now: “{title}” (was at {old_time})",
    "announce_unscheduled_unplaced": "No slot yet: “{title}”",
    "votes_file_missing": "The votes file '{path}' named in 'votes_file:' does not exist. Check "
    "the name; "
    "the path is relative to the event file.",
    "votes_not_utf8": "{file} is not UTF-8 text. Export the form again as CSV, or in Excel use "
    "'Save as' → 'CSV UTF-8'.",
    "votes_empty": "{file} is empty. Export the form's answers again as CSV.",
    "votes_no_name_column": "{file} has no column with the people's names (found: {headers}). "
    "Name the column "
    "with the names 'Name' in the first row, so that nobody is counted twice.",
    "votes_no_name": "This row of {file} has no name in column '{column}'. Add the name, or "
    "delete the row.",
    "votes_duplicate_person": "'{name}' answered twice in {file} (first on line {first}). Delete "
    "the older "
    "row (or tell the two people apart, e.g. 'Anna B.').",
    "votes_unknown_session": "{file} names the session '{title}', which is not in the event "
    "file. Use the exact "
    "title or id of a session, or add the session to the event file.",
    "votes_unknown_column": "{file} has a column of marks headed '{title}', which is no session "
    "of the event "
    "file. Use the exact title or id of a session as the header, or add the session to the event "
    "file; a "
    "column that is no session (e.g. a consent question) can be deleted from the CSV.",
    "votes_cell_unclear": "In {file}, column '{column}', the cell '{value}' is neither a mark "
    "(x, ja, yes, 1, ✓) "
    "nor empty. Write x for a vote and leave it empty otherwise.",
    "votes_no_votes_column": "{file} has no column naming sessions (found: {headers}). Either "
    "give each session "
    "its own column (title or id as header) or list the wanted titles in one column, separated "
    "by ';'.",
}

DE: dict[str, str] = {
    "now_invalid": "'--now {value}' ist keine Zeitangabe. Schreiben Sie die Uhrzeit wie 11:40 "
    "(am Tag der "
    "Veranstaltung) oder Datum und Uhrzeit wie {date}T11:40.",
    "now_needs_previous": "--now sagt nur, welche Sessions des vorigen Plans schon begonnen haben. "
    "Ergänzen Sie --previous last (oder eine Plan-Datei oder Nummer aus dem Verlauf).",
    "history_empty": "In {folder} ist noch kein Plan gespeichert. Führen Sie 'opensozial plan' "
    "einmal ohne "
    "--previous aus.",
    "history_unknown": "In {folder} gibt es keinen Plan Nummer {ref}. Gespeicherte Nummern: "
    "{known}. "
    "Sie sehen sie mit 'opensozial history'.",
    "history_unwritable": "Der Plan-Verlauf kann nicht nach {folder} geschrieben werden "
    "({reason}). Kopieren Sie "
    "die Veranstaltungsdatei in einen Ordner, in den Sie schreiben dürfen, oder ergänzen Sie "
    "--no-history "
    "(und sichern Sie den Plan mit -o DATEI).",
    "history_saved": "Plan im Verlauf gespeichert als {path}",
    "history_title": "Gespeicherte Pläne von {name}",
    "history_number": "Nr.",
    "history_file": "Datei",
    "history_placed": "eingeplant",
    "history_unscheduled": "ohne Slot",
    "history_conflicts": "Konflikte",
    "history_now": "neu geplant um",
    "history_none": "Für diese Veranstaltung ist noch kein Plan gespeichert ({folder}).",
    "changes_heading": "Änderungen gegenüber dem vorigen Plan",
    "no_changes": "Keine Änderungen: jede Session bleibt, wo sie war.",
    "announce_none": "Keine Änderungen anzusagen.",
    "change_new": "Neu: »{title}« um {new_time} in {new_room}",
    "change_moved": "Verschoben: »{title}« von {old_time} {old_room} nach {new_time} {new_room}",
    "change_room_changed": "Raumwechsel: »{title}« um {new_time} jetzt in {new_room} statt "
    "{old_room}",
    "change_cancelled": "Abgesagt: »{title}« (war um {old_time} in {old_room})",
    "change_cancelled_unplaced": "Abgesagt: »{title}« (hatte noch keinen Slot)",
    "change_unscheduled": "Jetzt ohne Slot: »{title}« (war um {old_time} in {old_room}): {reason}",
    "change_unscheduled_unplaced": "Ohne Slot: »{title}«: {reason}",
    "announce_heading": "Änderungen im Plan von {name}:",
    "announce_new": "Neu: »{title}« um {new_time} in {new_room}",
    "announce_moved": "Verschoben: »{title}« jetzt um {new_time} in {new_room}",
    "announce_room_changed": "Anderer Raum: »{title}« um {new_time} jetzt in {new_room}",
    "announce_cancelled": "Fällt aus: »{title}«",
    "announce_cancelled_unplaced": "Fällt aus: »{title}«",
    "announce_unscheduled": "Vorerst verschoben: »{title}« (war um {old_time})",
    "announce_unscheduled_unplaced": "Noch ohne Slot: »{title}«",
    "votes_file_missing": "Die unter 'votes_file:' genannte Stimmen-Datei '{path}' gibt es "
    "nicht. Prüfen Sie den "
    "Namen; der Pfad gilt relativ zur Veranstaltungsdatei.",
    "votes_not_utf8": "{file} ist kein UTF-8-Text. Exportieren Sie das Formular erneut als CSV, "
    "oder wählen Sie in "
    "Excel 'Speichern unter' → 'CSV UTF-8'.",
    "votes_empty": "{file} ist leer. Exportieren Sie die Antworten des Formulars erneut als CSV.",
    "votes_no_name_column": "{file} hat keine Spalte mit den Namen der Personen (gefunden: "
    "{headers}). Nennen Sie "
    "die Spalte mit den Namen in der ersten Zeile 'Name', damit niemand doppelt zählt.",
    "votes_no_name": "In dieser Zeile von {file} fehlt der Name in Spalte '{column}'. Ergänzen "
    "Sie ihn oder "
    "löschen Sie die Zeile.",
    "votes_duplicate_person": "'{name}' hat in {file} zweimal geantwortet (zuerst in Zeile "
    "{first}). Löschen Sie "
    "die ältere Zeile (oder unterscheiden Sie die beiden, z. B. 'Anna B.').",
    "votes_unknown_session": "{file} nennt die Session '{title}', die nicht in der "
    "Veranstaltungsdatei steht. "
    "Verwenden Sie den genauen Titel oder die Kennung einer Session, oder ergänzen Sie die "
    "Session.",
    "votes_unknown_column": "{file} hat eine Spalte mit Kreuzen unter '{title}', die keine "
    "Session der "
    "Veranstaltungsdatei ist. Verwenden Sie den genauen Titel oder die Kennung einer Session als "
    "Überschrift, "
    "oder ergänzen Sie die Session; eine Spalte, die keine Session ist (z. B. eine "
    "Einwilligungsfrage), können "
    "Sie aus der CSV löschen.",
    "votes_cell_unclear": "In {file}, Spalte '{column}', ist der Eintrag '{value}' weder ein "
    "Kreuz (x, ja, yes, 1, "
    "✓) noch leer. Schreiben Sie x für eine Stimme und lassen Sie die Zelle sonst leer.",
    "votes_no_votes_column": "{file} hat keine Spalte, die Sessions nennt (gefunden: {headers}). "
    "Geben Sie entweder "
    "jeder Session eine eigene Spalte (Titel oder Kennung als Überschrift) oder listen Sie die "
    "gewünschten "
    "Titel in einer Spalte, getrennt durch ';'.",
}
