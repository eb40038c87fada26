"""The names of a plan's metrics as ``check`` prints them, in the reader's language."""

from __future__ import annotations

EN: dict[str, str] = {
    "metric_conflicts": "conflicts",
    "metric_overflow_seats": "seats lacking",
    "metric_unscheduled_sessions": "sessions without a slot",
    "metric_votes_total": "votes cast",
    "metric_track_clashes": "same-track sessions in parallel",
    "metric_avoid_clashes": "avoid pairs in parallel",
    "metric_wishes_unscheduled": "wishes lost with the open ends",
    "metric_room_changes": "later parts in another room",
}

DE: dict[str, str] = {
    "metric_conflicts": "Konflikte",
    "metric_overflow_seats": "fehlende Sitzplätze",
    "metric_unscheduled_sessions": "Sessions ohne Slot",
    "metric_votes_total": "abgegebene Stimmen",
    "metric_track_clashes": "Sessions desselben Themas parallel",
    "metric_avoid_clashes": "parallele Sessions, die sich meiden sollen",
    "metric_wishes_unscheduled": "Wünsche, die mit den offenen Enden entfallen",
    "metric_room_changes": "Folgeteile in einem anderen Raum",
}
