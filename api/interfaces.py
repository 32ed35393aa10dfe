"""The GraphQL interface every page type implements (set as grapple's PAGE_INTERFACE).

grapple's tree fields filter only `live` and view restrictions, and apply
`searchQuery` and `limit` before anything filtered afterwards: here each is
the public pages of the request's site (core.visibility), filtered first.
"""

from grapple.types.interfaces import PageInterface as GrapplePageInterface

from core.visibility import is_public

from .listing import public_list


class PageInterface(GrapplePageInterface):
    def resolve_url(self, info, **kwargs):
        """The page's URL as the request's site sees it: a path on this site
        ("/aktualnosci/festyn/"). Passing the request lets Wagtail look the
        site's root paths up once per request, not once per page."""
        return self.get_url(request=info.context)

    def resolve_locked(self, info, **kwargs):
        """Editorial state, not the public's business (the interface requires the field)."""
        return None

    def resolve_parent(self, info, **kwargs):
        parent = self.get_parent()
        return parent.specific if is_public(parent) else None

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
