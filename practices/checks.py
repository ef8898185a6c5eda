"""Deployment checks (`manage.py check --deploy`) for what this project's settings add."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs, **kwargs):
    """E-mails link to SITE_URL: a local address there sends every reader to their own machine."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if host in LOCAL_HOSTS:
        return [
            checks.Warning(
                f"SITE_URL is {settings.SITE_URL}: links in e-mails would point there.",
                hint="Set SITE_URL to the site's public address, e.g. https://practices.example.org.",
                id="practices.W001",
            )
        ]
    return []
