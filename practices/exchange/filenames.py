"""The names of downloaded files: what the list holds and the day, e.g.
`earlall-practices-neets-spain-2026-12-03.csv`. Short, lower-case ASCII with hyphens, so they are
safe on every file system; the same for every export of a filtered list (CSV, JSON Lines, charts).
"""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import override

from regions.models import country_name

from ..browse.search import fold

PREFIX = "earlall-practices"
MAX_FILTER_LENGTH = 60  # characters of the name that describe the filters
# What a person names a list by first: its words and its people, then where, then the rest.
ORDER = ("q", "target_group", "theme", "funding", "country", "region", "organisation")


def describe(cleaned: dict) -> str:
    """The filters of a list as a slug: the search's words, the chosen terms' slugs, countries
    by their English names, then kinds, statuses and years, in the address's order."""
    parts = []
    for name in sorted(cleaned, key=lambda name: ORDER.index(name) if name in ORDER else 99):
        value = cleaned[name]
        if value in ([], None, "") or name == "sort":
            continue
        if name == "q":
            parts.append(slugify(fold(value)))
        elif name == "country":
            with override("en"):
                parts.extend(slugify(fold(country_name(code))) for code in value)
        elif name == "start_from":
            parts.append(f"from-{value}")
        elif name == "start_to":
            parts.append(f"to-{value}")
        else:
            parts.extend(slugify(str(item)) for item in value)
    parts = [part for part in parts if part]
    text = ""
    for part in parts:  # whole parts only, as many as fit
        if len(text) + len(part) + 1 > MAX_FILTER_LENGTH:
            break
        text = f"{text}-{part}" if text else part
    if parts and not text:  # a first part longer than the limit, such as a long search: cut it
        text = parts[0][:MAX_FILTER_LENGTH].strip("-")
    return text


def export_filename(
    cleaned: dict | None = None, *, extension: str, day=None, what: str = ""
) -> str:
    """`earlall-practices[-<what>][-<filters>]-<day>.<extension>` for a list with these cleaned
    filters; `what` names a part of it, such as the overview's map."""
    day: datetime.date = day or timezone.localdate()
    filters = describe(cleaned or {})
    parts = (PREFIX, what, filters, day.isoformat())
    return "-".join(part for part in parts if part) + f".{extension}"
