"""Messages of the core: loading, planning, checking, the terminal grid."""

from __future__ import annotations

EN: dict[str, str] = {
    # Where and how to fix: file errors
    "file_missing": "The file '{path}' does not exist. Check the name and the folder, "
    "or create it from one of the files in examples/.",
    "file_is_dir": "'{path}' is a folder, not a file. Name the event file itself, e.g. "
    "{path}/event.yaml.",
    "file_not_utf8": "The file is not UTF-8 text. Save it again as 'UTF-8' in your editor.",
    "file_unreadable": "The file cannot be read ({reason}). Check that it exists and that you may "
    "read it.",
    "file_empty": "The file is empty. Start from one of the files in examples/.",
    "yaml_syntax": "The file is not valid YAML: {reason}. Look at this line and the one before it: "
    "a missing space after ':', a tab instead of spaces, or an unclosed quote or bracket are the "
    "usual causes.",
    "yaml_bad_key": "A key here is not a plain name. Write keys as words, e.g. 'title:'.",
    "yaml_duplicate_key": "The key '{key}' appears twice here (first on line {first}). "
    "Keep one of them; otherwise the second would silently replace the first.",
    "json_syntax": "The plan file is not valid JSON: {reason}. Re-create it with 'opensozial plan "
    "... --format json -o FILE'.",
    "plan_shape": "The plan file does not look like an opensozial plan ({reason}). It needs "
    "'assignments': a list of {{\"session\", \"room\", \"slots\"}}.",
    "not_a_mapping": "The file must start with the sections event:, rooms:, slots: and sessions:.",
    # Shape of the event file
    "unknown_key": "Unknown key '{key}'.",
    "did_you_mean": "Did you mean '{suggestion}'?",
    "known_keys": "Allowed here: {known}.",
    "missing_key": "'{where}' needs the key '{key}'. Add it (see README, 'The event file').",
    "missing_title": "'{where}' needs a 'title'. Add one, or, if this session continues "
    "another one, 'follows: <id of the part before>' (it then takes over that title; see "
    "README, 'The event file').",
    "bad_value": "'{key}' has the value '{value}', which is not allowed: {reason}. Correct the "
    "value.",
    "duplicate_id": "The id '{id}' is used twice in {section} (first on line {first}). Every id "
    "must be unique: rename one.",
    "unknown_slot": "There is no slot with the id '{id}'.",
    "unknown_room": "There is no room with the id '{id}'.",
    "unknown_session": "There is no session with the id '{id}'.",
    "known_ids": "Known ids: {known}.",
    "slot_ends_before_start": "Slot '{id}' ends before it starts. Swap start and end, or fix the "
    "times.",
    "slot_break_and_plenary": "Slot '{id}' is marked both as break and as plenary. Keep one.",
    "no_session_slots": "No slot can hold sessions: all are breaks or plenaries. Add a slot "
    "without 'break' or 'plenary'.",
    "avoid_self": "A session cannot avoid itself ('{id}'). Remove it from 'avoid'.",
    "duplicate_person": "'{name}' is listed twice in {role}. Remove the second entry.",
    # Sessions that cannot be placed at all
    "fits_nowhere_feature": "Session '{id}' needs {features}, which no room has. Add the feature "
    "to a room's 'features' or remove it from the session's 'needs'.",
    "fits_nowhere_feature_combo": "Session '{id}' needs all of {features} in one room, and no room "
    "has them all. Add the features to a room or relax 'needs'.",
    "fits_nowhere_length": "Session '{id}' needs {length} consecutive slots, but at most {longest} "
    "follow each other without a break or plenary. Shorten its 'length' or add slots.",
    "fits_nowhere_unavailable": "Session '{id}' fits no slot: every slot is unavailable to it or "
    "to all rooms that suit it. Shorten its 'unavailable' list or open a room.",
    "pin_impossible": "Session '{id}' is pinned to slot '{slot}' (room '{room}'), but it cannot go "
    "there: the slot is a break or plenary, unavailable, too short for its length, or the room "
    "lacks what it needs. Change the pin.",
    "host_pinned_twice": "{host} hosts both '{id}' and '{other}', which are pinned to the same "
    "time ({slot}). Nobody can be in two places: move one pin.",
    "pin_room_collision": "Sessions '{id}' and '{other}' are both pinned to room '{room}' in slot "
    "'{slot}'. Move one of the pins.",
    "follows_cycle": "Session '{id}' follows itself through {chain}: the parts of a group need "
    "a first part. Remove 'follows' from the session that starts the group.",
    "follows_twice": "Sessions '{id}' and '{other}' both follow '{first}', but a part has only "
    "one next part. Let '{id}' follow '{other}' (a chain: first, second, third part) or "
    "remove one 'follows'.",
    "follows_too_early": "Session '{id}' follows '{first}', but it can only run before '{first}' "
    "ends (its own slots, parts or 'unavailable' leave no later slot). Give it a later slot "
    "or move '{first}' earlier.",
    "infeasible_pins": "In slot '{slot}' the pinned sessions {sessions} cannot all get a suitable "
    "room. Move a pin or open another room.",
    "infeasible_general": "The pinned sessions ({sessions}) and the rules admit no plan. Remove "
    "pins one by one to find the collision.",
    # Plans
    "error_heading": "Error",
    "errors_more": "and {count} more problem(s) of this kind",
    # Terminal output
    "grid_title": "{name} — plan",
    "slot": "Slot",
    "open_ends": "Offene Enden — topics without a slot (for follow-up)",
    "no_open_ends": "Every session found a slot.",
    "summary": "Summary",
    "conflicts_line": "{conflicts} conflicts (a person wanting two sessions in the same slot)",
    "overflow_line": "{overflow} seats lacking",
    "unscheduled_line": "{count} sessions without a slot",
    "bound_line": "Score {objective}, proven at least {bound} ({quality})",
    "optimal": "optimal",
    "gap": "at most {gap}% from the best possible",
    "solve_time": "planned in {seconds} s",
    "plan_written": "Plan written to {path}",
    "check_ok": "The plan keeps every rule.",
    "check_failed": "The plan breaks {count} rule(s):",
    "capacity": "seats",
    "title": "Title",
    "demand": "Demand",
    "reason": "Why",
    "pyd_timezone": "unknown time zone '{value}' (use e.g. Europe/Berlin)",
    "pyd_int_parsing": "it must be a whole number",
    "pyd_int_type": "it must be a whole number",
    "pyd_string_type": "it must be text",
    "pyd_list_type": "it must be a list, e.g. [a, b]",
    "pyd_dict_type": "it must be a mapping, e.g. {{slot: s1, room: saal}}",
    "pyd_model_type": "it must be a mapping of keys and values",
    "pyd_greater_than_equal": "it must be at least {ge}",
    "pyd_literal_error": "allowed are {expected}",
    "pyd_date_from_datetime_parsing": "it must be a date like 2026-10-22",
    "pyd_date_parsing": "it must be a date like 2026-10-22",
    "pyd_date_type": "it must be a date like 2026-10-22",
    "pyd_too_short": "it must not be empty",
    "v_unknown_session": "The plan places '{session}', which is not in the event file.",
    "v_twice": "Session '{session}' is placed more than once.",
    "v_unknown_room": "Session '{session}' is in room '{room}', which is not in the event file.",
    "v_unknown_slot": "Session '{session}' is in slot '{slot}', which is not in the event file.",
    "v_length": "Session '{session}' needs {length} slot(s) but has {count}.",
    "v_not_consecutive": "Session '{session}' does not take consecutive slots on one day.",
    "v_in_break": "Session '{session}' is placed in '{slot}', a break or plenary.",
    "v_session_unavailable": "Session '{session}' is placed in '{slot}', which it marked "
    "unavailable.",
    "v_room_unavailable": "Session '{session}' uses room '{room}' in '{slot}', when the room is "
    "unavailable.",
    "v_needs": "Session '{session}' needs {features}, which room '{room}' lacks.",
    "v_pin": "Session '{session}' is pinned to slot '{slot}' (room '{room}') but placed elsewhere.",
    "v_pin_dropped": "Pinned session '{session}' is missing from the plan.",
    "v_part_alone": "Session '{session}' is placed, but '{first}', the part it follows, is not.",
    "v_part_early": "Session '{session}' starts before '{first}', the part it follows, has ended.",
    "v_room_double_booked": "Room '{room}' holds several sessions in '{slot}': {sessions}.",
    "v_host_twice": "{host} hosts several sessions in '{slot}': {sessions}.",
    "v_metric": "The plan says {name} = {given}, but it is {computed}.",
}

