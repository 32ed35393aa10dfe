from django import forms
from django.conf import settings
from wagtail.admin.forms import WagtailAdminModelForm

from .delivery import private_address
from .models import EVENT_CHOICES, WebhookEndpoint


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label="Zdarzenia",
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Które zmiany treści wysyłać.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith("https://") and not settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS:
            raise forms.ValidationError(
                "Podaj adres https:// (zdarzenia są podpisane, "
                "ale nie powinny iść otwartym tekstem)."
            )
        blocked = private_address(url)
        if blocked:
            raise forms.ValidationError(
                f"Ten adres prowadzi do sieci prywatnej ({blocked}); "
                "webhooki wysyłamy tylko do internetu."
            )
        return url

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "events", "active", "secret"]
