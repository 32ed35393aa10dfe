"""Who works in the admin on organizations: the partnership's editors, each
organization's own editors, the groups that hold their permissions and the
workflow their changes go through.

- "Redakcja POMOST" (PARTNERSHIP_GROUP): the partnership's editors. Pages,
  organizations (every one, `manage_partnership` included), the council,
  images, documents, redirects and the site's settings; they approve the
  organizations' changes.
- "Organizacje członkowskie" (MEMBERS_GROUP): every organization's editor. Only
  the admin and "change organization"; organizations.permissions narrows that
  to their own profile.
- One group per organization with an editor, kept in step with the memberships:
  it grants Wagtail's collection permissions on the organization's own
  collection of images and documents (Wagtail grants those per group).
- The workflow "Zatwierdzenie profilu": one group-approval task for the
  partnership's editors, assigned to organizations.

`ensure_groups_and_workflow` takes an app registry so that the data migration
(historical models) and `load_pomost` (the real ones) share it; it only adds
what is missing.
"""

import secrets

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

PARTNERSHIP_GROUP = "Redakcja POMOST"
MEMBERS_GROUP = "Organizacje członkowskie"
WORKFLOW_NAME = "Zatwierdzenie profilu"
TASK_NAME = "Akceptacja Redakcji POMOST"
MEMBERS_COLLECTION = "Organizacje członkowskie"
LOGOS_COLLECTION = "Logotypy organizacji"
ORGANIZATION_GROUP_PREFIX = "Organizacja: "

# (app_label, codename) of model permissions per group.
PARTNERSHIP_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *(
        ("organizations", f"{action}_organization")
        for action in ("add", "change", "delete", "publish", "lock", "unlock")
    ),
    ("organizations", "manage_partnership"),
    *(
        ("organizations", f"{action}_councilterm")
        for action in ("add", "change", "delete", "publish")
    ),
    ("site_settings", "change_sitesettings"),
    *(("wagtailredirects", f"{action}_redirect") for action in ("add", "change", "delete")),
    # Permissions of models a later migration makes are granted by `load_pomost`
    # (run on every deploy), which runs this again once they exist.
    *(("webhooks", f"{action}_webhookendpoint") for action in ("add", "change", "delete")),
]
MEMBER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("organizations", "change_organization"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permissions(apps, pairs):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:  # an app not installed (e.g. in a trimmed test setup)
            found.append(permission)
    return found


def ensure_groups_and_workflow(apps=global_apps):
    """The two groups and the moderation workflow, with their permissions."""
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    partnership, _ = Group.objects.get_or_create(name=PARTNERSHIP_GROUP)
    partnership.permissions.add(*_permissions(apps, PARTNERSHIP_PERMISSIONS))
    members, _ = Group.objects.get_or_create(name=MEMBERS_GROUP)
    members.permissions.add(*_permissions(apps, MEMBER_PERMISSIONS))

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for permission in _permissions(apps, [("wagtailcore", c) for c in PAGE_PERMISSIONS]):
            GroupPagePermission.objects.get_or_create(
                group=partnership, page=root_page, permission=permission
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for permission in _permissions(apps, MEDIA_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=partnership, collection=root_collection, permission=permission
            )

    _ensure_workflow(apps, partnership)
    return partnership, members


def _ensure_workflow(apps, partnership):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
        if task is None:
            task_type, _ = ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )
            task = GroupApprovalTask.objects.create(
                name=TASK_NAME, active=True, content_type=task_type
            )
            task.groups.add(partnership)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    organization_type, _ = ContentType.objects.get_or_create(
        app_label="organizations", model="organization"
    )
    if not WorkflowContentType.objects.filter(content_type=organization_type).exists():
        WorkflowContentType.objects.create(content_type=organization_type, workflow=workflow)


# An organization's own collection and group


def organization_group(organization):
    """The organization's group (made on first use) with Wagtail's collection
    permissions on its own collection of images and documents."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupCollectionPermission

    group, _ = Group.objects.get_or_create(name=organization_group_name(organization))
    granted = GroupCollectionPermission.objects.filter(group=group).first()
    # The collection found through the group's grant survives a renamed organization.
    collection = granted.collection if granted else organization_collection(organization, group)
    for permission in _permissions(global_apps, MEDIA_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
    return group


def organization_group_name(organization):
    return f"{ORGANIZATION_GROUP_PREFIX}{organization.slug}"[:150]


def organization_collection(organization, group=None):
    """The organization's collection under "Organizacje członkowskie" (made on
    first use). What its editors upload there is not public: the collection is
    restricted to the partnership's editors and the organization's group, until
    an approved profile makes its logo public (`publish_logo`)."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=MEMBERS_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=MEMBERS_COLLECTION)
    collection = parent.get_children().filter(name=organization.name).first()
    if collection is None:
        collection = parent.add_child(name=organization.name)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        group = group or Group.objects.get_or_create(name=organization_group_name(organization))[0]
        restriction.groups.add(Group.objects.get(name=PARTNERSHIP_GROUP), group)
    return collection


