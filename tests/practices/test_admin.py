"""The practice admin: URL guessing, the form's choices, the workflow buttons, the review queue,
preview, the changelist and the CSP."""

import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.http import Http404
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from practices.admin import guarded_view_on_site
from practices.models import Practice

S = Practice.Status


def _url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def org_a(organisation_factory):
    return organisation_factory(name="Org A")


@pytest.fixture
def org_b(organisation_factory):
    return organisation_factory(name="Org B")


@pytest.fixture
def member_a(make_member, org_a):
    return make_member(org_a, username="member_a")


@pytest.fixture
def member_b(make_member, org_b):
    return make_member(org_b, username="member_b")


@pytest.fixture
def complete(practice_factory, target_group_factory, theme_factory, org_a):
    def make(**kwargs):
        kwargs.setdefault("lead_organisation", org_a)
        if kwargs.get("status") in (S.PUBLISHED, S.ARCHIVED):
            kwargs.setdefault("published_at", timezone.now())
        kwargs.setdefault("target_groups", [target_group_factory()])
        kwargs.setdefault("themes", [theme_factory()])
        return practice_factory(**kwargs)

    return make


# URL guessing by a member of another organisation: nothing changes, nothing leaks.

SECRET = "Confidential pilot for Org A"


@pytest.fixture
def secret(complete):
    practice = complete(title=SECRET, status=S.SUBMITTED, contact_email="private@a.example")
    practice.submitted_at = timezone.now()
    practice.save()
    return practice


def _guessed_get_urls(practice):
    version = practice.history.latest().history_id
    return [
        _url("change", practice.pk),
        _url("history", practice.pk),
        _url("delete", practice.pk),
        _url("preview", practice.pk),
        _url("simple_history", practice.pk, version),
    ]


def test_guessing_another_organisations_urls_shows_nothing(client, member_b, secret):
    client.force_login(member_b)

    for url in _guessed_get_urls(secret):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode(), url
        assert "private@a.example" not in response.content.decode(), url


def test_guessing_another_organisations_urls_changes_nothing(client, member_b, secret):
    client.force_login(member_b)
    before = Practice.objects.values().get(pk=secret.pk)
    versions = secret.history.count()

    responses = [
        client.post(_url("change", secret.pk), {"title": "Hijacked", "_save": "Save"}),
        client.post(_url("delete", secret.pk), {"post": "yes"}),
        client.post(_url("transition", secret.pk, "withdraw")),
        client.post(_url("transition", secret.pk, "publish")),
        client.post(_url("simple_history", secret.pk, secret.history.latest().history_id)),
        client.post(_url("restore", secret.history.earliest().history_id)),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404, 405, 403]
    for response in responses:
        assert SECRET not in response.content.decode()
    assert Practice.objects.values().get(pk=secret.pk) == before
    assert secret.history.count() == versions


def test_another_organisations_practices_are_not_listed_or_found(client, member_b, secret):
    client.force_login(member_b)

    listing = client.get(_url("changelist"))
    search = client.get(_url("changelist"), {"q": "Confidential"})
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Confidential",
            "app_label": "practices",
            "model_name": "practice",
            "field_name": "adapted_from",
        },
    )

    assert listing.status_code == search.status_code == 200
    assert SECRET not in listing.content.decode()
    assert SECRET not in search.content.decode()
    assert SECRET not in autocomplete.content.decode()


def test_a_members_adapted_from_choices_are_published_or_their_own(
    client, member_b, secret, complete, org_b
):
    public = complete(status=S.PUBLISHED, title="Public practice of A")
    own_draft = complete(lead_organisation=org_b, title="Own draft of B")
    client.force_login(member_b)

    page = client.get(_url("change", own_draft.pk)).content.decode()

    assert "Public practice of A" in page
    assert SECRET not in page
    assert public.pk


