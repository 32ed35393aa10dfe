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


def _bump_for_content(sender, **kwargs):
    if issubclass(sender, (Page, *CONTENT_MODELS)):
        bump_content_version()


def connect():
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(bump_content_version, dispatch_uid=f"api-cache-{signal}")
    for signal in (post_save, post_delete):
        signal.connect(_bump_for_content, dispatch_uid=f"api-cache-content-{signal}")
