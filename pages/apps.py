from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Strony"

    def ready(self):
        from . import schema  # noqa: F401  (registers the page root GraphQL fields)
