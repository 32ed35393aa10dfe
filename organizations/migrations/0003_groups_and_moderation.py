"""The groups "Redakcja POMOST" and "Organizacje członkowskie" and the workflow
"Zatwierdzenie profilu" for organizations (organizations.accounts; load_pomost
runs the same and only adds what is missing)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    from organizations.accounts import ensure_groups_and_workflow

    # Permissions are made after all migrations run; these groups need them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    ensure_groups_and_workflow(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_organizationeditor"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("site_settings", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
