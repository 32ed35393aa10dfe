from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .models import EVENT_CHOICES


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        label="Zdarzenia",
        choices=EVENT_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Które zmiany treści wysyłać.",
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise forms.ValidationError(
                "Podaj adres https:// (zdarzenia są podpisane, "
                "ale nie powinny iść otwartym tekstem)."
            )
        return url
