"""How much work one API request may do, whether or not it touches the database.

SQL has its statement timeout (api.db); the rest is counted here, for the
request being answered:

- time: ``API_MAX_REQUEST_SECONDS`` of wall clock from the start of execution;
- size: an answer of at most ``API_MAX_RESPONSE_BYTES`` (counted as it is built);
- renditions: at most ``API_MAX_NEW_RENDITIONS`` images made by the request
  itself; the others are queued for the task worker and served once ready.

Running out of time or size stops the request: the view answers with one clear
error and nothing is cached. An answer that left renditions to the worker is
sent, but is not cached either, so the next request gets them once made.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from graphql import GraphQLError

_current = ContextVar("api_budget", default=None)

# A leaf's share of the JSON around it (quotes, key, punctuation), roughly.
FIELD_OVERHEAD_BYTES = 8


class BudgetExceeded(GraphQLError):
    """Raised inside execution once the request has used up its budget."""


@dataclass
class Budget:
    deadline: float
    bytes_left: int
    renditions_left: int
    refusal: dict | None = None
    """The error the whole request is answered with once the budget ran out."""
    incomplete: bool = False
    """Something was left for the task worker: the answer must not be cached."""

    def spend(self, result):
        if self.refusal is not None:
            raise BudgetExceeded(self.refusal["message"])
        if time.monotonic() > self.deadline:
            self.refuse(
                f"The query took longer than {settings.API_MAX_REQUEST_SECONDS} s and was "
                "stopped; ask for less.",
                "QUERY_TOO_SLOW",
            )
        size = FIELD_OVERHEAD_BYTES + (len(result) if isinstance(result, str) else 0)
        self.bytes_left -= size
        if self.bytes_left < 0:
            self.refuse(
                f"The answer would be larger than {settings.API_MAX_RESPONSE_BYTES} bytes; "
                "ask for fewer items or fields.",
                "RESPONSE_TOO_LARGE",
            )

    def refuse(self, message, code):
        self.refusal = {"message": message, "extensions": {"code": code}}
        raise BudgetExceeded(message)

    def take_rendition(self):
        """May this request make one more rendition itself?"""
        if self.renditions_left <= 0:
            self.incomplete = True
            return False
        self.renditions_left -= 1
        return True


def current():
    """The budget of the request being answered (outside one, a fresh full one)."""
    return _current.get() or _new_budget()


def _new_budget():
    return Budget(
        deadline=time.monotonic() + settings.API_MAX_REQUEST_SECONDS,
        bytes_left=settings.API_MAX_RESPONSE_BYTES,
        renditions_left=settings.API_MAX_NEW_RENDITIONS,
    )


@contextmanager
def budget_for_request():
    budget = _new_budget()
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
