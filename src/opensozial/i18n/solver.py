"""Texts of the solver's quality statements (the proven bound on conflicts)."""

EN = {
    "certified_optimal": "{conflicts} conflicts — proven optimal{scope}"
                         " (at least {bound} unavoidable)",
    "certified_gap": "{conflicts} conflicts — at most {gap} % above the best possible{scope}"
                     " (at least {bound} unavoidable)",
    "certified_scope": " among all grids with at most {waiting} sessions waiting",
}

DE = {
    "certified_optimal": "{conflicts} Konflikte — nachweislich optimal{scope}"
                         " (mindestens {bound} unvermeidbar)",
    "certified_gap": "{conflicts} Konflikte — höchstens {gap} % über dem bestmöglichen{scope}"
                     " (mindestens {bound} unvermeidbar)",
    "certified_scope": " unter allen Plänen, in denen höchstens {waiting} Sessions warten",
}
