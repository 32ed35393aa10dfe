"""Caching of anonymous API responses and of persisted queries.

Responses are stored under a key that includes a content version. Publishing,
unpublishing, moving or deleting anything the API may show bumps the version
(api.signals), so every cached response that might contain it is dropped at
once, on every app server sharing the cache (Redis in production).
"""

import hashlib
import json
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "api:content-version"
PERSISTED_QUERY_PREFIX = "api:apq:"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet: nothing cached under a version either
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)


def bump_content_version(**kwargs):
    """Signal receiver: drop every cached response, now and again once the change
    is committed, so that a response another server cached from the old data
    while the transaction was open does not outlive it."""
    _bump()
    transaction.on_commit(_bump)


def response_key(host, query, variables, operation_name, limits):
    """`limits` are the API settings a response depends on (a deploy that turns
    introspection off must not keep serving cached schema answers)."""
    payload = json.dumps(
        [content_version(), host, query, variables, operation_name, limits],
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return "api:response:" + hashlib.sha256(payload.encode()).hexdigest()


def get_response(key):
    return cache.get(key)


def set_response(key, body):
    cache.set(key, body, timeout=settings.API_RESPONSE_CACHE_SECONDS)


def persisted_query(sha256_hash):
    return cache.get(PERSISTED_QUERY_PREFIX + sha256_hash)


def persist_query(sha256_hash, query):
    cache.set(
        PERSISTED_QUERY_PREFIX + sha256_hash, query, timeout=settings.API_PERSISTED_QUERY_SECONDS
    )
