"""The committed `schema.graphql` is the API contract: any change to the live
schema must show up as a diff of that file (`make schema` rewrites it)."""

from pathlib import Path

from graphql import print_schema
from grapple.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema.graphql"


def test_committed_schema_matches_the_live_schema():
    live = print_schema(schema.graphql_schema)
    assert SCHEMA_FILE.read_text(encoding="utf-8") == live, (
        "The GraphQL schema changed: run `make schema` and commit schema.graphql."
    )


def test_schema_exposes_every_page_type_and_the_partnership_types():
    types = schema.graphql_schema.type_map
    for name in [
        "HomePage",
        "HistoryPage",
        "DeclarationPage",
        "NewsIndexPage",
        "NewsPage",
        "EventIndexPage",
        "EventPage",
        "StandardPage",
        "Organization",
        "CouncilTerm",
        "CouncilMember",
        "TimelineEventBlock",
        "GoalBlock",
        "HeadingBlock",
        "CaptionedImageBlock",
        "QuoteBlock",
        "DocumentBlock",
    ]:
        assert name in types, name
    query_fields = schema.graphql_schema.query_type.fields
    for field in [
        "page",
        "pages",
        "organizations",
        "organization",
        "partnershipCouncil",
        "councilTerms",
    ]:
        assert field in query_fields, field
