"""Nothing that is not published and public ever reaches an anonymous portal.

One fixture builds every kind of secret the CMS can hold, each carrying the same
marker string, plus public content that points at all of them; a battery of
queries through every path of the API must never return the marker.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction, Site

from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import DeclarationPage, HomePage, NewsPage, StandardPage

pytestmark = pytest.mark.django_db

MARKER = "xyzzysekret"


def marker_paths(obj, path=""):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from marker_paths(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for index, value in enumerate(obj):
            yield from marker_paths(value, f"{path}[{index}]")
    elif isinstance(obj, str) and MARKER in obj.lower():
        yield path, obj[:200]


def contains_marker(payload):
    return MARKER in json.dumps(payload, ensure_ascii=False).lower()


def secret_page(parent, page_class=StandardPage, **fields):
    page = page_class(title=f"{MARKER.upper()} {fields.pop('label')}", **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def secrets(home, news_index, make_image, make_organization):
    """Every secret, and public content that refers to each of them."""
    made = {}

    draft = NewsPage(title=f"{MARKER} szkic", date=datetime.date(2026, 11, 2), live=False)
    news_index.add_child(instance=draft)
    draft.tags.add(f"{MARKER}-tag")
    draft.save_revision()
    made["draft"] = draft

    changed = NewsPage(title="Jawna aktualność", date=datetime.date(2026, 11, 3))
    news_index.add_child(instance=changed)
    changed.save_revision().publish()
    changed.title = f"{MARKER} zmiana robocza"
    changed.intro = f"{MARKER} robocze"
    changed.save_revision()
    made["changed"] = changed

    made["expired"] = secret_page(
        home, label="wygasła", expire_at=timezone.now() - datetime.timedelta(days=1)
    )
    made["expired"].expire_at = timezone.now() - datetime.timedelta(days=1)
    made["expired"].save()

    for kind, extra in [
        (PageViewRestriction.PASSWORD, {"password": "tajne"}),
        (PageViewRestriction.LOGIN, {}),
        (PageViewRestriction.GROUPS, {}),
    ]:
        restricted = secret_page(home, label=f"prywatna {kind}")
        restriction = PageViewRestriction.objects.create(
            page=restricted, restriction_type=kind, **extra
        )
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get(name="Editors"))
        made[f"restricted_{kind}"] = restricted
        made[f"restricted_{kind}_child"] = secret_page(restricted, label=f"pod {kind}")

    other_home = HomePage(title=f"{MARKER} inna witryna", slug=f"{MARKER}-inna")
    Page.get_first_root_node().add_child(instance=other_home)
    other_home.save_revision().publish()
    Site.objects.create(hostname="inna.example.org", root_page=other_home)
    made["other_site"] = other_home
    made["other_site_child"] = secret_page(other_home, label="na innej witrynie")

    made["unpublished_org"] = make_organization(f"{MARKER.upper()} Fundacja", publish_it=False)
    term = CouncilTerm(start_date=datetime.date(2026, 1, 1), live=False)
    term.members = [CouncilMember(person_name=f"{MARKER} Osoba")]
    term.save()
    term.save_revision()

    secret_collection = Collection.get_first_root_node().add_child(name=f"{MARKER} kolekcja")
    CollectionViewRestriction.objects.create(
        collection=secret_collection, restriction_type="password", password="tajne"
    )
    child_collection = secret_collection.add_child(name=f"{MARKER} podkolekcja")
    made["collection"] = secret_collection
    made["image"] = make_image(
        f"{MARKER} obraz",
        collection=secret_collection,
        file=get_test_image_file(filename=f"{MARKER}.png"),
    )
    made["child_image"] = make_image(
        f"{MARKER} obraz w podkolekcji",
        collection=child_collection,
        file=get_test_image_file(filename=f"{MARKER}-dziecko.png"),
    )
    Document = get_document_model()
    made["document"] = Document.objects.create(
        title=f"{MARKER} dokument",
        collection=child_collection,
        file=ContentFile(b"%PDF-1.4 tajne", name=f"{MARKER}.pdf"),
    )

    # Public content pointing at every secret.
    arche = Organization.objects.get(name="Fundacja ARCHE")
    arche.logo = made["image"]
    arche.save_revision().publish()
    arche.description = f"<p>{MARKER} nieopublikowany opis</p>"
    arche.save_revision()
    links = (
        f'<p><a linktype="page" id="{draft.id}">szkic</a> '
        f'<a linktype="page" id="{made["restricted_password"].id}">prywatna</a> '
        f'<a linktype="document" id="{made["document"].id}">dokument</a></p>'
        f'<embed embedtype="image" id="{made["child_image"].id}" format="fullwidth" alt="foto"/>'
    )
    public = NewsPage(
        title="Wiadomość publiczna",
        date=datetime.date(2026, 11, 4),
        main_image=made["image"],
        body=[
            ("paragraph", links),
            ("image", {"image": made["child_image"], "alt_text": "", "caption": "Podpis"}),
            ("document", {"document": made["document"], "title": "Pobierz"}),
        ],
    )
    news_index.add_child(instance=public)
    public.related_organizations.set([made["unpublished_org"], arche])
    public.save_revision().publish()
    made["public"] = public

    declaration = DeclarationPage.objects.get()
    declaration.signatories.add(made["unpublished_org"])
    declaration.save_revision().publish()
    council = CouncilTerm.objects.get(live=True)
    CouncilMember.objects.create(
        term=council, person_name="Ktoś", organization=made["unpublished_org"]
    )
    return made


PAGE_FIELDS = """
    id title slug url urlPath seoTitle searchDescription contentType pageType
    parent { title urlPath }
    children(limit: 100) { title urlPath }
    descendants(limit: 100) { title urlPath }
    ancestors { title }
    siblings(limit: 100) { title }
    ... on NewsPage {
        intro date
        mainImage {
            title url file srcSet(sizes: [320]) rendition(width: 320) { url } collection { name }
        }
        tags { name }
        relatedOrganizations { name description logo { title url } }
        body {
            rawValue blockType
            ... on RichTextBlock { value }
            ... on CaptionedImageBlock { image { title url file } caption }
            ... on DocumentBlock { document { title url file } title }
        }
    }
    ... on DeclarationPage { signatories { name slug logo { url } } }
    ... on HistoryPage { timeline { rawValue } }
