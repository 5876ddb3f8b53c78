"""leafdeck: patient leaflets and talk decks from one validated knowledge base."""

__version__ = "0.1.0"

GC_THRESHOLDS = (50_000, 50, 100)
"""Python's cyclic collector's thresholds for a command (``cli.quieter_gc``): new objects before a
young collection, young collections before a middle one, middle ones before a full one (Python's
defaults: 700, 10, 10)."""
