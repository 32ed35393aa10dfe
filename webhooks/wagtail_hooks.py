"""Ustawienia → Webhooki: partnership editors add, change and switch off
endpoints, send a test event, and see every message with each attempt."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .delivery import send_test_event
from .models import WebhookDelivery, WebhookEndpoint


class WebhookEndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    icon = "link-external"
    menu_label = "Webhooki"
    add_to_settings_menu = True
    list_display = ["name", "url", "active", "disabled_reason"]
    form_fields = ["name", "url", "events", "active", "secret"]

    def get_form_class(self, for_update=False):
        from .forms import WebhookEndpointForm

        return WebhookEndpointForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("<int:pk>/test/", self.send_test_view, name="send_test")
        ]

    @cached_property
    def send_test_view(self):
        viewset = self

        @require_POST
        def view(request, pk):
            if not viewset.permission_policy.user_has_permission(request.user, "change"):
                return redirect("wagtailadmin_home")
            endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
            send_test_event(endpoint)
            messages.success(request, f"Zdarzenie testowe wysłane do „{endpoint}”.")
            return redirect(reverse("webhook_deliveries:index") + f"?endpoint={endpoint.pk}")

        return view

    @property
    def edit_view_class(self):
        from wagtail.admin.views.generic import EditView

        class WithTestButton(EditView):
            @cached_property
            def header_buttons(self):
                return [
                    *super().header_buttons,
                    HeaderButton(
                        "Wyślij zdarzenie testowe",
                        url=reverse("webhooks:send_test", args=[self.object.pk]),
                        icon_name="mail",
                        attrs={"data-controller": "w-action", "data-action": "w-action#post"},
                    ),
                    HeaderButton(
                        "Wysyłki",
                        url=reverse("webhook_deliveries:index") + f"?endpoint={self.object.pk}",
                        icon_name="list-ul",
                    ),
                ]

        return WithTestButton


class AttemptsColumn(Column):
    def get_value(self, instance):
        return ", ".join(
            f"#{attempt.number} {attempt.sent_at:%Y-%m-%d %H:%M:%S}: "
            f"{attempt.response_status or attempt.error} ({attempt.duration_ms} ms)"
            for attempt in instance.attempts.all()
        )


class DeliveriesAreRecords(ModelPermissionPolicy):
    """Deliveries are looked at, by whoever manages webhooks; made only by the CMS."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and user.has_perm("webhooks.change_webhookendpoint")

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(WebhookDelivery, DeliveriesAreRecords(WebhookDelivery))


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    form_fields = ["status"]  # never shown: nobody may add or edit a delivery
    icon = "list-ul"
    menu_label = "Wysyłki webhooków"
    add_to_settings_menu = True
    list_filter = ["endpoint", "status", "event"]
    inspect_view_enabled = True
    inspect_view_fields = ["endpoint", "message_id", "event", "status", "created_at", "payload"]

    @property
    def list_display(self):
        return [
            "event",
            "endpoint",
            "status",
            "created_at",
            AttemptsColumn("attempts", label="Próby"),
        ]

    def get_queryset(self, request):
        return WebhookDelivery.objects.select_related("endpoint").prefetch_related("attempts")


@hooks.register("register_admin_viewset")
def register_webhooks():
    return [
        WebhookEndpointViewSet("webhooks", url_prefix="webhooks"),
        WebhookDeliveryViewSet("webhook_deliveries", url_prefix="webhooks/wysylki"),
    ]
