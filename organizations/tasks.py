"""E-mails about organizations, sent by the task worker (console backend in dev).

- The invitation of a new organization editor (`send_invitation`).
- Moderation: Wagtail's workflow e-mails are sent by the worker instead of in
  the editor's request, and the decision on an organization's changes (approved,
  or rejected with the comment) goes to all of that organization's editors,
  not only to the one who submitted.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django_tasks import task
from wagtail.admin import signal_handlers as wagtail_notifications
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .accounts import invitation_message

logger = logging.getLogger(__name__)


@task()
def send_invitation(membership_id):
    from .models import OrganizationEditor

    membership = (
        OrganizationEditor.objects.select_related("user", "organization")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:  # removed before the worker got to it
        return 0
    subject, body = invitation_message(membership)
    return send_mail(subject, body, None, [membership.user.email])


# Moderation

# Wagtail's workflow notifiers (wagtail.admin.signal_handlers), by signal.
WAGTAIL_NOTIFIERS = {
    "task_submitted": (
        task_submitted,
        TaskState,
        "task_submission_email_notifier",
        "group_approval_task_submitted_email_notification",
    ),
    "workflow_submitted": (
        workflow_submitted,
        WorkflowState,
        "workflow_submission_email_notifier",
        "workflow_state_submitted_email_notification",
    ),
    "workflow_approved": (
        workflow_approved,
        WorkflowState,
        "workflow_approval_email_notifier",
        "workflow_state_approved_email_notification",
    ),
    "workflow_rejected": (
        workflow_rejected,
        WorkflowState,
        "workflow_rejection_email_notifier",
        "workflow_state_rejected_email_notification",
    ),
}
_original_notifiers = {}


@task()
def send_workflow_notification(kind, state_id, user_id=None):
    _, model, _, _ = WAGTAIL_NOTIFIERS[kind]
    state = model.objects.filter(pk=state_id).first()
    if state is None:
        return False
    if kind in ("workflow_approved", "workflow_rejected"):
        from .models import Organization

        target = state.content_object
        if isinstance(target, Organization):
            return tell_organization_editors(target, state, approved=kind == "workflow_approved")
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return bool(_original_notifiers[kind](instance=state, user=user))


def tell_organization_editors(organization, workflow_state, approved):
    """The decision, with the partnership's comment, to every editor of the
    organization (active accounts with an address)."""
    rejected = (
        workflow_state.task_states.filter(status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at", "-pk")
        .first()
    )
    context = {
        "organization": organization,
        "approved": approved,
        "comment": "" if approved or rejected is None else rejected.comment,
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailsnippets_organizations_organization:edit", args=[organization.pk]),
    }
    subject = render_to_string("organizations/email/decision_subject.txt", context).strip()
    body = render_to_string("organizations/email/decision.txt", context)
    recipients = [
        editor.user.email
        for editor in organization.editors.select_related("user")
        if editor.user.is_active and editor.user.email
    ]
    if not recipients:
        return 0
    return send_mail(subject, body, None, recipients)


class Later:
    """Stands in for one of Wagtail's notifiers: queues the e-mail for the
    worker once the moderation step commits."""

    def __init__(self, kind):
        self.kind = kind

    def __call__(self, sender=None, instance=None, user=None, **kwargs):
        state_id, user_id = instance.pk, getattr(user, "pk", None)
        transaction.on_commit(
            lambda: send_workflow_notification.enqueue(self.kind, state_id, user_id)
        )


def connect():
    """Wagtail's workflow e-mails go to the worker. Wagtail connects its
    notifiers in wagtail.admin's ready(), by the module's names and these
    dispatch uids: both are pointed at `Later`, whichever app is ready first."""
    for kind, (signal, model, name, uid) in WAGTAIL_NOTIFIERS.items():
        original = getattr(wagtail_notifications, name)
        if not isinstance(original, Later):
            _original_notifiers[kind] = original
        later = Later(kind)
        setattr(wagtail_notifications, name, later)
        signal.disconnect(sender=model, dispatch_uid=uid)
        signal.connect(later, sender=model, dispatch_uid=uid)
