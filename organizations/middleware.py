"""An organization's editor sees nothing of the admin beyond their organization,
their own images and documents, and their account.

For them every admin URL is refused unless it is listed here; a view added by a
later Wagtail release is therefore refused by default. What they reach of the
organizations is then decided per organization by the policy
(organizations.permissions), of images and documents per collection by
Wagtail (their organization's group).
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail.admin.auth import permission_denied

from .permissions import organization_policy

ALLOWED_NAMESPACES = frozenset(
    {
        "wagtailsnippets_organizations_organization",
        "wagtailsnippetchoosers_organizations_organization",
        "wagtailimages",
        "wagtailimages_chooser",
        "wagtaildocs",
        "wagtaildocs_chooser",
        "wagtailadmin_account",
        # "someone else is editing": asks the policy about the object
        "wagtailadmin_editing_sessions",
        # their own preview links, to revoke them (the list shows only theirs)
        "preview_tokens",
    }
)
ALLOWED_NAMES = frozenset(
    {
        "wagtailadmin_home",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_account",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "wagtailadmin_dismissibles",
        # the rich-text link chooser: links by URL, e-mail, phone or anchor (the
        # page browser, which shows pages' draft titles, opens on the URL form)
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
    }
)


class OrganizationEditorsSeeTheirOwn:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = SimpleLazyObject(lambda: reverse("wagtailadmin_home"))

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith(str(self.admin_prefix)):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if not organization_policy().is_organization_editor(user):
            return None
        if match.url_name in ALLOWED_NAMES or ALLOWED_NAMESPACES.intersection(match.namespaces):
            return None
        if match.url_name in PAGE_BROWSER:
            query = request.META.get("QUERY_STRING", "")
            url = reverse("wagtailadmin_choose_page_external_link")
            return redirect(f"{url}?{query}" if query else url)
        return permission_denied(request)


PAGE_BROWSER = {"wagtailadmin_choose_page", "wagtailadmin_choose_page_child"}
