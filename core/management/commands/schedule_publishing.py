"""Start the worker's minute-by-minute check for scheduled publishing."""

from django.core.management.base import BaseCommand, CommandError

from core.tasks import can_schedule, queue_safety_net


class Command(BaseCommand):
    help = (
        "Queues the task that publishes scheduled revisions and unpublishes expired "
        "pages and snippets every minute (the task worker runs it). Harmless to run again."
    )

    def handle(self, *args, **options):
        if not can_schedule():
            raise CommandError("The task backend cannot run tasks later; see TASKS in settings.")
        if queue_safety_net():
            self.stdout.write("Scheduled publishing: the minute-by-minute check is queued.")
        else:
            self.stdout.write("Scheduled publishing: the check was already queued; left alone.")
