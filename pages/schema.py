"""The `page` and `pages` root fields, replacing grapple's.

Both only ever return public pages of the request's site (core.visibility),
filtered before any search, order or limit;
`urlPath` is matched exactly, `order` is checked against each type's allowed
orderings, a single `contentType` is queried through its own model (so it can be
ordered by its own fields, e.g. news by `-date`), and what the page types' fields
need is prefetched for the whole list.
"""

import graphene
from django.contrib.contenttypes.models import ContentType
from graphql import GraphQLError
from grapple.helpers import register_graphql_schema
from grapple.types.interfaces import get_page_interface
from grapple.types.structures import QuerySetList
from wagtail.models import Page

from api.listing import public_list
from api.ordering import validated_ordering
from api.prefetch import prefetch_for_api
from core.visibility import audience


def content_types_named(value):
    """`app.Model[,app.Model…]` to page content types; anything else is an error."""
    content_types = []
    for name in value.split(","):
        app_label, _, model = name.strip().lower().partition(".")
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            content_type = None
        model_class = content_type and content_type.model_class()
        if model_class is None or not issubclass(model_class, Page):
            raise GraphQLError(
                f"Unknown contentType {name.strip()!r}: use the app_label.ModelName of a "
                "page type, e.g. pages.NewsPage."
            )
        content_types.append(content_type)
    return content_types


def pages_of_type(content_type=None):
    """Pages of the given content type(s), as a queryset of their model if there
    is one, and that model."""
    if not content_type:
        return Page.objects.all(), Page
    content_types = content_types_named(content_type)
    model = content_types[0].model_class() if len(content_types) == 1 else Page
    return model.objects.filter(content_type__in=content_types), model


def site_url_paths(url_path):
    """The stored url_path(s) a portal's path may mean: relative to the site root
    ("/historia/"), or already the full stored path ("/home/historia/")."""
    site = audience().site
    if site is None:
        return []
    path = "/" + "/".join(part for part in url_path.split("/") if part)
    path = path if path == "/" else path + "/"
    return [site.root_page.url_path + path.lstrip("/"), path]


@register_graphql_schema
class PagesQuery:
    pages = QuerySetList(
        graphene.NonNull(get_page_interface),
        content_type=graphene.Argument(
            graphene.String,
            description="Page type(s) as app.Model, comma-separated, e.g. pages.NewsPage.",
        ),
        ancestor=graphene.Argument(graphene.ID, description="Only descendants of this page."),
        parent=graphene.Argument(graphene.ID, description="Only children of this page."),
        enable_search=True,
        enable_in_menu=True,
        required=True,
        description="Published, public pages of this site. `order` takes title, "
        "first_published_at, last_published_at, path and, for one contentType, its own "
        "fields (NewsPage: date, EventPage: start); prefix - to reverse.",
    )
    page = graphene.Field(
        get_page_interface(),
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.Argument(
            graphene.String, description="Path within this site, e.g. /historia/."
        ),
        content_type=graphene.String(),
        description="One published, public page of this site.",
    )

    def resolve_pages(root, info, content_type=None, parent=None, ancestor=None, **kwargs):
        pages, model = pages_of_type(content_type)
        if parent or ancestor:
            anchor = audience().pages().filter(id=parent or ancestor).first()
            if anchor is None:
                return []
            pages = pages.child_of(anchor) if parent else pages.descendant_of(anchor)
        if kwargs.get("order") is not None:
            kwargs["order"] = ",".join(validated_ordering(kwargs["order"], model))
        return public_list(pages, info, **kwargs)

    def resolve_page(root, info, id=None, slug=None, url_path=None, content_type=None):
        if not (id or slug or url_path):
            return None
        pages, model = pages_of_type(content_type)
        pages = audience().filter(pages)
        if model is Page:
            pages = pages.specific()
        if id:
            pages = pages.filter(id=id)
        if slug:
            pages = pages.filter(slug=slug)
        if url_path is not None:
            for stored_path in site_url_paths(url_path):
                page = pages.filter(url_path=stored_path).first()
                if page is not None:
                    return prefetch_for_api([page])[0]
            return None
        page = pages.order_by("path").first()
        return prefetch_for_api([page])[0] if page else None
