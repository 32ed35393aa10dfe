"""Limit/offset pagination shared by the API's own list fields."""

import inspect

import graphene
from grapple.settings import grapple_settings

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


def paginate(queryset, limit=None, offset=None):
    """Slice a queryset with the default page size (the input rules have
    already refused sizes and offsets out of range)."""
    limit = limit or grapple_settings.PAGE_SIZE
    offset = offset or 0
    return queryset[offset : offset + limit]
