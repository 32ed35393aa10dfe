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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .permissions import organization_policy

        user = self.for_user
        if user is None or organization_policy().is_partnership_editor(user):
            return
        locked = [*PARTNERSHIP_FIELDS]
        locked += [name for name in VERIFIED_ONCE_SET if getattr(self.instance, name, "")]
        for name in locked:
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = "Zmienia Redakcja POMOST."


# Fields that belong to the partnership: who is a member and since when, and
# what identifies the organization in law. An organization's own editor sees
# them, disabled (a disabled field ignores what is posted); the registry numbers
# only once they are filled in, so an organization fills in its own first.
PARTNERSHIP_FIELDS = ("slug", "legal_form", "public_benefit", "member_since", "left_on")
VERIFIED_ONCE_SET = ("krs", "nip", "regon")
