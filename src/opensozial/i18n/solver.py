"""Texts of the solver's quality statements (the proven bound on conflicts)."""

EN = {
    "conflicts_bound_line": "{conflicts} conflicts (at least {bound} unavoidable)",
}

DE = {
    "conflicts_bound_line": "{conflicts} Konflikte (mindestens {bound} unvermeidbar)",
}
