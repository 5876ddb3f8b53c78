"""Where the veins drawing lies in its own coordinates, and where its labels point (no reportlab).

In: nothing. Out: the drawing's coordinate space (units, y up), the point each part label aims
at, and which labels go on the reader's left. Shared by the leaflets' drawing (``diagram.py``)
and the slides' picture and labels (``render/deck/visuals.py``), which need no reportlab for them.
"""

from __future__ import annotations

ART_W, ART_H = 200.0, 270.0
"""The illustration's own coordinate space (y up); it is scaled to fit."""
TARGETS = ((81.0, 214.0), (54.0, 96.0), (146.0, 78.0), (127.0, 236.0))
"""Where each label points, in ``block.labels`` order: jugular vein, azygos vein, heart, balloon."""
LEFT = (0, 1)
"""Labels written left of the illustration (their parts are on the reader's left)."""
