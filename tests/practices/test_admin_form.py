"""The practice form of the admin: steps taken with the form's own buttons (saved first, then the
step), what submitting needs shown at the fields, help texts, and the members' admin home."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from practices.admin_forms import HELP_TEXTS
from practices.models import SUBMISSION_NEEDS, Practice

S = Practice.Status


def _url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def org_a(organisation_factory):
    return organisation_factory(name="Org A")


@pytest.fixture
def member_a(make_member, org_a):
    return make_member(org_a, username="member_a")


@pytest.fixture
def terms(region_factory, target_group_factory, theme_factory):
    return {
        "regions": region_factory(name="Catalonia"),
        "target_groups": target_group_factory(name="Migrants"),
        "themes": theme_factory(name="Guidance"),
    }


def _form_data(org, terms=None, **fields):
    """What the add form posts, filled in completely unless `terms` is None or fields say."""
    data = {
        "title": "Language cafés for jobseekers",
        "original_title": "Språkcafé",
        "summary": "Jobseekers practise the language of the workplace with volunteers.",
        "description": "Weekly evenings in the library, a theme from working life each time.",
        "lead_organisation": org.pk,
        "kind": "service",
        "level": "local",
        "evidence_level": "monitored",
        "start_year": "2024",
        "people_reached": "120",
        "original_language": "sv",
        "results": "Forty per cent found work within a year.",
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
        "identifiers-TOTAL_FORMS": 0,
        "identifiers-INITIAL_FORMS": 0,
    }
    if terms:
        data.update({name: [term.pk] for name, term in terms.items()})
    data.update(fields)
    return data


def _error_at(page, field):
    """The error shown at a field of the admin form, if any."""
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>(.*?)</li>', page)
    return found and found.group(1)


def _checklist(page):
    """The fields the list at the top says submitting still needs."""
    checklist = re.search(r'<ul class="[^"]*" id="missing".*?</ul>', page, re.S)
    return re.findall(r'data-field="([a-z_]+)"', checklist.group(0)) if checklist else []


# One press: saved, then submitted.


def test_a_member_adds_and_submits_a_practice_in_one_press(client, member_a, org_a, terms):
    client.force_login(member_a)

    response = client.post(_url("add"), _form_data(org_a, terms, _step="submit"), follow=True)

    practice = Practice.objects.get(title="Language cafés for jobseekers")
    assert practice.status == S.SUBMITTED
    assert practice.submitted_by == member_a
    assert (practice.kind, practice.level, practice.evidence_level) == (
        "service",
        "local",
        "monitored",
    )
    assert practice.results == "Forty per cent found work within a year."
    assert list(practice.themes.all()) == [terms["themes"]]
    assert practice.slug == "language-cafes-for-jobseekers"
    assert response.redirect_chain[-1][0] == _url("change", practice.pk)
    assert "is saved and now submitted for review; the editors are told." in (
        response.content.decode()
    )
    reasons = list(practice.history.order_by("history_id").values_list("history_change_reason"))
    assert reasons == [("Created",), ("Submit for review",)]


def test_an_incomplete_submission_is_saved_as_a_draft_with_the_gaps_at_the_fields(
    client, member_a, org_a
):
    client.force_login(member_a)
    data = _form_data(org_a, None, summary="", kind="", _step="submit")

    response = client.post(_url("add"), data, follow=True)

    practice = Practice.objects.get(title="Language cafés for jobseekers")
    assert practice.status == S.DRAFT
    assert practice.kind == ""
    assert practice.description == data["description"]
    page = response.content.decode()
    assert "is saved as a draft, but “Submit for review” needs more" in page
    # Each gap is an error on its own field, and what was typed is in the form.
    for field in ("summary", "kind", "regions", "target_groups", "themes"):
        assert _error_at(page, field) == SUBMISSION_NEEDS[field]
    assert _error_at(page, "description") is None
    assert data["description"] in page
    assert 'value="2024"' in page
    assert '<option value="local" selected>' in page


def test_a_submission_whose_save_fails_keeps_every_value_and_marks_the_gaps(
    client, member_a, org_a, terms
):
    client.force_login(member_a)
    data = _form_data(org_a, terms, end_year="2020", themes=[], _step="submit")

    response = client.post(_url("add"), data)

    assert response.status_code == 200
    assert not Practice.objects.exists()
    page = response.content.decode()
    assert "The end year (2020) cannot be before the start year (2024)." in page
    assert data["summary"] in page
    assert data["results"] in page
    assert 'value="2020"' in page
    # The checklist follows the form as typed: only the theme is missing.
    assert _checklist(page) == ["themes"]
    assert _error_at(page, "themes") == SUBMISSION_NEEDS["themes"]
    assert _error_at(page, "summary") is None


def test_the_checklist_follows_a_failed_save_not_the_saved_practice(
    client, member_a, org_a, practice_factory
):
    practice = practice_factory(lead_organisation=org_a, summary="", regions=[])
    client.force_login(member_a)
    data = _form_data(org_a, None, title=practice.title, end_year="1999", _save="Save")

    page = client.post(_url("change", practice.pk), data).content.decode()

    assert "summary" not in _checklist(page)
    assert "regions" in _checklist(page)
    assert str(SUBMISSION_NEEDS["regions"]) in page


def test_a_member_cannot_take_an_editors_step_with_the_form(client, member_a, org_a, terms):
    client.force_login(member_a)

    response = client.post(_url("add"), _form_data(org_a, terms, _step="publish"), follow=True)

    practice = Practice.objects.get()
    assert practice.status == S.DRAFT
    assert "“Publish” did not happen" in response.content.decode()


@pytest.fixture
def submitted(practice_factory, org_a, terms):
    return practice_factory(
        lead_organisation=org_a,
        status=S.SUBMITTED,
        submitted_at=timezone.now(),
        **{name: [term] for name, term in terms.items()},
    )


def _change_data(practice, **fields):
    terms = {
        name: list(getattr(practice, name).values_list("pk", flat=True))
        for name in ("regions", "target_groups", "themes")
    }
    data = _form_data(practice.lead_organisation, None, title=practice.title, **terms)
    data["slug"] = practice.slug
    data.update(fields)
    return data


def test_save_and_publish_saves_then_asks_for_confirmation(client, editor, submitted):
    client.force_login(editor)

    response = client.post(
        _url("change", submitted.pk), _change_data(submitted, summary="New.", _step="publish")
    )

    confirm_url = f"/admin/practices/practice/{submitted.pk}/step/publish/"
    assert response.status_code == 302
    assert response["Location"] == confirm_url
    submitted.refresh_from_db()
    assert (submitted.status, submitted.summary) == (S.SUBMITTED, "New.")  # saved, not yet public
    client.post(confirm_url)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.summary) == (S.PUBLISHED, "New.")


def test_requesting_changes_without_a_comment_saves_nothing_and_keeps_what_was_typed(
    client, editor, submitted
):
    client.force_login(editor)
    data = _change_data(submitted, summary="Typed by the editor.", _step="request_changes")

    response = client.post(_url("change", submitted.pk), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Say what needs to change" in page
    assert "Typed by the editor." in page
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED
    assert submitted.summary != "Typed by the editor."


def test_requesting_changes_with_a_comment_saves_and_sends_it_back(client, editor, submitted):
    client.force_login(editor)
    data = _change_data(
        submitted, summary="Shorter.", step_comment="Add the results.", _step="request_changes"
    )

    client.post(_url("change", submitted.pk), data)

    submitted.refresh_from_db()
    assert (submitted.status, submitted.summary) == (S.DRAFT, "Shorter.")
    assert submitted.review_comment == "Add the results."


# A form that says what it needs.


def test_the_add_form_marks_what_submitting_needs_and_hides_what_members_do_not_fill(
    client, member_a
):
    client.force_login(member_a)

    page = client.get(_url("add")).content.decode()

    assert 'name="slug"' not in page
    assert "Publication" not in page
    assert page.count('class="needed-to-submit"') == len(SUBMISSION_NEEDS)
    assert _checklist(page) == list(SUBMISSION_NEEDS)
    # No silent default: the empty choice is selected.
    for field in ("kind", "level", "evidence_level"):
        select = re.search(rf'<select name="{field}".*?</select>', page, re.S).group(0)
        assert '<option value="" selected>Choose one</option>' in select, field
    assert 'name="_step" value="submit"' in page
    assert "Save and submit for review" in page


def test_every_field_a_member_fills_has_help_text(client, member_a):
    client.force_login(member_a)

    page = client.get(_url("add")).content.decode()

    fields = set(re.findall(r'<div class="form-row[^"]*\bfield-([a-z_]+)', page))
    assert fields, "no fields found"
    assert fields <= set(HELP_TEXTS), fields - set(HELP_TEXTS)
    for field in fields:
        assert f'id="id_{field}_helptext"' in page, field


def test_an_editor_still_sees_the_slug_and_the_publication_record(client, editor, submitted):
    client.force_login(editor)

    page = client.get(_url("change", submitted.pk)).content.decode()

    assert 'name="slug"' in page
    assert "Publication" in page
    assert 'name="step_comment"' in page


def test_adapted_from_never_offers_the_practice_itself(
    client, member_a, editor, org_a, practice_factory
):
    own = practice_factory(lead_organisation=org_a, title="Own draft")
    other = practice_factory(lead_organisation=org_a, title="Other draft")
    client.force_login(member_a)

    page = client.get(_url("change", own.pk)).content.decode()

    select = re.search(r'<select name="adapted_from".*?</select>', page, re.S).group(0)
    assert f'value="{other.pk}"' in select
    assert f'value="{own.pk}"' not in select

    client.force_login(editor)
    page = client.get(_url("change", own.pk)).content.decode()
    assert f"?exclude={own.pk}" in page
    found = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "practices",
            "model_name": "practice",
            "field_name": "adapted_from",
            "term": "draft",
            "exclude": own.pk,
        },
    ).json()
    assert [row["text"] for row in found["results"]] == ["Other draft"]


# The members' admin home.


def test_a_member_sees_their_practices_by_state_with_plurals_and_links(
    client, member_a, org_a, practice_factory
):
    now = timezone.now()
    practice_factory(lead_organisation=org_a, title="Draft one")
    practice_factory(lead_organisation=org_a, title="Draft two")
    practice_factory(lead_organisation=org_a, status=S.SUBMITTED, submitted_at=now)
    practice_factory(
        lead_organisation=org_a, title="Sent back", review_comment="Say who pays for it."
    )
    practice_factory(lead_organisation=org_a, status=S.PUBLISHED, published_at=now)
    client.force_login(member_a)

    page = client.get(reverse("admin:index")).content.decode()

    assert "Your practices" in page
    changelist = _url("changelist")
    for query, label in [
        ("review=drafts", "2 drafts"),
        ("status__exact=submitted", "1 practice waiting for review"),
        ("review=changes", "1 practice with changes requested"),
        ("status__exact=published", "1 published practice"),
    ]:
        assert f'<a href="{changelist}?{query}">{label}</a>' in page, label
    assert "0 archived practices" in page
    assert "Say who pays for it." in page
    assert "No practice of yours is waiting for changes." not in page


def test_the_drafts_filter_leaves_out_those_sent_back(client, member_a, org_a, practice_factory):
    practice_factory(lead_organisation=org_a, title="Fresh draft")
    practice_factory(lead_organisation=org_a, title="Needs work", review_comment="More.")
    client.force_login(member_a)

    page = client.get(_url("changelist"), {"review": "drafts"}).content.decode()

    assert "Fresh draft" in page
    assert "Needs work" not in page
