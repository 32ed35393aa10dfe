from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CmsConfig(AppConfig):
    """The project itself: site-wide commands and database set-up."""

    name = "cms"
    verbose_name = "POMOST CMS"

    def ready(self):
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
