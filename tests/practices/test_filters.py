"""practices.browse.selectors.filter_practices: each filter, their combinations, facet counts,
sorting, and bad input (which must never break `.qs`)."""

import pytest
from django.http import QueryDict
from django.utils import timezone

from practices.browse.facets import compute_facets
from practices.browse.selectors import filter_practices

pytestmark = pytest.mark.django_db


def slugs(params):
    """The slugs `filter_practices` returns for a query string, in order."""
    return list(filter_practices(QueryDict(params)).qs.values_list("slug", flat=True))


def as_set(params):
    return set(slugs(params))


ALL = {
    "alma",
    "supported-employment",
    "upskilling-boras",
    "older-workers-trondelag",
    "cross-border-guidance",
}


def test_without_filters_it_lists_every_published_practice_newest_first(catalogue):
    assert slugs("") == [
        "cross-border-guidance",
        "older-workers-trondelag",
        "upskilling-boras",
        "supported-employment",
        "alma",
    ]


def test_it_never_lists_drafts(catalogue):
    assert "draft-neets" not in as_set("target_group=neets&region=catalonia")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ("country=ES", {"alma", "supported-employment", "cross-border-guidance"}),
        ("country=es", {"alma", "supported-employment", "cross-border-guidance"}),
        ("country=SE", {"upskilling-boras"}),
        ("region=catalonia", {"alma", "cross-border-guidance"}),
        ("region=trondelag", {"older-workers-trondelag", "cross-border-guidance"}),
        ("target_group=neets", {"alma", "cross-border-guidance"}),
        ("theme=retention-in-work", {"older-workers-trondelag"}),
        ("funding=esf-plus", {"alma", "upskilling-boras"}),
        ("kind=project", {"upskilling-boras", "cross-border-guidance"}),
        ("level=local", {"upskilling-boras"}),
        ("evidence=monitored", {"upskilling-boras", "cross-border-guidance"}),
        ("status=ongoing", {"alma", "supported-employment", "older-workers-trondelag"}),
        ("status=completed", {"upskilling-boras", "cross-border-guidance"}),
        ("status=ongoing&status=completed", ALL),
        ("start_from=2018", {"alma", "upskilling-boras", "older-workers-trondelag"}),
        ("start_to=2015", {"supported-employment", "cross-border-guidance"}),
        ("start_from=2015&start_to=2018", {"upskilling-boras", "cross-border-guidance"}),
        ("organisation=soc", {"alma", "cross-border-guidance"}),
        # A partner organisation counts as well as the lead.
        ("organisation=ehlabe", {"supported-employment", "cross-border-guidance"}),
        ("q=mobility", {"alma", "cross-border-guidance"}),  # a theme: "Learning mobility"
    ],
)
def test_each_filter_alone(catalogue, params, expected):
    assert as_set(params) == expected


def test_several_values_of_one_filter_match_any(catalogue):
    assert as_set("target_group=neets&target_group=older-workers") == {
        "alma",
        "cross-border-guidance",
        "older-workers-trondelag",
    }
    assert as_set("country=SE&country=NO") == {
        "upskilling-boras",
        "older-workers-trondelag",
        "cross-border-guidance",
    }


def test_different_filters_must_all_match(catalogue):
    assert as_set("target_group=neets&country=ES") == {"alma", "cross-border-guidance"}
    assert as_set("target_group=neets&country=ES&status=ongoing") == {"alma"}
    assert as_set("target_group=migrants-and-refugees&kind=project&level=european") == {
        "cross-border-guidance"
    }
    assert as_set("theme=learning-mobility&funding=erasmus-plus&start_to=2016") == {
        "cross-border-guidance"
    }
    assert as_set("region=catalonia&target_group=persons-with-disabilities") == set()


def test_a_practice_matching_several_values_is_listed_once(catalogue):
    result = slugs("region=catalonia&region=basque-country&region=trondelag&country=ES")
    assert sorted(result) == ["alma", "cross-border-guidance", "supported-employment"]


def test_ongoing_includes_a_practice_ending_this_year(catalogue):
    assert catalogue.practices.ehlabe.end_year == timezone.localdate().year
    assert "supported-employment" in as_set("status=ongoing")


