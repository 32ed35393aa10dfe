"""Where the portal shows a page: ``PORTAL_BASE_URL`` followed by the page's path
within its site."""

from django.conf import settings
from wagtail.models import Site


def portal_url(page, request=None):
    """The portal's URL for `page`, or None without ``PORTAL_BASE_URL``."""
    base = settings.PORTAL_BASE_URL
    if not base:
        return None
    path = page_path(page, request)
    if path is None:
        return None
    return base.rstrip("/") + path


def page_path(page, request=None):
    """`page`'s path within its site ("/historia/"), as its URL uses it."""
    _, _, path = page.get_url_parts(request=request) or (None, None, None)
    return path


def media_url(url):
    """A media or document URL made absolute on the domain that serves it (this
    CMS, ``WAGTAILADMIN_BASE_URL``) unless its storage already gives one."""
    if url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


def public_url(path, request=None):
    """The absolute URL at which the public sees `path` (a path within the
    site): on the portal with ``PORTAL_BASE_URL``, on this CMS's site otherwise."""
    base = settings.PORTAL_BASE_URL
    if not base:
        site = Site.find_for_request(request) if request is not None else None
        base = (site or Site.objects.get(is_default_site=True)).root_url
    return base.rstrip("/") + path
