"""The interface's languages: addresses, the first visit, the switcher, alternates, the admin.

practices/languages.py; the catalogues themselves: test_translations.py.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from practices.models import Practice, TargetGroup

CODES = [code for code, _name in settings.LANGUAGES]
NEETS_LIST = "/practices/?target_group=neets&country=ES"


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_address_and_html_lang(code, catalogue, client):
    prefix = "" if code == "en" else f"/{code}"
    response = client.get(f"{prefix}{NEETS_LIST}")
    assert response.status_code == 200
    assert html_lang(response) == code


@pytest.mark.django_db
def test_english_keeps_todays_addresses(catalogue, client):
    with translation.override("en"):
        assert reverse("practices:list") == "/practices/"
    response = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "/en/" not in response["Content-Language"] + response.content.decode()[:200]
    assert client.get("/en/practices/").status_code == 404


@pytest.mark.django_db
def test_a_first_visit_follows_the_browsers_languages(catalogue, client):
    response = client.get(NEETS_LIST, HTTP_ACCEPT_LANGUAGE="eu-ES,eu;q=0.9,es;q=0.8,en;q=0.5")
    assert response.status_code == 302
    assert response["Location"] == f"/eu{NEETS_LIST}"
    assert {"accept-language", "cookie"} <= {v.strip().lower() for v in response["Vary"].split(",")}
    # A language the site does not speak is passed over for the next one.
    response = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="pl,nb;q=0.8")
    assert response["Location"] == "/nb/practices/"
    # Regional variants find their language; English, or none, stays where it is.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-AT")["Location"] == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="pl, en-US;q=0.7").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_switcher_keeps_the_page_and_its_query_string_and_is_remembered(catalogue, client):
    page = client.get(f"/es{NEETS_LIST}").content.decode()
    switch = reverse("choose_language", args=["sv"])
    links = re.findall(r'<a href="(/language/[^"]+)" hreflang="(\w+)" lang="\w+"', page)
    assert [code for _href, code in links] == CODES
    href = {code: href for href, code in links}["sv"].replace("&amp;", "&")
    assert href.startswith(switch)
    response = client.get(href)
    assert response.status_code == 302
    assert response["Location"] == f"/sv{NEETS_LIST}"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "sv"
    # Chosen: an unprefixed address follows the choice, whatever the browser says...
    response = client.get("/practices/", HTTP_ACCEPT_LANGUAGE="es")
    assert response["Location"] == "/sv/practices/"
    # ...and choosing English stays in English.
    response = client.get(reverse("choose_language", args=["en"]), {"next": f"/sv{NEETS_LIST}"})
    assert response["Location"] == NEETS_LIST
    assert client.get(NEETS_LIST, HTTP_ACCEPT_LANGUAGE="es").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)"]
)
def test_the_switcher_never_leaves_the_site(next_url, client):
    response = client.get(reverse("choose_language", args=["fr"]), {"next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


@pytest.mark.django_db
def test_an_unknown_language_in_the_switcher_falls_back_to_english(client):
    response = client.get(reverse("choose_language", args=["xx"]), {"next": "/practices/"})
    assert response["Location"] == "/practices/"


@pytest.mark.django_db
def test_every_page_lists_its_translations_and_its_canonical_address(catalogue, client):
    page = client.get(f"/eu{NEETS_LIST}").content.decode().replace("&amp;", "&")
    alternates = dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', page)
    )
    assert set(alternates) == {*CODES, "x-default"}
    assert alternates["en"] == alternates["x-default"] == f"http://testserver{NEETS_LIST}"
    assert alternates["nb"] == f"http://testserver/nb{NEETS_LIST}"
    assert f'<link rel="canonical" href="http://testserver/eu{NEETS_LIST}">' in page


@pytest.mark.django_db
def test_a_csv_is_the_same_file_in_every_language(catalogue, client):
    neets = TargetGroup.objects.get(slug="neets")
    neets.name_es = "Jóvenes que ni estudian ni trabajan (NEET)"
    neets.save()
    english = client.get("/practices/export.csv?target_group=neets&country=ES")
    spanish = client.get("/es/practices/export.csv?target_group=neets&country=ES")
    assert spanish["Content-Disposition"] == english["Content-Disposition"]
    assert "neets-spain" in english["Content-Disposition"]
    body = b"".join(spanish.streaming_content)
    assert body == b"".join(english.streaming_content)
    assert b"NEETs" in body
    assert b"/es/" not in body


@pytest.mark.django_db
def test_the_open_data_is_the_same_in_every_language(catalogue, client):
    for path in ("/api/v1/practices/", "/sitemap.xml", "/robots.txt", "/catalog.jsonld"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
        assert response.status_code == 200, path
    assert client.get("/es/api/v1/practices/").status_code == 404


@pytest.mark.django_db
def test_a_page_cached_in_one_language_is_never_served_in_another(catalogue, client):
    neets = TargetGroup.objects.get(slug="neets")
    neets.name_es = "Jóvenes que ni estudian ni trabajan (NEET)"
    neets.save()
    for path in (
        "/practices/",
        "/practices/?country=ES",
        f"/practices/{catalogue.practices.alma.slug}/",
    ):
        for code in ("es", "en", "es", "en"):
            prefix = "" if code == "en" else f"/{code}"
            page = client.get(prefix + path).content.decode()
            assert html_lang_of(page) == code
            if "country" in path or path == "/practices/":
                assert (neets.name_es in page) == (code == "es"), (path, code)


def html_lang_of(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/practices/?target_group=neets", "/", "practice"])
def test_a_page_costs_the_same_queries_in_every_language(path, catalogue, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practices.browse import cache

    if path == "practice":
        path = f"/practices/{catalogue.practices.alma.slug}/"
    counts = {}
    for code in ("en", "eu"):
        prefix = "" if code == "en" else f"/{code}"
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            assert client.get(prefix + path).status_code == 200
        with CaptureQueriesContext(connection) as warm:
            client.get(prefix + path)
        counts[code] = (len(cold), len(warm))
    assert counts["eu"] == counts["en"]


@pytest.mark.django_db
def test_the_admin_speaks_the_members_language_and_keeps_its_second_factor(editor, client):
    response = client.get("/es/admin/login/")
    assert response.status_code == 200
    assert html_lang(response) == "es"
    client.force_login(editor, verified=False)
    response = client.get("/es/admin/practices/practice/")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/admin/two-factor/")


def result_slugs(client, path) -> set[str]:
    page = client.get(path).content.decode()
    return set(
        re.findall(
            r'<h3 class="practice-card__title"><a href="(?:/\w\w)?/practices/([\w-]+)/"', page
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "typed", "slug"),
    [
        ("es", "discapacidad", "persons-with-disabilities"),
        ("eu", "desgaitasuna", "persons-with-disabilities"),
        ("de", "Zugewanderte", "migrants-and-refugees"),
        ("sv", "studerar", "neets"),
    ],
)
def test_a_search_in_the_visitors_language_finds_the_translated_terms(
    code, typed, slug, catalogue, client
):
    term = TargetGroup.objects.get(slug=slug)
    filed = set(term.practices.published().values_list("slug", flat=True))
    assert filed, "the catalogue files practices under this target group"
    assert typed.lower() in getattr(term, f"name_{code}").lower()
    assert result_slugs(client, f"/{code}/practices/?q={typed}") >= filed


@pytest.mark.django_db
def test_the_entries_keep_their_language_on_a_translated_page(catalogue, client):
    practice = catalogue.practices.alma
    practice.original_title = "ALMA: mobilitat per a joves"
    practice.original_language = "ca"
    practice.save()
    page = client.get(f"/eu/practices/{practice.slug}/").content.decode()
    assert html_lang_of(page) == "eu"
    assert f'<h1 lang="en">{practice.title}</h1>' in page
    assert '<span lang="ca">ALMA: mobilitat per a joves</span>' in page
    listing = client.get("/eu/practices/").content.decode()
    assert f'lang="en">{practice.title}</a></h3>' in listing


@pytest.mark.django_db
def test_a_country_is_found_by_its_name_in_any_language(catalogue, client):
    in_spain = set(
        Practice.objects.published()
        .filter(regions__country="ES")
        .values_list("slug", flat=True)
        .distinct()
    )
    for typed in ("Espagne", "Spanien", "Espainia"):
        assert result_slugs(client, f"/fr/practices/?q={typed}") == in_spain, typed


def test_a_translated_term_name_asks_for_the_english_one_too():
    from practices.browse.search import parse_search, with_translated_names
    from practices.browse.vocabularies import Term

    terms = [
        Term(
            1,
            "persons-with-disabilities",
            "Personas con discapacidad",
            "",
            "Persons with disabilities",
        ),
        Term(
            2,
            "long-term-unemployed",
            "Personas desempleadas de larga duración",
            "",
            "Long-term unemployed",
        ),
        Term(3, "erasmus-plus", "Erasmus+", "", "Erasmus+"),
    ]
    assert with_translated_names("empleo", terms) == "empleo"
    assert with_translated_names("Erasmus+", terms) == "Erasmus+"
    expanded = with_translated_names("discapacidad empleo -rural", terms)
    assert parse_search(expanded) == [
        [(False, "discapacidad"), (False, "empleo"), (True, "rural")],
        [(False, "Persons with disabilities"), (False, "empleo"), (True, "rural")],
    ]
    # A word of two terms' names asks for either.
    assert parse_search(with_translated_names("personas", terms)) == [
        [(False, "personas")],
        [(False, "Persons with disabilities")],
        [(False, "Long-term unemployed")],
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["de", "fr", "es"])
def test_the_overviews_pictures_keep_their_coordinates_in_every_language(code, catalogue, client):
    """Numbers are written the language's way ("12,5") but an SVG's coordinates never are."""
    import xml.etree.ElementTree as ET

    page = client.get(f"/{code}/practices/overview/").content.decode()
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.DOTALL)
    assert len(svgs) >= 3
    for svg in svgs:
        for name, value in re.findall(r'\s(x|y|width|height|cx|cy|r|x1|x2|y1|y2)="([^"]*)"', svg):
            assert re.fullmatch(r"-?[0-9.]+", value), (name, value)
    for name in ("map", "timeline"):
        response = client.get(f"/{code}/practices/overview/{name}.svg")
        assert response.status_code == 200
        ET.fromstring(response.content)  # noqa: S314 - the site's own answer
