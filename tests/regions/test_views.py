"""The regions page (all regions by country, with counts) and one region's page (its
organisations and the practice list filtered by it)."""

import re

import pytest

from practices.models import Practice

pytestmark = pytest.mark.django_db


def test_the_regions_page_groups_regions_by_country_with_their_counts(client, catalogue):
    html = client.get("/regions/").content.decode()
    countries = re.findall(r'<h2 id="country-([A-Z]{2})">([^<]+)</h2>', html)
    assert countries == [("NO", "Norway"), ("ES", "Spain"), ("SE", "Sweden")]
    spain = html[html.index('id="country-ES"') : html.index('id="country-SE"')]
    # The draft in Catalonia is not counted; the cross-border project counts in each region.
    assert re.search(r'href="/regions/catalonia/">Catalonia</a>\s*<span class="count">2<', spain)
    assert re.search(
        r'href="/regions/basque-country/">Basque Country</a>\s*<span class="count">2<', spain
    )
    # Per country, a practice in two of its regions counts once.
    assert '<a href="/practices/?country=ES">All 3 practices in Spain</a>' in spain
    assert spain.index("Basque Country") < spain.index("Catalonia")


def test_a_region_without_practices_is_listed_with_zero(client, catalogue, region_factory):
    region_factory(name="Åland", slug="aland", country="FI")
    html = client.get("/regions/").content.decode()
    assert re.search(r'href="/regions/aland/">Åland</a>\s*<span class="count">0<', html)
    assert "No published practices yet." in html


def test_the_regions_page_runs_two_queries(client, catalogue, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.get("/regions/").status_code == 200


def test_a_region_page_shows_its_organisations_and_practices(client, catalogue):
    html = client.get("/regions/catalonia/").content.decode()
    assert "<h1>Catalonia</h1>" in html
    assert "Spain · NUTS ES51" in html
    assert (
        '<a href="/practices/?organisation=soc">Servei Públic d&#x27;Ocupació de Catalunya</a>'
        in html
    )
    assert "2 practices" in html
    assert "ALMA: mobility for young people" in html
    assert "Cross-border guidance for NEETs" in html
    assert "A draft about NEETs" not in html


def test_a_region_page_is_the_list_filtered_by_the_region(client, catalogue):
    html = client.get("/regions/catalonia/?status=completed&region=trondelag").content.decode()
    # The address fixes the region: a region in the query string cannot replace it.
    assert "1 practice" in html
    assert "Cross-border guidance for NEETs" in html
    assert 'name="region"' not in html
    assert 'name="country"' not in html
    assert (
        '<a href="/practices/export.csv?region=catalonia&amp;status=completed">'
        "Download this practice (CSV)</a>"
    ) in html
    assert (
        '<form id="practice-filters" class="search-form" method="get" action="/regions/catalonia/"'
        in html
    )


def test_an_unknown_region_is_a_404(client, db):
    response = client.get("/regions/atlantis/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_region_page_runs_a_fixed_number_of_queries(
    client, catalogue, django_assert_num_queries, practice_factory
):
    # The region (1), its organisations (1), then the list's four.
    with django_assert_num_queries(6):
        client.get("/regions/catalonia/")
    for _ in range(5):
        practice_factory(published=True, regions=[catalogue.regions.catalonia])
    with django_assert_num_queries(6):
        html = client.get("/regions/catalonia/").content.decode()
    assert "7 practices" in html
    assert Practice.objects.published().filter(regions=catalogue.regions.catalonia).count() == 7
