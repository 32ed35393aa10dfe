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

from django.apps import apps
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
def _secret_routes():
    """A pattern for the routes that carry a secret, from their fixed part
    (e.g. ``password_reset/confirm/``) on, in any case and with any run of
    slashes, as mangled links and Django's own log lines write them."""
    beginnings = []

    def walk(patterns, above):
        for pattern in patterns:
            route = above + str(pattern.pattern).replace("^", "").replace("\\", "")
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, route)
            elif any(f"{part}>" in route for part in SECRET_URL_PARTS):  # <token>, (?P<token>
                fixed = [part for part in re.split(r"<|\(", route)[0].split("/") if part]
                beginnings.append("/+".join(re.escape(part) for part in fixed[-2:]))

    walk(get_resolver().url_patterns, "")
    if not beginnings:
        return None
    alternatives = "|".join(beginnings)
    return re.compile(rf"((?:{alternatives})/*)[^\s\"'<>]*", re.IGNORECASE)


def redact(text):
    """`text` with whatever follows a secret route's fixed part cut out."""
    if not apps.ready:  # a line logged while Django starts: no URLs to read yet
        return text
    pattern = _secret_routes()
    return pattern.sub(r"\1…", text) if pattern is not None else text


class RedactSecrets(logging.Filter):
    """On the log handler: no line carries a password link's token, whoever
    logged it (Django's "Not Found: …", the CSRF failure, this module)."""

    def filter(self, record):
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if hasattr(record, "request"):  # django.request's extra: its repr has the path
            record.request = redact(repr(record.request))
        return True


def _loggable_path(request):
    """The path, or for a URL carrying a secret its route with placeholders
    (or, not resolved, its fixed part: a mangled link's token may still work)."""
    match = getattr(request, "resolver_match", None)
    if match is not None and SECRET_URL_PARTS & match.kwargs.keys():
        return "/" + match.route
    return redact(request.path)


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
