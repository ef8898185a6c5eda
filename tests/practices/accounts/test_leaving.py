"""Leaving the network: deactivation and removal from an organisation take effect at once."""

import pytest

from practices.models import Practice
from practices.workflow import roles

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def org(organisation_factory):
    return organisation_factory()


def test_a_deactivated_member_cannot_sign_in_and_their_drafts_stay(
    client, editor, org, make_member, practice_factory
):
    member = make_member(org, password=PASSWORD, username="leaver")
    draft = practice_factory(lead_organisation=org, submitted_by=member)
    client.force_login(editor)
    response = client.post(f"/admin/people/{member.pk}/deactivate/")
    assert response.status_code == 302
    client.logout()

    member.refresh_from_db()
    assert not member.is_active
    response = client.post("/admin/login/", {"username": "leaver", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert Practice.objects.get(pk=draft.pk).lead_organisation == org
    assert Practice.objects.get(pk=draft.pk).submitted_by == member


def test_a_deactivated_members_open_session_ends(client, editor, org, make_member):
    member = make_member(org)
    member_client = type(client)()
    member_client.force_login(member)
    assert member_client.get("/admin/").status_code == 200
    client.force_login(editor)
    client.post(f"/admin/people/{member.pk}/deactivate/")
    assert member_client.get("/admin/").status_code == 302


def test_removing_a_person_from_an_organisation_removes_their_rights_at_once(
    client, editor, org, make_member, practice_factory
):
    member = make_member(org)
    draft = practice_factory(lead_organisation=org)
    assert roles.can_change(member, draft)
    member_client = type(client)()
    member_client.force_login(member)
    url = f"/admin/practices/practice/{draft.pk}/change/"
    assert member_client.get(url).status_code == 200

    client.force_login(editor)
    client.post(f"/admin/people/{member.pk}/organisations/{org.pk}/remove/")

    assert not member.organisations.exists()
    member = type(member).objects.get(pk=member.pk)  # a fresh request, fresh caches
    assert not roles.can_change(member, draft)
    assert member_client.get(url).status_code in (302, 403, 404)


def test_members_may_not_deactivate_anyone(client, org, make_member):
    member = make_member(org)
    other = make_member(org)
    client.force_login(member)
    assert client.post(f"/admin/people/{other.pk}/deactivate/").status_code == 403
    other.refresh_from_db()
    assert other.is_active


def test_an_editor_cannot_deactivate_themselves(client, editor):
    client.force_login(editor)
    client.post(f"/admin/people/{editor.pk}/deactivate/")
    editor.refresh_from_db()
    assert editor.is_active


def test_deactivating_needs_post(client, editor, org, make_member):
    member = make_member(org)
    client.force_login(editor)
    assert client.get(f"/admin/people/{member.pk}/deactivate/").status_code == 405
    assert client.post("/admin/people/999999/deactivate/").status_code == 404
