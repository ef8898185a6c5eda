"""The facet planner: which counts the database keeps ready a page can read, and how the rest is
counted (live, or by complement for a broad search).

The table `practices_facet_count` holds, for every published practice, its contribution to each
facet option over the whole catalogue (base '') and over the practices that have one given value
of one facet (base 'theme=12', 'country=ES', 'kind=programme', ...), kept exact by triggers in the
writing transaction, on PostgreSQL and SQLite alike. A facet's options are counted over "every
active filter but the facet's own": when that leaves no filter, or one filter with one value,
its counts are read from the table, not counted; anything else (a search, two filters, two
values of one filter, years, an organisation) is counted live by practices.browse.facets.

The planner receives a `filters.Selection` (the request's conditions, worked out once) and never
calls back into the filters.

The triggers this relies on, PostgreSQL (migration 0008):
- `practices_facet_member`: one row per (published practice, facet, value) it counts towards,
  and `practices_facet_count`: per base, facet and value, the number of practices; both kept by
  `practices_refresh_facet_counts(ids)`, which the statement-level triggers on practices_practice
  and its relation tables (`practices_facets_after_practice_change`, `..._after_link_change`)
  and on region country changes (`..._after_region_change`) call; TRUNCATE empties both.
- `practices_rebuild_facet_counts()`: everything recounted (`rebuild`, and `deferred` loads).
- The setting `practices.facet_counts = 'deferred'` makes the triggers only note that the counts
  are stale (`practices.facet_counts_stale`), for bulk loads (`deferred`).

SQLite (migration 0020): the same two tables; row triggers on the same tables queue a practice's
id in `practices_facet_refresh`, whose trigger `practices_facet_refresh_apply` refreshes it; the
views `practices_facet_member_source` and `practices_facet_count_source` are a rebuild's rows.
`deferred` drops the queueing triggers (`%_facet_counts_%`) for a bulk load and rebuilds once.
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction

from ..database import is_postgresql
from ..models import Practice
from .search import search_rows
from .vocabularies import STORED_FILTERS

TABLE = "practices_facet_count"


def available() -> bool:
    """Whether pages read the stored counts: always (both databases keep them); a test turns
    this off to compare them with counting live."""
    return True


def base_key(selection, leaving_out=()) -> str | None:
    """The stored base that equals "the practices passing every active filter of `selection` but
    those in `leaving_out`", or None when no stored base does. (Not "ongoing or completed": that
    is a range of end years; not the search, the start years or the organisation.)"""
    if not (available() and selection.covers_catalogue):
        return None
    active = [name for name in selection.narrowing if name not in leaving_out]
    if not active:
        return ""
    if len(active) > 1 or active[0] not in STORED_FILTERS:
        return None
    name = active[0]
    values = selection.selected[name]
    if len(values) != 1:
        return None  # two themes are "either": their counts cannot be summed from the table
    value = values[0]
    if name in selection.vocabularies.by_slug:
        value = selection.vocabularies.by_slug[name][value].id
    return f"{name}={value}"


# A search the planner expects to match more than this share of the published practices has its
# facets counted by complement: the stored counts without the search, minus those of the
# practices it does NOT match: a common word counts the few practices it misses, not the many it
# matches.
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


def plan(selection, facets) -> Plan:
    result = Plan()
    for name in facets:
        key = base_key(selection, (name,))
        if key is not None:
            result.stored[name] = key
    total = base_key(selection)
    if total is not None:
        result.total = (total, False)
        return result
    if not selection.is_active("q"):
        return result
    candidates = {
        name: key
        for name in facets
        if name not in result.stored and (key := base_key(selection, (name, "q"))) is not None
    }
    total = base_key(selection, ("q",))
    if not (candidates or total is not None):
        return result
    if search_is_broad(selection):
        result.complement = candidates
        if total is not None:
            result.total = (total, True)
    elif selection.searches_alone:
        result.from_matches = True
    return result


def search_is_broad(selection) -> bool:
    """Whether the search matches more than BROAD_SEARCH of the published practices: the
    planner's estimate (one EXPLAIN, planning only) while the search table's statistics are
    fresh. After a bulk write they may describe other rows (a broad search then counted from its
    matches takes seconds), so then its matches are counted, up to the threshold: in the same
    second statement, whose count PostgreSQL runs only when the statistics are stale. SQLite
    keeps no such statistics: its matches are counted up to the threshold."""
    published = Practice.objects.published().order_by().values("pk")
    matching = published.filter(selection.conditions["q"])
    if not is_postgresql():
        everything = published.count()
        threshold = max(1, int(everything * BROAD_SEARCH) + 1)
        return everything > 0 and matching[:threshold].count() >= threshold
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
            plans = explained[0]["Plan"]["Plans"]
            matched, everything = (branch["Plan Rows"] for branch in plans)
        except (KeyError, ValueError, TypeError):
            return False  # an unexpected plan shape: count directly, as for a narrow search
        if everything <= 0:
            return False
        threshold = max(1, int(everything * BROAD_SEARCH) + 1)
        bounded_sql, bounded_params = matching[:threshold].query.sql_with_params()
        cursor.execute(
            f"SELECT CASE WHEN ({STALE_STATISTICS_SQL}) "  # noqa: S608 - constants and Django's
            f"THEN (SELECT count(*) FROM ({bounded_sql}) AS matching) END",
            (STALE_SHARE, *bounded_params),
        )
        counted = cursor.fetchone()[0]
    if counted is not None:
        return counted >= threshold
    return matched / everything > BROAD_SEARCH


# Whether more than STALE_SHARE of the search table's rows changed since it was last analysed
# (by autovacuum, or database.analyze_catalogue after a bulk write): its statistics may mislead.
STALE_SHARE = 0.1
STALE_STATISTICS_SQL = (
    "SELECT coalesce(bool_or(n_mod_since_analyze > %s * greatest(n_live_tup, 1000) "
    "OR (last_analyze IS NULL AND last_autoanalyze IS NULL)), true) "
    "FROM pg_stat_user_tables WHERE relid = 'practices_search'::regclass"
)


def matches(selection):
    """The ids of the practices a search alone matches (`Plan.from_matches`): on PostgreSQL
    from the search table alone."""
    if is_postgresql():
        return search_rows(selection.search).values("practice_id")
    return selection.without().values("pk")


def not_matching(selection, *leaving_out):
    """The ids of the published practices that pass every active filter but the search and
    those in `leaving_out`, and that the search does not match: a broad search's facets are
    the stored counts minus theirs. With no other filter left, from the search table alone."""
    others = [name for name in selection.narrowing if name not in (*leaving_out, "q")]
    if not others and selection.covers_catalogue and is_postgresql():
        return search_rows(selection.search, matching=False).values("practice_id")
    return selection.without(*leaving_out, "q").exclude(selection.conditions["q"]).values("pk")


def branch_sql(bases) -> tuple[str, list]:
    """A SELECT of (base + '|' + facet, value, count) rows of the given bases, for a UNION ALL."""
    bases = sorted(bases)
    return (
        f"SELECT base || '|' || facet, value, n FROM {TABLE} "  # noqa: S608 - constants
        f"WHERE base IN ({', '.join(['%s'] * len(bases))}) AND n > 0",
        bases,
    )


def member_branch_sql(label, practices) -> tuple[str, list]:
    """A SELECT of ("label|facet", value, count) rows, for a UNION ALL: the options of the
    `practices` (a queryset of ids) from the member table (migration 0008), in the stored
    counts' form: one join for every facet, where counting live joins each relation table and
    the practices (see the README's performance section)."""
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
    than one per statement, or per row on SQLite). On an exception the transaction rolls back,
    counts and all."""
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("deferred() needs a transaction.")
    if not is_postgresql():
        with _sqlite_triggers_dropped():
            yield
        return
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


@contextmanager
def _sqlite_triggers_dropped():
    """SQLite: the queueing triggers dropped for the block, then the counts rebuilt if a
    practice or a relation changed meanwhile (SQLite's change counter), and the triggers
    restored, in the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND name GLOB '*_facet_counts_*'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute("SELECT total_changes()")
        changes_before = cursor.fetchone()[0]
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        if cursor.fetchone()[0] != changes_before:
            _rebuild_sqlite(cursor)
        for _name, sql in triggers:
            cursor.execute(sql)


def rebuild():
    """Recount everything from the practices (the triggers make this unnecessary but for repair)."""
    with connection.cursor() as cursor:
        if is_postgresql():
            cursor.execute("SELECT practices_rebuild_facet_counts()")
        else:
            _rebuild_sqlite(cursor)


def _rebuild_sqlite(cursor):
    for sql in (
        "DELETE FROM practices_facet_member",
        "DELETE FROM practices_facet_count",
        "INSERT INTO practices_facet_member SELECT * FROM practices_facet_member_source",
        "INSERT INTO practices_facet_count SELECT * FROM practices_facet_count_source",
    ):
        cursor.execute(sql)
