"""Nothing that is not published and public ever reaches a reader of the API,
and everything public does.

tests/world.py builds every kind of secret beside a public twin. Each query of
the battery is sent for a secret and for its twin (or, for a list, once): the
secret's marker never comes back, the twin's always does.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from organizations.models import Organization
from pages.models import StandardPage

from .world import SECRET, TWIN, build, mentions, where

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(pomost):
    return build()


PAGE_FIELDS = """
    id title slug url urlPath seoTitle searchDescription contentType pageType
    parent { title urlPath }
    children(limit: 100) { title urlPath }
    ancestors { title }
    parent { children(limit: 100) { title } }
    ... on NewsPage {
        intro date
        mainImage {
            title url srcSet(sizes: [320]) rendition(width: 320) { url }
            collection { name ancestors { name } descendants { name } }
        }
        tags { name }
        relatedOrganizations { name description logo { title url } }
        body {
            rawValue blockType
            ... on RichTextBlock { value }
            ... on CaptionedImageBlock { image { title url } caption }
            ... on DocumentBlock { document { title url } title }
        }
    }
    ... on DeclarationPage { signatories { name slug logo { url } } }
"""

ORGANIZATION_FIELDS = "name slug description logo { title url srcSet(sizes: [160]) }"


def battery(world):
    """(query for the secret, the same query for its public twin) pairs."""
    s, t = world.secret, world.twin

    def same(query):
        return (query, query)

    def each(template, secret, twin):
        """`template` with @ standing for the secret's value, then the twin's."""
        return (template.replace("@", str(secret)), template.replace("@", str(twin)))

    pairs = [
        same(f"{{ pages(limit: 100) {{ {PAGE_FIELDS} }} }}"),
        same(f'{{ pages(limit: 100, order: "-title") {{ {PAGE_FIELDS} }} }}'),
        same(f'{{ pages(contentType: "pages.NewsPage", order: "-date") {{ {PAGE_FIELDS} }} }}'),
        same(f'{{ pages(contentType: "pages.StandardPage,pages.HomePage") {{ {PAGE_FIELDS} }} }}'),
        same(f'{{ page(urlPath: "/") {{ {PAGE_FIELDS} }} }}'),
        same(
            '{ page(urlPath: "/") { children(limit: 20) { title urlPath children(limit: 20) '
            "{ title urlPath children(limit: 20) { title urlPath } } } } }"
        ),
        same(f"{{ organizations(limit: 100) {{ items {{ {ORGANIZATION_FIELDS} }} }} }}"),
        same("{ partnershipCouncil { startDate members { personName organization { name } } } }"),
        same("{ councilTerms { startDate members { personName organization { name } } } }"),
        same("{ images(limit: 100) { title url } }"),
        same("{ documents(limit: 100) { title url } }"),
        each('{ pages(searchQuery: "@") { title } }', SECRET, TWIN),
        each('{ pages(contentType: "pages.NewsPage", searchQuery: "@") { title } }', SECRET, TWIN),
        each('{ organizations(searchQuery: "@") { items { name } } }', SECRET, TWIN),
        each('{ images(searchQuery: "@") { title } }', SECRET, TWIN),
        each('{ documents(searchQuery: "@") { title } }', SECRET, TWIN),
        each(
            '{ page(urlPath: "/") { children(searchQuery: "@") { title url } '
            'all: children { children(searchQuery: "@") { title } } } }',
            SECRET,
            TWIN,
        ),
        each(
            f'{{ organization(slug: "@") {{ {ORGANIZATION_FIELDS} }} }}',
            s["unpublished_org"].slug,
            t["org"].slug,
        ),
        each(
            f'{{ organization(slug: "@") {{ {ORGANIZATION_FIELDS} }} }}',
            s["expired_org"].slug,
            t["org"].slug,
        ),
        each("{ images(collection: @) { title } }", s["collection"].id, t["collection"].id),
        each("{ image(id: @) { title url } }", s["image"].id, t["image"].id),
        each("{ image(id: @) { title url } }", s["child_image"].id, t["child_image"].id),
        each("{ document(id: @) { title url } }", s["document"].id, t["document"].id),
    ]
    for key, page in s.items():
        if not isinstance(page, Page):
            continue
        twin = t["draft"] if key == "draft" else t["under_section"]
        relative = "/" + page.url_path.split("/", 2)[2]
        twin_relative = "/" + twin.url_path.split("/", 2)[2]
        pairs += [
            each(f"{{ page(id: @) {{ {PAGE_FIELDS} }} }}", page.id, twin.id),
            each("{ pages(parent: @) { title } }", page.id, t["section"].id),
            each("{ pages(ancestor: @) { title } }", page.id, t["section"].id),
            each('{ page(urlPath: "@") { title } }', page.url_path, twin.url_path),
            each('{ page(urlPath: "@") { title } }', relative, twin_relative),
            each('{ page(slug: "@") { title } }', page.slug, twin.slug),
        ]
    return pairs


def assert_secret_hidden_and_twin_shown(client, secret_query, twin_query, method="post"):
    for query, must_mention, must_not in [(secret_query, None, SECRET), (twin_query, TWIN, SECRET)]:
        if method == "post":
            response = client.post(
                "/graphql/",
                json.dumps({"query": query}),
                content_type="application/json",
                HTTP_HOST="localhost",
            )
        else:
            response = client.get("/graphql/", {"query": query}, HTTP_HOST="localhost")
        payload = response.json()
        assert response.status_code == 200, (query, payload)
        assert "errors" not in payload, (query, payload)
        assert not mentions(payload, must_not), (query, list(where(payload, must_not))[:5])
        if must_mention:
            assert mentions(payload, must_mention), ("twin missing", query, payload)


def test_no_secret_reaches_an_anonymous_reader_and_every_twin_does(world, client, settings):
    settings.API_MAX_QUERY_COST = 10**7  # this battery asks for everything at once
    pairs = battery(world)
    assert len(pairs) > 80
    for secret_query, twin_query in pairs:
        assert_secret_hidden_and_twin_shown(client, secret_query, twin_query, "post")
        assert_secret_hidden_and_twin_shown(client, secret_query, twin_query, "get")


def test_a_logged_in_reader_who_is_not_an_editor_sees_the_same(world, client, settings):
    settings.API_MAX_QUERY_COST = 10**7
    reader = get_user_model().objects.create_user("czytelnik", "c@example.org", "hasło-123")
    client.force_login(reader)
    for secret_query, twin_query in battery(world)[:16]:
        assert_secret_hidden_and_twin_shown(client, secret_query, twin_query)


HUB = f"""query ($id: ID) {{ page(id: $id) {{ {PAGE_FIELDS} }} }}"""


def test_public_page_shows_its_public_parts_and_nothing_else(world, graphql):
    page = graphql(HUB, {"id": world.twin["hub"].id})["page"]
    assert page["mainImage"] is None  # in a restricted collection
    assert [org["name"] for org in page["relatedOrganizations"]] == [
        "Fundacja ARCHE",
        world.twin["org"].name,
    ]
    arche = page["relatedOrganizations"][0]
    assert arche["description"] is None and arche["logo"] is None  # the published version

    paragraph, secret_image, twin_image, secret_doc, twin_doc = page["body"]
    html = paragraph["value"]
    assert not mentions(html, SECRET)
    for twin_page in (world.twin["section"], world.twin["under_section"]):
        assert f'href="{twin_page.url}"' in html
    assert f"strona {world.secret['draft'].id}</a>" in html  # the text stays, the link goes
    assert html.count("<a href=") == 3  # two public pages and the public document
    assert TWIN in html and html.count("<img") == 2 and html.count(" src=") == 1
    assert secret_image["image"] is None and secret_image["caption"] == "Podpis ukrytego"
    assert TWIN in twin_image["image"]["url"]
    assert secret_doc["document"] is None and secret_doc["title"] == "Pobierz ukryty"
    assert TWIN in twin_doc["document"]["url"]

    twin_hub = graphql(HUB, {"id": world.twin["twin_hub"].id})["page"]
    assert TWIN in twin_hub["mainImage"]["url"]


def test_relations_hold_only_published_unexpired_organizations(world, graphql):
    signatories = graphql(
        '{ page(urlPath: "/deklaracja/") { ... on DeclarationPage { signatories { name } } } }'
    )["page"]["signatories"]
    names = [org["name"] for org in signatories]
    assert len(names) == 33 and world.twin["org"].name in names
    council = graphql(
        "{ partnershipCouncil { startDate members { personName organization { name } } } }"
    )["partnershipCouncil"]
    assert council["startDate"] == "2012-02-23"  # the expired term of 2026 is not current
    organizations = [
        m["organization"] for m in council["members"] if m["personName"] == ("Przedstawiciel")
    ]
    assert organizations == [None, None, {"name": world.twin["org"].name}]


def test_an_image_collection_tree_shows_public_collections_only(world, graphql):
    image = graphql(
        "query ($id: ID!) { image(id: $id) { collection { name descendants { name } } } }",
        {"id": world.twin["image"].id},
    )["image"]
    names = [collection["name"] for collection in image["collection"]["descendants"]]
    assert names == [world.twin["collection"].name]


def test_search_ignores_the_unpublished_text_of_a_live_object(world, graphql):
    found = graphql(f'{{ organizations(searchQuery: "{SECRET}") {{ items {{ name }} }} }}')
    assert found["organizations"]["items"] == []
    found = graphql('{ organizations(searchQuery: "ARCHE") { items { name } } }')
    assert [org["name"] for org in found["organizations"]["items"]] == ["Fundacja ARCHE"]
    pages = graphql('{ pages(searchQuery: "szkicem") { title } }')["pages"]
    assert pages == [{"title": "Aktualność ze szkicem"}]


def test_a_nested_search_is_filtered_before_its_limit(world, graphql, pomost):
    """An expired page that matches first must not use up the limit: whether the
    answer is empty would tell that a hidden page holds the word."""
    home = pomost.root_page
    hidden = StandardPage(
        title=f"Aaa {SECRET} kwiatokrzew", expire_at=world.secret["expired"].expire_at
    )
    home.add_child(instance=hidden)
    StandardPage.objects.filter(pk=hidden.pk).update(live=True)
    hidden.save_revision()
    visible = home.add_child(instance=StandardPage(title="Zzz kwiatokrzew"))
    visible.save_revision().publish()
    query = (
        '{ page(urlPath: "/") { children(searchQuery: "kwiatokrzew", order: "title", limit: 1) '
        "{ title } } }"
    )
    assert graphql(query)["page"]["children"] == [{"title": "Zzz kwiatokrzew"}]


def test_the_other_site_sees_its_own_pages_only(world, client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inna.example.org"]
    response = client.post(
        "/graphql/",
        json.dumps({"query": "{ pages(limit: 100) { title } }"}),
        content_type="application/json",
        HTTP_HOST="inna.example.org",
    )
    titles = [page["title"] for page in response.json()["data"]["pages"]]
    assert f"{SECRET} na innej witrynie" in titles
    assert "Historia" not in titles


def test_once_published_a_hidden_page_appears(world, graphql, committed):
    draft = world.secret["draft"]
    assert graphql(f"{{ page(id: {draft.id}) {{ title }} }}")["page"] is None
    with committed():
        draft.save_revision().publish()
    assert graphql(f"{{ page(id: {draft.id}) {{ title }} }}")["page"]["title"] == f"{SECRET} szkic"


def test_once_its_parent_is_published_again_a_page_appears(world, graphql, committed):
    child = world.secret["under_unpublished"]
    query = f'{{ page(urlPath: "{child.url_path}") {{ title }} }}'
    assert graphql(query)["page"] is None
    with committed():
        world.secret["unpublished_parent"].save_revision().publish()
    assert graphql(query)["page"]["title"] == child.title


def test_an_organization_appears_once_published(world, graphql, committed):
    org = world.secret["unpublished_org"]
    query = f'{{ organization(slug: "{org.slug}") {{ name }} }}'
    assert graphql(query)["organization"] is None
    with committed():
        Organization.objects.get(pk=org.pk).save_revision().publish()
    assert graphql(query)["organization"]["name"] == org.name


@pytest.mark.parametrize("field", ["numchild", "depth", "path"])
def test_collections_do_not_count_their_hidden_children(graphql, field):
    query = f"{{ images {{ collection {{ {field} }} }} }}"
    assert "Cannot query field" in graphql.errors(query)[0]


def test_an_image_does_not_list_every_rendition_ever_made(graphql):
    assert "Cannot query field" in graphql.errors("{ images { renditions { url } } }")[0]
