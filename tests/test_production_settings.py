"""The production settings start only with what production needs, pass Django's
deployment checks, and send the security headers browsers act on."""

import secrets
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.db import connection

from .servers import ROOT, gunicorn_serving

REALISTIC = {
    "PATH": "/usr/bin:/bin",
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "cms.pomost.example",
    "DATABASE_URL": "postgres://pomost@127.0.0.1:5432/pomost",
    "REDIS_URL": "redis://127.0.0.1:6379/10",
    "EMAIL_URL": "smtp+tls://cms:secret@smtp.example.org:587",
    "PORTAL_PREVIEW_URL": "https://portal.example/api/preview?token={token}",
}


def manage(env, *command):
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_production_settings_pass_the_deployment_checks():
    result = manage(REALISTIC, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    "change, says",
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": " "}, "must not be empty"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "must not be empty"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
        ({"DATABASE_URL": "sqlite:////tmp/pomost.sqlite3"}, "PostgreSQL"),
        ({"REDIS_URL": None}, "REDIS_URL"),
        ({"REDIS_URL": "locmemcache://"}, "Redis"),
    ],
)
def test_production_refuses_to_start_without_what_it_needs(change, says):
    env = {**REALISTIC, **change}
    env = {name: value for name, value in env.items() if value is not None}
    result = manage(env, "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and says in result.stderr


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _headers(port, path):
    """The headers of the answer to an HTTPS request (as the proxy forwards it)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": "cms.pomost.example", "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=10) as response:
            return response.headers
    except urllib.error.HTTPError as error:  # a redirect or an error page: its headers
        return error.headers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a served app on PostgreSQL")
def test_security_headers_strict_for_the_public_with_the_admin_allowed_its_scripts():
    process, port = gunicorn_serving(
        {**REALISTIC, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres"}
    )
    try:
        admin = _headers(port, "/admin/")  # a redirect to the login page
        assert "max-age=31536000" in admin["Strict-Transport-Security"]
        assert admin["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert admin["X-Frame-Options"] == "DENY"
        policy = admin["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-inline'" in policy
        assert "frame-src 'self' https://portal.example" in policy
        assert "object-src 'none'" in policy

        # The site's own HTML shown in the admin (drafts, previews): the strict policy.
        for path in ("/admin/pages/3/view_draft/", "/admin/pages/3/edit/preview/"):
            policy = _headers(port, path)["Content-Security-Policy"] + ";"
            assert "script-src 'self';" in policy, path

        api = _headers(port, "/graphql/")  # outside the admin: no inline scripts
        assert "script-src 'self';" in api["Content-Security-Policy"] + ";"
        assert "max-age=31536000" in api["Strict-Transport-Security"]

        assert "Content-Security-Policy" not in _headers(port, "/healthz")
    finally:
        process.terminate()
        process.wait(timeout=10)
