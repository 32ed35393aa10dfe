"""The portal's common queries cost the same number of SQL queries for 5 results
as for 50: lists are loaded in bulk, never one query per item."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import DeclarationPage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    """Measure the queries themselves, not the response cache."""
    settings.API_RESPONSE_CACHE_SECONDS = 0


def queries_for(graphql, query, media=True):
    graphql(query)  # warm: the first run creates the image renditions
    with CaptureQueriesContext(connection) as captured:
        data = graphql(query)
    assert ("/media/" in str(data)) is media, "the measured answer's images"
    return len(captured.captured_queries)


@pytest.fixture
def logo_organizations(make_organization, make_image):
    return [
        # "Akcja…" sorts before every loaded organization, so any page of results has logos.
        make_organization(f"Akcja Numer {number:02d}", logo=make_image(f"Logo {number}"))
        for number in range(50)
    ]


NEWS_LIST = """{ pages(contentType: "pages.NewsPage", order: "-date", limit: %d) {
    title url
    ... on NewsPage {
        date intro
        mainImage { url width height srcSet(sizes: [320, 640]) }
        tags { name }
        relatedOrganizations { slug name logo { url } }
    }
} }"""


def test_news_list_query_count_does_not_grow_with_results(
    graphql, make_news, make_image, logo_organizations
):
    for number in range(50):
        news = make_news(
            f"Wiadomość {number}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
            main_image=make_image(f"Zdjęcie {number}"),
            publish_it=False,
        )
        news.tags.add("wolontariat", f"temat-{number}")
        news.related_organizations.set(logo_organizations[number % 10 : number % 10 + 3])
        news.save_revision().publish()

    five, fifty = queries_for(graphql, NEWS_LIST % 5), queries_for(graphql, NEWS_LIST % 50)
    news = graphql(NEWS_LIST % 50)["pages"]
    assert len(news) == 50
    for item in news:  # everything the query asks for is there, for every item
        assert item["mainImage"]["srcSet"].count("/media/images/") == 1  # 80 px: one width
        assert len(item["tags"]) == 2
        assert len(item["relatedOrganizations"]) == 3
        assert all(org["logo"]["url"] for org in item["relatedOrganizations"])
    assert five == fifty, (five, fifty)


ORGANIZATION_DIRECTORY = """{ organizations(limit: %d) { total items {
    slug name shortName legalFormLabel city
    logo { url srcSet(sizes: [160, 320]) }
} } }"""


def test_organization_directory_query_count_does_not_grow(graphql, logo_organizations):
    five = queries_for(graphql, ORGANIZATION_DIRECTORY % 5)
    fifty = queries_for(graphql, ORGANIZATION_DIRECTORY % 50)
    directory = graphql(ORGANIZATION_DIRECTORY % 50)["organizations"]["items"]
    assert sum(1 for org in directory if org["logo"] and org["logo"]["srcSet"]) == 50
    assert five == fifty, (five, fifty)


PAGE_BODY = """{ page(urlPath: "%s") { title ... on StandardPage { body {
    blockType
    ... on CaptionedImageBlock { image { url srcSet(sizes: [640]) } caption }
    ... on DocumentBlock { document { title url } }
    ... on RichTextBlock { value }
} } } }"""


def page_with_media(home, make_image, slug, count):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    body = [("paragraph", "<p>Wstęp</p>")]
    for number in range(count):
        image = make_image(f"{slug} {number}")
        document = Document.objects.create(
            title=f"{slug} dok {number}", file=ContentFile(b"%PDF-1.4", name=f"{slug}-{number}.pdf")
        )
        body += [
            ("image", {"image": image, "alt_text": "", "caption": f"Foto {number}"}),
            ("document", {"document": document, "title": ""}),
        ]
    page = StandardPage(title=slug, slug=slug, body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_page_body_with_many_images_and_documents_costs_the_same(graphql, home, make_image):
    page_with_media(home, make_image, "piec", 5)
    page_with_media(home, make_image, "piecdziesiat", 49)  # 99 blocks, within the body's 100
    five = queries_for(graphql, PAGE_BODY % "/piec/")
    fifty = queries_for(graphql, PAGE_BODY % "/piecdziesiat/")
    body = graphql(PAGE_BODY % "/piecdziesiat/")["page"]["body"]
    assert len(body) == 99
    assert sum(1 for block in body if block.get("image") and block["image"]["url"]) == 49
    assert sum(1 for block in body if block.get("document") and block["document"]["url"]) == 49
    assert five == fifty, (five, fifty)


DECLARATION = """{ page(urlPath: "/deklaracja/") { ... on DeclarationPage {
    signedOn signatories { slug name logo { url srcSet(sizes: [160]) } }
} } }"""


def test_declaration_signatories_cost_the_same_for_5_and_50(graphql, logo_organizations):
    declaration = DeclarationPage.objects.get()
    declaration.signatories.set(logo_organizations[:5])
    declaration.save_revision().publish()
    five = queries_for(graphql, DECLARATION)

    declaration.signatories.set(logo_organizations)
    declaration.save_revision().publish()
    fifty = queries_for(graphql, DECLARATION)
    signatories = graphql(DECLARATION)["page"]["signatories"]
    assert len(signatories) == 50 and all(org["logo"]["srcSet"] for org in signatories)
    assert five == fifty, (five, fifty)


COUNCIL = """{ partnershipCouncil { startDate members {
    personName role organization { slug name logo { url } }
} } }"""


def council_of(organizations):
    CouncilTerm.objects.all().delete()
    term = CouncilTerm(start_date=datetime.date(2020, 1, 1))
    term.members = [
        CouncilMember(person_name=f"Osoba {n}", organization=organization)
        for n, organization in enumerate(organizations)
    ]
    term.save()
    term.save_revision().publish()


def test_council_costs_the_same_for_5_and_50_members(graphql, logo_organizations):
    council_of(logo_organizations[:5])
    five = queries_for(graphql, COUNCIL)
    council_of(logo_organizations)
    fifty = queries_for(graphql, COUNCIL)
    members = graphql(COUNCIL)["partnershipCouncil"]["members"]
    assert len(members) == 50 and all(m["organization"]["logo"]["url"] for m in members)
    assert Organization.objects.filter(logo__isnull=False).count() >= 50
    assert five == fifty, (five, fifty)


EVENT_LIST = """{ pages(contentType: "pages.EventPage", order: "start", limit: %d) {
    title url
    ... on EventPage {
        start end place
        organizers { slug name logo { url srcSet(sizes: [160]) } }
    }
} }"""


def test_event_list_query_count_does_not_grow_with_results(graphql, logo_organizations):
    from pages.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    for number in range(50):
        event = EventPage(
            title=f"Wydarzenie {number}",
            start=datetime.datetime(2026, 12, 1, 18, tzinfo=datetime.UTC)
            + datetime.timedelta(days=number),
            place="Legnica",
        )
        index.add_child(instance=event)
        event.organizers.set(logo_organizations[number % 10 : number % 10 + 2])
        event.save_revision().publish()
    five, fifty = queries_for(graphql, EVENT_LIST % 5), queries_for(graphql, EVENT_LIST % 50)
    events = graphql(EVENT_LIST % 50)["pages"]
    assert len(events) == 50 and all(len(event["organizers"]) == 2 for event in events)
    assert all(org["logo"]["srcSet"] for event in events for org in event["organizers"])
    assert five == fifty, (five, fifty)


EVERY_TYPE = """{ pages(limit: %d, order: "title") {
    title url
    ... on NewsPage { date mainImage { url } tags { name } relatedOrganizations { name } }
    ... on EventPage { start organizers { name } }
    ... on DeclarationPage { signedOn signatories { name } }
    ... on HistoryPage { timeline { ... on TimelineEventBlock { title } } }
    ... on StandardPage { intro }
} }"""


def test_a_list_of_every_page_type_costs_the_same_for_10_and_50(
    graphql, home, make_news, make_image, logo_organizations
):
    """Titles interleave the types, so both lists hold every type: the sections
    (home, history, declaration, indexes) first, then news, events and pages."""
    from pages.models import EventIndexPage, EventPage

    events = EventIndexPage.objects.get()
    for number in range(20):
        news = make_news(f"Pozycja {number:02d}a", main_image=make_image(f"Foto {number}"))
        news.related_organizations.set(logo_organizations[:2])
        news.tags.add("pomost")
        news.save_revision().publish()
        event = EventPage(
            title=f"Pozycja {number:02d}b",
            start=datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC),
        )
        events.add_child(instance=event)
        event.organizers.set(logo_organizations[:1])
        event.save_revision().publish()
        home.add_child(
            instance=StandardPage(title=f"Pozycja {number:02d}c")
        ).save_revision().publish()
    ten, fifty = queries_for(graphql, EVERY_TYPE % 10), queries_for(graphql, EVERY_TYPE % 50)
    for limit in (10, 50):
        types = {tuple(sorted(page)) for page in graphql(EVERY_TYPE % limit)["pages"]}
        assert len(types) >= 6, types
    assert ten == fifty, (ten, fifty)


def test_what_is_not_selected_is_not_loaded(graphql, make_news, make_image, logo_organizations):
    for number in range(5):
        news = make_news(f"Wiadomość {number}", main_image=make_image(f"Foto {number}"))
        news.related_organizations.set(logo_organizations[:3])
        news.tags.add("pomost")
        news.save_revision().publish()
    bare = '{ pages(contentType: "pages.NewsPage", limit: 5) { title } }'
    names = (
        '{ pages(contentType: "pages.NewsPage", limit: 5) '
        "{ title ... on NewsPage { relatedOrganizations { slug name } } } }"
    )
    logos = (
        '{ pages(contentType: "pages.NewsPage", limit: 5) '
        "{ title ... on NewsPage { relatedOrganizations { slug name logo { url } } } } }"
    )
    graphql(logos)
    counts = []
    for query in (bare, names, logos):
        with CaptureQueriesContext(connection) as captured:
            graphql(query)
        counts.append(len(captured.captured_queries))
    assert counts[0] < counts[1] < counts[2], counts
    assert counts[1] - counts[0] == 1  # the organizations, without their logos
    assert counts[2] - counts[1] == 1  # their logos, once asked for


PARENTS = '{ pages(contentType: "pages.NewsPage", limit: %d) { url parent { title url } } }'
IMAGE_DETAILS = "{ images(limit: %d) { title tags { name } collection { name } } }"


def test_parents_tags_and_collections_are_loaded_for_a_whole_list(graphql, make_news, make_image):
    for number in range(50):
        make_news(f"Wiadomość {number}")
        image = make_image(f"Zdjęcie {number}")
        image.tags.add("pomost")
    counts = {}
    for query in (PARENTS, IMAGE_DETAILS):
        graphql(query % 5)
        for limit in (5, 50):
            with CaptureQueriesContext(connection) as captured:
                data = graphql(query % limit)
            counts[query, limit] = len(captured.captured_queries)
            assert len(next(iter(data.values()))) == limit
        assert counts[query, 5] == counts[query, 50], counts
    parents = graphql(PARENTS % 5)["pages"]
    assert {page["parent"]["title"] for page in parents} == {"Aktualności"}
    images = graphql(IMAGE_DETAILS % 50)["images"]
    assert all(image["tags"] == [{"name": "pomost"}] for image in images)


PORTAL_NEWS = """{ news(limit: %d) { total items {
    title url date
    mainImage { url srcSet(sizes: [320]) }
    tags { name }
    relatedOrganizations { slug name logo { url } }
} } }"""


def test_the_news_root_list_costs_the_same_for_5_and_50(
    graphql, make_news, make_image, logo_organizations
):
    for number in range(50):
        news = make_news(f"Wiadomość {number}", main_image=make_image(f"Foto {number}"))
        news.tags.add("pomost")
        news.related_organizations.set(logo_organizations[:2])
        news.save_revision().publish()
    five, fifty = queries_for(graphql, PORTAL_NEWS % 5), queries_for(graphql, PORTAL_NEWS % 50)
    page = graphql(PORTAL_NEWS % 50)["news"]
    assert page["total"] == 50 and len(page["items"]) == 50
    assert all(len(item["relatedOrganizations"]) == 2 for item in page["items"])
    assert five == fifty, (five, fifty)


PROFILES = """{ organizations(limit: %d) { items {
    slug
    news(limit: 2) { total items { title mainImage { url } } }
    upcoming: events(from: "2026-12-01") { total items { title start } }
    past: events(to: "2026-11-30", limit: 1) { total items { title } }
    councilSeats { total items { role term { startDate } } }
} } }"""


def test_organization_profiles_with_their_news_events_and_seats_cost_the_same(
    graphql, make_news, make_image, logo_organizations
):
    from pages.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get()
    for number, organization in enumerate(logo_organizations):
        for kind in ("a", "b", "c"):
            news = make_news(f"{kind} {number}", main_image=make_image(f"F {kind}{number}"))
            news.related_organizations.set([organization])
            news.save_revision().publish()
        for start in (datetime.date(2026, 11, 20), datetime.date(2026, 12, 20)):
            event = EventPage(
                title=f"Wydarzenie {start} {number}",
                start=datetime.datetime.combine(start, datetime.time(18), tzinfo=datetime.UTC),
            )
            index.add_child(instance=event)
            event.organizers.set([organization])
            event.save_revision().publish()
    council_of(logo_organizations)

    five, fifty = queries_for(graphql, PROFILES % 5), queries_for(graphql, PROFILES % 50)
    profiles = graphql(PROFILES % 50)["organizations"]["items"]
    assert len(profiles) == 50
    for profile in profiles:
        assert profile["news"]["total"] == 3 and len(profile["news"]["items"]) == 2
        assert profile["upcoming"]["total"] == 1 and profile["past"]["total"] == 1
        assert profile["councilSeats"]["items"][0]["term"]["startDate"] == "2020-01-01"
    assert five == fifty, (five, fifty)
