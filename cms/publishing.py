"""What "published" means beyond Wagtail's `live` flag, shared by pages and snippets."""

from django.db.models import Q
from django.utils import timezone


def not_expired_q():
    """Objects whose `expire_at` has not passed: Wagtail unpublishes them only when
    `publish_scheduled` runs, and readers must not wait for it."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
