"""The `page` and `pages` root fields, replacing grapple's.

Both only ever return public pages of the request's site (core.visibility),
filtered before any search, order or limit; `urlPath` is matched exactly; a
single `contentType` is queried through its own model (so it can be ordered by
its own fields, e.g. news by `-date`), and what the page types' fields need is
prefetched for the whole list.
"""

import datetime
import inspect

import graphene
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone
from grapple.helpers import register_graphql_schema
from grapple.registry import registry
from grapple.types.interfaces import get_page_interface
from wagtail.models import Page

from api.arguments import PageOrder, PageTypes, register_check
from api.listing import public_list, searchable
from api.ordering import allowed_orderings
from api.pagination import Paged, list_arguments, paged_type
from api.prefetch import prefetch_for_api
from api.reverse import ReverseList, reverse_list
from api.selection import Selection
from core.visibility import audience
from organizations.models import Organization

from .models import EventPage, NewsPage, NewsPageTag


def model_of(models=None):
    """The model a list of page types is queried through: their own, if one."""
    return models[0] if models and len(models) == 1 else Page


def pages_of_type(models=None):
    """Pages of the given types, as a queryset of `model_of` them, and that model."""
    model = model_of(models)
    if not models:
        return model.objects.all(), model
    content_types = ContentType.objects.get_for_models(*models).values()
    return model.objects.filter(content_type__in=content_types), model


def site_url_paths(url_path):
    """The stored url_path(s) a portal's path may mean: relative to the site root
    ("/historia/"), or already the full stored path ("/home/historia/")."""
    site = audience().site
    if site is None:
        return []
    path = "/" + "/".join(part for part in url_path.split("/") if part)
    path = path if path == "/" else path + "/"
    return [site.root_page.url_path + path.lstrip("/"), path]


PageList = paged_type(get_page_interface, "PageList", "A page of pages and how many match in all.")


@register_graphql_schema
class PagesQuery:
    pages = graphene.List(
        graphene.NonNull(get_page_interface),
        required=True,
        content_type=graphene.Argument(PageTypes, description=inspect.cleandoc(PageTypes.__doc__)),
        ancestor=graphene.Argument(graphene.ID, description="Only pages below this page."),
        parent=graphene.Argument(graphene.ID, description="Only pages directly below this page."),
        in_menu=graphene.Boolean(description="Only pages shown (true) or not shown in menus."),
        description="Published, public pages of this site.",
        **list_arguments(search=True, ordering=PageOrder),
    )
    page = graphene.Field(
        get_page_interface(),
        id=graphene.ID(),
        slug=graphene.String(),
        url_path=graphene.Argument(
            graphene.String, description="Path within this site, e.g. /historia/."
        ),
        content_type=graphene.Argument(PageTypes, description=inspect.cleandoc(PageTypes.__doc__)),
        description="One published, public page of this site.",
    )

    sitemap = graphene.Field(
        graphene.NonNull(PageList),
        description="Every published, public page of this site in tree order (a parent "
        "before its children), with the total: for sitemaps and static builds.",
        **list_arguments(),
    )

    def resolve_sitemap(root, info, limit=None, offset=None):
        pages = audience().pages().specific()
        return paged_pages(pages, info, None, None, ["path"], limit, offset)

    def resolve_pages(root, info, content_type=None, parent=None, ancestor=None, **kwargs):
        pages, _ = pages_of_type(content_type)
        if parent or ancestor:
            anchor = audience().pages().filter(id=parent or ancestor).first()
            if anchor is None:
                return []
            pages = pages.child_of(anchor) if parent else pages.descendant_of(anchor)
        return public_list(pages, info, **kwargs)

    def resolve_page(root, info, id=None, slug=None, url_path=None, content_type=None):
        if not (id or slug or url_path):
            return None
        pages, model = pages_of_type(content_type)
        pages = audience().filter(pages)
        if model is Page:
            pages = pages.specific()
        if id:
            pages = pages.filter(id=id)
        if slug:
            pages = pages.filter(slug=slug)
        if url_path is not None:
            for stored_path in site_url_paths(url_path):
                page = pages.filter(url_path=stored_path).first()
                if page is not None:
                    return prefetch_for_api([page], Selection.of(info))[0]
            return None
        page = pages.order_by("path").first()
        return prefetch_for_api([page], Selection.of(info))[0] if page else None


@register_check("Query", "pages")
def ordering_fits_the_content_type(arguments):
    """A type's own fields (news by date) order a list of that type only."""
    allowed = allowed_orderings(model_of(arguments.get("content_type")))
    for term in (arguments.get("order") or "").split(","):
        if term and term.removeprefix("-") not in allowed:
            return (
                f"`order` cannot be {term!r} for these pages. Allowed (prefix - to reverse): "
                f"{', '.join(allowed)}; a page type's own fields need a single contentType."
            )
    return None


# The portal's lists: concrete types, typed filters, totals.


def news_type():
    return registry.pages[NewsPage]


def event_type():
    return registry.pages[EventPage]


NewsList = paged_type(news_type, "NewsList", "A page of news and how many match in all.")
EventList = paged_type(event_type, "EventList", "A page of events and how many match in all.")


class NewsOrder(graphene.Enum):
    """How news are ordered (when not searching: a search orders by relevance)."""

    NEWEST_FIRST = "-date"
    OLDEST_FIRST = "date"
    TITLE = "title"


def published_organization(slug):
    """The public organization a filter names: news of a hidden one are none."""
    return Organization.objects.published().filter(slug=slug)


def on_date(day, end=False):
    """The first (or last) moment of a day in the site's time zone."""
    moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    return timezone.make_aware(moment)


