"""Editors' preview and "view live" show each page type and organization profile."""

import datetime

import pytest
from django.test import RequestFactory

from organizations.models import Organization
from pages.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/", "POMOST"),
        ("/historia/", "Debata o przyszłości współpracy"),
        ("/deklaracja/", "Fundacja ARCHE"),
        ("/aktualnosci/", "Aktualności"),
        ("/wydarzenia/", "Wydarzenia"),
    ],
)
def test_every_section_renders_as_html(client, pomost, path, text):
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200
    assert text in response.content.decode()


def test_news_and_event_pages_render(client, make_news):
    make_news("Festyn na Rynku", intro="Zapraszamy!")
    event = EventPage(
        title="Bal Organizacji",
        start=datetime.datetime(2026, 12, 5, 19, 0, tzinfo=datetime.UTC),
        place="Legnica",
    )
    EventIndexPage.objects.get().add_child(instance=event)
    event.save_revision().publish()
    assert (
        "Zapraszamy!"
        in client.get("/aktualnosci/festyn-na-rynku/", HTTP_HOST="localhost").content.decode()
    )
    assert (
        "Legnica"
        in client.get("/wydarzenia/bal-organizacji/", HTTP_HOST="localhost").content.decode()
    )


def test_organization_profile_preview_renders(pomost):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    arche.description = "<p>Podgląd opisu</p>"
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    response = arche.serve_preview(request, arche.default_preview_mode)
    content = (
        response.render().content.decode()
        if hasattr(response, "render")
        else response.content.decode()
    )
    assert "Fundacja ARCHE" in content and "Podgląd opisu" in content
