from django.http import Http404, HttpResponseRedirect
from wagtail import hooks

from .portal import portal_url
from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler
from .visibility import is_public


@hooks.register("before_serve_page", order=-100)
def serve_only_public_pages(page, request, args, kwargs):
    """Wagtail routes a live page under an unpublished parent and serves a page
    past its expiry until `publish_scheduled` runs: the HTML site follows the
    public rules instead, for every visitor. Pages under a view restriction are
    not offered either (runs before Wagtail's own restriction check). With
    ``PORTAL_BASE_URL`` set, anonymous visitors of a page go to the portal."""
    if not is_public(page):
        raise Http404
    if args or kwargs or request.user.is_authenticated:
        return None  # a sub-route of a routable page (a feed…), or an editor
    target = portal_url(page, request)
    if target is None:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"{target}?{query}" if query else target)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own handlers
def render_only_public_rich_text_targets(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
