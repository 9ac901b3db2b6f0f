"""Visible text: what a label or sentence may hold in every output format."""
from __future__ import annotations

import re

INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                       "\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")
"""Control, zero-width, bidirectional-override and non-character code points: not visible text,
not allowed in XML 1.0, and a way to make two labels look alike."""


def visible(text: str, one_line: bool = False) -> str:
    """Text with the invisible code points removed (and, for labels, on one line)."""
    text = INVISIBLE.sub("", text)
    return " ".join(text.split()) if one_line else text
