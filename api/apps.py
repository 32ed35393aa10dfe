from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public GraphQL API: its endpoint, its limits and caches, and the root
    fields it offers. It works from Wagtail's and grapple's base classes and
    registries and never imports an app: apps register what they offer."""

    name = "api"
    verbose_name = "API"

    def ready(self):
        from core.events import public_content_changed

        from . import schema  # noqa: F401  (registers the image and document root fields)
        from .cache import bump_content_version
        from .schema_fields import withhold_editorial_page_fields

        public_content_changed.connect(bump_content_version, dispatch_uid="api-response-cache")
        withhold_editorial_page_fields()
