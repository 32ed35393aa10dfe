"""Caching of the public API: HTTP caching headers, the server-side response cache
and its invalidation, Apollo automatic persisted queries, and CORS."""

import datetime
import hashlib
import json
import threading
from urllib.parse import urlencode

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.cache import cache, caches
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from organizations.models import Organization
from pages.models import HistoryPage, StandardPage

pytestmark = pytest.mark.django_db

ARCHE = '{ organization(slug: "fundacja-arche") { name } }'
NEWS = '{ pages(contentType: "pages.NewsPage") { title } }'
STANDARD_PAGES = '{ pages(contentType: "pages.StandardPage") { title urlPath parent { title } } }'
PORTAL = "https://portal.legnica.eu"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("redaktor", "redaktor@example.org", "x")


def sha256(query):
    return hashlib.sha256(query.encode()).hexdigest()


def get(client, query=None, **params):
    if query is not None:
        params["query"] = query
    return client.get("/graphql/", params, HTTP_HOST="localhost")


def post(client, body, **headers):
    return client.post(
        "/graphql/",
        json.dumps(body),
        content_type="application/json",
        HTTP_HOST="localhost",
        **headers,
    )


def data_of(response):
    payload = response.json()
    assert response.status_code == 200, payload
    assert "errors" not in payload, payload
    return payload["data"]


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part}


def touched_tables(queries):
    return " ".join(query["sql"] for query in queries)


def cached_data(client, query):
    """Runs an anonymous query twice and checks the second answer came from the
    response cache (no SQL at all); returns the data."""
    first = data_of(post(client, {"query": query}))
    with CaptureQueriesContext(connection) as queries:
        second = data_of(post(client, {"query": query}))
    assert len(queries) == 0, touched_tables(queries.captured_queries)
    assert second == first
    return first


def titles(data):
    return [page["title"] for page in data["pages"]]


# HTTP caching of GET responses


def test_anonymous_get_is_publicly_cacheable_with_an_etag(client, settings):
    response = get(client, ARCHE)
    assert response.status_code == 200
    assert response.json()["data"]["organization"]["name"] == "Fundacja ARCHE"
    assert "public" in cache_control(response)
    assert f"max-age={settings.API_HTTP_CACHE_SECONDS}" in cache_control(response)
    assert "no-store" not in cache_control(response)
    assert response["ETag"]


def test_anonymous_get_with_a_matching_etag_is_not_modified(client):
    etag = get(client, ARCHE)["ETag"]
    response = client.get(
        "/graphql/", {"query": ARCHE}, HTTP_HOST="localhost", HTTP_IF_NONE_MATCH=etag
    )
    assert response.status_code == 304
    assert response.content == b""


def test_anonymous_get_with_a_stale_etag_gets_the_full_response(client):
    response = client.get(
        "/graphql/", {"query": ARCHE}, HTTP_HOST="localhost", HTTP_IF_NONE_MATCH='"stale"'
    )
    assert response.status_code == 200
    assert response.json()["data"]["organization"]["name"] == "Fundacja ARCHE"


@pytest.mark.parametrize(
    "query",
    [
        "{ organization(slug: ",  # syntax error
        '{ organization(slug: "fundacja-arche") { nameXYZ } }',  # unknown field
    ],
    ids=["syntax", "validation"],
)
def test_get_of_an_invalid_query_is_not_cacheable(client, query):
    response = get(client, query)
    assert response.status_code == 400
    assert response.json()["errors"]
    assert "public" not in cache_control(response)
    assert "no-store" in cache_control(response)
    assert not response.has_header("ETag")


def test_get_refused_before_running_is_not_cacheable(client):
    response = get(client, "{ organizations(limit: -1) { items { name } } }")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("`limit` must be")
    assert "public" not in cache_control(response)
    assert "no-store" in cache_control(response)