def test_the_admin_answers_404_for_a_practice_that_does_not_exist(client, editor):
    client.force_login(editor)
    response = client.get(_url("change", 999999))
    assert response.status_code == 404


# The form: choices limited to the member's organisations.


def test_a_member_can_choose_only_their_organisations_as_lead(
    client, make_member, org_a, org_b, organisation_factory
):
    third = organisation_factory(name="Org C")
    member = make_member(org_a, third)
    client.force_login(member)

    page = client.get(_url("add")).content.decode()
    select = re.search(r'<select name="lead_organisation".*?</select>', page, re.S).group(0)

    assert "Org A" in select
    assert "Org C" in select
    assert "Org B" not in select


def test_a_member_cannot_post_another_organisation_as_lead(client, member_a, org_b):
    client.force_login(member_a)
    data = {
        "title": "Planted",
        "slug": "planted",
        "lead_organisation": org_b.pk,
        "kind": "programme",
        "level": "regional",
        "original_language": "en",
        "evidence_level": "not_evaluated",
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
        "identifiers-TOTAL_FORMS": 0,
        "identifiers-INITIAL_FORMS": 0,
        "_save": "Save",
    }

    response = client.post(_url("add"), data)

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Practice.objects.filter(title="Planted").exists()


def test_a_member_with_one_organisation_gets_it_preselected(client, member_a, org_a):
    client.force_login(member_a)
    page = client.get(_url("add")).content.decode()
    assert re.search(rf'<option value="{org_a.pk}" selected>Org A</option>', page)


def test_a_new_practice_is_a_draft_created_by_its_author(client, member_a, org_a):
    client.force_login(member_a)
    data = {
        "title": "Our new practice",
        "slug": "our-new-practice",
        "lead_organisation": org_a.pk,
        "kind": "programme",
        "level": "regional",
        "original_language": "en",
        "evidence_level": "not_evaluated",
        "status": "published",  # ignored: status is read-only
        "references-TOTAL_FORMS": 0,
        "references-INITIAL_FORMS": 0,
        "identifiers-TOTAL_FORMS": 0,
        "identifiers-INITIAL_FORMS": 0,
        "_save": "Save",
    }

    response = client.post(_url("add"), data)

    assert response.status_code == 302
    practice = Practice.objects.get(title="Our new practice")
    assert practice.status == S.DRAFT
    assert practice.created_by == member_a
    assert practice.history.latest().history_user == member_a


def test_the_slug_is_fixed_once_published(client, editor, complete):
    practice = complete(status=S.PUBLISHED)
    client.force_login(editor)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert 'name="slug"' not in page
    assert 'name="title"' in page


def test_a_draft_can_be_saved_incomplete(client, member_a, org_a, practice_factory):
    practice = practice_factory(lead_organisation=org_a, summary="", regions=[])
    client.force_login(member_a)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert "Add a summary: two or three sentences on what the practice does." in page
    assert "Add at least one region where the practice runs." in page


# Workflow buttons on the change form.


def _steps(page):
    """The steps offered, in page order: forms of their own, links to the confirmation page of
    those that ask first, then the practice form's buttons."""
    steps = re.findall(
        r'(?:<form method="post" action|<a href)="[^"]*/step/([a-z_]+)/"'
        r'|name="_step" value="([a-z_]+)"',
        page,
    )
    return [own or in_form for own, in_form in steps]


def test_a_member_is_offered_submit_on_their_draft(client, member_a, complete):
    practice = complete()
    client.force_login(member_a)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert _steps(page) == ["submit"]


