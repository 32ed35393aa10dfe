"""Apollo's automatic persisted queries: a request may send only the sha256 of
a query the server has seen, which keeps the portal's GET URLs short. A query is
registered under its hash once it has run without errors."""

import hashlib
import json
import re

from . import cache
from .errors import ApiError

SHA256_HEX = re.compile(r"[0-9a-f]{64}")


def requested(url_params, data):
    """The request's `extensions.persistedQuery` (Apollo's), from the URL or
    the body, or None."""
    extensions = url_params.get("extensions") or data.get("extensions")
    if isinstance(extensions, str):
        try:
            extensions = json.loads(extensions)
        except ValueError:
            raise ApiError(400, "`extensions` is not valid JSON.") from None
    return extensions.get("persistedQuery") if isinstance(extensions, dict) else None


def resolve(url_params, data, query):
    """The query to run, and the hash to register it under once it has run
    (None when there is nothing to register)."""
    persisted = requested(url_params, data)
    if persisted is None:
        return query, None
    if not isinstance(persisted, dict):
        persisted = {}
    sha = persisted.get("sha256Hash")
    if persisted.get("version") != 1 or not isinstance(sha, str) or not SHA256_HEX.fullmatch(sha):
        raise ApiError(400, "Unsupported persistedQuery: expected version 1 and a sha256Hash.")
    if query is None:
        query = cache.persisted_query(sha)
        if query is None:
            raise ApiError(200, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
        return query, None
    if not isinstance(query, str) or hashlib.sha256(query.encode()).hexdigest() != sha:
        raise ApiError(400, "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
    return query, sha


def register(sha, query):
    cache.persist_query(sha, query)