def test_get_whose_query_fails_while_running_is_not_cacheable(client, monkeypatch):
    from organizations.models import OrganizationQuerySet

    def broken(self):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(OrganizationQuerySet, "published", broken)
    response = get(client, ARCHE)
    assert response.status_code == 200  # GraphQL: a field error, with partial data
    assert response.json()["errors"][0]["message"] == "Internal server error."
    assert "public" not in cache_control(response)
    assert "no-store" in cache_control(response)


def test_post_responses_are_not_cacheable_by_browsers(client):
    response = post(client, {"query": ARCHE})
    assert data_of(response)["organization"]["name"] == "Fundacja ARCHE"
    assert "public" not in cache_control(response)
    assert "no-store" in cache_control(response)


# The server-side response cache


def test_repeated_anonymous_get_is_served_without_running_the_query(client):
    with CaptureQueriesContext(connection) as first:
        one = get(client, ARCHE)
    with CaptureQueriesContext(connection) as second:
        two = get(client, ARCHE)
    assert "organizations_organization" in touched_tables(first.captured_queries)
    assert len(second) == 0, touched_tables(second.captured_queries)
    assert two.json() == one.json()
    assert two.json()["data"]["organization"]["name"] == "Fundacja ARCHE"
    assert "public" in cache_control(two)


def test_repeated_anonymous_post_is_served_without_running_the_query(client):
    with CaptureQueriesContext(connection) as first:
        one = data_of(post(client, {"query": ARCHE}))
    with CaptureQueriesContext(connection) as second:
        two = data_of(post(client, {"query": ARCHE}))
    assert "organizations_organization" in touched_tables(first.captured_queries)
    assert len(second) == 0, touched_tables(second.captured_queries)
    assert two == one


def test_cached_response_is_the_one_for_its_variables(client):
    query = "query ($slug: String!) { organization(slug: $slug) { slug } }"
    other = Organization.objects.filter(live=True).exclude(slug="fundacja-arche").first().slug
    for slug in ["fundacja-arche", other, "fundacja-arche", other]:
        data = data_of(post(client, {"query": query, "variables": {"slug": slug}}))
        assert data["organization"] == {"slug": slug}


def test_cached_response_is_the_one_for_its_operation_name(client):
    document = (
        'query Arche { organization(slug: "fundacja-arche") { name } } '
        "query Fourth { organizations(limit: 1, offset: 3) { items { name } } }"
    )
    arche = data_of(post(client, {"query": document, "operationName": "Arche"}))
    fourth = data_of(post(client, {"query": document, "operationName": "Fourth"}))
    assert arche == {"organization": {"name": "Fundacja ARCHE"}}
    assert list(fourth) == ["organizations"]
    assert data_of(post(client, {"query": document, "operationName": "Arche"})) == arche


def test_errors_are_not_stored_in_the_response_cache(client, monkeypatch):
    """A query that failed once is run again, not answered with the failure."""
    from organizations.models import OrganizationQuerySet

    published = OrganizationQuerySet.published
    calls = []

    def fails_once(self):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database hiccup")
        return published(self)

    monkeypatch.setattr(OrganizationQuerySet, "published", fails_once)
    failed = post(client, {"query": ARCHE}).json()
    assert failed["errors"][0]["message"] == "Internal server error."
    assert data_of(post(client, {"query": ARCHE}))["organization"]["name"] == "Fundacja ARCHE"
    assert len(calls) == 2


def test_a_change_made_without_signals_stays_invisible_until_the_cache_is_bumped(client):
    """The control for the invalidation tests below: the cache really serves stale
    content when nothing tells it about a change."""
    cached_data(client, ARCHE)
    Organization.objects.filter(slug="fundacja-arche").update(name="Fundacja ARCHE bis")
    assert data_of(post(client, {"query": ARCHE}))["organization"]["name"] == "Fundacja ARCHE"


# Invalidation


def test_publishing_an_organization_change_refreshes_cached_responses(client, committed):
    cached_data(client, ARCHE)
    arche = Organization.objects.get(slug="fundacja-arche")
    arche.name = "Fundacja ARCHE – nowa nazwa"
    with committed():
        arche.save_revision().publish()
    data = data_of(post(client, {"query": ARCHE}))
    assert data["organization"]["name"] == "Fundacja ARCHE – nowa nazwa"
    assert data_of(get(client, ARCHE))["organization"]["name"] == "Fundacja ARCHE – nowa nazwa"


