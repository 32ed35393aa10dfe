"""One event for one fact: "public content changed".

Wagtail and Django tell of changes in many ways (page and snippet publishing,
moves, saves, deletions, restrictions). They are translated here, once, into
``public_content_changed``, sent after the change is committed, at most once per
object and kind in a transaction. The API's response cache subscribes to it;
webhooks and feeds will too.

What counts as content is decided from base classes, so that a new app's models
take part without any change here: pages, models with draft state, images,
documents and collections, view restrictions, sites, redirects and tags, models
that declare ``graphql_fields``, and the inline children (``ParentalKey``) of any
of them, whose change is reported as a change of their parent.

A model with draft state takes part only once it is or was live: saving a draft
that was never published tells nobody anything.
"""

import enum
import threading
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import Signal
from modelcluster.fields import ParentalKey
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
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
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

public_content_changed = Signal()
"""Sent after commit with ``change``, a :class:`ContentChange`: the event to act
on (caches shared between processes, webhooks, feeds)."""

public_schedule_changed = Signal()
"""Sent after commit, and at once, when a go-live is scheduled or cancelled: not
a change anyone sees yet (never tell anyone outside), but the moment of the next
change by the clock moved, and with it how long answers may be kept."""

public_content_changing = Signal()
"""Sent at once, inside the transaction, with the same ``change``: for what must
follow the view of the connection making the change, which sees it before anyone
else (this process's cached answers). It may still be rolled back: never tell
anyone outside about it."""


class Kind(enum.StrEnum):
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"
    EXPIRED = "expired"
    MOVED = "moved"
    DELETED = "deleted"
    RESTRICTION_CHANGED = "restriction_changed"
    CHANGED = "changed"
    """Something public edited in place: media, sites, redirects, tags, a live
    object saved without going through publishing, an inline child of it."""


@dataclass
class ContentChange:
    model: str
    """The model's label, e.g. ``pages.NewsPage`` (the specific type of a page)."""
    id: int
    kind: Kind
    url_path: str | None = None
    """For pages: Wagtail's stored path (``/home/historia/``); for a move, the new one."""
    old_url_path: str | None = None
    """For a moved page: where it was."""
    descendants: bool = False
    """For pages: whether pages below it are affected too (they may appear,
    disappear or change URL with it)."""
    public_before: bool | None = None
    """For a page unpublished, expired or deleted: whether the public could see
    it just before (None where not known)."""


STRUCTURAL_MODELS = (
    Page,
    DraftStateMixin,
    AbstractImage,
    AbstractDocument,
    Collection,
    Site,
    Redirect,
    Tag,
)

# Columns that saving a draft, locking or scheduling writes, and that Wagtail
# fills in for an image or document on first use: the public sees no change.
UNSEEN_FIELDS = frozenset(
    {
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
        "go_live_at",
        "file_size",
        "file_hash",
    }
)


def is_content_model(model):
    return issubclass(model, STRUCTURAL_MODELS) or hasattr(model, "graphql_fields")


_GOING = {Kind.UNPUBLISHED, Kind.EXPIRED, Kind.DELETED}


def hidden_by_its_place(page, own_restriction=True):
    """Whether `page`'s place in the tree hides it from the public, read from
    the database now: an ancestor not live, or a view restriction on an
    ancestor (or, with `own_restriction`, on the page itself)."""
    step = Page.steplen
    ancestors = [page.path[:end] for end in range(2 * step, len(page.path), step)]
    if Page.objects.filter(path__in=ancestors, live=False).exists():
        return True
    restricted = [*ancestors, page.path] if own_restriction else ancestors
    return PageViewRestriction.objects.filter(page__path__in=restricted).exists()


def _describe(instance, kind):
    if isinstance(instance, Page):
        return ContentChange(
            model=instance.specific_class._meta.label if instance.specific_class else "",
            id=instance.pk,
            kind=kind,
            url_path=instance.url_path,
            descendants=instance.numchild > 0,
            # Read before this change: only what makes a page go has one (an
            # instance saved as a draft and then published keeps a stale one).
            public_before=getattr(instance, "_core_was_public", None) if kind in _GOING else None,
        )
    return ContentChange(model=type(instance)._meta.label, id=instance.pk, kind=kind)


# Collecting changes until the transaction commits


class _Pending(threading.local):
    def __init__(self):
        self.by_object = {}


_pending = _Pending()


def _object_key(change):
    return (change.model, change.id)


def announce(change):
    """Send `change` now as "changing", and once the current transaction commits
    (at once outside one) as "changed". Within one action (a publish, a move…)
    the same object's change of the same kind is sent once, a plain `changed`
    gives way to a more specific kind, and anything to `deleted`."""
    public_content_changing.send(sender=ContentChange, change=change)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _pending.by_object.clear()
        public_content_changed.send(sender=ContentChange, change=change)
        return
    waiting = _pending.by_object.setdefault(_object_key(change), [])
    # Entries whose callback a rolled-back savepoint discarded are gone. Merged
    # with are those registered at this level or inside it (the save within a
    # publish's own atomic block, say), not those of a block already left.
    savepoints = {id(callback): sids for sids, callback, *_ in connection.run_on_commit}
    waiting[:] = [entry for entry in waiting if id(entry[1]) in savepoints]
    here = set(connection.savepoint_ids)
    for existing, callback in waiting:
        if not savepoints[id(callback)] >= here:
            continue
        if existing.kind == change.kind or change.kind is Kind.CHANGED:
            return
        if existing.kind is Kind.CHANGED or change.kind is Kind.DELETED:
            vars(existing).update(vars(change))  # the more telling fact wins
            return

    def send():
        entries = _pending.by_object.get(_object_key(change), [])
        entries[:] = [entry for entry in entries if entry[0] is not change]
        public_content_changed.send(sender=ContentChange, change=change)

    waiting.append((change, send))
    transaction.on_commit(send)


