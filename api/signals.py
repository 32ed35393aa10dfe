"""Whatever changes content the API shows invalidates its response cache."""

from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from organizations.models import CouncilMember, CouncilTerm, Organization

from .cache import bump_content_version

CONTENT_MODELS = (
    Organization,
    CouncilTerm,
    CouncilMember,
    get_image_model(),
    get_document_model(),
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    Site,
    Tag,
    Redirect,
)


# Saving a draft, locking or scheduling writes only these columns of a page or
# snippet; what the public sees is unchanged, so cached answers may stay.
EDITORIAL_FIELDS = {
    "draft_title",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
    "go_live_at",
}


def _bump_for_content(sender, instance=None, update_fields=None, **kwargs):
    if not issubclass(sender, (Page, *CONTENT_MODELS)):
        return
    if update_fields and set(update_fields) <= EDITORIAL_FIELDS:
        return
    never_public_draft = (
        kwargs.get("signal") is post_save
        and isinstance(instance, (Page, Organization, CouncilTerm))
        and not instance.live
    )
    if not never_public_draft:  # publishing sends its own signal
        bump_content_version()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(bump_content_version, dispatch_uid=f"api-cache-{signal}")
    for signal in (post_save, post_delete):
        signal.connect(_bump_for_content, dispatch_uid=f"api-cache-content-{signal}")
