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
