"""Limit/offset pagination shared by the API's own list fields."""

import graphene
from grapple.settings import grapple_settings


def list_arguments():
    return {
        "limit": graphene.Int(description="How many results (default 20, at most 100)."),
        "offset": graphene.Int(description="How many results to skip from the start."),
    }


def paginate(queryset, limit=None, offset=None):
    """Slice a queryset with a default and a hard maximum page size (the API
    middleware has already refused negative values)."""
    limit = min(limit or grapple_settings.PAGE_SIZE, grapple_settings.MAX_PAGE_SIZE)
    offset = offset or 0
    return queryset[offset : offset + limit]
