"""Texts of the diff beyond moves: hosts, titles, rooms and plenaries that changed, a
session that lost its slot with no later slot left (not "postponed"), and a group whose
parts all changed room together."""

from __future__ import annotations

EN: dict[str, str] = {
    "change_hosts": "New hosts: “{title}” at {new_time} in {new_room}: now {new_hosts} "
    "(was {old_hosts})",
    "announce_hosts": "New hosts: “{title}” at {new_time}: {new_hosts}",
    "change_retitled": "New title: “{old_title}” at {new_time} in {new_room} "
    "is now called “{title}”",
    "announce_retitled": "New title: “{old_title}” at {new_time} is now called “{title}”",
    "change_room_renamed": "Room renamed: “{old_name}” is now called “{new_name}”",
    "announce_room_renamed": "Room renamed: “{old_name}” is now called “{new_name}”",
    "change_room_lost": "Room no longer available: “{old_name}” ({times})",
    "announce_room_lost": "Room no longer available: “{old_name}” ({times})",
    "change_plenary_moved": "Plenary moved: “{title}” now at {new_time} (was {old_time})",
    "announce_plenary_moved": "Plenary moved: “{title}” now at {new_time}",
    "change_plenary_cancelled": "Plenary cancelled: “{title}” (was at {old_time})",
    "announce_plenary_cancelled": "Plenary cancelled: “{title}”",
    "change_plenary_new": "New plenary: “{title}” at {new_time}",
    "announce_plenary_new": "New plenary: “{title}” at {new_time}",
    "announce_unscheduled_final": "Dropped for today: “{title}” (was at {old_time})",
    "change_history_kept": "Deleted from the file after it started: “{title}” ({new_time} in "
    "{new_room}) stays in the plan as it ran",
    "nobody": "nobody",
    "change_room_changed_all": "Room change for all parts: “{title}” now in {new_room} "
    "(was {old_room})",
    "announce_room_changed_all": "Other room for all parts: “{title}” now in {new_room}",
}

DE: dict[str, str] = {
    "change_hosts": "Neue Leitung: »{title}« um {new_time} in {new_room}: jetzt {new_hosts} "
    "(vorher {old_hosts})",
    "announce_hosts": "Neue Leitung: »{title}« um {new_time}: {new_hosts}",
    "change_retitled": "Neuer Titel: »{old_title}« um {new_time} in {new_room} "
    "heißt jetzt »{title}«",
    "announce_retitled": "Neuer Titel: »{old_title}« um {new_time} heißt jetzt »{title}«",
    "change_room_renamed": "Raum umbenannt: »{old_name}« heißt jetzt »{new_name}«",
    "announce_room_renamed": "Raum umbenannt: »{old_name}« heißt jetzt »{new_name}«",
    "change_room_lost": "Raum nicht mehr verfügbar: »{old_name}« ({times})",
    "announce_room_lost": "Raum nicht mehr verfügbar: »{old_name}« ({times})",
    "change_plenary_moved": "Plenum verschoben: »{title}« jetzt um {new_time} (statt {old_time})",
    "announce_plenary_moved": "Plenum verschoben: »{title}« jetzt um {new_time}",
    "change_plenary_cancelled": "Plenum entfällt: »{title}« (war um {old_time})",
    "announce_plenary_cancelled": "Plenum entfällt: »{title}«",
    "change_plenary_new": "Neues Plenum: »{title}« um {new_time}",
    "announce_plenary_new": "Neues Plenum: »{title}« um {new_time}",
    "announce_unscheduled_final": "Entfällt heute: »{title}« (war um {old_time})",
    "change_history_kept": "Aus der Datei gelöscht, lief aber schon: »{title}« ({new_time} in "
    "{new_room}) bleibt im Plan, wie sie stattfand",
    "nobody": "niemand",
    "change_room_changed_all": "Raumwechsel für alle Teile: »{title}« jetzt in {new_room} "
    "(vorher {old_room})",
    "announce_room_changed_all": "Anderer Raum für alle Teile: »{title}« jetzt in {new_room}",
}
