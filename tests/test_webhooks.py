"""The "public content changed" event reaches the endpoints partnership editors
set up, as Standard Webhooks a real receiver verifies: signed, retried with
backoff, the endpoint switched off (and its managers told) on 410 or after the
last retry; publishing never waits for a receiver."""

import datetime
import http.server
import io
import json
import socket
import threading
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from organizations.accounts import PARTNERSHIP_GROUP
from webhooks.delivery import JITTER, RETRY_DELAYS, next_delay
from webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


class Receiver:
    """A real HTTP receiver on loopback: answers with the statuses it is given
    (then 200), after `delay` seconds; keeps every request."""

    def __init__(self):
        self.requests = []
        self.statuses = []
        self.delay = 0
        self.location = None
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                time.sleep(receiver.delay)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                if receiver.location:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/pomost"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def payloads(self):
        return [json.loads(body) for _, body in self.requests]


@pytest.fixture(autouse=True)
def loopback_receivers_allowed(settings):
    """The receivers here are on this machine; production refuses private networks."""
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True


@pytest.fixture
def receiver():
    receiving = Receiver()
    yield receiving
    receiving.server.shutdown()


@pytest.fixture
def endpoint(receiver):
    return WebhookEndpoint.objects.create(
        name="Portal miejski", url=receiver.url, events=["published", "unpublished"]
    )


