"""Free-text search: full text on both databases (stemming, ranking, accents; PostgreSQL's
tsvector, SQLite's FTS5), with the same results on both."""

import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from practices.browse.search import parse_search, search_condition
from practices.browse.selectors import filter_practices, ranked_ids
from practices.models import Practice, PracticeSearch

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search (stemming, unaccent, ts_rank) exists only on PostgreSQL",
)


def search(text, extra=""):
    query = QueryDict(mutable=True)
    query["q"] = text
    if extra:
        query.update(QueryDict(extra))
    return [p.slug for p in filter_practices(query).qs]


# The same on both databases ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Learning mobility" is a theme of the cross-border practice.
        ("mobility", {"alma", "cross-border-guidance"}),
        ("MOBILITY", {"alma", "cross-border-guidance"}),
        ("employment", {"alma", "supported-employment", "older-workers-trondelag"}),
        # One in its text, one filed under the target group "Persons with disabilities".
        ("disabilities", {"supported-employment", "older-workers-trondelag"}),
        ("mobility initiative", {"alma"}),
        ("ALMA", {"alma"}),
        ("employment -disabilities", {"alma"}),
        ("older or vocational", {"older-workers-trondelag", "upskilling-boras"}),
        ('"stay in work"', {"older-workers-trondelag"}),
        ("zeppelin", set()),
    ],
)
def test_simple_queries_find_the_same_practices_on_every_database(catalogue, text, expected):
    assert set(search(text)) == expected


def test_it_searches_the_summary_and_key_lesson(catalogue, practice_factory):
    practice_factory(published=True, slug="lesson", key_lesson="Trust the apprentices.")
    assert search("apprentices") == ["lesson"]
    assert search("adapt the work") == ["supported-employment"]


def test_it_searches_organisation_and_region_names(catalogue):
    # EHLABE leads one practice and is a partner in another.
    assert set(search("ehlabe")) == {"supported-employment", "cross-border-guidance"}
    assert set(search("catalonia")) == {"alma", "cross-border-guidance"}


def test_a_title_match_ranks_above_a_description_match(catalogue, practice_factory):
    practice_factory(
        published=True,
        slug="in-title",
        title="Apprenticeship ladders",
        description="Steps into work.",
    )
    practice_factory(
        published=True,  # newer, so it would come first if the order were by date
        slug="in-description",
        title="Steps into work",
        description="An apprenticeship with a mentor.",
    )
    assert search("apprenticeship") == ["in-title", "in-description"]
    # Another order, asked for explicitly, wins over relevance.
    assert search("apprenticeship", "sort=newest") == ["in-description", "in-title"]


def test_search_combines_with_the_other_filters(catalogue):
    assert search("guidance", "country=ES&status=completed") == ["cross-border-guidance"]
    assert search("guidance", "country=SE") == []


def test_a_search_of_only_punctuation_or_spaces_does_not_filter(catalogue):
    assert len(search("   ")) == 5
    assert len(search('"" - ,')) == 5


# PostgreSQL ----------------------------------------------------------------------------------


def test_it_finds_words_without_their_accents(catalogue):
    assert search("Boras") == ["upskilling-boras"]
    assert set(search("Trondelag")) == {"cross-border-guidance", "older-workers-trondelag"}
    assert search("Borås") == ["upskilling-boras"]


def test_it_finds_other_forms_of_a_word(catalogue):
    # "coaching" and "coaches" share the stem "coach" (PostgreSQL's Snowball, SQLite's Porter).
    assert search("coaching") == ["supported-employment"]
    assert set(search("practice")) == set(search("practices"))


@postgresql_only
def test_postgresql_stems_like_snowball(catalogue):
    # SQLite's Porter stemmer reads "employing" as "emploi", Snowball (PostgreSQL) as "employ".
    # English stemming: "employed", "employing" and "employment" share the stem "employ".
    assert set(search("employing")) >= {"supported-employment", "alma"}


def test_it_ranks_by_the_weights_of_the_fields(catalogue):
    ranked = list(filter_practices(QueryDict("q=employment")).qs)
    assert ranked[0].slug == "supported-employment"  # in the title (weight A)
    assert ranked[0].rank > ranked[1].rank > 0


@postgresql_only
def test_postgresql_search_can_use_the_gin_index(catalogue):
    sql, params = filter_practices(QueryDict("q=mobility")).qs.query.sql_with_params()
    # Through the IMMUTABLE wrapper (migration 0009): a constant, parsed once per statement.
    assert "websearch_to_tsquery(%s::regconfig, practices_unaccent(%s))" in sql
    # The search condition alone, as the filter writes it, can be answered from the GIN index.
    condition = Practice.objects.filter(search_condition("mobility")).values("pk")
    sql, params = condition.query.sql_with_params()
    with connection.cursor() as cursor:
        # A few rows are cheaper to scan, to read in key order or to look up one by one than to
        # find in the GIN index: forbid those to see the plan.
        for setting in ("seqscan", "indexscan", "indexonlyscan", "nestloop"):
            cursor.execute(f"SET LOCAL enable_{setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "practice_search_vector_gin" in plan
    # Folded into a constant when planned: no websearch_to_tsquery call left to run per row.
    assert "websearch_to_tsquery" not in plan
    assert "'''mobil'''::tsquery" in plan


@postgresql_only
def test_the_search_table_follows_the_publication_whatever_writes_it(practice_factory):
    practice = practice_factory(published=True, title="Job coaching")
    search_row = PracticeSearch.objects.filter(practice=practice)
    assert search_row.get().published_at == practice.published_at

    # A bulk update, as an admin action or raw SQL would write it: the trigger follows.
    Practice.objects.filter(pk=practice.pk).update(status=Practice.Status.ARCHIVED)
    assert search_row.get().published_at is None
    republished = timezone.now() - datetime.timedelta(days=3)
    Practice.objects.filter(pk=practice.pk).update(
        status=Practice.Status.PUBLISHED, published_at=republished
    )
    assert search_row.get().published_at == republished
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE practices_practice SET status = 'draft' WHERE id = %s", [practice.pk]
        )
    assert search_row.get().published_at is None

    practice.delete()
    assert not search_row.exists()


