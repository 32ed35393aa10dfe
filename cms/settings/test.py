"""Fast, deterministic settings for the test suite (pytest sets this module)."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "tests-only-secret-key"
ALLOWED_HOSTS = ["localhost", "testserver", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "core.media.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Wagtail's own tasks (the search index) run at once; tests that need the
# worker switch to the database backend and run it.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
API_VERSION_CHECK_SECONDS = 0  # tests switch caches and versions between requests
DATABASES = {
    "default": env.db_url("DATABASE_URL", default="sqlite:///:memory:"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True  # as in base.py
