"""The overview of a list: a map of Europe and charts whose every number is the list's own."""

import csv
import io
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from practices.browse.cache import clear
from practices.browse.facets import compute_facets
from practices.browse.overview import CHARTS, PICTURES
from practices.browse.selectors import filter_practices
from practices.models import Practice
from regions.maps import europe
from tests.factories import PracticeFactory, RegionFactory

OVERVIEW = "/practices/overview/"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear()
    yield
    clear()


def numbers(client, name, query):
    """A picture's numbers, as its CSV download gives them: {first cell: last cell}."""
    response = client.get(f"{OVERVIEW}{name}.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return {row[0]: int(row[-1]) for row in rows[1:]}


def svg_of(client, name, query):
    response = client.get(f"{OVERVIEW}{name}.svg?{query}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    return ET.fromstring(response.content)  # noqa: S314 - the site's own answer


def expected_counts(facets, name):
    """What the overview shows of a facet: its chosen values, or every value with practices."""
    facet = facets[name]
    options = [o for o in facet.options if o.selected] if facet.selected_count else facet.options
    return {o.label: o.count for o in options if o.count}


FILTER_VALUES = {
    "q": ["mobility", "Spain", "guidance"],
    "target_group": ["neets", "persons-with-disabilities", "migrants-and-refugees"],
    "theme": ["learning-mobility", "upskilling-and-reskilling", "guidance-and-counselling"],
    "country": ["ES", "NO", "SE"],
    "kind": ["programme", "project", "service"],
    "status": ["ongoing", "completed"],
    "evidence": ["monitored", "evaluated"],
}


@st.composite
def list_queries(draw):
    names = draw(st.sets(st.sampled_from(sorted(FILTER_VALUES)), max_size=3))
    pairs = []
    for name in sorted(names):
        if name == "q":
            pairs.append((name, draw(st.sampled_from(FILTER_VALUES[name]))))
        else:
            values = st.lists(st.sampled_from(FILTER_VALUES[name]), min_size=1, max_size=2)
            pairs.extend((name, value) for value in draw(values.map(sorted).map(set)))
    return urlencode(pairs)


@given(query=list_queries())
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
def test_every_number_is_the_lists_own(client, catalogue, query):
    facets = compute_facets(filter_practices(QueryDict(query)).selection)
    page = client.get(f"{OVERVIEW}?{query}")
    assert page.status_code == 200
    assert page.context["total"] == facets.total
    list_page = client.get(f"/practices/?{query}")
    assert list_page.context["total"] == facets.total

    # The map: each country's number, in its table, its CSV and written on it.
    countries = expected_counts(facets, "country")
    by_name = numbers(client, "map", query)
    assert by_name == {name: n for name, n in countries.items() if n}
    root = svg_of(client, "map", query)
    # The numbers written on the countries (the legend's classes are written too: not these).
    drawn = [int(t.text) for t in root.iter(f"{SVG}text") if t.get("paint-order") == "stroke"]
    assert sorted(drawn) == sorted(countries.values())

    # The charts: one bar per value, its number written beside it.
    for facet, name, _title in CHARTS:
        expected = expected_counts(facets, facet)
        assert numbers(client, name, query) == expected
        texts = [t.text for t in svg_of(client, name, query).iter(f"{SVG}text")]
        assert [int(t) for t in texts if t.isdigit()] == sorted(expected.values(), reverse=True)

    # The timeline: every practice of the list once, ongoing and completed apart.
    timeline = numbers(client, "timeline", query)
    assert sum(timeline.values()) == facets.total
    status = {o.value: o.count for o in facets["status"].options}
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"{OVERVIEW}timeline.csv?{query}").content.decode("utf-8-sig"))
        )
    )[1:]
    ongoing = sum(int(row[1]) for row in rows if row[1])
    completed = sum(int(row[2]) for row in rows if row[2])
    undated = sum(int(row[3]) for row in rows if not row[1])
    if not facets["status"].selected_count:
        assert ongoing + completed + undated == status["ongoing"] + status["completed"]


