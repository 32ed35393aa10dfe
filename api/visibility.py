"""What the public API may show: one definition, used by every resolver, by the
API policy middleware and by rich-text rendering.

Public means: a page that is live, not past its expiry, outside any view
restriction (password, login or groups, on it or an ancestor) and inside the
site the request is for; a snippet with draft state that is live (its row holds
the published version); an image, document or collection outside any restricted
collection (children of a restricted collection included).
"""

from django.db.models import Min, Q
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
    Site,
)

from cms.publishing import not_expired_q


def public_pages(model=Page):
    """Live, unexpired pages outside every view restriction, on any site."""
    return model.objects.live().public().filter(not_expired_q())


def restricted_collection_paths():
    return list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True).distinct()
    )


def restricted_collection_ids():
    paths = restricted_collection_paths()
    if not paths:
        return frozenset()
    under_restriction = Q(pk__in=[])
    for path in paths:  # a restricted collection and everything below it
        under_restriction |= Q(path__startswith=path)
    return frozenset(Collection.objects.filter(under_restriction).values_list("id", flat=True))


def public_collection_members(model):
    """Images or documents outside every restricted collection. Filters on a list
    of collection ids, which the search backend can apply too."""
    public_ids = Collection.objects.exclude(id__in=restricted_collection_ids()).values_list(
        "id", flat=True
    )
    return model.objects.filter(collection_id__in=list(public_ids))


def seconds_until_next_expiry():
    """Until the first live page or snippet expires by the clock (no signal marks
    that moment unless `publish_scheduled` runs): cached answers must not outlive it."""
    from organizations.models import CouncilTerm, Organization

    now = timezone.now()
    upcoming = [
        model.objects.filter(live=True, expire_at__gt=now).aggregate(Min("expire_at"))[
            "expire_at__min"
        ]
        for model in (Page, Organization, CouncilTerm)
    ]
    upcoming = [moment for moment in upcoming if moment is not None]
    return (min(upcoming) - now).total_seconds() if upcoming else None


class Visibility:
    """Answers "may the public see this object?" for one request, with the few
    look-ups it needs made once per request rather than once per object."""

    def __init__(self, request):
        self.request = request
        self.now = timezone.now()

    @classmethod
    def of(cls, request):
        visibility = getattr(request, "_pomost_visibility", None)
        if visibility is None:
            visibility = request._pomost_visibility = cls(request)
        return visibility

    @cached_property
    def site(self):
        return Site.find_for_request(self.request)

    @cached_property
    def site_root_path(self):
        site = self.site
        return site.root_page.path if site else None

    @cached_property
    def restricted_page_paths(self):
        return list(PageViewRestriction.objects.values_list("page__path", flat=True))

    @cached_property
    def restricted_collection_ids(self):
        return restricted_collection_ids()

    def pages(self, model=Page):
        """The public pages of the request's site, as a queryset of `model`."""
        if self.site is None:
            return model.objects.none()
        return public_pages(model).descendant_of(self.site.root_page, inclusive=True)

    def page_is_visible(self, page):
        return (
            page.live
            and (page.expire_at is None or page.expire_at > self.now)
            and self.site_root_path is not None
            and page.path.startswith(self.site_root_path)
            and not any(page.path.startswith(path) for path in self.restricted_page_paths)
        )

    def is_visible(self, obj):
        if isinstance(obj, Page):
            return self.page_is_visible(obj)
        if isinstance(obj, (AbstractImage, AbstractDocument)):
            return obj.collection_id not in self.restricted_collection_ids
        if isinstance(obj, Collection):
            return obj.id not in self.restricted_collection_ids
        if isinstance(obj, DraftStateMixin):
            return obj.live and (obj.expire_at is None or obj.expire_at > self.now)
        return True
