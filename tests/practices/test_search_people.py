"""What people type, on the demo catalogue, finds what they mean: on both databases alike.

Each case is a line of the table in the search issue: accents, plurals, a country's name, a
target group's name. Expected results come from the filters, not from counts written here.
"""

import pytest
from django.core.management import call_command
from django.http import QueryDict

from practices.browse.selectors import filter_practices
from practices.models import Practice, TargetGroup
from regions.models import Organisation, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def found(query: str) -> set[str]:
    return {p.slug for p in filter_practices(QueryDict(query)).qs}


def search(text: str) -> set[str]:
    params = QueryDict(mutable=True)
    params["q"] = text
    return {p.slug for p in filter_practices(params).qs}


def test_boras_finds_what_boras_finds(demo):
    assert len(search("Borås")) == 2
    assert search("Boras") == search("Borås") == search("borås")


def test_trondelag_finds_what_trondelag_finds(demo):
    assert search("Trøndelag")
    assert search("Trondelag") == search("Trøndelag")
    # Every practice in the region, whatever its text says.
    assert found("region=trondelag") <= search("Trondelag")


def test_migrant_and_migrants_find_the_same_including_the_target_group(demo):
    assert search("migrants") == search("migrant")
    assert found("target_group=migrants-and-refugees") <= search("migrants")
    assert len(found("target_group=migrants-and-refugees")) == 4


def test_disability_and_disabilities_find_the_same(demo):
    assert search("disabilities") == search("disability")
    assert found("target_group=persons-with-disabilities") <= search("disability")


def test_a_country_name_finds_the_practices_in_that_country(demo):
    in_spain = found("country=ES")
    assert in_spain
    assert search("Spain") == in_spain
    assert search("España") == in_spain  # the country's own name
    assert search("spain") == in_spain
    assert search("Sverige") == found("country=SE")


def test_a_target_group_name_finds_the_practices_filed_under_it(demo):
    filed = found("target_group=persons-with-disabilities")
    assert len(filed) == 5
    assert filed <= search("persons with disabilities")
    assert found("theme=learning-mobility") <= search("learning mobility")
    assert found("funding=alma") <= search("ALMA")


def test_a_title_match_still_ranks_first(demo):
    ranked = list(filter_practices(QueryDict("q=mentors")).qs)
    assert "mentor" in ranked[0].title.lower()


# The index follows every write --------------------------------------------------------------


def test_the_search_follows_edits_renames_and_new_terms(demo):
    practice = Practice.objects.published().order_by("pk").first()
    practice.title = "Zanzibar apprenticeships"
    practice.save()
    assert search("zanzibar") == {practice.slug}

    organisation = practice.lead_organisation
    organisation.name = "Quokka Works"
    organisation.save()
    assert practice.slug in search("quokka")

    term = TargetGroup.objects.create(name="Wombat keepers", slug="wombat-keepers")
    practice.target_groups.add(term)
    assert search("wombat") == {practice.slug}
    term.name = "Platypus keepers"
    term.save()
    assert search("wombat") == set()
    assert search("platypus") == {practice.slug}
    practice.target_groups.remove(term)
    assert search("platypus") == set()

    region = practice.regions.first()
    region.name = "Narnia"
    region.save()
    assert practice.slug in search("narnia")


def test_a_practice_that_leaves_the_catalogue_leaves_the_search(demo):
    practice = Practice.objects.published().order_by("pk").first()
    practice.title = "Zanzibar apprenticeships"
    practice.save()
    practice.delete()
    assert search("zanzibar") == set()


def test_partners_and_regions_added_later_are_found(demo):
    practice = Practice.objects.published().order_by("pk").first()
    region = Region.objects.create(name="Lapland", slug="lapland", country="FI")
    partner = Organisation.objects.create(name="Okapi Foundation", slug="okapi", region=region)
    practice.partner_organisations.add(partner)
    assert search("okapi") == {practice.slug}
    practice.regions.add(region)
    assert practice.slug in search("Suomi")


# Nothing typed is an error ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced',
        "*",
        "NEAR(",
        "neets AND",
        "OR",
        "-",
        "--neets",
        '"" ""',
        "a:b",
        "^neets",
        "col:umn title:x",
        "x" * 500,
        " ".join(["word"] * 50),
        "\u0000neets",
        "😀 émploi",
    ],
)
def test_no_search_is_an_error(demo, client, text):
    response = client.get("/practices/", {"q": text})
    assert response.status_code == 200
    assert search(text) is not None


def test_a_bulk_load_with_deferred_fts_ends_with_every_practice_searchable(demo):
    from django.db import transaction

    from practices.browse.search import fts_deferred

    with transaction.atomic(), fts_deferred():
        practice = Practice.objects.published().order_by("pk").first()
        practice.title = "Capybara apprenticeships"
        practice.save()
        practice.target_groups.add(TargetGroup.objects.create(name="Tapir", slug="tapir"))
    assert search("capybara") == {practice.slug}
    assert search("tapir") == {practice.slug}
    assert search("Spain") == found("country=ES")
    # The triggers are back: a later edit is followed again.
    practice.title = "Okapi apprenticeships"
    practice.save()
    assert search("okapi") == {practice.slug}
