"""`manage.py invite_org_editor ORG_SLUG EMAIL`: what the partnership's editors
do on an organization's "Redaktorzy" screen, from the shell."""

from smtplib import SMTPException

from django.core.management.base import BaseCommand, CommandError

from organizations import accounts
from organizations.models import Organization
from organizations.tasks import send_invitation


class Command(BaseCommand):
    help = (
        "Makes EMAIL an editor of the organization ORG_SLUG: creates or reuses the account, "
        "links it, and e-mails a link to set the password."
    )

    def add_arguments(self, parser):
        parser.add_argument("org_slug", help="The organization's slug, e.g. fundacja-arche.")
        parser.add_argument("email", help="The editor's e-mail address.")
        parser.add_argument(
            "--no-email", action="store_true", help="Link the account but send no e-mail."
        )

    def handle(self, org_slug, email, no_email=False, **options):
        organization = Organization.objects.filter(slug=org_slug.strip()).first()
        if organization is None:
            raise CommandError(f"No organization has the slug {org_slug!r}.")
        try:
            membership, outcome = accounts.add_editor(organization, email)
        except accounts.InvitationError as error:
            raise CommandError(str(error)) from error
        address = membership.user.email
        said = {
            "created": f"Created the account {address} and made it an editor of {organization}.",
            "linked": f"Made the existing account {address} an editor of {organization}.",
            "already": f"{address} was already an editor of {organization}.",
        }[outcome]
        self.stdout.write(said)
        if no_email:
            self.stdout.write("No e-mail sent (--no-email).")
            return
        try:
            sent = send_invitation.call(membership.pk)
        except (OSError, SMTPException) as error:
            raise CommandError(
                f"The account {address} is linked, but the e-mail could not be sent ({error}); "
                "check the e-mail settings and run this command again to resend it."
            ) from error
        if not sent:
            raise CommandError(f"The e-mail to {address} was not sent; the account is linked.")
        self.stdout.write(
            self.style.SUCCESS(f"Sent the invitation with a password link to {address}.")
        )
