"""Who may be answered from the response cache, under which key, and what
browsers and CDNs are told.

Only anonymous requests share answers. The key is the query as it will run
(its text, variables and operation name, after persisted-query look-up), the
site it is for (as Wagtail finds it: host name and port) and the API's limits,
never the raw request: Django decodes a
query string with whatever charset a request claims, so raw bytes could name
a different query than the one that runs (the view refuses other charsets too).

A public GET answer may be kept by browsers and CDNs (see `public_cache_control`),
never past the moment its content may change by the clock. What editors publish
or unpublish cannot be foreseen: nothing tells browsers and CDNs of it, so the
lifetimes are short (see the README on purging a CDN).
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
    # Public only without any session cookie and without a CSRF cookie to renew:
    # Django answers a stale or malformed one with a Set-Cookie that no shared
    # cache should keep and hand to others.
    public = settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.META.get(
        "CSRF_COOKIE_NEEDS_UPDATE"
    )
    if request.method == "GET" and answered and public:
        response["Cache-Control"] = public_cache_control(fresh_for)
    elif response.get("Content-Type", "").startswith("application/json"):
        response["Cache-Control"] = "no-store"
    return response


def public_cache_control(fresh_for):
    """`Cache-Control` of a public answer that stays true for `fresh_for` seconds
    (None: until someone publishes something).

    - ``max-age`` (``API_HTTP_CACHE_SECONDS``): how long a browser reuses the
      answer unasked. Short: nobody can purge a browser.
    - ``s-maxage`` (``API_HTTP_CDN_CACHE_SECONDS``): the same for shared caches,
      a CDN above all, which can be purged when an editor publishes.
    - ``stale-while-revalidate`` (``API_HTTP_STALE_WHILE_REVALIDATE_SECONDS``,
      RFC 5861): how much longer a cache may hand out the answer, already stale,
      while it fetches the new one, so no reader waits for the API.

    A cache may serve an answer until its age reaches its freshness plus the
    stale time, counted from when the API sent it (the Age header carries the
    CDN's share to browsers). So both freshnesses are cut to `fresh_for` first,
    and the stale time gets only what is left: no cache hands out the answer
    after the next expiry or go-live. With no stale time left, ``must-revalidate``
    also forbids what caches may otherwise do with a stale answer (RFC 9111
    4.2.4: serve it while cut off from the API, or to a client asking for
    ``max-stale``; some CDNs serve stale by default). ``s-maxage`` already
    forbids it to shared caches (it implies ``proxy-revalidate``), and strict
    ones therefore ignore ``stale-while-revalidate`` too; browsers honour it.

    ``stale-if-error`` is not sent: it would contradict ``s-maxage`` in the same
    way, browsers ignore it, and whether a CDN answers from its copy while the
    API is down is the CDN's own setting (see the README).
    """
    browsers = settings.API_HTTP_CACHE_SECONDS
    shared = settings.API_HTTP_CDN_CACHE_SECONDS
    stale = settings.API_HTTP_STALE_WHILE_REVALIDATE_SECONDS
    if fresh_for is not None:
        left = max(0, math.floor(fresh_for))
        browsers, shared = min(browsers, left), min(shared, left)
        stale = min(stale, left - max(browsers, shared))
    directives = f"public, max-age={browsers}, s-maxage={shared}"
    if stale > 0:
        return f"{directives}, stale-while-revalidate={stale}"
    if fresh_for is not None:
        return f"{directives}, must-revalidate"
    return directives


def etag_of(body):
    """The ETag Django's ConditionalGetMiddleware would compute for `body`."""
    return quote_etag(hashlib.md5(body, usedforsecurity=False).hexdigest())
