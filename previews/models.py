"""Preview tokens, and the mixin that makes a model's preview the portal's.

A token is a random secret (``pomost_preview_`` and 43 URL-safe characters)
given once, to the editor's browser on its way to the portal; only its sha256
is stored, beside one snapshot of one object: its content as the editor's form
held it (unsaved), the object it belongs to (none yet for an object never
saved), who made it and when it expires.
"""

import datetime
import hashlib
import re
import secrets

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from .permissions import may_edit

TOKEN_PREFIX = "pomost_preview_"
TOKEN_PATTERN = re.compile(rf"{TOKEN_PREFIX}[A-Za-z0-9_-]{{43}}")


def is_well_formed(token):
    """Whether `token` has the shape of a preview token (it may still open nothing)."""
    return isinstance(token, str) and TOKEN_PATTERN.fullmatch(token) is not None


def token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


class HeadlessPreviewMixin:
    """For previewable models (pages, snippets with revisions) the portal
    renders: with ``PORTAL_PREVIEW_URL`` set, Wagtail's preview (the editor's
    panel, "preview in a new tab", the add views too) sends the editor to the
    portal's preview route with a token for the form's current, unsaved
    content; without it, the model's own template is shown as before. The
    `preview` root field serves every model with this mixin."""

    def serve_preview(self, request, mode_name):
        preview_url = settings.PORTAL_PREVIEW_URL
        if not preview_url:
            return super().serve_preview(request, mode_name)
        token = PreviewToken.objects.issue(self, getattr(request, "user", None))
        response = HttpResponseRedirect(preview_url.replace("{token}", token))
        add_never_cache_headers(response)
        return response


class PreviewTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(expires_at__gt=timezone.now())

    def expired(self):
        return self.filter(expires_at__lte=timezone.now())

    def issue(self, obj, user):
        """A new token for `obj` as it is now (unsaved changes included), made
        by `user`, who must be allowed to edit it (or create it, if it has no pk)."""
        if not may_edit(user, obj):
            raise PermissionDenied
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        minutes = settings.PREVIEW_TOKEN_MINUTES
        preview = self.create(
            token_hash=token_hash(token),
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=None if obj.pk is None else str(obj.pk),
            label=str(obj)[:255],
            content=obj.serializable_data(),
            user=user,
            expires_at=timezone.now() + datetime.timedelta(minutes=minutes),
        )
        from .tasks import queue_cleanup  # here: the tasks module imports this one

        transaction.on_commit(lambda: queue_cleanup(preview.expires_at))
        return token

    def snapshot(self, token):
        """The object `token` opens, as the editor's form held it, or None
        (malformed, unknown, expired or revoked, its object gone, or its maker
        no longer allowed to edit it)."""
        if not is_well_formed(token):
            return None
        preview = self.active().select_related("content_type", "user")
        preview = preview.filter(token_hash=token_hash(token)).first()
        obj = preview.snapshot() if preview else None
        # Its maker must still be allowed to edit it (an organization's editor
        # removed from it, a deactivated account): otherwise the link is dead.
        return obj if obj is not None and may_edit(preview.user, obj) else None

    def revocable_by(self, user):
        """The active tokens `user` may revoke (see `PreviewToken.may_be_revoked_by`)."""
        active = self.active().select_related("content_type")
        return active.filter(pk__in=[each.pk for each in active if each.may_be_revoked_by(user)])


class PreviewToken(models.Model):
    """One preview of one object by one editor, opened by a token that expires
    (``PREVIEW_TOKEN_MINUTES``); deleting it revokes the token."""

    token_hash = models.CharField("skrót tokenu", max_length=64, unique=True, editable=False)
    content_type = models.ForeignKey(
        ContentType, verbose_name="typ", on_delete=models.CASCADE, related_name="+"
    )
    # Null, not "", for an object not saved yet (the preview of an "add" form).
    object_id = models.CharField(  # noqa: DJ001
        "identyfikator obiektu", max_length=255, null=True, blank=True
    )
    label = models.CharField("podgląd", max_length=255, blank=True)
    content = models.JSONField("treść", encoder=DjangoJSONEncoder)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="utworzył(a)",
        on_delete=models.CASCADE,
        related_name="preview_tokens",
    )
    created_at = models.DateTimeField("utworzono", auto_now_add=True)
    expires_at = models.DateTimeField("wygasa", db_index=True)

    objects = PreviewTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "token podglądu"
        verbose_name_plural = "tokeny podglądu"
        ordering = ["-created_at"]

    def __str__(self):
        return self.label or f"{self.content_type.name} (nowy)"

    def may_be_revoked_by(self, user):
        """By who made it, and by whoever may edit its object (for an object not
        saved yet: whoever may create it)."""
        if user.is_authenticated and self.user_id == user.pk:
            return True
        obj = self.snapshot() if self.object_id is None else self.stored_object()
        return obj is not None and may_edit(user, obj)

    def previewable_model(self):
        """The model of its object, while that model offers previews."""
        model = self.content_type.model_class()
        return model if model is not None and issubclass(model, HeadlessPreviewMixin) else None

    def stored_object(self):
        """Its object as saved now; None if never saved, or deleted since."""
        model = self.previewable_model()
        if model is None or self.object_id is None:
            return None
        return model._default_manager.filter(pk=self.object_id).first()

    def snapshot(self):
        """The object with this token's content: over the object as stored (it
        keeps its id and, for a page, its place in the tree), or alone for an
        object never saved. None if the object was deleted since."""
        if self.object_id is not None:
            stored = self.stored_object()
            return None if stored is None else stored.with_content_json(self.content)
        model = self.previewable_model()
        return None if model is None else model.from_serializable_data({**self.content, "pk": None})
