"""Every query the README shows for a portal screen runs, as written, against the
initial content and answers without errors: the README is the portal team's
starting point, so it must not rot."""

import datetime
import re
from pathlib import Path

import pytest

from organizations.models import Organization

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parent.parent / "README.md"
QUERIES = re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def operation_name(query):
    return re.search(r"query (\w+)", query).group(1)


@pytest.fixture
def variables(make_news):
    news = make_news("Festyn organizacji", date=datetime.date(2026, 11, 20))
    return {
        "today": "2026-11-28",
        "urlPath": news.url_path.removeprefix("/home"),
        "slug": Organization.objects.published().first().slug,
    }


def test_the_readme_shows_a_query_for_every_screen():
    names = {operation_name(query) for query in QUERIES}
    assert names >= {
        "Home",
        "NewsList",
        "NewsDetail",
        "UpcomingEvents",
        "Organizations",
        "OrganizationProfile",
        "Council",
        "Declaration",
        "History",
        "Sitemap",
    }


@pytest.mark.parametrize("query", QUERIES, ids=[operation_name(query) for query in QUERIES])
def test_a_screen_query_from_the_readme_answers_without_errors(graphql, variables, query):
    declared = set(re.findall(r"\$(\w+):", query))
    data = graphql(query, {name: variables[name] for name in declared if name in variables})
    # Every screen's data is there; only `redirect` is null (the news item was found).
    assert data and all(value is not None for key, value in data.items() if key != "redirect")
