"""The app served for real on loopback, as production runs it: its own
PostgreSQL database and Redis database, production settings, N processes.
Used by tests that need real processes (tests/test_two_processes.py,
tests/test_fuzz.py); PostgreSQL only."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _server_database():
    db = settings.DATABASES["default"]
    return {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
    }


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def site_environment(database, redis_url, **extra):
    """A fresh database with the initial content, and the environment of the
    processes that serve it; both removed afterwards."""
    server = _server_database()
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {database}")
        admin.execute(f"CREATE DATABASE {database}")
    redis.Redis.from_url(redis_url).flushdb()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "loopback-tests-only",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"postgres://{server['user']}@{server['host']}:{server['port']}/{database}",
        "REDIS_URL": redis_url,
        "MEDIA_ROOT": f"/tmp/{database}-media",
        **extra,
    }
    try:
        for command in (["migrate", "--no-input", "-v0"], ["load_pomost"]):
            manage(env, *command)
        yield env
    finally:
        redis.Redis.from_url(redis_url).flushdb()
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")


def manage(env, *command):
    """Run a management command as the site would (a process of its own)."""
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


@contextmanager
def served(env, processes=1):
    """`processes` app servers on free loopback ports; yields the ports."""
    ports = [_free_port() for _ in range(processes)]
    running = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
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
        for process in running:
            process.terminate()
            process.wait(timeout=10)


def ask(port, query):
    """A GET of `query`: (data, Cache-Control)."""
    url = f"http://127.0.0.1:{port}/graphql/?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())["data"], response.headers["Cache-Control"]


def gunicorn_serving(env):
    """The app under gunicorn with the repository's gunicorn.conf.py, as deployed
    (runserver would stop at its start-up checks when the database is down)."""
    port = _free_port()
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
            return process, port
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.2)
