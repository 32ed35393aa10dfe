"""The seeded sections are in the site's menu, on new sites (load_pomost) and on
sites loaded before (a data migration), and stay there when a draft is published."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Page

pytestmark = pytest.mark.django_db

MENU = '{ page(urlPath: "/") { children(inMenu: true) { title } } }'
SECTIONS = ["Historia", "Deklaracja", "Aktualności", "Wydarzenia"]


def menu(graphql):
    return sorted(page["title"] for page in graphql(MENU)["page"]["children"])


def test_the_seeded_sections_are_in_the_menu(graphql, pomost):
    assert menu(graphql) == sorted(SECTIONS)


def test_the_migration_puts_sections_of_an_older_site_in_the_menu(graphql, pomost):
    history = Page.objects.get(slug="historia").specific
    history.show_in_menus = False
    history.save_revision().publish()  # as the site was before: not in menus
    history.title = "Historia partnerstwa"
    history.save_revision()  # and a pending draft
    assert "Historia" not in menu(graphql)

    migration = importlib.import_module("pages.migrations.0006_seeded_sections_in_menus")
    migration.show_sections_in_menus(apps, None)

    assert "Historia" in menu(graphql)
    Page.objects.get(slug="historia").specific.get_latest_revision().publish()
    assert "Historia partnerstwa" in menu(graphql)  # the published draft kept it
