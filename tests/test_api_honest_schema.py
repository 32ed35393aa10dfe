"""The schema says what the API does, so that code generated from it needs no
guessing: lists and ids are never null, blank text is null, vocabularies are
enums, every type, field and argument is described, date-times carry their
offset, and every URL is absolute by one rule."""

import datetime
import json
import re

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    get_nullable_type,
    is_list_type,
    is_non_null_type,
)
from wagtail.documents.models import Document
from wagtail.models import Page

from api.public_schema import schema
from organizations.models import Organization
from pages.models import EventIndexPage, EventPage, StandardPage

pytestmark = pytest.mark.django_db

TYPES = schema.graphql_schema.type_map
BUILT_IN = {"String", "Boolean", "Int", "Float", "ID"}


def output_fields():
    for name, graphql_type in TYPES.items():
        if isinstance(graphql_type, GraphQLObjectType | GraphQLInterfaceType) and not (
            name.startswith("__")
        ):
            for field_name, field in graphql_type.fields.items():
                yield f"{name}.{field_name}", field


def test_every_list_is_a_non_null_list_of_non_null_items():
    dishonest = [
        name
        for name, field in output_fields()
        if is_list_type(get_nullable_type(field.type))
        and not (
            is_non_null_type(field.type) and is_non_null_type(get_nullable_type(field.type).of_type)
        )
    ]
    lists = [name for name, field in output_fields() if is_list_type(get_nullable_type(field.type))]
    assert len(lists) > 20 and dishonest == []


def test_ids_of_stored_objects_are_never_null():
    ids = {name: field for name, field in output_fields() if name.endswith(".id")}
    for name in ("NewsPage.id", "Organization.id", "CouncilMember.id", "ImageObjectType.id"):
        assert is_non_null_type(ids[name].type), name
    # Only the parts of a structured block have no id of their own in Wagtail.
    nullable = {name for name, field in ids.items() if not is_non_null_type(field.type)}
    assert nullable and all(
        name == "StreamFieldInterface.id" or name.endswith("Block.id") for name in nullable
    )


@pytest.mark.parametrize(
    ("field", "enum"),
    [
        ("Organization.legalForm", "LegalForm"),
        ("Organization.areas", "PublicBenefitArea"),
        ("HeadingBlock.level", "HeadingLevel"),
        ("TimelineEventBlock.datePrecision", "DatePrecision"),
    ],
)
def test_vocabularies_are_enums(field, enum):
    type_name, field_name = field.split(".")
    named = TYPES[type_name].fields[field_name].type
    while hasattr(named, "of_type"):
        named = named.of_type
    assert isinstance(named, GraphQLEnumType) and named.name == enum


def test_every_type_field_and_argument_is_described():
    undescribed = []
    for name, graphql_type in TYPES.items():
        if name.startswith("__") or name in BUILT_IN:
            continue
        if not graphql_type.description:
            undescribed.append(name)
        for field_name, field in getattr(graphql_type, "fields", {}).items():
            if not field.description:
                undescribed.append(f"{name}.{field_name}")
            for argument_name, argument in getattr(field, "args", {}).items():
                if not argument.description:
                    undescribed.append(f"{name}.{field_name}({argument_name})")
    assert undescribed == []


def test_pages_offer_intro_and_only_the_tree_fields_screens_need():
    interface = TYPES["PageInterface"]
    assert "intro" in interface.fields
    assert {"children", "ancestors", "parent"} <= set(interface.fields)
    for withheld in ("siblings", "nextSiblings", "previousSiblings", "descendants", "locked"):
        assert withheld not in interface.fields
        assert withheld not in TYPES["NewsPage"].fields
    assert "Page" not in TYPES  # grapple's generic page type: nothing returns it
    assert "CharBlock" in TYPES and "RawHTMLBlock" not in TYPES  # blocks in use only


def test_intro_is_asked_once_for_every_page_type(graphql):
    pages = graphql("{ pages(limit: 100) { __typename intro } }")["pages"]
    intros = {page["__typename"]: page["intro"] for page in pages}
    assert intros["HistoryPage"]  # seeded with an intro
    assert len(intros) >= 5


def test_blank_optional_text_is_null_not_empty(graphql, make_organization):
    make_organization("Fundacja Bez Telefonu", phone="", website="", short_name="")
    organization = graphql(
        '{ organization(slug: "fundacja-bez-telefonu") { name phone website shortName } }'
    )["organization"]
    assert organization == {
        "name": "Fundacja Bez Telefonu",
        "phone": None,
        "website": None,
        "shortName": None,
    }


def test_enum_values_of_blocks_come_back_as_enums(graphql):
    history = graphql(
        '{ page(urlPath: "/historia/") { ... on HistoryPage { timeline { '
        "... on TimelineEventBlock { date datePrecision title } } } } }"
    )["page"]["timeline"]
    precisions = {event["datePrecision"] for event in history}
    assert precisions and precisions <= {"DAY", "MONTH", "YEAR"}
    assert {"date": "2012-02-23", "datePrecision": "DAY"}.items() <= next(
        event for event in history if event["date"] == "2012-02-23"
    ).items()


