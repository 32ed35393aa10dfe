"""Limit/offset pagination shared by the API's own list fields."""

import inspect
from functools import cached_property

import graphene
from grapple.settings import grapple_settings

from core import visibility

from .arguments import Offset, PageSize, SearchOperator, SearchQuery


def list_arguments(search=False, ordering=None, order_description=None):
    """Arguments of a list the API pages through (and searches, and orders)."""
    arguments = {
        "limit": graphene.Argument(PageSize, description="How many items (default 20)."),
        "offset": graphene.Argument(Offset, description="How many items to skip."),
    }
    if search:
        arguments["search_query"] = graphene.Argument(
            SearchQuery, description="Only items matching these words, by relevance."
        )
        arguments["search_operator"] = graphene.Argument(
            graphene.NonNull(SearchOperator),
            default_value=SearchOperator.AND.value,
            description="Whether every word must match (AND) or any (OR).",
        )
    if ordering is not None:
        arguments["order"] = graphene.Argument(
            ordering, description=order_description or inspect.cleandoc(ordering.__doc__)
        )
    return arguments


def paged_type(item_type, name, description):
    """A GraphQL type for one page of a list and the total number of matches:
    `{ items total }`. The cost rule counts `items` by the list's `limit`."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "__doc__": description,
            "items": graphene.List(
                graphene.NonNull(item_type), required=True, description="This page of the list."
            ),
            "total": graphene.Int(
                required=True, description="How many items match, on every page together."
            ),
        },
    )


class Paged:
    """One page of `results` (a queryset or search results): `items` are loaded
    (and bulk-loaded by `load`) and `total` counted only when asked for."""

    def __init__(self, results, limit=None, offset=None, load=list):
        self.results = results
        self.limit = limit or grapple_settings.PAGE_SIZE
        self.offset = offset or 0
        self.load = load

    @cached_property
    def items(self):
        return self.load(list(self.results[self.offset : self.offset + self.limit]))

    @cached_property
    def total(self):
        return visibility.count(self.results)


def paginate(queryset, limit=None, offset=None):
    """Slice a queryset with the default page size (the input rules have
    already refused sizes and offsets out of range)."""
    limit = limit or grapple_settings.PAGE_SIZE
    offset = offset or 0
    return queryset[offset : offset + limit]
