"""Expired preview tokens are deleted by the task worker.

An expired token opens nothing already (look-ups ask for active ones); the
rows, each a snapshot of an editor's unsaved form, are only kept no longer
than needed. Making a token queues one cleanup for the next expiry unless one
is waiting; each cleanup queues the next while tokens remain.
"""

import datetime

from django.db.models import Min
from django_tasks import TaskResultStatus, task

from core.tasks import can_schedule

from .models import PreviewToken


@task()
def delete_expired_preview_tokens():
    """Delete every expired token, then queue the cleanup of the next ones."""
    deleted, _ = PreviewToken.objects.expired().delete()
    first = PreviewToken.objects.aggregate(moment=Min("expires_at"))["moment"]
    queue_cleanup(first)
    return deleted


def queue_cleanup(moment):
    """Have the worker clean up just after `moment`, unless a cleanup is already
    waiting (it queues the next one itself)."""
    if moment is None or not can_schedule():
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=delete_expired_preview_tokens.module_path
    )
    if waiting.exists():
        return False
    run_after = moment + datetime.timedelta(seconds=1)
    delete_expired_preview_tokens.using(run_after=run_after).enqueue()
    return True