def test_date_times_are_in_polish_time_with_their_offset(graphql, pomost):
    utc = datetime.UTC
    winter = EventPage(
        title="Bal zimowy",
        start=datetime.datetime(2027, 1, 15, 17, 0, tzinfo=utc),
        end=datetime.datetime(2027, 7, 15, 16, 0, tzinfo=utc),
    )
    EventIndexPage.objects.get().add_child(instance=winter)
    winter.save_revision().publish()
    event = graphql('{ event(urlPath: "/wydarzenia/bal-zimowy/") { start end } }')["event"]
    assert event == {"start": "2027-01-15T18:00:00+01:00", "end": "2027-07-15T18:00:00+02:00"}


def test_page_urls_are_absolute_and_url_path_is_their_path(graphql):
    page = graphql('{ page(urlPath: "/historia/") { url urlPath ancestors { url urlPath } } }')[
        "page"
    ]
    assert page["url"] == "http://localhost/historia/"
    assert page["urlPath"] == "/historia/"
    assert page["ancestors"] == [{"url": "http://localhost/", "urlPath": "/"}]


def test_page_urls_are_on_the_portal_when_it_is_set_up(graphql, settings):
    settings.PORTAL_BASE_URL = "https://portal.example.pl"
    page = graphql('{ page(urlPath: "/historia/") { url urlPath } }')["page"]
    assert page == {"url": "https://portal.example.pl/historia/", "urlPath": "/historia/"}


@pytest.fixture
def linking_page(home):
    history = Page.objects.get(slug="historia")
    document = Document.objects.create(title="Deklaracja", file=document_file())
    html = (
        f'<p><a linktype="page" id="{history.pk}">historia</a> '
        f'<a linktype="document" id="{document.pk}">deklaracja</a></p>'
    )
    page = StandardPage(
        title="Linki", slug="linki", body=json.dumps([{"type": "paragraph", "value": html}])
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def document_file():
    from django.core.files.base import ContentFile

    return ContentFile(b"%PDF-1.4 deklaracja", name="deklaracja.pdf")


RICH_TEXT = (
    '{ page(urlPath: "/linki/") { ... on StandardPage '
    "{ body { ... on RichTextBlock { value } } } } }"
)


def links(graphql):
    value = graphql(RICH_TEXT)["page"]["body"][0]["value"]
    return re.findall(r'href="([^"]+)"', value)


def test_rich_text_links_are_absolute(graphql, linking_page, settings):
    page_link, document_link = links(graphql)
    assert page_link == "http://localhost/historia/"
    assert re.fullmatch(r"http://testserver/documents/\d+/deklaracja\.pdf", document_link)


def test_rich_text_page_links_point_at_the_portal_when_it_is_set_up(
    graphql, linking_page, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example.pl"
    page_link, document_link = links(graphql)
    assert page_link == "https://portal.example.pl/historia/"
    assert document_link.startswith("http://testserver/documents/")  # served by the CMS


def test_organization_profile_url_follows_the_same_rule(graphql, settings):
    slug = Organization.objects.published().first().slug
    query = f'{{ organization(slug: "{slug}") {{ url }} }}'
    assert graphql(query)["organization"]["url"] == f"http://localhost/organizacje/{slug}/"


def test_pages_give_their_canonical_url_and_public_share_image(graphql, make_image, pomost):
    history = Page.objects.get(slug="historia").specific
    history.share_image = make_image("Udostępnianie")
    history.save_revision().publish()
    page = graphql('{ page(urlPath: "/historia/") { canonicalUrl shareImage { title } } }')["page"]
    assert page == {
        "canonicalUrl": "http://localhost/historia/",
        "shareImage": {"title": "Udostępnianie"},
    }
    home = graphql('{ page(urlPath: "/") { canonicalUrl shareImage { title } } }')["page"]
    assert home == {"canonicalUrl": "http://localhost/", "shareImage": None}


def test_blocks_stored_without_values_do_not_break_the_page(graphql, home):
    body = [
        {"type": "heading", "value": {}},
        {"type": "quote", "value": {}},
        {"type": "embed", "value": None},
        {"type": "embed", "value": "https://www.youtube.com/watch?v=dQw4w9WgXcQ"},
    ]
    page = StandardPage(title="Import", slug="import", body=json.dumps(body))
    home.add_child(instance=page)
    page.save_revision().publish()
    blocks = graphql(
        '{ page(urlPath: "/import/") { ... on StandardPage { body { '
        "... on HeadingBlock { text } ... on QuoteBlock { text attribution } "
        "... on EmbedBlock { value url } } } } }"
    )["page"]["body"]
    assert blocks == [
        {"text": ""},
        {"text": "", "attribution": None},
        {"value": "", "url": ""},
        {
            "value": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        },
    ]
