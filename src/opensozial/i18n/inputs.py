"""Messages for hostile and sloppy input: sizes, nesting, times, slot order, output targets."""

from __future__ import annotations

EN: dict[str, str] = {
    "file_not_regular": "'{path}' is not an ordinary file (it is a device, a pipe or a socket). "
    "Name a file saved by an editor.",
    "file_too_big": "The file has {size} MB; input files are read up to {limit} MB (a real event "
    "file is well under 1 MB). Check that this is the right file.",
    "yaml_too_deep": "The file nests more than {limit} levels deep here; an event file needs five"
    " at most. Check the brackets and the indentation from this line on.",
    "yaml_alias_budget": "The aliases (*name) in this file expand to more than {limit} values; an"
    " event file never needs that many. Write the values out, or use fewer aliases.",
    "yaml_boolean": "'{key}' is written as {value}, which YAML reads as yes/no (true/false), not "
    "as a name or a number. Write a number, or put a name in quotes: \"{value}\".",
    "slot_out_of_order": "Slot '{id}' ({time}) is listed after slot '{other}' ({other_time}, line"
    " {line}), which starts later. The file order is the time order: move the slot or fix its "
    "times.",
    "slot_overlap": "Slot '{id}' ({time}) overlaps slot '{other}' ({other_time}, line {line}). A "
    "slot starts when the one before it has ended; sessions at the same time are rooms of one "
    "slot. Fix the times.",
    "pyd_clock_unknown": "'{value}' is not a time of day like 10:30 (9.30, 9.30 Uhr and 9 Uhr 30 "
    "work too)",
    "pyd_clock_ambiguous": "'{value}' is not a time of day like 10:30: the minutes need two "
    "digits (9:30 for half past nine, 9:03 for three minutes past)",
    "pyd_clock_range": "'{value}' is not a time of day like 10:30: hours run from 0 to 23, "
    "minutes from 00 to 59",
    "pyd_less_than_equal": "it must be at most {le}",
    "pyd_int_from_float": "it must be a whole number",
    "pyd_finite_number": "it must be a whole number",
    "plan_too_deep": "The plan file nests deeper than any plan does. Re-create it with "
    "'opensozial plan EVENT -o FILE'.",
    "plan_value": "In the plan file, '{key}' is {value}, but it must be {expected}. Correct it, "
    "or re-create the plan with 'opensozial plan EVENT -o FILE'.",
    "plan_not_object": "The plan file does not hold an object {{...}} with 'assignments'. Re-"
    "create it with 'opensozial plan EVENT -o FILE'.",
    "plan_expect_object": "an object {{...}}",
    "plan_expect_list": "a list [...]",
    "plan_expect_text": "a text in quotes",
    "plan_expect_number": "a whole number",
    "plan_other_event_sessions": "The plan {plan} is not a plan of this event file: none of its "
    "{count} sessions is in it. Use a plan made from this file (see 'opensozial history EVENT'), "
    "or plan without --previous.",
    "plan_other_event_slots": "The plan {plan} is not a plan of this event file: it uses the "
    "slot(s) {slots}, which the file does not have. Use a plan made from this file (see "
    "'opensozial history EVENT'); to close a slot, keep it and make it a break instead of "
    "deleting it.",
    "output_is_dir": "Cannot write '{path}': it is a folder. Name a file in it, e.g. {example}.",
    "output_not_regular": "Cannot write '{path}': it is not an ordinary file (it is a device, a "
    "pipe or a socket), and opensozial replaces only ordinary files. Name a file instead.",
    "output_parent_not_dir": "Cannot write '{path}': '{parent}' is a file, not a folder. Choose "
    "another place.",
    "output_failed": "Cannot write '{path}' ({reason}); nothing was changed there. Free some "
    "space or choose a place you may write to.",
    "output_is_input": "Cannot write '{path}': it is an input of this command and would be "
    "overwritten. Choose another file name.",
    "interrupted": "Interrupted. No file was left half-written.",
    "votes_one_column": "The first row of {file} has a single column ('{header}'). Separate the "
    "columns with commas, semicolons or tabs (save the form's answers as CSV), with one column "
    "for the names.",
}

