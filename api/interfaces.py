"""The GraphQL interface every page type implements (set as grapple's PAGE_INTERFACE).

grapple's tree fields filter only `live` and view restrictions, and apply
`searchQuery` and `limit` before anything filtered afterwards: here each is
the public pages of the request's site (core.visibility), filtered first. A
page never saved (the preview of an "add" form) is not in the tree yet: no
parent, children or ancestors.
"""

import graphene
from graphene.utils.str_converters import to_camel_case
from grapple.types.images import get_image_type
from grapple.types.interfaces import PageInterface as GrapplePageInterface
from grapple.types.interfaces import get_page_interface

from core.portal import page_path, public_url
from core.visibility import is_public

from .arguments import PAGE_TREE_ORDERINGS, PageOrder, register_check
from .listing import public_list
from .pagination import list_arguments

TREE_FIELDS = ("children", "ancestors")


def tree_field(description):
    return graphene.List(
        graphene.NonNull(get_page_interface),
        required=True,
        description=description,
        in_menu=graphene.Boolean(description="Only pages shown (true) or not shown in menus."),
        **list_arguments(
            search=True,
            ordering=PageOrder,
            order_description="Fields to order by, comma-separated, prefix - to reverse: "
            "title, first_published_at, last_published_at, path.",
        ),
    )


class PageInterface(GrapplePageInterface):
    children = tree_field("Public pages directly below this one (e.g. for menus).")
    ancestors = tree_field("Public pages above this one, from the site's home page (breadcrumbs).")
    url = graphene.String(
        description="Where the public reads this page: on the portal (PORTAL_BASE_URL) when it "
        "is set up, on this CMS's site otherwise. Always absolute."
    )
    url_path = graphene.String(
        description="The page's path within its site, as in its `url` (e.g. /historia/); "
        "what `page(urlPath:)` takes."
    )
    intro = graphene.String(description="A short summary for lists and link previews.")
    canonical_url = graphene.String(
        description="The page's one address for search engines (<link rel=canonical>): its "
        "`url`, whatever address it was reached by."
    )
    share_image = graphene.Field(
        get_image_type,
        description="The image for links to this page shared on social media (og:image); "
        "null if none is set or it is not public.",
    )

    def resolve_url(self, info, **kwargs):
        """Passing the request lets Wagtail look the site's root paths up once
        per request, not once per page."""
        return public_url(page_path(self, info.context) or self.url_path, info.context)

    def resolve_canonical_url(self, info, **kwargs):
        return PageInterface.resolve_url(self, info)

    def resolve_url_path(self, info, **kwargs):
        return page_path(self, info.context) or self.url_path

    def resolve_intro(self, info, **kwargs):
        return getattr(self, "intro", None)

    def resolve_parent(self, info, **kwargs):
        if self.pk is None:
            return None
        parent = getattr(self, "api_parent", None)  # loaded for a whole list
        if parent is None:
            parent = self.get_parent().specific
        return parent if is_public(parent) else None

    def resolve_children(self, info, **kwargs):
        if self.pk is None:
            return []
        return public_list(self.get_children(), info, **kwargs)

    def resolve_ancestors(self, info, **kwargs):
        if self.pk is None:
            return []
        return public_list(self.get_ancestors(), info, **kwargs)


def _tree_ordering(arguments):
    terms = (arguments.get("order") or "").split(",")
    wrong = [term for term in terms if term and term.removeprefix("-") not in PAGE_TREE_ORDERINGS]
    if wrong:
        return (
            f"`order` cannot be {wrong[0]!r} here. Allowed (prefix - to reverse): "
            f"{', '.join(PAGE_TREE_ORDERINGS)}."
        )
    return None


for _field in TREE_FIELDS:
    register_check("PageInterface", to_camel_case(_field))(_tree_ordering)
