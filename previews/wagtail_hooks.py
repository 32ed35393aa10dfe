"""The admin's list of active preview tokens (Ustawienia → Tokeny podglądu):
each editor sees the tokens they may revoke, their own and those of objects
they may edit, and revokes one by deleting it."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import AuthenticationOnlyPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import PreviewToken


class PreviewTokenPolicy(AuthenticationOnlyPermissionPolicy):
    """Signed-in users list and revoke tokens, each only those they may
    revoke; nobody makes or changes one here (the preview makes them)."""

    actions = {"view", "delete"}

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and instance.may_be_revoked_by(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return PreviewToken.objects.none()
        return PreviewToken.objects.revocable_by(user)


register_permission_policy(PreviewToken, PreviewTokenPolicy(PreviewToken))


class PreviewTokenIndexView(IndexView):
    def get_base_queryset(self):
        return PreviewToken.objects.revocable_by(self.request.user).select_related(
            "user", "content_type"
        )


class PreviewTokenDeleteView(DeleteView):
    page_title = "Unieważnij"
    success_message = "Token podglądu „%(object)s” unieważniony."

    def get_object(self, queryset=None):
        preview = super().get_object(PreviewToken.objects.active())
        if not preview.may_be_revoked_by(self.request.user):
            raise PermissionDenied
        return preview

    def get_usage_url(self):
        return None

    @property
    def confirmation_message(self):
        return "Unieważnić ten token? Podgląd otwarty nim w portalu przestanie działać."


class PreviewTokenViewSet(ModelViewSet):
    model = PreviewToken
    icon = "view"
    menu_label = "Tokeny podglądu"
    add_to_settings_menu = True
    index_view_class = PreviewTokenIndexView
    delete_view_class = PreviewTokenDeleteView
    list_display = ["label", "content_type", "user", "created_at", "expires_at"]
    copy_view_enabled = False
    form_fields = []  # no add or edit view: a token is made by the preview

    def get_urlpatterns(self):
        kept = {"index", "index_results", "delete"}
        return [pattern for pattern in super().get_urlpatterns() if pattern.name in kept]


@hooks.register("register_admin_viewset")
def register_preview_tokens():
    return PreviewTokenViewSet("preview_tokens")