def test_a_member_is_offered_only_withdraw_once_submitted(client, member_a, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(member_a)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert _steps(page) == ["withdraw"]


def test_a_member_is_told_how_to_change_a_published_practice(client, member_a, complete):
    practice = complete(status=S.PUBLISHED)
    client.force_login(member_a)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert _steps(page) == []
    assert "To change it, propose changes" in page
    assert _url("propose", practice.pk) in page


def test_an_editor_is_offered_the_review_steps(client, editor, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert _steps(page) == ["withdraw", "archive", "publish", "request_changes"]
    assert 'name="step_comment"' in page
    assert 'name="csrfmiddlewaretoken"' in page


def test_the_step_buttons_need_a_csrf_token(complete, editor):
    practice = complete(status=S.SUBMITTED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(_url("transition", practice.pk, "publish"))

    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_a_step_answers_only_to_post(client, editor, complete):
    # Publishing and archiving answer GET with a confirmation page (below); other steps do not.
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)
    assert client.get(_url("transition", practice.pk, "withdraw")).status_code == 405
    assert client.get(_url("transition", practice.pk, "publish")).status_code == 200
    assert client.put(_url("transition", practice.pk, "publish")).status_code == 405
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


# Publishing and archiving ask first.


def test_publishing_asks_for_confirmation_first(client, editor, member_a, complete):
    practice = complete(status=S.SUBMITTED, title="Job clubs", submitted_by=member_a)
    client.force_login(editor)

    change = client.get(_url("change", practice.pk)).content.decode()
    confirm_url = _url("transition", practice.pk, "publish")
    # "Save and publish" is a button of the form: it saves, then asks (test_admin_form.py).
    assert 'name="_step" value="publish"' in change

    response = client.get(confirm_url)

    page = response.content.decode()
    assert "<h1>Publish “Job clubs”?</h1>" in page
    public = f"http://testserver/practices/{practice.slug}/"
    assert f'It will appear on the public site at <a href="{public}">{public}</a>' in page
    assert "member_a will be told by e-mail." in page
    assert '<form method="post" id="confirm-step">' in page
    assert '<input type="submit" value="Publish" class="default">' in page
    assert f'<a href="{_url("change", practice.pk)}" class="button cancel-link">Cancel</a>' in page
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED

    client.post(confirm_url)
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED


def test_archiving_a_published_practice_asks_first_and_says_what_follows(client, editor, complete):
    practice = complete(status=S.PUBLISHED, title="Job clubs")
    client.force_login(editor)

    page = client.get(_url("transition", practice.pk, "archive")).content.decode()

    assert "<h1>Archive “Job clubs”?</h1>" in page
    assert "It will leave the public site" in page
    assert "will say that it was archived and point to related practices" in page
    assert '<input type="submit" value="Archive" class="default">' in page
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED


def test_each_step_has_one_label_on_the_form_the_confirmation_and_the_actions(
    client, editor, complete
):
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)
    form = client.get(_url("change", practice.pk)).content.decode()
    actions = client.get(_url("changelist")).content.decode()
    # Publishing is the form's "Save and publish" (it saves, then asks), archiving a link.
    assert 'id="save-and-publish" class="workflow-step">Save and publish</button>' in form
    assert 'id="step-archive">Archive</a>' in form
    for name, label in [("publish", "Publish"), ("archive", "Archive")]:
        confirmation = client.get(_url("transition", practice.pk, name)).content.decode()
        assert f'<input type="submit" value="{label}" class="default">' in confirmation
        assert f'<option value="{name}_selected">{label} selected practices</option>' in actions


def test_a_confirmation_page_for_a_step_that_cannot_be_taken_says_why(client, editor, complete):
    practice = complete(status=S.DRAFT)
    client.force_login(editor)

    response = client.get(_url("transition", practice.pk, "publish"), follow=True)

    assert response.redirect_chain[-1][0] == _url("change", practice.pk)
    assert "“Publish” is not possible now." in response.content.decode()


def test_a_member_gets_no_confirmation_page_for_an_editors_step(client, member_a, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(member_a)
    assert client.get(_url("transition", practice.pk, "publish")).status_code == 403


def test_another_organisations_confirmation_page_is_not_found(client, member_b, secret):
    client.force_login(member_b)
    response = client.get(_url("transition", secret.pk, "archive"))
    assert response.status_code == 404
    assert SECRET not in response.content.decode()


def test_an_unknown_step_is_a_404(client, editor, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)
    assert client.post(_url("transition", practice.pk, "explode")).status_code == 404


def test_submitting_an_incomplete_draft_shows_what_is_missing(
    client, member_a, org_a, practice_factory
):
    practice = practice_factory(lead_organisation=org_a)
    client.force_login(member_a)

    response = client.post(_url("transition", practice.pk, "submit"), follow=True)

    page = response.content.decode()
    assert "“Submit for review” did not happen." in page
    assert "Add at least one target group." in page
    assert "Add at least one theme." in page
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_a_forbidden_step_says_why(client, editor, complete):
    practice = complete(status=S.DRAFT)
    client.force_login(editor)

    response = client.post(_url("transition", practice.pk, "publish"), follow=True)

    assert "“Publish” is not possible for a practice that is draft" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.DRAFT


def test_requesting_changes_shows_the_comment_to_the_member(client, editor, member_a, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)
    client.post(
        _url("transition", practice.pk, "request_changes"),
        {"comment": "Please add the number of people reached."},
    )

    client.force_login(member_a)
    page = client.get(_url("change", practice.pk)).content.decode()

    assert "The editor asked for changes:" in page
    assert "Please add the number of people reached." in page
    assert _steps(page) == ["submit"]


def test_requesting_changes_without_a_comment_keeps_the_practice_in_review(
    client, editor, complete
):
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)

    response = client.post(
        _url("transition", practice.pk, "request_changes"), {"comment": ""}, follow=True
    )

    assert "Say what needs to change" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


def test_an_editor_publishes_from_the_form(client, editor, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(editor)

    response = client.post(_url("transition", practice.pk, "publish"), follow=True)

    assert f"“{practice.title}” is now published." in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED
    assert practice.published_at is not None


# Bulk actions.


def test_publishing_selected_practices_reports_each_one_that_could_not_be(
    client, editor, complete, practice_factory, org_a
):
    ready = complete(status=S.SUBMITTED, title="Ready one")
    draft = complete(status=S.DRAFT, title="Still a draft")
    client.force_login(editor)

    response = client.post(
        _url("changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, draft.pk], "post": "yes"},
        follow=True,
    )

    page = response.content.decode()
    assert "Publish: done for 1 practice." in page
    assert "Publish not done for “Still a draft”" in page
    ready.refresh_from_db()
    draft.refresh_from_db()
    assert (ready.status, draft.status) == (S.PUBLISHED, S.DRAFT)


def test_publishing_selected_practices_asks_first(client, editor, complete):
    ready = complete(status=S.SUBMITTED, title="Ready one")
    draft = complete(status=S.DRAFT, title="Still a draft")
    client.force_login(editor)

    response = client.post(
        _url("changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, draft.pk]},
    )

    page = response.content.decode()
    assert "<h1>Publish 2 practices?</h1>" in page
    assert "1 of 2 can be published" in page
    assert "Still a draft" in page
    assert '<input type="hidden" name="post" value="yes">' in page
    assert '<input type="submit" value="Publish" class="default">' in page
    ready.refresh_from_db()
    assert ready.status == S.SUBMITTED


def test_archiving_selected_practices_asks_first(client, editor, complete):
    practice = complete(status=S.PUBLISHED, title="Old one")
    client.force_login(editor)
    data = {"action": "archive_selected", "_selected_action": [practice.pk]}

    page = client.post(_url("changelist"), data).content.decode()
    assert "<h1>Archive 1 practice?</h1>" in page
    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED

    client.post(_url("changelist"), {**data, "post": "yes"})
    practice.refresh_from_db()
    assert practice.status == S.ARCHIVED


def test_members_are_not_offered_the_editors_actions(client, member_a, complete):
    complete()
    client.force_login(member_a)
    page = client.get(_url("changelist")).content.decode()
    assert "submit_selected" in page
    assert "publish_selected" not in page
    assert "archive_selected" not in page
    assert "delete_selected" not in page


def test_a_member_cannot_run_an_editors_action_by_posting_it(client, member_a, complete):
    practice = complete(status=S.SUBMITTED)
    client.force_login(member_a)

    client.post(
        _url("changelist"), {"action": "publish_selected", "_selected_action": [practice.pk]}
    )

    practice.refresh_from_db()
    assert practice.status == S.SUBMITTED


# Review queue and its count on the index.


def test_the_review_queue_lists_submitted_practices_oldest_first(client, editor, complete):
    now = timezone.now()
    newer = complete(status=S.SUBMITTED, title="Newer", submitted_at=now - timedelta(days=1))
    older = complete(status=S.SUBMITTED, title="Older", submitted_at=now - timedelta(days=9))
    complete(status=S.DRAFT, title="A draft")
    complete(status=S.PUBLISHED, title="Already out")
    client.force_login(editor)

    page = client.get(_url("review_queue")).content.decode()

    titles = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', page)
    assert titles == [older.title, newer.title]
    assert _url("preview", older.pk) in page


def test_the_review_queue_is_for_editors_only(client, member_a):
    client.force_login(member_a)
    assert client.get(_url("review_queue")).status_code == 403


def test_the_review_queue_runs_a_fixed_number_of_queries(
    client, editor, complete, django_assert_max_num_queries
):
    for n in range(8):
        complete(status=S.SUBMITTED, submitted_at=timezone.now(), title=f"Queued {n}")
    client.force_login(editor)
    with django_assert_max_num_queries(8):
        response = client.get(_url("review_queue"))
    assert response.content.decode().count('<th scope="row">') == 8


def test_the_index_shows_the_review_queue_count_to_editors(client, editor, complete):
    complete(status=S.SUBMITTED, submitted_at=timezone.now())
    complete(status=S.SUBMITTED, submitted_at=timezone.now())
    complete(status=S.DRAFT)
    client.force_login(editor)

    page = client.get(reverse("admin:index")).content.decode()

    assert re.search(r'<strong id="review-queue-count">2</strong> practices waiting', page)
    assert _url("review_queue") in page


def test_the_index_tells_a_member_about_requested_changes(client, member_a, complete):
    complete(status=S.DRAFT, review_comment="Add results")
    client.force_login(member_a)

    page = client.get(reverse("admin:index")).content.decode()

    assert "review-queue-count" not in page
    assert re.search(r'<a href="[^"]*\?review=changes">1 practice with changes requested</a>', page)
    assert "Add results" in page


def test_the_changes_requested_filter_lists_drafts_with_a_comment(client, member_a, complete):
    complete(status=S.DRAFT, review_comment="Add results", title="Needs work")
    complete(status=S.DRAFT, title="Fresh draft")
    client.force_login(member_a)

    page = client.get(_url("changelist"), {"review": "changes"}).content.decode()

    assert "Needs work" in page
    assert "Fresh draft" not in page


# Preview with the public template.


def test_an_editor_previews_a_submitted_practice_with_the_public_template(client, editor, complete):
    practice = complete(status=S.SUBMITTED, title="Coming soon")
    client.force_login(editor)

    response = client.get(_url("preview", practice.pk))

    assert response.status_code == 200
    assert "practices/practice_detail.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "<h1>Coming soon</h1>" in page or ">Coming soon</h1>" in page
    assert "Preview: this practice is <strong>submitted for review</strong>" in page
    assert "<title>Preview (not published): Coming soon · EARLALL Practices</title>" in page
    assert 'class="preview-banner__title">Preview — not published</p>' in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # The public page itself still hides it.
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_the_preview_has_the_public_pages_context(
    client, editor, complete, target_group_factory, theme_factory
):
    group, theme = target_group_factory(), theme_factory()
    source = complete(status=S.PUBLISHED, title="The original in Catalonia")
    complete(status=S.PUBLISHED, title="A related practice", target_groups=[group], themes=[theme])
    complete(status=S.DRAFT, title="An unpublished relative", target_groups=[group], themes=[theme])
    draft = complete(
        status=S.SUBMITTED,
        title="The adaptation",
        adapted_from=source,
        target_groups=[group],
        themes=[theme],
    )
    client.force_login(editor)

    page = client.get(_url("preview", draft.pk)).content.decode()

    assert "Adapted from" in page
    assert "The original in Catalonia" in page
    assert "A related practice" in page
    assert "An unpublished relative" not in page


def test_a_member_previews_their_own_draft(client, member_a, complete):
    practice = complete(title="Our draft")
    client.force_login(member_a)
    response = client.get(_url("preview", practice.pk))
    assert response.status_code == 200
    assert "Our draft" in response.content.decode()


def test_the_change_form_links_to_the_preview(client, member_a, complete):
    practice = complete()
    client.force_login(member_a)
    page = client.get(_url("change", practice.pk)).content.decode()
    assert f'href="{_url("preview", practice.pk)}"' in page


# The changelist.


def test_the_changelist_runs_a_fixed_number_of_queries(
    client, editor, complete, django_assert_num_queries
):
    complete(status=S.SUBMITTED)
    client.force_login(editor)
    client.get(_url("changelist"))  # warm the content-type and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(_url("changelist"))
    baseline = len(few.captured_queries)
    for n in range(10):
        complete(title=f"More {n}")
    with django_assert_num_queries(baseline):
        client.get(_url("changelist"))


def _columns(page):
    return re.findall(r'<th scope="col" class="[^"]*column-([a-z_]+)', page)


def test_editors_and_members_get_the_columns_of_their_work(
    client, editor, member_a, make_member, complete, org_a
):
    maria = make_member(org_a, username="maria", first_name="Maria", last_name="Svensson")
    complete(
        title="Job clubs",
        status=S.DRAFT,
        review_comment="Add the year.",
        submitted_by=maria,
        submitted_at=timezone.now(),
    )

    client.force_login(editor)
    editors = client.get(_url("changelist")).content.decode()
    client.force_login(member_a)
    members = client.get(_url("changelist")).content.decode()

    assert _columns(editors) == [
        "title",
        "organisation",
        "region",
        "status_display",
        "updated",
        "submitter",
    ]
    assert _columns(members) == ["title", "status_display", "updated"]
    assert '<td class="field-organisation">Org A</td>' in editors
    assert '<td class="field-submitter">Maria Svensson</td>' in editors
    assert '<td class="field-status_display">Draft: changes requested</td>' in members
    assert "Submitted by" not in members


def test_the_list_writes_times_in_the_one_local_format(client, member_a, complete):
    practice = complete()
    client.force_login(member_a)
    page = client.get(_url("changelist")).content.decode()
    local = timezone.localtime(practice.updated_at)
    assert f'<td class="field-updated">{local:%-d %B %Y, %H:%M}</td>' in page


def test_the_admin_loads_its_stylesheet_and_no_sidebar(client, editor):
    client.force_login(editor)
    page = client.get(_url("changelist")).content.decode()
    assert 'href="/static/css/admin.css"' in page
    assert 'id="nav-sidebar"' not in page


def test_a_member_sees_only_their_organisations_practices_in_the_list(
    client, member_a, complete, org_b
):
    complete(title="Ours")
    complete(title="Theirs", lead_organisation=org_b, status=S.PUBLISHED)
    client.force_login(member_a)
    page = client.get(_url("changelist")).content.decode()
    assert "Ours" in page
    assert "Theirs" not in page


# Organisations and regions.


def test_a_member_can_view_organisations_but_not_who_belongs_to_them(
    client, member_a, make_member, org_a
):
    make_member(org_a, username="colleague_of_a")
    client.force_login(member_a)
    page = client.get(reverse("admin:regions_organisation_change", args=[org_a.pk]))
    assert page.status_code == 200
    assert "Org A" in page.content.decode()
    assert "colleague_of_a" not in page.content.decode()
    assert 'name="name"' not in page.content.decode()  # view only


def test_a_superuser_sets_who_belongs_to_an_organisation(client, org_a, user_factory):
    root = user_factory(username="root", is_staff=True, is_superuser=True, password=None)
    client.force_login(root)
    page = client.get(reverse("admin:regions_organisation_change", args=[org_a.pk]))
    assert 'name="members"' in page.content.decode()


def test_region_counts_show_published_practices_only(client, member_a, complete, org_a):
    complete(status=S.PUBLISHED)
    complete(status=S.DRAFT)
    complete(status=S.DRAFT)
    client.force_login(member_a)
    page = client.get(reverse("admin:regions_region_changelist")).content.decode()
    assert re.search(r'<td class="field-practice_count">1</td>', page)


# Content Security Policy: the pages added here carry no inline script or style.

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)", re.I)
INLINE_STYLE = re.compile(r"\sstyle=|<style", re.I)


def test_the_workflow_pages_have_no_inline_scripts_or_styles(client, editor, complete):
    practice = complete(status=S.SUBMITTED, submitted_at=timezone.now())
    version = practice.history.latest().history_id
    client.force_login(editor)

    for url in [
        reverse("admin:index"),
        _url("changelist"),
        _url("change", practice.pk),
        _url("review_queue"),
        _url("deleted"),
        _url("history", practice.pk),
        _url("simple_history", practice.pk, version),
        _url("preview", practice.pk),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response, url
        page = response.content.decode()
        assert not INLINE_STYLE.search(page), url
        for script in INLINE_SCRIPT.findall(page):
            # json_script data blocks are not executed and the CSP allows them.
            assert 'type="application/json"' in script, (url, script)


# Django's "view on site" redirect (admin/r/) tells any staff user any object's address.


def _view_on_site(user, practice):
    content_type = ContentType.objects.get_for_model(Practice)
    request = RequestFactory().get(f"/admin/r/{content_type.pk}/{practice.pk}/")
    request.user = user
    return guarded_view_on_site(request, content_type.pk, str(practice.pk))


def test_the_guarded_view_on_site_hides_another_organisations_draft(member_b, secret):
    with pytest.raises(Http404):
        _view_on_site(member_b, secret)


def test_the_guarded_view_on_site_redirects_for_those_who_may_view(editor, member_a, secret):
    for user in (editor, member_a):
        response = _view_on_site(user, secret)
        assert response.status_code == 302
        assert response["Location"].endswith(secret.get_absolute_url())


def test_the_admin_view_on_site_url_is_the_guarded_one(client, member_b, member_a, secret):
    content_type = ContentType.objects.get_for_model(Practice)
    url = f"/admin/r/{content_type.pk}/{secret.pk}/"
    client.force_login(member_b)
    response = client.get(url)
    assert response.status_code == 404
    assert secret.slug not in response.content.decode()
    assert "Location" not in response
    client.force_login(member_a)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith(secret.get_absolute_url())


@pytest.mark.parametrize(
    "path",
    [
        "/admin/practices/practice/abc/change/",
        "/admin/practices/practice/abc/history/",
        "/admin/practices/practice/abc/history/xyz/",
        "/admin/practices/practice/1/history/xyz/",
        "/admin/practices/practice/abc/preview/",
        "/admin/practices/practice/abc/delete/",
    ],
)
def test_malformed_addresses_are_404_not_500(client, editor, path):
    client.force_login(editor)
    assert client.get(path).status_code == 404


def test_a_malformed_step_address_is_404_not_500(client, editor):
    client.force_login(editor)
    assert client.post("/admin/practices/practice/abc/step/publish/").status_code == 404
