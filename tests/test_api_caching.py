"""Caching of the public API: HTTP caching headers, the server-side response cache
and its invalidation, Apollo automatic persisted queries, and CORS."""

import hashlib
import json
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Wraps a change as the admin makes it: in a transaction that then commits, so
    whatever the product defers to `transaction.on_commit` runs too."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


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


def test_get_whose_query_fails_while_running_is_not_cacheable(client):
    response = get(client, "{ organizations(limit: -1) { name } }")
    assert response.status_code == 200  # GraphQL: a field error, with partial data
    assert response.json()["errors"][0]["message"] == "`limit` must be a positive number."
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
        "query Fourth { organizations(limit: 1, offset: 3) { name } }"
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
    listing = "{ organizations(limit: 100) { slug } }"
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
