"""Why a session has no slot ("offene Enden"): one text per reason code, filled with its
parameters (names, features, seats) only when shown, in the reader's language."""

from __future__ import annotations

EN: dict[str, str] = {
    "reason_no_room": "every suitable room is taken in every slot it could take",
    "reason_pinned": "the only places it could take are held by pinned or running sessions, "
    "e.g. “{other}”",
    "reason_no_feature": "rooms are free when it could run, but none of them has {feature}",
    "reason_host_busy": "{host} leads “{other}” whenever a suitable room is free",
    "reason_gave_way": "its place went to “{other}”, which more people want",
    "reason_slots_closed": "every slot it could take is closed, "
    "to it or to every room that suits it",
    "reason_feature_gone": "no room has {feature} any more",
    "reason_too_long": "it needs {length} consecutive slots, "
    "and at most {longest} follow each other",
    "reason_pin_closed": "its pinned place ({slot}, {room}) is closed or does not suit it",
    "reason_too_late": "every slot it could take has already started",
    "reason_part_waits": "the part it continues, “{other}”, waits too",
    "reason_part_order": "no slot it could take comes after the part it continues, “{other}”",
    "reason_not_placed": "the solver stopped before placing it; try a longer --time-limit",
}

DE: dict[str, str] = {
    "reason_no_room": "in jedem möglichen Slot sind alle passenden Räume belegt",
    "reason_pinned": "die einzigen Plätze, die sie nehmen könnte, halten festgelegte oder laufende "
    "Sessions, z. B. »{other}«",
    "reason_no_feature": "wann sie stattfinden könnte, sind Räume frei, "
    "aber keiner davon hat {feature}",
    "reason_host_busy": "{host} leitet »{other}«, wann immer ein passender Raum frei ist",
    "reason_gave_way": "ihr Platz ging an »{other}«, die mehr Menschen besuchen wollen",
    "reason_slots_closed": "jeder Slot, den sie nehmen könnte, ist gesperrt, "
    "für sie oder für jeden passenden Raum",
    "reason_feature_gone": "kein Raum hat mehr {feature}",
    "reason_too_long": "sie braucht {length} aufeinanderfolgende Slots, "
    "und höchstens {longest} folgen aufeinander",
    "reason_pin_closed": "ihr festgelegter Platz ({slot}, {room}) ist gesperrt oder passt nicht",
    "reason_too_late": "jeder Slot, den sie nehmen könnte, hat schon begonnen",
    "reason_part_waits": "der Teil davor, »{other}«, wartet ebenfalls",
    "reason_part_order": "kein Slot, den sie nehmen könnte, liegt nach dem Teil davor, »{other}«",
    "reason_not_placed": "der Solver hat vorher aufgehört; versuchen Sie ein längeres --time-limit",
}