def test_it_accepts_a_plain_mapping_as_well_as_a_querydict(catalogue):
    f = filter_practices({"target_group": ["neets"], "country": "ES", "kind": "programme"})
    assert [p.slug for p in f.qs] == ["alma"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            "newest",
            [
                "cross-border-guidance",
                "older-workers-trondelag",
                "upskilling-boras",
                "supported-employment",
                "alma",
            ],
        ),
        (
            "title",
            [
                "alma",
                "cross-border-guidance",
                "older-workers-trondelag",
                "supported-employment",
                "upskilling-boras",
            ],
        ),
        (
            "start_year",
            [
                "supported-employment",
                "cross-border-guidance",
                "upskilling-boras",
                "alma",
                "older-workers-trondelag",
            ],
        ),
    ],
)
def test_it_sorts(catalogue, sort, expected):
    assert slugs(f"sort={sort}") == expected


def test_practices_without_a_start_year_come_last_by_start_year(catalogue, practice_factory):
    practice_factory(published=True, slug="undated", start_year=None)
    assert slugs("sort=start_year")[-1] == "undated"


def test_the_queryset_is_ordered_so_the_export_inherits_the_order(catalogue):
    f = filter_practices(QueryDict("sort=title"))
    assert f.qs.ordered
    assert f.sort_order == "title"


def test_relevance_is_the_default_when_searching_and_newest_otherwise(catalogue):
    assert filter_practices(QueryDict("q=employment")).sort_order == "relevance"
    assert filter_practices(QueryDict("")).sort_order == "newest"
    # Relevance without a search means nothing: newest instead.
    assert filter_practices(QueryDict("sort=relevance")).sort_order == "newest"


# Facet counts ---------------------------------------------------------------------------------


def describe(practice):
    """A practice's facet values, read through the ORM one practice at a time."""
    this_year = timezone.localdate().year
    ongoing = practice.end_year is None or practice.end_year >= this_year
    return {
        "country": {r.country.code for r in practice.regions.all()},
        "region": {r.slug for r in practice.regions.all()},
        "target_group": {t.slug for t in practice.target_groups.all()},
        "theme": {t.slug for t in practice.themes.all()},
        "funding": {f.slug for f in practice.funding_sources.all()},
        "kind": {practice.kind},
        "level": {practice.level},
        "evidence": {practice.evidence_level},
        "status": {"ongoing" if ongoing else "completed"},
    }


def expected_counts(catalogue, filters: dict[str, set]):
    """For each facet and option: practices with that option passing every OTHER filter."""
    described = [describe(p) for p in catalogue.published]
    facets = describe(catalogue.published[0]).keys()

    def passes(d, leaving_out):
        return all(d[name] & values for name, values in filters.items() if name != leaving_out)

    return {
        facet: lambda option, facet=facet: sum(
            1 for d in described if passes(d, facet) and option in d[facet]
        )
        for facet in facets
    }


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"target_group": {"neets"}},
        {"target_group": {"neets"}, "country": {"ES"}},
        {"country": {"ES", "NO"}, "kind": {"project"}, "status": {"completed"}},
        {"theme": {"learning-mobility"}, "funding": {"erasmus-plus", "esf-plus"}},
        {
            "region": {"trondelag"},
            "evidence": {"monitored", "not_evaluated"},
            "level": {"european"},
        },
        {"target_group": {"persons-with-disabilities"}, "status": {"ongoing"}},
    ],
)
def test_facet_counts_match_an_independent_count(catalogue, filters):
    query = QueryDict(mutable=True)
    for name, values in filters.items():
        query.setlist(name, sorted(values))
    filterset = filter_practices(query)
    facets = compute_facets(filterset.selection)
    expected = expected_counts(catalogue, filters)
    checked = 0
    for facet in facets:
        for option in facet.options:
            assert option.count == expected[facet.name](option.value), (facet.name, option.value)
            checked += option.count
    assert checked > 0
    assert facets.total == filterset.qs.count()
    assert facets.total == sum(
        1 for p in catalogue.published if all(describe(p)[n] & v for n, v in filters.items())
    )


