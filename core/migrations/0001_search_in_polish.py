"""The text search configuration of Wagtail's search index on PostgreSQL
(core.search): `simple` behind `unaccent`, so that neither case nor Polish
letters matter. Nothing to do on other databases.

Search entries indexed before this migration keep the old configuration's
words: run `manage.py update_index` once after it."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "simple_unaccent"
WORD_TOKENS = (
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part, "
    "numword, numhword, hword_numpart"
)


class CreateUnaccentExtension(UnaccentExtension):
    """Django's operation does nothing on other databases going forwards, but
    looks for PostgreSQL's catalogue going backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
        f"ALTER MAPPING FOR {WORD_TOKENS} WITH unaccent, simple"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [
        CreateUnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
    ]
