"""Texts of the phones' pages (participation and admin) and of the phones' database."""

EN = {
    "phones_db_unreadable": "The phones' database {path} cannot be opened ({reason}). If its "
    "folder is read-only, copy the event file to a folder you may write to. If the file is "
    "damaged, move it away (the votes in it are then not counted) and start again.",
    "serve_log_unwritable": "The server's log {path} cannot be written ({reason}). Copy the event "
    "file to a folder you may write to, and start 'opensozial serve' there.",
    "serve_join": "Vote and pitch on your phone: {url}",
    "serve_admin": "Admin page (keep it to yourself: it shows names and closes voting): {url}",
    "serve_log": "Requests and errors are logged to {path}",
    "p_title": "{name}: take part",
    "p_lead": "Tick the sessions you want to attend. The plan keeps them apart where it can.",
    "p_name": "Your name (first name and initial is enough)",
    "p_name_hint": "Shown to nobody but the organisers; used to keep your sessions apart.",
    "p_join": "Continue",
    "p_name_missing": "Please enter your name.",
    "p_name_taken": "The name “{name}” is already taken on another phone. If that is you, vote "
    "on that "
    "phone. Otherwise add something that tells you apart, e.g. “{name} B.” or “{name} (Kassel)”.",
    "p_hello": "Hello {name}.",
    "p_choose": "Sessions I want to attend",
    "p_save": "Save my choice",
    "p_saved": "Saved: {count} sessions chosen.",
    "p_voting_closed": "Voting is closed. Your choice was counted.",
    "p_no_sessions": "No sessions yet: they are pitched now. Reload this page in a moment.",
    "p_by": "with {hosts}",
    "p_length": "{length} slots",
    "p_your_day": "Your day",
    "p_yours": "your choice",
    "p_hosting": "you host",
    "p_plan": "The plan",
    "p_no_plan_yet": "The plan is made when voting closes.",
    "p_starting": "The server is just starting. Please tap again in a moment.",
    "p_planning": "Voting is closed and the plan is being made. Reload this page in a few seconds.",
    "p_calendar": "Download my sessions as a calendar (.ics)",
    "p_board": "The whole plan (board)",
    "p_forget": "Delete my name and votes",
    "p_forget_hint": "Deletes your name and all your votes from this laptop now.",
    "p_forgotten": "Your name and votes are deleted.",
    "p_pitch": "Pitch a session",
    "p_pitch_title": "Title",
    "p_pitch_hosts": "Host(s), separated by commas",
    "p_pitch_description": "Description (optional)",
    "p_pitch_length": "Length in slots",
    "p_pitch_needs": "Needs",
    "p_pitch_send": "Pitch it",
    "p_pitched": "Pitched: “{title}”.",
    "p_pitch_missing": "A pitch needs a title and a host.",
    "p_pitch_limit": "You pitched {limit} sessions in the last minutes. Please wait a few "
    "minutes, or ask "
    "the organisers.",
    "p_pitch_too_long": "No room and time can take this length or these needs. Choose fewer "
    "slots or needs.",
    "p_bad_request": "This request could not be read. Reload the page and try again.",
    "p_too_large": "That was too much text. Please shorten it.",
    "p_unknown_device": "This phone is not known (yet). Enter your name first.",
    "p_other_language": "Deutsch",
    "p_skip": "Skip to the sessions",
    "admin_title": "{name}: admin",
    "admin_denied": "Wrong or missing admin key. The full address of the admin page is shown in "
    "the "
    "terminal where 'opensozial serve' runs.",
    "admin_voting": "Voting",
    "admin_voting_open": "Voting is open: {people} people, {votes} votes.",
    "admin_voting_closed": "Voting is closed: {people} people, {votes} votes.",
    "admin_close": "Close voting and plan",
    "admin_reopen": "Open voting again",
    "admin_closed_now": "Voting closed. The plan is being made; the board updates within seconds.",
    "admin_reopened": "Voting is open again. Votes count at the next re-plan.",
    "admin_replan": "Re-plan now",
    "admin_replanning": "Re-planning; the board updates within seconds.",
    "admin_pitching": "Pitching from phones",
    "admin_pitching_is_open": "Participants may pitch sessions on their phones.",
    "admin_pitching_is_closed": "Only this page can pitch sessions.",
    "admin_open_pitching": "Let participants pitch",
    "admin_close_pitching": "Stop pitching from phones",
    "admin_pitches": "Pitched sessions",
    "admin_no_pitches": "None yet.",
    "admin_hide": "Hide (spam)",
    "admin_show": "Show again",
    "admin_hidden": "hidden",
    "admin_hid": "“{title}” is hidden: no phone shows it, no plan counts it.",
    "admin_unhid": "“{title}” is shown again.",
    "admin_in_file": "replaced by the event file",
    "admin_nowhere": "fits nowhere now",
    "admin_people": "People (personal data: do not project this page)",
    "admin_votes": "{count} votes",
    "admin_aside": "{count} votes are kept aside for sessions no longer in the event.",
    "admin_data": "The data lives in {path}. Delete that file after the event.",
}

