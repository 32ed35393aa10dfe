from django.apps import AppConfig


class SiteSettingsConfig(AppConfig):
    """What the whole site shows besides its pages: contact details, the footer
    and social links, editable in the admin (Ustawienia → Ustawienia serwisu)."""

    name = "site_settings"
    verbose_name = "Ustawienia serwisu"

    def ready(self):
        from . import schema  # noqa: F401  (registers the root GraphQL field)
