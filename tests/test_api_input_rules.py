"""The API's input rules: a value that can never be valid is refused before the
query runs, whether it is written in the query or sent as a variable: HTTP 400,
errors without a `path`, no `data`, a message naming the argument. A value that
is well formed but matches nothing finds null or an empty list.
"""

import json

import pytest
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db

MAX_ID = 2**63 - 1


def refused(client, query, variables=None):
    """The messages of a request refused before it ran."""
    body = {"query": query}
    if variables is not None:
        body["variables"] = variables
    response = client.post(
        "/graphql/", json.dumps(body), content_type="application/json", HTTP_HOST="localhost"
    )
    payload = response.json()
    assert response.status_code == 400, payload
    assert "data" not in payload, payload
    assert payload["errors"], payload
    for error in payload["errors"]:
        assert "path" not in error, error
        assert error["message"] != "Internal server error."
    return " ".join(error["message"] for error in payload["errors"])


# (field with a literal, the same with a variable of this type, the bad value as
# JSON, what the message must say)
CASES = [
    (
        "organizations(limit: @) { items { name } }",
        "PageSize",
        "0",
        "`limit` must be a whole number from 1 to 100",
    ),
    ("organizations(limit: @) { items { name } }", "PageSize", "101", "from 1 to 100"),
    ("councilTerms(limit: @) { startDate }", "PageSize", "-1", "`limit`"),
    ("pages(limit: @) { title }", "PageSize", "150", "from 1 to 100"),
    ("pages(limit: 1) { children(limit: @) { title } }", "PageSize", "0", "`limit`"),
    ("images(limit: @) { title }", "PageSize", "1000", "`limit`"),
    ("documents(offset: @) { title }", "Offset", "-1", "`offset` must be a whole number from 0"),
    ("pages(offset: @) { title }", "Offset", "100001", "`offset`"),
    ("page(id: @) { title }", "ID", '""', "`id` must be a whole number"),
    ("page(id: @) { title }", "ID", '"abc"', "`id`"),
    ("page(id: @) { title }", "ID", '"-1"', "`id`"),
    ("image(id: @) { title }", "ID!", '"1.5"', "`id`"),
    ("document(id: @) { title }", "ID!", '"²"', "`id`"),
    ("page(id: @) { title }", "ID", '"0"', "`id`"),
    ("page(id: @) { title }", "ID", f'"{MAX_ID + 1}"', "`id`"),
    ("pages(parent: @) { title }", "ID", '"abc"', "`parent`"),
    ("pages(ancestor: @) { title }", "ID", '"1e3"', "`ancestor`"),
    ("images(collection: @) { title }", "ID", '""', "`collection`"),
    ("images(collection: @) { title }", "ID", '"99999999999999999999999"', "`collection`"),
    ("pages(order: @) { title }", "PageOrder", '"owner__password"', "`order` cannot be"),
    ("pages(order: @) { title }", "PageOrder", '"title,path,slug,-title"', "`order`"),
    ("pages(order: @) { title }", "PageOrder", '"date"', "a single contentType"),
    ("pages(limit: 1) { children(order: @) { title } }", "PageOrder", '"-date"', "`order`"),
    ("images(order: @) { title }", "MediaOrder", '"file"', "`order`"),
    ("pages(contentType: @) { title }", "PageTypes", '"pages.Nothing"', "`contentType`"),
    ("pages(contentType: @) { title }", "PageTypes", '"auth.User"', "`contentType`"),
    ("pages(contentType: @) { title }", "PageTypes", '""', "`contentType`"),
    (
        'page(slug: "x", contentType: @) { title }',
        "PageTypes",
        '"organizations.Organization"',
        "`contentType`",
    ),
    (
        "pages(searchQuery: @) { title }",
        "SearchQuery",
        json.dumps("a" * 201),
        "`searchQuery` is too long",
    ),
    ("pages(searchQuery: @) { title }", "SearchQuery", json.dumps("słowo " * 21), "`searchQuery`"),
    (
        "organizations(searchQuery: @) { items { name } }",
        "SearchQuery",
        '"a\\u0000b"',
        "control characters",
    ),
    ("images(searchQuery: @) { title }", "SearchQuery", '"\\u0000"', "`searchQuery`"),
    (
        'pages(searchQuery: "x", searchOperator: @) { title }',
        "SearchOperator",
        "null",
        "searchOperator",
    ),
    ("news(order: @) { total }", "NewsOrder", "null", "order"),
    (
        "page(slug: @) { title }",
        "String",
        json.dumps("a" * 256),
        "`slug` is too long: at most 255",
    ),
    (
        "page(slug: @) { title }",
        "String",
        '"a\\u0000"',
        "`slug` cannot contain control characters",
    ),
    ("page(urlPath: @) { title }", "String", '"/\\u0000/"', "`urlPath`"),
    ("page(urlPath: @) { title }", "String", json.dumps("/a" * 600), "at most 1024"),
    ("organization(slug: @) { name }", "String!", '"\\u0000"', "`slug`"),
]