DE = {
    "phones_db_unreadable": "Die Datenbank der Handys {path} lässt sich nicht öffnen ({reason}). "
    "Ist ihr Ordner schreibgeschützt, kopieren Sie die Veranstaltungsdatei in einen Ordner, in "
    "den Sie schreiben dürfen. Ist die Datei beschädigt, verschieben Sie sie (ihre Stimmen zählen "
    "dann nicht) und starten Sie neu.",
    "serve_log_unwritable": "Das Protokoll des Servers {path} lässt sich nicht schreiben "
    "({reason}). Kopieren Sie die Veranstaltungsdatei in einen Ordner, in den Sie schreiben "
    "dürfen, und starten Sie 'opensozial serve' dort.",
    "serve_join": "Abstimmen und Sessions vorschlagen auf dem Handy: {url}",
    "serve_admin": "Verwaltungsseite (nur für Sie: sie zeigt Namen und beendet die Abstimmung): "
    "{url}",
    "serve_log": "Anfragen und Fehler stehen in {path}",
    "p_title": "{name}: mitmachen",
    "p_lead": "Kreuzen Sie die Sessions an, die Sie besuchen möchten. Der Plan legt sie "
    "möglichst nicht "
    "gleichzeitig.",
    "p_name": "Ihr Name (Vorname und Initial genügen)",
    "p_name_hint": "Nur das Orga-Team sieht ihn; er hält Ihre Sessions auseinander.",
    "p_join": "Weiter",
    "p_name_missing": "Bitte geben Sie Ihren Namen ein.",
    "p_name_taken": "Der Name »{name}« ist schon auf einem anderen Handy vergeben. Sind Sie das, "
    "stimmen "
    "Sie dort ab. Sonst ergänzen Sie etwas, das Sie unterscheidet, z. B. »{name} B.« oder "
    "»{name} (Kassel)«.",
    "p_hello": "Hallo {name}.",
    "p_choose": "Sessions, die ich besuchen möchte",
    "p_save": "Auswahl speichern",
    "p_saved": "Gespeichert: {count} Sessions gewählt.",
    "p_voting_closed": "Die Abstimmung ist beendet. Ihre Auswahl wurde gezählt.",
    "p_no_sessions": "Noch keine Sessions: sie werden gerade vorgestellt. Laden Sie die Seite "
    "gleich neu.",
    "p_by": "mit {hosts}",
    "p_length": "{length} Slots",
    "p_your_day": "Ihr Tag",
    "p_yours": "Ihre Wahl",
    "p_hosting": "Sie leiten",
    "p_plan": "Der Plan",
    "p_no_plan_yet": "Der Plan entsteht, wenn die Abstimmung endet.",
    "p_starting": "Der Server startet gerade. Bitte tippen Sie gleich noch einmal.",
    "p_planning": "Die Abstimmung ist beendet, der Plan entsteht gerade. Laden Sie die Seite in "
    "ein paar "
    "Sekunden neu.",
    "p_calendar": "Meine Sessions als Kalender laden (.ics)",
    "p_board": "Der ganze Plan (Tafel)",
    "p_forget": "Meinen Namen und meine Stimmen löschen",
    "p_forget_hint": "Löscht Ihren Namen und alle Ihre Stimmen sofort von diesem Laptop.",
    "p_forgotten": "Ihr Name und Ihre Stimmen sind gelöscht.",
    "p_pitch": "Session vorschlagen",
    "p_pitch_title": "Titel",
    "p_pitch_hosts": "Leitung (mehrere durch Kommas getrennt)",
    "p_pitch_description": "Beschreibung (optional)",
    "p_pitch_length": "Länge in Slots",
    "p_pitch_needs": "Braucht",
    "p_pitch_send": "Vorschlagen",
    "p_pitched": "Vorgeschlagen: »{title}«.",
    "p_pitch_missing": "Ein Vorschlag braucht einen Titel und eine Leitung.",
    "p_pitch_limit": "Sie haben in den letzten Minuten {limit} Sessions vorgeschlagen. Bitte "
    "warten Sie "
    "ein paar Minuten oder fragen Sie das Orga-Team.",
    "p_pitch_too_long": "Kein Raum und keine Zeit passt zu dieser Länge oder Ausstattung. Wählen "
    "Sie "
    "weniger Slots oder weniger Ausstattung.",
    "p_bad_request": "Diese Anfrage ließ sich nicht lesen. Laden Sie die Seite neu und versuchen "
    "Sie es "
    "noch einmal.",
    "p_too_large": "Das war zu viel Text. Bitte kürzen Sie ihn.",
    "p_unknown_device": "Dieses Handy ist (noch) nicht bekannt. Geben Sie zuerst Ihren Namen ein.",
    "p_other_language": "English",
    "p_skip": "Zu den Sessions springen",
    "admin_title": "{name}: Verwaltung",
    "admin_denied": "Falscher oder fehlender Verwaltungsschlüssel. Die vollständige Adresse der "
    "Verwaltungsseite steht im Terminal, in dem 'opensozial serve' läuft.",
    "admin_voting": "Abstimmung",
    "admin_voting_open": "Die Abstimmung läuft: {people} Personen, {votes} Stimmen.",
    "admin_voting_closed": "Die Abstimmung ist beendet: {people} Personen, {votes} Stimmen.",
    "admin_close": "Abstimmung beenden und planen",
    "admin_reopen": "Abstimmung wieder öffnen",
    "admin_closed_now": "Abstimmung beendet. Der Plan entsteht; die Tafel zeigt ihn in wenigen "
    "Sekunden.",
    "admin_reopened": "Die Abstimmung ist wieder offen. Stimmen zählen beim nächsten Neuplanen.",
    "admin_replan": "Jetzt neu planen",
    "admin_replanning": "Wird neu geplant; die Tafel zeigt es in wenigen Sekunden.",
    "admin_pitching": "Vorschläge von Handys",
    "admin_pitching_is_open": "Alle dürfen auf ihren Handys Sessions vorschlagen.",
    "admin_pitching_is_closed": "Nur diese Seite kann Sessions eintragen.",
    "admin_open_pitching": "Vorschläge von Handys erlauben",
    "admin_close_pitching": "Vorschläge von Handys beenden",
    "admin_pitches": "Vorgeschlagene Sessions",
    "admin_no_pitches": "Noch keine.",
    "admin_hide": "Ausblenden (Spam)",
    "admin_show": "Wieder zeigen",
    "admin_hidden": "ausgeblendet",
    "admin_hid": "»{title}« ist ausgeblendet: kein Handy zeigt es, kein Plan zählt es.",
    "admin_unhid": "»{title}« wird wieder gezeigt.",
    "admin_in_file": "durch die Veranstaltungsdatei ersetzt",
    "admin_nowhere": "passt derzeit nirgends",
    "admin_people": "Personen (personenbezogene Daten: diese Seite nicht projizieren)",
    "admin_votes": "{count} Stimmen",
    "admin_aside": "{count} Stimmen für Sessions, die nicht mehr in der Veranstaltung sind, werden "
    "beiseitegelegt (nicht gezählt, nicht gelöscht).",
    "admin_data": "Die Daten liegen in {path}. Löschen Sie diese Datei nach der Veranstaltung.",
}
