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


def shown_percent(value: float, lang: str) -> str:
    """A percentage to one decimal, with a decimal comma in German."""
    text = f"{value:.1f}"
    return text.replace(".", ",") if lang == "de" else text


def rounded_up(value: float) -> float:
    """``value`` rounded *up* to a tenth: "at most 1.3 %" must never claim less than is true."""
    return math.ceil(10 * value - 1e-9) / 10


def gap_percent(conflicts: int, bound: int) -> float:
    """How far above the best possible ``conflicts`` can at most be, in percent, rounded up
    to a tenth."""
    return rounded_up(100 * (conflicts - bound) / bound)


def conflicts_sentence(plan: Plan, lang: str) -> str:
    m = plan.metrics
    bound = plan.conflicts_bound
    waiting = m.unscheduled_sessions
    scope = t("certified_scope", lang, waiting=waiting) if waiting else ""
    if bound and bound >= m.conflicts:
        return t("certified_optimal", lang, conflicts=m.conflicts, bound=bound, scope=scope)
    if bound:
        return t("certified_gap", lang, conflicts=m.conflicts, bound=bound, scope=scope,
                 gap=shown_percent(gap_percent(m.conflicts, bound), lang))
    return t("conflicts_line", lang, conflicts=m.conflicts)