def test_a_draft_of_an_organization_does_not_change_cached_responses(client, committed):
    cached_data(client, ARCHE)
    arche = Organization.objects.get(slug="fundacja-arche")
    arche.name = "Szkic XYZZY"
    with committed():
        arche.save_revision()
    assert data_of(post(client, {"query": ARCHE}))["organization"]["name"] == "Fundacja ARCHE"


def test_unpublishing_an_organization_refreshes_cached_responses(client, committed):
    listing = "{ organizations(limit: 100) { items { slug } } }"
    cached_data(client, ARCHE)
    assert "fundacja-arche" in json.dumps(cached_data(client, listing))
    with committed():
        Organization.objects.get(slug="fundacja-arche").unpublish()
    assert data_of(post(client, {"query": ARCHE}))["organization"] is None
    assert "fundacja-arche" not in json.dumps(data_of(post(client, {"query": listing})))


def test_publishing_news_refreshes_cached_page_lists(client, make_news, committed):
    make_news("Pierwsza wiadomość")
    assert titles(cached_data(client, NEWS)) == ["Pierwsza wiadomość"]
    with committed():
        make_news("Festyn organizacji")
    assert sorted(titles(data_of(post(client, {"query": NEWS})))) == [
        "Festyn organizacji",
        "Pierwsza wiadomość",
    ]


def test_deleting_a_page_refreshes_cached_responses(client, make_news, committed):
    news = make_news("Do usunięcia")
    make_news("Zostaje")
    by_slug = '{ page(slug: "do-usuniecia") { title } }'
    assert cached_data(client, by_slug)["page"] == {"title": "Do usunięcia"}
    assert sorted(titles(cached_data(client, NEWS))) == ["Do usunięcia", "Zostaje"]
    with committed():
        news.delete()
    assert data_of(post(client, {"query": by_slug}))["page"] is None
    assert titles(data_of(post(client, {"query": NEWS}))) == ["Zostaje"]


def test_moving_a_page_refreshes_cached_responses(client, home, committed):
    about = home.add_child(instance=StandardPage(title="O nas"))
    contact = home.add_child(instance=StandardPage(title="Kontakt"))
    before = {page["title"]: page for page in cached_data(client, STANDARD_PAGES)["pages"]}
    assert before["Kontakt"]["parent"]["title"] == home.title
    old_path = before["Kontakt"]["urlPath"]
    by_path = f'{{ page(urlPath: "{old_path}") {{ title }} }}'
    assert cached_data(client, by_path)["page"] == {"title": "Kontakt"}

    with committed():
        contact.move(about, pos="last-child")

    after = {
        page["title"]: page for page in data_of(post(client, {"query": STANDARD_PAGES}))["pages"]
    }
    assert after["Kontakt"]["parent"]["title"] == "O nas"
    assert after["Kontakt"]["urlPath"] != old_path
    assert after["Kontakt"]["urlPath"].startswith(after["O nas"]["urlPath"])
    assert data_of(post(client, {"query": by_path}))["page"] is None


def test_restricting_a_page_removes_it_from_cached_responses(client, make_news, committed):
    secret = make_news("Tylko dla członków")
    make_news("Dla wszystkich")
    assert sorted(titles(cached_data(client, NEWS))) == ["Dla wszystkich", "Tylko dla członków"]
    with committed():
        PageViewRestriction.objects.create(
            page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
        )
    assert titles(data_of(post(client, {"query": NEWS}))) == ["Dla wszystkich"]


def test_lifting_a_page_restriction_brings_it_back(client, make_news, committed):
    secret = make_news("Tylko dla członków")
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    assert titles(cached_data(client, NEWS)) == []
    with committed():
        restriction.delete()
    assert titles(data_of(post(client, {"query": NEWS}))) == ["Tylko dla członków"]


