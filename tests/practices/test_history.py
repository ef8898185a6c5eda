"""History: who changed what and when, restoring an earlier version (with its relations), and
recovering a deleted practice."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from practices.models import ExternalIdentifier, Practice, PracticeReference, PracticeSearch
from practices.workflow import services
from tests.practices.test_roles import form_data

S = Practice.Status


def _url(name, *args):
    return reverse(f"admin:practices_practice_{name}", args=args)


@pytest.fixture
def rich(
    practice_factory,
    region_factory,
    target_group_factory,
    theme_factory,
    funding_source_factory,
    organisation_factory,
):
    """A practice with every kind of relation, as version 1."""
    return practice_factory(
        title="First title",
        summary="First summary",
        regions=[region_factory(name="Old region")],
        target_groups=[target_group_factory(name="Old group")],
        themes=[theme_factory(name="Old theme")],
        funding_sources=[funding_source_factory(name="Old fund")],
        partner_organisations=[organisation_factory(name="Old partner")],
    )


def _edit_in_admin(client, practice, **changes):
    response = client.post(_url("change", practice.pk), form_data(practice, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    practice.refresh_from_db()


# Recording.


def test_one_admin_save_is_one_version_saying_who_and_what(client, editor, rich, region_factory):
    client.force_login(editor)
    new_region = region_factory(name="New region")
    before = rich.history.count()

    _edit_in_admin(client, rich, title="Second title", regions=[new_region.pk])

    assert rich.history.count() == before + 1
    latest = rich.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Edited"
    changed = {change.field for change in latest.diff_against(latest.prev_record).changes}
    assert changed == {"title", "regions"}


def test_the_history_page_shows_who_when_and_what(client, editor, rich):
    client.force_login(editor)
    _edit_in_admin(client, rich, title="Second title")

    page = client.get(_url("history", rich.pk)).content.decode()

    assert "<strong>Title:</strong> First title &rarr; Second title" in page
    assert "<td>editor</td>" in page
    assert "Edited" in page


# Wording: what a person reads, not what the database stores.

LONG_TEXT = (
    "The service starts with a conversation at the library. A guidance counsellor meets each "
    "person for an hour, maps what they can already do, and agrees the next step with them."
)


def test_the_history_speaks_peoples_language(
    client, editor, make_member, rich, region_factory, django_capture_on_commit_callbacks
):
    member = make_member(rich.lead_organisation, first_name="Maria", last_name="Svensson")
    editor.first_name, editor.last_name = "Eva", "Editor"
    editor.save()
    Practice.objects.filter(pk=rich.pk).update(description=LONG_TEXT)
    rich.refresh_from_db()
    rich.save()  # a version with the long description
    with django_capture_on_commit_callbacks(execute=True):
        services.practice_transition(practice=rich, user=member, name="submit")
        services.practice_transition(practice=rich, user=editor, name="publish")
    client.force_login(editor)
    rich.refresh_from_db()
    _edit_in_admin(
        client,
        rich,
        kind=Practice.Kind.PROJECT,
        description=LONG_TEXT.replace("for an hour", "for two hours"),
        regions=[region_factory(name="New region").pk],
    )

    page = client.get(_url("history", rich.pk)).content.decode()

    rich.refresh_from_db()
    published = date_format(timezone.localtime(rich.published_at), "DATETIME_FORMAT")
    assert "<strong>Status:</strong> Submitted for review &rarr; Published" in page
    assert "<strong>Submitted by:</strong> — &rarr; Maria Svensson" in page
    assert f"<strong>Published at:</strong> — &rarr; {published}" in page
    assert "<strong>Kind:</strong> Programme &rarr; Project" in page
    assert "<strong>Regions:</strong> added New region; removed Old region" in page
    assert (
        "<strong>Description:</strong> … guidance counsellor meets each person for "
        "<del>an hour,</del> maps what they can already do, … &rarr; … guidance counsellor "
        "meets each person for <ins>two hours,</ins> maps what they can already do, …"
    ) in page
    assert "<td>Maria Svensson</td>" in page
    assert "<td>Eva Editor</td>" in page
    for raw in ("Deleted user", "pk=None", "+00:00", "None", "chars]", "maria", "member_"):
        assert raw not in page, raw


def test_every_time_in_the_history_is_local_and_in_one_format(client, editor, rich):
    client.force_login(editor)
    record = rich.history.latest()
    shown = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")

    history = client.get(_url("history", rich.pk)).content.decode()
    version = client.get(_url("simple_history", rich.pk, record.history_id)).content.decode()

    assert f">{shown}</time>" in history
    assert f"Saved {shown} by " in version
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", shown)


def test_restoring_says_which_version_in_the_same_format(editor, rich):
    record = rich.history.latest()
    services.practice_restore_version(history_id=record.history_id, user=editor)
    shown = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    assert rich.history.latest().history_change_reason == f"Restored the version of {shown}"


def test_a_version_names_people_and_relations(client, editor, make_member, rich):
    member = make_member(rich.lead_organisation, first_name="Maria", last_name="Svensson")
    Practice.objects.filter(pk=rich.pk).update(created_by=member)
    rich.refresh_from_db()
    rich.save()
    client.force_login(editor)

    page = client.get(_url("simple_history", rich.pk, rich.history.latest().history_id))

    html = page.content.decode()
    assert '<tr><th scope="row">Created by</th><td>Maria Svensson</td></tr>' in html
    assert "Old region" in html


def test_adding_a_practice_in_the_admin_is_one_created_version(
    client, editor, organisation_factory
):
    organisation = organisation_factory()
    client.force_login(editor)
    blank = Practice(lead_organisation=organisation, title="Brand new", slug="brand-new")

    client.post(_url("add"), form_data(blank, regions=[organisation.region_id]))

    practice = Practice.objects.get(slug="brand-new")
    assert [(r.history_type, r.history_change_reason) for r in practice.history.all()] == [
        ("+", "Created")
    ]
    assert list(practice.history.get().regions.values_list("region_id", flat=True)) == [
        organisation.region_id
    ]


def test_changes_to_references_are_recorded(client, editor, rich):
    client.force_login(editor)
    data = form_data(rich)
    data |= {
        "references-TOTAL_FORMS": 1,
        "references-0-title": "Evaluation report",
        "references-0-url": "https://example.org/report.pdf",
    }

    client.post(_url("change", rich.pk), data)

    record = PracticeReference.history.get()
    assert (record.title, record.history_type, record.history_user) == (
        "Evaluation report",
        "+",
        editor,
    )


def test_a_member_sees_the_history_of_their_practice_without_restore(client, make_member, rich):
    member = make_member(rich.lead_organisation)
    client.force_login(member)

    history = client.get(_url("history", rich.pk))
    version = client.get(_url("simple_history", rich.pk, rich.history.earliest().history_id))

    assert history.status_code == version.status_code == 200
    assert "First title" in version.content.decode()
    assert "Restore this version" not in version.content.decode()


# Restoring an earlier version.


def test_an_editor_restores_an_earlier_version_with_its_relations(
    client,
    editor,
    rich,
    region_factory,
    target_group_factory,
    theme_factory,
    funding_source_factory,
    organisation_factory,
):
    client.force_login(editor)
    version_one = rich.history.latest().history_id
    _edit_in_admin(
        client,
        rich,
        title="Second title",
        summary="Second summary",
        regions=[region_factory(name="New region").pk],
        target_groups=[target_group_factory(name="New group").pk],
        themes=[theme_factory(name="New theme").pk],
        funding_sources=[funding_source_factory(name="New fund").pk],
        partner_organisations=[organisation_factory(name="New partner").pk],
    )
    assert rich.title == "Second title"

    response = client.post(_url("restore", version_one), follow=True)

    assert "“First title” was restored." in response.content.decode()
    rich.refresh_from_db()
    assert (rich.title, rich.summary) == ("First title", "First summary")
    assert [str(r) for r in rich.regions.all()] == ["Old region"]
    assert [str(t) for t in rich.target_groups.all()] == ["Old group"]
    assert [str(t) for t in rich.themes.all()] == ["Old theme"]
    assert [str(f) for f in rich.funding_sources.all()] == ["Old fund"]
    assert [str(o) for o in rich.partner_organisations.all()] == ["Old partner"]
    latest = rich.history.latest()
    assert latest.history_change_reason.startswith("Restored the version of ")
    assert latest.history_user == editor


def test_restoring_keeps_the_status_and_the_address(editor, rich):
    version_one = rich.history.latest().history_id
    Practice.objects.filter(pk=rich.pk).update(
        title="Published later", status=S.PUBLISHED, published_at=timezone.now(), slug="new-addr"
    )

    practice, notes = services.practice_restore_version(history_id=version_one, user=editor)

    practice.refresh_from_db()
    assert practice.title == "First title"
    assert practice.status == S.PUBLISHED
    assert practice.slug == "new-addr"
    assert notes == []


def test_restoring_names_relations_that_no_longer_exist(editor, rich):
    version_one = rich.history.latest().history_id
    rich.regions.get().delete()

    practice, notes = services.practice_restore_version(history_id=version_one, user=editor)

    assert notes == ["1 of its regions no longer exist and could not be restored."]
    assert practice.regions.count() == 0


def test_restoring_is_itself_undoable(editor, rich):
    version_one = rich.history.latest().history_id
    rich.title = "Second title"
    rich.save()
    version_two = rich.history.latest().history_id

    services.practice_restore_version(history_id=version_one, user=editor)
    services.practice_restore_version(history_id=version_two, user=editor)

    rich.refresh_from_db()
    assert rich.title == "Second title"


def test_a_member_cannot_restore(make_member, rich):
    member = make_member(rich.lead_organisation)
    with pytest.raises(PermissionDenied):
        services.practice_restore_version(
            history_id=rich.history.earliest().history_id, user=member
        )


def test_restoring_an_unknown_version_says_so(client, editor):
    client.force_login(editor)
    response = client.post(_url("restore", 987654), follow=True)
    assert response.status_code == 200
    assert "Not restored: There is no such version of a practice." in response.content.decode()


def test_restore_answers_only_to_post(client, editor, rich):
    client.force_login(editor)
    response = client.get(_url("restore", rich.history.earliest().history_id))
    assert response.status_code == 405


def test_simple_historys_own_revert_form_is_closed(client, editor, rich):
    client.force_login(editor)
    version = rich.history.earliest().history_id
    rich.title = "Current"
    rich.save()

    response = client.post(
        _url("simple_history", rich.pk, version), form_data(rich, title="Posted over")
    )

    assert response.status_code == 405
    rich.refresh_from_db()
    assert rich.title == "Current"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search vector exists on PostgreSQL only"
)
def test_restoring_refreshes_the_search_vector(editor, rich):
    version_one = rich.history.latest().history_id
    Practice.objects.filter(pk=rich.pk).update(title="Something else")
    PracticeSearch.objects.filter(practice=rich).delete()

    services.practice_restore_version(history_id=version_one, user=editor)

    assert PracticeSearch.objects.filter(practice=rich).exists()


# Deleting and recovering.


@pytest.fixture
def archived(rich):
    rich.status = S.ARCHIVED
    rich.published_at = timezone.now()
    rich.save()
    rich.references.create(title="Report", url="https://example.org/r")
    rich.identifiers.create(scheme=ExternalIdentifier.Scheme.CORDIS, value="101")
    return rich


def test_an_editor_recovers_a_deleted_practice_whole(client, editor, archived):
    pk, slug = archived.pk, archived.slug
    client.force_login(editor)

    client.post(_url("delete", pk), {"post": "yes"})
    assert not Practice.objects.filter(pk=pk).exists()

    listing = client.get(_url("deleted")).content.decode()
    assert "First title" in listing
    restorable = Practice.history.filter(id=pk).exclude(history_type="-").latest().history_id
    assert _url("restore", restorable) in listing

    client.post(_url("restore", restorable))

    practice = Practice.objects.get(pk=pk)
    assert (practice.slug, practice.status) == (slug, S.ARCHIVED)
    assert [str(r) for r in practice.regions.all()] == ["Old region"]
    assert [str(o) for o in practice.partner_organisations.all()] == ["Old partner"]
    assert [r.title for r in practice.references.all()] == ["Report"]
    assert [i.value for i in practice.identifiers.all()] == ["101"]
    assert "No deleted practices." in client.get(_url("deleted")).content.decode()


def test_a_reference_deleted_earlier_by_hand_stays_deleted(editor, archived):
    archived.references.create(title="Withdrawn link", url="https://example.org/old")
    withdrawn = archived.references.get(title="Withdrawn link")
    withdrawn.delete()
    PracticeReference.history.filter(title="Withdrawn link", history_type="-").update(
        history_date=timezone.now() - datetime.timedelta(hours=1)
    )
    restorable = archived.history.latest().history_id

    services.practice_delete(practice=archived, user=editor)
    services.practice_restore_version(history_id=restorable, user=editor)

    assert [r.title for r in PracticeReference.objects.filter(practice_id=archived.pk)] == [
        "Report"
    ]


def test_the_deletion_entry_itself_cannot_be_restored(editor, archived):
    services.practice_delete(practice=archived, user=editor)
    deletion = Practice.history.get(id=archived.pk, history_type="-")
    with pytest.raises(ValidationError, match="records the deletion"):
        services.practice_restore_version(history_id=deletion.history_id, user=editor)


def test_only_an_archived_practice_can_be_deleted(editor, rich):
    with pytest.raises(ValidationError, match="archive it before deleting it"):
        services.practice_delete(practice=rich, user=editor)
    assert Practice.objects.filter(pk=rich.pk).exists()


def test_members_see_neither_deleted_practices_nor_their_versions(
    client, editor, make_member, archived
):
    member = make_member(archived.lead_organisation)
    version = archived.history.latest().history_id
    services.practice_delete(practice=archived, user=editor)
    client.force_login(member)

    assert client.get(_url("deleted")).status_code == 403
    assert client.get(_url("history", archived.pk)).status_code == 404
    assert client.get(_url("simple_history", archived.pk, version)).status_code == 404


def test_an_editor_sees_a_deleted_practices_history_and_versions(client, editor, archived):
    version = archived.history.latest().history_id
    services.practice_delete(practice=archived, user=editor)
    client.force_login(editor)

    history = client.get(_url("history", archived.pk))
    page = client.get(_url("simple_history", archived.pk, version)).content.decode()

    assert history.status_code == 200
    assert "Deleted" in history.content.decode()
    assert "This practice was deleted." in page
    assert "Restore this version" in page


def test_restoring_a_deleted_practice_whose_slug_was_taken_says_so(
    editor, archived, practice_factory
):
    restorable = archived.history.latest().history_id
    services.practice_delete(practice=archived, user=editor)
    practice_factory(slug=archived.slug)

    with pytest.raises(ValidationError) as excinfo:
        services.practice_restore_version(history_id=restorable, user=editor)

    assert "Practice with this Slug already exists." in excinfo.value.messages
    assert not Practice.objects.filter(pk=archived.pk).exists()
