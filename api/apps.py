from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The public GraphQL API: its endpoint and the root fields we add or withhold."""

    name = "api"
    verbose_name = "API"

    def ready(self):
        from . import signals
        from .schema_fields import withhold_editorial_page_fields

        signals.connect()
        withhold_editorial_page_fields()