def test_unpublishing_a_page_removes_it_from_cached_responses(client, make_news, committed):
    news = make_news("Wycofana")
    by_slug = '{ page(slug: "wycofana") { title } }'
    assert titles(cached_data(client, NEWS)) == ["Wycofana"]
    assert cached_data(client, by_slug)["page"] == {"title": "Wycofana"}
    with committed():
        news.unpublish()
    assert titles(data_of(post(client, {"query": NEWS}))) == []
    assert data_of(post(client, {"query": by_slug}))["page"] is None


def test_publishing_a_page_change_refreshes_cached_responses(client, committed):
    query = '{ page(urlPath: "/historia/") { title } }'
    old_title = cached_data(client, query)["page"]["title"]
    page = HistoryPage.objects.get()
    page.title = "Historia POMOST-u"
    with committed():
        page.save_revision().publish()
    assert old_title != "Historia POMOST-u"
    assert data_of(post(client, {"query": query}))["page"] == {"title": "Historia POMOST-u"}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a second database connection that does not see the open transaction",
)
def test_a_response_cached_while_a_change_commits_does_not_outlive_it(
    client, django_capture_on_commit_callbacks
):
    """Another app server answers the query between the signal and the commit: it
    still reads the old name, and must not cache it past the commit."""

    def request_from_another_server():
        try:
            results.append(data_of(post(Client(), {"query": ARCHE})))
        finally:
            connections.close_all()

    results = []
    arche = Organization.objects.get(slug="fundacja-arche")
    arche.name = "Fundacja ARCHE – nowa nazwa"
    with django_capture_on_commit_callbacks(execute=True):
        arche.save_revision().publish()
        thread = threading.Thread(target=request_from_another_server)
        thread.start()
        thread.join()
        assert results == [{"organization": {"name": "Fundacja ARCHE"}}]  # not committed yet
    data = data_of(post(client, {"query": ARCHE}))
    assert data["organization"]["name"] == "Fundacja ARCHE – nowa nazwa"


# Logged-in users


def test_logged_in_user_is_not_served_from_the_anonymous_cache(client, superuser):
    cached_data(client, ARCHE)
    Organization.objects.filter(slug="fundacja-arche").update(name="Fundacja ARCHE bis")
    client.force_login(superuser)
    response = get(client, ARCHE)
    assert data_of(response)["organization"]["name"] == "Fundacja ARCHE bis"
    assert data_of(post(client, {"query": ARCHE}))["organization"]["name"] == "Fundacja ARCHE bis"


def test_logged_in_user_does_not_fill_the_anonymous_cache(client, superuser):
    editor = Client()
    editor.force_login(superuser)
    assert data_of(get(editor, ARCHE))["organization"]["name"] == "Fundacja ARCHE"
    assert data_of(post(editor, {"query": ARCHE}))["organization"]["name"] == "Fundacja ARCHE"
    Organization.objects.filter(slug="fundacja-arche").update(name="Fundacja ARCHE bis")
    with CaptureQueriesContext(connection) as queries:
        data = data_of(post(client, {"query": ARCHE}))
    assert data["organization"]["name"] == "Fundacja ARCHE bis"
    assert "organizations_organization" in touched_tables(queries.captured_queries)


def test_logged_in_get_is_not_publicly_cacheable(client, superuser):
    client.force_login(superuser)
    response = get(client, ARCHE)
    assert data_of(response)["organization"]["name"] == "Fundacja ARCHE"
    assert "public" not in cache_control(response)
    assert "no-store" in cache_control(response)


# Apollo automatic persisted queries


def persisted(sha, version=1):
    return {"persistedQuery": {"version": version, "sha256Hash": sha}}


