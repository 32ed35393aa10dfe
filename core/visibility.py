"""What the public may see: the one definition, used by the API's querysets,
relations and safety net, by rich text, by cache lifetimes and by the HTML pages.

Public means:

- a page that is live and not past its expiry, whose every ancestor from the
  site root down is live and unexpired too, with no view restriction on it or
  above it, inside the site the request is for;
- an object of any other model with draft state (``DraftStateMixin``) that is
  live and not past its expiry (its row holds the published version: unpublished
  edits wait in its revisions);
- an image, document or collection outside every restricted collection
  (children of a restricted collection included).

Wagtail unpublishes expired objects only when ``publish_scheduled`` runs, and
routes a live page under an unpublished parent: readers wait for neither.

The rules are applied by an :class:`Audience`: the public as one request sees
it (its site, its moment). ``core.middleware`` makes one per request, current
for everything that request renders; outside a request the default site is used.
"""

import threading
from contextlib import contextmanager
from contextvars import ContextVar
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Min, Q
from django.db.models.functions import Cast
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
    Revision,
    Site,
)

_current = ContextVar("pomost_audience", default=None)


def not_expired_q(now=None):
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def published_q(now=None):
    """Live and not past its expiry: the rule for one object with draft state."""
    return Q(live=True) & not_expired_q(now)


def _outermost(paths):
    """Tree paths with those inside another one dropped (their subtree is covered)."""
    kept = []
    for path in sorted(set(paths)):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


class _Facts:
    """Content-wide facts the rules need (a site by host, hidden subtrees,
    restricted collections, the next change by the clock), computed once per
    content version rather than once per request, and never used past the next
    change by the clock. Whoever versions content sets `version_source` (the
    API's response cache does); without one, nothing is kept.

    Facts are kept under the version read *before* they were computed: a fact
    read from the database while a change committed lands under the old
    version, never under the new one."""

    version_source = None
    KEPT_VERSIONS = 2
    # Facts keyed by what a request asks (the totals of filtered lists) are
    # many: past this, a version's facts are computed and not kept.
    KEPT_PER_VERSION = 2_000

    def __init__(self):
        self.lock = threading.Lock()
        self.by_version = {}

    def _values(self, version):
        with self.lock:
            values = self.by_version.get(version)
            if values is None:
                values = self.by_version[version] = {}
                while len(self.by_version) > self.KEPT_VERSIONS:
                    del self.by_version[next(iter(self.by_version))]
            return values

    def get(self, key, compute, now):
        """`compute()` returns (value, moment it stops being true or None)."""
        source = self.version_source
        if source is None:
            return compute()[0]
        values = self._values(source())
        known = values.get(key)
        if known is not None:
            value, since, until = known
            # Only for a moment it was computed for: a request that began
            # earlier may have read what has changed since.
            if since <= now and (until is None or now < until):
                return value
        value, until = compute()
        if len(values) < self.KEPT_PER_VERSION:
            values[key] = (value, now, until)
        return value


facts = _Facts()


class Audience:
    """The public as one request sees it. The look-ups it needs are made once,
    when first needed, and then serve every object the request shows."""

    def __init__(self, request=None, now=None):
        self.request = request
        self.now = now or timezone.now()

    @cached_property
    def site(self):
        if self.request is None:
            key, find = ("default",), lambda: Site.objects.filter(is_default_site=True).first()
        else:
            hostname = split_domain_port(self.request.get_host())[0].lower()
            key, find = ("site", hostname, self.request.get_port()), self._find_site
        site = facts.get(key, lambda: (self._with_root(find()), None), self.now)
        if self.request is not None:
            self.request._wagtail_site = site  # Wagtail's own per-request cache
        return site

    def _find_site(self):
        self.request.__dict__.pop("_wagtail_site", None)
        return Site.find_for_request(self.request)

    @staticmethod
    def _with_root(site):
        return Site.objects.select_related("root_page").get(pk=site.pk) if site else None

    @cached_property
    def site_root_path(self):
        return self.site.root_page.path if self.site else None

    @cached_property
    def hidden_page_paths(self):
        """Roots of the subtrees the public may not see: restricted pages, and
        pages with children that are not live or have expired."""

        def compute():
            restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
            unpublished_parents = (
                Page.objects.filter(numchild__gt=0, path__startswith=self.site_root_path or "")
                .exclude(published_q(self.now))
                .values_list("path", flat=True)
            )
            paths = _outermost([*restricted, *unpublished_parents])
            return paths, next_public_change_at(self.now, self.site_root_path)

        return facts.get(("hidden", self.site_root_path), compute, self.now)

    @cached_property
    def restricted_collection_ids(self):
        return facts.get(("collections",), lambda: (restricted_collections(), None), self.now)

    # Querysets

    def pages(self, model=Page):
        """The public pages of the request's site, as a queryset of `model`."""
        return self.filter(model.objects.all())

    def filter(self, queryset):
        """`queryset` narrowed to what the public may see, in SQL (so before any
        limit, offset or count)."""
        model = queryset.model
        if issubclass(model, Page):
            if self.site_root_path is None:
                return queryset.none()
            queryset = queryset.filter(published_q(self.now), path__startswith=self.site_root_path)
            if self.hidden_page_paths:
                hidden = reduce(or_, (Q(path__startswith=p) for p in self.hidden_page_paths))
                queryset = queryset.exclude(hidden)
            return queryset
        if issubclass(model, DraftStateMixin):
            return queryset.filter(published_q(self.now))
        if issubclass(model, (AbstractImage, AbstractDocument)):
            # A list of public ids rather than an exclusion: the search backend
            # can apply this filter too.
            public_ids = Collection.objects.exclude(id__in=self.restricted_collection_ids)
            return queryset.filter(collection_id__in=list(public_ids.values_list("id", flat=True)))
        if issubclass(model, Collection):
            return queryset.exclude(id__in=self.restricted_collection_ids)
        return queryset

    # Single objects

    def allows(self, obj):
        """May the public see `obj`? The same rule as `filter`, for one object."""
        if isinstance(obj, Page):
            return (
                self._published(obj)
                and self.site_root_path is not None
                and obj.path.startswith(self.site_root_path)
                and not any(obj.path.startswith(path) for path in self.hidden_page_paths)
            )
        if isinstance(obj, DraftStateMixin):
            return self._published(obj)
        if isinstance(obj, (AbstractImage, AbstractDocument)):
            return obj.collection_id not in self.restricted_collection_ids
        if isinstance(obj, Collection):
            return obj.id not in self.restricted_collection_ids
        return True

    def _published(self, obj):
        return obj.live and (obj.expire_at is None or obj.expire_at > self.now)


