"""The sections the initial content creates (history, declaration, news, events)
are shown in menus: `load_pomost` sets it for new sites, this for existing ones.
The latest revision gets it too, so publishing a pending draft keeps it."""

from django.db import migrations

SECTIONS = ["historypage", "declarationpage", "newsindexpage", "eventindexpage"]


def show_sections_in_menus(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    home_type = ContentType.objects.filter(app_label="pages", model="homepage").first()
    section_types = ContentType.objects.filter(app_label="pages", model__in=SECTIONS)
    if home_type is None:
        return
    for home in Page.objects.filter(content_type=home_type):
        sections = Page.objects.filter(
            content_type__in=section_types,
            path__startswith=home.path,
            depth=home.depth + 1,
            show_in_menus=False,
        )
        for section in sections:
            section.show_in_menus = True
            section.save(update_fields=["show_in_menus"])
            revision = section.latest_revision
            if revision is not None and revision.content.get("show_in_menus") is False:
                revision.content["show_in_menus"] = True
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_page_share_image"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(show_sections_in_menus, migrations.RunPython.noop)]
