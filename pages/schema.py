"""The `page` and `pages` root fields, replacing grapple's.

Both only ever return public pages of the request's site (core.visibility),
filtered before any search, order or limit; `urlPath` is matched exactly; a
single `contentType` is queried through its own model (so it can be ordered by
its own fields, e.g. news by `-date`), and what the page types' fields need is
prefetched for the whole list.
"""

import inspect

import graphene
from django.contrib.contenttypes.models import ContentType
from grapple.helpers import register_graphql_schema
from grapple.types.interfaces import get_page_interface
from wagtail.models import Page

from api.arguments import PageOrder, PageTypes, register_check
from api.listing import public_list
from api.ordering import allowed_orderings
from api.pagination import list_arguments
from api.prefetch import prefetch_for_api
from api.selection import Selection
from core.visibility import audience


def model_of(models=None):
    """The model a list of page types is queried through: their own, if one."""
    return models[0] if models and len(models) == 1 else Page


def pages_of_type(models=None):
    """Pages of the given types, as a queryset of `model_of` them, and that model."""
    model = model_of(models)
    if not models:
        return model.objects.all(), model
    content_types = ContentType.objects.get_for_models(*models).values()
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
    pages = graphene.List(
        graphene.NonNull(get_page_interface),
        required=True,
        content_type=graphene.Argument(PageTypes, description=inspect.cleandoc(PageTypes.__doc__)),
        ancestor=graphene.Argument(graphene.ID, description="Only pages below this page."),
        parent=graphene.Argument(graphene.ID, description="Only pages directly below this page."),
        in_menu=graphene.Boolean(description="Only pages shown (true) or not shown in menus."),
        description="Published, public pages of this site.",
        **list_arguments(search=True, ordering=PageOrder),
    )
    page = graphene.Field(
        get_page_interface(),
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.Argument(
            graphene.String, description="Path within this site, e.g. /historia/."
        ),
        content_type=graphene.Argument(PageTypes, description=inspect.cleandoc(PageTypes.__doc__)),
        description="One published, public page of this site.",
    )

    def resolve_pages(root, info, content_type=None, parent=None, ancestor=None, **kwargs):
        pages, _ = pages_of_type(content_type)
        if parent or ancestor:
            anchor = audience().pages().filter(id=parent or ancestor).first()
            if anchor is None:
                return []
            pages = pages.child_of(anchor) if parent else pages.descendant_of(anchor)
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
                    return prefetch_for_api([page], Selection.of(info))[0]
            return None
        page = pages.order_by("path").first()
        return prefetch_for_api([page], Selection.of(info))[0] if page else None


@register_check("Query", "pages")
def ordering_fits_the_content_type(arguments):
    """A type's own fields (news by date) order a list of that type only."""
    allowed = allowed_orderings(model_of(arguments.get("content_type")))
    for term in (arguments.get("order") or "").split(","):
        if term and term.removeprefix("-") not in allowed:
            return (
                f"`order` cannot be {term!r} for these pages. Allowed (prefix - to reverse): "
                f"{', '.join(allowed)}; a page type's own fields need a single contentType."
            )
    return None