@postgresql_only
def test_every_practice_gets_its_search_row_when_it_is_inserted(practice_factory):
    practice = Practice.objects.get(pk=practice_factory(published=True).pk)
    practice.pk, practice.slug, practice.title = None, "copy", "Mentoring circles"
    practice.save()  # no refresh_search_vectors: the insert trigger alone

    row = PracticeSearch.objects.filter(practice=practice)
    assert row.get().published_at == practice.published_at
    assert row.filter(vector=SearchQuery("mentoring", config="english")).exists()


def findable_as(text):
    found = Practice.objects.filter(search__vector=SearchQuery(text, config="english"))
    return set(found.values_list("slug", flat=True))


@postgresql_only
def test_the_vector_follows_every_write_it_depends_on(
    practice_factory, organisation_factory, region_factory
):
    # Writes with no refresh_search_vectors after them, as raw SQL or another app would make.
    lead, partner = organisation_factory(name="Kvarken Council"), organisation_factory()
    region = region_factory(name="Ostrobothnia")
    practice = practice_factory(published=True, slug="p", lead_organisation=lead)
    assert findable_as("Kvarken") == {"p"}

    Practice.objects.filter(pk=practice.pk).update(title="Zeppelin rides")
    assert findable_as("zeppelin") == {"p"}

    practice.partner_organisations.add(partner)
    practice.regions.add(region)
    assert findable_as(partner.name) == {"p"}
    assert findable_as("Ostrobothnia") == {"p"}

    lead.name, partner.name, region.name = "Merenkurkku", "Nordic Partners", "Pohjanmaa"
    for renamed in (lead, partner, region):
        renamed.save()
    assert findable_as("Kvarken") == findable_as("Ostrobothnia") == set()
    assert findable_as("Merenkurkku") == findable_as("Nordic") == findable_as("Pohjanmaa") == {"p"}

    practice.partner_organisations.remove(partner)
    practice.regions.clear()
    assert findable_as("Nordic") == findable_as("Pohjanmaa") == set()

    practice.regions.add(region)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE wants no pending FK checks
        cursor.execute("TRUNCATE practices_practice_regions")
    assert findable_as("Pohjanmaa") == set()


@postgresql_only
@pytest.mark.parametrize("text", ["employment", "work", "guidance or migrants", "zeppelin"])
def test_a_plain_search_is_ranked_in_the_search_table_alone_in_the_same_order(
    catalogue, practice_factory, text
):
    # Equal ranks, told apart by the publication date and then the id; and texts that are not
    # published, which must not be found.
    published = timezone.now() - datetime.timedelta(days=30)
    for _ in range(3):
        practice_factory(published=True, title="Work in pairs", published_at=published)
    practice_factory(status=Practice.Status.ARCHIVED, title="Work in pairs")
    practice_factory(status=Practice.Status.DRAFT, title="Work in pairs")
    filterset = filter_practices(QueryDict(f"q={text}"))
    assert filterset.selection.narrowing == ["q"]  # the form cleaned (it reads the vocabularies)

    with CaptureQueriesContext(connection) as queries:
        ranked = ranked_ids(filterset, 100)

    assert ranked == list(filterset.qs.values_list("pk", flat=True))
    assert len(queries) == 1
    assert "practices_practice" not in queries[0]["sql"]
    # With another filter, or another order, the practices are joined as usual.
    for extra in ("&country=ES", "&sort=newest"):
        other = filter_practices(QueryDict(f"q={text}{extra}"))
        assert ranked_ids(other, 100) == list(other.qs.values_list("pk", flat=True))


# SQLite --------------------------------------------------------------------------------------


def test_relevance_puts_a_title_match_before_newer_description_matches(catalogue):
    # "employment" is in the title of the oldest but one; the others mention it further down.
    assert search("employment")[0] == "supported-employment"


def test_websearch_syntax_is_parsed_like_postgresql_reads_it():
    assert parse_search('neets "supported employment" -erasmus or migrants') == [
        [(False, "neets"), (False, "supported employment"), (True, "erasmus")],
        [(False, "migrants")],
    ]
    assert parse_search("employment, (training)!") == [[(False, "employment"), (False, "training")]]
    assert parse_search("or or") == []
