"""Where an organization's profile stands, in words its editors understand."""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import TaskState, WorkflowState


@dataclass
class ProfileState:
    code: str  # live, draft, in_moderation, rejected, unpublished
    label: str
    comment: str = ""
    since: object = None
    edit_url: str = ""


def profile_state(organization):
    edit_url = reverse("wagtailsnippets_organizations_organization:edit", args=[organization.pk])
    workflow_state = organization.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return ProfileState(
            "in_moderation",
            "W moderacji: zmiany czekają na akceptację Redakcji POMOST.",
            since=workflow_state.created_at,
            edit_url=edit_url,
        )
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        rejected = (
            workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED)
            .order_by("-finished_at", "-pk")
            .first()
        )
        return ProfileState(
            "rejected",
            "Odrzucony: Redakcja POMOST odesłała zmiany do poprawki.",
            comment=rejected.comment if rejected else "",
            since=rejected.finished_at if rejected else None,
            edit_url=edit_url,
        )
    if organization.has_unpublished_changes:
        return ProfileState(
            "draft",
            "Wersja robocza: zmiany zapisane, jeszcze niewysłane do akceptacji.",
            since=organization.latest_revision.created_at if organization.latest_revision else None,
            edit_url=edit_url,
        )
    if organization.live:
        return ProfileState(
            "live",
            "Opublikowany: profil jest widoczny publicznie w tej wersji.",
            since=organization.last_published_at,
            edit_url=edit_url,
        )
    return ProfileState(
        "unpublished", "Nieopublikowany: profil nie jest widoczny publicznie.", edit_url=edit_url
    )
