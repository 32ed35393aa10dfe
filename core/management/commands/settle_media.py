"""Put every image's files on the side its collection is on (core.media)."""

from django.core.management.base import BaseCommand

from core.media import settle_all


class Command(BaseCommand):
    help = (
        "Moves the files of images in restricted collections where no web server "
        "serves them, and those of public images back; drops renditions made on the "
        "wrong side. The admin does this as images and collections change: run it "
        "after restoring media or changing collections outside the admin. Harmless "
        "to run again."
    )

    def handle(self, *args, **options):
        moved = settle_all()
        self.stdout.write(f"Image files moved: {moved}.")
