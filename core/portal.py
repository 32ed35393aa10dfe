"""Where the portal shows a page: ``PORTAL_BASE_URL`` followed by the page's path
within its site."""

from django.conf import settings


def portal_url(page, request=None):
    """The portal's URL for `page`, or None without ``PORTAL_BASE_URL``."""
    base = settings.PORTAL_BASE_URL
    if not base:
        return None
    _, _, path = page.get_url_parts(request=request) or (None, None, None)
    if path is None:
        return None
    return base.rstrip("/") + path
