"""Time qualifiers: explicit dates and relative ones resolved against the article's date."""
from __future__ import annotations

import pytest

from newsgraph.when import resolve

ANCHOR = "2024-02-01"  # a Thursday


@pytest.mark.parametrize("text, anchor, expected", [
    ("in 2012", None, "2012"),
    ("since 2016", ANCHOR, "2016"),
    ("2024-02-01", None, "2024-02-01"),
    ("on March 30, 2021", None, "2021-03-30"),
    ("on 30 March 2021", None, "2021-03-30"),
    ("in November 2021", None, "2021-11"),
    ("in March", ANCHOR, "2024-03"),
    ("in March", None, None),
    ("On the morning of May 20", ANCHOR, "2024-05-20"),
    ("last year", ANCHOR, "2023"),
    ("next year", ANCHOR, "2025"),
    ("three years ago", ANCHOR, "2021"),
    ("yesterday", ANCHOR, "2024-01-31"),
    ("on Tuesday", ANCHOR, "2024-01-30"),
    ("in 6 months", ANCHOR, None),
    ("he may leave", ANCHOR, None),
    ("nothing here", ANCHOR, None),
])
def test_resolve(text, anchor, expected):
    assert resolve(text, anchor) == expected
