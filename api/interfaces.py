"""The GraphQL interface every page type implements (set as grapple's PAGE_INTERFACE).

grapple's tree fields filter only `live` and view restrictions, and apply
`searchQuery` and `limit` before anything filtered afterwards: here each is
the public pages of the request's site (core.visibility), filtered first.
"""

import graphene
from graphene.utils.str_converters import to_camel_case
from grapple.types.interfaces import PageInterface as GrapplePageInterface
from grapple.types.interfaces import get_page_interface

from core.visibility import is_public

from .arguments import PAGE_TREE_ORDERINGS, PageOrder, register_check
from .listing import public_list
from .pagination import list_arguments

TREE_FIELDS = (
    "children",
    "siblings",
    "next_siblings",
    "previous_siblings",
    "descendants",
    "ancestors",
)


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
    children = tree_field("Public pages directly below this one.")
    siblings = tree_field("Public pages beside this one.")
    next_siblings = tree_field("Public pages beside this one, after it.")
    previous_siblings = tree_field("Public pages beside this one, before it.")
    descendants = tree_field("Public pages below this one, at any depth.")
    ancestors = tree_field("Public pages above this one, from the site's home page.")

    def resolve_url(self, info, **kwargs):
        """The page's URL as the request's site sees it: a path on this site
        ("/aktualnosci/festyn/"). Passing the request lets Wagtail look the
        site's root paths up once per request, not once per page."""
        return self.get_url(request=info.context)

    def resolve_locked(self, info, **kwargs):
        """Editorial state, not the public's business (the interface requires the field)."""
        return None

    def resolve_parent(self, info, **kwargs):
        parent = getattr(self, "api_parent", None)  # loaded for a whole list
        if parent is None:
            parent = self.get_parent().specific
        return parent if is_public(parent) else None

    def resolve_children(self, info, **kwargs):
        return public_list(self.get_children(), info, **kwargs)

    def resolve_siblings(self, info, **kwargs):
        return public_list(self.get_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_next_siblings(self, info, **kwargs):
        return public_list(self.get_next_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_previous_siblings(self, info, **kwargs):
        return public_list(self.get_prev_siblings().exclude(pk=self.pk), info, **kwargs)

    def resolve_descendants(self, info, **kwargs):
        return public_list(self.get_descendants(), info, **kwargs)

    def resolve_ancestors(self, info, **kwargs):
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
