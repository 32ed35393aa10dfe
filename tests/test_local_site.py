"""`make run` points the default site at the local server, so the absolute URLs
the API gives lead somewhere on a developer's machine."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def run():
    out = io.StringIO()
    call_command("ensure_local_site", stdout=out)
    return out.getvalue()


def test_page_urls_lead_to_the_local_server_after_make_run(graphql, pomost, settings):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    run()
    page = graphql('{ page(urlPath: "/historia/") { url } }')["page"]
    assert page == {"url": "http://127.0.0.1:8000/historia/"}


def test_a_site_an_editor_set_up_is_left_alone(pomost, settings):
    settings.DEBUG = True
    Site.objects.filter(pk=pomost.pk).update(hostname="pomost.legnica.pl", port=443)
    assert "left as it is" in run()
    assert Site.objects.get(pk=pomost.pk).hostname == "pomost.legnica.pl"


def test_it_refuses_to_run_outside_development(pomost, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="local development"):
        run()
