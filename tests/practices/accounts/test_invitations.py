"""Invitations: an editor invites, the person chooses their own name and password."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from practices.accounts import services
from practices.accounts.models import Invitation
from practices.workflow.roles import MEMBER

PEOPLE = "/admin/people/"
GOOD = {
    "username": "new-person",
    "first_name": "Ana",
    "last_name": "Ruiz",
    "password1": "a quiet harbour at dawn",
    "password2": "a quiet harbour at dawn",
}


@pytest.fixture
def org(organisation_factory):
    return organisation_factory(name="Borås Stad")


@pytest.fixture
def invited(client, editor, org, django_capture_on_commit_callbacks, last_link):
    """Invite ana@example.org for `org`; return the link's path."""
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PEOPLE, {"email": "ana@example.org", "organisations": [org.pk]})
    assert response.status_code == 302
    client.logout()
    return last_link()


def test_an_editor_invites_and_the_email_holds_a_link_not_a_password(invited, org):
    message = mail.outbox[-1]
    assert message.to == ["ana@example.org"]
    assert "Borås Stad" in message.body
    assert "/admin/invitation/" in invited
    assert "choose your own username and password" in message.body
    invitation = Invitation.objects.get()
    assert invitation.status == Invitation.Status.PENDING
    # Only a hash of the secret is kept.
    assert invited.rstrip("/").rsplit("/", 1)[1] not in invitation.token_hash


def test_the_person_chooses_a_password_and_lands_as_a_member_signed_in(client, invited, org):
    page = client.get(invited)
    assert page.status_code == 200
    assert "Borås Stad" in page.content.decode()

    response = client.post(invited, GOOD)

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    user = get_user_model().objects.get(username="new-person")
    assert user.email == "ana@example.org"
    assert user.get_full_name() == "Ana Ruiz"
    assert user.is_staff
    assert user.check_password(GOOD["password1"])
    assert list(user.groups.values_list("name", flat=True)) == [MEMBER]
    assert list(user.organisations.all()) == [org]
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_used_link_says_so(client, invited):
    client.post(invited, GOOD)
    client.logout()
    response = client.get(invited)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation has already been used." in page
    assert "send it again" in page


def test_a_used_link_cannot_make_a_second_account(client, invited):
    client.post(invited, GOOD)
    client.logout()
    response = client.post(invited, {**GOOD, "username": "second"})
    assert response.status_code == 410
    assert not get_user_model().objects.filter(username="second").exists()


def test_an_expired_link_says_so_and_offers_a_new_one(client, invited, editor):
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(invited)
    assert response.status_code == 410
    page = response.content.decode()
    assert "This invitation has expired." in page
    assert "ask editor, who invited you, to send it again" in page
    assert client.post(invited, GOOD).status_code == 410
    assert not get_user_model().objects.filter(username="new-person").exists()


def test_links_last_seven_days(invited):
    invitation = Invitation.objects.get()
    assert invitation.expires_at - invitation.sent_at == timedelta(days=7)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda link: link[:-6] + "/",  # truncated
        lambda link: link[:-2] + "x/",  # one character changed
        lambda link: "/admin/invitation/forged-token-of-my-own/",
    ],
    ids=["truncated", "altered", "forged"],
)
def test_a_forged_or_truncated_link_says_so(client, invited, mangle):
    response = client.get(mangle(invited))
    assert response.status_code == 404
    assert "This invitation link is not valid." in response.content.decode()
    assert client.post(mangle(invited), GOOD).status_code == 404
    assert not get_user_model().objects.filter(username="new-person").exists()


def test_a_revoked_link_says_so(client, editor, invited):
    client.force_login(editor)
    client.post(f"{PEOPLE}invitations/{Invitation.objects.get().pk}/revoke/")
    client.logout()
    response = client.get(invited)
    assert response.status_code == 410
    assert "This invitation has been withdrawn." in response.content.decode()


