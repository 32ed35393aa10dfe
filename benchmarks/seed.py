"""Seed the benchmark database: the initial content, 500 organizations with
logos and 5,000 published news pages with images, tags and organizations.

Run with DJANGO_SETTINGS_MODULE=benchmarks.settings; does nothing when the
volume is already there.
"""

import datetime
import io
import random
import sys

import django

NEWS_PAGES = 5_000
ORGANIZATIONS = 500
IMAGES = 300


def seed():
    from django.core.management import call_command
    from django.db import connection, transaction
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organizations.models import Organization
    from pages.models import NewsIndexPage, NewsPage

    call_command("migrate", verbosity=0)
    call_command("load_pomost", verbosity=0, stdout=io.StringIO())
    if NewsPage.objects.count() >= NEWS_PAGES:
        print(f"seed: {NewsPage.objects.count()} news pages already there")
        analyze(connection)
        return

    rng = random.Random(2012)
    with transaction.atomic():
        images = list(Image.objects.filter(title__startswith="bench "))
        for number in range(len(images), IMAGES):
            images.append(
                Image.objects.create(
                    title=f"bench {number}",
                    file=get_test_image_file(f"bench-{number}.png", size=(1280, 853)),
                )
            )
        organizations = list(Organization.objects.all())
        for number in range(len(organizations), ORGANIZATIONS):
            organization = Organization(
                name=f"Stowarzyszenie Ławeczka nr {number:03d}",
                logo=rng.choice(images),
                member_since=datetime.date(2012, 2, 23),
            )
            organization.full_clean()
            organization.save()
            organizations.append(organization)
        print(f"seed: {len(images)} images, {len(organizations)} organizations")

    news_index = NewsIndexPage.objects.get()
    existing = NewsPage.objects.count()
    for number in range(existing, NEWS_PAGES):
        with transaction.atomic():
            news = NewsPage(
                title=f"Aktualność numer {number}",
                slug=f"aktualnosc-{number}",
                date=datetime.date(2012, 2, 23) + datetime.timedelta(days=number),
                intro="Krótka zapowiedź wiadomości z życia legnickich organizacji.",
                main_image=rng.choice(images),
                body=[("paragraph", "<p>Treść wiadomości.</p>")],
            )
            news_index.add_child(instance=news)
            news.tags.add(f"temat-{number % 40}", "pomost")
            news.related_organizations.set(rng.sample(organizations, 3))
            news.save()
        if number % 500 == 0:
            print(f"seed: {number} news pages", flush=True)
    print(f"seed: {NewsPage.objects.count()} news pages")
    analyze(connection)


def analyze(connection):
    """Fresh planner statistics, as autovacuum would leave them on a live site."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    django.setup()
    seed()
    sys.exit(0)
