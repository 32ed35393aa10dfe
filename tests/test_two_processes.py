"""Two app processes sharing PostgreSQL and Redis, as in production, answer as
one site: neither keeps serving a page past its expiry (the moment is carried
with every shared answer, so a copy one process takes from the other's expires
with it), and a publish made anywhere reaches both within the documented bound.

PostgreSQL only: the processes need a database they can both open, so the test
makes its own (and its own Redis database), and removes both afterwards.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/13"
DATABASE = "pomost_two_processes"
VERSION_CHECK_SECONDS = 1.0

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two processes need a shared PostgreSQL"
)


def server_url(database):
    db = settings.DATABASES["default"]
    user = db.get("USER") or "postgres"
    return f"postgres://{user}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{database}"


def admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        dbname="postgres",
        autocommit=True,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def environment():
    with admin_connection() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "two-processes-test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": server_url(DATABASE),
        "REDIS_URL": REDIS_URL,
        "API_VERSION_CHECK_SECONDS": str(VERSION_CHECK_SECONDS),
        "MEDIA_ROOT": "/tmp/pomost-two-processes-media",
    }
    for command in (["migrate", "--no-input", "-v0"], ["load_pomost"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
    yield env
    redis.Redis.from_url(REDIS_URL).flushdb()
    with admin_connection() as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


@pytest.fixture(scope="module")
def servers(environment):
    ports = [free_port(), free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 30
            while True:
                try:
                    ask(port, "{ __typename }")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        yield ports
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def ask(port, query):
    url = f"http://127.0.0.1:{port}/graphql/?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())["data"], response.headers["Cache-Control"]


def run_in_site(environment, code):
    """Change content as an editor's process would: a third process, committed."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


EXPIRING = """
import datetime
from django.utils import timezone
from pages.models import HomePage, StandardPage
page = StandardPage(title="Na chwilę", slug="na-chwile",
                    expire_at=timezone.now() + datetime.timedelta(seconds=6))
HomePage.objects.get().add_child(instance=page)
page.save_revision().publish()
print(page.expire_at.timestamp())
"""

ON_HOLD = '{ page(urlPath: "/na-chwile/") { title } }'


def test_neither_process_serves_a_page_past_its_expiry(servers, environment):
    first, second = servers
    expires_at = float(run_in_site(environment, EXPIRING))
    for port in (first, second, first, second):  # cached in Redis, then in each process
        data, cache_control = ask(port, ON_HOLD)
        assert data == {"page": {"title": "Na chwilę"}}
        max_age = int(cache_control.split("max-age=")[1].split(",")[0])
        assert max_age <= expires_at - time.time() + 1
    time.sleep(max(0.0, expires_at - time.time()) + 0.2)
    for port in (first, second):
        assert ask(port, ON_HOLD)[0] == {"page": None}


RENAME = """
from organizations.models import Organization
arche = Organization.objects.get(slug="fundacja-arche")
arche.name = "Fundacja ARCHE – nowa nazwa"
arche.save_revision().publish()
"""

ARCHE = '{ organization(slug: "fundacja-arche") { name } }'


def test_a_publish_elsewhere_reaches_both_processes_within_the_bound(servers, environment):
    for port in servers:
        assert ask(port, ARCHE)[0] == {"organization": {"name": "Fundacja ARCHE"}}
    run_in_site(environment, RENAME)
    published_at = time.monotonic()
    time.sleep(VERSION_CHECK_SECONDS + 0.2)
    for port in servers:
        assert ask(port, ARCHE)[0] == {"organization": {"name": "Fundacja ARCHE – nowa nazwa"}}
    assert time.monotonic() - published_at < VERSION_CHECK_SECONDS + 5
