"""Caching of anonymous API responses and of persisted queries.

Responses are stored under a key that includes a content version. Publishing,
unpublishing, moving or deleting anything the API may show bumps the version
(api.signals), so every cached response that might contain it is dropped at
once, on every app server sharing the cache (Redis in production).

Two tiers keep the hot path off the network: each process keeps responses in
its own memory (the ``api_local`` cache) besides the shared cache, and each
thread re-reads the shared content version at most every
``API_VERSION_CHECK_SECONDS``: a bump applies at once in the thread that made it,
and everywhere else within that interval.

The shared cache is an optimisation, never a dependency: if it fails, answers
are computed as if nothing were cached.
"""

import hashlib
import json
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction

from .visibility import seconds_until_next_expiry

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


def _bump():
    try:
        _remember_version(cache.incr(VERSION_KEY))
    except ValueError:  # not set yet: nothing cached under a version either
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        _local_version.read_at = None
    except Exception:
        logger.error("Shared cache unavailable: could not invalidate answers", exc_info=True)
        _local_version.read_at = None


def bump_content_version(**kwargs):
    """Signal receiver: drop every cached response, now and again once the change
    is committed, so that a response another server cached from the old data
    while the transaction was open does not outlive it."""
    _bump()
    transaction.on_commit(_bump)


def response_key(*request_parts):
    """A key for a response to a request, under the current content version. The
    parts include the API settings a response depends on (a deploy that turns
    introspection off must not keep serving cached schema answers)."""
    payload = json.dumps(
        [content_version(), *request_parts], sort_keys=True, separators=(",", ":"), default=str
    )
    return "api:response:" + hashlib.sha256(payload.encode()).hexdigest()


def _get(key, timeout):
    """This process's copy first, then the shared cache (kept here afterwards)."""
    local = caches["api_local"]
    value = local.get(key)
    if value is None:
        try:
            value = cache.get(key)
        except Exception:
            logger.warning("Shared cache unavailable: answering uncached", exc_info=True)
            return None
        if value is not None:
            local.set(key, value, timeout=timeout)
    return value


def _set(key, value, timeout):
    caches["api_local"].set(key, value, timeout=timeout)
    try:
        cache.set(key, value, timeout=timeout)
    except Exception:
        logger.warning("Shared cache unavailable: answer not shared", exc_info=True)


def get_response(key):
    return _get(key, settings.API_RESPONSE_CACHE_SECONDS)


def set_response(key, body):
    """Store an answer, but not past the moment some content in it may expire."""
    timeout = settings.API_RESPONSE_CACHE_SECONDS
    if timeout <= 0:
        return
    until_expiry = seconds_until_next_expiry()
    if until_expiry is not None:
        timeout = min(timeout, int(until_expiry))
    if timeout > 0:
        _set(key, body, timeout)


def persisted_query(sha256_hash):
    return _get(PERSISTED_QUERY_PREFIX + sha256_hash, settings.API_PERSISTED_QUERY_SECONDS)


def persist_query(sha256_hash, query):
    _set(PERSISTED_QUERY_PREFIX + sha256_hash, query, settings.API_PERSISTED_QUERY_SECONDS)