def events_between(events, from_=None, to=None):
    """Events going on between two days (either may be open)."""
    if from_ is not None:
        # Still going on: ends (or, without an end, starts) on or after that day.
        since = on_date(from_)
        events = events.filter(Q(end__gte=since) | Q(end__isnull=True, start__gte=since))
    if to is not None:
        events = events.filter(start__lte=on_date(to, end=True))
    return events


def paged_pages(pages, info, search_query, search_operator, ordering, limit, offset):
    selection = Selection.of(info)["items"]

    def load(items):
        return prefetch_for_api(items, selection)

    if search_query:
        operator = getattr(search_operator, "value", search_operator)
        results = searchable(pages).search(search_query, operator=operator)
    else:
        results = pages.order_by(*ordering)
    return Paged(results, limit, offset, load=load)


@register_graphql_schema
class NewsAndEventsQuery:
    news = graphene.Field(
        graphene.NonNull(NewsList),
        tag=graphene.String(description="Only news with this tag (its name, any case)."),
        organization=graphene.String(description="Only news about this organization (its slug)."),
        date_from=graphene.Date(description="Only news dated on or after this day."),
        date_to=graphene.Date(description="Only news dated on or before this day."),
        order=graphene.Argument(
            graphene.NonNull(NewsOrder),
            default_value=NewsOrder.NEWEST_FIRST.value,
            description="The order.",
        ),
        description="Published news of this site, newest first unless asked otherwise.",
        **list_arguments(search=True),
    )
    events = graphene.Field(
        graphene.NonNull(EventList),
        from_=graphene.Date(
            name="from",
            description="Only events still going on or starting on or after this day "
            "(pass today for upcoming events).",
        ),
        to=graphene.Date(description="Only events starting on or before this day."),
        organizer=graphene.String(
            description="Only events this organization organizes (its slug)."
        ),
        description="Published events of this site in the order they start (days in Polish time).",
        **list_arguments(search=True),
    )
    news_item = graphene.Field(
        news_type,
        url_path=graphene.String(required=True, description="Path within this site."),
        description="One published news item by its path, e.g. /aktualnosci/festyn/.",
    )
    event = graphene.Field(
        event_type,
        url_path=graphene.String(required=True, description="Path within this site."),
        description="One published event by its path, e.g. /wydarzenia/bal/.",
    )

    def resolve_news(
        root,
        info,
        tag=None,
        organization=None,
        date_from=None,
        date_to=None,
        order=NewsOrder.NEWEST_FIRST.value,
        search_query=None,
        search_operator="and",
        limit=None,
        offset=None,
    ):
        news = audience().pages(NewsPage)
        if tag is not None:
            tagged = NewsPageTag.objects.filter(tag__name__iexact=tag)
            news = news.filter(pk__in=tagged.values("content_object_id"))
        if organization is not None:
            news = news.filter(related_organizations__in=published_organization(organization))
        if date_from is not None:
            news = news.filter(date__gte=date_from)
        if date_to is not None:
            news = news.filter(date__lte=date_to)
        ordering = [getattr(order, "value", order), "-pk"]
        return paged_pages(news, info, search_query, search_operator, ordering, limit, offset)

    def resolve_events(
        root,
        info,
        from_=None,
        to=None,
        organizer=None,
        search_query=None,
        search_operator="and",
        limit=None,
        offset=None,
    ):
        events = events_between(audience().pages(EventPage), from_, to)
        if organizer is not None:
            events = events.filter(organizers__in=published_organization(organizer))
        ordering = ["start", "pk"]
        return paged_pages(events, info, search_query, search_operator, ordering, limit, offset)

    def resolve_news_item(root, info, url_path):
        return one_by_path(audience().pages(NewsPage), url_path, info)

    def resolve_event(root, info, url_path):
        return one_by_path(audience().pages(EventPage), url_path, info)


def one_by_path(pages, url_path, info):
    for stored_path in site_url_paths(url_path):
        page = pages.filter(url_path=stored_path).first()
        if page is not None:
            return prefetch_for_api([page], Selection.of(info))[0]
    return None


@register_check("Query", "news")
def news_dates_in_order(arguments):
    for name in ("tag", "organization"):
        if arguments.get(name) == "":
            return f"`{name}` cannot be empty: leave it out to list every news item."
    start, end = arguments.get("date_from"), arguments.get("date_to")
    if start and end and start > end:
        return "`dateFrom` must not be after `dateTo`."
    return None


@register_check("Query", "events")
@register_check("Organization", "events")
def event_dates_in_order(arguments):
    if arguments.get("organizer") == "":
        return "`organizer` cannot be empty: leave it out to list every event."
    start, end = arguments.get("from_"), arguments.get("to")
    if start and end and start > end:
        return "`from` must not be after `to`."
    return None


# What an organization's profile shows of news and events.

reverse_list(
    Organization,
    ReverseList(
        "news",
        NewsList,
        items=lambda: audience().pages(NewsPage),
        owner="related_organizations",
        ordering=[F("date").desc(), F("pk").desc()],
        description="Published news about this organization, newest first.",
    ),
)


def organized_events(from_=None, to=None):
    return events_between(audience().pages(EventPage), from_, to)


reverse_list(
    Organization,
    ReverseList(
        "events",
        EventList,
        items=organized_events,
        owner="organizers",
        ordering=[F("start").asc(), F("pk").asc()],
        description="Published events this organization organizes, in start order.",
        from_=graphene.Date(name="from", description="Only events going on or after this day."),
        to=graphene.Date(description="Only events starting on or before this day."),
    ),
)
