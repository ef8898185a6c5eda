"""Health checks and a database outage (practices/health.py)."""

import logging

import pytest
from django.db import OperationalError, connection
from django.test import Client

from practices import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_migrations(client, monkeypatch, caplog):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready"}
    assert "no-store" in response["Cache-Control"]

    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor,
        "migration_plan",
        lambda self, targets: [(type("M", (), {"app_label": "practices", "name": "0099_x"}), 0)],
    )
    with caplog.at_level(logging.INFO):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert not [r for r in caplog.records if r.name == "django.request"], "logged by gunicorn"
    assert response.json()["reason"] == "1 migrations not applied"
    assert response.json()["migrations"] == ["practices.0099_x"]


def test_probes_skip_the_https_redirect_and_the_host_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["practices.example.org"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert client.get("/readyz", HTTP_HOST="10.0.0.7:8000").status_code == 200


@pytest.fixture
def unreachable_database(monkeypatch):
    """The default database made unreachable, as in an outage: PostgreSQL at a closed port; the
    tests' SQLite database lives in memory and would vanish if closed, so there every connection
    attempt fails as opening a missing file does. Restored afterwards."""
    saved = dict(connection.settings_dict)

    def refuse():
        raise OperationalError("unable to open database file")

    def go_down():
        if connection.vendor == "postgresql":
            connection.close()
            connection.settings_dict.update(HOST="127.0.0.1", PORT="9")
        else:
            monkeypatch.setattr(connection, "ensure_connection", refuse)

    def come_back():
        if connection.vendor == "postgresql":
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)
        else:
            monkeypatch.undo()

    yield go_down, come_back
    come_back()


@pytest.mark.django_db(transaction=True)
def test_an_outage_is_a_503_with_retry_after_logged_once_then_recovers(
    unreachable_database, caplog
):
    go_down, come_back = unreachable_database
    client = Client(raise_request_exception=False)
    assert client.get("/practices/").status_code == 200

    go_down()
    with caplog.at_level(logging.INFO):
        responses = [client.get(path) for path in ("/", "/practices/", "/regions/")]
    for response in responses:
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert "Back in a moment" in response.content.decode()
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    assert "The database does not answer" in errors[0].getMessage()
    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["reason"].startswith("the database does not answer")

    come_back()
    with caplog.at_level(logging.INFO):
        assert client.get("/practices/").status_code == 200
    assert any("answers again" in r.getMessage() for r in caplog.records)
