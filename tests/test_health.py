"""/healthz says the process answers; /readyz that the database and the cache
answer and every migration is applied. Both are cheap, open to load balancers
that probe by IP over plain HTTP, and never cached."""

import subprocess
import sys
import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.db import connection

from .servers import ROOT, _server_database, gunicorn_serving

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_healthz_answers_any_host_and_is_never_cached(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.5")  # a probe by IP
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_ready_when_the_database_and_the_cache_answer(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.5")
    assert (response.status_code, response.content) == (200, b"ready\n")
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_503_with_a_reason_when_the_cache_is_gone(client, settings):
    settings.CACHES = {**settings.CACHES, **UNREACHABLE_REDIS}
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"cache unreachable\n")
    assert "no-store" in response["Cache-Control"]


def test_the_api_still_answers_while_readyz_reports_the_cache_gone(client, settings, pomost):
    settings.CACHES = {**settings.CACHES, **UNREACHABLE_REDIS}
    assert client.get("/readyz").status_code == 503
    response = client.get("/graphql/", {"query": "{ siteSettings { __typename } }"})
    assert response.status_code == 200
    assert response.json()["data"]["siteSettings"] == {"__typename": "SiteSettings"}


def _readyz(port):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=15) as response:
            return response.status, response.read().decode().strip(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode().strip(), time.monotonic() - started


def _production_env(database_url):
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "loopback-tests-only",
        "DJANGO_ALLOWED_HOSTS": "cms.example.org",  # the probe's Host is not among them
        "DATABASE_URL": database_url,
        "REDIS_URL": "redis://127.0.0.1:6379/10",
        "DATABASE_CONNECT_TIMEOUT": "2",
    }


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a served app on PostgreSQL")
def test_when_the_database_is_down_requests_are_503_fast_and_healthz_still_answers():
    # Nothing listens on port 1: the database is down from the app's first request.
    process, port = gunicorn_serving(_production_env("postgres://postgres@127.0.0.1:1/pomost"))
    try:
        status, reason, seconds = _readyz(port)
        assert (status, reason) == (503, "database unreachable")
        assert seconds < 5  # within the connect timeout, not a hang
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as live:
            assert live.status == 200
        # Requests fail fast with 503 and Retry-After, not a 500 page or a hang.
        for path in ("/graphql/?query=%7B__typename%7D", "/historia/", "/wydarzenia.ics"):
            started = time.monotonic()
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}{path}",
                headers={"Host": "cms.example.org", "X-Forwarded-Proto": "https"},
            )
            with pytest.raises(urllib.error.HTTPError) as answer:
                urllib.request.urlopen(request, timeout=15)
            assert answer.value.code == 503, (path, answer.value.read()[:300])
            assert answer.value.headers["Retry-After"] == "5"
            assert time.monotonic() - started < 5
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a served app on PostgreSQL")
def test_readyz_is_503_until_migrations_are_applied_then_ready():
    server = _server_database()
    name = "pomost_readyz"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    env = _production_env(f"postgres://{server['user']}@{server['host']}:{server['port']}/{name}")
    process, port = gunicorn_serving(env)
    try:
        status, reason, _ = _readyz(port)
        assert status == 503 and reason.endswith("migrations not applied"), reason
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        assert _readyz(port)[:2] == (200, "ready")
    finally:
        process.terminate()
        process.wait(timeout=10)
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
