"""A broad search's facets are counted by complement even when the planner's statistics describe
other rows than the table holds, as after a bulk write (browse/facet_counts.search_is_broad),
and bulk writers leave fresh statistics (database.analyze_catalogue)."""

import pytest
from django.db import connection
from django.http import QueryDict

from practices.browse import facet_counts
from practices.browse.selectors import filter_practices
from practices.database import analyze_catalogue
from tests.factories import PracticeFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="planner statistics are PostgreSQL's"
    ),
    pytest.mark.django_db(transaction=True),
]


def flush_statistics():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_force_next_flush()")


def estimate_says_broad(selection) -> bool:
    """What the planner's estimate alone would decide."""
    published = filter_practices({}).qs.order_by().values("pk")
    matching = published.filter(selection.conditions["q"])
    with connection.cursor() as cursor:
        rows = []
        for queryset in (matching, published):
            sql, params = queryset.query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            rows.append(cursor.fetchone()[0][0]["Plan"]["Plan Rows"])
    return rows[0] / rows[1] > facet_counts.BROAD_SEARCH


def test_a_broad_search_is_counted_by_complement_after_a_bulk_load(db):
    # Statistics of a catalogue where "employment" is rare...
    PracticeFactory.create_batch(60, published=True, description="Guidance for young people.")
    analyze_catalogue()
    # ...then a bulk load where it is everywhere, not analysed yet.
    PracticeFactory.create_batch(
        400, published=True, description="Employment coaching and employment support."
    )
    flush_statistics()
    selection = filter_practices(QueryDict("q=employment")).selection
    assert not estimate_says_broad(selection), "the stale estimate should call it narrow"

    assert facet_counts.search_is_broad(selection)
    assert facet_counts.plan(selection, ["theme"]).complement

    # Once analysed (as every bulk writer now does), the estimate agrees on its own.
    analyze_catalogue()
    flush_statistics()
    assert estimate_says_broad(selection)
    assert facet_counts.search_is_broad(selection)


def test_a_narrow_search_stays_narrow_with_stale_statistics(db):
    PracticeFactory.create_batch(30, published=True, description="Employment support.")
    analyze_catalogue()
    PracticeFactory.create_batch(300, published=True, description="Guidance for young people.")
    flush_statistics()
    selection = filter_practices(QueryDict("q=employment")).selection
    assert not facet_counts.search_is_broad(selection)


def test_the_demo_loader_analyses_what_it_wrote(db):
    from importlib import import_module

    from django.apps import apps
    from django.core.management import call_command

    # A transactional test starts from empty tables: the vocabularies' seed migration first.
    import_module("practices.migrations.0002_seed_vocabularies").seed(apps, None)
    call_command("load_demo", verbosity=0)
    flush_statistics()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s) "
            "AND last_analyze IS NULL",
            [["practices_practice", "practices_search", "practices_facet_count"]],
        )
        assert cursor.fetchall() == []
