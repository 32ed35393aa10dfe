from django.http import Http404, HttpResponseRedirect
from wagtail import hooks
from wagtail.images import get_image_model

from .events import announce_changed
from .media import settle_after_commit
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


@hooks.register("after_bulk_action")
def settle_images_moved_in_bulk(request, action_type, objects, action):
    """Wagtail's bulk "add to collection" moves images in SQL, past the signals
    that move a newly restricted image's files out of the web server's reach
    (core.media) and tell the API's caches: do both for every image it moved."""
    image_model = get_image_model()
    if action_type != "add_to_collection" or not all(isinstance(o, image_model) for o in objects):
        return
    for image in objects:
        image.refresh_from_db(fields=["collection"])
        announce_changed(image)
    settle_after_commit(objects)


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own handlers
def render_only_public_rich_text_targets(features):
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
