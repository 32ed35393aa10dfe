"""What browsers and CDNs are told about the API's answers: how long each may
keep a public GET answer, never past the next change by the clock, and which
request headers split their caches."""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page, Site

from organizations.models import Organization
from pages.models import HomePage, StandardPage

from .test_api_caching import expiring_page

pytestmark = pytest.mark.django_db

ARCHE = '{ organization(slug: "fundacja-arche") { name } }'
MANY_KINDS = (
    "{ pages(limit: 5) { title url } organizations(limit: 3) { items { name } }"
    ' organization(slug: "fundacja-arche") { name } }'
)


@pytest.fixture
def lifetimes(settings):
    settings.API_HTTP_CACHE_SECONDS = 60
    settings.API_HTTP_CDN_CACHE_SECONDS = 120
    settings.API_HTTP_STALE_WHILE_REVALIDATE_SECONDS = 60


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def get(client, query=ARCHE, **headers):
    return client.get("/graphql/", {"query": query}, HTTP_HOST="localhost", **headers)


def cache_control(response):
    """The directives of the response's Cache-Control, as {name: value or True}."""
    directives = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name] = int(value) if value else True
    return directives


def vary(response):
    return {name.strip().lower() for name in response.get("Vary", "").split(",") if name}


def last_served(directives):
    """The largest age at which some cache may still hand out the answer."""
    fresh = max(directives["max-age"], directives["s-maxage"])
    return fresh + directives.get("stale-while-revalidate", 0)


def page_expiring(home, seconds):
    expiring_page(home, seconds)


def page_going_live(home, seconds):
    page = StandardPage(title="Zapowiedź", slug="zapowiedz", live=False)
    home.add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=seconds)
    page.save_revision().publish()


def organization_expiring(home, seconds):
    arche = Organization.objects.get(slug="fundacja-arche")
    arche.expire_at = timezone.now() + datetime.timedelta(seconds=seconds)
    arche.save_revision().publish()


def organization_going_live(home, seconds):
    org = Organization(name="Fundacja Jutro", live=False)
    org.save()
    org.go_live_at = timezone.now() + datetime.timedelta(seconds=seconds)
    org.save_revision().publish()


CHANGES = [page_expiring, page_going_live, organization_expiring, organization_going_live]


def test_a_public_get_tells_browsers_and_cdns_how_long_to_keep_it(client, lifetimes):
    response = get(client)
    assert response.json()["data"]["organization"]["name"] == "Fundacja ARCHE"
    assert cache_control(response) == {
        "public": True,
        "max-age": 60,
        "s-maxage": 120,
        "stale-while-revalidate": 60,
    }


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (400, {"max-age": 60, "s-maxage": 120, "stale-while-revalidate": 60}),
        (150, {"max-age": 60, "s-maxage": 120, "stale-while-revalidate": 30}),
        (100, {"max-age": 60, "s-maxage": 100, "must-revalidate": True}),
        (30, {"max-age": 30, "s-maxage": 30, "must-revalidate": True}),
    ],
)
def test_no_cache_may_serve_an_answer_past_the_next_change_by_the_clock(
    client, home, lifetimes, clock, change, seconds, expected
):
    change(home, seconds)
    for response in (get(client), get(client)):  # run, then from the response cache
        assert cache_control(response) == {"public": True, **expected}
        assert last_served(cache_control(response)) <= seconds


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_an_answer_kept_for_a_while_is_capped_by_the_time_left(
    client, home, lifetimes, clock, change
):
    change(home, 150)
    etag = get(client)["ETag"]
    clock.shift(datetime.timedelta(seconds=100))
    stored = get(client)
    assert cache_control(stored) == {
        "public": True,
        "max-age": 50,
        "s-maxage": 50,
        "must-revalidate": True,
    }
    # A CDN asking whether its copy is still good is told the same.
    revalidated = get(client, HTTP_IF_NONE_MATCH=etag)
    assert revalidated.status_code == 304
    assert cache_control(revalidated) == cache_control(stored)


