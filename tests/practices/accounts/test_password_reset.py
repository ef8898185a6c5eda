"""Password reset with Django's views and tokens: no enumeration, one use, expiry."""

import datetime
import re

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail

RESET = "/admin/password_reset/"
NEW = {"new_password1": "a quiet harbour at dawn", "new_password2": "a quiet harbour at dawn"}


@pytest.fixture
def person(user_factory):
    return user_factory(username="resetter", email="resetter@example.org", is_staff=True)


def reset_link():
    return re.search(r"https?://[^/]+(/admin/reset/\S+)", mail.outbox[-1].body).group(1)


def same_page(response):
    """The page without what differs per request anyway (CSP nonces, CSRF tokens)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())


def test_the_sign_in_page_offers_a_reset(client):
    assert RESET in client.get("/admin/login/").content.decode()


def test_the_answer_is_the_same_whether_or_not_the_address_exists(client, person):
    known = client.post(RESET, {"email": "resetter@example.org"}, follow=True)
    unknown = client.post(RESET, {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert same_page(known) == same_page(unknown)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["resetter@example.org"]


def test_a_reset_round_trip_works_once(client, person):
    client.post(RESET, {"email": "resetter@example.org"})
    link = reset_link()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, NEW)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW["new_password1"])

    again = client.get(link, follow=True).content.decode()
    assert "The password reset link was invalid" in again


def test_an_expired_link_is_refused(client, person, monkeypatch, settings):
    client.post(RESET, {"email": "resetter@example.org"})
    link = reset_link()
    later = datetime.datetime.now() + datetime.timedelta(
        seconds=settings.PASSWORD_RESET_TIMEOUT + 60
    )
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)
    page = client.get(link, follow=True).content.decode()
    assert "The password reset link was invalid" in page


@pytest.mark.parametrize("mangle", [lambda link: link[:-8] + "/", lambda link: link[:-3] + "zz/"])
def test_a_truncated_or_altered_link_is_refused(client, person, mangle):
    client.post(RESET, {"email": "resetter@example.org"})
    page = client.get(mangle(reset_link()), follow=True)
    assert page.status_code == 200
    assert "The password reset link was invalid" in page.content.decode()


def test_a_weak_new_password_is_refused(client, person):
    client.post(RESET, {"email": "resetter@example.org"})
    set_url = client.get(reset_link(), follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "short", "new_password2": "short"})
    assert "This password is too short." in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("correct-horse-battery-staple")


def test_the_reset_pages_are_not_cached(client, person):
    assert "no-store" in client.get(RESET)["Cache-Control"]
    done = client.post(RESET, {"email": "resetter@example.org"}, follow=True)
    assert "no-store" in done["Cache-Control"]
    assert "no-store" in client.get(reset_link())["Cache-Control"]


def test_the_lockout_still_applies_after_a_reset_request(client, person):
    for n in range(5):
        client.post("/admin/login/", {"username": "resetter", "password": f"g{n}"})
    client.post(RESET, {"email": "resetter@example.org"})
    response = client.post(
        "/admin/login/", {"username": "resetter", "password": "correct-horse-battery-staple"}
    )
    assert response.status_code == 429
