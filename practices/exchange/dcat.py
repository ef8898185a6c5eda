"""The catalogue described in DCAT-AP (`/catalog.jsonld`), so data.europa.eu or a national open
data portal can harvest it: one `dcat:Catalog` holding one `dcat:Dataset` (the published
practices), with a distribution for each way to get them (CSV, JSON Lines, the JSON API as a
`dcat:DataService`, the Atom feed), its publisher, contact point, language, themes, keywords,
and temporal and spatial coverage read from the data, and the licence of `DATA_LICENCE`.

Controlled vocabularies are the EU's own (the Publications Office's authority tables for
languages, countries, data themes, file types and frequencies), as DCAT-AP asks.
"""

import datetime

from django.conf import settings
from django.db.models import Max, Min
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django_countries import countries

from regions.models import Region

from ..browse.cache import cached, catalogue_stamp
from ..models import Practice, TargetGroup, Theme

AUTHORITY = "http://publications.europa.eu/resource/authority"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _uri(value: str) -> dict:
    return {"@id": value}


def _text(value: str) -> dict:
    return {"@value": value, "@language": "en"}


def _date(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


def _when(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:dateTime"}


def _coverage() -> dict:
    """What the published practices span: their start and end years, countries, keywords."""
    published = Practice.objects.published()
    years = published.aggregate(first=Min("start_year"), last=Max("end_year"))
    codes = sorted(
        Region.objects.filter(practices__status=Practice.Status.PUBLISHED)
        .values_list("country", flat=True)
        .distinct()
    )
    keywords = [
        *TargetGroup.objects.filter(practices__status=Practice.Status.PUBLISHED)
        .distinct()
        .values_list("name", flat=True),
        *Theme.objects.filter(practices__status=Practice.Status.PUBLISHED)
        .distinct()
        .values_list("name", flat=True),
    ]
    return {"years": years, "countries": codes, "keywords": sorted(set(keywords))}


def catalogue_description(base: str) -> dict:
    version, changed_at = catalogue_stamp()
    coverage = cached(version, ("dcat coverage",), _coverage)

    def url(name: str, *args) -> str:
        return base + reverse(name, args=args)

    licence = {"@id": settings.DATA_LICENCE, "@type": "dct:LicenseDocument"}
    publisher = {
        "@id": "https://www.earlall.eu/",
        "@type": "foaf:Agent",
        "foaf:name": "EARLALL, the European Association of Regional and Local Authorities "
        "for Lifelong Learning",
        "foaf:homepage": _uri("https://www.earlall.eu/"),
    }
    contact = {
        "@type": "vcard:Organization",
        "vcard:fn": "EARLALL secretariat",
        "vcard:hasURL": _uri(settings.DATA_CONTACT_URL),
    }
    api = {
        "@id": url("api:openapi-json") + "#service",
        "@type": "dcat:DataService",
        "dct:title": _text("EARLALL Practices API"),
        "dct:description": _text(
            "A read-only JSON API of the published practices, with the list's filters."
        ),
        "dcat:endpointURL": _uri(base + "/api/v1/"),
        "dcat:endpointDescription": _uri(url("api:openapi-json")),
        "dct:license": licence,
    }

    def distribution(title, description, access, media_type, file_type, **more):
        return {
            "@type": "dcat:Distribution",
            "dct:title": _text(title),
            "dct:description": _text(description),
            "dcat:accessURL": _uri(access),
            "dcat:mediaType": _uri(f"http://www.iana.org/assignments/media-types/{media_type}"),
            "dct:format": _uri(f"{AUTHORITY}/file-type/{file_type}"),
            "dct:license": licence,
            **more,
        }

    csv_url, jsonl_url = url("practices:export"), url("api_jsonl")
    distributions = [
        distribution(
            "Every published practice as CSV",
            "UTF-8 with a byte-order mark, one row per practice; any list's filters may be added "
            "to the address.",
            csv_url,
            "text/csv",
            "CSV",
            **{"dcat:downloadURL": _uri(csv_url)},
        ),
        distribution(
            "Every published practice as JSON Lines",
            "The CSV's columns, one JSON object per practice.",
            jsonl_url,
            "application/jsonl",
            "JSON",
            **{"dcat:downloadURL": _uri(jsonl_url)},
        ),
        distribution(
            "The JSON API",
            "Practices, regions, organisations and vocabularies.",
            base + "/api/v1/",
            "application/json",
            "JSON",
            **{"dcat:accessService": api},
        ),
        distribution(
            "New practices as an Atom feed",
            "The 50 newest published practices of any list.",
            url("practices:feed"),
            "application/atom+xml",
            "ATOM",
        ),
    ]
    years = coverage["years"]
    dataset = {
        "@id": url("practices:list") + "#dataset",
        "@type": "dcat:Dataset",
        "dct:title": _text("Good practices for inclusive labour markets and lifelong learning"),
        "dct:description": _text(
            "Programmes, projects, services, policies and methods from European regions that "
            "bring people outside the labour market into learning and work: who each is for, "
            "where it runs, who leads it, how it is funded, what it achieved and what another "
            "region needs to take it over."
        ),
        "dct:publisher": publisher,
        "dcat:contactPoint": contact,
        "dcat:landingPage": _uri(url("practices:list")),
        "dct:language": _uri(f"{AUTHORITY}/language/ENG"),
        "dcat:theme": [_uri(f"{AUTHORITY}/data-theme/EDUC"), _uri(f"{AUTHORITY}/data-theme/SOCI")],
        "dcat:keyword": [_text(keyword) for keyword in coverage["keywords"]],
        "dct:spatial": [
            _uri(f"{AUTHORITY}/country/{countries.alpha3(code)}")
            for code in coverage["countries"]
            if countries.alpha3(code)
        ],
        "dct:accrualPeriodicity": _uri(f"{AUTHORITY}/frequency/CONT"),
        "dcat:distribution": distributions,
        "dct:license": licence,
    }
    if years["first"]:
        period = {"@type": "dct:PeriodOfTime", "dcat:startDate": _date_of_year(years["first"])}
        if years["last"]:
            period["dcat:endDate"] = _date_of_year(years["last"], end=True)
        dataset["dct:temporal"] = period
    if changed_at:
        dataset["dct:modified"] = _when(changed_at)
    return {
        "@context": CONTEXT,
        "@id": base + reverse("dcat"),
        "@type": "dcat:Catalog",
        "dct:title": _text("EARLALL Practices"),
        "dct:description": _text(
            "The catalogue of good practices kept by EARLALL and its member regions."
        ),
        "dct:publisher": publisher,
        "foaf:homepage": _uri(base + "/"),
        "dct:language": _uri(f"{AUTHORITY}/language/ENG"),
        "dct:license": licence,
        "dcat:dataset": [dataset],
        "dcat:service": [api],
        **({"dct:modified": _when(changed_at)} if changed_at else {}),
    }


def _date_of_year(year: int, *, end: bool = False) -> dict:
    return _date(datetime.date(year, 12, 31) if end else datetime.date(year, 1, 1))


@require_safe
def catalogue_jsonld(request):
    base = request.build_absolute_uri("/").rstrip("/")
    response = JsonResponse(catalogue_description(base), json_dumps_params={"indent": 1})
    response["Content-Type"] = "application/ld+json"
    return response
