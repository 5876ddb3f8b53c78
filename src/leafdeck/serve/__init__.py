"""``leafdeck serve``: the brand kit for clinic staff, a local web application (issue 21)."""
