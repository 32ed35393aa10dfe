"""Settings shared by every environment.

The environment is read here and in the environment modules beside this one,
nowhere else: code asks ``django.conf.settings``.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = False

INSTALLED_APPS = [
    "cms",
    "core",
    "pages",
    "organizations",
    "site_settings",
    "previews",
    "webhooks",
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # grapple must come after wagtail.snippets, or snippet types vanish from the schema.
    "graphene_django",
    "grapple",
    "api",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "django_guid",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # /healthz and /readyz, before host checks and the HTTPS redirect.
    "cms.health.HealthMiddleware",
    # A request id on every log line (X-Request-ID), and one line per request.
    "django_guid.middleware.guid_middleware",
    "cms.request_log.RequestLogMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # What the request renders follows the public rules of its own site (core.visibility),
    # redirects included.
    "core.middleware.AudienceMiddleware",
    "core.middleware.PublicRedirectMiddleware",
    # An organization's editor reaches only their organization in the admin.
    "organizations.middleware.OrganizationEditorsSeeTheirOwn",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite file by default; DATABASE_URL (e.g. postgres://user@host:5432/name) switches.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Each request in one transaction (the GraphQL view, read-only, excepted): an
# editor's publish is one action, so what it changes is announced once, after
# it commits (core.events), and a failure leaves nothing half-written. Every
# settings module that defines DATABASES sets it too.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# One language: no LocaleMiddleware, whose `Vary: Accept-Language` would split a
# CDN's cache of public answers per browser language for nothing. Translated
# content, when it comes, is asked for by an argument of the API, not a header.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski")]
# Polish for what Wagtail 8's own catalog lacks (the autosave indicator, the
# publishing schedule, listing counts): locale/pl/LC_MESSAGES/django.po, its .mo
# committed beside it (`msgfmt --check -o django.mo django.po` after an edit).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# Local-memory caches share their storage when their LOCATION is the same: each
# has its own.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
    # Wagtail writes every rendition it looks up to this cache: keep those writes
    # in-process (renditions do not change) instead of a network round trip each.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    # Each process's own copy of hot API responses (see api/cache.py): at most
    # 500 of API_LOCAL_CACHE_MAX_BYTES each.
    "api_local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "api-local",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

# Logs: one line per event on stderr, as JSON (LOG_FORMAT=json, production's
# default) or as text; each carries the request id of the request it belongs to
# (X-Request-ID when the proxy sends a UUID, made otherwise, and returned).
LOG_FORMAT = env("LOG_FORMAT", default="text")
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
DJANGO_GUID = {"GUID_HEADER_NAME": "X-Request-ID", "VALIDATE_GUID": True, "EXPOSE_HEADER": True}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        },
        "redact_secrets": {"()": "cms.request_log.RedactSecrets"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": True,  # ISO 8601 in UTC
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "redact_secrets"],
            "formatter": LOG_FORMAT,
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own loggers through the same handler, not Django's defaults.
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # django-guid tells of every header it reads: noise.
        "django_guid": {"level": "WARNING"},
    },
}

# Background work (scheduled publishing, renditions, Wagtail's search index) is
# queued in the database and done by `manage.py db_worker` (see README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

STORAGES = {
    "default": {"BACKEND": "core.media.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail to editors (invitations, moderation) comes from this address.
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="POMOST CMS <noreply@localhost>")

# Wagtail
WAGTAIL_SITE_NAME = "POMOST CMS"
# No avatars from gravatar.com: editors' e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# An account's e-mail address is set by who invites it: a user who could set any
# address in their account could be linked to an organization invited by it.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# A pasted URL stays the URL the editor gave: Wagtail's conversion to a page link
# would tell anyone who can open a link chooser the page (and its draft title)
# behind any path, and links to the portal are not this CMS's URLs anyway.
WAGTAILADMIN_EXTERNAL_LINK_CONVERSION = ""
WAGTAILIMAGES_IMAGE_FORM_BASE = "organizations.image_forms.ImageForm"
# Without a trailing slash: Wagtail writes links as this and a path.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail's database search, with accent-insensitive word starts on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search"}}
# Uploads (core.uploads): images up to 15 MB and 40 megapixels (a decompression
# bomb is refused before it is decoded), documents up to 20 MB of these types.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.CheckedDocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "txt"]

# The portal that shows POMOST's pages to the public. When set, anonymous visitors
# of a page's HTML are sent to the portal's URL for it.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="")
# Where organizations' profiles are shown (this prefix and the slug), on the
# portal when PORTAL_BASE_URL is set and on this CMS otherwise (a plain HTML
# profile, public rules applied).
ORGANIZATIONS_PATH = "/" + env("ORGANIZATIONS_PATH", default="organizacje").strip("/") + "/"
# The portal's preview route, with {token} where the preview token goes (e.g.
# https://portal.example/api/preview?token={token}). When set, the admin's preview
# of pages and organizations is the portal's rendering of the editor's unsaved
# form (previews app); unset, the CMS's own template. A token opens one snapshot
# for PREVIEW_TOKEN_MINUTES.
PORTAL_PREVIEW_URL = env("PORTAL_PREVIEW_URL", default="")
if PORTAL_PREVIEW_URL and "{token}" not in PORTAL_PREVIEW_URL:
    raise ImproperlyConfigured("PORTAL_PREVIEW_URL must contain {token}, where the token goes.")
PREVIEW_TOKEN_MINUTES = env.int("PREVIEW_TOKEN_MINUTES", default=60)

# Webhooks (webhooks app): how long a receiver has to answer one attempt.
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)
# Endpoints on private, loopback or link-local addresses are refused at sending
# (the admin's users must not reach the servers behind our firewall through us).
WEBHOOK_ALLOW_PRIVATE_NETWORKS = env.bool("WEBHOOK_ALLOW_PRIVATE_NETWORKS", default=False)

# GraphQL API (limits are documented in api/limits.py)
# The root fields the public schema offers: any other, from grapple or an app, stays out.
API_ROOT_FIELDS = [
    "page",
    "pages",
    "sitemap",
    "news",
    "newsItem",
    "events",
    "event",
    "organization",
    "organizations",
    "legalForms",
    "areas",
    "partnershipCouncil",
    "councilTerms",
    "image",
    "images",
    "document",
    "documents",
    "redirect",
    "siteSettings",
    "preview",
]
# Image renditions the API may create: widths (`srcSet`, `sources`), formats and
# fixed crops. From 480 up each width is at most a third above the one before, so
# a browser's pick is never far above the pixels it needs; 2560 (a 1280 px layout
# on a 2x screen) is the largest: each width is one more rendition per image.
API_IMAGE_WIDTHS = [160, 320, 480, 640, 800, 1024, 1280, 1600, 1920, 2560]
API_IMAGE_FORMATS = ["webp", "avif"]
API_IMAGE_FILLS = ["400x400", "800x450", "1200x630"]
# The preview a portal blurs while the image loads (next/image's blurDataURL),
# sent inline as a data URI: at most 16 px a side, and never more bytes than this.
API_IMAGE_PLACEHOLDER = "max-16x16|format-webp"
API_IMAGE_PLACEHOLDER_MAX_BYTES = 1_024
_image_filters = [f"width-{width}" for width in API_IMAGE_WIDTHS] + [
    f"fill-{size}" for size in API_IMAGE_FILLS
]
_image_filters += [f"{spec}|format-{fmt}" for spec in _image_filters for fmt in API_IMAGE_FORMATS]
_image_filters.append(API_IMAGE_PLACEHOLDER)

# Limits of the public API; see api/limits.py for the cost formula.
API_MAX_REQUEST_BYTES = env.int("API_MAX_REQUEST_BYTES", default=32_768)
API_MAX_QUERY_TOKENS = env.int("API_MAX_QUERY_TOKENS", default=2_000)
API_MAX_QUERY_DEPTH = env.int("API_MAX_QUERY_DEPTH", default=10)
API_MAX_QUERY_COST = env.int("API_MAX_QUERY_COST", default=20_000)
API_MAX_QUERY_FIELDS = env.int("API_MAX_QUERY_FIELDS", default=2_000)
API_UNPAGED_LIST_SIZE = 10
# Input rules (api/arguments.py): the largest offset, and the longest string and
# list any argument takes unless its own type says otherwise.
API_MAX_OFFSET = 100_000
API_MAX_STRING_ARGUMENT = 255
API_MAX_LIST_ARGUMENT = 20
API_STATEMENT_TIMEOUT_MS = env.int("API_STATEMENT_TIMEOUT_MS", default=5_000)
# Work no SQL limit stops (api/budget.py): wall clock, answer size, renditions made
# by one request (the rest are queued for the task worker).
API_MAX_REQUEST_SECONDS = env.float("API_MAX_REQUEST_SECONDS", default=10.0)
API_MAX_RESPONSE_BYTES = env.int("API_MAX_RESPONSE_BYTES", default=2_000_000)
API_MAX_NEW_RENDITIONS = env.int("API_MAX_NEW_RENDITIONS", default=10)
API_MAX_RENDITION_MEGAPIXELS = env.int("API_MAX_RENDITION_MEGAPIXELS", default=60)
API_INTROSPECTION = env.bool("API_INTROSPECTION", default=True)
# Run only operations registered from the portal's build (api.trusted_documents;
# README, "Trusted documents"). Off: any query within the API's limits.
API_TRUSTED_DOCUMENTS_ONLY = env.bool("API_TRUSTED_DOCUMENTS_ONLY", default=False)
API_FIELD_SUGGESTIONS = env.bool("API_FIELD_SUGGESTIONS", default=True)
# Caching: anonymous responses server-side, GET responses in browsers and CDNs,
# and Apollo persisted queries.
API_RESPONSE_CACHE_SECONDS = env.int("API_RESPONSE_CACHE_SECONDS", default=600)
# Public GET answers in browsers (max-age), in CDNs (s-maxage) and stale while
# a cache fetches them anew, never past the next expiry or go-live (see
# api/http_caching.py). The API purges no CDN when an editor publishes: an edit
# reaches every reader within the larger lifetime plus the stale time (3 min).
API_HTTP_CACHE_SECONDS = env.int("API_HTTP_CACHE_SECONDS", default=60)
API_HTTP_CDN_CACHE_SECONDS = env.int("API_HTTP_CDN_CACHE_SECONDS", default=120)
API_HTTP_STALE_WHILE_REVALIDATE_SECONDS = env.int(
    "API_HTTP_STALE_WHILE_REVALIDATE_SECONDS", default=60
)
# How long another app server's publishing may take to reach this one's cache.
API_VERSION_CHECK_SECONDS = env.float("API_VERSION_CHECK_SECONDS", default=1.0)
# Apollo clients register a query again when it is gone: a day is plenty.
API_PERSISTED_QUERY_SECONDS = 24 * 3600
API_LOCAL_CACHE_MAX_BYTES = 128_000

# Frontends allowed to call the API from a browser (no cookies are sent).
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/graphql/?$"
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "OPTIONS", "POST"]

GRAPHENE = {
    "SCHEMA": "api.public_schema.schema",
    "MIDDLEWARE": ["api.middleware.ApiPolicyMiddleware"],
}
GRAPPLE = {
    "APPS": ["pages", "organizations", "site_settings"],
    "PAGE_SIZE": 20,
    "MAX_PAGE_SIZE": 100,
    "EXPOSE_GRAPHIQL": False,
    "PAGE_INTERFACE": "api.interfaces.PageInterface",
    "ALLOWED_IMAGE_FILTERS": _image_filters,
}
