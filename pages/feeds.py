"""Feeds for calendars and readers, public content only (core.visibility):

- `/wydarzenia.ics`: the events as iCalendar (the `icalendar` package), for
  one organization with `?organizacja=<slug>`; times in Europe/Warsaw with its
  time-zone block, stable UIDs, cancelled events marked CANCELLED;
- `/aktualnosci/rss/` and `/aktualnosci/atom/`: the newest news (Django's
  syndication framework), links to where the public reads them (the portal).

Both are bounded (FEED_EVENTS_MAX events from FEED_EVENTS_PAST_DAYS ago on,
FEED_NEWS_ITEMS news items) and cached by HTTP no longer than the next
scheduled change of public content.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.validators import slug_re
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotFound
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from icalendar import Calendar, Event
from wagtail.models import Site

from core.portal import page_path, public_url
from core.visibility import audience, next_public_change_at

from .models import EventPage, NewsPage

FEED_EVENTS_MAX = 500
FEED_EVENTS_PAST_DAYS = 90
FEED_NEWS_ITEMS = 20
ORGANIZATION_PARAMETER = "organizacja"


def cache_until_next_change(response, request):
    """Public for at most API_HTTP_CACHE_SECONDS, never past the next expiry or
    go-live on this site."""
    now = timezone.now()
    site = Site.find_for_request(request)
    seconds = settings.API_HTTP_CACHE_SECONDS
    change = next_public_change_at(now, site.root_page.path if site else None)
    if change is not None:
        seconds = max(0, min(seconds, int((change - now).total_seconds())))
    if seconds:
        patch_cache_control(response, public=True, max_age=seconds)
    else:
        patch_cache_control(response, no_cache=True)
    return response


def uid_domain():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "pomost"


def event_calendar(request):
    """The public events as an iCalendar file."""
    events = (
        audience()
        .pages(EventPage)
        .filter(
            Q(start__gte=timezone.now() - datetime.timedelta(days=FEED_EVENTS_PAST_DAYS))
            | Q(end__gte=timezone.now() - datetime.timedelta(days=FEED_EVENTS_PAST_DAYS))
        )
    )
    name = "POMOST – wydarzenia"
    slug = request.GET.get(ORGANIZATION_PARAMETER)
    if slug is not None:
        from organizations.models import Organization

        organization = (
            audience().filter(Organization.objects.filter(slug=slug[:255])).first()
            if slug_re.fullmatch(slug)
            else None
        )
        if organization is None:
            return HttpResponseNotFound(
                "Nie ma takiej organizacji (parametr „organizacja” to jej adres, np. "
                "fundacja-arche).",
                content_type="text/plain; charset=utf-8",
            )
        events = events.filter(organizers=organization)
        name = f"{organization.name} – wydarzenia"
    events = events.order_by("-start")[:FEED_EVENTS_MAX]

    calendar = Calendar()
    calendar.add("prodid", "-//POMOST CMS//wydarzenia//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    domain, stamp = uid_domain(), timezone.now()
    for page in sorted(events, key=lambda each: each.start):
        calendar.add_component(calendar_event(page, domain, stamp, request))
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="wydarzenia.ics"'
    return cache_until_next_change(response, request)


def calendar_event(page, domain, stamp, request):
    event = Event()
    event.add("uid", f"event-{page.pk}@{domain}")
    event.add("dtstamp", stamp)
    event.add("summary", page.title)
    event.add("dtstart", timezone.localtime(page.start))
    if page.end:
        event.add("dtend", timezone.localtime(page.end))
    if page.place:
        event.add("location", page.place)
    if page.intro:
        event.add("description", page.intro)
    path = page_path(page, request)
    if path:
        event.add("url", public_url(path, request))
    modified = page.last_published_at or page.latest_revision_created_at
    if modified:
        event.add("last-modified", modified.astimezone(datetime.UTC))
    event.add("status", "CANCELLED" if page.cancelled else "CONFIRMED")
    return event


class NewsFeed(Feed):
    """The newest public news (RSS 2.0; `NewsAtomFeed` beside it)."""

    title = "POMOST – aktualności"
    description = "Aktualności Platformy Organizacji MOST w Legnicy."
    language = "pl"

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return cache_until_next_change(super().__call__(request, *args, **kwargs), request)

    def link(self):
        return public_url("/", self.request)

    def items(self):
        return (
            audience()
            .pages(NewsPage)
            .order_by("-date", "-first_published_at", "-pk")[:FEED_NEWS_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers take a description as HTML; the intro is plain text.
        return escape(item.intro or item.search_description or "")

    def item_link(self, item):
        return public_url(page_path(item, self.request) or "/", self.request)

    def item_guid(self, item):
        return f"news-{item.pk}@{uid_domain()}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        published = item.first_published_at or timezone.now()
        return timezone.localtime(published)

    def item_updateddate(self, item):
        return timezone.localtime(item.last_published_at or item.first_published_at)


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description