DE: dict[str, str] = {
    "file_missing": "Die Datei '{path}' gibt es nicht. Prüfen Sie Namen und Ordner, oder legen Sie "
    "sie nach einem Beispiel aus examples/ an.",
    "file_is_dir": "'{path}' ist ein Ordner, keine Datei. Geben Sie die Veranstaltungsdatei selbst "
    "an, z. B. {path}/event.yaml.",
    "file_not_utf8": "Die Datei ist kein UTF-8-Text. Speichern Sie sie im Editor erneut als "
    "'UTF-8'.",
    "file_unreadable": "Die Datei kann nicht gelesen werden ({reason}). Prüfen Sie, ob es sie gibt "
    "und ob Sie sie lesen dürfen.",
    "file_empty": "Die Datei ist leer. Beginnen Sie mit einer Datei aus examples/.",
    "yaml_syntax": "Die Datei ist kein gültiges YAML: {reason}. Sehen Sie sich diese und die "
    "vorige Zeile an: meist fehlt ein Leerzeichen nach ':', steht ein Tabulator statt Leerzeichen, "
    "oder ein Anführungszeichen bzw. eine Klammer ist nicht geschlossen.",
    "yaml_bad_key": "Ein Schlüssel hier ist kein einfacher Name. Schreiben Sie Schlüssel als "
    "Wörter, z. B. 'title:'.",
    "yaml_duplicate_key": "Der Schlüssel '{key}' steht hier zweimal (zuerst in Zeile {first}). "
    "Behalten Sie einen; sonst würde der zweite den ersten stillschweigend ersetzen.",
    "json_syntax": "Die Plan-Datei ist kein gültiges JSON: {reason}. Erzeugen Sie sie neu mit "
    "'opensozial plan ... --format json -o DATEI'.",
    "plan_shape": "Die Plan-Datei sieht nicht wie ein opensozial-Plan aus ({reason}). Sie braucht "
    "'assignments': eine Liste aus {{\"session\", \"room\", \"slots\"}}.",
    "not_a_mapping": "Die Datei muss mit den Abschnitten event:, rooms:, slots: und sessions: "
    "beginnen.",
    "unknown_key": "Unbekannter Schlüssel '{key}'.",
    "did_you_mean": "Meinten Sie '{suggestion}'?",
    "known_keys": "Erlaubt sind hier: {known}.",
    "missing_key": "'{where}' braucht den Schlüssel '{key}'. Ergänzen Sie ihn (siehe README, 'The "
    "event file').",
    "missing_title": "'{where}' braucht einen 'title'. Ergänzen Sie ihn, oder, wenn diese "
    "Session eine andere fortsetzt, 'follows: <id des vorigen Teils>' (sie übernimmt dann "
    "dessen Titel; siehe README, 'The event file').",
    "bad_value": "'{key}' hat den Wert '{value}', der nicht erlaubt ist: {reason}. Korrigieren Sie "
    "den Wert.",
    "duplicate_id": "Die Kennung '{id}' kommt in {section} zweimal vor (zuerst in Zeile {first}). "
    "Jede Kennung muss eindeutig sein: benennen Sie eine um.",
    "unknown_slot": "Es gibt keinen Zeitslot mit der Kennung '{id}'.",
    "unknown_room": "Es gibt keinen Raum mit der Kennung '{id}'.",
    "unknown_session": "Es gibt keine Session mit der Kennung '{id}'.",
    "known_ids": "Bekannte Kennungen: {known}.",
    "slot_ends_before_start": "Zeitslot '{id}' endet, bevor er beginnt. Tauschen Sie Beginn und "
    "Ende oder korrigieren Sie die Zeiten.",
    "slot_break_and_plenary": "Zeitslot '{id}' ist zugleich Pause und Plenum. Behalten Sie eines "
    "davon.",
    "no_session_slots": "Kein Zeitslot kann Sessions aufnehmen: alle sind Pausen oder Plenum. "
    "Ergänzen Sie einen Slot ohne 'break' oder 'plenary'.",
    "avoid_self": "Eine Session kann sich nicht selbst meiden ('{id}'). Entfernen Sie sie aus "
    "'avoid'.",
    "duplicate_person": "'{name}' steht zweimal in {role}. Entfernen Sie den zweiten Eintrag.",
    "fits_nowhere_feature": "Session '{id}' braucht {features}, was kein Raum hat. Ergänzen Sie es "
    "bei einem Raum unter 'features' oder streichen Sie es bei der Session unter 'needs'.",
    "fits_nowhere_feature_combo": "Session '{id}' braucht {features} zusammen in einem Raum, und "
    "kein Raum hat alles. Ergänzen Sie die Ausstattung eines Raums oder lockern Sie 'needs'.",
    "fits_nowhere_length": "Session '{id}' braucht {length} aufeinanderfolgende Slots, aber "
    "höchstens {longest} folgen ohne Pause oder Plenum aufeinander. Kürzen Sie 'length' oder "
    "ergänzen Sie Slots.",
    "fits_nowhere_unavailable": "Session '{id}' passt in keinen Slot: jeder ist für sie oder für "
    "alle passenden Räume gesperrt. Kürzen Sie ihre 'unavailable'-Liste oder öffnen Sie einen "
    "Raum.",
    "pin_impossible": "Session '{id}' ist auf Slot '{slot}' (Raum '{room}') festgelegt, kann dort "
    "aber nicht stattfinden: der Slot ist Pause oder Plenum, gesperrt, zu kurz für ihre Länge, "
    "oder dem Raum fehlt Ausstattung. Ändern Sie die Festlegung.",
    "host_pinned_twice": "{host} leitet sowohl '{id}' als auch '{other}', die beide auf dieselbe "
    "Zeit ({slot}) festgelegt sind. Niemand kann an zwei Orten sein: verschieben Sie eine "
    "Festlegung.",
    "pin_room_collision": "Die Sessions '{id}' und '{other}' sind beide auf Raum '{room}' in Slot "
    "'{slot}' festgelegt. Verschieben Sie eine davon.",
    "follows_cycle": "Session '{id}' folgt über {chain} auf sich selbst: die Teile einer Gruppe "
    "brauchen einen ersten Teil. Entfernen Sie 'follows' bei der Session, mit der die Gruppe "
    "beginnt.",
    "follows_twice": "Die Sessions '{id}' und '{other}' folgen beide auf '{first}', aber ein Teil "
    "hat nur einen nächsten Teil. Lassen Sie '{id}' auf '{other}' folgen (eine Kette: erster, "
    "zweiter, dritter Teil) oder entfernen Sie ein 'follows'.",
    "follows_too_early": "Session '{id}' folgt auf '{first}', kann aber nur laufen, bevor "
    "'{first}' endet (ihre eigenen Slots, Teile oder 'unavailable' lassen keinen späteren Slot "
    "frei). Geben Sie ihr einen späteren Slot oder legen Sie '{first}' früher.",
    "infeasible_pins": "In Slot '{slot}' bekommen die festgelegten Sessions {sessions} nicht alle "
    "einen passenden Raum. Verschieben Sie eine Festlegung oder öffnen Sie einen weiteren Raum.",
    "infeasible_general": "Die festgelegten Sessions ({sessions}) und die Regeln lassen keinen "
    "Plan zu. Entfernen Sie Festlegungen einzeln, um den Zusammenstoß zu finden.",
    "error_heading": "Fehler",
    "errors_more": "und {count} weitere Problem(e) dieser Art",
    "grid_title": "{name} — Plan",
    "slot": "Zeit",
    "open_ends": "Offene Enden — Themen ohne Slot (zum Nachverfolgen)",
    "no_open_ends": "Jede Session hat einen Slot gefunden.",
    "summary": "Zusammenfassung",
    "conflicts_line": "{conflicts} Konflikte (jemand möchte zwei Sessions im selben Slot besuchen)",
    "overflow_line": "{overflow} fehlende Sitzplätze",
    "unscheduled_line": "{count} Sessions ohne Slot",
    "bound_line": "Bewertung {objective}, nachweislich mindestens {bound} ({quality})",
    "optimal": "optimal",
    "gap": "höchstens {gap} % vom bestmöglichen entfernt",
    "solve_time": "geplant in {seconds} s",
    "plan_written": "Plan geschrieben nach {path}",
    "check_ok": "Der Plan hält jede Regel ein.",
    "check_failed": "Der Plan verletzt {count} Regel(n):",
    "capacity": "Plätze",
    "title": "Titel",
    "demand": "Bedarf",
    "reason": "Warum",
    "pyd_timezone": "unbekannte Zeitzone '{value}' (z. B. Europe/Berlin)",
    "pyd_int_parsing": "es muss eine ganze Zahl sein",
    "pyd_int_type": "es muss eine ganze Zahl sein",
    "pyd_string_type": "es muss ein Text sein",
    "pyd_list_type": "es muss eine Liste sein, z. B. [a, b]",
    "pyd_dict_type": "es muss eine Zuordnung sein, z. B. {{slot: s1, room: saal}}",
    "pyd_model_type": "es muss eine Zuordnung aus Schlüsseln und Werten sein",
    "pyd_greater_than_equal": "es muss mindestens {ge} sein",
    "pyd_literal_error": "erlaubt sind {expected}",
    "pyd_date_from_datetime_parsing": "es muss ein Datum wie 2026-10-22 sein",
    "pyd_date_parsing": "es muss ein Datum wie 2026-10-22 sein",
    "pyd_date_type": "es muss ein Datum wie 2026-10-22 sein",
    "pyd_too_short": "es darf nicht leer sein",
    "v_unknown_session": "Der Plan enthält '{session}', das nicht in der Veranstaltungsdatei "
    "steht.",
    "v_twice": "Session '{session}' ist mehrfach eingeplant.",
    "v_unknown_room": "Session '{session}' ist in Raum '{room}', den es in der Veranstaltungsdatei "
    "nicht gibt.",
    "v_unknown_slot": "Session '{session}' ist in Slot '{slot}', den es in der Veranstaltungsdatei "
    "nicht gibt.",
    "v_length": "Session '{session}' braucht {length} Slot(s), hat aber {count}.",
    "v_not_consecutive": "Session '{session}' liegt nicht in aufeinanderfolgenden Slots eines "
    "Tages.",
    "v_in_break": "Session '{session}' liegt in '{slot}', einer Pause oder einem Plenum.",
    "v_session_unavailable": "Session '{session}' liegt in '{slot}', der für sie gesperrt ist.",
    "v_room_unavailable": "Session '{session}' nutzt Raum '{room}' in '{slot}', obwohl er dann "
    "gesperrt ist.",
    "v_needs": "Session '{session}' braucht {features}, was Raum '{room}' fehlt.",
    "v_pin": "Session '{session}' ist auf Slot '{slot}' (Raum '{room}') festgelegt, liegt aber "
    "woanders.",
    "v_pin_dropped": "Die festgelegte Session '{session}' fehlt im Plan.",
    "v_part_alone": "Session '{session}' ist eingeplant, '{first}', der Teil davor, aber nicht.",
    "v_part_early": "Session '{session}' beginnt, bevor '{first}', der Teil davor, zu Ende ist.",
    "v_room_double_booked": "Raum '{room}' hat in '{slot}' mehrere Sessions: {sessions}.",
    "v_host_twice": "{host} leitet in '{slot}' mehrere Sessions: {sessions}.",
    "v_metric": "Laut Plan ist {name} = {given}, tatsächlich aber {computed}.",
}

