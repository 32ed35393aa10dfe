"""Shared fixtures: the loaded POMOST site, a GraphQL client and small builders."""

import datetime
import io
import json

import pytest
from django.core.cache import caches
from django.core.management import call_command
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from organizations.models import Organization
from pages.models import HomePage, NewsIndexPage, NewsPage


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_caches():
    """Rolling back the database does not empty the caches: start each test clean."""
    for each in caches.all():
        each.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the site as `make run` leaves it, loaded once; each
    test runs in a transaction that is rolled back."""
    with django_db_blocker.unblock():
        call_command("load_pomost", stdout=io.StringIO())


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Wraps a change as the admin makes it: in a transaction that then commits, so
    that what waits for the commit (the "public content changed" event, and the
    cache invalidation that follows it) happens too."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def pomost(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home(pomost):
    return HomePage.objects.get()


@pytest.fixture
def news_index(pomost):
    return NewsIndexPage.objects.get()


class GraphQLClient:
    def __init__(self, client):
        self.client = client

    def post(self, query, variables=None):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.client.post(
            "/graphql/", json.dumps(body), content_type="application/json", HTTP_HOST="localhost"
        )

    def __call__(self, query, variables=None):
        """Runs a query that must succeed; returns its `data`."""
        response = self.post(query, variables)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def errors(self, query, variables=None):
        """Runs a query that must fail; returns its error messages."""
        payload = self.post(query, variables).json()
        assert payload.get("errors"), payload
        return [error["message"] for error in payload["errors"]]


@pytest.fixture
def graphql(client):
    return GraphQLClient(client)


def publish(instance):
    """Publish an instance the way the admin does: through a revision."""
    instance.save_revision().publish()
    instance.refresh_from_db()
    return instance


@pytest.fixture
def make_organization(db):
    def make(name, publish_it=True, **fields):
        organization = Organization(name=name, live=publish_it, **fields)
        organization.full_clean()
        organization.save()
        if publish_it:
            publish(organization)
        return organization

    return make


@pytest.fixture
def make_image(db):
    def make(title="Zdjęcie", file=None, **fields):
        file = file or get_test_image_file(size=(80, 60))  # small: tests make many
        return Image.objects.create(title=title, file=file, **fields)

    return make


@pytest.fixture
def make_news(news_index):
    def make(title, publish_it=True, date=None, **fields):
        page = NewsPage(
            title=title, date=date or datetime.date(2026, 11, 1), live=publish_it, **fields
        )
        news_index.add_child(instance=page)
        if publish_it:
            publish(page)
        else:
            page.save_revision()
        return page

    return make
