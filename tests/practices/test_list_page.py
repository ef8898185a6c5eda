"""The practice list page at /practices/: what a visitor sees and can do, bad input, and its
fixed number of queries."""

import re
from html import unescape

import pytest
from django.http import QueryDict

from practices.browse import pagination
from practices.browse.selectors import filter_practices
from practices.models import Practice

pytestmark = pytest.mark.django_db

LIST = "/practices/"


def get(client, query=""):
    response = client.get(f"{LIST}?{query}" if query else LIST)
    assert response.status_code == 200
    return response.content.decode()


def cards(html):
    return re.findall(r'<article class="practice-card">.*?</article>', html, re.DOTALL)


def titles(html):
    return [
        unescape(t) for t in re.findall(r'class="practice-card__title"><a [^>]*>([^<]+)<', html)
    ]


def test_it_lists_published_practices_with_a_count(client, catalogue):
    html = get(client)
    assert "5 practices" in html
    assert titles(html)[0] == "Cross-border guidance for NEETs"
    assert "A draft about NEETs" not in html


def test_the_filters_are_a_plain_get_form_with_a_label_for_every_checkbox(client, catalogue):
    html = get(client)
    assert re.search(r'<form id="practice-filters"[^>]*method="get"', html)
    for checkbox_id in re.findall(r'<input type="checkbox" id="([^"]+)"', html):
        assert f'<label for="{checkbox_id}">' in html
    assert 'name="target_group" value="neets" form="practice-filters"' in html
    assert (
        '<button type="submit" form="practice-filters" class="apply">Apply filters</button>' in html
    )


def test_it_shows_facet_counts_and_disables_options_without_results(client, catalogue):
    html = get(client, "country=ES")
    # Three Spanish practices; one of them is for persons with disabilities, none for women.
    assert re.search(
        r'value="persons-with-disabilities" form="practice-filters">'
        r'<label[^>]*>Persons with disabilities <span class="count">1<',
        html,
    )
    assert re.search(r'value="women" form="practice-filters" disabled>', html)
    # The country facet ignores its own filter: Norway still shows what it would give.
    assert re.search(r'value="NO" form="practice-filters">', html)


def test_a_chosen_option_is_ticked_and_its_facet_open(client, catalogue):
    html = get(client, "target_group=neets")
    assert 'value="neets" form="practice-filters" checked>' in html
    assert re.search(r'<details class="facet" open>\s*<summary>Target group', html)


def test_active_filters_are_removable_chips_with_clear_all(client, catalogue):
    html = get(client, "target_group=neets&target_group=older-workers&country=ES&q=guidance")
    chips = {
        unescape(label).strip(): unescape(href)
        for href, label in re.findall(
            r'<a class="chip" href="([^"]*)"><span class="visually-hidden">Remove </span>([^<]+)',
            html,
        )
    }
    assert chips == {
        "Search: “guidance”": "?country=ES&target_group=neets&target_group=older-workers",
        "Country: Spain": "?q=guidance&target_group=neets&target_group=older-workers",
        "Target group: NEETs": "?q=guidance&country=ES&target_group=older-workers",
        "Target group: Older workers": "?q=guidance&country=ES&target_group=neets",
    }
    assert '<a class="active-filters__clear" href="/practices/">Clear all filters</a>' in html


def test_it_links_to_the_csv_export_of_the_same_filters(client, catalogue):
    html = get(client, "target_group=neets&country=es&sort=title&page=1")
    assert (
        '<a href="/practices/export.csv?country=ES&amp;target_group=neets&amp;sort=title">'
        "Download these 2 practices (CSV)</a>"
    ) in html


def test_the_sort_menu_shows_the_order_in_effect(client, catalogue):
    html = get(client, "sort=title")
    assert '<option value="title" selected>Title A–Z</option>' in html  # noqa: RUF001
    html = get(client, "q=employment")
    assert '<option value="" selected>Relevance</option>' in html
    assert titles(html)[0] == "Supported employment in the Basque Country"


def test_an_empty_result_says_so_and_offers_to_clear_the_filters(client, catalogue):
    html = get(client, "target_group=women")
    assert "0 practices" in html
    assert "No practices match these filters." in html
    assert "Download" not in html


