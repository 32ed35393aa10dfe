"""The public GraphQL endpoint refuses abusive or malformed requests cleanly.

Every refusal is a GraphQL error (`{"errors": [{"message": ...}]}`) with a fitting
HTTP status and a message a client developer can act on; never a 500, never a
traceback or other Python internals. See api/views.py, api/limits.py,
api/middleware.py, api/ordering.py and api/db.py.
"""

import datetime
import hashlib
import json
import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from api.db import is_statement_timeout, statement_timeout
from organizations.models import OrganizationQuerySet

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"

# What must never reach a client: tracebacks, exception names, paths, driver names.
INTERNALS = (
    "Traceback",
    'File "',
    "site-packages",
    "/work/",
    "RecursionError",
    "AttributeError",
    "ValueError",
    "TypeError",
    "KeyError",
    "RuntimeError",
    "AssertionError",
    "UnicodeDecodeError",
    "psycopg",
    "sqlite3",
    "<html",
)
INTERNAL_ERROR = "Internal server error."
PAGE_ORDERINGS = ("title", "first_published_at", "last_published_at", "path")


@pytest.fixture(autouse=True)
def isolated_api(client):
    """No response cached by another test answers these, and a view that crashes
    answers with its 500 response instead of raising into the test."""
    cache.clear()
    client.raise_request_exception = False
    yield
    cache.clear()


def post_body(client, body, content_type="application/json", **extra):
    return client.post("/graphql/", body, content_type=content_type, HTTP_HOST="localhost", **extra)


def post_json(client, payload, **extra):
    return post_body(client, json.dumps(payload), **extra)


def get(client, **params):
    return client.get("/graphql/", params, HTTP_HOST="localhost")


def persisted_extension(query):
    sha = hashlib.sha256(query.encode()).hexdigest()
    return json.dumps({"persistedQuery": {"version": 1, "sha256Hash": sha}})


def assert_no_internals(response):
    body = response.content.decode(errors="replace")
    for marker in INTERNALS:
        assert marker not in body, f"{marker!r} leaked: {body[:500]}"