# Translating Wagtail's and Django's signals


def _on_published(sender, instance, signal=None, **kwargs):
    if signal is published and isinstance(instance, Page):
        return  # Wagtail says it of pages twice; page_published is heard
    # Wagtail also says "published" when it only schedules a never-live object
    # for later: nothing is public until the go-live publishes it (again).
    if getattr(instance, "live", True):
        announce(_describe(instance, Kind.PUBLISHED))


def _on_unpublished(sender, instance, signal=None, **kwargs):
    if signal is unpublished and isinstance(instance, Page):
        return  # as for publishing
    kind = Kind.EXPIRED if getattr(instance, "expired", False) else Kind.UNPUBLISHED
    announce(_describe(instance, kind))


def _on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if instance.live:
        change = _describe(instance, Kind.MOVED)
        change.url_path, change.old_url_path = url_path_after, url_path_before
        change.descendants = True
        announce(change)


def _remember_if_it_was_live(sender, instance, raw=False, update_fields=None, **kwargs):
    """Unpublishing, or a direct save with `live=False`, hides what was public:
    only the database can tell whether it was."""
    if (
        isinstance(instance, DraftStateMixin)
        and not raw
        and not instance._state.adding
        and not instance.live
        and not (update_fields and set(update_fields) <= UNSEEN_FIELDS)
    ):
        manager = type(instance)._base_manager
        instance._core_was_live = manager.filter(pk=instance.pk, live=True).exists()
        if isinstance(instance, Page):
            instance._core_was_public = instance._core_was_live and not hidden_by_its_place(
                instance
            )


def _remember_if_it_was_public(sender, instance, **kwargs):
    """pre_delete of a page: after the deletion nothing can tell."""
    if isinstance(instance, Page):
        instance._core_was_public = instance.live and not hidden_by_its_place(instance)


def _related(instance, field_name):
    """A related object, or None when it is gone (deleted in the same cascade,
    which announces itself)."""
    try:
        return getattr(instance, field_name)
    except ObjectDoesNotExist:
        return None


def _parental_key(model):
    """The field tying an inline child to the content object it belongs to."""
    for field in model._meta.concrete_fields:
        if isinstance(field, ParentalKey) and is_content_model(field.related_model):
            return field
    return None


def _announce_saved_or_deleted(instance, kind):
    if isinstance(instance, PageViewRestriction):
        page = _related(instance, "page")
        if page is not None and page.live:  # a page nobody could see stays unmentioned
            change = _describe(page, Kind.RESTRICTION_CHANGED)
            change.descendants = True
            announce(change)
    elif isinstance(instance, CollectionViewRestriction):
        collection = _related(instance, "collection")
        if collection is not None:
            announce(_describe(collection, Kind.RESTRICTION_CHANGED))
    elif (parental_key := _parental_key(type(instance))) is not None:
        parent = _related(instance, parental_key.name)
        if parent is not None:  # else deleted with its parent, which says so
            _announce_saved_or_deleted(parent, Kind.CHANGED)
    elif is_content_model(type(instance)):
        was_or_is_live = (
            not isinstance(instance, DraftStateMixin)
            or instance.live
            or getattr(instance, "_core_was_live", False)
        )
        if was_or_is_live:
            announce(_describe(instance, kind))


def announce_changed(instance):
    """For code that changes a content object past its save (a bulk update):
    the change its save would have announced."""
    _announce_saved_or_deleted(instance, Kind.CHANGED)


def _on_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= UNSEEN_FIELDS):
        return
    _announce_saved_or_deleted(instance, Kind.CHANGED)


def _on_deleted(sender, instance, **kwargs):
    _announce_saved_or_deleted(instance, Kind.DELETED)


def _on_revision_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    scheduling = instance.approved_go_live_at is not None or (
        update_fields and "approved_go_live_at" in update_fields
    )
    if not raw and scheduling:
        public_schedule_changed.send(sender=Revision)
        transaction.on_commit(lambda: public_schedule_changed.send(sender=Revision))


def connect():
    for signal in (page_published, published):
        signal.connect(_on_published, dispatch_uid=f"core-events-{id(signal)}")
    for signal in (page_unpublished, unpublished):
        signal.connect(_on_unpublished, dispatch_uid=f"core-events-{id(signal)}")
    post_page_move.connect(_on_moved, dispatch_uid="core-events-move")
    pre_save.connect(_remember_if_it_was_live, dispatch_uid="core-events-pre-save")
    post_save.connect(_on_saved, dispatch_uid="core-events-save")
    pre_delete.connect(_remember_if_it_was_public, dispatch_uid="core-events-pre-delete")
    post_delete.connect(_on_deleted, dispatch_uid="core-events-delete")
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid="core-events-schedule")
