"""Health checks for load balancers and orchestrators, and a database outage answered as one.

- `/healthz`: the process answers (no database). `/readyz`: the database answers and every
  migration is applied, else 503 with the reason. Both are answered by `HealthCheckMiddleware`,
  first in the stack: no redirect to HTTPS, no host check, no session, never cached, not logged.
- While the database cannot be reached, every page answers 503 with a page of its own (no
  database needed to render it) and `Retry-After`, logged once per outage
  (`outage_response`, called by the 500 handler); the site recovers by itself.
"""

import json
import logging
import sys
import time

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
PROBES = ("/healthz", "/readyz")
DATABASE_DOWN = (OperationalError, InterfaceError)

# When the current outage began (time.monotonic()), or None while the database answers.
_outage_since: float | None = None
# Once every migration is applied, it stays so for the life of the process.
_migrations_applied = False


class HealthCheckMiddleware:
    """Answers the probes before any other middleware; notes the end of an outage."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path in PROBES:
            response = healthz() if request.path == "/healthz" else readyz()
            add_never_cache_headers(response)
            if request.method == "HEAD":
                response.content = b""
            return response
        response = self.get_response(request)
        if _outage_since is not None and response.status_code < 500:
            database_back()
        return response


def healthz() -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def readyz() -> HttpResponse:
    """200 when the database answers and no migration is waiting; 503 with the reason."""
    global _migrations_applied
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrations_applied:
            executor = MigrationExecutor(connection)
            waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
            if waiting:
                names = [f"{migration.app_label}.{migration.name}" for migration, _ in waiting]
                return _not_ready(f"{len(names)} migrations not applied", migrations=names)
            _migrations_applied = True
    except DATABASE_DOWN as error:
        return _not_ready(f"the database does not answer: {str(error).strip()[:200]}")
    return HttpResponse(
        json.dumps({"status": "ready"}), content_type="application/json", status=200
    )


def _not_ready(reason: str, **details) -> HttpResponse:
    response = HttpResponse(
        json.dumps({"status": "not ready", "reason": reason, **details}),
        content_type="application/json",
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def outage_response(request) -> HttpResponse | None:
    """The 503 page when the exception being handled is the database not answering, else None.
    Logged once per outage, not once per request."""
    global _outage_since
    error = sys.exc_info()[1]
    if not isinstance(error, DATABASE_DOWN):
        return None
    if _outage_since is None:
        _outage_since = time.monotonic()
        logger.error("The database does not answer; pages answer 503 until it does: %s", error)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def database_back():
    global _outage_since
    if _outage_since is not None:
        logger.warning(
            "The database answers again, after %.0f s.", time.monotonic() - _outage_since
        )
        _outage_since = None


class OutageLogFilter(logging.Filter):
    """Leaves out django.request's record of each request answered 503 during an outage (the
    outage itself is logged once, by outage_response) and of a probe that is not ready (the
    access log has it; a rollout would repeat it every few seconds)."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        request = getattr(record, "request", None)
        probe = getattr(request, "path", None) in PROBES
        return not (isinstance(error, DATABASE_DOWN) or probe)
