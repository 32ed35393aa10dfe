"""Point the default site at the local server, for `make run`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

# What Wagtail's first migration and load_pomost leave: a site nobody chose.
UNCHOSEN = ("localhost", 80)


class Command(BaseCommand):
    help = (
        "Sets the default site's host and port to those of WAGTAILADMIN_BASE_URL "
        "(http://127.0.0.1:8000 by default) while it is still localhost:80, so the "
        "absolute URLs the API gives lead to the local server. A site an editor "
        "set up is left as it is."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_local_site is for local development (DEBUG) only.")
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        host = address.hostname or "localhost"
        port = address.port or (443 if address.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None or (site.hostname, site.port) != UNCHOSEN:
            self.stdout.write("Default site already set up; left as it is.")
            return
        site.hostname, site.port = host, port
        site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Default site now {host}:{port} (page URLs: {site.root_url}/…).")
