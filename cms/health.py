"""Health endpoints for load balancers, orchestrators and monitoring.

- ``/healthz``: the process answers (liveness). Touches nothing else.
- ``/readyz``: the database and the cache answer and every migration is applied
  (readiness). 503 with a one-line reason otherwise.

Both are answered first thing, before host validation and the HTTPS redirect
(a load balancer probes by IP over plain HTTP), unauthenticated and never
cached, and reveal nothing but which dependency failed.
"""

import logging
import sys

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views import defaults

logger = logging.getLogger(__name__)

PROBE_KEY = "health:probe"


def _answer(status, text):
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    add_never_cache_headers(response)
    return response


class Readiness:
    """What /readyz checks; migrations are read from the database until they are
    all applied, then remembered (they cannot come unapplied under this code)."""

    migrated = False

    def problem(self):
        """None when ready, else a short reason."""
        connection = connections[DEFAULT_DB_ALIAS]
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # any driver error: not ready
            logger.warning("readiness: database unreachable", exc_info=error)
            connection.close_if_unusable_or_obsolete()
            return "database unreachable"
        if not self.migrated:
            try:
                executor = MigrationExecutor(connection)
                plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
            except Exception as error:
                logger.warning("readiness: migrations unreadable", exc_info=error)
                return "migrations unreadable"
            if plan:
                return f"{len(plan)} migrations not applied"
            type(self).migrated = True
        try:
            cache.set(PROBE_KEY, "1", timeout=10)
            if cache.get(PROBE_KEY) != "1":
                return "cache not storing"
        except Exception as error:
            logger.warning("readiness: cache unreachable", exc_info=error)
            return "cache unreachable"
        return None


class HealthMiddleware:
    """Answers /healthz and /readyz before any other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.readiness = Readiness()

    def __call__(self, request):
        if request.path == "/healthz":
            return _answer(200, "ok")
        if request.path == "/readyz":
            problem = self.readiness.problem()
            return _answer(503, problem) if problem else _answer(200, "ready")
        return self.get_response(request)


RETRY_AFTER_SECONDS = 5


def server_error(request):
    """Django's handler500: a database that is down or restarting (refused,
    timed out, connection lost, a statement past its timeout) is 503 with
    Retry-After, fast, instead of a 500 page: clients and load balancers retry,
    and the broken connection is dropped, so that the app recovers by itself
    when the database is back. Anything else is Django's 500."""
    error = sys.exc_info()[1]
    if not isinstance(error, (OperationalError, InterfaceError)):
        return defaults.server_error(request)
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()
    response = _answer(503, "Serwis chwilowo niedostępny (baza danych). Spróbuj za chwilę.")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
