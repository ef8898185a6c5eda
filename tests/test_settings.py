"""Production settings without a secret key: commands that sign nothing run, the server does not."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "earlall_practices.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("module", ["earlall_practices.wsgi", "earlall_practices.asgi"])
def test_the_server_refuses_to_start_without_a_secret_key(module):
    result = run(["-c", f"import {module}"])
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr


def test_the_server_starts_with_a_secret_key():
    result = run(["-c", "import earlall_practices.wsgi"], SECRET_KEY="a-real-secret-" + "x" * 40)
    assert result.returncode == 0, result.stderr


def test_development_makes_a_throwaway_key():
    result = run(["-c", "import earlall_practices.wsgi"], DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_migration_checks_run_without_a_secret_key():
    result = run(["manage.py", "makemigrations", "--check", "--dry-run"])
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_a_site_url_that_is_not_an_address_is_refused():
    result = run(["-c", "import django; django.setup()"], DEBUG="1", SITE_URL="practices.org")
    assert result.returncode != 0
    assert "SITE_URL must be the site's address" in result.stderr


def test_the_deploy_check_warns_while_site_url_is_local():
    env = {"SECRET_KEY": "a-real-secret-" + "x" * 40, "ALLOWED_HOSTS": "practices.example.org"}
    local = run(["manage.py", "check", "--deploy"], **env, SITE_URL="http://127.0.0.1:8000")
    public = run(["manage.py", "check", "--deploy"], **env, SITE_URL="https://practices.org/")
    assert "practices.W001" in local.stderr + local.stdout
    assert "practices.W001" not in public.stderr + public.stdout