@pytest.fixture
def worker(settings, monkeypatch):
    """The database task backend, and a worker run that does what is due."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return lambda: call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO()
    )


@pytest.fixture
def manager(pomost):
    person = get_user_model().objects.create_user(
        "redakcja", email="redakcja@pomost.example", password="x"
    )
    call_command("load_pomost", stdout=io.StringIO())  # groups get the webhook permissions
    person.groups.add(Group.objects.get(name=PARTNERSHIP_GROUP))
    return person


def verify(endpoint, request):
    headers, body = request
    return Webhook(endpoint.secret).verify(body, headers)


def test_publishing_sends_a_signed_event_the_standard_verifier_accepts(
    endpoint, receiver, make_news, committed
):
    with committed():
        news = make_news("Festiwal organizacji")
    (request,) = receiver.requests
    event = verify(endpoint, request)
    assert event["type"] == "content.published"
    assert event["data"] == {
        "model": "pages.NewsPage",
        "id": news.pk,
        "kind": "published",
        "path": "/aktualnosci/festiwal-organizacji/",
        "old_path": None,
        "descendants": False,
    }
    headers = request[0]
    assert headers["webhook-id"].startswith("msg_")
    assert headers["content-type"] == "application/json"
    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.status == "delivered" and delivery.attempts.get().response_status == 200


def test_only_the_kinds_an_endpoint_asked_for_and_never_a_draft(
    endpoint, receiver, make_news, committed
):
    endpoint.events = ["unpublished"]
    endpoint.save()
    with committed():
        make_news("Szkic", publish_it=False)
        news = make_news("Opublikowana")
    assert receiver.requests == []
    with committed():
        news.unpublish()
    assert [payload["type"] for payload in receiver.payloads()] == ["content.unpublished"]


def test_a_switched_off_endpoint_gets_nothing(endpoint, receiver, make_news, committed):
    endpoint.active = False
    endpoint.save()
    with committed():
        make_news("Festiwal")
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_the_retry_schedule_backs_off_with_jitter_and_ends():
    for attempt, delay in enumerate(RETRY_DELAYS, start=1):
        waits = {next_delay(attempt) for _ in range(50)}
        assert all(delay * (1 - JITTER) <= wait <= delay * (1 + JITTER) for wait in waits)
        assert len(waits) > 1  # jittered
    assert next_delay(len(RETRY_DELAYS) + 1) is None
    assert list(RETRY_DELAYS) == sorted(RETRY_DELAYS)


def test_a_failing_receiver_is_retried_later_by_the_worker_and_publishing_never_waits(
    endpoint, receiver, make_news, committed, worker
):
    receiver.statuses = [503, 500]
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with committed():
            make_news("Festiwal")
        assert receiver.requests == []  # publishing only queued the message

        worker()
        assert len(receiver.requests) == 1
        retry = DBTaskResult.objects.filter(status="READY").get()
        wait = (retry.run_after - timezone.now()).total_seconds()
        assert RETRY_DELAYS[0] * (1 - JITTER) <= wait <= RETRY_DELAYS[0] * (1 + JITTER)
        worker()
        assert len(receiver.requests) == 1  # not before its time

        clock.shift(datetime.timedelta(seconds=RETRY_DELAYS[0] * (1 + JITTER) + 1))
        worker()
        clock.shift(datetime.timedelta(seconds=RETRY_DELAYS[1] * (1 + JITTER) + 1))
        worker()

    assert len(receiver.requests) == 3
    ids = {headers["webhook-id"] for headers, _ in receiver.requests}
    assert len(ids) == 1  # the same message: receivers drop duplicates by its id
    (delivery,) = WebhookDelivery.objects.all()
    assert delivery.status == "delivered"
    assert [a.response_status for a in delivery.attempts.all()] == [503, 500, 200]
    assert WebhookEndpoint.objects.get().active


def test_after_the_last_retry_the_endpoint_is_switched_off_and_its_managers_told(
    endpoint, receiver, make_news, committed, worker, manager
):
    receiver.statuses = [500] * (len(RETRY_DELAYS) + 1)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with committed():
            make_news("Festiwal")
        for delay in (0, *RETRY_DELAYS):
            clock.shift(datetime.timedelta(seconds=delay * (1 + JITTER) + 1))
            worker()
    assert len(receiver.requests) == len(RETRY_DELAYS) + 1
    endpoint.refresh_from_db()
    assert not endpoint.active and "nieudanych prób" in endpoint.disabled_reason
    (message,) = mail.outbox
    assert message.to == ["redakcja@pomost.example"]
    assert "Portal miejski" in message.subject and receiver.url in message.body
    assert WebhookDelivery.objects.get().status == "failed"


def test_a_receiver_answering_410_switches_the_endpoint_off_at_once(
    endpoint, receiver, make_news, committed, worker, manager
):
    receiver.statuses = [410]
    with committed():
        make_news("Festiwal")
    worker()
    worker()
    assert len(receiver.requests) == 1
    endpoint.refresh_from_db()
    assert not endpoint.active and "410" in endpoint.disabled_reason
    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_slow_receiver_times_out_and_the_attempt_says_so(
    endpoint, receiver, make_news, committed, settings
):
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    receiver.delay = 2
    started = time.monotonic()
    with committed():
        make_news("Festiwal")
    assert time.monotonic() - started < 2  # the attempt gave up; nobody waited for the receiver
    attempt = WebhookAttempt.objects.get()
    assert attempt.response_status is None and "timed out" in attempt.error


def test_a_captured_request_replayed_later_is_refused_by_the_verifier(
    endpoint, receiver, make_news, committed
):
    with committed():
        make_news("Festiwal")
    (request,) = receiver.requests
    verify(endpoint, request)  # fresh: accepted
    later = time_machine.travel(timezone.now() + datetime.timedelta(minutes=6))
    with later, pytest.raises(WebhookVerificationError):
        verify(endpoint, request)
    headers, body = request
    with pytest.raises(WebhookVerificationError):  # a changed body is refused too
        verify(endpoint, (headers, body.replace(b"festiwal", b"falsyfikat")))


def test_partnership_editors_send_a_test_event_and_see_its_attempts(
    client, endpoint, receiver, manager, committed
):
    client.force_login(manager)
    response = client.get(f"/admin/webhooks/edit/{endpoint.pk}/")
    assert response.status_code == 200 and "Wyślij zdarzenie testowe" in response.content.decode()
    with committed():
        response = client.post(f"/admin/webhooks/{endpoint.pk}/test/")
    assert response.status_code == 302
    (request,) = receiver.requests
    assert verify(endpoint, request)["type"] == "test"
    listing = client.get(response["Location"]).content.decode()
    assert "test" in listing and "#1" in listing and "200" in listing


def test_people_without_webhook_permissions_cannot_reach_them(client, endpoint, pomost):
    someone = get_user_model().objects.create_user("ktos", password="x")
    someone.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(someone)
    for url in (
        "/admin/webhooks/",
        f"/admin/webhooks/edit/{endpoint.pk}/",
        "/admin/webhooks/wysylki/",
    ):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(f"/admin/webhooks/{endpoint.pk}/test/").status_code in (302, 403)
    assert not WebhookDelivery.objects.exists()


def test_an_endpoint_inside_our_network_is_never_called(
    endpoint, receiver, make_news, committed, settings
):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    with committed():
        make_news("Festiwal")
    assert receiver.requests == []
    assert "sieci prywatnej (127.0.0.1)" in WebhookAttempt.objects.get().error


def test_a_redirect_is_a_failed_attempt_never_followed(endpoint, make_news, committed):
    elsewhere, redirecting = Receiver(), Receiver()
    try:
        redirecting.statuses, redirecting.location = [307], elsewhere.url
        endpoint.url = redirecting.url
        endpoint.save()
        with committed():
            make_news("Festiwal")
        assert len(redirecting.requests) == 1 and elsewhere.requests == []
        assert WebhookAttempt.objects.get().response_status == 307
    finally:
        elsewhere.server.shutdown()
        redirecting.server.shutdown()


@pytest.mark.parametrize(
    "url, says",
    [
        ("http://example.org/hook", "https://"),
        ("https://127.0.0.1/hook", "sieci prywatnej"),
        ("https://[::1]/hook", "sieci prywatnej"),
        ("https://169.254.169.254/latest/meta-data/", "sieci prywatnej"),
        ("https://[64:ff9b::7f00:1]/hook", "sieci prywatnej"),  # NAT64 of 127.0.0.1
        ("https://[2002:a00:1::]/hook", "sieci prywatnej"),  # 6to4 of 10.0.0.1
        ("https://[::127.0.0.1]/hook", "sieci prywatnej"),  # IPv4-compatible
    ],
)
def test_the_admin_refuses_an_endpoint_outside_the_internet(client, manager, settings, url, says):
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    client.force_login(manager)
    response = client.post(
        "/admin/webhooks/new/",
        {"name": "Zły", "url": url, "events": ["published"], "active": "on", "secret": "whsec_x"},
    )
    assert response.status_code == 200 and says in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_partnership_editor_adds_an_endpoint_with_its_kinds_of_change(client, manager):
    client.force_login(manager)
    response = client.post(
        "/admin/webhooks/new/",
        {
            "name": "Portal miejski",
            "url": "https://portal.example/hooks/pomost",
            "events": ["published", "moved"],
            "active": "on",
            "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["published", "moved"] and endpoint.active


def test_a_receiver_dripping_its_answer_is_cut_off_at_the_deadline(
    endpoint, make_news, committed, settings
):
    """Each byte comes within the socket timeout; the whole answer never does."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 1
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip():
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.is_set():
                try:
                    connection.sendall(b"X")
                except OSError:
                    return
                time.sleep(0.2)

    threading.Thread(target=drip, daemon=True).start()
    endpoint.url = f"http://127.0.0.1:{listener.getsockname()[1]}/hook"
    endpoint.save()
    started = time.monotonic()
    try:
        with committed():
            make_news("Festiwal")
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 3
    attempt = WebhookAttempt.objects.get()
    assert attempt.response_status is None and "timed out" in attempt.error
    assert WebhookDelivery.objects.get().status != "delivered"


