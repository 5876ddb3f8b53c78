"""``python -m leafdeck``."""

import gc

from leafdeck import GC_THRESHOLDS

gc.set_threshold(*GC_THRESHOLDS)  # as cli.quieter_gc does, but before the imports, which build most objects

from leafdeck.cli import run  # noqa: E402

run()
