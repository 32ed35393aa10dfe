from django.apps import AppConfig


class NoticeboardConfig(AppConfig):
    """A test-only app with a second draft-state snippet, to prove that what the
    API and the HTML guarantee follows from base classes, not from a list of our
    models (see tests/test_new_content_type.py). Installed by tests/settings.py
    only, so the committed schema does not show it."""

    name = "tests.noticeboard"
    label = "noticeboard"

    def ready(self):
        from . import schema  # noqa: F401
