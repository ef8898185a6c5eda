"""The facet counts the database keeps (migrations 0008 and 0020, browse/facet_counts.py).

Two promises, on both databases: the stored counts always equal a recount from scratch, whatever
was written and however (ORM, admin services, bulk SQL, a deferred bulk load); and a page shows
the same counts whether they were read from the table or counted live.
"""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from practices.browse import facet_counts
from practices.browse.facets import FACET_ORDER, _compute_facets
from practices.browse.selectors import filter_practices
from practices.models import FundingSource, Practice, TargetGroup, Theme
from tests.factories import PracticeFactory, RegionFactory, build_catalogue

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own statements and planner"
)


def stored_rows():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT base, facet, value, n FROM practices_facet_count WHERE n <> 0 "
            "ORDER BY base, facet, value"
        )
        counts = cursor.fetchall()
        cursor.execute(
            "SELECT practice_id, facet, value FROM practices_facet_member "
            "ORDER BY practice_id, facet, value"
        )
        return counts, cursor.fetchall()


def assert_counts_exact():
    """The stored rows equal those of a rebuild from scratch (which the test then undoes)."""
    kept = stored_rows()
    sid = transaction.savepoint_create()
    facet_counts.rebuild()
    rebuilt = stored_rows()
    transaction.savepoint_rollback(sid)
    assert kept[0], "no counts stored at all"
    assert kept == rebuilt


def stored(base, facet):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT value, n FROM practices_facet_count WHERE base = %s AND facet = %s AND n > 0",
            [base, facet],
        )
        return dict(cursor.fetchall())


def assert_counted_live_alike(served, params, monkeypatch):
    """`served` (facets as a page gets them) equals the same filters counted live."""
    monkeypatch.setattr(facet_counts, "available", lambda: False)
    live = _compute_facets(filter_practices(params).selection)
    assert served.total == live.total
    for facet in live:
        assert [(o.value, o.count) for o in served[facet.name].options] == [
            (o.value, o.count) for o in facet.options
        ], facet.name


@pytest.fixture
def terms(db):
    return {
        "tg": list(TargetGroup.objects.order_by("slug")[:3]),
        "th": list(Theme.objects.order_by("slug")[:3]),
        "fs": list(FundingSource.objects.order_by("slug")[:2]),
    }


@pytest.mark.django_db
def test_counts_follow_every_kind_of_write(terms, editor):
    tg, th, fs = terms["tg"], terms["th"], terms["fs"]
    es, se = RegionFactory(country="ES"), RegionFactory(country="SE")
    a = PracticeFactory(
        published=True, regions=[es, se], target_groups=tg[:2], themes=th, funding_sources=fs
    )
    b = PracticeFactory(published=True, regions=[es], target_groups=[tg[0]], themes=[th[0]])
    draft = PracticeFactory(regions=[se], target_groups=[tg[2]], themes=[th[1]])
    assert_counts_exact()
    assert stored("", "country") == {"ES": 2, "SE": 1}
    assert stored(f"target_group={tg[0].id}", "theme") == {
        str(th[0].id): 2,
        str(th[1].id): 1,
        str(th[2].id): 1,
    }
    assert str(draft.id) not in {str(p) for p, _, _ in stored_rows()[1]}

    # Relations added and removed, a scalar field and the end year changed.
    a.themes.remove(th[2])
    b.target_groups.add(tg[2])
    Practice.objects.filter(pk=b.pk).update(kind=Practice.Kind.SERVICE, end_year=2021)
    assert_counts_exact()
    assert stored("", "kind") == {Practice.Kind.PROGRAMME: 1, Practice.Kind.SERVICE: 1}

    # Publishing and unpublishing through the workflow.
    draft.refresh_from_db()
    draft.status = Practice.Status.PUBLISHED
    draft.published_at = a.published_at
    draft.save()
    assert stored("", "country") == {"ES": 2, "SE": 2}
    Practice.objects.filter(pk=a.pk).update(status=Practice.Status.ARCHIVED)
    assert stored("", "country") == {"ES": 1, "SE": 1}
    assert_counts_exact()

    # A region moved to another country; a term deleted; a practice deleted.
    es.country = "PT"
    es.save()
    assert stored("", "country") == {"PT": 1, "SE": 1}
    th[0].delete()
    draft.delete()
    assert_counts_exact()
    assert stored("", "country") == {"PT": 1}

    # A text edit leaves the members alone (the trigger compares the columns that count).
    before = stored_rows()
    Practice.objects.filter(pk=b.pk).update(title="Renamed")
    assert stored_rows() == before


