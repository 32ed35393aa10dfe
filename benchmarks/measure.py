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

    from benchmarks.scenarios import GRAPHQL_BODY, GRAPHQL_PATH, REST_PATH

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
    print(
        json.dumps(
            {
                "graphql": graphql_queries,
                "rest": rest_queries,
                "graphql_cached": cached_queries,
                "floor": 0,
                "graphql_bytes": len(body),
            }
        )
    )


if __name__ == "__main__":
    django.setup()
    main(sys.argv[1])
