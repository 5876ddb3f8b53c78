"""``python -m leafdeck``."""

from leafdeck.cli import run

run()
