"""The open data's read-only JSON API under /api/v1/, with its OpenAPI 3.1 document.

django-ninja writes the OpenAPI document from the type hints below, so the document and the
answers cannot drift apart (README: Open data says why ninja). The list of practices takes the
list page's query string and goes through the list page's own path: `filter_practices` for the
filters and their order, `list_paginator` for the pages, `compute_facets` for the counts. What
it gives of a practice is only what the public page shows: published practices, and a contact
person's e-mail only where its owner agreed to publish it.

Bad input is a `400` problem document (RFC 9457, `application/problem+json`) naming each
parameter and what it accepts; an unknown address is a `404` problem, an archived practice a
`410`. Validators, caching, CORS and cookies: http_caching.py.
"""

import json
from datetime import date, datetime
from typing import Literal

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, QueryDict
from django.urls import reverse
from django.views.decorators.http import require_safe
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError

from regions.models import Organisation, Region, country_name

from ..browse.cache import cached, catalogue_version
from ..browse.facets import compute_facets
from ..browse.filters import MAX_QUERY_LENGTH, SORT_CHOICES
from ..browse.pagination import list_paginator
from ..browse.selectors import filter_practices, on_site_for_detail, published_for_record
from ..browse.views import practice_detail_context
from ..browse.vocabularies import FACET_ORDER, STATUS_CHOICES, load_vocabularies
from ..models import (
    FIRST_YEAR,
    LAST_YEAR,
    FundingSource,
    Practice,
    TargetGroup,
    Theme,
    is_ongoing,
)
from .export import base_url_of, jsonl_response

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PROBLEM_TYPE = "application/problem+json"

DESCRIPTION = """Good practices from European regions for inclusive labour markets and lifelong
learning, as open data: the same practices, filters and order as the catalogue's pages.
Only published practices are here. Every answer can be cached for five minutes and carries an
`ETag`; ask again with `If-None-Match` to get `304 Not Modified` while nothing changed.
Errors are problem documents (RFC 9457). The guide: /api/."""


class OpenDataAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document gives error answers their real media type, so a client
    generated from it (and schemathesis) expects `application/problem+json`."""

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if str(status).startswith("4") and "application/json" in content:
                        response["content"] = {PROBLEM_TYPE: content["application/json"]}
        return schema


api = OpenDataAPI(
    title="EARLALL Practices API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

# Schemas -------------------------------------------------------------------------------------

Kind = Literal[tuple(Practice.Kind.values)]
Level = Literal[tuple(Practice.Level.values)]
Evidence = Literal[tuple(Practice.EvidenceLevel.values)]
Status = Literal[tuple(value for value, _ in STATUS_CHOICES)]
Sort = Literal[tuple(value for value, _ in SORT_CHOICES)]


class Problem(Schema):
    """RFC 9457: what went wrong, for people (`title`, `detail`) and programs (`type`)."""

    type: str
    title: str
    status: int
    detail: str
    invalid_params: list[dict[str, str]] = Field(
        [], description="For a 400: each parameter (`name`) and what it accepts (`reason`)"
    )


class Term(Schema):
    slug: str
    name: str


class RegionRef(Schema):
    slug: str
    name: str
    country: str = Field(description="ISO 3166-1 alpha-2 code")
    nuts_code: str = Field(description="NUTS code, empty where unknown")


class PracticeLink(Schema):
    slug: str
    title: str
    url: str
    api_url: str


class PracticeSummary(Schema):
    slug: str
    url: str = Field(description="The practice's public page")
    api_url: str
    title: str
    original_title: str = Field(description="The title in its original language, if given")
    original_language: str = Field(description="Language code of the original title")
    summary: str
    kind: Kind | Literal[""]
    level: Level | Literal[""]
    start_year: int | None
    end_year: int | None
    status: Status = Field(description="Ongoing if there is no end year or it is not yet past")
    regions: list[RegionRef]
    lead_organisation: Term
    partner_organisations: list[Term]
    target_groups: list[Term]
    themes: list[Term]
    funding_sources: list[Term]
    evidence_level: Evidence
    published_at: datetime | None
    last_reviewed_on: date | None


class Reference(Schema):
    title: str
    url: str
    date: date | None


class Identifier(Schema):
    scheme: str
    value: str


class PracticeRecord(PracticeSummary):
    description: str
    people_reached: int | None
    resources: str
    results: str
    success_factors: str
    challenges: str
    evaluation_note: str
    transferability: str
    key_lesson: str
    website: str
    public_contact_email: str
    contact_name: str
    contact_email: str = Field(description="Only where the person agreed to publish it")
    references: list[Reference]
    identifiers: list[Identifier]
    adapted_from: PracticeLink | None
    adaptations: list[PracticeLink]
    related: list[PracticeLink]


class FacetOption(Schema):
    value: str
    label: str
    count: int
    selected: bool


class Facet(Schema):
    name: str
    label: str
    options: list[FacetOption]


class PracticePage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[PracticeSummary]
    facets: list[Facet] | None = Field(None, description="With ?facets=1: the page's counts")


class PracticeFilters(Schema):
    """The list page's query string (README: the list's parameters)."""

    q: str = Field("", max_length=MAX_QUERY_LENGTH, description="Search text")
    country: list[str] = Field([], description="ISO codes, e.g. ES")
    region: list[str] = Field([], description="Region slugs (/api/v1/regions/)")
    organisation: list[str] = Field([], description="Organisation slugs (lead or partner)")
    target_group: list[str] = Field([], description="Slugs (/api/v1/vocabularies/)")
    theme: list[str] = Field([], description="Slugs (/api/v1/vocabularies/)")
    funding: list[str] = Field([], description="Slugs (/api/v1/vocabularies/)")
    kind: list[Kind] = []
    level: list[Level] = []
    evidence: list[Evidence] = []
    status: list[Status] = []
    start_from: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    start_to: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    sort: Sort | Literal[""] = Field("", description="Default: relevance for a search, else newest")
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
    facets: bool = Field(False, description="Add the facet counts")


class RegionOut(Schema):
    slug: str
    name: str
    country: str
    country_name: str
    nuts_code: str
    is_member: bool
    website: str
    description: str
    practice_count: int
    url: str
    api_url: str
    practices_api_url: str


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    region: str | None = Field(description="Region slug; none for Europe-wide networks")
    country: str | None
    website: str
    practices_api_url: str


class RegionDetail(RegionOut):
    organisations: list[OrganisationOut]


class OrganisationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[OrganisationOut]


class Choice(Schema):
    value: str
    label: str


class TermOut(Schema):
    slug: str
    name: str
    description: str
    url: str | None


class Vocabularies(Schema):
    target_groups: list[TermOut]
    themes: list[TermOut]
    funding_sources: list[TermOut]
    kinds: list[Choice]
    levels: list[Choice]
    evidence_levels: list[Choice]
    statuses: list[Choice]
    sort_orders: list[Choice]


# Problems ------------------------------------------------------------------------------------

ACCEPTS = {
    "q": f"text of at most {MAX_QUERY_LENGTH} characters",
    "country": "ISO 3166 codes of countries with regions in the catalogue",
    "region": "region slugs, as /api/v1/regions/ lists them",
    "organisation": "organisation slugs, as /api/v1/organisations/ lists them",
    "target_group": "target group slugs, as /api/v1/vocabularies/ lists them",
    "theme": "theme slugs, as /api/v1/vocabularies/ lists them",
    "funding": "funding source slugs, as /api/v1/vocabularies/ lists them",
    "kind": "one or more of " + ", ".join(Practice.Kind.values),
    "level": "one or more of " + ", ".join(Practice.Level.values),
    "evidence": "one or more of " + ", ".join(Practice.EvidenceLevel.values),
    "status": "ongoing or completed",
    "start_from": f"a year from {FIRST_YEAR} to {LAST_YEAR}, not after start_to",
    "start_to": f"a year from {FIRST_YEAR} to {LAST_YEAR}, not before start_from",
    "sort": "one of " + ", ".join(value for value, _ in SORT_CHOICES),
    "page": "a whole number from 1 to the last page",
    "page_size": f"a whole number from 1 to {MAX_PAGE_SIZE}",
    "facets": "true or false (1 or 0)",
}


def problem(request, status: int, title: str, detail: str, *, kind: str, invalid=()):
    body = {
        "type": request.build_absolute_uri(reverse("api_guide")) + f"#problem-{kind}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if invalid:
        body["invalid_params"] = list(invalid)
    return HttpResponse(json.dumps(body), status=status, content_type=PROBLEM_TYPE)


def invalid_param(name: str, value: str = "") -> dict[str, str]:
    accepts = ACCEPTS.get(name, "see /api/v1/openapi.json")
    shown = f"“{value[:40]}” is not accepted: " if value else ""
    return {"name": name, "reason": f"{shown}{name} takes {accepts}."}


def _bad_request(request, invalid):
    names = ", ".join(dict.fromkeys(item["name"] for item in invalid))
    return problem(
        request,
        400,
        "Invalid query parameter",
        f"Check {names}: each is described in invalid_params.",
        kind="invalid-parameter",
        invalid=invalid,
    )


@api.exception_handler(ValidationError)
def validation_problem(request, error):
    """A value the schema refuses (`page=abc`), with whatever else the list's filters refuse:
    one answer names every bad parameter."""
    invalid = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("query", "filters")]
        name = location[0] if location else "query"
        invalid.append(invalid_param(name, request.GET.get(name, "")))
    invalid.extend(problem for problem in filter_problems(request.GET) if problem not in invalid)
    return _bad_request(request, invalid)


@api.exception_handler(Http404)
def not_found_problem(request, error):
    return problem(request, 404, "Not found", str(error) or "Nothing here.", kind="not-found")


@api.exception_handler(HttpError)
def http_problem(request, error):
    return problem(request, error.status_code, "Gone", str(error), kind="gone")


def not_found(request, path=""):
    """Any other address under /api/v1/: a 404 problem, not the site's HTML page."""
    return problem(
        request,
        404,
        "Not found",
        "There is no such address in the API: /api/v1/openapi.json lists them.",
        kind="not-found",
    )


