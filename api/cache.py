"""Caching of anonymous API responses and of persisted queries.

Responses are stored under a key that includes a content version. Publishing,
unpublishing, moving or deleting anything the API may show bumps the version
(api.signals), so every cached response that might contain it is dropped at
once, on every app server sharing the cache (Redis in production).

Two tiers keep the hot path off the network: each process keeps responses in
its own memory (the ``api_local`` cache) besides the shared cache, and re-reads
the shared content version at most every ``API_VERSION_CHECK_SECONDS``. A bump
made in this process applies here at once; other app servers see it within that
interval.
"""

import hashlib
import json
import threading
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction

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
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return _remember_version(version)


def _bump():
    try:
        _remember_version(cache.incr(VERSION_KEY))
    except ValueError:  # not set yet: nothing cached under a version either
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
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
        value = cache.get(key)
        if value is not None:
            local.set(key, value, timeout=timeout)
    return value


def _set(key, value, timeout):
    caches["api_local"].set(key, value, timeout=timeout)
    cache.set(key, value, timeout=timeout)


def get_response(key):
    return _get(key, settings.API_RESPONSE_CACHE_SECONDS)


def set_response(key, body):
    _set(key, body, settings.API_RESPONSE_CACHE_SECONDS)


def persisted_query(sha256_hash):
    return _get(PERSISTED_QUERY_PREFIX + sha256_hash, settings.API_PERSISTED_QUERY_SECONDS)


def persist_query(sha256_hash, query):
    _set(PERSISTED_QUERY_PREFIX + sha256_hash, query, settings.API_PERSISTED_QUERY_SECONDS)
