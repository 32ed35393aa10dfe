from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public GraphQL API: its endpoint, its limits and caches, and the root
    fields it offers. It works from Wagtail's and grapple's base classes and
    registries and never imports an app: apps register what they offer."""

    name = "api"
    verbose_name = "API"

    def ready(self):
        from core import visibility
        from core.events import (
            public_content_changed,
            public_content_changing,
            public_schedule_changed,
        )

        from . import redirects, schema  # noqa: F401  (register their root fields)
        from .cache import bump_content_version, content_version
        from .images import offer_only_listed_renditions
        from .reverse import apply_type_extensions
        from .schema_fields import (
            date_values_without_formats,
            embed_blocks_that_always_answer,
            withhold_editorial_page_fields,
        )

        # At once, for this process's own view of the change, and after commit, for
        # every process (an answer cached meanwhile from the old data is dropped).
        public_content_changing.connect(bump_content_version, dispatch_uid="api-cache-now")
        public_content_changed.connect(bump_content_version, dispatch_uid="api-cache-committed")
        public_schedule_changed.connect(bump_content_version, dispatch_uid="api-cache-schedule")
        # Content-wide facts of the public rules are kept per content version.
        visibility.facts.version_source = content_version
        withhold_editorial_page_fields()
        offer_only_listed_renditions()
        apply_type_extensions()
        date_values_without_formats()
        embed_blocks_that_always_answer()
