"""A cache for what the public pages compute from the whole catalogue, always correct.

Entries are keyed by the catalogue version (`catalogue_version()`), a number in one database row
that triggers change, in the same transaction, with every write to a table the public pages
show (migration practices/0006). A page reads the version first (one tiny query) and looks its
entries up under it: an entry made before a write is never read after the write commits, in any
process or gunicorn worker, so each worker can keep its entries in its own memory (the
"catalogue" cache, a LocMemCache: no network round trip) and nothing is ever stale.

The new version is random, not the old one plus one: a write that is rolled back (an import's dry
run, a test) can never leave entries behind under a number that a later write hands out again.
Entries of older versions are never read again; they age out (`TIMEOUT`, `MAX_ENTRIES`).

What is cached: the vocabularies (`load_vocabularies`), the facet counts of each combination of
filters (`compute_facets`), the rendered filter panel and the body of a practice page; see the
callers of `cached`.

The triggers this relies on (migration 0006) set a new random version in
`practices_catalogue_version` after every write to a table the public pages show (practices,
their relation and child tables, vocabularies, regions, organisations): on PostgreSQL the
statement-level `<table>_catalogue_version` (INSERT, UPDATE, DELETE, TRUNCATE), calling
`practices_bump_catalogue_version()`; on SQLite the row triggers
`<table>_catalogue_version_insert`, `_update` and `_delete`.
"""

import datetime
import hashlib

from django.core.cache import caches
from django.db import connection
from django.utils.translation import get_language

from ..models import this_year

CACHE_ALIAS = "catalogue"
VERSION_TABLE = "practices_catalogue_version"
_MISSING = object()


def catalogue_version() -> int:
    """The catalogue's current version: changes with every write the public pages could show."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION_TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else 0


def catalogue_stamp() -> tuple[int, datetime.datetime | None]:
    """The catalogue's version and when it last changed (UTC), for HTTP validators."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, changed_at FROM {VERSION_TABLE} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    if not row:
        return 0, None
    version, changed_at = row
    if isinstance(changed_at, str):  # SQLite keeps CURRENT_TIMESTAMP as text, in UTC
        changed_at = datetime.datetime.fromisoformat(changed_at).replace(tzinfo=datetime.UTC)
    return version, changed_at


def cache_key(version: int, *parts) -> str:
    """A short key for `parts` under `version`, the current year (which decides "ongoing") and
    the active language (entries hold names and rendered text in it)."""
    text = repr((version, this_year(), get_language(), parts))
    return "catalogue:" + hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


def cached(version: int | None, parts: tuple, compute):
    """`compute()`, remembered under the catalogue version; `version=None` computes afresh."""
    if version is None:
        return compute()
    cache = caches[CACHE_ALIAS]
    key = cache_key(version, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value)
    return value


def clear():
    caches[CACHE_ALIAS].clear()