# Practices -----------------------------------------------------------------------------------


def _practice_urls(request, slug: str) -> dict[str, str]:
    return {
        "url": request.build_absolute_uri(reverse("practices:detail", args=[slug])),
        "api_url": request.build_absolute_uri(reverse("api:practice", args=[slug])),
    }


def _regions(rows) -> list[dict]:
    return [
        {key: row.get(key) or "" for key in ("slug", "name", "country", "nuts_code")}
        for row in rows
    ]


def _terms(rows) -> list[dict]:
    return [{"slug": row["slug"], "name": row["name"]} for row in rows]


def summary_of(request, practice: Practice, this_year: int | None = None) -> dict:
    """The list's fields of a practice read with `for_record()` (or `for_detail()`)."""
    return {
        "slug": practice.slug,
        **_practice_urls(request, practice.slug),
        "title": practice.title,
        "original_title": practice.original_title,
        "original_language": practice.original_language,
        "summary": practice.summary,
        "kind": practice.kind,
        "level": practice.level,
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "status": "ongoing" if is_ongoing(practice.end_year, this_year) else "completed",
        "regions": _regions(practice.regions_json),
        "lead_organisation": {
            "slug": practice.lead_organisation.slug,
            "name": practice.lead_organisation.name,
        },
        "partner_organisations": _terms(practice.partners_json),
        "target_groups": _terms(practice.target_groups_json),
        "themes": _terms(practice.themes_json),
        "funding_sources": _terms(practice.funding_sources_json),
        "evidence_level": practice.evidence_level,
        "published_at": practice.published_at,
        "last_reviewed_on": practice.last_reviewed_on,
    }


def _link(request, practice) -> dict:
    return {
        "slug": practice.slug,
        "title": practice.title,
        **_practice_urls(request, practice.slug),
    }


def record_of(request, practice: Practice) -> dict:
    """Everything the public page shows of a practice read with `for_detail()`."""
    context = practice_detail_context(practice)
    adapted_from = context["adapted_from"]
    return {
        **summary_of(request, practice),
        "description": practice.description,
        "people_reached": practice.people_reached,
        "resources": practice.resources,
        "results": practice.results,
        "success_factors": practice.success_factors,
        "challenges": practice.challenges,
        "evaluation_note": practice.evaluation_note,
        "transferability": practice.transferability,
        "key_lesson": practice.key_lesson,
        "website": practice.website,
        "public_contact_email": practice.public_contact_email,
        "contact_name": practice.contact_name,
        "contact_email": practice.contact_email if practice.contact_email_is_public else "",
        "references": [
            {"title": r.title, "url": r.url, "date": r.date} for r in context["references"]
        ],
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in context["identifiers"]],
        "adapted_from": _link(request, adapted_from) if adapted_from else None,
        "adaptations": [_link(request, p) for p in context["adaptations"]],
        "related": [_link(request, p) for p in context["related"]],
    }


def _page_links(request, number: int, num_pages: int) -> tuple[str | None, str | None]:
    def link(page):
        params = request.GET.copy()
        params["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return (
        link(number + 1) if number < num_pages else None,
        link(number - 1) if number > 1 else None,
    )


