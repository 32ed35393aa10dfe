"""Seed the benchmark database: the initial content, 500 organizations with
logos and N published news pages (default 5,000; `BENCH_NEWS`) with images,
tags and organizations.

News pages are written in bulk, a thousand rows per statement, with the tree
paths treebeard would give them (Wagtail's `add_child` one page at a time
would take an hour for 50,000). Run with DJANGO_SETTINGS_MODULE=benchmarks.settings;
adds only what is missing, so a second run does nothing.
"""

import datetime
import io
import os
import random
import sys
import uuid

import django

NEWS_PAGES = 5_000
ORGANIZATIONS = 500
IMAGES = 300
BATCH = 1_000


def seed(news_pages):
    from django.core.management import call_command
    from django.db import connection, transaction
    from tqdm import tqdm
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from organizations.models import Organization

    call_command("migrate", verbosity=0)
    call_command("load_pomost", verbosity=0, stdout=io.StringIO())

    rng = random.Random(2012)
    with transaction.atomic():
        images = list(Image.objects.filter(title__startswith="bench "))
        for number in tqdm(range(len(images), IMAGES), desc="images", unit="img"):
            images.append(
                Image.objects.create(
                    title=f"bench {number}",
                    file=get_test_image_file(f"bench-{number}.png", size=(1280, 853)),
                )
            )
        organizations = list(Organization.objects.all())
        for number in tqdm(
            range(len(organizations), ORGANIZATIONS), desc="organizations", unit="org"
        ):
            organization = Organization(
                name=f"Stowarzyszenie Ławeczka nr {number:03d}",
                logo=rng.choice(images),
                member_since=datetime.date(2012, 2, 23),
            )
            organization.full_clean()
            organization.save()
            organizations.append(organization)

    # The renditions the news list asks for (srcSet 320 and 640), made once
    # here rather than by the first requests measured.
    for image in tqdm(images, desc="renditions", unit="img"):
        image.get_renditions("width-320", "width-640")

    add_news(news_pages, images, organizations, rng)
    if connection.vendor == "postgresql":  # planner statistics, as autovacuum leaves them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def add_news(wanted, images, organizations, rng):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone
    from taggit.models import Tag
    from tqdm import tqdm
    from wagtail.models import Page

    from pages.models import NewsIndexPage, NewsPage, NewsPageTag

    index = NewsIndexPage.objects.get()
    existing = NewsPage.objects.count()
    if existing >= wanted:
        print(f"seed: {existing} news pages already there")
        return
    last = index.get_last_child()
    step = Page._str2int(last.path[-Page.steplen :]) if last else 0
    content_type = ContentType.objects.get_for_model(NewsPage)
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": name})[0]
        for name in [*(f"temat-{n}" for n in range(40)), "pomost"]
    ]
    linked = NewsPage.related_organizations.through
    now = timezone.now()
    body = NewsPage._meta.get_field("body").get_prep_value(
        NewsPage(body=[("paragraph", "<p>Treść wiadomości.</p>")]).body
    )

    with tqdm(total=wanted, initial=existing, desc="news pages", unit="page") as progress:
        for start in range(existing, wanted, BATCH):
            numbers = range(start, min(start + BATCH, wanted))
            with transaction.atomic():
                pages = []
                for number in numbers:
                    step += 1
                    title = f"Aktualność numer {number}"
                    slug = f"aktualnosc-{number}"
                    pages.append(
                        Page(
                            path=Page._get_path(index.path, index.depth + 1, step),
                            depth=index.depth + 1,
                            numchild=0,
                            title=title,
                            draft_title=title,
                            slug=slug,
                            url_path=f"{index.url_path}{slug}/",
                            content_type=content_type,
                            locale_id=index.locale_id,
                            translation_key=uuid.uuid4(),
                            live=True,
                            has_unpublished_changes=False,
                            first_published_at=now,
                            last_published_at=now,
                        )
                    )
                Page.objects.bulk_create(pages)
                news = [
                    NewsPage(
                        page_ptr_id=page.pk,
                        intro="Krótka zapowiedź wiadomości z życia legnickich organizacji.",
                        date=datetime.date(2012, 2, 23) + datetime.timedelta(days=number),
                        main_image_id=rng.choice(images).pk,
                        body=body,
                    )
                    for number, page in zip(numbers, pages, strict=True)
                ]
                # The child table's rows beside the pages' (bulk_create cannot
                # write both tables of a multi-table model): what Django's own
                # save does for each parent in turn.
                NewsPage._base_manager._insert(news, fields=NewsPage._meta.local_concrete_fields)
                NewsPageTag.objects.bulk_create(
                    NewsPageTag(content_object_id=page.pk, tag=tag)
                    for number, page in zip(numbers, pages, strict=True)
                    for tag in (tags[number % 40], tags[-1])
                )
                linked.objects.bulk_create(
                    linked(newspage_id=page.pk, organization_id=organization.pk)
                    for page in pages
                    for organization in rng.sample(organizations, 3)
                )
                Page.objects.filter(pk=index.pk).update(numchild=step)
            progress.update(len(numbers))
    print(f"seed: {NewsPage.objects.count()} news pages")


if __name__ == "__main__":
    django.setup()
    seed(int(os.environ.get("BENCH_NEWS", NEWS_PAGES)))
    sys.exit(0)
