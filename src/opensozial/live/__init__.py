"""Live mode during the event: re-plan on every save, show it in the terminal and on a board.

``state`` keeps the last good plan (and the last error) between saves, ``watcher`` turns
file saves into re-plans, ``view`` draws the terminal screen, ``board`` and ``server``
publish the board page. Nothing here reads the clock: the CLI hands a clock in.
"""