def error_payload(response, status):
    """The response is a clean GraphQL error answer with this HTTP status."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    assert_no_internals(response)
    payload = response.json()
    assert isinstance(payload, dict) and payload.get("errors"), payload
    for error in payload["errors"]:
        assert isinstance(error["message"], str) and error["message"], error
    return payload


def messages(response, status):
    """Messages of a refused request; a client mistake is never blamed on the server."""
    found = [error["message"] for error in error_payload(response, status)["errors"]]
    assert INTERNAL_ERROR not in found, found
    return found


def field_error(response, path):
    """The one message of a query refused while executing: HTTP 200, data without
    the field, the error pointing at it."""
    payload = error_payload(response, 200)
    [error] = payload["errors"]
    assert error["path"] == path, error
    assert error["message"] != INTERNAL_ERROR
    value = payload.get("data")
    for key in path:
        value = None if value is None else value[key]
    assert value is None, payload["data"]
    return error["message"]


def nested_children(levels):
    """`pages` with `levels` nested `children`, each of one page (cheap, but deep)."""
    return (
        "{ pages(limit: 1) { " + "children(limit: 1) { " * levels + "title" + " }" * levels + " } }"
    )


# Depth


def test_query_nested_deeper_than_max_depth_is_rejected(graphql):
    found = messages(graphql.post(nested_children(10)), 400)
    assert found == ["'anonymous' exceeds maximum operation depth of 10."]


def test_query_at_max_depth_is_accepted(graphql):
    data = graphql(nested_children(9))
    assert len(data["pages"]) == 1


def test_depth_limit_follows_the_setting(graphql, settings):
    settings.API_MAX_QUERY_DEPTH = 3
    assert graphql(nested_children(2))["pages"]
    found = messages(graphql.post(nested_children(3)), 400)
    assert found == ["'anonymous' exceeds maximum operation depth of 3."]


def test_depth_hidden_in_a_fragment_is_counted(graphql, settings):
    settings.API_MAX_QUERY_DEPTH = 3
    query = """
        query Deep { pages(limit: 1) { children(limit: 1) { ...Grandchildren } } }
        fragment Grandchildren on PageInterface {
            children(limit: 1) { children(limit: 1) { title } }
        }
    """
    found = messages(graphql.post(query), 400)
    assert found == ["'Deep' exceeds maximum operation depth of 3."]


def test_typical_portal_query_passes_every_limit(graphql, make_news):
    make_news("Spotkanie organizacji", date=datetime.date(2026, 3, 1))
    data = graphql(
        """
        query Portal {
            history: page(urlPath: "/historia/") { title url ... on HistoryPage { intro } }
            declaration: page(urlPath: "/deklaracja/") { title }
            news: pages(contentType: "pages.NewsPage", order: "-date", limit: 10) {
                title url ... on NewsPage { date }
            }
            organizations(limit: 100) { items {
                slug name shortName city areas
                logo { url width height srcSet(sizes: [160, 320]) }
            } total }
            menu: pages(inMenu: true, limit: 20) { title url children(limit: 20) { title url } }
        }
        """
    )
    assert data["history"]["title"] == "Historia"
    assert data["declaration"]["title"] == "Deklaracja"
    assert "Spotkanie organizacji" in [page["title"] for page in data["news"]]
    assert len(data["organizations"]["items"]) == 32


# Cost


def test_nested_large_lists_are_too_expensive(graphql):
    query = "{ pages(limit: 100) { children(limit: 100) { children(limit: 100) { title } } } }"
    found = messages(graphql.post(query), 400)
    assert found == [
        "Query is too expensive: estimated cost 1010101 exceeds 20000. "
        "Ask for fewer items (`limit`) or fewer nested lists."
    ]


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        pytest.param(
            "{ a: pages(limit: 100) { children(limit: 100) { title } } "
            "b: pages(limit: 100) { children(limit: 100) { title } } }",
            20202,
            id="aliases",
        ),
        pytest.param(
            "{ pages(limit: 100) { ...Family } } fragment Family on PageInterface "
            "{ children(limit: 100) { children(limit: 100) { title } } }",
            1010101,
            id="fragment",
        ),
        pytest.param(
            "{ pages(limit: 100) { ... on HomePage "
            "{ children(limit: 100) { children(limit: 100) { title } } } } }",
            1010101,
            id="inline-fragment",
        ),
    ],
)
def test_cost_hidden_in_aliases_or_fragments_is_counted(graphql, query, cost):
    [message] = messages(graphql.post(query), 400)
    assert message.startswith(f"Query is too expensive: estimated cost {cost} exceeds 20000.")


def test_cost_follows_the_documented_formula(graphql, settings):
    # 1 + 50 × (1 title + (1 + 10 unpaged tags × 1 name)) = 601, as in api/limits.py
    query = "{ pages(limit: 50) { title ... on NewsPage { tags { name } } } }"
    settings.API_MAX_QUERY_COST = 600
    [message] = messages(graphql.post(query), 400)
    assert message.startswith("Query is too expensive: estimated cost 601 exceeds 600.")
    settings.API_MAX_QUERY_COST = 601
    assert graphql(query)["pages"]


def test_modest_query_is_within_the_cost_limit(graphql):
    data = graphql("{ pages(limit: 20) { title children(limit: 20) { title } } }")
    assert {"Historia", "Deklaracja"} <= {page["title"] for page in data["pages"]}


def test_limit_given_as_a_variable_is_costed_as_the_max_page_size(graphql, settings):
    settings.API_MAX_QUERY_COST = 50
    assert len(graphql("{ pages(limit: 2) { title } }")["pages"]) == 2
    response = graphql.post("query ($n: PageSize) { pages(limit: $n) { title } }", {"n": 2})
    [message] = messages(response, 400)
    assert message.startswith("Query is too expensive: estimated cost 101 exceeds 50.")


# Size of the query text


def test_query_with_too_many_tokens_is_rejected(graphql):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    found = messages(graphql.post(query), 400)
    assert found == ["Syntax Error: Document contains more than 2000 tokens. Parsing aborted."]


def test_token_limit_follows_the_setting(graphql, settings):
    settings.API_MAX_QUERY_TOKENS = 20
    assert graphql("{ a: __typename b: __typename }") == {"a": "Query", "b": "Query"}
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(10)) + " }"
    found = messages(graphql.post(query), 400)
    assert found == ["Syntax Error: Document contains more than 20 tokens. Parsing aborted."]


def test_query_with_too_many_comments_is_rejected(graphql):
    query = "# comment\n" * 2100 + "{ __typename }"
    found = messages(graphql.post(query), 400)
    assert found == ["Syntax Error: Document contains more than 2000 comments. Parsing aborted."]


def test_query_longer_than_the_max_source_length_is_rejected(client, settings):
    # A persisted query skips the request-size check, so the parser's own
    # length limit is what stops it.
    query = "{" + " " * 500 + "__typename }"
    registered = client.post(
        "/graphql/",
        json.dumps({"query": query, "extensions": json.loads(persisted_extension(query))}),
        content_type="application/json",
        HTTP_HOST="localhost",
    )
    assert registered.json() == {"data": {"__typename": "Query"}}
    settings.API_MAX_REQUEST_BYTES = 300
    found = messages(get(client, extensions=persisted_extension(query)), 400)
    assert found == ["Syntax Error: Source contains more than 300 code points. Parsing aborted."]


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("{ pages { " + "children { " * 900 + "title" + " }" * 902, id="fields"),
        pytest.param("{ " + "... on Query { " * 450 + "__typename" + " }" * 451, id="fragments"),
        pytest.param(
            "{ organizations(searchQuery: " + "[" * 900 + "]" * 900 + ") { items { name } } }",
            id="value",
        ),
    ],
)
def test_query_text_nested_too_deeply_is_rejected_by_the_parser(graphql, query):
    found = messages(graphql.post(query), 400)
    assert found == ["Syntax Error: Document is nested too deeply. Parsing aborted."]


# Standard GraphQL validation still applies


def test_unknown_field_is_a_validation_error(graphql):
    [message] = messages(graphql.post("{ organizationz { name } }"), 400)
    assert message.startswith("Cannot query field 'organizationz' on type 'Query'.")


def test_recursive_fragments_are_a_clean_validation_error(graphql):
    query = "fragment A on Query { ...B } fragment B on Query { ...A } query { ...A }"
    found = messages(graphql.post(query), 400)
    assert found == ["Cannot spread fragment 'A' within itself via 'B'."]


def test_unknown_fragment_spread_is_a_validation_error(graphql):
    found = messages(graphql.post("{ ...Missing }"), 400)
    assert found == ["Unknown fragment 'Missing'."]


SUGGESTION_CASES = [
    pytest.param(
        "{ organizatio { name } }",
        "Cannot query field 'organizatio' on type 'Query'.",
        " Did you mean 'organization' or 'organizations'?",
        id="field",
    ),
    pytest.param(
        "{ organizations(limt: 5) { items { name } } }",
        "Unknown argument 'limt' on field 'Query.organizations'.",
        " Did you mean 'limit'?",
        id="argument",
    ),
    pytest.param(
        '{ pages(searchQuery: "a", searchOperator: ANDD) { title } }',
        "Value 'ANDD' does not exist in 'SearchOperator' enum (argument `searchOperator`).",
        " Did you mean the enum value 'AND'?",
        id="enum-value",
    ),
]


@pytest.mark.parametrize(("query", "message", "hint"), SUGGESTION_CASES)
def test_field_suggestions_are_given_when_enabled(graphql, settings, query, message, hint):
    settings.API_FIELD_SUGGESTIONS = True
    assert messages(graphql.post(query), 400) == [message + hint]


@pytest.mark.parametrize(("query", "message", "hint"), SUGGESTION_CASES)
def test_field_suggestions_are_hidden_when_disabled(graphql, settings, query, message, hint):
    settings.API_FIELD_SUGGESTIONS = False
    response = graphql.post(query)
    assert messages(response, 400) == [message]
    assert b"Did you mean" not in response.content


# Introspection


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("{ __schema { types { name } } }", "__schema"),
        ('{ __type(name: "Organization") { fields { name } } }', "__type"),
    ],
)
def test_introspection_is_refused_when_disabled(graphql, settings, query, field):
    settings.API_INTROSPECTION = False
    found = messages(graphql.post(query), 400)
    assert found[0] == (
        "GraphQL introspection has been disabled, but the requested query contained "
        f"the field '{field}'."
    )


def test_introspection_works_when_enabled(graphql, settings):
    settings.API_INTROSPECTION = True
    types = {
        item["name"] for item in graphql("{ __schema { types { name } } }")["__schema"]["types"]
    }
    assert {"Query", "Organization", "PageInterface"} <= types


def test_typename_still_works_when_introspection_is_disabled(graphql, settings):
    # Apollo Client adds __typename to every selection; it reveals no schema.
    settings.API_INTROSPECTION = False
    data = graphql("{ organizations(limit: 1) { items { __typename name } } }")
    assert data["organizations"]["items"][0]["__typename"] == "Organization"


# The HTTP request itself


@pytest.mark.parametrize(
    "body", [[{"query": "{ __typename }"}, {"query": "{ __typename }"}], []], ids=["two", "empty"]
)
def test_batched_queries_are_refused(client, body):
    [message] = messages(post_json(client, body), 400)
    assert "batch" in message


def test_malformed_json_body_is_a_clear_400(client):
    [message] = messages(post_body(client, '{"query": "{ __typename }"'), 400)
    assert "JSON" in message


@pytest.mark.parametrize("method", ["POST", "GET"])
def test_variables_that_are_not_json_are_a_clear_400(client, method):
    if method == "POST":
        response = post_json(client, {"query": "{ __typename }", "variables": "{not json"})
    else:
        response = get(client, query="{ __typename }", variables="{not json")
    [message] = messages(response, 400)
    assert "ariables" in message and "JSON" in message


@pytest.mark.parametrize("variables", [[1], "[1]", 5, '"text"'])
def test_variables_must_be_a_json_object(client, variables):
    response = post_json(client, {"query": "{ __typename }", "variables": variables})
    assert messages(response, 400) == ["`variables` must be a JSON object."]


def test_null_variables_and_operation_name_are_accepted(client):
    response = post_json(
        client, {"query": "{ __typename }", "variables": None, "operationName": None}
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_variable_of_the_wrong_type_is_a_clear_400(graphql):
    response = graphql.post(
        "query ($l: PageSize) { organizations(limit: $l) { items { name } } }", {"l": "abc"}
    )
    assert messages(response, 400) == [
        "Variable '$l' got invalid value 'abc'; `limit` must be a whole number from 1 to 100."
    ]
    response = graphql.post("query ($i: ID) { page(id: $i) { title } }", {"i": {"a": 1}})
    assert messages(response, 400) == [
        "Variable '$i' got invalid value {'a': 1}; ID cannot represent value: {'a': 1} "
        "(argument `id`)."
    ]


def test_unknown_operation_name_is_a_400(client):
    payload = {"query": "query A { __typename } query B { __typename }", "operationName": "C"}
    assert messages(post_json(client, payload), 400) == ["Unknown operation named 'C'."]


def test_operation_name_must_be_a_string(client):
    payload = {"query": "query A { __typename }", "operationName": ["A"]}
    assert messages(post_json(client, payload), 400) == ["`operationName` must be a string."]


@pytest.mark.parametrize("query", [123, ["{ __typename }"], {"a": 1}, True])
def test_query_must_be_a_string(client, query):
    assert messages(post_json(client, {"query": query}), 400) == ["`query` must be a string."]


@pytest.mark.parametrize(
    "body", ["", "{}", '{"query": ""}', '{"query": null}', '{"variables": {}}']
)
def test_request_without_a_query_is_a_400(client, body):
    assert messages(post_body(client, body), 400) == ["Must provide query string."]


def test_get_without_a_query_is_a_400(client):
    assert messages(get(client), 400) == ["Must provide query string."]


def test_body_over_max_request_bytes_is_a_413(client):
    response = post_json(client, {"query": "{ __typename }", "padding": "x" * 40_000})
    payload = error_payload(response, 413)
    assert payload["errors"] == [
        {
            "message": "Request body is too large (limit 32768 bytes).",
            "extensions": {"code": "REQUEST_TOO_LARGE"},
        }
    ]


def test_request_size_limit_follows_the_setting(client, settings):
    settings.API_MAX_REQUEST_BYTES = 100
    assert post_json(client, {"query": "{ __typename }"}).status_code == 200
    response = post_json(client, {"query": "{ __typename }", "padding": "x" * 100})
    assert messages(response, 413) == ["Request body is too large (limit 100 bytes)."]


def test_over_long_get_query_string_is_a_414(client):
    response = get(client, query="{ __typename }", padding="x" * 40_000)
    payload = error_payload(response, 414)
    assert payload["errors"] == [
        {
            "message": "Query string is too long (limit 32768 bytes).",
            "extensions": {"code": "REQUEST_TOO_LARGE"},
        }
    ]


def test_invalid_content_length_is_a_400(client):
    response = post_json(client, {"query": "{ __typename }"}, CONTENT_LENGTH="many")
    assert messages(response, 400) == ["Invalid Content-Length header."]


def test_deeply_nested_json_body_is_a_clear_400(client):
    body = '{"query": "{ __typename }", "variables": {"a": ' + "[" * 5000 + "]" * 5000 + "}}"
    [message] = messages(post_body(client, body), 400)
    assert "JSON" in message


@pytest.mark.parametrize("parameter", ["extensions", "variables"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_deeply_nested_json_in_a_parameter_is_a_clear_400(client, method, parameter):
    deep = "[" * 3000 + "]" * 3000
    if method == "GET":
        response = get(client, query="{ __typename }", **{parameter: deep})
    else:
        response = post_json(client, {"query": "{ __typename }", parameter: deep})
    [message] = messages(response, 400)
    assert "JSON" in message


@pytest.mark.parametrize("persisted", [5, "abc", [1]], ids=["int", "str", "list"])
def test_malformed_persisted_query_extension_is_a_400(client, persisted):
    payload = {"query": "{ __typename }", "extensions": {"persistedQuery": persisted}}
    [message] = messages(post_json(client, payload), 400)
    assert message.startswith("Unsupported persistedQuery")


def test_body_that_is_not_utf8_is_a_clear_400(client):
    response = post_body(client, b'{"query": "{ __typename \xff }"}')
    messages(response, 400)


def test_unsupported_http_method_is_a_clear_405(client):
    response = client.put(
        "/graphql/",
        '{"query": "{ __typename }"}',
        content_type="application/json",
        HTTP_HOST="localhost",
    )
    [message] = messages(response, 405)
    assert "GET" in message and "POST" in message


# Ordering


def test_pages_can_be_ordered_by_title_descending(graphql):
    titles = [page["title"] for page in graphql('{ pages(order: "-title") { title } }')["pages"]]
    ascending = [page["title"] for page in graphql('{ pages(order: "title") { title } }')["pages"]]
    assert len(titles) >= 5
    assert titles == sorted(titles, reverse=True)
    assert titles == list(reversed(ascending))


def test_news_can_be_ordered_by_date_with_a_single_content_type(graphql, make_news):
    make_news("Starsza", date=datetime.date(2026, 1, 10))
    make_news("Najnowsza", date=datetime.date(2026, 9, 1))
    make_news("Środkowa", date=datetime.date(2026, 5, 5))
    data = graphql(
        '{ pages(contentType: "pages.NewsPage", order: "-date", limit: 100) '
        "{ title ... on NewsPage { date } } }"
    )
    dates = [page["date"] for page in data["pages"]]
    assert dates == sorted(dates, reverse=True)
    ours = [
        page["title"]
        for page in data["pages"]
        if page["title"] in {"Starsza", "Najnowsza", "Środkowa"}
    ]
    assert ours == ["Najnowsza", "Środkowa", "Starsza"]


# Image renditions


@pytest.fixture
def logo(make_organization):
    # Wider than every offered width, so renditions really have the asked widths.
    image = Image.objects.create(
        title="Logo Renditions", file=get_test_image_file(size=(1000, 600))
    )
    make_organization("Logo Renditions", logo=image)
    return image


LOGO_QUERY = '{ organization(slug: "logo-renditions") { logo { %s } } }'


def test_src_set_with_offered_widths_creates_renditions(graphql, logo):
    before = Rendition.objects.count()
    src_set = graphql(LOGO_QUERY % "srcSet(sizes: [320, 640])")["organization"]["logo"]["srcSet"]
    assert src_set.count("w,") == 1 and "320w" in src_set and "640w" in src_set
    assert Rendition.objects.count() == before + 2
    assert set(logo.renditions.values_list("filter_spec", flat=True)) == {"width-320", "width-640"}


@pytest.mark.parametrize(
    ("arguments", "in_url"),
    [('fill: "800x450"', ".fill-800x450."), ('fill: "800x450", format: WEBP', ".format-webp.")],
)
def test_offered_fill_rendition_works(graphql, logo, arguments, in_url):
    before = Rendition.objects.count()
    data = graphql(LOGO_QUERY % f"rendition({arguments}) {{ url }}")
    assert in_url in data["organization"]["logo"]["rendition"]["url"]
    assert Rendition.objects.count() == before + 1


# Mutations


@pytest.mark.parametrize("operation", ["mutation", "subscription"])
def test_mutations_and_subscriptions_are_not_possible(graphql, operation):
    found = messages(graphql.post(f"{operation} {{ __typename }}"), 400)
    assert found == [f"Schema is not configured to execute {operation} operation."]


def test_mutation_over_get_is_not_allowed(client):
    response = get(client, query="mutation { __typename }")
    assert messages(response, 405) == ["Only queries may be sent with GET."]


# Errors inside resolvers


def test_internal_error_in_a_resolver_is_masked_and_logged(graphql, monkeypatch, caplog):
    def broken(self):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(OrganizationQuerySet, "published", broken)
    response = graphql.post("{ organizations { items { name } } }")
    payload = error_payload(response, 200)
    assert [error["message"] for error in payload["errors"]] == [INTERNAL_ERROR]
    assert payload["errors"][0]["path"] == ["organizations"]
    assert b"secret internals" not in response.content
    logged = [record for record in caplog.records if record.exc_info]
    assert any("secret internals" in str(record.exc_info[1]) for record in logged)


# SQL time limit

SLOW_SQL = {
    "postgresql": "SELECT pg_sleep(2)",
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 100000000) SELECT count(*) FROM c",
}
# Longer than 100 ms on PostgreSQL; far more than SQLITE_CHECK_EVERY instructions on SQLite.
MEDIUM_SQL = {
    "postgresql": "SELECT 200000 FROM pg_sleep(0.3)",
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
    "WHERE x < 200000) SELECT count(*) FROM c",
}


def sql_for(statements):
    if connection.vendor not in statements:
        pytest.skip(f"no statement timeout on {connection.vendor}")
    return statements[connection.vendor]


def test_statement_timeout_stops_a_slow_statement():
    slow = sql_for(SLOW_SQL)
    started = time.monotonic()
    with (
        pytest.raises(OperationalError) as caught,
        statement_timeout(100),
        connection.cursor() as cursor,
    ):
        cursor.execute(slow)
    assert time.monotonic() - started < 1.5
    assert is_statement_timeout(caught.value)
    with connection.cursor() as cursor:  # the connection is still usable
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_statement_timeout_lets_quick_statements_finish():
    with statement_timeout(5_000), connection.cursor() as cursor:
        cursor.execute(sql_for(MEDIUM_SQL))
        assert cursor.fetchone() == (200000,)


def test_statement_timeout_ends_with_its_block():
    medium = sql_for(MEDIUM_SQL)
    with statement_timeout(100), connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    time.sleep(0.15)  # past the block's deadline
    with connection.cursor() as cursor:
        cursor.execute(medium)
        assert cursor.fetchone() == (200000,)


def test_slow_resolver_is_stopped_with_a_clear_message(graphql, settings, monkeypatch):
    slow = sql_for(SLOW_SQL)
    published = OrganizationQuerySet.published

    def slow_published(self):
        with connection.cursor() as cursor:
            cursor.execute(slow)
        return published(self)

    monkeypatch.setattr(OrganizationQuerySet, "published", slow_published)
    settings.API_STATEMENT_TIMEOUT_MS = 100
    started = time.monotonic()
    response = graphql.post("{ organizations { items { name } } }")
    assert time.monotonic() - started < 1.5
    assert response.status_code == 400 and "data" not in response.json()
    [error] = response.json()["errors"]
    assert error == {
        "message": "The query took too long and was stopped; ask for less.",
        "extensions": {"code": "QUERY_TOO_SLOW"},
    }


def test_a_post_without_the_trailing_slash_is_answered(client):
    response = client.post(
        "/graphql",
        '{"query": "{ __typename }"}',
        content_type="application/json",
        HTTP_HOST="localhost",
    )
    assert response.json() == {"data": {"__typename": "Query"}}


def test_a_form_post_in_another_charset_is_a_clear_400(client):
    response = client.post(
        "/graphql/",
        "query=%7B__typename%7D",
        content_type="application/x-www-form-urlencoded; charset=iso-8859-2",
        HTTP_HOST="localhost",
    )
    [message] = messages(response, 400)
    assert "UTF-8" in message
