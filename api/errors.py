"""The API's error policy: what a refused or failed request is told.

A request refused before it runs gets a status of its own and a message; an
error while running keeps its path but never the internals: "Internal server
error." is all the public learns (the traceback goes to the log).
"""

import logging
import re

from django.conf import settings
from django.http import HttpResponse
from graphene_django.views import HttpError
from graphql import GraphQLError

from .db import is_statement_timeout

logger = logging.getLogger("api.views")

SUGGESTION = re.compile(r" ?Did you mean .*\?$")


TOO_SLOW = "The query took too long and was stopped; ask for less."


class ApiError(HttpError):
    """A request the API refuses, answered as one GraphQL error without data."""

    def __init__(self, status, message, code=None, extensions=None):
        self.code = code or (extensions or {}).get("code")
        super().__init__(HttpResponse(status=status), message)


def stopped_by_statement_timeout(error):
    return is_statement_timeout(getattr(error, "original_error", None))


def format_error(error):
    if isinstance(error, HttpError):  # a refused request, ours or graphene-django's
        formatted = {"message": error.message}
        if getattr(error, "code", None):
            formatted["extensions"] = {"code": error.code}
        return formatted
    if isinstance(error, GraphQLError):
        original = error.original_error
        if original is not None and not isinstance(original, GraphQLError):
            if not error.path:
                # A validation error raised while reading a literal (e.g. an
                # out-of-range Int): keep graphql-core's sentence, not the internals.
                return {
                    "message": error.message.split("; ")[0] + ".",
                    "locations": error.formatted.get("locations"),
                }
            if is_statement_timeout(original):
                message = TOO_SLOW
            else:
                logger.error("GraphQL resolver failed", exc_info=original)
                message = "Internal server error."
            return {
                "message": message,
                "locations": error.formatted.get("locations"),
                "path": error.path,
            }
        formatted = error.formatted
        if not settings.API_FIELD_SUGGESTIONS:
            formatted["message"] = SUGGESTION.sub("", formatted["message"])
        return formatted
    logger.error("GraphQL request failed", exc_info=error)
    return {"message": "Internal server error."}
