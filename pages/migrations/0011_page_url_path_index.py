"""An index for looking pages up by their path (`page(urlPath:)`, redirects, the
portal's every page view): Wagtail's url_path has none, so each look-up read the
whole page table. Wagtail's own table, so by SQL; the same on SQLite and
PostgreSQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0010_call_to_action_public_page"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS pomost_page_url_path ON wagtailcore_page (url_path)",
            reverse_sql="DROP INDEX IF EXISTS pomost_page_url_path",
        ),
    ]
