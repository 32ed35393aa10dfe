"""Limit/offset pagination shared by the API's own list fields."""

import graphene
from graphql import GraphQLError
from grapple.settings import grapple_settings


def list_arguments():
    return {
        "limit": graphene.Int(
            description="Liczba wyników (domyślnie PAGE_SIZE, najwyżej MAX_PAGE_SIZE)."
        ),
        "offset": graphene.Int(description="Liczba wyników pominiętych od początku listy."),
    }


def paginate(queryset, limit=None, offset=None):
    """Slice a queryset with a default and a hard maximum page size."""
    if limit is not None and limit < 1:
        raise GraphQLError("`limit` must be a positive number.")
    if offset is not None and offset < 0:
        raise GraphQLError("`offset` cannot be negative.")
    limit = min(limit or grapple_settings.PAGE_SIZE, grapple_settings.MAX_PAGE_SIZE)
    offset = offset or 0
    return queryset[offset : offset + limit]
