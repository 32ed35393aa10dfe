"""Who may do what with which organization: the one rule every admin view asks.

- Partnership editors (the permission `organizations.manage_partnership`, held
  by the group "Redakcja POMOST", and superusers) work on every organization
  through Wagtail's model permissions, as on any snippet.
- Everyone else works on the organization they are an editor of
  (`OrganizationEditor`) and on no other: of it they may change and view the
  profile, through the views in `MEMBER_VIEWS`. Publishing, deleting, locking
  and reverting stay with the partnership, whatever model permissions a group
  grants.

Wagtail's generic snippet views check model-level permissions only, so the
organization's viewset asks `may_open_view` before each of its views runs (see
organizations.views). A view it does not know, such as one a later Wagtail
release adds, is refused to everyone but the partnership's editors.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

PARTNERSHIP_PERMISSION = "organizations.manage_partnership"

# What an organization's own editor may do with its profile.
MEMBER_ACTIONS = frozenset({"change", "view"})

# The views an organization's own editor may open (names as the viewsets
# register them): the listing and chooser show their organization only; every
# view on an object asks about that object.
MEMBER_VIEWS = frozenset(
    {
        "list",
        "list_results",
        "edit",
        "preview_on_edit",
        "history",
        "history_results",
        "revisions_view",
        "revisions_compare",
        "workflow_history",
        "workflow_history_detail",
        "confirm_workflow_cancellation",
    }
)
# The chooser, with which any admin user links an organization (to a page, a
# council seat): an organization's editor finds only their own in it.
CHOOSER_VIEWS = frozenset({"choose", "choose_results", "chosen"})

_OWN_IDS = "_pomost_own_organization_ids"
_IN_MEMBERS_GROUP = "_pomost_in_members_group"


class OrganizationPermissionPolicy(ModelPermissionPolicy):
    def is_partnership_editor(self, user):
        return bool(user.is_active and (user.is_superuser or user.has_perm(PARTNERSHIP_PERMISSION)))

    def own_organization_ids(self, user):
        """The organizations `user` is an editor of (read once per request's user)."""
        if not user.is_authenticated:
            return frozenset()
        if not hasattr(user, _OWN_IDS):
            from .models import OrganizationEditor

            ids = OrganizationEditor.objects.filter(user=user).values_list(
                "organization_id", flat=True
            )
            setattr(user, _OWN_IDS, frozenset(ids))
        return getattr(user, _OWN_IDS)

    def is_organization_editor(self, user):
        """An editor of an organization (or a member of their group, linked to
        none) who is not one of the partnership's: scoped to their own."""
        if not user.is_authenticated or self.is_partnership_editor(user):
            return False
        if self.own_organization_ids(user):
            return True
        if not hasattr(user, _IN_MEMBERS_GROUP):
            from .accounts import MEMBERS_GROUP

            setattr(user, _IN_MEMBERS_GROUP, user.groups.filter(name=MEMBERS_GROUP).exists())
        return getattr(user, _IN_MEMBERS_GROUP)

    # Wagtail's permission policy interface

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        if self.is_partnership_editor(user):
            return True
        return bool(MEMBER_ACTIONS.intersection(actions)) and (
            instance.pk in self.own_organization_ids(user)
        )

    def instances_user_has_any_permission_for(self, user, actions):
        instances = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return instances.none()
        if self.is_partnership_editor(user):
            return instances
        if not MEMBER_ACTIONS.intersection(actions):
            return instances.none()
        return instances.filter(pk__in=self.own_organization_ids(user))

    def users_with_any_permission_for_instance(self, actions, instance):
        users = self.users_with_any_permission(actions)
        partnership = Q(is_superuser=True) | Q(
            groups__permissions__codename="manage_partnership",
            groups__permissions__content_type__app_label="organizations",
        )
        partnership |= Q(
            user_permissions__codename="manage_partnership",
            user_permissions__content_type__app_label="organizations",
        )
        if MEMBER_ACTIONS.intersection(actions):
            partnership |= Q(organization_membership__organization=instance)
        return get_user_model().objects.filter(
            pk__in=users.filter(partnership).values("pk"), is_active=True
        )

    # The admin's views

    def choosable(self, user, organizations):
        """What the chooser offers `user` of `organizations`."""
        if self.is_organization_editor(user):
            return organizations.filter(pk__in=self.own_organization_ids(user))
        return organizations

    def may_open_view(self, user, view_name, instance=None):
        """Whether `user` may open the view registered as `view_name` (on
        `instance`, for a view on one organization). Wagtail's own checks still
        run after this one."""
        if self.is_partnership_editor(user):
            return True
        if view_name in CHOOSER_VIEWS:
            return (
                instance is None
                or not self.is_organization_editor(user)
                or instance.pk in self.own_organization_ids(user)
            )
        if view_name not in MEMBER_VIEWS:
            return False
        if instance is None:
            return self.user_has_permission(user, "change")
        return self.user_has_permission_for_instance(user, "change", instance)


def organization_policy():
    from wagtail.permissions import policy_registry

    from .models import Organization

    return policy_registry.get_by_type(Organization)