def test_facet_options_list_every_term_with_zero_counts_disabled(catalogue):
    facets = compute_facets(filter_practices(QueryDict("target_group=neets")).selection)
    older = next(o for o in facets["target_group"].options if o.value == "older-workers")
    neets = next(o for o in facets["target_group"].options if o.value == "neets")
    assert (older.count, older.disabled) == (1, False)  # its own facet ignores the neets filter
    women = next(o for o in facets["target_group"].options if o.value == "women")
    assert (women.count, women.disabled) == (0, True)
    assert neets.selected
    norway_only = compute_facets(filter_practices(QueryDict("country=NO")).selection)
    sweden = next(o for o in norway_only["region"].options if o.value == "vastra-gotaland")
    assert (sweden.count, sweden.disabled) == (0, True)


def test_a_chosen_option_with_no_results_stays_enabled_so_it_can_be_unticked(catalogue):
    facets = compute_facets(filter_practices(QueryDict("target_group=women&country=SE")).selection)
    women = next(o for o in facets["target_group"].options if o.value == "women")
    assert women.count == 0
    assert women.selected
    assert not women.disabled


def test_a_practice_in_two_regions_of_one_country_counts_once_for_the_country(catalogue):
    facets = compute_facets(filter_practices(QueryDict("")).selection)
    spain = next(o for o in facets["country"].options if o.value == "ES")
    assert spain.count == 3  # alma, supported employment, cross-border (in two Spanish regions)


# Bad input ------------------------------------------------------------------------------------


def test_an_unknown_slug_is_left_out_and_reported(catalogue):
    f = filter_practices(QueryDict("target_group=neets&target_group=no-such-group"))
    assert {p.slug for p in f.qs} == {"alma", "cross-border-guidance"}
    assert not f.is_valid()
    assert f.errors["target_group"] == [
        "There is no target group “no-such-group”, so it was left out."
    ]
    assert f.notices == ["There is no target group “no-such-group”, so it was left out."]


@pytest.mark.parametrize(
    "params",
    [
        "country=XX",
        "region=atlantis",
        "theme=unknown",
        "funding=nope",
        "organisation=nobody",
        "kind=spaceship",
        "level=galactic",
        "evidence=proven",
        "status=paused",
        "start_from=abc",
        "start_to=1800",
        "start_from=2020.5",
        "start_from=" + "9" * 5000,
        "start_to=٢٠٢٠",
        "sort=random",
    ],
)
def test_each_bad_value_gives_a_message_and_never_breaks_the_queryset(catalogue, params):
    f = filter_practices(QueryDict(params))
    assert not f.is_valid()
    assert len(f.notices) == 1
    assert set(f.qs.values_list("slug", flat=True)) == ALL


def test_years_the_wrong_way_round_are_swapped_with_a_message(catalogue):
    f = filter_practices(QueryDict("start_from=2018&start_to=2015"))
    assert {p.slug for p in f.qs} == {"upskilling-boras", "cross-border-guidance"}
    assert "wrong way round" in f.notices[0]


def test_a_very_long_search_is_truncated_with_a_message(catalogue):
    f = filter_practices(QueryDict("q=" + "employment " * 1000))
    assert len(f.cleaned_data["q"]) <= 200
    assert list(f.qs) is not None
    assert f.errors["q"] == ["The search was too long, so only its first 200 characters were used."]


def test_nul_characters_and_garbage_never_reach_the_database(catalogue):
    f = filter_practices(
        QueryDict(
            "q=mobil%00ity&target_group=ne%00ets&country=%00&start_from=20%0020"
            "&sort=%00&region=%F0%9F%98%80&kind=%27%3B+DROP+TABLE"
        )
    )
    assert {p.slug for p in f.qs} == {"alma"}


def test_repeated_single_value_parameters_use_the_last_and_duplicates_count_once(catalogue):
    f = filter_practices(QueryDict("q=nothing-matches&q=mobility&theme=learning-mobility" * 1))
    assert {p.slug for p in f.qs} == {"alma", "cross-border-guidance"}
    f = filter_practices(QueryDict("target_group=neets&target_group=neets&target_group=NEETS"))
    assert f.cleaned_data["target_group"] == ["neets"]
    assert f.is_valid()


def test_query_params_are_the_cleaned_filters(catalogue):
    f = filter_practices(QueryDict("target_group=neets&target_group=bogus&country=es&page=3&x=1"))
    assert f.query_params().urlencode() == "country=ES&target_group=neets"
