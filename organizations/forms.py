import copy
import re

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.rich_text.rewriters import extract_attrs

from core.visibility import audience

from .choices import PublicBenefitArea

LINK_START = re.compile(r"<a(\b[^>]*)>")
NOT_A_PAGE = "0"  # no page has it: the editor shows a broken link


def hide_private_page_links(html):
    """`html` (rich text as stored) with each link to a page that is not public
    pointing at no page: an organization's editor learns nothing of pages the
    public cannot see, not even from a form shown again with their own input."""
    if not html or 'linktype="page"' not in html:
        return html
    links = [extract_attrs(match[1]) for match in LINK_START.finditer(html)]
    ids = {
        attrs.get("id", "")
        for attrs in links
        if attrs.get("linktype") == "page" and attrs.get("id", "").isdigit()
    }
    ids = {int(each) for each in ids if len(each) < 19}
    public = set(audience().pages().filter(pk__in=ids).values_list("pk", flat=True))

    def replace(match):
        attrs = extract_attrs(match[1])
        if attrs.get("linktype") != "page":
            return match[0]
        page_id = attrs.get("id", "")
        if page_id.isdigit() and len(page_id) < 19 and int(page_id) in public:
            return match[0]
        return f'<a linktype="page" id="{NOT_A_PAGE}">'

    return LINK_START.sub(replace, html)


def chooses_only_from(widget, queryset):
    """`widget` (a chooser) showing a chosen object only if it is in `queryset`:
    a form shown again with another object's id posted shows nothing of it."""

    class ChoosesOnlyFrom(type(widget)):
        def get_instance(self, value):
            instance = super().get_instance(value)
            return instance if instance and queryset.filter(pk=instance.pk).exists() else None

    shown = copy.copy(widget)
    shown.__class__ = ChoosesOnlyFrom
    return shown


def public_page_links_only(widget):
    """`widget` (the rich-text editor) showing only links to public pages."""

    class PublicPageLinksOnly(type(widget)):
        def format_value(self, value):
            return super().format_value(hide_private_page_links(value))

    shown = copy.copy(widget)
    shown.__class__ = PublicPageLinksOnly
    return shown


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
        self.organization_editor = True
        if "logo" in self.fields:
            # Their own collection's images (and the logo the profile has).
            from wagtail.images.permissions import permission_policy as images

            choosable = images.instances_user_has_any_permission_for(user, ["choose"])
            field = self.fields["logo"]
            field.queryset = field.queryset.filter(
                Q(pk__in=choosable.values("pk")) | Q(pk=self.instance.logo_id or 0)
            )
            field.widget = chooses_only_from(field.widget, field.queryset)
        if "description" in self.fields:
            field = self.fields["description"]
            field.widget = public_page_links_only(field.widget)

    organization_editor = False

    def clean_description(self):
        description = self.cleaned_data.get("description", "")
        if self.organization_editor and hide_private_page_links(description) != description:
            raise forms.ValidationError(
                "Link prowadzi do strony, której nie ma w serwisie publicznym. "
                "Wskaż opublikowaną stronę albo podaj adres internetowy."
            )
        return description


# Fields that belong to the partnership: who is a member and since when, and
# what identifies the organization in law. An organization's own editor sees
# them, disabled (a disabled field ignores what is posted); the registry numbers
# only once they are filled in, so an organization fills in its own first.
PARTNERSHIP_FIELDS = ("slug", "legal_form", "public_benefit", "member_since", "left_on")
VERIFIED_ONCE_SET = ("krs", "nip", "regon")
