"""SQL queries per request of each scenario, measured in-process after a warm-up,
and the GraphQL response body the floor view serves. Prints one JSON line."""

import json
import sys
from pathlib import Path

import django


def main(floor_file):
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.scenarios import GRAPHQL_BODY, GRAPHQL_PATH, REST_PATH, scale_bodies

    client = Client(HTTP_HOST="127.0.0.1")

    def graphql():
        return client.post(GRAPHQL_PATH, GRAPHQL_BODY, content_type="application/json")

    def rest():
        return client.get(REST_PATH)

    def queries(request):
        response = request()
        assert response.status_code == 200, response.content[:500]
        with CaptureQueriesContext(connection) as captured:
            request()
        return len(captured.captured_queries), response

    cache.clear()
    settings.API_RESPONSE_CACHE_SECONDS = 0
    graphql_queries, response = queries(graphql)
    body = response.content
    assert b'"errors"' not in body and body.count(b'"title"') == 20, body[:500]
    Path(floor_file).write_bytes(body)
    rest_queries, _ = queries(rest)
    settings.API_RESPONSE_CACHE_SECONDS = 600
    cached_queries, _ = queries(graphql)

    # Where the scale scenarios look: a news item in the middle, and an
    # organization in the middle of the seeded ones.
    from organizations.models import Organization
    from pages.models import NewsPage

    news = NewsPage.objects.order_by("date")
    middle_news = news[news.count() // 2]
    organizations = Organization.objects.order_by("pk")
    middle_organization = organizations[organizations.count() // 2]
    asked = client.post(
        GRAPHQL_PATH,
        {"query": f"{{ page(id: {middle_news.pk}) {{ urlPath }} }}"},
        content_type="application/json",
    )
    page_path = asked.json()["data"]["page"]["urlPath"]
    settings.API_RESPONSE_CACHE_SECONDS = 0
    scale_sql = {}
    for key, scale_body in scale_bodies(page_path, middle_organization.slug).items():
        count, answer = queries(
            lambda b=scale_body: client.post(GRAPHQL_PATH, b, content_type="application/json")
        )
        assert b'"errors"' not in answer.content and b": null" not in answer.content[:40], (
            answer.content[:300]
        )
        scale_sql[key] = count
    print(
        json.dumps(
            {
                "graphql": graphql_queries,
                "rest": rest_queries,
                "graphql_cached": cached_queries,
                "floor": 0,
                "graphql_bytes": len(body),
                "news_pages": news.count(),
                "page_path": page_path,
                "organization_slug": middle_organization.slug,
                "scale_sql": scale_sql,
            }
        )
    )


if __name__ == "__main__":
    django.setup()
    main(sys.argv[1])
