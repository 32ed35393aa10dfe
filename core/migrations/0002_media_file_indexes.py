"""Indexes for finding an image or a rendition by its file name: the app's view
of private media files (core.views.private_media) answers by name, for every
thumbnail an editor sees. Wagtail's own tables, so by SQL; the same on SQLite
and PostgreSQL."""

from django.db import migrations

INDEXES = [
    ("pomost_image_file", "wagtailimages_image"),
    ("pomost_rendition_file", "wagtailimages_rendition"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_search_in_polish"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} (file)",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, table in INDEXES
    ]
