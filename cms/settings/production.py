"""Production: everything secret or host-specific comes from the environment, and
start-up fails fast when it is missing. `manage.py check --deploy --fail-level
WARNING` passes with these settings (CI checks it); docs/deploy.md lists every
variable."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, MIDDLEWARE, PORTAL_PREVIEW_URL, env

SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
if not SECRET_KEY.strip() or not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS must not be empty.")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# PostgreSQL, never the embedded SQLite: connections kept for CONN_MAX_AGE
# seconds and checked before reuse (a restarted server costs one failed check,
# not an error page); a connection attempt and a statement each have a deadline,
# so a database that is down or stuck makes requests fail fast (503) instead of
# piling up.
DATABASES = {"default": env.db_url("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Production runs on PostgreSQL: DATABASE_URL=postgres://…")
DATABASES["default"].update(
    ATOMIC_REQUESTS=True,  # as in base.py
    CONN_MAX_AGE=env.int("DATABASE_CONN_MAX_AGE", default=60),
    CONN_HEALTH_CHECKS=True,
)
DATABASES["default"].setdefault("OPTIONS", {}).update(
    connect_timeout=env.int("DATABASE_CONNECT_TIMEOUT", default=5),
    options="-c statement_timeout={}".format(
        env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=15_000)
    ),
)

# Redis, shared by every app server: cached API answers, their invalidation and
# persisted queries. Processes that did not share it would serve each other's
# stale answers, so it is required.
CACHES = {**CACHES, "default": env.cache_url("REDIS_URL")}  # noqa: F405
if "redis" not in CACHES["default"]["BACKEND"].lower():
    raise ImproperlyConfigured("Production caches on Redis: REDIS_URL=redis://…")
# Redis gone must not hang a request: the API answers from the database then.
CACHES["default"].setdefault("OPTIONS", {}).update(socket_connect_timeout=1, socket_timeout=1)
# Sessions stay in the database (Django's default): logins survive Redis going away.

LOG_FORMAT = env("LOG_FORMAT", default="json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405

# E-mail (invitations, moderation), e.g. smtp+tls://user:password@smtp.example.org:587
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="smtp://localhost:25")
vars().update(EMAIL_CONFIG)
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)  # noqa: F405

# Strangers need neither the schema's introspection nor hints about field names.
API_INTROSPECTION = env.bool("API_INTROSPECTION", default=False)
API_FIELD_SUGGESTIONS = env.bool("API_FIELD_SUGGESTIONS", default=False)

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Nobody frames this site (X-Frame-Options: DENY, Django's default) but the
# admin's preview panel, whose views Wagtail marks SAMEORIGIN.

# Content Security Policy (django-csp): what the admin's pages and the CMS's own
# HTML may load. The admin's preview panel frames the preview, which is this
# site or, with PORTAL_PREVIEW_URL, the portal; video embeds come from the
# embed providers the body's blocks allow.
_portal_preview_origin = (
    "{0.scheme}://{0.netloc}".format(urlsplit(PORTAL_PREVIEW_URL)) if PORTAL_PREVIEW_URL else None
)
_media_origins = env.list("CSP_MEDIA_ORIGINS", default=[])  # e.g. the S3 bucket or CDN
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # Wagtail's admin sets style attributes from its scripts and templates.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_media_origins],
        "media-src": ["'self'", *_media_origins],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": [
            "'self'",
            *([_portal_preview_origin] if _portal_preview_origin else []),
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Added under /admin/ only (cms.security): Wagtail's admin templates run inline scripts.
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"]}
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files answer before anything else
    "cms.security.CSPMiddleware",
    *MIDDLEWARE[_after_security:],
]
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405

# Static files: served by the app itself through WhiteNoise, with hashed names
# (cached for a year) and compressed copies; `manage.py collectstatic` makes them.
# Media: on local disk (MEDIA_ROOT) by default, or in any S3-compatible bucket
# when S3_BUCKET is set (django-storages). The bucket stays private: every media
# URL is signed and expires after S3_URL_SECONDS (longer than any cached answer
# that carries it).
STORAGES = {
    "default": {"BACKEND": "core.media.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if env("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "core.media.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": env.int("S3_URL_SECONDS", default=86_400),
            "file_overwrite": False,
            "location": env("S3_PREFIX", default=""),
        },
    }

STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
