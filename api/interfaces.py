"""The GraphQL interface every page type implements (set as grapple's PAGE_INTERFACE)."""

from grapple.types.interfaces import PageInterface as GrapplePageInterface


class PageInterface(GrapplePageInterface):
    def resolve_url(self, info, **kwargs):
        """The page's URL as the request's site sees it: a path on this site
        ("/aktualnosci/festyn/"), a full URL on another. Passing the request lets
        Wagtail look the site's root paths up once per request, not once per page."""
        return self.get_url(request=info.context)

    def resolve_locked(self, info, **kwargs):
        """Editorial state, not the public's business (the interface requires the field)."""
        return None
