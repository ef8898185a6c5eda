"""Two-factor sign-in: required for editors and superusers, offered to members, counted by axes."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from practices.accounts import two_factor

PASSWORD = "correct-horse-battery-staple"  # UserFactory's
VERIFY = "/admin/two-factor/"
ENROL = "/admin/two-factor/set-up/"


@pytest.fixture
def editor_with_password(user_factory):
    from django.contrib.auth.models import Group

    user = user_factory(username="ed", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


def sign_in(client, username="ed", password=PASSWORD, address="203.0.113.9"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def code_for(device, step_offset=0):
    return f"{totp(device.bin_key, step=device.step, drift=step_offset):06d}"


def enrolled(user):
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = two_factor.new_recovery_codes(user)
    return device, codes


def test_an_editor_without_a_second_factor_is_taken_to_set_one_up(client, editor_with_password):
    assert sign_in(client).status_code == 302
    for page in ("/admin/", "/admin/practices/practice/", "/admin/people/"):
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith(ENROL)


def test_the_editor_enrols_and_gets_recovery_codes(client, editor_with_password):
    sign_in(client)
    page = client.get(ENROL)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    device = TOTPDevice.objects.get(user=editor_with_password, confirmed=False)
    assert two_factor.base32_secret(device) in page.content.decode()

    response = client.post(ENROL, {"code": code_for(device), "next": "/admin/"}, follow=True)

    device.refresh_from_db()
    assert device.confirmed
    page = response.content.decode()
    assert "Keep these recovery codes" in page
    assert page.count("<li><code>") == two_factor.RECOVERY_CODES
    assert client.get("/admin/").status_code == 200
    # Shown once only.
    assert (
        "Keep these recovery codes"
        not in client.get("/admin/two-factor/recovery-codes/").content.decode()
    )


def test_a_wrong_code_when_enrolling_is_refused(client, editor_with_password):
    sign_in(client)
    client.get(ENROL)
    response = client.post(ENROL, {"code": "000000"})
    assert "That code does not match" in response.content.decode()
    assert not two_factor.has_second_factor(editor_with_password)
    assert client.get("/admin/").status_code == 302


def test_an_enrolled_editor_signs_in_with_a_code(client, editor_with_password):
    device, _ = enrolled(editor_with_password)
    sign_in(client)
    response = client.get("/admin/")
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    page = client.get(response["Location"])
    assert "no-store" in page["Cache-Control"]
    response = client.post(VERIFY, {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, editor_with_password):
    _, codes = enrolled(editor_with_password)
    sign_in(client)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 302
    client.logout()
    sign_in(client)
    response = client.post(VERIFY, {"code": codes[0]})
    assert "That code is not right, or it was used already." in response.content.decode()
    assert StaticToken.objects.filter(token=codes[0]).count() == 0


def test_a_verified_step_cannot_be_skipped_with_a_next_to_elsewhere(client, editor_with_password):
    enrolled(editor_with_password)
    sign_in(client)
    response = client.post(VERIFY, {"code": "123456", "next": "https://evil.example/"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_wrong_codes_are_counted_by_the_lockout(client, editor_with_password, settings):
    device, _ = enrolled(editor_with_password)
    sign_in(client)
    statuses = [
        client.post(VERIFY, {"code": f"{n:06d}"}, REMOTE_ADDR="203.0.113.9").status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session  # signed out
    # Signing in again with the password does not reset the count of wrong codes.
    assert sign_in(client).status_code == 302
    response = client.post(VERIFY, {"code": code_for(device)}, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Sign-in temporarily locked" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_member_is_offered_but_not_required_a_second_factor(
    client, make_member, organisation_factory
):
    member = make_member(organisation_factory())
    client.force_login(member)
    assert client.get("/admin/").status_code == 200
    assert client.get(ENROL).status_code == 200


def test_a_member_who_enrolled_must_give_the_code(client, make_member, organisation_factory):
    member = make_member(organisation_factory())
    enrolled(member)
    client.force_login(member, verified=False)
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_a_superuser_needs_one_too(client, user_factory):
    root = user_factory(is_superuser=True, is_staff=True, password=None)
    client.force_login(root, verified=False)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_a_reset_second_factor_means_enrolling_again(client, editor_with_password):
    enrolled(editor_with_password)
    two_factor.reset(editor_with_password)
    sign_in(client)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_turning_the_requirement_off_fails_the_deploy_check(settings, editor_with_password, client):
    settings.TWO_FACTOR_REQUIRED = False
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    with pytest.raises(SystemCheckError, match=r"accounts\.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR")


def test_the_demo_editor_gets_a_printed_key(capsys, organisation_factory):
    call_command("create_demo_users")
    out = capsys.readouterr().out
    device = TOTPDevice.objects.get(user__username="editor", confirmed=True)
    assert f"add key {two_factor.base32_secret(device)}" in out
    assert TOTPDevice.objects.filter(user__username="admin", confirmed=True).exists()


def test_a_next_address_with_its_own_query_string_arrives_whole(client, editor_with_password):
    """The second-factor steps carry `next` encoded: `&` and `?` inside it stay inside it."""
    sign_in(client)
    wanted = "/admin/practices/practice/?status__exact=submitted&o=-2"
    device = TOTPDevice.objects.get_or_create(user=editor_with_password, confirmed=False)[0]
    response = client.post(ENROL, {"code": code_for(device), "next": wanted})
    assert response.status_code == 302
    location = response["Location"]
    assert location == "/admin/two-factor/recovery-codes/?next=" + (
        "%2Fadmin%2Fpractices%2Fpractice%2F%3Fstatus__exact%3Dsubmitted%26o%3D-2"
    )
    page = client.get(location).content.decode()
    assert 'href="/admin/practices/practice/?status__exact=submitted&amp;o=-2">Continue' in page
