"""Two app processes sharing PostgreSQL and Redis, as in production, answer as
one site: neither keeps serving a page past its expiry (the moment is carried
with every shared answer, so a copy one process takes from the other's expires
with it), and a publish made anywhere reaches both within the documented bound.

PostgreSQL only: the processes need a database they can both open, so the test
makes its own (and its own Redis database), and removes both afterwards.
"""

import time

import pytest
from django.db import connection

from .servers import ask, manage, served, site_environment

REDIS_URL = "redis://127.0.0.1:6379/13"
VERSION_CHECK_SECONDS = 1.0

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="two processes need a shared PostgreSQL"
)


@pytest.fixture(scope="module")
def environment():
    extra = {"API_VERSION_CHECK_SECONDS": str(VERSION_CHECK_SECONDS)}
    with site_environment("pomost_two_processes", REDIS_URL, **extra) as env:
        yield env


@pytest.fixture(scope="module")
def servers(environment):
    with served(environment, processes=2) as ports:
        yield ports


def run_in_site(environment, code):
    """Change content as an editor's process would: a third process, committed."""
    output = manage(environment, "shell", "-c", code)
    return output.splitlines()[-1] if output else ""


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
