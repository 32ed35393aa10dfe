from django.apps import AppConfig


class PreviewsConfig(AppConfig):
    """Editors' preview through the portal: the admin's preview of a page or an
    organization becomes the portal's rendering of the editor's unsaved form,
    reached with a short-lived token the portal gives to `preview(token:)`."""

    name = "previews"
    verbose_name = "Podgląd"

    def ready(self):
        from . import schema  # noqa: F401  (registers the `preview` root field)
