"""Password guessing on the admin login is stopped by django-axes (5 failures, username + IP)."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings

PASSWORD = "correct-horse-battery-staple"  # UserFactory's password


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Dozens of logins: the production hasher's cost is not what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def member(user_factory):
    return user_factory(username="member-lockout", is_staff=True)


def log_in(client, password, username="member-lockout", address="203.0.113.7"):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_the_limit_is_five_failures_per_username_and_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_a_wrong_password_shows_the_login_form_again(client, member):
    response = log_in(client, "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_before_the_limit_logs_in(client, member):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong").status_code == 200
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(member.pk)
    # A success resets the count, so a later slip does not lock the member out.
    assert not AccessAttempt.objects.filter(username="member-lockout", failures_since_start__gt=0)


def test_after_five_failures_even_the_right_password_is_refused(client, member):
    statuses = [log_in(client, f"guess-{attempt}").status_code for attempt in range(1, 6)]
    # The fifth failure reaches the limit and is answered with the lockout page already.
    assert statuses == [200, 200, 200, 200, 429]
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "<h1>Sign-in temporarily locked</h1>" in page
    assert "5 failed sign-in attempts" in page
    assert "member-lockout" in page
    assert "lifts by itself after 60 minutes" in page


def test_the_lockout_page_escapes_the_username(client, member):
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    for _ in range(6):
        response = log_in(client, "wrong", username=payload)
    assert response.status_code == 429
    page = response.content.decode()
    assert payload not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_lock_is_per_address(client, member):
    for _ in range(6):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 429
    response = log_in(client, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_the_lock_is_per_username(client, member, user_factory):
    other = user_factory(username="other-member", is_staff=True)
    for _ in range(6):
        log_in(client, "wrong")
    response = log_in(client, PASSWORD, username="other-member")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)
