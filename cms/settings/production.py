"""Production: everything secret or host-specific comes from the environment, and
start-up fails fast when it is missing."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# E-mail (invitations, moderation), e.g. smtp+tls://user:password@smtp.example.org:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)

CACHES = {**CACHES, "default": env.cache_url("REDIS_URL", default="locmemcache://")}  # noqa: F405

# Strangers need neither the schema's introspection nor hints about field names.
API_INTROSPECTION = env.bool("API_INTROSPECTION", default=False)
API_FIELD_SUGGESTIONS = env.bool("API_FIELD_SUGGESTIONS", default=False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}
