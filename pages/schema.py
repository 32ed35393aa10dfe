"""The `pages` root field.

grapple's `pages` filters content types through `content_type__app_label`, which
Wagtail's database search backend cannot combine with `searchQuery`; this
resolver filters by content type instead and explains a malformed `contentType`.
"""

from django.contrib.contenttypes.models import ContentType
from graphql import GraphQLError
from grapple.types.pages import PagesQuery as GrapplePagesQuery
from grapple.types.pages import get_site_filter
from grapple.utils import resolve_queryset
from wagtail.models import Page


def content_types_named(value):
    """`app.Model[,app.Model…]` to content types; unknown names are an error."""
    content_types = []
    for name in value.split(","):
        app_label, _, model = name.strip().lower().partition(".")
        try:
            content_types.append(ContentType.objects.get_by_natural_key(app_label, model))
        except ContentType.DoesNotExist:
            raise GraphQLError(
                f"Unknown contentType {name.strip()!r}: use app_label.ModelName, "
                "e.g. pages.NewsPage."
            ) from None
    return content_types


def PagesQuery():
    class Mixin(GrapplePagesQuery()):
        def resolve_pages(self, info, **kwargs):
            parent, ancestor = kwargs.pop("parent", None), kwargs.pop("ancestor", None)
            pages = Page.objects.live().public().filter(depth__gt=1)
            if parent or ancestor:
                anchor = Page.objects.filter(id=parent or ancestor).first()
                if anchor is None:
                    return Page.objects.none()
                pages = pages.child_of(anchor) if parent else pages.descendant_of(anchor)

            site = get_site_filter(info, **kwargs)
            if site is not None:
                pages = pages.in_site(site)
            elif kwargs.get("site") is not None or kwargs.get("in_site"):
                return Page.objects.none()

            content_type = kwargs.pop("content_type", None)
            if content_type:
                pages = pages.filter(content_type__in=content_types_named(content_type))

            return resolve_queryset(pages.specific(), info, **kwargs)

    return Mixin