def test_the_address_checked_is_the_address_called(
    endpoint, receiver, make_news, committed, settings, monkeypatch
):
    """A name is resolved once: whatever it resolves to is checked and called
    (a second DNS answer cannot send the request elsewhere)."""
    port = receiver.server.server_address[1]
    real = socket.getaddrinfo
    answers = []

    def resolve(host, *args, **kwargs):
        if host == "portal.example":
            answers.append(host)
            return real("127.0.0.1", *args, **kwargs)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    endpoint.url = f"http://portal.example:{port}/hooks"
    endpoint.save()
    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = False
    with committed():
        make_news("Festiwal")
    assert receiver.requests == [] and len(answers) == 1
    assert "sieci prywatnej" in WebhookAttempt.objects.get().error

    settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS = True  # a receiver on this machine, in development
    WebhookEndpoint.objects.update(active=True)  # switched off by the refusal (no retries here)
    with committed():
        make_news("Koncert")
    (request,) = receiver.requests
    assert request[0]["host"] == f"portal.example:{port}"
    assert len(answers) == 2  # one resolution per attempt


def test_receivers_hear_nothing_of_what_the_public_cannot_see(
    endpoint, receiver, make_news, committed, news_index
):
    from wagtail.models import PageViewRestriction

    endpoint.events = ["published", "unpublished", "restriction_changed", "changed"]
    endpoint.save()
    with committed():
        embargoed = make_news("Zwolnienia w zarządzie", publish_it=False)
        embargoed.go_live_at = timezone.now() + datetime.timedelta(days=3)
        embargoed.save_revision().publish()  # scheduled, not live
        draft = make_news("Szkic uchwały", publish_it=False)
        PageViewRestriction.objects.create(page=draft, restriction_type="login")
        behind_login = make_news("Uchwała poufna", publish_it=False)
        PageViewRestriction.objects.create(page=behind_login, restriction_type="login")
        behind_login.save_revision().publish()
    assert receiver.payloads() == []

    with committed():
        public = make_news("Festiwal")
    with committed():
        public.unpublish()
    types = [payload["type"] for payload in receiver.payloads()]
    assert types[0] == "content.published" and types[-1] == "content.unpublished"


