"""Every public page type runs a fixed number of queries, whatever the catalogue's size: the first
time at a catalogue version ("cold", when the facet counts, vocabularies and page bodies are
computed) and after that ("warm", from the catalogue cache, browse/cache.py). And the cache is
never stale: any write, however it is made, shows on the next request."""

import pytest
from django.db import connection

from practices.browse import cache
from practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def slug(catalogue):
    return Practice.objects.published().order_by("pk").first().slug


# A search first asks whether it is broad (facet_counts.search_is_broad): PostgreSQL its planner's
# estimate, then whether its statistics are fresh enough to trust; SQLite the published practices'
# number, then its matches counted up to half of it.
SEARCH_PLAN = 2
# A search that finds two practices or fewer reads the catalogue's words for "Did you mean" once
# per catalogue version: the practices' texts, the names they are filed under.
FEW_RESULTS_WORDS = 2

# (page, address, cold queries, warm queries). The list's four cold: the catalogue version, the
# vocabularies, the facet counts with the total, the page's rows with their regions, target
# groups and themes; warm, only the version: the vocabularies, the counts, the filter panel and
# the page's rendered results come from the cache. The home page caches its counts and its map
# (whose regions' places are one more query when cold).
PAGES = [
    ("home", "/", 5, 2),
    ("list", "/practices/", 4, 1),
    ("filtered list", "/practices/?target_group=neets&country=ES&status=ongoing", 4, 1),
    # Ranked by relevance: the first pages' ids in relevance order (1 more), then the rows by id.
    ("search", "/practices/?q=guidance", 5 + SEARCH_PLAN + FEW_RESULTS_WORDS, 1),
    (
        "search sorted by title",
        "/practices/?q=guidance&sort=title",
        4 + SEARCH_PLAN + FEW_RESULTS_WORDS,
        1,
    ),
    ("deep page", "/practices/?page=3", 4, 1),
    ("organisation filter", "/practices/?organisation=ehlabe", 5, 2),
    # The term (1), then the list's.
    ("target group", "/target-groups/neets/", 5, 2),
    ("theme", "/themes/learning-mobility/", 5, 2),
    # The region and its organisations (2), then the list's.
    ("region", "/regions/catalonia/", 6, 3),
    # Every region with its count, and the count per country: not cached, two queries.
    ("regions", "/regions/", 2, 2),
    ("about", "/about/", 0, 0),
]


@pytest.mark.parametrize(("name", "url", "cold", "warm"), PAGES, ids=[p[0] for p in PAGES])
def test_each_page_runs_a_fixed_number_of_queries(
    client, catalogue, settings, django_assert_num_queries, name, url, cold, warm
):
    settings.PRACTICES_PAGE_SIZE = 2
    with django_assert_num_queries(cold):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(warm):
        assert client.get(url).status_code == 200


def test_the_practice_page_runs_one_query_once_cached(client, slug, django_assert_num_queries):
    # The version, then the practice with its relations and related practices as JSON (1).
    with django_assert_num_queries(2):
        first = client.get(f"/practices/{slug}/").content
    with django_assert_num_queries(1):
        second = client.get(f"/practices/{slug}/").content
    assert first == second


def test_an_archived_practices_page_runs_one_query_once_cached(
    client, slug, django_assert_num_queries
):
    Practice.objects.filter(slug=slug).update(status=Practice.Status.ARCHIVED)
    # The version, then the practice with its related practices and terms (1).
    with django_assert_num_queries(2):
        first = client.get(f"/practices/{slug}/")
    with django_assert_num_queries(1):
        second = client.get(f"/practices/{slug}/")
    assert first.status_code == second.status_code == 410
    assert first.content == second.content


def test_an_unknown_address_runs_one_query_once_cached(client, db, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.get("/practices/no-such-practice/").status_code == 404
    with django_assert_num_queries(1):
        assert client.get("/practices/no-such-practice/").status_code == 404


def test_the_export_runs_a_fixed_number_of_queries(client, catalogue, django_assert_num_queries):
    # The vocabularies (1), then in a savepoint (2) the names of organisations, regions and the
    # three vocabularies (5), the rows (1) and, on PostgreSQL, JIT switched off (1). The export
    # does not use the catalogue cache: the same count every time.
    expected = 9 if connection.vendor == "sqlite" else 10
    for _ in range(2):
        with django_assert_num_queries(expected):
            response = client.get("/practices/export.csv?country=ES")
            body = b"".join(response.streaming_content)
        assert body.count(b"\r\n") == 4


# The cache is never stale ------------------------------------------------------------------------


def test_a_bulk_update_shows_at_once(client, catalogue):
    assert "5 practices" in client.get("/practices/").content.decode()
    # update() sends no signal: the database's triggers change the catalogue version.
    practice = Practice.objects.published().order_by("pk").first()
    Practice.objects.filter(pk=practice.pk).update(
        title="A renamed practice", status=Practice.Status.ARCHIVED
    )
    html = client.get("/practices/").content.decode()
    assert "4 practices" in html
    # Archived: its address answers 410 Gone (a draft's or an unknown one 404).
    assert client.get(f"/practices/{practice.slug}/").status_code == 410


def test_a_new_relation_changes_the_counts_and_the_practice_page(client, catalogue, slug):
    from practices.models import TargetGroup

    women = TargetGroup.objects.get(slug="women")
    before = client.get("/practices/?target_group=women").content.decode()
    page_before = client.get(f"/practices/{slug}/").content.decode()
    practice = Practice.objects.get(slug=slug)
    assert women not in practice.target_groups.all()
    practice.target_groups.add(women)
    after = client.get("/practices/?target_group=women").content.decode()
    assert before != after
    assert after.count('class="practice-card__title"') == (
        before.count('class="practice-card__title"') + 1
    )
    page_after = client.get(f"/practices/{slug}/").content.decode()
    assert "/target-groups/women/" not in page_before
    assert "/target-groups/women/" in page_after


def test_a_renamed_term_shows_in_the_filters(client, catalogue):
    from practices.models import Theme

    client.get("/practices/")
    Theme.objects.filter(slug="learning-mobility").update(name="Mobility for learners")
    assert "Mobility for learners" in client.get("/practices/").content.decode()


def test_a_rolled_back_write_leaves_no_entry_a_later_write_could_read(client, catalogue):
    from django.db import transaction

    before = cache.catalogue_version()
    seen = []

    def write_then_fail():
        with transaction.atomic():
            Practice.objects.update(summary="Rolled back")
            seen.append(cache.catalogue_version())
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    (inside,) = seen
    assert inside != before
    assert cache.catalogue_version() == before
    Practice.objects.filter(pk=Practice.objects.first().pk).update(summary="Committed")
    # A new random version, not the rolled-back one again.
    assert cache.catalogue_version() not in (before, inside)


def test_a_search_pages_the_same_beyond_the_remembered_ranking(
    client, catalogue, settings, monkeypatch
):
    settings.PRACTICES_PAGE_SIZE = 1
    url = "/practices/?q=guidance%20or%20employment%20or%20work%20or%20older&page="
    pages = [client.get(url + str(n)).content.decode() for n in (1, 2, 3)]
    cache.clear()
    monkeypatch.setattr("practices.browse.pagination.RANKED_IDS", 1)
    assert [client.get(url + str(n)).content.decode() for n in (1, 2, 3)] == pages
    assert len({page.split('class="results"')[1][:400] for page in pages}) == 3
