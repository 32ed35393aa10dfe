"""Two app processes sharing PostgreSQL and Redis, as in production, answer as
one site: neither keeps serving a page past its expiry (the moment is carried
with every shared answer, so a copy one process takes from the other's expires
with it), and a publish made anywhere reaches both within the documented bound.

PostgreSQL only: the processes need a database they can both open, so the test
makes its own (and its own Redis database), and removes both afterwards.
"""

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request

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


def _get(port, params, cookie=None):
    url = f"http://127.0.0.1:{port}/graphql/?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def test_a_persisted_query_registered_on_one_process_runs_on_the_other(servers):
    first, second = servers
    query = "{ news(limit: 2) { total } }"
    sha = hashlib.sha256(query.encode()).hexdigest()
    apq = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": sha}})
    registered = _get(first, {"query": query, "extensions": apq})
    assert "errors" not in registered
    assert _get(second, {"extensions": apq}) == registered  # by its hash alone


SESSION = """
from django.contrib.auth import get_user_model, HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
user = get_user_model().objects.create_superuser("redakcja2", "r2@example.org", "x")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(session.session_key)
"""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_login_is_good_on_every_app_server(servers, environment):
    """Sessions live in the shared database: a load balancer may send an editor
    to any process."""
    key = run_in_site(environment, SESSION)
    anonymous = urllib.request.Request(f"http://127.0.0.1:{servers[0]}/admin/api/main/pages/")
    with pytest.raises(urllib.error.HTTPError):  # (a redirect to the login page, not followed)
        urllib.request.build_opener(NoRedirects).open(anonymous, timeout=10)
    for port in servers:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/admin/api/main/pages/?limit=1",
            headers={"Cookie": f"sessionid={key}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200 and "items" in json.loads(response.read())


# Outside the test suite's own transaction, as production runs: an editor's
# unpublish in the admin, and the worker's scheduled publish, are each one
# action, announced (cache, webhooks) once.
HEARD = """
import datetime, json
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from core.events import public_content_changed
from core.tasks import publish_due
from pages.models import HomePage, StandardPage

heard = []
public_content_changed.connect(
    lambda sender, change, **kwargs: heard.append([change.model, change.id, str(change.kind)]),
    weak=False,
)
home = HomePage.objects.get()
page = StandardPage(title="Raz", slug="raz-{suffix}")
home.add_child(instance=page)
page.save_revision().publish()
heard.clear()

editor, _ = get_user_model().objects.get_or_create(username="jeden-{suffix}", is_superuser=True)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(editor)
status = client.post(f"/admin/pages/{{page.pk}}/unpublish/").status_code
by_admin, heard[:] = list(heard), []

page.refresh_from_db()
page.go_live_at = timezone.now() - datetime.timedelta(seconds=1)
revision = page.save_revision(approved_go_live_at=page.go_live_at)
publish_due.call()
print(json.dumps({{"status": status, "admin": by_admin, "worker": heard, "page": page.pk}}))
"""


def test_an_admin_unpublish_and_a_scheduled_publish_are_each_announced_once(environment):
    import json

    told = json.loads(run_in_site(environment, HEARD.format(suffix="once")))
    assert told["status"] == 302
    ours = told["page"]  # (the worker also expires what other tests left due)
    assert told["admin"] == [["pages.StandardPage", ours, "unpublished"]], told
    assert [c for c in told["worker"] if c[1] == ours] == [
        ["pages.StandardPage", ours, "published"]
    ]
