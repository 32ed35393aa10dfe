"""Scheduled publishing, done by the task worker at the moments editors chose.

Wagtail publishes a scheduled revision, and unpublishes an expired page or
snippet, only when `publish_scheduled` runs. Here the worker (django-tasks with
its database backend, `manage.py db_worker`) runs it:

- at each moment something is due: a revision's go-live, a live object's expiry,
  queued when they are saved;
- every minute, as a safety net: a task that queues itself again
  (`manage.py schedule_publishing` starts it, and starting it twice is harmless).

Publishing goes through Wagtail, so the "public content changed" event fires on
time. A failed run is queued again after a growing delay (RETRY_DELAYS).
"""

import datetime
import io
import logging

from django.core.management import call_command
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django_tasks import TaskResultStatus, task, task_backends
from wagtail.models import DraftStateMixin, Revision

from .media import settle_misplaced

logger = logging.getLogger(__name__)

RETRY_DELAYS = (10, 60, 300, 1800)  # seconds; then the failure stands
SAFETY_NET_SECONDS = 60


def can_schedule():
    """Whether the task backend can run a task later (the immediate backend of
    the tests cannot: there the scheduler runs only when a test asks)."""
    return task_backends["default"].supports_defer


def retry_later(task_, retry, **kwargs):
    """Queue `task_` again after the next delay; False when no retry is left."""
    if retry >= len(RETRY_DELAYS) or not can_schedule():
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=RETRY_DELAYS[retry])
    task_.using(run_after=run_after).enqueue(retry=retry + 1, **kwargs)
    return True


@task()
def publish_due(retry=0):
    """Publish the revisions whose go-live has come and unpublish what expired."""
    try:
        # One transaction: each publication is announced once, after commit.
        with transaction.atomic():
            call_command("publish_scheduled", stdout=io.StringIO())
    except Exception:
        if not retry_later(publish_due, retry):
            raise
        logger.warning("Scheduled publishing failed; retrying (%d)", retry + 1, exc_info=True)


@task()
def publish_due_every_minute():
    """The safety net: publish what is due, put image files on the side their
    collection is on (core.media), then queue the next check."""
    try:
        publish_due.call()
        try:
            settle_misplaced()
        except Exception:
            logger.exception("Settling image files failed; the next check tries again")
    finally:
        queue_safety_net()


def queue_safety_net():
    """Queue the next minute's check, unless one is already waiting."""
    if not can_schedule():
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=publish_due_every_minute.module_path
    )
    if waiting.exists():
        return False
    run_after = timezone.now() + datetime.timedelta(seconds=SAFETY_NET_SECONDS)
    publish_due_every_minute.using(run_after=run_after).enqueue()
    return True


def publish_at(moment):
    """Have the worker publish what is due at `moment`, once the current
    transaction commits (a second run for the same moment finds nothing to do)."""
    if moment is None or moment <= timezone.now() or not can_schedule():
        return
    # A second after: publish_scheduled takes what is strictly past.
    run_after = moment + datetime.timedelta(seconds=1)
    transaction.on_commit(lambda: publish_due.using(run_after=run_after).enqueue())


def _on_revision_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        publish_at(instance.approved_go_live_at)


def _on_saved(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, DraftStateMixin) and instance.live:
        publish_at(instance.expire_at)


def connect():
    post_save.connect(_on_revision_saved, sender=Revision, dispatch_uid="core-schedule-go-live")
    post_save.connect(_on_saved, dispatch_uid="core-schedule-expiry")