LOGO = 'organization(slug: "fundacja-arche") { logo { @ } }'
IMAGE_CASES = [
    ("srcSet(sizes: @)", "[ImageWidth!]!", "[321]", "Image widths are those the API offers"),
    ("srcSet(sizes: @)", "[ImageWidth!]!", "[320, 100000]", "160, 320, 480"),
    ("srcSet(sizes: @)", "[ImageWidth!]!", "[320, null]", "ImageWidth"),
    ("srcSet(sizes: @)", "[ImageWidth!]!", json.dumps([320] * 21), "`sizes` takes at most 20"),
    ("srcSet(sizes: [320], format: @)", "ImageFormat", '"PNG"', "ImageFormat"),
    ("rendition(width: @) { url }", "ImageWidth", "333", "Image widths"),
    ("rendition(fill: @) { url }", "ImageFill", '"4000x4000"', "`fill` takes crops"),
]


def literal(value):
    """A JSON value written as a GraphQL literal."""
    if value.startswith('"'):
        return json.dumps(json.loads(value))
    return value


def params(cases, wrap=lambda field: field):
    for field, variable_type, value, message in cases:
        name = field.split("(")[0] + ":" + value[:20]
        yield pytest.param(wrap(field), variable_type, value, message, id=name)


ALL_CASES = [
    *params(CASES),
    *params(IMAGE_CASES, wrap=lambda field: LOGO.replace("@", field)),
]


@pytest.mark.parametrize(("field", "variable_type", "value", "message"), ALL_CASES)
def test_a_value_that_can_never_be_valid_is_refused_as_a_literal(
    client, field, variable_type, value, message
):
    found = refused(client, "{ " + field.replace("@", literal(value)) + " }")
    assert message in found, found


@pytest.mark.parametrize(("field", "variable_type", "value", "message"), ALL_CASES)
def test_a_value_that_can_never_be_valid_is_refused_as_a_variable(
    client, field, variable_type, value, message
):
    query = f"query ($v: {variable_type}) {{ {field.replace('@', '$v')} }}"
    found = refused(client, query, {"v": json.loads(value)})
    assert message in found, found


def test_rendition_takes_a_width_or_a_crop(client):
    for rendition in ("rendition { url }", 'rendition(width: 320, fill: "400x400") { url }'):
        query = "{ " + LOGO.replace("@", rendition) + " }"
        assert "either `width` or `fill`" in refused(client, query)


def test_date_blocks_take_no_format(client):
    query = (
        "{ pages { ... on HistoryPage { timeline { ... on TimelineEventBlock "
        '{ blocks { ... on DateBlock { value(format: "%Y") } } } } } } }'
    )
    assert "Unknown argument 'format'" in refused(client, query)


def test_a_refused_request_creates_no_rendition(client, make_organization):
    image = Image.objects.create(title="Logo", file=get_test_image_file(size=(1000, 600)))
    make_organization("Z Logo", logo=image)
    before = Rendition.objects.count()
    refused(client, '{ organization(slug: "z-logo") { logo { srcSet(sizes: [320, 321]) } } }')
    assert Rendition.objects.count() == before