def restricted_collections():
    """The ids of the collections under a privacy setting (theirs or an
    ancestor's), read from the database now."""
    paths = _outermost(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return frozenset()
    inside = reduce(or_, (Q(path__startswith=path) for path in paths))
    return frozenset(Collection.objects.filter(inside).values_list("id", flat=True))


def audience():
    """The current request's audience; outside a request, the default site's now."""
    current = _current.get()
    return current if current is not None else Audience()


@contextmanager
def audience_of(request):
    """Make `request`'s audience current for everything rendered inside."""
    token = _current.set(Audience(request))
    try:
        yield
    finally:
        _current.reset(token)


def public(queryset):
    """What of `queryset` the public may see (see the module docstring)."""
    return audience().filter(queryset)


def is_public(obj):
    return obj is not None and audience().allows(obj)


class PublishedQuerySet(models.QuerySet):
    """For models with draft state: ``published()`` is what the public may see."""

    def published(self):
        return public(self)


# Moments when public content changes by the clock alone


def draft_state_models():
    """Every concrete model with draft state; pages once, as `Page`."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and (model is Page or not issubclass(model, Page))
    ]


def next_public_change_at(now=None, site_root_path=None):
    """The first moment after `now` at which public content changes without
    anyone saving anything: a live object reaching its expiry, a scheduled
    revision its go-live, or whatever a model's own clock says (a model may
    define ``next_public_change_after(now)``, e.g. the council term in force
    changing at midnight). No answer read at `now` may be kept past it.

    With `site_root_path`, pages count only in that site: an answer for one
    site is not cut short (nor does its lifetime tell) by another site's
    schedule. Snippets and media are shared by every site and always count."""
    now = now or timezone.now()

    def compute():
        moment = _next_public_change_at(now, site_root_path)
        return moment, moment

    return facts.get(("next change", site_root_path), compute, now)


def count(queryset):
    """How many rows `queryset` has, as a fact of the content version (see
    `query_fact`); search results are counted by their backend."""
    from django.db.models import QuerySet

    if not isinstance(queryset, QuerySet):
        return queryset.count()
    return query_fact(queryset, lambda rows: rows.count())


def query_fact(queryset, evaluate):
    """`evaluate(queryset)` (a count, the totals of a grouping) for a queryset
    built with the current audience's rules, as a fact of the content version:
    a total over tens of thousands of pages is a scan, which the same filtered
    list pays once per version and per change by the clock rather than on
    every request. Keyed by the query without the moment it was built for
    (every request has its own)."""
    from django.core.exceptions import EmptyResultSet

    current = audience()
    now = current.now
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # matches nothing: no query to remember
        return evaluate(queryset)
    key = ("query", queryset.db, sql, repr(["<now>" if p == now else p for p in params]))

    def compute():
        return evaluate(queryset), next_public_change_at(now, current.site_root_path)

    return facts.get(key, compute, now)


def _next_public_change_at(now, site_root_path):
    in_site = Q() if site_root_path is None else Q(path__startswith=site_root_path)
    moments = []
    for model in draft_state_models():
        live = model._default_manager.filter(live=True, expire_at__gt=now)
        if issubclass(model, Page):
            live = live.filter(in_site)
        moments.append(live.aggregate(moment=Min("expire_at"))["moment"])
    go_lives = Revision.objects.filter(approved_go_live_at__gt=now)
    if site_root_path is not None:
        other_sites_pages = Page.objects.exclude(in_site).annotate(
            key=Cast("pk", models.CharField())
        )
        go_lives = go_lives.exclude(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=other_sites_pages.values("key"),
        )
    moments.append(go_lives.aggregate(moment=Min("approved_go_live_at"))["moment"])
    moments += [
        model.next_public_change_after(now)
        for model in apps.get_models()
        if hasattr(model, "next_public_change_after")
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None