DE: dict[str, str] = {
    "file_not_regular": "'{path}' ist keine gewöhnliche Datei (sondern ein Gerät, eine Pipe oder "
    "ein Socket). Geben Sie eine Datei an, die ein Editor gespeichert hat.",
    "file_too_big": "Die Datei hat {size} MB; Eingabedateien werden bis {limit} MB gelesen (eine "
    "echte Veranstaltungsdatei hat weit unter 1 MB). Prüfen Sie, ob es die richtige Datei ist.",
    "yaml_too_deep": "Die Datei ist hier mehr als {limit} Ebenen tief verschachtelt; eine "
    "Veranstaltungsdatei braucht höchstens fünf. Prüfen Sie Klammern und Einrückung ab dieser "
    "Zeile.",
    "yaml_alias_budget": "Die Aliase (*name) in dieser Datei ergeben mehr als {limit} Werte; so "
    "viele braucht keine Veranstaltungsdatei. Schreiben Sie die Werte aus oder verwenden Sie "
    "weniger Aliase.",
    "yaml_boolean": "'{key}' ist als {value} geschrieben, was YAML als ja/nein (true/false) "
    "liest, nicht als Name oder Zahl. Schreiben Sie eine Zahl oder setzen Sie einen Namen in "
    "Anführungszeichen: \"{value}\".",
    "slot_out_of_order": "Zeitslot '{id}' ({time}) steht nach Zeitslot '{other}' ({other_time}, "
    "Zeile {line}), der später beginnt. Die Reihenfolge in der Datei ist die zeitliche: "
    "verschieben Sie den Slot oder korrigieren Sie die Zeiten.",
    "slot_overlap": "Zeitslot '{id}' ({time}) überschneidet sich mit Zeitslot '{other}' "
    "({other_time}, Zeile {line}). Ein Slot beginnt, wenn der vorige zu Ende ist; Sessions zur "
    "selben Zeit sind Räume eines Slots. Korrigieren Sie die Zeiten.",
    "pyd_clock_unknown": "'{value}' ist keine Uhrzeit wie 10:30 (auch 9.30, 9.30 Uhr und 9 Uhr 30"
    " gehen)",
    "pyd_clock_ambiguous": "'{value}' ist keine Uhrzeit wie 10:30: die Minuten brauchen zwei "
    "Ziffern (9:30 für halb zehn, 9:03 für drei nach neun)",
    "pyd_clock_range": "'{value}' ist keine Uhrzeit wie 10:30: Stunden gehen von 0 bis 23, "
    "Minuten von 00 bis 59",
    "pyd_less_than_equal": "es darf höchstens {le} sein",
    "pyd_int_from_float": "es muss eine ganze Zahl sein",
    "pyd_finite_number": "es muss eine ganze Zahl sein",
    "plan_too_deep": "Die Plan-Datei ist tiefer verschachtelt als jeder Plan. Erzeugen Sie sie "
    "neu mit 'opensozial plan VERANSTALTUNG -o DATEI'.",
    "plan_value": "In der Plan-Datei ist '{key}' {value}, muss aber {expected} sein. Korrigieren "
    "Sie das oder erzeugen Sie den Plan neu mit 'opensozial plan VERANSTALTUNG -o DATEI'.",
    "plan_not_object": "Die Plan-Datei enthält kein Objekt {{...}} mit 'assignments'. Erzeugen "
    "Sie sie neu mit 'opensozial plan VERANSTALTUNG -o DATEI'.",
    "plan_expect_object": "ein Objekt {{...}}",
    "plan_expect_list": "eine Liste [...]",
    "plan_expect_text": "ein Text in Anführungszeichen",
    "plan_expect_number": "eine ganze Zahl",
    "plan_other_event_sessions": "Der Plan {plan} gehört nicht zu dieser Veranstaltungsdatei: "
    "keine seiner {count} Sessions steht darin. Nehmen Sie einen Plan dieser Datei (siehe "
    "'opensozial history VERANSTALTUNG') oder planen Sie ohne --previous.",
    "plan_other_event_slots": "Der Plan {plan} gehört nicht zu dieser Veranstaltungsdatei: er "
    "nutzt die Zeitslots {slots}, die es darin nicht gibt. Nehmen Sie einen Plan dieser Datei "
    "(siehe 'opensozial history VERANSTALTUNG'); um einen Slot zu schließen, behalten Sie ihn und"
    " machen Sie ihn zur Pause, statt ihn zu löschen.",
    "output_is_dir": "'{path}' kann nicht geschrieben werden: es ist ein Ordner. Geben Sie eine "
    "Datei darin an, z. B. {example}.",
    "output_not_regular": "'{path}' kann nicht geschrieben werden: es ist keine gewöhnliche Datei"
    " (sondern ein Gerät, eine Pipe oder ein Socket), und opensozial ersetzt nur gewöhnliche "
    "Dateien. Geben Sie eine Datei an.",
    "output_parent_not_dir": "'{path}' kann nicht geschrieben werden: '{parent}' ist eine Datei, "
    "kein Ordner. Wählen Sie einen anderen Ort.",
    "output_failed": "'{path}' kann nicht geschrieben werden ({reason}); dort wurde nichts "
    "verändert. Schaffen Sie Platz oder wählen Sie einen Ort, an dem Sie schreiben dürfen.",
    "output_is_input": "'{path}' kann nicht geschrieben werden: es ist eine Eingabe dieses "
    "Befehls und würde überschrieben. Wählen Sie einen anderen Dateinamen.",
    "interrupted": "Abgebrochen. Keine Datei ist halb geschrieben zurückgeblieben.",
    "votes_one_column": "Die erste Zeile von {file} hat nur eine Spalte ('{header}'). Trennen Sie"
    " die Spalten mit Kommas, Semikolons oder Tabulatoren (speichern Sie die Antworten des "
    "Formulars als CSV), mit einer Spalte für die Namen.",
}
