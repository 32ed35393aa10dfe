"""Who may preview an object: who may edit it (or, before it is first saved,
create it). The same people may revoke its preview tokens."""

from wagtail.models import Page
from wagtail.permissions import policy_registry


def may_edit(user, obj):
    """Whether `user` may edit `obj`, or create it when it has no pk yet."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if isinstance(obj, Page):
        if obj.pk is not None:
            return obj.permissions_for_user(user).can_edit()
        parent = Page.objects.filter(path=obj.path[: -Page.steplen]).first() if obj.path else None
        return parent is not None and parent.permissions_for_user(user).can_add_subpage()
    # Asked at request time, never at import: the apps register their policies
    # in ready(), and asking earlier would fix Wagtail's default for the model.
    policy = policy_registry.get_by_type(type(obj))
    if obj.pk is None:
        return policy.user_has_permission(user, "add")
    return policy.user_has_permission_for_instance(user, "change", obj)