def _facets(facets) -> list[dict]:
    return [
        {
            "name": facet.name,
            "label": facet.label,
            "options": [
                {
                    "value": option.value,
                    "label": option.label,
                    "count": option.count,
                    "selected": option.selected,
                }
                for option in facet.options
            ],
        }
        for facet in sorted(facets.shown(), key=lambda f: FACET_ORDER.index(f.name))
    ]


def filter_problems(params: QueryDict, filterset=None) -> list[dict[str, str]]:
    """What the list's filters had to leave out of `params`, as `invalid_params`."""
    filterset = filterset or filter_practices(params)
    filterset.errors  # noqa: B018 - fills the notices
    invalid = []
    for name in filterset.form.notices:
        rejected = getattr(filterset.form.fields[name], "rejected", [])
        invalid.extend(invalid_param(name, value) for value in rejected or [""])
    return invalid


def checked_filters(request, params: QueryDict):
    """The list's filterset for `params`, or a 400 problem naming what it had to leave out."""
    version = version_of(request)
    filterset = filter_practices(params, vocabularies=load_vocabularies(version))
    invalid = filter_problems(params, filterset)
    if invalid:
        return version, None, _bad_request(request, invalid)
    return version, filterset, None


def version_of(request) -> int:
    """The catalogue version the middleware read for the validators, or read now."""
    version = getattr(request, "catalogue_version", None)
    return catalogue_version() if version is None else version


def json_response(schema, data) -> HttpResponse:
    """`data` checked against its schema and written as JSON: what ninja would answer, kept as
    bytes so the catalogue cache can hold it."""
    body = schema.model_validate(data).model_dump_json()
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api.get(
    "/practices/",
    response={200: PracticePage, 400: Problem, 404: Problem},
    url_name="practices",
    summary="Practices, filtered and ordered as the list page",
)
def list_practices(request, filters: Query[PracticeFilters]):
    """Remembered per catalogue version as JSON, as the list page keeps its HTML: a list asked
    for before at this version costs the version's query alone."""
    version, filterset, bad = checked_filters(request, request.GET)
    if bad:
        return bad
    key = (
        *("api practices", base_url_of(request), tuple(sorted(filterset.query_params().lists()))),
        *(filters.page, filters.page_size, filters.facets),
    )
    answer = cached(version, key, lambda: _practice_list(request, filterset, filters, version))
    if answer["body"] is None:
        return problem(
            request,
            404,
            "No such page",
            f"There is no page {filters.page}: this list has {answer['pages']}.",
            kind="not-found",
        )
    return HttpResponse(answer["body"], content_type="application/json; charset=utf-8")


def _practice_list(request, filterset, filters, version) -> dict:
    paginator = list_paginator(
        filterset,
        version,
        filters.page_size,
        rows=published_for_record(),
        shape="for_record",
    )
    facets = compute_facets(filterset.selection, version)
    paginator.count = facets.total
    if filters.page > paginator.num_pages:
        return {"pages": paginator.num_pages, "body": None}
    page = paginator.page(filters.page)
    next_url, previous_url = _page_links(request, page.number, paginator.num_pages)
    data = {
        "count": facets.total,
        "next": next_url,
        "previous": previous_url,
        "results": [summary_of(request, practice) for practice in page.object_list],
        "facets": _facets(facets) if filters.facets else None,
    }
    return {"pages": paginator.num_pages, "body": json_response(PracticePage, data).content}


@api.get(
    "/practices/{slug}/",
    response={200: PracticeRecord, 404: Problem, 410: Problem},
    url_name="practice",
    summary="A published practice: everything its public page shows",
)
def get_practice(request, slug: str):
    """Remembered per catalogue version, as the practice page is."""
    key = ("api practice", base_url_of(request), slug)
    answer = cached(version_of(request), key, lambda: _practice_record(request, slug))
    if answer == "missing":
        raise Http404(f"No published practice has the slug “{slug[:60]}”.")
    if answer == "archived":
        raise HttpError(410, "This practice was archived: it is no longer in the catalogue.")
    return HttpResponse(answer, content_type="application/json; charset=utf-8")


def _practice_record(request, slug: str):
    try:
        practice = on_site_for_detail().get(slug=slug)
    except Practice.DoesNotExist:
        return "missing"
    if practice.status == Practice.Status.ARCHIVED:
        return "archived"
    return json_response(PracticeRecord, record_of(request, practice)).content


# Regions, organisations, vocabularies --------------------------------------------------------


