"""Trusted documents ("persisted operations" from the client's build): with
API_TRUSTED_DOCUMENTS_ONLY on, the API runs only operations whose sha256 is in a
manifest the portal's build produced and `manage.py register_trusted_documents`
registered. Anything else is refused before it is parsed, and automatic
persisted-query registration is off (hashes come only from manifests).

A request names its document by `documentId` (`sha256:<hex>` or the bare hex),
by Apollo's `extensions.persistedQuery.sha256Hash`, or sends the `query` text
itself, which is run only if its hash is registered."""

import hashlib
import re

from . import persisted_queries
from .errors import ApiError
from .models import TrustedDocument

DOCUMENT_ID = re.compile(r"(?:sha256:)?([0-9a-f]{64})")

REFUSED = (
    "This API runs only the portal's trusted documents: send a registered "
    "`documentId` (see README, “Trusted documents”)."
)


def _lookup(sha):
    """One primary-key read, so that a pruned document stops running at once."""
    return TrustedDocument.objects.filter(sha256=sha).values_list("query", flat=True).first()


def _requested_hash(url_params, data):
    document_id = url_params.get("documentId") or data.get("documentId")
    if document_id is not None:
        match = DOCUMENT_ID.fullmatch(document_id) if isinstance(document_id, str) else None
        if match is None:
            raise ApiError(400, "`documentId` must be sha256:<64 hex digits>.", "BAD_DOCUMENT_ID")
        return match.group(1)
    persisted = persisted_queries.requested(url_params, data)
    sha = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if isinstance(sha, str) and DOCUMENT_ID.fullmatch(sha):
        return sha
    return None


def resolve(url_params, data, query):
    """The registered query the request names, or ApiError before any parsing."""
    sha = _requested_hash(url_params, data)
    if sha is None and isinstance(query, str):
        sha = hashlib.sha256(query.encode()).hexdigest()
    if sha is None:
        raise ApiError(400, REFUSED, "TRUSTED_DOCUMENT_REQUIRED")
    trusted = _lookup(sha)
    if trusted is None:
        raise ApiError(400, REFUSED, "TRUSTED_DOCUMENT_NOT_FOUND")
    return trusted
