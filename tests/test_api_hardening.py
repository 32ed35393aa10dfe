"""Holes a review of the API found, each closed and kept closed."""

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "field",
    [
        "draftTitle",
        "hasUnpublishedChanges",
        "lockedAt",
        "numchild",
        "path",
        "aliasOf",
        "goLiveAt",
        "expireAt",
        "latestRevisionCreatedAt",
        "translationKey",
        "locked",
    ],
)
def test_editorial_page_fields_are_not_offered(graphql, field):
    query = f'{{ page(urlPath: "/historia/") {{ ... on HistoryPage {{ {field} }} }} }}'
    assert "Cannot query field" in graphql.errors(query)[0]


def test_generic_page_type_is_not_offered(graphql):
    """Every public page has its own type: grapple's generic `Page` is not one."""
    assert (
        "Unknown type 'Page'" in graphql.errors('{ page(urlPath: "/") { ... on Page { id } } }')[0]
    )


@pytest.mark.parametrize(
    "query",
    [
        "{ images(limit: 1) { file } }",
        "{ images(limit: 1) { fileHash } }",
        "{ documents(limit: 1) { file } }",
        "{ images(limit: 1) { rendition(width: 320) { file } } }",
    ],
)
def test_storage_paths_of_media_are_not_offered(graphql, query):
    assert "Cannot query field" in graphql.errors(query)[0]


def fragment_bomb(levels):
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    )
    return f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ __typename }}"


def test_fragments_spreading_each_other_are_refused_before_they_expand(graphql):
    # 3^30 fields once expanded, in under 2 kB; refused without walking them.
    message = graphql.errors(fragment_bomb(30))[0]
    assert "too large" in message and "expanded" in message


def test_out_of_range_literal_is_a_plain_validation_error(graphql):
    response = graphql.post("{ pages(offset: 99999999999999999999999) { title } }")
    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert message == "`offset` must be a whole number from 0 to 100000."


@pytest.mark.parametrize("field", ["pages", "organizations", "images"])
def test_overlong_search_is_refused(graphql, field):
    words = " ".join(["słowo"] * 500)
    message = graphql.errors(f'{{ {field}(searchQuery: "{words}") {{ __typename }} }}')[0]
    assert "searchQuery" in message and "too long" in message


def test_expired_organizations_and_council_terms_are_hidden(graphql):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    Organization.objects.filter(pk=arche.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    CouncilTerm.objects.update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert graphql('{ organization(slug: "fundacja-arche") { name } }')["organization"] is None
    assert graphql("{ partnershipCouncil { startDate } }")["partnershipCouncil"] is None
    names = [
        o["name"]
        for o in graphql("{ organizations(limit: 100) { items { name } } }")["organizations"][
            "items"
        ]
    ]
    assert "Fundacja ARCHE" not in names and len(names) == 31
    assert graphql('{ organization(slug: "fundacja-avatar") { name } }')["organization"]


def test_cached_answers_do_not_outlive_a_page_expiring_by_the_clock(client, home):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page = StandardPage(
            title="Ogłoszenie na chwilę",
            slug="na-chwile",
            expire_at=timezone.now() + datetime.timedelta(seconds=30),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        query = {"query": '{ page(urlPath: "/na-chwile/") { title } }'}
        first = client.get("/graphql/", query, HTTP_HOST="localhost").json()
        assert first["data"]["page"] == {"title": "Ogłoszenie na chwilę"}
        clock.shift(datetime.timedelta(seconds=29))
        assert client.get("/graphql/", query, HTTP_HOST="localhost").json() == first
        clock.shift(datetime.timedelta(seconds=2))
        again = client.get("/graphql/", query, HTTP_HOST="localhost").json()
        assert again["data"]["page"] is None


def test_saving_a_draft_keeps_cached_answers(client, pomost, django_capture_on_commit_callbacks):
    query = {"query": '{ page(urlPath: "/historia/") { title } }'}
    answer = client.get("/graphql/", query, HTTP_HOST="localhost").json()
    history = pomost.root_page.get_children().get(slug="historia").specific
    history.title = "Roboczy tytuł"
    with django_capture_on_commit_callbacks(execute=True):
        history.save_revision()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/graphql/", query, HTTP_HOST="localhost").json() == answer
    assert len(queries) == 0  # still the stored answer

    with django_capture_on_commit_callbacks(execute=True):
        history.save_revision().publish()
    published = client.get("/graphql/", query, HTTP_HOST="localhost").json()
    assert published["data"]["page"] == {"title": "Roboczy tytuł"}


def test_public_answers_do_not_vary_on_cookies(client, pomost):
    response = client.get(
        "/graphql/", {"query": "{ pages(limit: 1) { title } }"}, HTTP_HOST="localhost"
    )
    assert "public" in response["Cache-Control"]
    assert "cookie" not in response.get("Vary", "").lower()


def test_the_api_answers_when_the_shared_cache_is_down(graphql, settings):
    """Redis unreachable (nothing listens on that port): answers come uncached."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    for name in ("Fundacja ARCHE", "Fundacja ARCHE – po zmianie"):
        Organization.objects.filter(slug="fundacja-arche").update(name=name)
        data = graphql('{ organization(slug: "fundacja-arche") { name } }')
        assert data["organization"]["name"] == name


def council_terms_queries(graphql, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 0
    query = "{ councilTerms(limit: 50) { startDate members { personName organization { name } } } }"
    graphql(query)
    with CaptureQueriesContext(connection) as captured:
        data = graphql(query)
    return len(captured.captured_queries), len(data["councilTerms"])


def test_council_terms_cost_the_same_for_few_and_many_terms(graphql, settings):
    organizations = list(Organization.objects.all()[:3])
    few, count = council_terms_queries(graphql, settings)
    for year in range(2013, 2023):
        term = CouncilTerm(
            start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
        )
        term.members = [
            CouncilMember(person_name=f"Osoba {n}", organization=org)
            for n, org in enumerate(organizations)
        ]
        term.save()
        term.save_revision().publish()
    many, more = council_terms_queries(graphql, settings)
    assert more == count + 10
    assert few == many, (few, many)


def test_rich_text_page_links_cost_at_most_two_queries_a_paragraph(graphql, home, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 0
    history = home.get_children().get(slug="historia")

    def page_with_links(slug, count):
        links = "".join(
            f'<p><a linktype="page" id="{history.id}">historia {n}</a></p>' for n in range(count)
        )
        page = StandardPage(
            title=slug, slug=slug, body=json.dumps([{"type": "paragraph", "value": links}] * count)
        )
        home.add_child(instance=page)
        page.save_revision().publish()

    page_with_links("malo", 2)
    page_with_links("duzo", 20)
    query = (
        '{ page(urlPath: "/%s/") { ... on StandardPage '
        "{ body { ... on RichTextBlock { value } } } } }"
    )
    counts = []
    for slug in ("malo", "duzo"):
        graphql(query % slug)
        with CaptureQueriesContext(connection) as captured:
            body = graphql(query % slug)["page"]["body"]
        assert 'href="http://localhost/historia/"' in body[0]["value"]
        counts.append(len(captured.captured_queries))
    assert counts[1] - counts[0] <= 18 * 2, counts  # two queries a paragraph at most