def test_a_card_shows_the_organisation_regions_years_kind_and_terms_by_name(
    client,
    practice_factory,
    organisation_factory,
    region_factory,
    target_group_factory,
    theme_factory,
):
    practice_factory(
        published=True,
        title="Mentors & more",
        slug="mentors",
        summary="Pairs <young> people with mentors.",
        lead_organisation=organisation_factory(name="Servei d'Ocupació"),
        regions=[region_factory(name="Zeeland"), region_factory(name="Aragón")],
        target_groups=[
            target_group_factory(name="Young carers"),
            target_group_factory(name="Ex-miners"),
        ],
        themes=[theme_factory(name="Peer mentors"), theme_factory(name="Night classes")],
        start_year=2019,
        end_year=None,
        kind=Practice.Kind.PROJECT,
    )
    card = " ".join(cards(get(client))[0].split())
    assert (
        '<h3 class="practice-card__title">'
        '<a href="/practices/mentors/" lang="en">Mentors &amp; more</a></h3>'
        ' <p class="practice-card__meta"> <span>Servei d&#x27;Ocupació</span>'
        " <span>Aragón, Zeeland</span> <span>2019–ongoing</span> <span>Project</span> </p>"  # noqa: RUF001
        ' <p class="practice-card__summary" lang="en">Pairs &lt;young&gt; people with mentors.</p>'
        ' <ul class="tags" aria-label="Target groups and themes">'
        ' <li class="tag tag--group">Ex-miners</li><li class="tag tag--group">Young carers</li>'
        ' <li class="tag">Night classes</li><li class="tag">Peer mentors</li> </ul>'
    ) in card


def test_a_card_without_regions_or_terms_leaves_them_out(client, practice_factory):
    practice_factory(published=True, regions=[], start_year=2015, end_year=2018)
    card = " ".join(cards(get(client))[0].split())
    assert "</span> <span>2015–2018</span> <span>Programme</span> </p>" in card  # noqa: RUF001
    assert card.count("<span>") == 3
    assert "tags" not in card


def test_the_home_page_shows_the_same_cards_as_the_list(client, catalogue):
    latest = cards(client.get("/").content.decode())
    assert len(latest) == 5
    assert latest == cards(get(client))


# Pagination ---------------------------------------------------------------------------------


@pytest.fixture
def two_per_page(settings):
    settings.PRACTICES_PAGE_SIZE = 2


def test_it_paginates_with_numbered_links_that_keep_the_filters(client, catalogue, two_per_page):
    html = get(client, "status=ongoing&status=completed&page=2")
    assert "5 practices" in html
    assert "(showing 3–4)" in html  # noqa: RUF001
    assert titles(html) == [
        "Upskilling adults in Borås",
        "Supported employment in the Basque Country",
    ]
    assert '<ol class="results" start="3">' in html
    assert (
        '<a href="?status=ongoing&amp;status=completed&amp;page=2" aria-current="page">'
        '<span class="visually-hidden">Page </span>2</a>'
    ) in html
    assert 'href="?status=ongoing&amp;status=completed" rel="prev"' in html
    assert 'href="?status=ongoing&amp;status=completed&amp;page=3" rel="next"' in html