# Well formed, matching nothing


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('{ page(slug: "nie-ma-takiej") { title } }', {"page": None}),
        ('{ page(urlPath: "/nie/ma/takiej/") { title } }', {"page": None}),
        (f'{{ page(id: "{MAX_ID}") {{ title }} }}', {"page": None}),
        ('{ image(id: "987654") { title } }', {"image": None}),
        ('{ organization(slug: "nie-ma-takiej") { name } }', {"organization": None}),
        ('{ pages(parent: "987654") { title } }', {"pages": []}),
        ('{ images(collection: "987654") { title } }', {"images": []}),
        (
            '{ organizations(searchQuery: "żadnasłowo") { items { name } } }',
            {"organizations": {"items": []}},
        ),
    ],
)
def test_a_value_that_matches_nothing_finds_nothing(graphql, query, expected):
    assert graphql(query) == expected


def test_an_unpaired_quote_in_a_search_is_ignored(graphql):
    found = graphql('{ organizations(searchQuery: "\\"Amazonek") { items { name } } }')[
        "organizations"
    ]["items"]
    assert [org["name"] for org in found] == ["Legnickie Stowarzyszenie Amazonek AGATA"]
    found = graphql('{ pages(searchQuery: "Deklaracja\\"") { title } }')["pages"]
    assert "Deklaracja" in [page["title"] for page in found]


def test_an_empty_search_lists_everything(graphql):
    assert (
        len(
            graphql('{ organizations(searchQuery: "", limit: 100) { items { name } } }')[
                "organizations"
            ]["items"]
        )
        == 32
    )


def test_the_limits_follow_the_settings(graphql, client, settings):
    settings.GRAPPLE = {**settings.GRAPPLE, "MAX_PAGE_SIZE": 7}
    assert (
        len(graphql("{ organizations(limit: 7) { items { name } } }")["organizations"]["items"])
        == 7
    )
    assert "from 1 to 7" in refused(client, "{ organizations(limit: 8) { items { name } } }")


def test_an_id_is_digits_only(client, pomost):
    home = pomost.root_page.pk
    for written in (f" {home}", f"{home} ", f"+{home}", f"0x{home}"):
        assert "`id`" in refused(client, f'{{ page(id: "{written}") {{ title }} }}')


@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        ('query ($s: String) { page(id: "abc", slug: $s) { title } }', {}, "`id`"),
        ('query ($s: String) { page(slug: "a\\u0000b", urlPath: $s) { title } }', {}, "`slug`"),
        ('query ($c: ID) { pages(ancestor: "abc", parent: $c) { title } }', {}, "`ancestor`"),
        (
            'query ($q: SearchQuery) { pages(order: "-start", searchQuery: $q) { title } }',
            {},
            "`order`",
        ),
        (
            'query ($q: SearchQuery) { page(urlPath: "/") '
            '{ children(order: "date", searchQuery: $q) { title } } }',
            {},
            "`order`",
        ),
        (
            "query ($f: ImageFormat) { images(limit: 1) { rendition(format: $f) { url } } }",
            {},
            "either `width` or `fill`",
        ),
        (
            'query ($f: ImageFormat) { images(limit: 1) { rendition(width: 320, fill: "400x400", '
            "format: $f) { url } } }",
            {"f": "WEBP"},
            "either `width` or `fill`",
        ),
    ],
)
def test_a_variable_left_unsent_does_not_hide_other_arguments(client, query, variables, argument):
    assert argument in refused(client, query, variables)


@pytest.mark.parametrize(
    ("query", "argument"),
    [
        ("query ($s: String) { page(slug: $s) { title } }", "`slug`"),
        ("query ($s: String!) { organization(slug: $s) { name } }", "`slug`"),
        (
            "query ($s: SearchQuery) { organizations(searchQuery: $s) { items { name } } }",
            "`searchQuery`",
        ),
        (
            "query ($s: SearchQuery) { images(searchQuery: $s, searchOperator: OR) { title } }",
            "`searchQuery`",
        ),
    ],
)
def test_text_that_is_not_text_is_refused(client, query, argument):
    message = refused(client, query, {"s": "a\ud800b"})
    assert argument in message and "unpaired surrogate" in message


def test_an_unused_fragment_with_its_own_variables_does_not_matter(graphql):
    query = (
        'query Used { ...Title } fragment Title on Query { organization(slug: "fundacja-arche") '
        "{ name } } fragment Unused on Query { page(slug: $elsewhere) { title } }"
    )
    assert graphql(query) == {"organization": {"name": "Fundacja ARCHE"}}
