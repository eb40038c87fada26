"""The QR code to the live board, for the printed sheets and the board page itself.

Inline SVG (nothing to fetch), black on white for any printer and projector, and with
the address as its text alternative: a screen reader reads it, and a person who cannot
scan can type it.
"""

from __future__ import annotations

import segno
from markupsafe import Markup, escape


def qr_svg(url: str) -> Markup:
    """The QR code for ``url`` as inline SVG, with the address as its text alternative.

    The viewBox lets CSS give the code any size (a door sheet in mm, the board in em)
    without cutting it off.
    """
    code = segno.make(url, error="m")
    width, height = code.symbol_size(scale=1, border=2)
    svg = code.svg_inline(scale=1, dark="#000000", light="#ffffff", border=2, title=url)
    attributes = f'role="img" aria-label="{escape(url)}" viewBox="0 0 {width} {height}" '
    return Markup(svg.replace("<svg ", "<svg " + attributes, 1))
