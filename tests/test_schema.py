"""The committed `schema.graphql` is the API contract: any change to the live
schema must show up as a diff of that file (`make schema` rewrites it). Its root
fields are exactly those the settings allow."""

import subprocess
import sys
from pathlib import Path

import graphene
import pytest
from django.core.exceptions import ImproperlyConfigured

from api.public_schema import schema
from api.wagtail_hooks import offer_only_allowed_root_fields

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schema.graphql"


def test_committed_schema_matches_what_make_schema_prints(tmp_path):
    """Generated as `make schema` does, with the project's own settings (the suite
    runs with a test-only app that must stay out of the contract)."""
    printed = tmp_path / "schema.graphql"
    subprocess.run(
        [sys.executable, "manage.py", "graphql_schema", "--schema", "api.public_schema.schema"]
        + ["--out", str(printed)],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.test", "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed.read_text(encoding="utf-8"), (
        "The GraphQL schema changed: run `make schema` and commit schema.graphql."
    )
    assert "notices" not in SCHEMA_FILE.read_text(encoding="utf-8")


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


def test_root_fields_are_exactly_the_allowed_ones(settings):
    assert set(schema.graphql_schema.query_type.fields) == set(settings.API_ROOT_FIELDS)
    # grapple's own root fields that list drafts, tags, sites… are not among them.
    for withheld in ("snippets", "search", "tags", "collections", "redirects", "sites"):
        assert withheld not in schema.graphql_schema.query_type.fields


class FutureGrappleQuery:
    """A root field some later grapple might add."""

    everything = graphene.String()

    def resolve_everything(root, info):
        return "secret"


class OwnPagesQuery:
    pages = graphene.String()

    def resolve_pages(root, info):
        return "ours"


class GrapplePagesQuery:
    pages = graphene.Int()

    def resolve_pages(root, info):
        return 1


def build_query_type(mixins):
    offer_only_allowed_root_fields(mixins)

    class Query(*mixins):
        pass

    return graphene.Schema(query=Query)


def test_a_root_field_nobody_listed_stays_out(settings):
    settings.API_ROOT_FIELDS = ["pages"]
    built = build_query_type([GrapplePagesQuery, FutureGrappleQuery, graphene.ObjectType])
    assert set(built.graphql_schema.query_type.fields) == {"pages"}


def test_the_field_registered_last_wins(settings):
    settings.API_ROOT_FIELDS = ["pages"]
    built = build_query_type([GrapplePagesQuery, OwnPagesQuery, graphene.ObjectType])
    assert built.execute("{ pages }").data == {"pages": "ours"}


def test_an_allowed_field_nobody_defines_is_a_configuration_error(settings):
    settings.API_ROOT_FIELDS = ["pages", "pagez"]
    with pytest.raises(ImproperlyConfigured, match="pagez"):
        offer_only_allowed_root_fields([OwnPagesQuery, graphene.ObjectType])
