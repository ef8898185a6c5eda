"""Facet counts the database keeps ready (PostgreSQL, migration 0008), and which a page can use.

The table `practices_facet_count` holds, for every published practice, its contribution to each
facet option over the whole catalogue (base '') and over the practices that have one given value
of one facet (base 'theme=12', 'country=ES', 'kind=programme', ...), kept exact by triggers in the
writing transaction. A facet's options are counted over "every active filter but the facet's
own": when that leaves no filter, or one filter with one value, its counts are read from the
table, not counted; anything else (a search, two filters, two values of one filter, years, an
organisation) is counted live by practices.facets. SQLite has no such table and counts live.
"""

from contextlib import contextmanager

from django.db import connection, transaction

TABLE = "practices_facet_count"
# The filters whose single value can be a stored base (not "ongoing or completed": that is a
# range of end years, and not the search, the start years or the organisation).
STORED_FILTERS = (
    *("region", "country", "target_group", "theme", "funding"),
    *("kind", "level", "evidence"),
)


def available() -> bool:
    return connection.vendor == "postgresql"


def base_key(filterset, leaving_out=()) -> str | None:
    """The stored base that equals "the practices passing every active filter of `filterset` but
    those in `leaving_out`", or None when no stored base does."""
    if not (available() and filterset.covers_catalogue):
        return None
    active = [name for name in filterset.active_filters() if name not in leaving_out]
    if not active:
        return ""
    if len(active) > 1 or active[0] not in STORED_FILTERS:
        return None
    name = active[0]
    values = filterset.cleaned_data[name]
    if len(values) != 1:
        return None  # two themes are "either": their counts cannot be summed from the table
    value = values[0]
    if name in ("region", "target_group", "theme", "funding"):
        value = filterset.vocabularies.by_slug[name][value].id
    return f"{name}={value}"


def branch_sql(bases) -> tuple[str, list]:
    """A SELECT of (base + '|' + facet, value, count) rows of the given bases, for a UNION ALL."""
    return (
        f"SELECT base || '|' || facet, value, n FROM {TABLE} "  # noqa: S608 - a constant name
        "WHERE base = ANY(%s) AND n > 0",
        [sorted(bases)],
    )


@contextmanager
def deferred():
    """For bulk loads: the triggers skip the counts for the rest of the transaction, and the
    counts are rebuilt once at the end if anything changed (one pass over the catalogue rather
    than one per statement). On an exception the transaction rolls back, counts and all."""
    if not available():
        yield
        return
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("deferred() needs a transaction.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('practices.facet_counts', 'deferred', true)")
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('practices.facet_counts', '', true), "
            "current_setting('practices.facet_counts_stale', true)"
        )
        if cursor.fetchone()[1] == "on":  # a trigger skipped a change
            cursor.execute("SELECT practices_rebuild_facet_counts()")
            cursor.execute("SELECT set_config('practices.facet_counts_stale', '', true)")


def rebuild():
    """Recount everything from the practices (the triggers make this unnecessary but for repair)."""
    if available():
        with connection.cursor() as cursor:
            cursor.execute("SELECT practices_rebuild_facet_counts()")
