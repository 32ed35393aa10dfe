"""One log line per request: method, path, status, duration, SQL statements, the
signed-in user's id (who did what in the admin) and, for the API, the GraphQL
operation's name. The request id (django-guid: taken from X-Request-ID when it is
a UUID, made otherwise, and returned in the response) is on this line and on
every other line logged while the request runs. /healthz and /readyz are answered
before this and leave no line."""

import functools
import logging
import re
import time
from contextlib import ExitStack

from django.db import connections
from django.urls import get_resolver

logger = logging.getLogger("pomost.request")


class _Counter:
    def __init__(self):
        self.statements = 0

    def __call__(self, execute, sql, params, many, context):
        self.statements += 1
        return execute(sql, params, many, context)


# URL parts that open an account (password reset and invitation links): whoever
# reads the logs must not be able to use them.
SECRET_URL_PARTS = {"token", "uidb64"}


@functools.cache
def _secret_prefixes():
    """The fixed beginnings of the routes that carry a secret, e.g.
    ``admin/password_reset/confirm/``."""
    prefixes = []

    def walk(patterns, above):
        for pattern in patterns:
            route = above + str(pattern.pattern).replace("^", "").replace("\\", "")
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, route)
            elif any(f"{part}>" in route for part in SECRET_URL_PARTS):  # <token>, (?P<token>
                prefixes.append(re.split(r"<|\(", route)[0])

    walk(get_resolver().url_patterns, "")
    return tuple(prefixes)


def _loggable_path(request):
    """The path, or for a URL carrying a secret its route with placeholders;
    a secret route's beginning alone when the rest does not match it (a link
    with its slash cut off, say): the token in it may still work."""
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_URL_PARTS & match.kwargs.keys():
        return "/" + match.route
    path = request.path
    for prefix in _secret_prefixes():
        if prefix and path.lstrip("/").startswith(prefix):
            return "/" + prefix + "…"
    return path


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _Counter()
        started = time.monotonic()
        with ExitStack() as stack:
            for alias in connections:
                stack.enter_context(connections[alias].execute_wrapper(counter))
            response = self.get_response(request)
        user = getattr(request, "user", None)
        path = _loggable_path(request)
        fields = {
            "method": request.method,
            "path": path,
            "status": response.status_code,
            "duration_ms": round((time.monotonic() - started) * 1000, 1),
            "sql_queries": counter.statements,
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        }
        if hasattr(request, "graphql_operation"):
            fields["graphql_operation"] = request.graphql_operation
        logger.info("%s %s %s", request.method, path, response.status_code, extra=fields)
        return response
