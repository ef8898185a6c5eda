import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from practices.models import Practice, TargetGroup, Theme


def test_it_rejects_an_end_year_before_the_start_year(practice_factory):
    practice = practice_factory.build(start_year=2022, end_year=2020)
    practice.lead_organisation.region.save()
    practice.lead_organisation.save()
    with pytest.raises(ValidationError) as excinfo:
        practice.full_clean()
    assert excinfo.value.message_dict["end_year"] == [
        "The end year (2020) cannot be before the start year (2022)."
    ]


def test_the_database_rejects_an_end_year_before_the_start_year(practice_factory):
    practice = practice_factory(start_year=2022)
    practice.end_year = 2019
    with pytest.raises(IntegrityError), transaction.atomic():
        practice.save()


def test_no_end_year_means_ongoing(practice_factory):
    assert practice_factory(start_year=2021, end_year=None).is_ongoing
    assert not practice_factory(start_year=2015, end_year=2018).is_ongoing


def test_a_duplicate_slug_is_rejected_with_a_clear_message(practice_factory):
    existing = practice_factory(slug="alma-catalonia")
    duplicate = practice_factory.build(
        slug="alma-catalonia", lead_organisation=existing.lead_organisation, title="Other"
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert excinfo.value.message_dict["slug"] == ["Practice with this Slug already exists."]


def test_the_same_title_cannot_be_used_twice_by_one_lead_organisation(practice_factory):
    first = practice_factory(title="ALMA in Catalonia")
    duplicate = practice_factory.build(
        title="alma in catalonia", slug="other-slug", lead_organisation=first.lead_organisation
    )
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "This organisation already has a practice with this title." in str(excinfo.value)


def test_two_organisations_may_use_the_same_title(practice_factory):
    practice_factory(title="Supported employment")
    practice_factory(title="Supported employment")
    assert Practice.objects.filter(title="Supported employment").count() == 2


def test_the_summary_is_at_most_500_characters(practice_factory):
    practice = practice_factory()
    practice.summary = "x" * 501
    with pytest.raises(ValidationError) as excinfo:
        practice.full_clean()
    assert "at most 500 characters" in excinfo.value.message_dict["summary"][0]


def test_a_public_contact_email_needs_an_email(practice_factory):
    practice = practice_factory(contact_email="", contact_email_is_public=True)
    with pytest.raises(ValidationError) as excinfo:
        practice.full_clean()
    assert "contact_email" in excinfo.value.message_dict


def test_the_personal_email_is_only_visible_where_agreed(practice_factory):
    hidden = practice_factory(contact_email="ana@example.org", contact_email_is_public=False)
    shown = practice_factory(contact_email="eli@example.org", contact_email_is_public=True)
    assert hidden.visible_contact_email == ""
    assert shown.visible_contact_email == "eli@example.org"


def test_a_slug_is_made_from_the_title_once_and_kept(organisation_factory):
    organisation = organisation_factory()
    practice = Practice.objects.create(title="Trøndelag inclusion", lead_organisation=organisation)
    assert practice.slug == "trndelag-inclusion"
    practice.title = "Renamed"
    practice.save()
    practice.refresh_from_db()
    assert practice.slug == "trndelag-inclusion"
    second = Practice.objects.create(
        title="Trøndelag inclusion", lead_organisation=organisation_factory()
    )
    assert second.slug == "trndelag-inclusion-2"


def test_a_published_practice_needs_a_publication_time(practice_factory):
    practice = practice_factory()
    practice.status = Practice.Status.PUBLISHED
    with pytest.raises(IntegrityError), transaction.atomic():
        practice.save()


def test_published_hides_drafts_submitted_and_archived(practice_factory):
    visible = practice_factory(published=True)
    for status in ["draft", "submitted", "archived"]:
        practice_factory(status=status)
    assert list(Practice.objects.published()) == [visible]


@pytest.mark.django_db
def test_the_seeded_vocabularies_are_there():
    assert {
        "neets",
        "persons-with-disabilities",
        "migrants-and-refugees",
        "long-term-unemployed",
        "adults-with-low-formal-education",
        "older-workers",
        "people-outside-the-labour-market",
    } <= set(TargetGroup.objects.values_list("slug", flat=True))
    assert {
        "upskilling-and-reskilling",
        "learning-mobility",
        "inclusive-and-supported-employment",
        "guidance-and-counselling",
        "work-based-learning-and-apprenticeships",
        "employer-engagement",
        "validation-of-prior-learning",
        "retention-in-work",
        "digital-skills",
    } <= set(Theme.objects.values_list("slug", flat=True))
