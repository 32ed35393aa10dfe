"""The requests the benchmark compares: the portal's news list through GraphQL,
the same content and fields through Wagtail's REST API v2, and the floor."""

import json

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
