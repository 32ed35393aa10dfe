"""Request-wide applications of the public rules (core.visibility)."""

from urllib.parse import urlparse

from wagtail.contrib.redirects.middleware import RedirectMiddleware, get_redirect
from wagtail.contrib.redirects.models import Redirect

from .visibility import audience_of, is_public


class AudienceMiddleware:
    """Makes each request's audience current, so that whatever the request
    renders (GraphQL, HTML pages, rich text) applies the public rules of its own
    site and moment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with audience_of(request):
            return self.get_response(request)


def find_redirect(request, path):
    """Wagtail's redirect for `path` on the request's site, by Wagtail's own
    look-up (the path with its query string first, then the bare path)."""
    path = Redirect.normalise_path(path, decode_unicode=False)
    return get_redirect(request, path) or get_redirect(request, urlparse(path).path)


def leads_to_public(redirect):
    """Whether following `redirect` shows the public nothing hidden: a redirect
    to a page only while that page is public."""
    return not redirect.redirect_page_id or is_public(redirect.redirect_page)


class PublicRedirectMiddleware(RedirectMiddleware):
    """Wagtail's redirects, only to pages the public may see. Wagtail makes one
    whenever a page is renamed or moved: followed to a page that was unpublished
    or restricted since, it would tell that page's address."""

    def process_response(self, request, response):
        if response.status_code == 404:
            redirect = find_redirect(request, request.get_full_path())
            if redirect is not None and not leads_to_public(redirect):
                return response
        return super().process_response(request, response)
