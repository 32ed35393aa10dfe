from django.apps import AppConfig


class CmsConfig(AppConfig):
    """The project itself: settings, URLs and site-wide commands."""

    name = "cms"
    verbose_name = "POMOST CMS"
