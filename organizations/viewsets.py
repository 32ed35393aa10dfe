"""The admin of organizations: every view asks the one permission policy
(organizations.permissions) about the organization it works on.

Wagtail's generic snippet views check model-level permissions only. Here each
URL the organization's viewsets register — today's ~24 and any a later Wagtail
release adds — is wrapped so that the policy is asked first, with the view's
name and the organization of its `pk`. A name the policy does not know is
refused to everyone but the partnership's editors.
"""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from . import accounts, tasks
from .models import Organization
from .permissions import organization_policy


def asks_the_policy(view, view_name):
    """`view`, opened only when the policy lets the request's user open
    `view_name` (on the organization its `pk` names)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        instance = None
        if "pk" in kwargs:
            try:
                instance = Organization.objects.filter(pk=unquote(str(kwargs["pk"]))).first()
            except (ValueError, TypeError, ValidationError, OverflowError):
                instance = None
            if instance is None:
                raise Http404
        if not organization_policy().may_open_view(request.user, view_name, instance):
            return permission_denied(request)
        return view(request, *args, **kwargs)

    return guarded


class AsksThePolicy:
    """A viewset whose every URL asks the organization policy first."""

    def get_urlpatterns(self):
        patterns = super().get_urlpatterns()
        for pattern in patterns:
            pattern.callback = asks_the_policy(pattern.callback, pattern.name)
        return patterns


# The chooser


class ScopedChoices:
    def get_object_list(self):
        return organization_policy().choosable(self.request.user, super().get_object_list())


class OrganizationChooseView(ScopedChoices, ChooseView):
    pass


class OrganizationChooseResultsView(ScopedChoices, ChooseResultsView):
    pass


class NoCreationInTheChooser(SnippetCreateView):
    """Organizations are made on their own screen, never from a chooser (whose
    create view, with no form, answers a POST with a 500 in Wagtail 8.0)."""

    def dispatch(self, request, *args, **kwargs):
        raise Http404


class OrganizationChooserViewSet(AsksThePolicy, SnippetChooserViewSet):
    choose_view_class = OrganizationChooseView
    choose_results_view_class = OrganizationChooseResultsView
    create_view_class = NoCreationInTheChooser


# The organization's screens

EDITORS_URL = "wagtailsnippets_organizations_organization:editors"


class OrganizationIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if organization_policy().is_partnership_editor(self.request.user):
            buttons.append(
                ListingButton(
                    "Redaktorzy",
                    reverse(EDITORS_URL, args=[instance.pk]),
                    icon_name="user",
                    priority=35,
                )
            )
        return buttons


class OrganizationEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if organization_policy().is_partnership_editor(self.request.user):
            buttons.append(
                HeaderButton(
                    "Redaktorzy organizacji",
                    reverse(EDITORS_URL, args=[self.object.pk]),
                    icon_name="user",
                    priority=35,
                )
            )
        return buttons


class AddEditorForm(forms.Form):
    email = forms.EmailField(
        label="Adres e-mail",
        max_length=254,
        help_text="Na ten adres przyjdzie link do ustawienia hasła. Jeśli konto z tym adresem "
        "już istnieje, zostanie tylko przypisane do organizacji.",
    )


class EditorsView(WagtailAdminTemplateMixin, TemplateView):
    """The organization's editors: listed, added by e-mail, removed. For the
    partnership's editors (the policy lets no one else open it)."""

    template_name = "organizations/admin/editors.html"
    header_icon = "user"
    view_set = None

    def dispatch(self, request, pk):
        self.organization = get_object_or_404(Organization, pk=unquote(str(pk)))
        return super().dispatch(request, pk)

    def get_page_title(self):
        return "Redaktorzy organizacji"

    def get_page_subtitle(self):
        return self.organization.name

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Pulpit"},
            {"url": reverse(self.view_set.get_url_name("list")), "label": "Organizacje"},
            {
                "url": reverse(self.view_set.get_url_name("edit"), args=[self.organization.pk]),
                "label": self.organization.name,
            },
            {"url": "", "label": "Redaktorzy"},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organization=self.organization,
            editors=self.organization.editors.select_related("user", "added_by").order_by(
                "user__email"
            ),
            form=form or AddEditorForm(),
            edit_url=reverse(self.view_set.get_url_name("edit"), args=[self.organization.pk]),
        )
        return context

    def post(self, request, pk):
        if "remove" in request.POST:
            remove = request.POST["remove"].strip()
            membership = (
                self.organization.editors.select_related("user").filter(pk=remove).first()
                if remove.isdigit() and len(remove) < 19
                else None
            )
            if membership is None:
                messages.error(request, "Tego redaktora nie ma już na liście.")
            else:
                email = membership.user.email
                accounts.remove_editor(membership)
                messages.success(request, f"{email} nie jest już redaktorem tej organizacji.")
            return redirect(request.path)

        form = AddEditorForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            membership, outcome = accounts.add_editor(
                self.organization, form.cleaned_data["email"], added_by=request.user
            )
        except accounts.InvitationError as error:
            form.add_error("email", str(error))
            return self.render_to_response(self.get_context_data(form=form))
        email = membership.user.email
        if outcome == "already":
            messages.info(request, f"{email} już jest redaktorem tej organizacji.")
        else:
            membership_id = membership.pk
            transaction.on_commit(lambda: tasks.send_invitation.enqueue(membership_id))
            made = "Założono konto i wysłano" if outcome == "created" else "Wysłano"
            messages.success(
                request, f"{email} jest redaktorem tej organizacji. {made} e-mail z linkiem."
            )
        return redirect(request.path)


class OrganizationViewSet(AsksThePolicy, SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = "Organizacje"
    list_display = ["name", "legal_form", "city", "member_since", LiveStatusTagColumn()]
    list_filter = ["legal_form", "public_benefit", "live", "city"]
    ordering = ["name"]
    list_per_page = 50
    index_view_class = OrganizationIndexView
    edit_view_class = OrganizationEditView
    chooser_viewset_class = OrganizationChooserViewSet

    def get_queryset(self, request):
        return organization_policy().instances_user_has_permission_for(request.user, "change")

    @property
    def editors_view(self):
        return EditorsView.as_view(view_set=self)

    def get_urlpatterns(self):
        from django.urls import path

        return super().get_urlpatterns() + [
            path("editors/<str:pk>/", asks_the_policy(self.editors_view, "editors"), name="editors")
        ]
