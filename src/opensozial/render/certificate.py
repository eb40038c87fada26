"""The sentence that tells a facilitator how close the grid is to the best possible.

"148 Konflikte — nachweislich optimal" when the plan's conflicts meet the proven bound,
else "höchstens 1,3 % über dem bestmöglichen": the best possible grid has at least
``bound`` conflicts, so this grid is at most (conflicts − bound) / bound above it, and
the figure is rounded *up* so that the printed claim is never stronger than the proof.
Where sessions wait, the bound holds for grids leaving at most as many waiting, and the
sentence says so.
"""

from __future__ import annotations

import math

from opensozial.i18n import t
from opensozial.plan import Plan


def gap_percent(conflicts: int, bound: int) -> float:
    """How far above the best possible ``conflicts`` can at most be, in percent, rounded up
    to a tenth."""
    return math.ceil(1000 * (conflicts - bound) / bound - 1e-9) / 10


def conflicts_sentence(plan: Plan, lang: str) -> str:
    m = plan.metrics
    bound = plan.conflicts_bound
    waiting = m.unscheduled_sessions
    scope = t("certified_scope", lang, waiting=waiting) if waiting else ""
    if bound and bound >= m.conflicts:
        return t("certified_optimal", lang, conflicts=m.conflicts, bound=bound, scope=scope)
    if bound:
        gap = f"{gap_percent(m.conflicts, bound):.1f}"
        return t("certified_gap", lang, conflicts=m.conflicts, bound=bound, scope=scope,
                 gap=gap.replace(".", ",") if lang == "de" else gap)
    return t("conflicts_line", lang, conflicts=m.conflicts)