def test_resending_sends_a_new_link_and_the_old_one_stops_working(
    client, editor, invited, django_capture_on_commit_callbacks, last_link
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{PEOPLE}invitations/{Invitation.objects.get().pk}/resend/")
    client.logout()
    new_link = last_link()
    assert new_link != invited
    assert client.get(invited).status_code == 404
    assert client.get(new_link).status_code == 200


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password1": "short", "password2": "short"}, "This password is too short."),
        ({"password1": "password123", "password2": "password123"}, "too common"),
        ({"password1": "83920174650", "password2": "83920174650"}, "entirely numeric"),
        ({"password2": "something else entirely"}, "didn\u2019t match"),
        ({"username": ""}, "This field is required."),
        ({"username": "bad name!"}, "Enter a valid username."),
    ],
)
def test_a_bad_password_or_username_is_refused_and_nothing_is_created(
    client, invited, change, message
):
    response = client.post(invited, {**GOOD, **change})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'value="Ana"' in page  # what was typed is kept
    assert not get_user_model().objects.filter(email="ana@example.org").exists()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_a_taken_username_is_refused(client, invited, user_factory):
    user_factory(username="New-Person", password=None)
    response = client.post(invited, GOOD)
    assert "This username is taken" in response.content.decode()
    assert Invitation.objects.get().status == Invitation.Status.PENDING


def test_an_address_with_an_account_gets_the_organisation_added_instead(
    client, editor, org, make_member, organisation_factory, django_capture_on_commit_callbacks
):
    other = organisation_factory(name="Other")
    person = make_member(other, email="Known@Example.org")
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(PEOPLE, {"email": "known@example.org", "organisations": [org.pk]})
    assert response.status_code == 302
    assert set(person.organisations.all()) == {org, other}
    assert not Invitation.objects.exists()
    assert get_user_model().objects.filter(email__iexact="known@example.org").count() == 1
    assert "/admin/invitation/" not in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not-an-address", "organisations": []}, "Enter a valid email address."),
        ({"email": "a@example.org"}, "Choose at least one organisation."),
        ({"email": "a@example.org", "organisations": ["999999"]}, "Select a valid choice."),
    ],
)
def test_a_bad_invitation_form_says_what_is_wrong(client, editor, data, message):
    client.force_login(editor)
    response = client.post(PEOPLE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Invitation.objects.exists()


def test_editors_see_pending_invitations(client, editor, invited):
    client.force_login(editor)
    page = client.get(PEOPLE).content.decode()
    assert "ana@example.org" in page
    assert "Resend" in page


def test_members_may_not_invite(client, make_member, org):
    client.force_login(make_member(org))
    assert client.get(PEOPLE).status_code == 403
    assert (
        client.post(PEOPLE, {"email": "x@example.org", "organisations": [org.pk]}).status_code
        == 403
    )
    assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_a_pending_one(editor, org):
    services.invite(email="b@example.org", organisations=[org], invited_by=editor)
    services.invite(email="B@example.org", organisations=[org], invited_by=editor)
    assert Invitation.objects.pending().count() == 1


def test_the_invitation_pages_are_not_cached(client, invited, editor):
    assert "no-store" in client.get(invited)["Cache-Control"]
    assert "no-store" in client.get("/admin/invitation/nonsense/")["Cache-Control"]
    client.force_login(editor)
    assert "no-store" in client.get(PEOPLE)["Cache-Control"]


def test_the_organisation_page_links_to_inviting_a_member(client, editor, org):
    client.force_login(editor)
    page = client.get(reverse("admin:regions_organisation_change", args=[org.pk]))
    assert f"/admin/people/?organisation={org.pk}" in page.content.decode()
    form = client.get(PEOPLE, {"organisation": org.pk}).content.decode()
    assert re.search(rf'value="{org.pk}"[^>]*checked', form)
    assert client.get(PEOPLE, {"organisation": "nonsense"}).status_code == 200
