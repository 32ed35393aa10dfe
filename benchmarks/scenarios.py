"""The requests the benchmark compares: the portal's news list through GraphQL,
the same content and fields through Wagtail's REST API v2, and the floor."""

import hashlib
import json
from urllib.parse import urlencode

NEWS_QUERY = """query News {
  pages(contentType: "pages.NewsPage", order: "-date", limit: 20) {
    id title url
    ... on NewsPage {
      date intro
      mainImage { url srcSet(sizes: [320, 640]) }
      tags { name }
      relatedOrganizations { slug name }
    }
  }
}"""

GRAPHQL_BODY = json.dumps({"query": NEWS_QUERY, "operationName": "News"})

REST_PATH = (
    "/api/v2/pages/?type=pages.NewsPage&order=-date&limit=20"
    "&fields=date,intro,main_image_320,main_image_640,tags,related_organizations"
)
GRAPHQL_PATH = "/graphql/"
FLOOR_PATH = "/bench/floor/"

# The cached scenario as a portal sends it: a GET naming the query by its hash
# (Apollo automatic persisted queries), registered once with a POST.
PERSISTED = {
    "persistedQuery": {"version": 1, "sha256Hash": hashlib.sha256(NEWS_QUERY.encode()).hexdigest()}
}
PERSIST_BODY = json.dumps({"query": NEWS_QUERY, "operationName": "News", "extensions": PERSISTED})
PERSISTED_GET_PATH = "/graphql/?" + urlencode(
    {"operationName": "News", "extensions": json.dumps(PERSISTED, separators=(",", ":"))}
)

# Scale of content: what grows with the number of news pages (run --news N at
# two sizes and compare p95). Uncached: each request reaches PostgreSQL.
NEWS_WITH_TOTAL_QUERY = """query NewsWithTotal {
  news(limit: 20) {
    total
    items { title urlPath date intro mainImage { url } }
  }
}"""

PAGE_BY_PATH_QUERY = """query PageByPath($path: String!) {
  page(urlPath: $path) {
    title urlPath lastPublishedAt
    ... on NewsPage { date intro tags { name } relatedOrganizations { slug name } }
  }
}"""

ORGANIZATION_BY_SLUG_QUERY = """query OrganizationBySlug($slug: String!) {
  organization(slug: $slug) {
    name slug description city logo { url }
    news(limit: 5) { total items { title urlPath date } }
  }
}"""


def graphql_body(query, operation, **variables):
    return json.dumps({"query": query, "operationName": operation, "variables": variables})


def scale_bodies(page_path, organization_slug):
    return {
        "e": graphql_body(NEWS_WITH_TOTAL_QUERY, "NewsWithTotal"),
        "f": graphql_body(PAGE_BY_PATH_QUERY, "PageByPath", path=page_path),
        "g": graphql_body(ORGANIZATION_BY_SLUG_QUERY, "OrganizationBySlug", slug=organization_slug),
    }
