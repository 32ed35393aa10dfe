from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CouncilTerm, Organization


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = "Organizacje"
    list_display = ["name", "legal_form", "city", "member_since", "live"]
    list_filter = ["legal_form", "public_benefit", "live", "city"]
    ordering = ["name"]
    list_per_page = 50


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