def test_every_country_link_leads_to_a_list_with_the_maps_number(client, catalogue):
    query = "target_group=neets"
    root = svg_of(client, "map", query)
    links = list(root.iter(f"{SVG}a"))
    assert links
    for link in links:
        href = link.get("href")
        label = link.get("aria-label")
        name, count = label.rsplit(": ", 1)
        response = client.get(href.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert response.context["total"] == int(count.split()[0]), (name, href)


def test_the_inline_pictures_are_well_formed_and_labelled(client, catalogue):
    html = client.get(f"{OVERVIEW}?country=ES&theme=learning-mobility").content.decode()
    svgs = re.findall(r"<svg\b.*?</svg>", html, re.S)
    assert len(svgs) == len(PICTURES)
    for text in svgs:
        root = ET.fromstring(text)  # noqa: S314 - the site's own page
        assert root.get("role") in ("img", "group")
        title_id, desc_id = root.get("aria-labelledby").split()
        assert root.find(f"title[@id='{title_id}']").text
        assert root.find(f"desc[@id='{desc_id}']").text
    for name in PICTURES:
        assert f'href="{OVERVIEW}{name}.svg?country=ES&amp;theme=learning-mobility"' in html
        assert f'href="{OVERVIEW}{name}.csv?country=ES&amp;theme=learning-mobility"' in html


def test_the_downloads_are_named_for_the_list(client, catalogue):
    response = client.get(f"{OVERVIEW}map.svg?target_group=neets&country=ES")
    assert re.fullmatch(
        r'attachment; filename="earlall-practices-map-neets-spain-\d{4}-\d\d-\d\d\.svg"',
        response["Content-Disposition"],
    )
    root = ET.fromstring(response.content)  # noqa: S314 - the site's own answer
    # A standalone file: the shapes themselves, not references to the site's sprite.
    assert root.find(f"{SVG}g/{SVG}path") is not None
    assert root.find(f".//{SVG}use") is None


@pytest.mark.parametrize("url", [f"{OVERVIEW}nothing.svg", f"{OVERVIEW}map.png"])
def test_an_unknown_picture_is_a_404(client, catalogue, url):
    assert client.get(url).status_code == 404


def test_unknown_values_are_left_out_with_a_message(client, catalogue):
    response = client.get(f"{OVERVIEW}?country=ZZ&start_from=soon&target_group=neets")
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is no country code “ZZ”, so it was left out." in text
    expected = compute_facets(filter_practices(QueryDict("target_group=neets")).selection)
    assert response.context["total"] == expected.total


def test_the_list_region_target_group_and_theme_pages_link_their_overview(client, catalogue):
    for page, overview in [
        ("/practices/?target_group=neets", f"{OVERVIEW}?target_group=neets"),
        ("/regions/catalonia/", f"{OVERVIEW}?region=catalonia"),
        ("/target-groups/neets/", f"{OVERVIEW}?target_group=neets"),
        ("/themes/learning-mobility/", f"{OVERVIEW}?theme=learning-mobility"),
    ]:
        assert f'href="{overview}"' in client.get(page).content.decode(), page


def test_a_cached_overview_costs_one_query(client, catalogue):
    url = f"{OVERVIEW}?target_group=neets&country=ES"
    with CaptureQueriesContext(connection) as cold:
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    # Cold: the version, the vocabularies, the facet counts, the timeline, the regions' places.
    assert len(cold) <= 5, [q["sql"][:80] for q in cold]
    assert len(warm) == 1


def test_the_home_page_opens_with_the_map_of_the_catalogue(client, catalogue):
    html = client.get("/").content.decode()
    assert html.index("Where the practices are") < html.index("By target group")
    facets = compute_facets(filter_practices({}).selection)
    for option in facets["country"].options:
        if option.count:
            assert f'aria-label="{option.label}: {option.count} practice' in html


def test_a_practice_page_shows_where_it_runs(client, catalogue):
    catalonia = catalogue.regions.catalonia
    catalonia.latitude, catalonia.longitude = 41.39, 2.17
    catalonia.save()
    html = client.get("/practices/cross-border-guidance/").content.decode()
    (locator,) = re.findall(r'<figure class="locator".*?</figure>', html, re.S)
    assert "Where it runs: " in locator
    for country in ("Spain", "Norway"):
        assert f'aria-label="All practices in {country}"' in locator
    x, y = europe().point(41.39, 2.17)
    assert f'cx="{x}" cy="{y}"' in locator


def test_a_region_takes_both_coordinates_or_neither(db):
    region = RegionFactory.build(latitude=63.4, longitude=None)
    with pytest.raises(ValidationError, match="both the latitude and the longitude"):
        region.full_clean()
    region.longitude = 10.4
    region.full_clean(exclude=["slug"])


def test_the_map_puts_a_place_where_the_shapes_put_its_country():
    the_map = europe()
    # Trondheim is in Norway's shape, Madrid in Spain's: both on the frame, north above south.
    trondheim, madrid = the_map.point(63.43, 10.40), the_map.point(40.42, -3.70)
    assert the_map.contains(trondheim)
    assert the_map.contains(madrid)
    assert trondheim[1] < madrid[1]
    assert {"NO", "ES", "IS", "CH", "GB", "RS", "BA", "AL", "MK", "ME", "XK", "MT", "CY"} <= set(
        the_map.by_code
    )


def test_practices_are_never_addressed_overview(db, published_practice):
    from practices.models import unique_slug

    assert unique_slug(Practice, "Overview") == "overview-2"
    # Nor by hand: the overview page has that address.
    published_practice.slug = "overview"
    with pytest.raises(ValidationError, match="is the address of a page of the catalogue"):
        published_practice.full_clean()


def test_the_stored_start_years_follow_every_write(catalogue):
    """PostgreSQL keeps the whole catalogue's timeline by trigger (migration 0018): after
    inserts, edits, publishing, archiving and deleting it equals the live count."""
    from practices.browse.overview import counted_start_years, stored_start_years
    from practices.database import is_postgresql

    if not is_postgresql():
        pytest.skip("SQLite counts the timeline live; there is no stored table to check")
    everything = filter_practices({}).selection

    def check():
        counted = {start: (o, c) for start, o, c in counted_start_years(everything) if o or c}
        assert {start: (o, c) for start, o, c in stored_start_years()} == counted

    check()
    new = PracticeFactory(published=True, start_year=2001, end_year=2003)
    PracticeFactory(published=True, start_year=None, end_year=None)
    PracticeFactory(start_year=2001)  # a draft counts for nothing
    check()
    Practice.objects.filter(pk=new.pk).update(start_year=2002, end_year=None)
    check()
    Practice.objects.filter(pk=catalogue.practices.alma.pk).update(status=Practice.Status.ARCHIVED)
    check()
    Practice.objects.filter(pk=catalogue.practices.cross.pk).delete()
    check()
    Practice.objects.filter(status=Practice.Status.DRAFT).update(
        status=Practice.Status.PUBLISHED, published_at=timezone.now()
    )
    check()
