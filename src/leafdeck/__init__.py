"""leafdeck: patient leaflets and talk decks from one validated knowledge base."""

__version__ = "0.1.0"
