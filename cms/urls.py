import os
import re

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.views import graphql_view
from core.media import PUBLIC_DIRS
from core.views import page_password_form_not_offered, private_media, serve_document
from organizations.views import organization_profile
from pages.feeds import NewsAtomFeed, NewsFeed, event_calendar

# A database that is down answers 503 with Retry-After (cms.health).
handler500 = "cms.health.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document view, with private caching for restricted ones.
    re_path(r"^documents/(\d+)/(.*)$", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    # With or without the slash: APPEND_SLASH cannot redirect a POST.
    re_path(r"^graphql/?$", graphql_view, name="graphql"),
]

# Files of images in restricted collections: the app checks who asks (core.media).
_media = re.escape(settings.MEDIA_URL.lstrip("/"))
urlpatterns += [re_path(rf"^{_media}(?P<name>private/.+)$", private_media, name="private_media")]
if settings.DEBUG:
    # What a web server in front may serve from MEDIA_ROOT, and nothing else
    # (docs/deploy.md): never documents (their view checks their collection).
    for folder in PUBLIC_DIRS:
        root = os.path.join(settings.MEDIA_ROOT, folder)
        urlpatterns += static(settings.MEDIA_URL + folder, document_root=root)

urlpatterns += [
    path("_util/authenticate_with_password/<path:rest>", page_password_form_not_offered),
    # Feeds, before the pages (whose paths they sit under): never sent to the portal.
    path("wydarzenia.ics", event_calendar, name="event_calendar"),
    path("aktualnosci/rss/", NewsFeed(), name="news_rss"),
    path("aktualnosci/atom/", NewsAtomFeed(), name="news_atom"),
    # Before the pages: a page at this path would be shadowed by the profiles.
    path(
        settings.ORGANIZATIONS_PATH.lstrip("/") + "<slug:slug>/",
        organization_profile,
        name="organization_profile",
    ),
    path("", include(wagtail_urls)),
]
