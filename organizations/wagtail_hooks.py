from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CouncilTerm, OrganizationEditor
from .permissions import organization_policy
from .viewsets import OrganizationViewSet


class CouncilTermViewSet(SnippetViewSet):
    model = CouncilTerm
    icon = "user"
    menu_label = "Rada Partnerstwa"
    list_display = ["__str__", "start_date", "end_date", "live"]
    ordering = ["-start_date"]


class PartnershipViewSetGroup(SnippetViewSetGroup):
    items = (OrganizationViewSet, CouncilTermViewSet)
    menu_icon = "group"
    menu_label = "Partnerstwo"
    menu_name = "partnership"


register_snippet(PartnershipViewSetGroup)


class OwnProfilePanel(Component):
    """The dashboard of an organization's editor: their profile's state and a
    link to edit it."""

    name = "organization_profile"
    order = 10
    template_name = "organizations/admin/own_profile_panel.html"

    def __init__(self, organization):
        self.organization = organization

    def get_context_data(self, parent_context):
        from .profile_state import profile_state

        return {"organization": self.organization, "state": profile_state(self.organization)}


@hooks.register("construct_homepage_panels", order=100)
def organization_editor_dashboard(request, panels):
    policy = organization_policy()
    if not policy.is_organization_editor(request.user):
        return
    memberships = OrganizationEditor.objects.filter(user=request.user).select_related(
        "organization"
    )
    # Wagtail's own panels (pages awaiting moderation, recent edits) speak of
    # pages, which an organization's editor has nothing to do with.
    panels[:] = [OwnProfilePanel(membership.organization) for membership in memberships]


# What an organization's editor finds in the menu: their profile, their images
# and documents, help (the account is in the sidebar's footer).
MEMBER_MENU = {"partnership", "images", "documents", "help"}


@hooks.register("construct_main_menu")
def organization_editor_menu(request, menu_items):
    if organization_policy().is_organization_editor(request.user):
        menu_items[:] = [item for item in menu_items if item.name in MEMBER_MENU]


@hooks.register("construct_homepage_summary_items", order=100)
def organization_editor_summary(request, summary_items):
    # Counts of the whole site's content are none of an organization's business.
    if organization_policy().is_organization_editor(request.user):
        summary_items[:] = []
