"""Every admin URL the organization's viewsets register × every method × every
role: who may open what, and that a refusal changes nothing.

The URL names are read from the URL resolver, so a view a later Wagtail release
adds is in the matrix the day it appears (and refused by default: see
organizations.permissions). Run once, on PostgreSQL: `pytest -m permissions`.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Revision, TaskState, Workflow, WorkflowState

from organizations.accounts import WORKFLOW_NAME
from organizations.models import Organization, OrganizationEditor
from organizations.permissions import CHOOSER_VIEWS, MEMBER_VIEWS
from tests.organization_roles import (
    editor_of_nothing,
    organization_editor,
    partnership_editor,
)
from tests.test_admin_editor import organization_form

pytestmark = [pytest.mark.django_db, pytest.mark.permissions]

NAMESPACES = (
    "wagtailsnippets_organizations_organization",
    "wagtailsnippetchoosers_organizations_organization",
)
METHODS = ("get", "post", "put", "patch", "delete")
ROLES = ("own editor", "other editor", "partnership editor", "editor of nothing", "anonymous")


def registered_urls():
    """(namespace, name, pattern) of every URL under the organization's namespaces."""
    found = []

    def walk(resolver, namespaces):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, namespaces + ([entry.namespace] if entry.namespace else []))
            elif isinstance(entry, URLPattern) and namespaces and namespaces[-1] in NAMESPACES:
                found.append((namespaces[-1], entry.name, entry))

    walk(get_resolver(), [])
    return found


def kwarg_names(pattern):
    return set(pattern.pattern.regex.groupindex)


class Rollback(Exception):
    pass


@pytest.fixture
def world(pomost):
    """Two organizations with an editor each; the target has revisions, a
    workflow in progress (submitted by its editor) and a published version."""
    target, other = Organization.objects.order_by("pk")[:2]
    own = organization_editor(target, "own@target.example")
    stranger = organization_editor(other, "editor@other.example")
    target.phone = "76 100 00 00"
    revision = target.save_revision(user=own)
    Workflow.objects.get(name=WORKFLOW_NAME).start(target, own)
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(target.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    return {
        "target": target,
        "revision": revision,
        "first_revision": target.revisions.order_by("pk").first(),
        "task_state": task_state,
        "users": {
            "own editor": own,
            "other editor": stranger,
            "partnership editor": partnership_editor(),
            "editor of nothing": editor_of_nothing(),
            "anonymous": None,
        },
    }


def url_for(namespace, name, pattern, world):
    values = {
        "pk": world["target"].pk,
        "revision_id": world["revision"].pk,
        "revision_id_a": world["first_revision"].pk,
        "revision_id_b": "latest",
        "action_name": "approve",
        "task_state_id": world["task_state"].pk,
        "workflow_state_id": world["task_state"].workflow_state_id,
        "task_id": world["task_state"].task_id,
    }
    names = kwarg_names(pattern)
    missing = names - set(values)
    assert not missing, f"{namespace}:{name} takes {missing}: teach the matrix its values"
    return reverse(f"{namespace}:{name}", kwargs={key: values[key] for key in names})


def state_of_organizations():
    """What a refused request must leave exactly as it was."""
    return (
        list(Organization.objects.order_by("pk").values()),
        list(Revision.objects.filter(base_content_type__model="organization").values_list("pk")),
        list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        list(TaskState.objects.order_by("pk").values_list("pk", "status", "comment")),
        list(OrganizationEditor.objects.order_by("pk").values_list("pk", "organization", "user")),
    )


def refused(response):
    """403, 404, 405, or Wagtail's permission-denied redirect to the dashboard
    (or the login page, for the anonymous)."""
    if response.status_code in (403, 404, 405):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location == reverse("wagtailadmin_home") or "/login/" in location
    )


def may_open(role, name, on_the_target):
    """Whether `role` may open the view `name`; views on no organization (the
    listing, the chooser) are opened by every member, showing their own only."""
    if role == "partnership editor":
        return True
    if role == "anonymous" or name not in MEMBER_VIEWS | CHOOSER_VIEWS:
        return False
    return role == "own editor" or not on_the_target


def may_see_the_target(role):
    return role in ("own editor", "partnership editor")


def form_for(target):
    return {
        **organization_form(
            name="Przejęta przez test",
            slug=target.slug,
            legal_form=target.legal_form,
            member_since=str(target.member_since or ""),
        ),
        "comment": "Przejęta",
    }


@pytest.mark.parametrize("role", ROLES)
def test_every_organization_url_and_method_answers_each_role_as_the_policy_says(
    client, world, role
):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    urls = registered_urls()
    assert len(urls) >= 24, [name for _, name, _ in urls]
    problems = []
    for namespace, name, pattern in urls:
        address = url_for(namespace, name, pattern, world)
        for method in METHODS:
            before = state_of_organizations()
            try:
                with transaction.atomic():
                    response = getattr(client, method)(
                        address, form_for(world["target"]) if method == "post" else None
                    )
                    after = state_of_organizations()
                    raise Rollback
            except Rollback:
                pass
            allowed = may_open(role, name, "pk" in kwarg_names(pattern))
            shown = (
                response.status_code == 200 and world["target"].name.encode() in response.content
            )
            if allowed and shown and not may_see_the_target(role):
                problems.append(f"{method.upper()} {name}: shows the target organization")
            if not allowed:
                if not refused(response):
                    problems.append(f"{method.upper()} {name}: {response.status_code}, not refused")
                if after != before:
                    problems.append(f"{method.upper()} {name}: refused but changed the database")
            elif method == "get" and refused(response) and name not in _REDIRECTS_BY_DESIGN:
                problems.append(f"GET {name}: refused ({response.status_code}) though allowed")
    assert not problems, "\n".join(problems)


# Views that answer a GET with a redirect of their own (they act on POST).
_REDIRECTS_BY_DESIGN = {
    "workflow_action",
    "collect_workflow_action_data",
    "revisions_revert",
    "revisions_unschedule",
    "lock",
    "unlock",
    "delete",
    "unpublish",
    "history_results",
    "chosen_multiple",
    "create",
    "add",
}


@pytest.mark.parametrize("role", ["own editor", "other editor", "editor of nothing"])
def test_bulk_actions_on_organizations_are_refused_to_all_but_the_partnership(client, world, role):
    client.force_login(world["users"][role])
    target = world["target"]
    actions = [
        action.action_type
        for action in bulk_action_registry.get_bulk_actions_for_model(
            "organizations", "organization"
        )
    ]
    assert actions
    for action in actions:
        address = (
            reverse("wagtail_bulk_action", args=("organizations", "organization", action))
            + f"?id={target.pk}"
        )
        for method in ("get", "post"):
            before = state_of_organizations()
            response = getattr(client, method)(address)
            assert refused(response), (role, action, method, response.status_code)
            assert state_of_organizations() == before, (role, action, method)


def test_the_members_group_holds_no_permission_beyond_the_admin_and_its_profile(world):
    codenames = set(
        Permission.objects.filter(group__name="Organizacje członkowskie").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"access_admin", "change_organization"}
