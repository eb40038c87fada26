"""Allow ``python -m opensozial``."""

from opensozial.cli import main

main()