def test_unknown_persisted_query_asks_for_the_query(client):
    query = '{ organization(slug: "fundacja-arche") { slug } }'
    response = post(client, {"extensions": persisted(sha256(query))})
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["message"] == "PersistedQueryNotFound"
    assert error["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert "data" not in response.json()


def test_persisted_query_registers_and_is_then_served_by_hash(client):
    query = '{ organization(slug: "fundacja-arche") { slug name } }'
    sha = sha256(query)
    assert post(client, {"extensions": persisted(sha)}).json()["errors"]

    registered = post(client, {"query": query, "extensions": persisted(sha)})
    assert data_of(registered)["organization"]["slug"] == "fundacja-arche"

    by_post = post(client, {"extensions": persisted(sha)})
    assert data_of(by_post) == data_of(registered)

    by_get = client.get(
        "/graphql/", {"extensions": json.dumps(persisted(sha))}, HTTP_HOST="localhost"
    )
    assert data_of(by_get) == data_of(registered)
    assert "public" in cache_control(by_get)
    assert by_get["ETag"]


def test_persisted_query_get_is_served_from_the_response_cache(client):
    query = '{ organization(slug: "fundacja-arche") { name } }'
    sha = sha256(query)
    data_of(post(client, {"query": query, "extensions": persisted(sha)}))
    params = {"extensions": json.dumps(persisted(sha))}
    data_of(client.get("/graphql/", params, HTTP_HOST="localhost"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/graphql/", params, HTTP_HOST="localhost")
    assert data_of(response)["organization"]["name"] == "Fundacja ARCHE"
    assert len(queries) == 0, touched_tables(queries.captured_queries)


def test_unknown_persisted_query_by_get_is_not_cacheable(client):
    query = '{ organization(slug: "fundacja-arche") { slug } }'
    response = client.get(
        "/graphql/", {"extensions": json.dumps(persisted(sha256(query)))}, HTTP_HOST="localhost"
    )
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert "public" not in cache_control(response)
    assert "no-store" in cache_control(response)


def test_persisted_query_with_a_wrong_hash_is_refused(client):
    query = '{ organization(slug: "fundacja-arche") { slug } }'
    wrong = sha256(query + " ")
    response = post(client, {"query": query, "extensions": persisted(wrong)})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "provided sha does not match query"
    assert "data" not in response.json()
    # Nothing was registered under the wrong hash.
    response = post(client, {"extensions": persisted(wrong)})
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotFound"


@pytest.mark.parametrize(
    "extensions",
    [
        persisted(sha256(ARCHE), version=2),
        persisted("not-a-sha256"),
        persisted(sha256(ARCHE).upper()[:-1] + "G"),
        {"persistedQuery": {"version": 1}},
    ],
    ids=["version-2", "not-hex", "not-hex-64", "no-hash"],
)
def test_unsupported_persisted_query_is_a_bad_request(client, extensions):
    response = post(client, {"query": ARCHE, "extensions": extensions})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Unsupported persistedQuery")
    assert "data" not in response.json()


@pytest.mark.parametrize(
    "extensions", [{"persistedQuery": "abc"}, {"persistedQuery": [1]}], ids=["string", "list"]
)
def test_persisted_query_that_is_not_an_object_is_a_bad_request(client, extensions):
    response = post(client, {"query": ARCHE, "extensions": extensions})
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Unsupported persistedQuery")


def test_extensions_that_are_not_json_are_a_bad_request(client):
    response = client.get(
        "/graphql/", {"query": ARCHE, "extensions": "{not json"}, HTTP_HOST="localhost"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"] == "`extensions` is not valid JSON."


# CORS


def test_preflight_from_an_allowed_origin_is_allowed_without_credentials(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PORTAL]
    response = client.options(
        "/graphql/",
        HTTP_HOST="localhost",
        HTTP_ORIGIN=PORTAL,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == PORTAL
    assert response.get("Access-Control-Allow-Credentials") != "true"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "content-type" in response["Access-Control-Allow-Headers"]


def test_preflight_from_an_unlisted_origin_is_not_allowed(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PORTAL]
    response = client.options(
        "/graphql/",
        HTTP_HOST="localhost",
        HTTP_ORIGIN="https://evil.example.com",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert not response.has_header("Access-Control-Allow-Origin")
    assert not response.has_header("Access-Control-Allow-Credentials")


def test_cached_get_answers_each_origin_for_itself(client, settings):
    settings.CORS_ALLOWED_ORIGINS = [PORTAL]
    allowed = client.get("/graphql/", {"query": ARCHE}, HTTP_HOST="localhost", HTTP_ORIGIN=PORTAL)
    other = client.get(
        "/graphql/", {"query": ARCHE}, HTTP_HOST="localhost", HTTP_ORIGIN="https://evil.example.com"
    )
    assert allowed["Access-Control-Allow-Origin"] == PORTAL
    assert not other.has_header("Access-Control-Allow-Origin")
    assert data_of(other) == data_of(allowed)
    # Browsers and CDNs may keep the public response: it must vary by Origin.
    for response in (allowed, other):
        assert "public" in cache_control(response)
        assert "origin" in response["Vary"].lower()


# Keys, lifetimes and poisoning

POLISH = '{ organization(slug: "stowarzyszenie-kobiet-babiniec") { name } }'
POLISH_NAME = {"organization": {"name": "Stowarzyszenie Kobiet BABINIEC"}}
ZOFIA = '{ organizations(searchQuery: "Zofii Kossak") { items { name } } }'


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_request_in_another_charset_is_refused_and_poisons_nothing(client, method):
    """Django decodes a query string in the charset a request claims: UTF-8
    bytes of Polish letters read as ISO-8859-2 would name another query, whose
    answer must never be stored for the real one."""
    if method == "GET":
        response = client.get(
            "/graphql/",
            {"query": ZOFIA},
            HTTP_HOST="localhost",
            CONTENT_TYPE="text/plain; charset=iso-8859-2",
        )
    else:
        response = client.post(
            "/graphql/",
            json.dumps({"query": ZOFIA}).encode(),
            content_type="application/json; charset=iso-8859-2",
            HTTP_HOST="localhost",
        )
    assert response.status_code == 400
    assert "UTF-8" in response.json()["errors"][0]["message"]
    assert "no-store" in cache_control(response)
    names = [org["name"] for org in data_of(get(client, ZOFIA))["organizations"]["items"]]
    assert names == ["Towarzystwo Miłośników Twórczości Zofii Kossak"]


def test_a_request_that_says_utf8_is_served(client):
    response = client.post(
        "/graphql/",
        json.dumps({"query": POLISH}),
        content_type="application/json; charset=UTF-8",
        HTTP_HOST="localhost",
    )
    assert data_of(response) == POLISH_NAME


def test_get_and_post_of_the_same_query_share_one_stored_answer(client):
    assert data_of(post(client, {"query": POLISH})) == POLISH_NAME
    with CaptureQueriesContext(connection) as queries:
        response = client.get(
            "/graphql/", {"query": POLISH, "pretty": "1", "utm": "x"}, HTTP_HOST="localhost"
        )
    assert data_of(response) == POLISH_NAME
    assert len(queries) == 0
    assert b"\n" not in response.content  # the shared answer, whatever `pretty` asks


def expiring_page(home, seconds, **fields):
    page = StandardPage(
        title="Ogłoszenie na chwilę",
        slug="na-chwile",
        expire_at=timezone.now() + datetime.timedelta(seconds=seconds),
        **fields,
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


ON_HOLD = '{ page(urlPath: "/na-chwile/") { title } }'


def test_http_lifetime_stops_at_the_next_expiry(client, home, settings):
    settings.API_HTTP_CACHE_SECONDS = 300
    with time_machine.travel(timezone.now(), tick=False):
        expiring_page(home, 42)
        fresh = get(client, ON_HOLD)
        assert "max-age=42" in cache_control(fresh)
        assert "max-age=42" in cache_control(get(client, ON_HOLD))  # stored answer too


def test_lifetimes_stop_at_the_next_scheduled_go_live(client, home, settings):
    settings.API_HTTP_CACHE_SECONDS = 300
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = StandardPage(title="Zapowiedź", slug="zapowiedz", live=False)
        home.add_child(instance=page)
        page.go_live_at = timezone.now() + datetime.timedelta(seconds=40)
        page.save_revision().publish()  # scheduled, not yet live
        assert "max-age=40" in cache_control(get(client, ARCHE))
        clock.shift(datetime.timedelta(seconds=41))
        with CaptureQueriesContext(connection) as queries:
            assert data_of(get(client, ARCHE))["organization"]["name"] == "Fundacja ARCHE"
        assert len(queries) > 0  # the stored answer ended at the go-live


def test_another_process_copy_ends_with_the_shared_answer(client, home):
    """A second app server that takes an answer from the shared cache 20 s after
    it was stored keeps it only for what was left of its life."""
    with time_machine.travel(timezone.now(), tick=False) as clock:
        expiring_page(home, 30)
        assert data_of(get(client, ON_HOLD))["page"] == {"title": "Ogłoszenie na chwilę"}
        clock.shift(datetime.timedelta(seconds=20))
        caches["api_local"].clear()  # the second process: only the shared cache
        with CaptureQueriesContext(connection) as queries:
            second = get(client, ON_HOLD)
        assert data_of(second)["page"] == {"title": "Ogłoszenie na chwilę"}
        assert len(queries) == 0 and "max-age=10" in cache_control(second)
        clock.shift(datetime.timedelta(seconds=11))
        assert data_of(get(client, ON_HOLD))["page"] is None


def test_an_expiry_while_a_query_runs_ends_its_answer_at_once(client, home, monkeypatch):
    """The page was public when the request began; by the time its answer is
    ready, it has expired: the answer is sent, but neither stored nor cacheable."""
    from api import views

    with time_machine.travel(timezone.now(), tick=False) as clock:
        expiring_page(home, 0.5)
        execute = views.execute

        def slow_execute(*args, **kwargs):
            result = execute(*args, **kwargs)
            clock.shift(datetime.timedelta(seconds=1))
            return result

        monkeypatch.setattr(views, "execute", slow_execute)
        late = get(client, ON_HOLD)
        assert data_of(late)["page"] == {"title": "Ogłoszenie na chwilę"}
        assert "max-age=0" in cache_control(late)
        monkeypatch.setattr(views, "execute", execute)
        assert data_of(get(client, ON_HOLD))["page"] is None


def test_the_council_in_force_changes_at_midnight_and_so_do_lifetimes(client, settings):
    from organizations.models import CouncilMember, CouncilTerm

    settings.API_HTTP_CACHE_SECONDS = 300
    query = "{ partnershipCouncil { startDate } }"
    warsaw = timezone.get_current_timezone()
    evening = datetime.datetime(2026, 11, 28, 23, 59, 30, tzinfo=warsaw)
    with time_machine.travel(evening, tick=False) as clock:
        term = CouncilTerm(start_date=datetime.date(2026, 11, 29))
        term.members = [CouncilMember(person_name="Nowa Rada")]
        term.save()
        term.save_revision().publish()
        before = get(client, query)
        assert data_of(before) == {"partnershipCouncil": {"startDate": "2012-02-23"}}
        assert "max-age=30" in cache_control(before)
        clock.shift(datetime.timedelta(seconds=31))
        assert data_of(get(client, query)) == {"partnershipCouncil": {"startDate": "2026-11-29"}}


def test_sites_told_apart_by_port_get_their_own_answers(client, home):
    from wagtail.models import Page, Site

    from pages.models import HomePage

    other = HomePage(title="Witryna na porcie 8102", slug="port-8102")
    Page.get_first_root_node().add_child(instance=other)
    other.save_revision().publish()
    Site.objects.create(hostname="localhost", port=8102, root_page=other)
    query = {"query": '{ page(urlPath: "/") { title } }'}
    for _ in range(2):  # the second time from the cache
        default = client.get("/graphql/", query, HTTP_HOST="localhost", SERVER_PORT="80")
        on_port = client.get("/graphql/", query, HTTP_HOST="localhost", SERVER_PORT="8102")
        assert data_of(default)["page"]["title"] == home.title
        assert data_of(on_port)["page"]["title"] == "Witryna na porcie 8102"


def test_a_get_is_its_url_whatever_its_body_says(client):
    query = "query ($n: PageSize = 3) { organizations(limit: $n) { items { slug } } }"
    response = client.generic(
        "GET",
        "/graphql/?" + urlencode({"query": query}),
        json.dumps({"variables": {"n": 1}, "query": "{ __typename }"}),
        content_type="application/json",
        HTTP_HOST="localhost",
    )
    assert len(data_of(response)["organizations"]["items"]) == 3


def test_a_persisted_query_registers_even_when_its_answer_was_stored(client):
    query = '{ organization(slug: "fundacja-avatar") { name } }'
    data_of(get(client, query))  # the answer is stored
    sha = sha256(query)
    by_hash = {"extensions": json.dumps(persisted(sha))}
    assert get(client, **by_hash).json()["errors"][0]["message"] == "PersistedQueryNotFound"
    data_of(get(client, query, **by_hash))  # registers, though served from the cache
    assert data_of(get(client, **by_hash)) == {"organization": {"name": "Fundacja AVATAR"}}


def test_variables_the_query_does_not_declare_are_ignored(client):
    query = '{ organization(slug: "fundacja-arche") { name } }'
    first = get(client, query, variables=json.dumps({"junk": 1}))
    with CaptureQueriesContext(connection) as queries:
        second = get(client, query, variables=json.dumps({"junk": 2}))
    assert data_of(first) == data_of(second) and len(queries) == 0


def test_a_request_with_a_session_cookie_is_not_publicly_cacheable(client):
    client.cookies["sessionid"] = "stale-or-forged"
    response = get(client, ARCHE)
    assert data_of(response)["organization"]["name"] == "Fundacja ARCHE"
    assert "public" not in cache_control(response)


def test_a_large_answer_is_shared_but_not_kept_in_each_process(client, settings):
    settings.API_LOCAL_CACHE_MAX_BYTES = 100
    settings.API_VERSION_CHECK_SECONDS = 60  # the content version as this process knows it
    query = "{ organizations(limit: 5) { items { name } } }"
    data_of(get(client, query))
    with CaptureQueriesContext(connection) as queries:
        data_of(get(client, query))
    assert len(queries) == 0  # from the shared cache
    cache.clear()  # the shared cache loses it: this process has no copy of its own
    with CaptureQueriesContext(connection) as queries:
        data_of(get(client, query))
    assert len(queries) > 0


def test_a_small_answer_is_kept_in_the_process_too(client, settings):
    settings.API_VERSION_CHECK_SECONDS = 60  # the content version as this process knows it
    data_of(get(client, ARCHE))
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        data_of(get(client, ARCHE))
    assert len(queries) == 0


def test_persisted_queries_live_in_the_shared_cache_only(client):
    query = '{ organization(slug: "fundacja-avatar") { slug } }'
    sha = sha256(query)
    data_of(post(client, {"query": query, "extensions": persisted(sha)}))
    assert data_of(post(client, {"extensions": persisted(sha)}))
    cache.clear()
    response = post(client, {"extensions": persisted(sha)})
    assert response.json()["errors"][0]["message"] == "PersistedQueryNotFound"


def test_a_fact_read_while_a_change_commits_is_not_kept_for_the_new_version(monkeypatch):
    """A thread computes a content-wide fact from the old data; meanwhile the
    change commits and another thread moves on to the new version: the stale
    fact must not answer for the new version."""
    from core.visibility import facts

    version = ["before"]
    monkeypatch.setattr(facts, "version_source", lambda: version[0])
    now = timezone.now()

    def read_while_the_change_commits():
        version[0] = "after"  # the change commits, the version is bumped
        assert facts.get(("restrictions",), lambda: ("new", None), now) == "new"
        return "old", None

    assert facts.get(("restrictions",), read_while_the_change_commits, now) == "old"
    assert facts.get(("restrictions",), lambda: ("recomputed", None), now) == "new"
