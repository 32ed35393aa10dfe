"""How much work one API request may do, whether or not it touches the database.

SQL has its statement timeout (api.db); the rest is counted here, for the
request being answered:

- time: ``API_MAX_REQUEST_SECONDS`` of wall clock from the start of execution;
- size: an answer of at most ``API_MAX_RESPONSE_BYTES`` (counted as it is built,
  then measured exactly once serialized);
- renditions: at most ``API_MAX_NEW_RENDITIONS`` made by the request itself,
  from at most ``API_MAX_RENDITION_MEGAPIXELS`` of source images and only in the
  first half of its time; the others are queued for the task worker and served
  once ready.

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


def utf8_size(text):
    """Bytes `text` takes in the answer (sent as UTF-8), escapes aside."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


class BudgetExceeded(GraphQLError):
    """Raised inside execution once the request has used up its budget."""


@dataclass
class Budget:
    deadline: float
    bytes_left: int
    renditions_left: int
    pixels_left: int
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
        self.bytes_left -= FIELD_OVERHEAD_BYTES + (
            utf8_size(result) if isinstance(result, str) else 0
        )
        if self.bytes_left < 0:
            self.refuse_size()

    def refuse_size(self):
        self.refuse(
            f"The answer would be larger than {settings.API_MAX_RESPONSE_BYTES} bytes; "
            "ask for fewer items or fields.",
            "RESPONSE_TOO_LARGE",
        )

    def refuse(self, message, code):
        self.refusal = {"message": message, "extensions": {"code": code}}
        raise BudgetExceeded(message)

    def take_rendition(self, image):
        """May this request make one more rendition of `image` itself? Not past
        the count, nor the megapixels the request may decode, nor once half its
        time is gone: one large image can take seconds."""
        pixels = (image.width or 0) * (image.height or 0)
        half_time_left = time.monotonic() < self.deadline - settings.API_MAX_REQUEST_SECONDS / 2
        if self.renditions_left <= 0 or pixels > self.pixels_left or not half_time_left:
            self.incomplete = True
            return False
        self.renditions_left -= 1
        self.pixels_left -= pixels
        return True


def current():
    """The budget of the request being answered (outside one, a fresh full one)."""
    return _current.get() or _new_budget()


def _new_budget():
    return Budget(
        deadline=time.monotonic() + settings.API_MAX_REQUEST_SECONDS,
        bytes_left=settings.API_MAX_RESPONSE_BYTES,
        renditions_left=settings.API_MAX_NEW_RENDITIONS,
        pixels_left=settings.API_MAX_RENDITION_MEGAPIXELS * 1_000_000,
    )


@contextmanager
def budget_for_request():
    budget = _new_budget()
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
