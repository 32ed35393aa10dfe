"""Caching of anonymous API responses and of persisted queries.

Responses are stored under a key that includes a content version. Every change
of public content (core.events) bumps the version, at once and again after the
commit, so every cached response that might contain the change is dropped, on
every app server sharing the cache (Redis in production).

Two tiers keep the hot path off the network: each process keeps responses in
its own memory (the ``api_local`` cache) besides the shared cache, and each
thread re-reads the shared content version at most every
``API_VERSION_CHECK_SECONDS``: a bump applies at once in the thread that made it,
and everywhere else within that interval.

An answer carries the moment it expires, fixed when it is stored: never after
the next moment public content changes by the clock (an expiry or a scheduled
go-live, see core.visibility). Both tiers honour that moment, so a copy taken
later, by another process, expires with the original, and HTTP lifetimes are
derived from what is left of it.

The shared cache is an optimisation, never a dependency: if it fails, answers
are computed as if nothing were cached.
"""

import hashlib
import json
import logging
import math
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches

from core.visibility import next_public_change_at

logger = logging.getLogger(__name__)

VERSION_KEY = "api:content-version"
PERSISTED_QUERY_PREFIX = "api:apq:"

_local_version = threading.local()


def _remember_version(version):
    _local_version.value = version
    _local_version.read_at = time.monotonic()
    return version


def content_version():
    read_at = getattr(_local_version, "read_at", None)
    if read_at is not None and time.monotonic() - read_at < settings.API_VERSION_CHECK_SECONDS:
        return _local_version.value
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, time.time_ns(), timeout=None)
            version = cache.get(VERSION_KEY)
    except Exception:
        logger.warning("Shared cache unavailable: content version unknown", exc_info=True)
        version = None
    if version is None:
        # Without a shared version nothing may be reused: a fresh one per call.
        return f"unknown-{time.time_ns()}"
    return _remember_version(version)


def bump_content_version(**kwargs):
    """Receiver of "public content changing" and "changed" (core.events): drop
    every cached response, at once for the connection that makes the change and
    again once it is committed. A response another server computed from the old
    data meanwhile is stored under the version it read before, so it goes too."""
    try:
        _remember_version(cache.incr(VERSION_KEY))
    except ValueError:  # not set yet: nothing cached under a version either
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        _local_version.read_at = None
    except Exception:
        logger.error("Shared cache unavailable: could not invalidate answers", exc_info=True)
        _local_version.read_at = None


# What a stored answer holds changes with the code: answers stored by another
# release are never read.
ENTRY_FORMAT = 2  # (body, ETag)

# Settings an answer depends on (the URLs it gives): a deploy that changes one
# never reads answers stored under the old value.
ANSWER_SETTINGS = ("PORTAL_BASE_URL", "ORGANIZATIONS_PATH")


def response_key(*request_parts):
    """A key for the answer to a request, under the current content version."""
    payload = json.dumps(
        [
            ENTRY_FORMAT,
            [getattr(settings, name) for name in ANSWER_SETTINGS],
            content_version(),
            *request_parts,
        ],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return "api:response:" + hashlib.sha256(payload.encode()).hexdigest()


def seconds_until_public_change(read_at, site_root_path=None):
    """How long from now an answer read at `read_at` for the site at
    `site_root_path` stays true (it may be over already: an expiry between
    reading and storing), or None if nothing is due."""
    moment = next_public_change_at(read_at, site_root_path)
    return None if moment is None else moment.timestamp() - time.time()


def _entry_size(value):
    body = value[0] if isinstance(value, tuple) else value
    return len(body) if isinstance(body, bytes | str) else 0


def _keep_locally(entry):
    """Only answers small enough that a process's copies stay within bounds
    (``API_LOCAL_CACHE_MAX_BYTES`` each, the cache's MAX_ENTRIES of them)."""
    return _entry_size(entry[0]) <= settings.API_LOCAL_CACHE_MAX_BYTES


def _get(key, local=True):
    """(value, expires_at) from this process's copy, else from the shared cache
    (then copied here until the same moment); None when missing or expired."""
    here = caches["api_local"] if local else None
    now = time.time()
    entry = here.get(key) if here is not None else None
    if entry is None:
        try:
            entry = cache.get(key)
        except Exception:
            logger.warning("Shared cache unavailable: answering uncached", exc_info=True)
            return None
        if entry is None or entry[1] <= now:
            return None
        if here is not None and _keep_locally(entry):
            here.set(key, entry, timeout=math.ceil(entry[1] - now))
    return entry if entry[1] > now else None


def _set(key, value, seconds, local=True):
    entry = (value, time.time() + seconds)
    timeout = math.ceil(seconds)
    if local and _keep_locally(entry):
        caches["api_local"].set(key, entry, timeout=timeout)
    try:
        cache.set(key, entry, timeout=timeout)
    except Exception:
        logger.warning("Shared cache unavailable: answer not shared", exc_info=True)


def get_response(key):
    """A stored answer and the seconds it has left, or None."""
    entry = _get(key)
    return None if entry is None else (entry[0], entry[1] - time.time())


def set_response(key, body, true_for):
    """Store an answer for ``API_RESPONSE_CACHE_SECONDS``, but not past the
    `true_for` seconds it stays true (None: nothing is due to change)."""
    seconds = float(settings.API_RESPONSE_CACHE_SECONDS)
    if true_for is not None:
        seconds = min(seconds, true_for)
    if seconds >= 1:
        _set(key, body, seconds)


# Persisted queries live in the shared cache only: anyone may register one, and
# they must not push hot answers out of a process's memory. A GET's URL is read
# once per process anyway (api.views.params_of_url).


def persisted_query(sha256_hash):
    entry = _get(PERSISTED_QUERY_PREFIX + sha256_hash, local=False)
    return None if entry is None else entry[0]


def persist_query(sha256_hash, query):
    seconds = settings.API_PERSISTED_QUERY_SECONDS
    _set(PERSISTED_QUERY_PREFIX + sha256_hash, query, seconds, local=False)
