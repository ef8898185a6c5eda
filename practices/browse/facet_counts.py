"""Facet counts the database keeps ready (PostgreSQL, migration 0008), and which a page can use.

The table `practices_facet_count` holds, for every published practice, its contribution to each
facet option over the whole catalogue (base '') and over the practices that have one given value
of one facet (base 'theme=12', 'country=ES', 'kind=programme', ...), kept exact by triggers in the
writing transaction. A facet's options are counted over "every active filter but the facet's
own": when that leaves no filter, or one filter with one value, its counts are read from the
table, not counted; anything else (a search, two filters, two values of one filter, years, an
organisation) is counted live by practices.browse.facets. SQLite has no such table and counts live.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction

from ..models import Practice

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
    active = [name for name in filterset.narrowing_filters if name not in leaving_out]
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


# A search the planner expects to match more than this share of the published practices has its
# facets counted by complement: the stored counts without the search, minus those of the
# practices it does NOT match. "employment" matches 98% of the synthetic catalogue: counting 1,400
# practices instead of 89,000.
BROAD_SEARCH = 0.5


@dataclass
class Plan:
    """Where each facet's counts, and the total, come from; facets in neither dict are counted
    live. `complement` facets: the stored base minus the member rows (see member_branch_sql) of
    the base's practices that the search does not match. `total`: (stored base, by
    complement?), or None to count it live. `from_matches`: a narrow search with no other filter,
    every facet and the total counted from the member rows of the practices it matches."""

    stored: dict[str, str] = field(default_factory=dict)
    complement: dict[str, str] = field(default_factory=dict)
    total: tuple[str, bool] | None = None
    from_matches: bool = False


def plan(filterset, facets) -> Plan:
    result = Plan()
    for name in facets:
        key = base_key(filterset, (name,))
        if key is not None:
            result.stored[name] = key
    total = base_key(filterset)
    if total is not None:
        result.total = (total, False)
        return result
    if "q" not in filterset.narrowing_filters:
        return result
    candidates = {
        name: key
        for name in facets
        if name not in result.stored and (key := base_key(filterset, (name, "q"))) is not None
    }
    total = base_key(filterset, ("q",))
    if not (candidates or total is not None):
        return result
    if search_is_broad(filterset):
        result.complement = candidates
        if total is not None:
            result.total = (total, True)
    elif filterset.searches_alone:
        result.from_matches = True
    return result


def search_is_broad(filterset) -> bool:
    """Whether the planner expects the search to match more than BROAD_SEARCH of the published
    practices: one EXPLAIN (planning only) of the search beside all published practices."""
    published = Practice.objects.published().order_by().values("pk")
    matching = published.filter(filterset.condition("q", filterset.cleaned_data["q"]))
    (matching_sql, matching_params), (published_sql, published_params) = (
        qs.query.sql_with_params() for qs in (matching, published)
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) ({matching_sql}) UNION ALL ({published_sql})",
            (*matching_params, *published_params),
        )
        explained = cursor.fetchone()[0]
    try:
        if isinstance(explained, str):
            explained = json.loads(explained)
        matched, everything = (branch["Plan Rows"] for branch in explained[0]["Plan"]["Plans"])
    except (KeyError, ValueError, TypeError):
        return False  # an unexpected plan shape: count directly, as for a narrow search
    return everything > 0 and matched / everything > BROAD_SEARCH


def branch_sql(bases) -> tuple[str, list]:
    """A SELECT of (base + '|' + facet, value, count) rows of the given bases, for a UNION ALL."""
    return (
        f"SELECT base || '|' || facet, value, n FROM {TABLE} "  # noqa: S608 - a constant name
        "WHERE base = ANY(%s) AND n > 0",
        [sorted(bases)],
    )


def member_branch_sql(label, practices) -> tuple[str, list]:
    """A SELECT of ("label|facet", value, count) rows, for a UNION ALL: the options of the
    `practices` (a queryset of ids) from the member table (migration 0008), in the stored
    counts' form. One join for every facet, where counting live joins each relation table and
    the practices: for the 21,000 matches of "mentoring" at 100k, about 80 ms against 210."""
    try:
        sql, params = practices.query.sql_with_params()
    except EmptyResultSet:  # a filter no practice can pass
        sql, params = "SELECT NULL WHERE FALSE", ()
    return (
        f"SELECT '{label}|' || facet, value, COUNT(*) "  # noqa: S608 - constants and ORM SQL
        f"FROM practices_facet_member WHERE practice_id IN ({sql}) GROUP BY facet, value",
        list(params),
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
        cursor.execute("SELECT set_config('practices.browse.facet_counts', 'deferred', true)")
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('practices.browse.facet_counts', '', true), "
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
