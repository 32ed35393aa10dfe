from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .choices import PublicBenefitArea


class OrganizationForm(WagtailAdminModelForm):
    """The profile form; areas of public benefit are ticked from the statute's list."""

    areas = forms.MultipleChoiceField(
        label="Sfery pożytku publicznego",
        choices=PublicBenefitArea.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Zaznacz obszary działalności według art. 4 ustawy o działalności "
        "pożytku publicznego i o wolontariacie.",
    )