def test_receivers_hear_nothing_when_a_page_the_public_never_saw_goes(
    endpoint, receiver, make_news, committed, pomost
):
    from wagtail.models import PageViewRestriction

    from pages.models import StandardPage

    endpoint.events = ["unpublished", "deleted", "restriction_changed", "expired"]
    endpoint.save()
    with committed():
        board = pomost.root_page.add_child(instance=StandardPage(title="Zarząd wewnętrzny"))
        board.save_revision().publish()
        PageViewRestriction.objects.create(page=board, restriction_type="login")
        salaries = board.add_child(instance=StandardPage(title="Poufne wynagrodzenia 2027"))
        salaries.save_revision().publish()
        layoffs = make_news("Tajny plan zwolnień")
        PageViewRestriction.objects.create(page=layoffs, restriction_type="login")
        shown = make_news("Festyn")
    receiver.requests.clear()

    with committed():
        salaries.unpublish()  # under a restricted section: never public
    with committed():
        salaries.delete()
    with committed():
        layoffs.delete()  # restricted itself: never public
    with committed():
        PageViewRestriction.objects.create(page=salaries_sibling(board), restriction_type="login")
    assert receiver.payloads() == []

    with committed():
        shown.delete()
    assert [p["type"] for p in receiver.payloads()] == ["content.deleted"]


def salaries_sibling(board):
    from pages.models import StandardPage

    sibling = board.add_child(instance=StandardPage(title="Regulamin wewnętrzny"))
    sibling.save_revision().publish()
    return sibling


def test_a_publish_is_told_whatever_an_earlier_draft_save_left_on_the_object(
    endpoint, receiver, committed, pomost
):
    from wagtail.signals import page_published

    from pages.models import StandardPage

    with committed():
        page = pomost.root_page.add_child(instance=StandardPage(title="Nabór", live=False))
        page.save()  # a draft save reads "was it public?" (no) onto the object
        assert page._core_was_public is False
        page.live = True  # and the same object is published
        page.save()
        page_published.send(sender=StandardPage, instance=page, revision=None)
    assert [p["type"] for p in receiver.payloads()] == ["content.published"]
