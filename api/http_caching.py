"""Who may be answered from the response cache, under which key, and what
browsers and CDNs are told.

Only anonymous requests share answers. The key is the query as it will run
(its text, variables and operation name, after persisted-query look-up), the
site it is for (as Wagtail finds it: host name and port) and the API's limits,
never the raw request: Django decodes a
query string with whatever charset a request claims, so raw bytes could name
a different query than the one that runs (the view refuses other charsets too).

A public GET answer may be kept by browsers and CDNs for ``API_HTTP_CACHE_SECONDS``,
but never past the moment its content may change by the clock.
"""

import hashlib
import math

from django.conf import settings
from django.http.request import split_domain_port
from django.utils.http import quote_etag

from . import cache


def is_anonymous(request):
    """Without a session cookie the session is not even read, so public answers
    do not vary on Cookie."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True
    return not request.user.is_authenticated


def response_key(request, query, variables, operation_name, limits):
    # The site an answer is for is chosen by Wagtail from the host name and the
    # server's port: the key holds exactly those.
    site = (split_domain_port(request.get_host())[0].lower(), request.get_port())
    return cache.response_key(site, query, variables or {}, operation_name or None, limits)


def with_headers(request, response, answered, fresh_for):
    """`answered`: the query ran (or was served) without errors; `fresh_for`: the
    seconds its answer stays true, None if nothing is due to change."""
    # Public only without any session cookie: Django may answer a stale one with a
    # Set-Cookie that no shared cache should keep and hand to others.
    public = settings.SESSION_COOKIE_NAME not in request.COOKIES
    if request.method == "GET" and answered and public:
        max_age = settings.API_HTTP_CACHE_SECONDS
        if fresh_for is not None:
            max_age = max(0, min(max_age, math.floor(fresh_for)))
        response["Cache-Control"] = f"public, max-age={max_age}"
    elif response.get("Content-Type", "").startswith("application/json"):
        response["Cache-Control"] = "no-store"
    return response


def etag_of(body):
    """The ETag Django's ConditionalGetMiddleware would compute for `body`."""
    return quote_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