"""

ORGANIZATION_FIELDS = "name slug description logo { title url srcSet(sizes: [160]) }"


def battery(secrets):
    ids = [page.id for key, page in secrets.items() if isinstance(page, Page)]
    queries = [
        f"{{ pages(limit: 100) {{ {PAGE_FIELDS} }} }}",
        f'{{ pages(limit: 100, order: "-title") {{ {PAGE_FIELDS} }} }}',
        f'{{ pages(contentType: "pages.NewsPage", order: "-date") {{ {PAGE_FIELDS} }} }}',
        f'{{ pages(searchQuery: "{MARKER}") {{ title }} }}',
        f'{{ pages(contentType: "pages.NewsPage", searchQuery: "{MARKER}") {{ title }} }}',
        f'{{ pages(contentType: "pages.StandardPage,pages.HomePage") {{ {PAGE_FIELDS} }} }}',
        f"{{ organizations(limit: 100) {{ {ORGANIZATION_FIELDS} }} }}",
        f'{{ organizations(searchQuery: "{MARKER}") {{ name }} }}',
        f'{{ organization(slug: "{secrets["unpublished_org"].slug}") {{ name }} }}',
        f'{{ organization(slug: "fundacja-arche") {{ {ORGANIZATION_FIELDS} }} }}',
        "{ partnershipCouncil { startDate members { personName organization { name } } } }",
        "{ councilTerms { startDate members { personName organization { name } } } }",
        "{ images(limit: 100) { title url file } }",
        f'{{ images(searchQuery: "{MARKER}") {{ title }} }}',
        f"{{ images(collection: {secrets['collection'].id}) {{ title }} }}",
        f"{{ image(id: {secrets['image'].id}) {{ title url }} }}",
        f"{{ image(id: {secrets['child_image'].id}) {{ title url }} }}",
        "{ documents(limit: 100) { title url file } }",
        f"{{ document(id: {secrets['document'].id}) {{ title url }} }}",
        # grapple's nested lists searched: search results are filtered like lists.
        f'{{ page(urlPath: "/") {{ children(searchQuery: "{MARKER}") {{ title url }} '
        f'descendants(searchQuery: "{MARKER}") {{ title }} '
        f'siblings(searchQuery: "{MARKER}") {{ title children(searchQuery: "witrynie") '
        "{ title } } } }",
        f'{{ documents(searchQuery: "{MARKER}") {{ title }} }}',
    ]
    for page_id in ids:
        queries += [
            f"{{ page(id: {page_id}) {{ {PAGE_FIELDS} }} }}",
            f"{{ pages(parent: {page_id}) {{ title }} }}",
            f"{{ pages(ancestor: {page_id}) {{ title }} }}",
        ]
    for page in Page.objects.filter(id__in=ids):
        relative = "/" + page.url_path.split("/", 2)[2]
        queries += [
            f'{{ page(urlPath: "{page.url_path}") {{ title }} }}',
            f'{{ page(urlPath: "{relative}") {{ title }} }}',
            f'{{ page(slug: "{page.slug}") {{ title }} }}',
        ]
    return queries


def test_no_secret_reaches_an_anonymous_reader(secrets, graphql, client, settings):
    settings.API_MAX_QUERY_COST = 10**7  # this battery asks for everything at once
    queries = battery(secrets)
    assert len(queries) > 60
    for query in queries:
        response = graphql.post(query)
        payload = response.json()
        assert response.status_code == 200, (query, payload)
        assert "errors" not in payload, (query, payload)
        assert not contains_marker(payload), (query, list(marker_paths(payload))[:5])

        get_response = client.get("/graphql/", {"query": query}, HTTP_HOST="localhost")
        assert not contains_marker(get_response.json()), query


def test_public_content_around_the_secrets_is_still_served(secrets, graphql):
    """The battery above is meaningful only if the public parts do come back."""
    page = graphql(f"{{ page(id: {secrets['public'].id}) {{ {PAGE_FIELDS} }} }}")["page"]
    assert page["title"] == "Wiadomość publiczna"
    assert page["mainImage"] is None
    assert page["relatedOrganizations"][0]["name"] == "Fundacja ARCHE"
    assert len(page["relatedOrganizations"]) == 1
    assert page["relatedOrganizations"][0]["logo"] is None
    assert page["relatedOrganizations"][0]["description"] == ""
    paragraph, image, document = page["body"]
    assert "szkic" in paragraph["value"] and "href" not in paragraph["value"]
    assert image["image"] is None and image["caption"] == "Podpis"
    assert document["document"] is None and document["title"] == "Pobierz"

    changed = graphql(f"{{ page(id: {secrets['changed'].id}) {{ title }} }}")["page"]
    assert changed == {"title": "Jawna aktualność"}
    signatories = graphql(
        '{ page(urlPath: "/deklaracja/") { ... on DeclarationPage { signatories { name } } } }'
    )["page"]["signatories"]
    assert len(signatories) == 32


def test_the_other_site_sees_its_own_pages_only(secrets, client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inna.example.org"]
    query = "{ pages(limit: 100) { title } }"
    response = client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        HTTP_HOST="inna.example.org",
    )
    titles = [page["title"] for page in response.json()["data"]["pages"]]
    assert f"{MARKER.upper()} na innej witrynie" in titles
    assert "Historia" not in titles


def test_once_published_the_draft_appears(secrets, graphql):
    secrets["draft"].save_revision().publish()
    data = graphql(f"{{ page(id: {secrets['draft'].id}) {{ title }} }}")
    assert data["page"]["title"] == f"{MARKER} szkic"