def publish_logo(organization):
    """An approved (published) profile's logo, if it is still in an
    organization's own, unpublished collection, moves to the public collection
    of logos, where the organization's editors can no longer change it without
    moderation."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, GroupCollectionPermission

    logo = organization.logo
    if logo is None:
        return False
    # Only from the organization's own collection: an image of another
    # organization's (chosen by mistake) stays where it is, and private.
    group = Group.objects.filter(name=organization_group_name(organization)).first()
    own = GroupCollectionPermission.objects.filter(group=group, collection=logo.collection_id)
    if group is None or not own.exists():
        return False
    root = Collection.get_first_root_node()
    logos = root.get_children().filter(name=LOGOS_COLLECTION).first()
    if logos is None:
        logos = root.add_child(name=LOGOS_COLLECTION)
    logo.collection = logos
    logo.save(update_fields=["collection"])
    return True


# Editors of an organization


class InvitationError(ValueError):
    """An editor could not be added; the message says why, in Polish."""


def normalize_email(email):
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise InvitationError(f"„{email}” nie jest poprawnym adresem e-mail.") from error
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


@transaction.atomic
def add_editor(organization, email, added_by=None):
    """Links the account with this e-mail address (made when there is none) to
    the organization. Returns (membership, what happened) where what happened is
    "created" (a new account), "linked" (an existing account) or "already" (it
    was an editor of this organization already). Sends no e-mail: see `invite`."""
    from django.contrib.auth.models import Group

    from .models import OrganizationEditor

    email = normalize_email(email)
    User = get_user_model()
    accounts = list(User.objects.filter(email__iexact=email)[:2])
    if len(accounts) > 1:
        raise InvitationError(
            f"Adres {email} ma kilka kont; zostaw jedno w zakładce Użytkownicy i spróbuj ponownie."
        )
    if accounts:
        user, outcome = accounts[0], "linked"
        if not user.is_active:
            raise InvitationError(f"Konto {email} jest wyłączone; włącz je, zanim je dodasz.")
    else:
        username = email if not User.objects.filter(username=email).exists() else None
        if username is None or len(username) > 150:
            raise InvitationError(f"Nie można założyć konta dla adresu {email}.")
        # A password no one knows: the person sets their own through the link
        # (and can ask for a new link from the login page, which Django's reset
        # form would not send to an account without a usable password).
        user = User.objects.create_user(
            username=username, email=email, password=secrets.token_urlsafe(32)
        )
        outcome = "created"

    existing = OrganizationEditor.objects.filter(user=user).select_related("organization").first()
    if existing is not None:
        if existing.organization_id != organization.pk:
            raise InvitationError(
                f"{email} jest już redaktorem organizacji „{existing.organization}”; "
                "usuń go tam, zanim dodasz go tutaj."
            )
        return existing, "already"
    membership = OrganizationEditor.objects.create(
        organization=organization, user=user, added_by=added_by
    )
    user.groups.add(Group.objects.get(name=MEMBERS_GROUP), organization_group(organization))
    return membership, outcome


@transaction.atomic
def remove_editor(membership):
    """Unlinks the editor: the account stays (its history is kept) but loses the
    organization's groups, so it reaches nothing of the organization's."""
    from django.contrib.auth.models import Group

    from previews.models import PreviewToken

    user = membership.user
    PreviewToken.objects.filter(user=user).delete()  # their preview links die with the access
    user.groups.remove(*Group.objects.filter(name=MEMBERS_GROUP))
    user.groups.remove(
        *Group.objects.filter(
            name=f"{ORGANIZATION_GROUP_PREFIX}{membership.organization.slug}"[:150]
        )
    )
    membership.delete()


def password_link(user):
    """A link to set the account's password (Django's password-reset token: valid
    PASSWORD_RESET_TIMEOUT, void once the password is set or the user logs in)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def invitation_message(membership):
    """The Polish e-mail that tells a new editor how to get in: (subject, body)."""
    context = {
        "organization": membership.organization,
        "user": membership.user,
        "password_link": password_link(membership.user),
        "admin_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_home"),
        "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
    subject = render_to_string("organizations/email/invitation_subject.txt", context).strip()
    body = render_to_string("organizations/email/invitation.txt", context)
    return subject, body