def _region_out(request, region, count: int) -> dict:
    return {
        "slug": region.slug,
        "name": region.name,
        "country": region.country.code,
        "country_name": country_name(region.country.code),
        "nuts_code": region.nuts_code,
        "is_member": region.is_member,
        "website": region.website,
        "description": region.description,
        "practice_count": count,
        "url": request.build_absolute_uri(region.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api:region", args=[region.slug])),
        "practices_api_url": _practices_api_url(request, region=region.slug),
    }


def _practices_api_url(request, **params) -> str:
    query = QueryDict(mutable=True)
    query.update(params)
    return request.build_absolute_uri(f"{reverse('api:practices')}?{query.urlencode()}")


def _published_counts():
    return Region.objects.annotate(
        n=Count("practices", filter=Q(practices__status=Practice.Status.PUBLISHED))
    )


@api.get("/regions/", response=list[RegionOut], url_name="regions", summary="Every region")
def list_regions(request):
    regions = _published_counts().order_by("country", "name")
    return [_region_out(request, region, region.n) for region in regions]


def _organisation_out(request, organisation) -> dict:
    region = organisation.region
    return {
        "slug": organisation.slug,
        "name": organisation.name,
        "kind": organisation.kind,
        "region": region.slug if region else None,
        "country": region.country.code if region else None,
        "website": organisation.website,
        "practices_api_url": _practices_api_url(request, organisation=organisation.slug),
    }


@api.get(
    "/regions/{slug}/",
    response={200: RegionDetail, 404: Problem},
    url_name="region",
    summary="A region with its organisations",
)
def get_region(request, slug: str):
    region = _published_counts().filter(slug=slug).first()
    if region is None:
        raise Http404(f"There is no region with the slug “{slug[:60]}”.")
    organisations = region.organisations.select_related("region").order_by("name")
    return {
        **_region_out(request, region, region.n),
        "organisations": [_organisation_out(request, o) for o in organisations],
    }


class PageParams(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


@api.get(
    "/organisations/",
    response={200: OrganisationPage, 400: Problem, 404: Problem},
    url_name="organisations",
    summary="Every organisation, by name",
)
def list_organisations(request, params: Query[PageParams]):
    organisations = Organisation.objects.select_related("region").order_by("name", "pk")
    paginator = Paginator(organisations, params.page_size)
    if params.page > paginator.num_pages:
        raise Http404(f"There is no page {params.page}: this list has {paginator.num_pages}.")
    page = paginator.page(params.page)
    next_url, previous_url = _page_links(request, page.number, paginator.num_pages)
    return {
        "count": paginator.count,
        "next": next_url,
        "previous": previous_url,
        "results": [_organisation_out(request, o) for o in page.object_list],
    }


def _terms_out(request, model) -> list[dict]:
    def compute():
        return [
            {
                "slug": term.slug,
                "name": term.name,
                "description": term.description,
                "path": term.get_absolute_url() if hasattr(term, "get_absolute_url") else None,
            }
            for term in model.objects.order_by("name")
        ]

    terms = cached(catalogue_version(), ("api terms", model.__name__), compute)
    return [
        {
            "slug": term["slug"],
            "name": term["name"],
            "description": term["description"],
            "url": request.build_absolute_uri(term["path"]) if term["path"] else None,
        }
        for term in terms
    ]


def _choices(choices) -> list[dict]:
    return [{"value": str(value), "label": str(label)} for value, label in choices]


@api.get("/vocabularies/", response=Vocabularies, url_name="vocabularies", summary="The terms")
def vocabularies(request):
    return {
        "target_groups": _terms_out(request, TargetGroup),
        "themes": _terms_out(request, Theme),
        "funding_sources": _terms_out(request, FundingSource),
        "kinds": _choices(Practice.Kind.choices),
        "levels": _choices(Practice.Level.choices),
        "evidence_levels": _choices(Practice.EvidenceLevel.choices),
        "statuses": _choices(STATUS_CHOICES),
        "sort_orders": _choices(SORT_CHOICES),
    }


@require_safe
def practices_jsonl(request):
    """/api/v1/practices.jsonl: the same practices and columns as the CSV export, streamed by its
    writer as JSON Lines; a bad parameter is a 400 problem, as everywhere in the API."""
    _version, filterset, bad = checked_filters(request, request.GET)
    if bad:
        return bad
    return jsonl_response(
        filterset.qs, base_url=base_url_of(request), filters=filterset.cleaned_data
    )
