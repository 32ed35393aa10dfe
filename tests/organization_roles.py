"""The people of the organizations' admin, made the way the project makes them:
partnership editors in "Redakcja POMOST", organization editors through
`invite_org_editor`."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from organizations.accounts import MEMBERS_GROUP, PARTNERSHIP_GROUP
from organizations.models import OrganizationEditor

PASSWORD = "Hasło-do-testów-2026"


def partnership_editor(username="redakcja"):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@pomost.example", password=PASSWORD
    )
    user.groups.add(Group.objects.get(name=PARTNERSHIP_GROUP))
    return user


def organization_editor(organization, email):
    """An editor linked by `invite_org_editor`, with a password set."""
    call_command("invite_org_editor", organization.slug, email, "--no-email", stdout=io.StringIO())
    user = OrganizationEditor.objects.get(user__email__iexact=email).user
    user.set_password(PASSWORD)
    user.save()
    return user


def editor_of_nothing(username="bez-organizacji"):
    """In the members' group, but no organization's editor (e.g. removed)."""
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=MEMBERS_GROUP))
    return user


def url(name, *args):
    return reverse(f"wagtailsnippets_organizations_organization:{name}", args=args)
