"""Messages of issue #14: parts, reserved rooms, organisations, the list view, `show`,
the progress display and the private open-ends export."""

from __future__ import annotations

EN: dict[str, str] = {
    "unknown_part": (
        "There is no part or date '{id}': no slot has 'part: {id}' or falls on that day. Write "
        "a part that a slot names, or a date like 2026-10-22."
    ),
    "reserved_not_feature": (
        "Room '{room}' is reserved for '{feature}', which is not one of its 'features'. Add it "
        "to the room's features, or remove it from 'reserved_for'."
    ),
    "slot_details_without_plenary": (
        "Slot '{id}' has '{key}', which only a plenary (or, for 'description', a break) can "
        "have. Add 'plenary: \"Title\"' to the slot, or remove '{key}'."
    ),
    "unknown_organisation": (
        "'{id}' is listed under 'organisations' but hosts no session. Write the name exactly as"
        " in the sessions' 'hosts', or remove it."
    ),
    "fits_nowhere_reserved": (
        "Session '{id}' fits no room: every room with what it needs is reserved for sessions "
        "needing something else ('reserved_for'). Add that feature to the session's 'needs', or"
        " open a room."
    ),
    "fits_nowhere_parts": (
        "Session '{id}' belongs to {parts}, which has no slot for sessions (only breaks or "
        "plenaries). Name another part in its 'parts', or add a slot to that part."
    ),
    "v_room_reserved": (
        "Session '{session}' uses room '{room}', which is reserved for sessions needing "
        "{features}."
    ),
    "full": "full",
    "speakers": "with {names}",
    "now_running": "Now ({time})",
    "up_next": "Next",
    "show_other_event": (
        "This plan names what the event file does not have ({ids}): it was made for another "
        "version of the file. Plan again with 'opensozial plan EVENT', or name the right plan "
        "with --plan (see 'opensozial history EVENT')."
    ),
    "nothing_now": "Nothing is running now.",
    "nothing_next": "Nothing follows.",
    "progress_stage_drops": "settling how few sessions must wait",
    "progress_stage_cpsat": "first grid (CP-SAT)",
    "progress_stage_anneal": "improving the grid (annealing)",
    "progress_stage_lns": "re-optimising parts of the grid",
    "progress_stage_rooms": "assigning rooms",
    "progress_stage_bound": "proving the bound",
    "progress_stage_prove": "proving how few conflicts are possible",
    "progress_stage_certify": "improving the grid with the proof's help",
    "progress_best": "best grid so far: score {objective}",
    "progress_best_conflicts": "best grid so far: {conflicts} conflicts, score {objective}",
    "progress_none": "no grid yet",
    "open_ends_title": "Open ends of {name}: who wanted what",
    "open_ends_personal": (
        "PERSONAL DATA: names of the people who voted. For the facilitator's follow-up only; do"
        " not publish, delete after the follow-up."
    ),
    "open_ends_hosts": "Hosts",
    "open_ends_wanted": "Wanted by",
    "open_ends_reason": "Why no slot",
    "open_ends_none": "Every session found a slot: there are no open ends.",
}

DE: dict[str, str] = {
    "unknown_part": (
        "Es gibt keinen Teil und kein Datum '{id}': kein Zeitslot hat 'part: {id}' oder liegt "
        "an diesem Tag. Schreiben Sie einen Teil, den ein Zeitslot nennt, oder ein Datum wie "
        "2026-10-22."
    ),
    "reserved_not_feature": (
        "Raum '{room}' ist für '{feature}' reserviert, das nicht unter seinen 'features' steht."
        " Ergänzen Sie es dort oder streichen Sie es aus 'reserved_for'."
    ),
    "slot_details_without_plenary": (
        "Zeitslot '{id}' hat '{key}', das nur ein Plenum (bei 'description' auch eine Pause) "
        "haben kann. Ergänzen Sie 'plenary: \"Titel\"' am Zeitslot oder streichen Sie '{key}'."
    ),
    "unknown_organisation": (
        "'{id}' steht unter 'organisations', leitet aber keine Session. Schreiben Sie den Namen"
        " genau wie unter 'hosts' der Sessions, oder streichen Sie ihn."
    ),
    "fits_nowhere_reserved": (
        "Session '{id}' passt in keinen Raum: jeder Raum mit dem, was sie braucht, ist für "
        "Sessions mit anderem Bedarf reserviert ('reserved_for'). Ergänzen Sie das Merkmal "
        "unter 'needs' der Session oder öffnen Sie einen Raum."
    ),
    "fits_nowhere_parts": (
        "Session '{id}' gehört zu {parts}, und dort gibt es keinen Zeitslot für Sessions (nur "
        "Pausen oder Plenum). Nennen Sie unter 'parts' einen anderen Teil, oder ergänzen Sie "
        "dort einen Zeitslot."
    ),
    "v_room_reserved": (
        "Session '{session}' nutzt Raum '{room}', der für Sessions mit {features} reserviert "
        "ist."
    ),
    "full": "voll",
    "speakers": "mit {names}",
    "now_running": "Jetzt ({time})",
    "up_next": "Als Nächstes",
    "show_other_event": (
        "Dieser Plan nennt, was die Veranstaltungsdatei nicht hat ({ids}): er gehört zu einer "
        "anderen Fassung der Datei. Planen Sie neu mit 'opensozial plan DATEI', oder nennen Sie "
        "mit --plan den passenden Plan (siehe 'opensozial history DATEI')."
    ),
    "nothing_now": "Gerade läuft nichts.",
    "nothing_next": "Danach folgt nichts mehr.",
    "progress_stage_drops": "klärt, wie wenige Sessions warten müssen",
    "progress_stage_cpsat": "erstes Raster (CP-SAT)",
    "progress_stage_anneal": "verbessert das Raster (Annealing)",
    "progress_stage_lns": "optimiert Teile des Rasters neu",
    "progress_stage_rooms": "verteilt die Räume",
    "progress_stage_bound": "beweist die Schranke",
    "progress_stage_prove": "beweist, wie wenige Konflikte möglich sind",
    "progress_stage_certify": "verbessert das Raster mithilfe des Beweises",
    "progress_best": "bestes Raster bisher: Bewertung {objective}",
    "progress_best_conflicts": "bestes Raster bisher: {conflicts} Konflikte, Bewertung {objective}",
    "progress_none": "noch kein Raster",
    "open_ends_title": "Offene Enden von {name}: wer was wollte",
    "open_ends_personal": (
        "PERSONENBEZOGENE DATEN: Namen der Abstimmenden. Nur für die Nachbereitung durch die "
        "Moderation; nicht veröffentlichen, nach der Nachbereitung löschen."
    ),
    "open_ends_hosts": "Gastgebende",
    "open_ends_wanted": "Gewünscht von",
    "open_ends_reason": "Warum kein Slot",
    "open_ends_none": "Jede Session hat einen Slot bekommen: es gibt keine offenen Enden.",
}
