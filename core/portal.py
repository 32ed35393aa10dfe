"""Where the portal shows a page: ``PORTAL_BASE_URL`` followed by the page's path
within its site."""

from django.conf import settings
from wagtail.models import Site


def portal_url(page, request=None):
    """The portal's URL for `page`, or None without ``PORTAL_BASE_URL``."""
    base = settings.PORTAL_BASE_URL
    if not base:
        return None
    _, _, path = page.get_url_parts(request=request) or (None, None, None)
    if path is None:
        return None
    return base.rstrip("/") + path


def public_url(path, request=None):
    """The absolute URL at which the public sees `path` (a path within the
    site): on the portal with ``PORTAL_BASE_URL``, on this CMS's site otherwise."""
    base = settings.PORTAL_BASE_URL
    if not base:
        site = Site.find_for_request(request) if request is not None else None
        base = (site or Site.objects.get(is_default_site=True)).root_url
    return base.rstrip("/") + path