def test_an_answer_whose_content_changes_now_is_never_served_unchecked(
    client, home, lifetimes, clock
):
    page_expiring(home, 0.5)
    response = get(client, '{ page(urlPath: "/na-chwile/") { title } }')
    assert response.json()["data"]["page"] == {"title": "Ogłoszenie na chwilę"}
    assert cache_control(response) == {
        "public": True,
        "max-age": 0,
        "s-maxage": 0,
        "must-revalidate": True,
    }


def test_an_operator_may_turn_stale_answers_off(client, lifetimes, settings):
    settings.API_HTTP_STALE_WHILE_REVALIDATE_SECONDS = 0
    assert cache_control(get(client)) == {"public": True, "max-age": 60, "s-maxage": 120}


def test_an_anonymous_get_does_not_vary_on_cookies(client):
    """Analytics cookies would give every reader a copy of their own in a CDN
    that honours Vary: Cookie; the answer does not depend on them."""
    client.cookies["_pk_id"] = "reader-1"
    response = get(client, MANY_KINDS, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert "errors" not in response.json()
    assert cache_control(response)["public"]
    assert "cookie" not in vary(response)


def test_an_anonymous_get_does_not_vary_on_the_reader_language(client):
    response = get(client, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert cache_control(response)["public"]
    assert "accept-language" not in vary(response)


def test_a_logged_in_get_is_never_kept_by_any_cache(client):
    editor = get_user_model().objects.create_superuser("redaktor", "r@example.org", "x")
    client.force_login(editor)
    response = get(client)
    assert response.json()["data"]["organization"]["name"] == "Fundacja ARCHE"
    assert cache_control(response) == {"no-store": True}
    assert "cookie" in vary(response)


def test_a_post_is_never_kept_by_any_cache(client):
    response = client.post(
        "/graphql/", json.dumps({"query": ARCHE}), content_type="application/json"
    )
    assert response.json()["data"]["organization"]["name"] == "Fundacja ARCHE"
    assert cache_control(response) == {"no-store": True}


@pytest.mark.parametrize(
    "params",
    [
        {"query": '{ organization(slug: "fundacja-arche") { nameXYZ } }'},
        {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}})},
    ],
    ids=["invalid-query", "persisted-query-miss"],
)
def test_a_get_without_an_answer_is_never_kept_by_any_cache(client, params):
    response = client.get("/graphql/", params, HTTP_HOST="localhost")
    assert response.json()["errors"]
    assert cache_control(response) == {"no-store": True}


def test_an_answer_that_renews_a_csrf_cookie_is_kept_by_no_cache(client):
    """A malformed csrftoken cookie makes Django send a fresh token with the
    answer: a shared cache must never hand that Set-Cookie to others."""
    client.cookies["csrftoken"] = "x"
    response = get(client)
    assert "csrftoken" in response.cookies
    assert cache_control(response) == {"no-store": True}
    del client.cookies["csrftoken"]
    assert cache_control(get(client))["public"]


@pytest.mark.parametrize("change", [page_expiring, page_going_live], ids=lambda c: c.__name__)
def test_a_page_of_another_site_neither_cuts_nor_tells_this_sites_lifetimes(
    client, home, lifetimes, clock, change, settings
):
    """Each site's answers are capped by its own pages' schedules: another site's
    embargoed page cannot be timed through this site's headers."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inny.example.pl"]
    other_home = HomePage(title="Inny serwis", slug="inny-serwis")
    Page.get_first_root_node().add_child(instance=other_home)
    other_home.save_revision().publish()
    Site.objects.create(hostname="inny.example.pl", root_page=other_home)
    change(other_home, 30)

    assert cache_control(get(client)) == {
        "public": True,
        "max-age": 60,
        "s-maxage": 120,
        "stale-while-revalidate": 60,
    }
    other = client.get("/graphql/", {"query": ARCHE}, HTTP_HOST="inny.example.pl")
    assert cache_control(other) == {
        "public": True,
        "max-age": 30,
        "s-maxage": 30,
        "must-revalidate": True,
    }
