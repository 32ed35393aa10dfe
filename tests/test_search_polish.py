"""Search that works in Polish (core.search). On PostgreSQL each word of a search
finds the words that begin with it, once cut back to what Polish endings leave
alone, with or without Polish letters: "zolw" finds "Żółw", "amaz" and "amazonki"
find "Amazonek". Only public items are searched, the operator holds and `total`
counts what the list shows. SQLite keeps its whole-word search."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.search import search_words, word_start

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="word starts without Polish letters: PostgreSQL"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own search")

AMAZONKI = "Legnickie Stowarzyszenie Amazonek AGATA"  # loaded by load_pomost


def organizations(graphql, words, operator="AND"):
    """The names found by the directory's search, checked against its total."""
    found = graphql(
        f"{{ organizations(searchQuery: {json.dumps(words)}, searchOperator: {operator}, "
        "limit: 100) { total items { name } } }"
    )["organizations"]
    names = [item["name"] for item in found["items"]]
    assert found["total"] == len(names)
    return names


@pytest.fixture
def turtles(make_organization):
    """A public organization, a draft and an unrelated one, with look-alike words."""
    return {
        "public": make_organization("Fundacja Żółw Błotny", description="Chronimy żółwie."),
        "draft": make_organization("Stowarzyszenie Żółwi Stepowych", publish_it=False),
        "unrelated": make_organization("Fundacja Złoty Róg", description="Zoo i ogród."),
    }


@pytest.fixture
def festival(make_news):
    """A published news item, its unpublished look-alike and an unrelated one."""
    return {
        "public": make_news("Festyn rodzinny w Chojnowie"),
        "draft": make_news("Festyn w Chojnowie – szkic", publish_it=False),
        "unrelated": make_news("Koncert w Lubinie"),
    }


@pytest.mark.parametrize(
    "word, start",
    [
        ("amazonki", "amazon"),
        ("amazonek", "amazon"),
        ("amazonkami", "amazon"),
        ("legnicy", "legnic"),
        ("legnicki", "legnic"),
        ("festynu", "festyn"),
        ("rodzinnego", "rodzinn"),
        ("stowarzyszenia", "stowarzyszeni"),
        ("seniorów", "senior"),
        ("żółwie", "żółw"),
        ("zolw", "zolw"),
        ("pomocy", "pomoc"),
        ("amaz", "amaz"),
        ("ama", "ama"),
        ("2026", "2026"),
        ("o/legnica", "o/legnica"),
    ],
)
def test_a_search_word_is_cut_back_to_what_polish_endings_leave_alone(word, start):
    assert word_start(word) == start


def test_a_search_is_split_into_lowercase_words_without_the_punctuation_around_them():
    assert search_words('"Stowarzyszenie Amazonek," amaz* o/Legnica e-mail') == [
        "stowarzyszenie",
        "amazonek",
        "amaz",
        "o/legnica",
        "e",
        "mail",
    ]


@on_postgresql
@pytest.mark.parametrize("words", ["zolw", "ZOLW", "żółw", "zolw blotny", "blotny"])
def test_search_finds_an_organization_by_a_word_without_polish_letters(graphql, turtles, words):
    assert organizations(graphql, words) == ["Fundacja Żółw Błotny"]


@on_postgresql
@pytest.mark.parametrize("words", ["amaz", "Amazon", "stowarzysz amaz", "amaz*"])
def test_search_finds_an_organization_by_the_start_of_a_word(graphql, make_organization, words):
    make_organization("Klub Amazonek Szkic", publish_it=False)
    make_organization("Fundacja Amator")
    assert organizations(graphql, words) == [AMAZONKI]


@on_postgresql
@pytest.mark.parametrize(
    "words",
    [
        "amazonki",
        "stowarzyszenie amazonek",
        "legnickiego stowarzyszenia amazonek",
        '"stowarzyszenie amazonek"',
    ],
)
def test_search_finds_an_organization_by_an_inflected_form(graphql, make_organization, words):
    make_organization("Stowarzyszenie Amazonki Szkic", publish_it=False)
    assert organizations(graphql, words) == [AMAZONKI]


@on_postgresql
def test_search_finds_a_turtle_by_its_plural_and_not_by_two_letters(graphql, turtles):
    assert organizations(graphql, "żółwie") == ["Fundacja Żółw Błotny"]
    assert organizations(graphql, "zo") == []  # a word of two letters is matched whole


@on_postgresql
def test_search_honours_the_operator(graphql, turtles):
    assert organizations(graphql, "zolw amazonki") == []
    assert sorted(organizations(graphql, "zolw amazonki", "OR")) == [
        "Fundacja Żółw Błotny",
        AMAZONKI,
    ]


@on_postgresql
@pytest.mark.parametrize(
    "words", ["chojnow", "festyn chojnow", "FESTYNU W CHOJNOWIE", "festyn chojnów", "rodzinnego"]
)
def test_search_finds_a_page_by_word_starts_and_inflected_forms(
    graphql, festival, news_index, words
):
    title = "Festyn rodzinny w Chojnowie"
    q = json.dumps(words)
    assert graphql(f"{{ pages(searchQuery: {q}) {{ title }} }}")["pages"] == [{"title": title}]
    news = graphql(f"{{ news(searchQuery: {q}) {{ total items {{ title }} }} }}")["news"]
    assert news == {"total": 1, "items": [{"title": title}]}
    tree = graphql(f"{{ page(id: {news_index.id}) {{ children(searchQuery: {q}) {{ title }} }} }}")
    assert tree["page"]["children"] == [{"title": title}]


@on_postgresql
def test_search_of_pages_does_not_find_an_unrelated_page_by_a_short_word(graphql, festival):
    found = graphql('{ pages(searchQuery: "koncert w lubinie") { title } }')["pages"]
    assert found == [{"title": "Koncert w Lubinie"}]
    assert graphql('{ pages(searchQuery: "festyn lubin") { title } }')["pages"] == []


@on_postgresql
def test_the_admin_finds_an_organization_without_polish_letters(client, pomost, turtles):
    editor = get_user_model().objects.create_superuser("redakcja", "r@example.org", "hasło-123")
    client.force_login(editor)
    url = reverse("wagtailsnippets_organizations_organization:list")
    content = client.get(url, {"q": "zolw blot"}).content.decode()
    assert "Fundacja Żółw Błotny" in content
    assert "Fundacja Złoty Róg" not in content


@on_sqlite
def test_on_sqlite_search_matches_whole_words_ignoring_case_and_most_accents(graphql, turtles):
    assert organizations(graphql, "amazonek") == [AMAZONKI]
    assert organizations(graphql, "amaz") == organizations(graphql, "amazonki") == []
    assert organizations(graphql, "ZOŁW") == ["Fundacja Żółw Błotny"]
    assert organizations(graphql, "zolw") == []  # ł is a letter of its own to SQLite


def test_a_search_costs_as_many_queries_for_3_results_as_for_30(
    graphql, make_organization, settings
):
    settings.API_RESPONSE_CACHE_SECONDS = 0
    for number in range(30):
        make_organization(f"Fundacja Żółw {number:02d}", city="Chojnów")
    query = '{ organizations(searchQuery: "Żółw", limit: %d) { total items { name slug city } } }'

    def queries(limit):
        graphql(query % limit)  # warm: the site and content types are looked up once
        with CaptureQueriesContext(connection) as captured:
            found = graphql(query % limit)["organizations"]
        assert found["total"] == 30 and len(found["items"]) == limit
        return len(captured.captured_queries)

    assert queries(3) == queries(30)
