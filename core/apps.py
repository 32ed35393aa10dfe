from django.apps import AppConfig
from django.db.backends.signals import connection_created


class CoreConfig(AppConfig):
    """What every app shares and no app owns: the definition of public, the
    "public content changed" event, scheduled publishing by the task worker,
    safe rich text, Polish text and order. No models."""

    name = "core"
    verbose_name = "POMOST"

    def ready(self):
        from . import events, media, safe_html, tasks
        from .collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
        events.connect()
        tasks.connect()
        safe_html.connect()
        media.connect()