@pytest.mark.django_db
def test_bulk_sql_keeps_counts_exact(terms):
    region = RegionFactory(country="DE")
    practices = [
        PracticeFactory(published=True, regions=[region], themes=terms["th"][:2]) for _ in range(5)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM practices_practice_themes WHERE practice_id IN (%s, %s, %s)",
            [p.pk for p in practices[:3]],
        )
        cursor.execute("UPDATE practices_practice SET level = 'national'")
        cursor.execute("UPDATE regions_region SET country = 'AT'")
    assert_counts_exact()
    assert stored("", "country") == {"AT": 5}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM practices_practice_themes")
    assert_counts_exact()
    assert stored("", "theme") == {}


@on_postgresql
@pytest.mark.django_db
def test_truncate_keeps_counts_exact(terms):
    region = RegionFactory(country="DE")
    for _ in range(3):
        PracticeFactory(published=True, regions=[region], themes=terms["th"][:2])
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE wants no pending FK checks
        cursor.execute("TRUNCATE practices_practice_themes")
    assert_counts_exact()
    assert stored("", "theme") == {}


@pytest.mark.django_db
def test_deferred_rebuilds_once_at_the_end_and_only_if_needed(terms):
    region = RegionFactory(country="FI")
    with transaction.atomic(), facet_counts.deferred():
        PracticeFactory(published=True, regions=[region], themes=terms["th"][:1])
        PracticeFactory(published=True, regions=[region])
        assert stored("", "country") == {}  # not yet: the triggers only noted the change
    assert stored("", "country") == {"FI": 2}
    assert_counts_exact()

    with (
        CaptureQueriesContext(connection) as queries,
        transaction.atomic(),
        facet_counts.deferred(),
    ):
        pass
    assert not any(
        "rebuild" in q["sql"] or "_facet_member_source" in q["sql"]
        for q in queries.captured_queries
    )


@pytest.mark.django_db(transaction=True)
def test_deferred_needs_a_transaction():
    with pytest.raises(transaction.TransactionManagementError), facet_counts.deferred():
        pass


# The filters of a page -> whether its facets can come from the table at all.
FILTER_CASES = [
    {},
    {"theme": ["inclusive-and-supported-employment"]},
    {"target_group": ["neets"]},
    {"country": ["ES"]},
    {"region": ["catalonia"]},
    {"kind": ["programme"]},
    {"level": ["regional"]},
    {"evidence": ["evaluated"]},
    {"status": ["ongoing"]},
    {"status": ["completed"]},
    {"target_group": ["neets"], "country": ["ES"]},
    {"theme": ["inclusive-and-supported-employment", "digital-skills"]},
    {"country": ["ES"], "kind": ["programme"], "status": ["ongoing"]},
    # A stored scalar facet beside live ones: the live ones' counts keep the stored one's filter.
    {"theme": ["inclusive-and-supported-employment"], "kind": ["programme"]},
    {"kind": ["programme"], "level": ["regional"]},
    {"kind": ["programme"], "status": ["ongoing"]},
    {"evidence": ["evaluated"], "country": ["ES", "NO"]},
    {"q": "employment"},
    {"start_from": "2019"},
    {"country": ["XX"]},
]


@pytest.mark.django_db
@pytest.mark.parametrize("params", FILTER_CASES, ids=lambda p: repr(p) or "none")
def test_stored_and_live_counts_agree(params, monkeypatch):
    build_catalogue()
    assert_counted_live_alike(
        _compute_facets(filter_practices(params).selection), params, monkeypatch
    )


