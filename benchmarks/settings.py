"""Settings for the benchmark server: production-like (DEBUG off, Redis cache,
PostgreSQL), plus Wagtail's REST API v2 and a plain view to compare against."""

from cms.settings.base import *  # noqa: F403
from cms.settings.base import CACHES, INSTALLED_APPS, env

DEBUG = False
SECRET_KEY = "benchmark-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {
    "default": env.db_url(
        "BENCH_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/pomost_bench"
    )
}
DATABASES["default"].update(CONN_MAX_AGE=60, ATOMIC_REQUESTS=True)
CACHES = {
    **CACHES,
    "default": env.cache_url("BENCH_REDIS_URL", default="redis://127.0.0.1:6379/15"),
}
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
ROOT_URLCONF = "benchmarks.urls"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
API_RESPONSE_CACHE_SECONDS = env.int("API_RESPONSE_CACHE_SECONDS", default=600)
LOGGING = {"version": 1, "disable_existing_loggers": False}
BENCH_FLOOR_FILE = env("BENCH_FLOOR_FILE", default="")
