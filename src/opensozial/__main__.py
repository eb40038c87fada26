"""Allow ``python -m opensozial``.

Loading the command line takes a moment; Ctrl-C or SIGTERM in that moment ends it as
quietly as later on (exit 130), not with an import traceback.
"""

import sys

from opensozial import interrupt

interrupt.install()  # SIGTERM interrupts like Ctrl-C, from the first moment on
try:
    from opensozial.cli import main
except (KeyboardInterrupt, ImportError) as exc:
    # A C extension interrupted while it loads reports an ImportError caused by the interrupt.
    if isinstance(exc, KeyboardInterrupt) or isinstance(exc.__cause__, KeyboardInterrupt):
        sys.exit(130)
    raise

if __name__ == "__main__":  # not when a worker process imports this module
    main()
