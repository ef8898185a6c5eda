"""The open data's JSON API (/api/v1/): the list page's practices, filters and order; only what
the public pages show; problems for bad input; HTTP validators, caching and CORS."""

import csv
import html
import io
import json
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.browse.cache import clear
from practices.browse.facets import compute_facets
from practices.browse.selectors import filter_practices
from practices.exchange import csv_format as fmt
from practices.models import Practice
from tests.factories import PracticeFactory

API = "/api/v1"
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear()
    yield
    clear()


def get_json(client, url, status=200, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == status, response.content[:500]
    return response.json()


def slugs(client, query=""):
    body = get_json(client, f"{API}/practices/?page_size=100&{query}")
    return [item["slug"] for item in body["results"]]


def page_slugs(client, query=""):
    """The practices the list page shows for `query`, in its order (its first page)."""
    response = client.get(f"/practices/?{query}")
    assert response.status_code == 200
    return [practice.slug for practice in response.context["page_obj"].object_list]


def csv_slugs(client, query=""):
    response = client.get(f"/practices/export.csv?{query}")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["Slug"] for row in csv.DictReader(io.StringIO(body))]


QUERIES = [
    "",
    "target_group=neets",
    "target_group=neets&country=ES",
    "q=disability",
    "q=Spain&sort=title",
    "theme=learning-mobility&status=ongoing",
    "country=NO&country=SE&sort=start_year",
    "q=mobility&evidence=evaluated&evidence=independently_evaluated",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_list_answers_what_the_page_and_the_csv_answer_in_their_order(client, catalogue, query):
    expected = [p.slug for p in filter_practices(QueryDictOf(query)).qs]
    assert slugs(client, query) == expected
    assert csv_slugs(client, query) == expected
    assert page_slugs(client, query) == expected[:20]


def QueryDictOf(query):
    from django.http import QueryDict

    return QueryDict(query)


def test_the_list_pages_with_count_and_links(client, catalogue):
    first = get_json(client, f"{API}/practices/?page_size=2&sort=title")
    assert first["count"] == 5
    assert first["previous"] is None
    assert first["next"].endswith("/api/v1/practices/?page_size=2&sort=title&page=2")
    second = get_json(client, first["next"])
    third = get_json(client, second["next"])
    assert third["next"] is None
    assert second["previous"].endswith("page=1")
    everything = [i["slug"] for page in (first, second, third) for i in page["results"]]
    assert everything == slugs(client, "sort=title")
    assert len(set(everything)) == 5


def test_a_practice_in_the_list_carries_what_a_partner_needs(client, catalogue):
    body = get_json(client, f"{API}/practices/?target_group=neets&country=ES")
    (alma,) = [item for item in body["results"] if item["slug"] == "alma"]
    assert alma["url"] == "http://testserver/practices/alma/"
    assert alma["api_url"] == "http://testserver/api/v1/practices/alma/"
    assert alma["regions"] == [
        {"slug": "catalonia", "name": "Catalonia", "country": "ES", "nuts_code": "ES51"}
    ]
    assert alma["lead_organisation"] == {
        "slug": "soc",
        "name": "Servei Públic d'Ocupació de Catalunya",
    }
    assert [t["slug"] for t in alma["target_groups"]] == ["neets"]
    assert {f["slug"] for f in alma["funding_sources"]} == {"esf-plus", "alma"}
    assert alma["status"] == "ongoing"
    assert alma["kind"] == "programme"
    assert alma["evidence_level"] == "evaluated"
    assert alma["start_year"] == 2022
    assert alma["end_year"] is None
    assert alma["published_at"]
    assert set(alma) >= {"original_title", "original_language", "summary", "level", "themes"}


def test_facets_are_the_counts_the_page_shows(client, catalogue):
    body = get_json(client, f"{API}/practices/?country=ES&facets=1")
    expected = compute_facets(filter_practices(QueryDictOf("country=ES")).selection)
    by_name = {facet["name"]: facet for facet in body["facets"]}
    assert set(by_name) == {facet.name for facet in expected}
    for facet in expected:
        assert [
            (o["value"], o["count"], o["selected"]) for o in by_name[facet.name]["options"]
        ] == [(o.value, o.count, o.selected) for o in facet.options]
    assert get_json(client, f"{API}/practices/")["facets"] is None


# Only what the public sees ------------------------------------------------------------------


def test_drafts_submitted_and_archived_practices_are_never_in_it(client, catalogue):
    draft = PracticeFactory(slug="secret-draft", title="Secret draft")
    submitted = PracticeFactory(slug="in-review", status=Practice.Status.SUBMITTED)
    archived = PracticeFactory(slug="old-one", published=True)
    Practice.objects.filter(pk=archived.pk).update(status=Practice.Status.ARCHIVED)
    listed = slugs(client)
    assert not {draft.slug, submitted.slug, archived.slug} & set(listed)
    assert set(listed) == set(Practice.objects.published().values_list("slug", flat=True))
    for hidden in (draft, submitted):
        problem = get_json(client, f"{API}/practices/{hidden.slug}/", status=404)
        assert problem["status"] == 404
    assert get_json(client, f"{API}/practices/old-one/", status=410)["status"] == 410
    jsonl = client.get(f"{API}/practices.jsonl")
    assert b"secret-draft" not in b"".join(jsonl.streaming_content)


def test_a_private_e_mail_and_internal_notes_never_leave(client, catalogue):
    practice = catalogue.practices.alma
    Practice.objects.filter(pk=practice.pk).update(
        contact_email="private.person@example.org",
        contact_email_is_public=False,
        review_comment="Internal: check the figures",
    )
    for url in (f"{API}/practices/", f"{API}/practices/alma/", f"{API}/practices.jsonl"):
        response = client.get(url)
        body = response.content if not response.streaming else b"".join(response.streaming_content)
        assert b"private.person@example.org" not in body
        assert b"Internal: check the figures" not in body
    Practice.objects.filter(pk=practice.pk).update(contact_email_is_public=True)
    clear()
    record = get_json(client, f"{API}/practices/alma/")
    assert record["contact_email"] == "private.person@example.org"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    clear()


def test_every_demo_practice_says_in_the_api_what_its_page_and_csv_say(client, demo):
    """For every published practice of the demo data: each value the API gives is on the
    public page, and each public column of the CSV has the same value in the API."""
    listed = slugs(client)
    assert sorted(listed) == sorted(Practice.objects.published().values_list("slug", flat=True))
    export = client.get("/practices/export.csv")
    rows = {
        row["Slug"]: row
        for row in csv.DictReader(
            io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))
        )
    }
    for slug in listed:
        record = get_json(client, f"{API}/practices/{slug}/")
        page = html.unescape(client.get(f"/practices/{slug}/").content.decode())
        shown = [
            record["title"],
            record["summary"],
            record["lead_organisation"]["name"],
            *(r["name"] for r in record["regions"]),
            *(o["name"] for o in record["partner_organisations"]),
            *(t["name"] for t in record["target_groups"]),
            *(t["name"] for t in record["themes"]),
            *(f["name"] for f in record["funding_sources"]),
            *(ref["title"] for ref in record["references"]),
            *(p["title"] for p in record["related"]),
        ]
        for key in ("original_title", "key_lesson", "contact_email", "public_contact_email"):
            if record[key]:
                shown.append(record[key])
        for value in shown:
            assert value in page, (slug, value)
        if record["adapted_from"]:
            assert record["adapted_from"]["title"] in page

        row = rows[slug]
        for column in fmt.COLUMNS:
            if column.key not in record or column.kind not in (fmt.TEXT, fmt.LINE, fmt.YEAR):
                continue
            value = record[column.key]
            if isinstance(value, (dict, list)):
                continue  # the lead organisation: its slug and name, checked above
            cell = "" if value is None else str(value)
            assert fmt.restore(row[column.header]) == cell, (slug, column.key)
        assert row["Contact person's e-mail"] == record["contact_email"]
        assert row["URL"] == record["url"]
        assert row["Target groups"] == fmt.join(
            sorted((t["name"] for t in record["target_groups"]), key=str.casefold)
        )


# Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("page_size=1000", "page_size"),
        ("page_size=-1", "page_size"),
        ("country=ZZ", "country"),
        ("start_from=year", "start_from"),
        ("start_to=1800", "start_to"),
        ("target_group=nobody", "target_group"),
        ("organisation=nowhere", "organisation"),
        ("kind=spaceship", "kind"),
        ("sort=random", "sort"),
        ("facets=maybe", "facets"),
        ("q=" + "x" * 300, "q"),
    ],
)
def test_a_bad_value_is_a_problem_naming_the_parameter(client, catalogue, query, name):
    response = client.get(f"{API}/practices/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 400
    assert problem["title"] == "Invalid query parameter"
    assert problem["type"].endswith("/api/#problem-invalid-parameter")
    assert name in [item["name"] for item in problem["invalid_params"]]
    reason = next(item["reason"] for item in problem["invalid_params"] if item["name"] == name)
    assert f"{name} takes" in reason


def test_every_bad_parameter_is_named_at_once(client, catalogue):
    problem = get_json(client, f"{API}/practices/?country=ZZ&page=abc&start_from=year", 400)
    assert {item["name"] for item in problem["invalid_params"]} == {
        "country",
        "page",
        "start_from",
    }


def test_the_jsonl_refuses_bad_values_the_same_way(client, catalogue):
    response = client.get(f"{API}/practices.jsonl?country=ZZ")
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/practices/no-such-practice/",
        f"{API}/regions/atlantis/",
        f"{API}/nothing-here",
        f"{API}/practices/?page=9",
        f"{API}/organisations/?page=999",
    ],
)
def test_an_unknown_address_is_a_404_problem(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"]


# Regions, organisations, vocabularies -------------------------------------------------------


def test_regions_with_their_published_practice_counts(client, catalogue):
    regions = {r["slug"]: r for r in get_json(client, f"{API}/regions/")}
    catalonia = regions["catalonia"]
    assert catalonia["country"] == "ES"
    assert catalonia["country_name"] == "Spain"
    assert catalonia["nuts_code"] == "ES51"
    assert (
        catalonia["practice_count"]
        == Practice.objects.published().filter(regions__slug="catalonia").count()
    )
    listed = get_json(client, catalonia["practices_api_url"])
    assert listed["count"] == catalonia["practice_count"]
    detail = get_json(client, catalonia["api_url"])
    assert [o["slug"] for o in detail["organisations"]] == ["soc"]


def test_organisations_and_vocabularies(client, catalogue):
    organisations = get_json(client, f"{API}/organisations/?page_size=100")
    assert {"soc", "ehlabe", "boras-stad"} <= {o["slug"] for o in organisations["results"]}
    soc = next(o for o in organisations["results"] if o["slug"] == "soc")
    assert get_json(client, soc["practices_api_url"])["count"] >= 1
    terms = get_json(client, f"{API}/vocabularies/")
    assert "neets" in {t["slug"] for t in terms["target_groups"]}
    assert {c["value"] for c in terms["statuses"]} == {"ongoing", "completed"}
    assert {c["value"] for c in terms["kinds"]} == set(Practice.Kind.values)
    neets = next(t for t in terms["target_groups"] if t["slug"] == "neets")
    assert neets["url"] == "http://testserver/target-groups/neets/"


# HTTP ---------------------------------------------------------------------------------------


def test_validators_304_and_public_caching(client, catalogue):
    url = f"{API}/practices/?country=ES"
    response = client.get(url)
    etag = response["ETag"]
    assert etag.startswith('"')
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(f"{API}/practices/?country=NO")
    assert other["ETag"] != etag
    # A write changes the catalogue version: the old validator no longer matches.
    PracticeFactory(published=True, regions=[catalogue.regions.catalonia])
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_304_costs_one_small_query(client, catalogue):
    url = f"{API}/practices/?target_group=neets"
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert len(queries) == 1


@pytest.mark.parametrize(
    "query",
    ["", "target_group=neets&country=ES", "q=mobility", "q=mobility&sort=title"],
)
def test_the_list_keeps_its_query_budget(client, catalogue, query):
    """Cold: the version with the validators' stamp, the vocabularies, the facet counts with the
    total, for a search by relevance its ranked ids, and the page's rows; a page of 100 runs as
    many as a page of 20. Asked again at this version: the stamp alone."""
    counts = {}
    for size in (20, 100):
        clear()
        url = f"{API}/practices/?page_size={size}&{query}"
        with CaptureQueriesContext(connection) as cold:
            assert client.get(url).status_code == 200
        counts[size] = len(cold)
        with CaptureQueriesContext(connection) as warm:
            client.get(url)
        assert len(warm) == 1, [q["sql"][:80] for q in warm]
    assert counts[20] == counts[100]
    # A search adds its ranked ids and the two queries that ask whether it is broad
    # (facet_counts.search_is_broad).
    extra = 3 if query.startswith("q=") else 0
    assert counts[20] <= 4 + extra, counts


def test_a_practice_costs_two_queries_then_one(client, catalogue):
    clear()
    with CaptureQueriesContext(connection) as cold:
        client.get(f"{API}/practices/alma/")
    with CaptureQueriesContext(connection) as warm:
        client.get(f"{API}/practices/alma/")
    assert len(cold) == 2, [q["sql"][:80] for q in cold]
    assert len(warm) == 1


def test_the_api_ignores_a_signed_in_session(client, catalogue, editor):
    anonymous = client.get(f"{API}/practices/")
    client.force_login(editor)
    signed_in = client.get(f"{API}/practices/")
    assert signed_in.content == anonymous.content
    assert "Set-Cookie" not in signed_in.headers
    assert "Cookie" not in signed_in.get("Vary", "")


def test_only_reading_is_allowed(client, catalogue):
    response = client.post(f"{API}/practices/", {"title": "x"})
    assert response.status_code == 405


# Documents ----------------------------------------------------------------------------------


def test_the_openapi_document_describes_every_address(client, db):
    document = get_json(client, f"{API}/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert {
        "/api/v1/practices/",
        "/api/v1/practices/{slug}/",
        "/api/v1/regions/",
        "/api/v1/regions/{slug}/",
        "/api/v1/organisations/",
        "/api/v1/vocabularies/",
    } <= set(document["paths"])
    parameters = {p["name"] for p in document["paths"]["/api/v1/practices/"]["get"]["parameters"]}
    assert parameters >= {
        *("q", "country", "region", "organisation", "target_group", "theme", "funding"),
        *("kind", "level", "evidence", "status", "start_from", "start_to", "sort"),
        *("page", "page_size", "facets"),
    }


def test_the_guide_and_the_reference_come_from_the_site_itself(client, db):
    guide = client.get("/api/")
    assert guide.status_code == 200
    assert reverse("api:openapi-json") in guide.content.decode()
    reference = client.get(f"{API}/docs/")
    assert reference.status_code == 200
    text = reference.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in text
    assert "https://" not in text.split("<body")[1].split("</body>")[0]


def test_json_lines_has_the_csv_columns_and_rows(client, catalogue):
    query = "target_group=neets"
    lines = b"".join(client.get(f"{API}/practices.jsonl?{query}").streaming_content)
    records = [json.loads(line) for line in lines.decode().splitlines()]
    assert [r["slug"] for r in records] == csv_slugs(client, query)
    assert list(records[0]) == [column.key for column in fmt.COLUMNS]
    alma = next(r for r in records if r["slug"] == "alma")
    assert alma["start_year"] == 2022
    assert alma["end_year"] is None
    assert alma["funding_sources"] == sorted(alma["funding_sources"], key=str.casefold)
    assert alma["regions"] == ["catalonia"]


# The page, the CSV and the API cannot disagree ---------------------------------------------

FILTER_VALUES = {
    "q": ["mobility", "Spain", "disabilities", "guidance -young", '"young people"', "Boras"],
    "target_group": ["neets", "persons-with-disabilities", "migrants-and-refugees"],
    "theme": ["learning-mobility", "upskilling-and-reskilling", "guidance-and-counselling"],
    "country": ["ES", "NO", "SE"],
    "funding": ["esf-plus", "erasmus-plus"],
    "kind": ["programme", "project", "service"],
    "status": ["ongoing", "completed"],
    "evidence": ["monitored", "evaluated"],
    "start_from": ["2010", "2016", "2021"],
    "sort": ["relevance", "newest", "title", "start_year"],
}


@st.composite
def list_queries(draw):
    names = draw(st.sets(st.sampled_from(sorted(FILTER_VALUES)), max_size=4))
    pairs = []
    for name in sorted(names):
        values = FILTER_VALUES[name]
        if name in ("q", "start_from", "sort"):
            pairs.append((name, draw(st.sampled_from(values))))
        else:
            chosen = draw(st.lists(st.sampled_from(values), min_size=1, max_size=2, unique=True))
            pairs.extend((name, value) for value in chosen)
    return urlencode(pairs)


@given(query=list_queries())
@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_the_api_the_page_and_the_csv_give_the_same_practices_in_the_same_order(
    client, catalogue, query
):
    listed = slugs(client, query)
    assert listed == csv_slugs(client, query)
    assert listed[:20] == page_slugs(client, query)
    body = get_json(client, f"{API}/practices/?{query}")
    assert body["count"] == len(listed)
