"""Make sure a local administrator account exists, for `make run`."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Creates the superuser `admin` if it is missing. The password comes from "
        "POMOST_ADMIN_PASSWORD, otherwise one is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@localhost")

    def handle(self, *args, username, email, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin is for local development (DEBUG) only.")
        User = get_user_model()
        password = settings.LOCAL_ADMIN_PASSWORD
        user = User.objects.filter(username=username).first()
        if user is not None:
            if password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(
                    f"Admin account '{username}': password set from POMOST_ADMIN_PASSWORD."
                )
            else:
                self.stdout.write(f"Admin account '{username}' already exists; left as it is.")
            return

        generated = not password
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Created admin account '{username}'."))
        if generated:
            self.stdout.write(
                f"Its generated password (shown only now): {password}\n"
                "Set POMOST_ADMIN_PASSWORD to choose your own."
            )
