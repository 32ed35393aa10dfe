"""Scheduled go-lives and expiries happen on time, done by the task worker alone:
nobody runs `publish_scheduled`. The clock is controlled; the worker is the real
one (`db_worker`), run in batch mode whenever the test lets time pass."""

import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core import tasks
from core.events import Kind, public_content_changed
from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import StandardPage

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def worker(settings, monkeypatch):
    """Tasks go to the database; `worker()` is the worker doing what is due now.
    It runs inside the test's transaction, so it must not recycle the database
    connection between tasks as a long-running worker does."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run():
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO()
        )

    return run


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


@pytest.fixture
def events():
    received = []

    def receive(sender, change, **kwargs):
        received.append((change.model, change.kind))

    public_content_changed.connect(receive)
    yield received
    public_content_changed.disconnect(receive)


def title_of(graphql, slug):
    page = graphql(f'{{ page(slug: "{slug}") {{ title }} }}')["page"]
    return page and page["title"]


def test_a_page_goes_live_at_its_time_and_expires_at_its_time(
    graphql, pomost, worker, clock, committed
):
    with committed():
        page = StandardPage(title="Zapowiedź", slug="zapowiedz", live=False)
        pomost.root_page.add_child(instance=page)
        page.go_live_at = timezone.now() + 10 * MINUTE
        page.expire_at = timezone.now() + 20 * MINUTE
        page.save_revision().publish()
    worker()
    assert title_of(graphql, "zapowiedz") is None

    clock.shift(10 * MINUTE + datetime.timedelta(seconds=2))
    assert title_of(graphql, "zapowiedz") is None  # it is the worker that publishes
    with committed():
        worker()
    assert title_of(graphql, "zapowiedz") == "Zapowiedź"

    clock.shift(10 * MINUTE)
    assert title_of(graphql, "zapowiedz") is None  # expired by the clock already
    with committed():
        worker()
    page.refresh_from_db()
    assert not page.live and page.expired  # and unpublished by the worker


def test_an_organization_and_a_council_term_go_live_on_time(
    graphql, worker, clock, committed, events
):
    with committed():
        org = Organization(name="Fundacja Jutro", live=False)
        org.save()
        org.go_live_at = timezone.now() + MINUTE
        org.save_revision().publish()
        term = CouncilTerm(start_date=datetime.date(2026, 1, 1), live=False)
        term.members = [CouncilMember(person_name="Nowa Osoba", organization=org)]
        term.save()
        term.go_live_at = timezone.now() + 2 * MINUTE
        term.save_revision().publish()
    query = '{ organization(slug: "fundacja-jutro") { name } partnershipCouncil { startDate } }'
    worker()
    assert graphql(query) == {
        "organization": None,
        "partnershipCouncil": {"startDate": "2012-02-23"},
    }

    clock.shift(MINUTE + datetime.timedelta(seconds=2))
    with committed():
        worker()
    assert graphql(query) == {
        "organization": {"name": "Fundacja Jutro"},
        "partnershipCouncil": {"startDate": "2012-02-23"},
    }
    clock.shift(MINUTE)
    with committed():
        worker()
    assert graphql(query)["partnershipCouncil"] == {"startDate": "2026-01-01"}
    assert ("organizations.Organization", Kind.PUBLISHED) in events
    assert ("organizations.CouncilTerm", Kind.PUBLISHED) in events


def test_editors_schedule_an_organization_from_its_edit_screen(client, worker, committed):
    editor = get_user_model().objects.create_superuser("redakcja", "r@example.org", "x")
    client.force_login(editor)
    arche = Organization.objects.get(slug="fundacja-arche")
    url = reverse("wagtailsnippets_organizations_organization:edit", args=(arche.pk,))
    form = client.get(url).content.decode()
    assert 'name="go_live_at"' in form and 'name="expire_at"' in form
    assert (
        client.get(
            reverse(
                "wagtailsnippets_organizations_councilterm:edit",
                args=(CouncilTerm.objects.get().pk,),
            )
        )
        .content.decode()
        .count('name="go_live_at"')
        == 1
    )


def test_the_safety_net_checks_every_minute_and_is_queued_once(worker, clock):
    out = io.StringIO()
    call_command("schedule_publishing", stdout=out)
    call_command("schedule_publishing", stdout=out)
    assert "already queued" in out.getvalue()
    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=tasks.publish_due_every_minute.module_path
    )
    assert waiting.count() == 1

    Organization.objects.filter(slug="fundacja-arche").update(
        expire_at=timezone.now() + datetime.timedelta(seconds=30)
    )  # by hand: no task was queued for this expiry
    clock.shift(MINUTE + datetime.timedelta(seconds=1))
    worker()
    assert not Organization.objects.get(slug="fundacja-arche").live
    assert waiting.count() == 1  # the next check, a minute later
    assert waiting.get().run_after > timezone.now()


def test_a_failed_run_is_queued_again_with_a_growing_delay(worker, clock, monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("database restarting")

    monkeypatch.setattr(tasks, "call_command", failing)
    delays = []
    for retry in range(len(tasks.RETRY_DELAYS)):
        tasks.publish_due.call(retry=retry)
        queued = DBTaskResult.objects.get(
            task_path=tasks.publish_due.module_path, args_kwargs__kwargs__retry=retry + 1
        )
        delays.append(round((queued.run_after - timezone.now()).total_seconds()))
    assert delays == list(tasks.RETRY_DELAYS)
    with pytest.raises(RuntimeError):
        tasks.publish_due.call(retry=len(tasks.RETRY_DELAYS))


def test_editors_schedule_reschedule_and_cancel_a_news_item_from_the_editor(
    client, worker, clock, committed, graphql, news_index
):
    from pages.models import NewsPage
    from tests.test_admin_editor import add_news_url, news_form

    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "x"))
    local = timezone.localtime()

    def at(minutes):
        return (local + minutes * MINUTE).strftime("%Y-%m-%d %H:%M")

    query = '{ page(slug: "festyn-2026") { title } }'
    with committed():
        response = client.post(
            add_news_url(news_index), {**news_form(go_live_at=at(10)), "action-publish": "1"}
        )
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="festyn-2026")
    assert page.scheduled_revision is not None and graphql(query)["page"] is None

    # Rescheduled to later, as Wagtail has editors do it (a scheduled page is
    # locked): cancel the schedule, then publish with the new time. Nothing at
    # the first time, live at the second.
    unschedule = reverse(
        "wagtailadmin_pages:revisions_unschedule", args=(page.pk, page.scheduled_revision.pk)
    )
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    with committed():
        assert client.post(unschedule).status_code == 302
        response = client.post(edit, {**news_form(go_live_at=at(30)), "action-publish": "1"})
    assert response.status_code == 302
    clock.shift(11 * MINUTE)
    with committed():
        worker()
    assert graphql(query)["page"] is None
    clock.shift(20 * MINUTE)
    with committed():
        worker()
    assert graphql(query)["page"] == {"title": "Festyn Organizacji Pozarządowych"}


def test_a_cancelled_schedule_never_goes_live(
    client, worker, clock, committed, graphql, news_index
):
    from pages.models import NewsPage
    from tests.test_admin_editor import add_news_url, news_form

    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "x"))
    go_live = (timezone.localtime() + 10 * MINUTE).strftime("%Y-%m-%d %H:%M")
    with committed():
        client.post(
            add_news_url(news_index), {**news_form(go_live_at=go_live), "action-publish": "1"}
        )
    page = NewsPage.objects.get(slug="festyn-2026")
    revision = page.scheduled_revision
    unschedule = reverse("wagtailadmin_pages:revisions_unschedule", args=(page.pk, revision.pk))
    with committed():
        assert client.post(unschedule).status_code == 302
    assert NewsPage.objects.get(pk=page.pk).scheduled_revision is None
    clock.shift(15 * MINUTE)
    with committed():
        worker()
    assert graphql('{ page(slug: "festyn-2026") { title } }')["page"] is None
