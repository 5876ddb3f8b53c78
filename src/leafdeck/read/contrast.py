"""Colour contrast per WCAG 2 (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): the ratio
between two ``#RRGGBB`` colours, and the minimum text must reach (``MIN_CONTRAST``, 4.5:1)."""

from __future__ import annotations

MIN_CONTRAST = 4.5


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio between two ``#RRGGBB`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