@pytest.mark.parametrize(
    "query",
    ["", "sort=title", "sort=start_year", "q=employment", "q=employment&sort=newest", "country=ES"],
)
def test_the_pages_follow_the_order_asked_for(client, catalogue, two_per_page, monkeypatch, query):
    # A search's first RANKED_IDS results are shown in a remembered order, the next ones in the
    # database's: both are walked here.
    monkeypatch.setattr(pagination, "RANKED_IDS", 2)
    expected = [practice.title for practice in filter_practices(QueryDict(query)).qs]
    assert len(expected) > 2
    shown = []
    for page in range(1, (len(expected) + 1) // 2 + 1):
        shown += titles(get(client, f"{query}&page={page}"))
    assert shown == expected


@pytest.mark.parametrize(
    ("page", "shown", "message"),
    [
        ("abc", 1, "“abc” is not a page number: this is page 1."),
        ("0", 1, "There is no page 0: this is page 1."),
        ("-3", 1, "There is no page -3: this is page 1."),
        ("99999", 3, "There are only 3 pages of results: this is the last one."),
        ("9" * 5000, 3, "There are only 3 pages of results: this is the last one."),
        ("1.5", 1, "“1.5” is not a page number: this is page 1."),
    ],
)
def test_a_bad_page_number_shows_the_nearest_page_with_a_message(
    client, catalogue, two_per_page, page, shown, message
):
    html = get(client, f"page={page}")
    assert unescape(message) in unescape(html)
    assert re.search(
        rf'aria-current="page"><span class="visually-hidden">Page </span>{shown}<', html
    )


def test_a_page_beyond_an_empty_result_is_the_empty_first_page(client, catalogue):
    html = get(client, "target_group=women&page=7")
    assert "No practices match these filters." in html


# Bad input ----------------------------------------------------------------------------------


def test_an_unknown_value_gives_a_clear_message_and_the_rest_still_applies(client, catalogue):
    html = unescape(get(client, "target_group=neets&target_group=astronauts&region=atlantis"))
    assert "There is no target group “astronauts”, so it was left out." in html
    assert "There is no region “atlantis”, so it was left out." in html
    assert "2 practices" in html


def test_a_ten_thousand_character_search_is_truncated_with_a_message(client, catalogue):
    html = unescape(get(client, "q=" + "a" * 10_000))
    assert "The search was too long, so only its first 200 characters were used." in html
    assert 'value="' + "a" * 200 + '"' in html


@pytest.mark.parametrize(
    "query",
    [
        "q=%00&country=%00",
        "target_group=&theme=&country=&region=&page=&sort=&start_from=&start_to=",
        "q=a&q=b&q=c&page=1&page=2&sort=title&sort=newest",
        "start_from=99999999999999999999999&start_to=-1",
        "kind[]=project&status=ongoing%27--&region=%3Cscript%3E",
        "theme=" + "&theme=".join(str(n) for n in range(300)),
        "q=%22unbalanced&q=-&q=or",
    ],
)
def test_garbage_never_gives_a_server_error(client, catalogue, query):
    response = client.get(f"{LIST}?{query}", follow=True)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


# Queries ------------------------------------------------------------------------------------


def many_related_practices(n, factories):
    region_factory, practice_factory, organisation_factory = factories
    from practices.models import FundingSource, TargetGroup, Theme

    regions = [region_factory(country=c) for c in ("ES", "NO", "SE")]
    partners = [organisation_factory() for _ in range(3)]
    groups = list(TargetGroup.objects.all()[:4])
    themes = list(Theme.objects.all()[:4])
    funding = list(FundingSource.objects.all()[:3])
    for _ in range(n):
        practice_factory(
            published=True,
            regions=regions,
            partner_organisations=partners,
            target_groups=groups,
            themes=themes,
            funding_sources=funding,
        )


# The catalogue version (1; browse/cache.py), the vocabularies (1), the facet counts with the
# total (1), the page with its regions, target groups and themes (1). The first time at a catalogue
# version, as here; tests/test_query_budgets.py pins the cached case too.
LIST_QUERIES = 4
# A search first asks whether it is broad, in two queries (facet_counts.search_is_broad).
SEARCH_PLAN = 2


@pytest.mark.parametrize("count", [5, 25])
@pytest.mark.parametrize(
    "query",
    ["", "q=practice&sort=title", "target_group=neets&country=ES&status=ongoing&page=2"],
)
def test_the_list_runs_a_fixed_number_of_queries(
    client,
    django_assert_num_queries,
    region_factory,
    practice_factory,
    organisation_factory,
    count,
    query,
):
    many_related_practices(count, (region_factory, practice_factory, organisation_factory))
    with django_assert_num_queries(LIST_QUERIES + (SEARCH_PLAN if "q=" in query else 0)):
        response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    rows = count - 20 if "page=2" in query else min(count, 20)
    assert len(titles(response.content.decode())) == (rows if rows > 0 else count)


def test_an_organisation_filter_costs_one_more_query(client, catalogue, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES + 1):
        html = client.get(f"{LIST}?organisation=ehlabe").content.decode()
    assert "Organisation: EHLABE" in html
    assert "2 practices" in html


def test_chips_name_their_filter_briefly(client, catalogue):
    html = unescape(get(client, "status=completed&kind=project&start_from=2015"))
    labels = [
        label.strip()
        for label in re.findall(
            r'<a class="chip" [^>]*><span class="visually-hidden">Remove </span>([^<]+)', html
        )
    ]
    assert labels == ["Kind: Project", "Completed", "Started: in 2015 or later"]
