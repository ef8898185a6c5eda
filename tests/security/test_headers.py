"""Security headers, the strict Content-Security-Policy and the production settings."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PROJECT_ROOT = Path(__file__).resolve().parents[2]

# Variables pytest-env sets for tests, which a production environment does not have.
TEST_ONLY_VARIABLES = {
    "DEBUG",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "STATIC_MANIFEST",
    "ALLOWED_HOSTS",
    "SECRET_KEY",
    "AXES_ENABLED",
    "AXES_FAILURE_LIMIT",
    "DJANGO_SETTINGS_MODULE",
}


def production_env(**extra):
    """The environment of a production deployment: only what the README says to set."""
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES}
    env.update(
        SECRET_KEY="production-like-secret-key-for-this-test-only-0123456789abcdefghijk",
        ALLOWED_HOSTS="practices.example.org",
        EMAIL_HOST="smtp.example.org",
        SITE_URL="https://practices.example.org",
        DJANGO_SETTINGS_MODULE="earlall_practices.settings",
        **extra,
    )
    return env


def run_python(code, env):
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def practice_pages(published_practice, target_group_factory, theme_factory):
    group = target_group_factory()
    theme = theme_factory()
    published_practice.target_groups.add(group)
    published_practice.themes.add(theme)
    region = published_practice.regions.get()
    return {
        "home": reverse("practices:home"),
        "list": reverse("practices:list"),
        "search": reverse("practices:list") + "?q=practice",
        "practice": published_practice.get_absolute_url(),
        "region list": reverse("regions:list"),
        "region": region.get_absolute_url(),
        "target group": group.get_absolute_url(),
        "theme": theme.get_absolute_url(),
        "404": "/no-such-page/",
        "admin login": reverse("admin:login"),
    }


def csp_directives(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_every_page_sends_the_strict_content_security_policy(client, practice_pages):
    for name, url in practice_pages.items():
        response = client.get(url)
        assert response.status_code in {200, 404}, f"{name}: {url} gave {response.status_code}"
        header = response.headers.get("Content-Security-Policy")
        assert header, f"{name}: no Content-Security-Policy header"
        directives = csp_directives(header)
        assert directives["default-src"] == ["'self'"], name
        assert directives["script-src"] == ["'self'"], name
        assert directives["style-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["base-uri"] == ["'none'"], name
        assert directives["frame-ancestors"] == ["'none'"], name
        assert "unsafe-inline" not in header, name
        assert "unsafe-eval" not in header, name


def test_every_page_sends_the_other_security_headers(client, practice_pages):
    for name, url in practice_pages.items():
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name


INLINE_CODE = {
    # A data block (JSON-LD) is never run: the policy has nothing to block there.
    "inline <script>": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.IGNORECASE
    ),
    "<style> element": re.compile(r"<style[\s>]", re.IGNORECASE),
    "style attribute": re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE),
}


def test_no_template_carries_an_inline_script_or_style():
    # The CSP would block them in the browser; catch them before they reach one.
    offenders = [
        f"{template.relative_to(PROJECT_ROOT)}: {what}"
        for template in sorted((PROJECT_ROOT / "templates").rglob("*.html"))
        for what, pattern in INLINE_CODE.items()
        if pattern.search(template.read_text())
    ]
    assert not offenders, "\n".join(offenders)


def test_production_defaults_are_secure():
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ["
        "'DEBUG', 'SECURE_SSL_REDIRECT', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_REFERRER_POLICY', "
        "'SECURE_CROSS_ORIGIN_OPENER_POLICY', 'X_FRAME_OPTIONS', 'AXES_ENABLED', "
        "'AXES_FAILURE_LIMIT', 'AXES_LOCKOUT_PARAMETERS']}))"
    )
    result = run_python(code, production_env())
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SECURE_HSTS_SECONDS": 31_536_000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "AXES_ENABLED": True,
        "AXES_FAILURE_LIMIT": 5,
        "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]],
    }


def test_the_deployment_checklist_is_clean_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def production_security(settings):
    """The values test_production_defaults_are_secure proves production has."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    return settings


def test_plain_http_is_redirected_to_https_in_production(client, db, production_security):
    response = client.get("/practices/?q=youth")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/practices/?q=youth"


def test_https_responses_carry_hsts_in_production(client, published_practice, production_security):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_session_and_csrf_cookies_are_secure_in_production(
    client, user_factory, production_security
):
    user_factory(username="editor-cookie", is_staff=True)
    login_page = client.get("/admin/login/", secure=True)
    csrf_cookie = login_page.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["samesite"] == "Lax"

    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "editor-cookie",
            "password": "correct-horse-battery-staple",
            "csrfmiddlewaretoken": csrf_cookie.value,
        },
        secure=True,
        headers={"referer": "https://testserver/admin/login/"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert session_cookie["samesite"] == "Lax"
