"""`redirect(path)` lets the portal follow an old address as the HTML site does:
to public pages only."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

pytestmark = pytest.mark.django_db

QUERY = (
    "query ($path: String!) { redirect(path: $path) { oldPath url isPermanent page { title } } }"
)


def follow(graphql, path):
    return graphql(QUERY, {"path": path})["redirect"]


def test_a_renamed_page_is_followed_to_its_new_url(graphql, pomost, committed):
    history = Page.objects.get(slug="historia").specific
    history.slug = "nasza-historia"
    with committed():
        history.save_revision().publish()
    assert Redirect.objects.filter(old_path="/historia").exists()  # made by Wagtail
    assert follow(graphql, "/historia/") == {
        "oldPath": "/historia",
        "url": "http://localhost/nasza-historia/",
        "isPermanent": True,
        "page": {"title": history.title},
    }


def test_a_redirect_leads_to_the_portal_when_it_is_set_up(graphql, pomost, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.pl"
    Redirect.objects.create(
        old_path="/stara-historia", redirect_page=Page.objects.get(slug="historia")
    )
    assert follow(graphql, "/stara-historia")["url"] == "https://portal.example.pl/historia/"


def test_a_redirect_to_a_page_that_is_no_longer_public_leads_nowhere(graphql, pomost):
    history = Page.objects.get(slug="historia")
    Redirect.objects.create(old_path="/stara-historia", redirect_page=history)
    assert follow(graphql, "/stara-historia/")["page"] == {"title": history.title}
    history.specific.unpublish()
    assert follow(graphql, "/stara-historia/") is None


def test_a_redirect_to_another_address_gives_it_absolute(graphql, pomost):
    Redirect.objects.create(
        old_path="/facebook", redirect_link="https://facebook.com/pomost", is_permanent=False
    )
    Redirect.objects.create(old_path="/kontakt", redirect_link="/o-nas/")
    assert follow(graphql, "/facebook") == {
        "oldPath": "/facebook",
        "url": "https://facebook.com/pomost",
        "isPermanent": False,
        "page": None,
    }
    assert follow(graphql, "/kontakt/")["url"] == "http://localhost/o-nas/"


def test_a_path_with_its_query_string_finds_the_bare_redirect(graphql, pomost):
    Redirect.objects.create(old_path="/kontakt", redirect_link="/o-nas/")
    assert follow(graphql, "/kontakt/?utm_source=plakat")["oldPath"] == "/kontakt"


def test_an_unknown_path_leads_nowhere(graphql, pomost):
    assert follow(graphql, "/nie-ma-takiej/") is None
    assert follow(graphql, "") is None


def test_an_overlong_or_binary_path_is_refused_before_it_runs(client, pomost):
    for path in ("/a" * 600, "/a\u0000b"):
        response = client.post(
            "/graphql/",
            {"query": QUERY, "variables": {"path": path}},
            content_type="application/json",
        )
        assert response.status_code == 400
        assert "`path`" in response.json()["errors"][0]["message"]
