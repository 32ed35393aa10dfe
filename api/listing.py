"""How the API serves a list: what the public may see of it, filtered in SQL
before grapple's search, order, offset and limit are applied, then loaded in
bulk for the fields the query reads."""

from functools import cache

from django.apps import apps
from graphene.utils.str_converters import to_camel_case
from grapple.utils import resolve_queryset
from wagtail.fields import StreamField
from wagtail.models import Page

from core.visibility import public

from .prefetch import prefetch_for_api
from .selection import Selection


def searchable(queryset):
    """The search backend filters only on indexed fields: for pages, the public
    rules (expiry, restrictions, ancestors, site) are expressed as a set of ids.
    (Other models' public rules filter on fields they index.)"""
    if not issubclass(queryset.model, Page):
        return queryset
    return queryset.model.objects.filter(pk__in=queryset.values("pk"))


@cache
def stream_field_names():
    """The GraphQL names of every page type's StreamFields."""
    return {
        to_camel_case(field.name)
        for model in apps.get_models()
        if issubclass(model, Page)
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField)
    }


def public_list(queryset, info, **kwargs):
    """`kwargs` are the list's arguments (see api.pagination.list_arguments)."""
    selection = Selection.of(info)
    queryset = public(queryset)
    if not kwargs.get("search_query"):
        kwargs.pop("search_query", None)  # an empty search lists everything
    else:
        queryset = searchable(queryset)
    operator = kwargs.pop("search_operator", "and")
    kwargs["search_operator"] = getattr(operator, "value", operator)
    if issubclass(queryset.model, Page) and not stream_field_names() & set(selection.fields):
        queryset = queryset.defer_streamfields()  # bodies are large, and not asked for
    if queryset.model is Page:
        queryset = queryset.specific()
    return prefetch_for_api(list(resolve_queryset(queryset, info, **kwargs)), selection)