@pytest.mark.django_db
def test_which_pages_read_the_table():
    build_catalogue()

    def key(params, leaving_out=()):
        return facet_counts.base_key(filter_practices(params).selection, leaving_out)

    neets = TargetGroup.objects.get(slug="neets")
    assert key({}) == ""
    assert key({"target_group": ["neets"]}) == f"target_group={neets.id}"
    assert key({"target_group": ["neets"]}, ("target_group",)) == ""
    assert key({"country": ["ES"], "target_group": ["neets"]}, ("country",)) == (
        f"target_group={neets.id}"
    )
    assert key({"country": ["ES"], "target_group": ["neets"]}) is None  # counted live
    assert key({"q": "employment"}) is None
    assert key({"status": ["ongoing"]}) is None
    assert key({"status": ["ongoing", "completed"]}) == ""  # both: no filter at all
    assert key({"theme": ["digital-skills", "inclusive-and-supported-employment"]}) is None
    # A filterset over another queryset than the published catalogue never reads the table.
    assert (
        facet_counts.base_key(
            filter_practices(
                {}, queryset=Practice.objects.published().filter(kind="service")
            ).selection
        )
        is None
    )


@pytest.mark.django_db
def test_the_demo_and_a_synthetic_load_leave_exact_counts():
    from bench import synthetic

    call_command("load_demo", verbosity=0)
    synthetic.load(40)  # deferred: rebuilt once at the end
    assert_counts_exact()
    assert sum(stored("", "kind").values()) == Practice.objects.published().count()


SEARCH_CASES = [
    {"q": "employment"},
    {"q": "employment", "theme": ["inclusive-and-supported-employment"]},
    {"q": "employment", "status": ["ongoing"]},
    {"q": "employment", "country": ["ES"], "kind": ["programme"]},
    {"q": "guidance or work -older"},
    {"q": "Borås"},
]


@pytest.mark.django_db
@pytest.mark.parametrize("params", SEARCH_CASES, ids=repr)
def test_a_broad_search_counted_by_complement_agrees_with_counting_it(params, monkeypatch):
    build_catalogue()
    monkeypatch.setattr(facet_counts, "BROAD_SEARCH", -1.0)  # every search is "broad"
    filterset = filter_practices(params)
    assert facet_counts.plan(filterset.selection, FACET_ORDER).complement, "no complement used"
    assert_counted_live_alike(_compute_facets(filterset.selection), params, monkeypatch)


@pytest.mark.django_db
@pytest.mark.parametrize("text", [case["q"] for case in SEARCH_CASES if len(case) == 1])
def test_a_narrow_search_alone_counted_from_the_member_rows_agrees_with_counting_it(
    text, monkeypatch
):
    build_catalogue()
    monkeypatch.setattr(facet_counts, "BROAD_SEARCH", 2.0)  # no search is "broad"
    filterset = filter_practices({"q": text})
    assert facet_counts.plan(filterset.selection, FACET_ORDER).from_matches
    assert_counted_live_alike(_compute_facets(filterset.selection), {"q": text}, monkeypatch)


@pytest.mark.django_db
def test_the_planner_decides_whether_a_search_is_broad(monkeypatch):
    build_catalogue()
    monkeypatch.setattr(facet_counts, "BROAD_SEARCH", 0.0)  # anything it matches is "broad"
    filterset = filter_practices({"q": "employment"})
    assert facet_counts.search_is_broad(filterset.selection)
    assert facet_counts.plan(filterset.selection, ["theme"]).complement == {"theme": ""}
    monkeypatch.setattr(facet_counts, "BROAD_SEARCH", 1.0)  # nothing matches more than all
    filterset = filter_practices({"q": "employment"})
    assert not facet_counts.search_is_broad(filterset.selection)
    assert facet_counts.plan(filterset.selection, ["theme"]).complement == {}
