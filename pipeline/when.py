"""Time expressions -> ISO values for qualifiers, relative ones resolved against the article's date.

``resolve("in March", "2024-02-01")`` is ``"2024-03"``; ``resolve("last year", "2024-02-01")``
is ``"2023"``; ``resolve("three years ago", None)`` is ``None`` (nothing to anchor it to).
Values are ISO 8601 prefixes: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "a": 1}
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
PATTERNS = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("mdy", re.compile(rf"\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I)),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\s+(?P<y>\d{{4}})\b", re.I)),
    ("my", re.compile(rf"\b{MONTH}\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.I)),
    ("y", re.compile(r"\b(?P<y>1[89]\d\d|20\d\d)\b")),
    ("md", re.compile(rf"\b{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("dm", re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b", re.I)),
    ("m", re.compile(rf"\b{MONTH}\b", re.I)),
    ("rel_year", re.compile(r"\b(?P<which>last|this|next|past)\s+year\b", re.I)),
    ("ago", re.compile(r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+years?\s+ago\b", re.I)),
    ("day", re.compile(r"\b(?P<which>today|yesterday|tomorrow)\b", re.I)),
    ("weekday", re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)),
]


def _anchor(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def resolve(text: str, anchor: str | None = None) -> str | None:
    """The first time expression in text, as an ISO value (None when absent or unanchored)."""
    base = _anchor(anchor)
    for kind, pattern in PATTERNS:
        m = pattern.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = MONTHS.get((g.get("month") or "").lower().rstrip(".")) if g.get("month") else None
        if kind in {"iso", "mdy", "dmy"}:
            y, mo, d = int(g["y"]), month or int(g.get("m") or 0), int(g["d"])
            try:
                return date(y, mo, d).isoformat()
            except ValueError:
                return f"{y:04d}"
        if kind == "my":
            return f"{int(g['y']):04d}-{month:02d}"
        if kind == "y":
            return g["y"]
        if base is None:
            return None
        if kind in {"md", "dm"}:
            try:
                return date(base.year, month, int(g["d"])).isoformat()
            except ValueError:
                return None
        if kind == "m":
            if g["month"].lower() == "may" and not m.group(0)[0].isupper():
                continue  # the verb 'may'
            return f"{base.year:04d}-{month:02d}"
        if kind == "rel_year":
            shift = {"last": -1, "past": -1, "this": 0, "next": 1}[g["which"].lower()]
            return f"{base.year + shift:04d}"
        if kind == "ago":
            n = int(g["n"]) if g["n"].isdigit() else NUMBERS[g["n"].lower()]
            return f"{base.year - n:04d}"
        if kind == "day":
            shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["which"].lower()]
            return (base + timedelta(days=shift)).isoformat()
        if kind == "weekday":
            back = (base.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
            return (base - timedelta(days=back)).isoformat()
    return None
