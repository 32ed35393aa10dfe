"""Revoke active preview tokens: a user's (`--user`), or all of them (`--all`),
e.g. when a token may have leaked."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from previews.models import PreviewToken


class Command(BaseCommand):
    help = "Unieważnia tokeny podglądu: jednego użytkownika (--user) albo wszystkie (--all)."

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--user", help="Nazwa użytkownika, którego tokeny unieważnić.")
        which.add_argument("--all", action="store_true", help="Unieważnij wszystkie tokeny.")

    def handle(self, *args, user=None, all=False, **options):
        tokens = PreviewToken.objects.all()
        if user is not None:
            User = get_user_model()
            try:
                tokens = tokens.filter(user=User.objects.get_by_natural_key(user))
            except User.DoesNotExist:
                raise CommandError(f"Nie ma użytkownika {user!r}.") from None
        revoked, _ = tokens.delete()
        self.stdout.write(f"Unieważniono tokenów podglądu: {revoked}.")
