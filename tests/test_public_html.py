"""The HTML pages Wagtail serves at each page's URL follow the API's public rules,
for anonymous visitors and signed-in readers alike; with PORTAL_BASE_URL set,
anonymous visitors of a page go to the portal instead.

Built on tests/world.py: every secret beside a public twin.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from organizations.models import Organization
from pages.models import StandardPage

from .world import HIDDEN_PAGES, SECRET, TWIN, build, mentions

pytestmark = pytest.mark.django_db

PORTAL = "https://portal.legnica.example"


@pytest.fixture
def world(pomost):
    return build()


def relative_url(page):
    return "/" + page.url_path.split("/", 2)[2]


def html(client, path, **headers):
    response = client.get(path, HTTP_HOST="localhost", **headers)
    return response, response.content.decode()


# A live page with an unpublished change serves its published version, not the draft.
HIDDEN = (*HIDDEN_PAGES, "unpublished_change")


@pytest.mark.parametrize("reader", ["anonymous", "signed-in reader"])
def test_hidden_pages_are_not_found_and_their_twins_are(world, client, reader):
    if reader != "anonymous":
        client.force_login(get_user_model().objects.create_user("czytelnik", password="x"))
    for key in HIDDEN:
        response, content = html(client, relative_url(world.secret[key]))
        if key == "unpublished_change":
            assert response.status_code == 200
            assert "Aktualność ze szkicem" in content and not mentions(content, SECRET)
        else:
            assert response.status_code == 404, key
            assert not mentions(content, SECRET), key
    for twin in ("section", "under_section", "draft"):
        response, content = html(client, relative_url(world.twin[twin]))
        assert response.status_code == 200 and mentions(content, TWIN), twin


def test_a_page_stops_being_served_when_it_expires_without_waiting_for_the_scheduler(
    client, pomost
):
    page = StandardPage(
        title="Ogłoszenie", slug="ogloszenie", expire_at=timezone.now() + timezone.timedelta(days=1)
    )
    pomost.root_page.add_child(instance=page)
    page.save_revision().publish()
    assert html(client, "/ogloszenie/")[0].status_code == 200
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now())
    assert html(client, "/ogloszenie/")[0].status_code == 404


def test_a_public_page_shows_only_public_media_organizations_and_links(world, client):
    response, content = html(client, world.twin["hub"].url)
    assert response.status_code == 200
    assert not mentions(content, SECRET)
    # The public parts are there: image block, rich-text image, document and page links.
    assert content.count(f"{TWIN}-dziecko") >= 2
    assert world.twin["document"].url in content
    assert f'href="{world.twin["section"].url}"' in content
    assert f"strona {world.secret['draft'].id}</a>" in content  # text kept, link dropped

    response, content = html(client, world.twin["twin_hub"].url)
    assert f"/{TWIN}.width-800" in content  # the main image, when public


def test_declaration_lists_only_published_unexpired_signatories(world, client):
    response, content = html(client, "/deklaracja/")
    assert response.status_code == 200
    assert not mentions(content, SECRET)
    assert world.twin["org"].name in content
    assert content.count("<li>") == 33


def test_a_link_to_another_sites_page_has_no_target(world, client):
    _, content = html(client, world.twin["hub"].url)
    assert world.secret["under_other_site"].slug not in content


def test_editors_preview_applies_the_public_rules_to_what_a_page_points_to(world, client):
    editor = get_user_model().objects.create_superuser("redakcja", "r@example.org", "x")
    client.force_login(editor)
    hub = world.twin["hub"]
    response = client.get(
        reverse("wagtailadmin_pages:view_draft", args=(hub.pk,)), HTTP_HOST="localhost"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Wiadomość publiczna" in content and TWIN in content
    assert not mentions(content, SECRET)


def test_organization_preview_hides_a_logo_from_a_restricted_collection(world, pomost):
    from django.test import RequestFactory

    org = Organization.objects.get(pk=world.twin["org"].pk)
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    for logo, shown in [(world.secret["image"], False), (world.twin["image"], True)]:
        org.logo = logo
        content = org.serve_preview(request, org.default_preview_mode).render().content.decode()
        assert mentions(content, TWIN if shown else SECRET) is shown
        assert not mentions(content, SECRET)


def test_an_organizations_profile_is_served_only_while_public(world, client):
    twin = Organization.objects.get(pk=world.twin["org"].pk)
    twin.description = f"<p>{SECRET}</p>"
    twin.save_revision()  # a change not yet approved
    response, content = html(client, f"/organizacje/{twin.slug}/")
    assert response.status_code == 200
    assert twin.name in content and mentions(content, TWIN) and not mentions(content, SECRET)
    for key in ("unpublished_org", "expired_org"):
        assert html(client, f"/organizacje/{world.secret[key].slug}/")[0].status_code == 404, key


# With a portal


def test_anonymous_visitors_of_a_page_go_to_the_portal(world, client, settings):
    settings.PORTAL_BASE_URL = PORTAL + "/"
    response = client.get("/historia/", {"utm_source": "x"}, HTTP_HOST="localhost")
    assert response.status_code == 302
    assert response["Location"] == f"{PORTAL}/historia/?utm_source=x"
    assert client.get("/", HTTP_HOST="localhost")["Location"] == f"{PORTAL}/"


def test_anonymous_visitors_of_a_profile_go_to_the_portal(world, client, settings):
    settings.PORTAL_BASE_URL = PORTAL
    slug = world.twin["org"].slug
    response = client.get(f"/organizacje/{slug}/", HTTP_HOST="localhost")
    assert response.status_code == 302
    assert response["Location"] == f"{PORTAL}/organizacje/{slug}/"
    hidden = world.secret["unpublished_org"].slug
    assert client.get(f"/organizacje/{hidden}/", HTTP_HOST="localhost").status_code == 404


def test_hidden_pages_are_not_redirected_to_the_portal(world, client, settings):
    settings.PORTAL_BASE_URL = PORTAL
    for key in HIDDEN:
        if key == "unpublished_change":
            continue
        assert html(client, relative_url(world.secret[key]))[0].status_code == 404, key


def test_signed_in_editors_still_get_the_html_with_a_portal(world, client, settings):
    settings.PORTAL_BASE_URL = PORTAL
    client.force_login(get_user_model().objects.create_superuser("redakcja", "r@e.org", "x"))
    response, content = html(client, "/historia/")
    assert response.status_code == 200 and "Historia" in content


def test_the_api_admin_and_documents_are_never_sent_to_the_portal(world, client, settings):
    settings.PORTAL_BASE_URL = PORTAL
    assert html(client, "/graphql/?query={__typename}")[0].status_code == 200
    assert html(client, "/admin/login/")[0].status_code == 200
    document = client.get(world.twin["document"].url, HTTP_HOST="localhost")
    assert document.status_code == 200


def test_a_redirect_left_by_a_rename_never_leads_to_a_hidden_page(world, client, committed):
    from wagtail.contrib.redirects.models import Redirect

    section = world.twin["section"]
    Redirect.add_redirect("/stary-adres", redirect_to=section)
    response = client.get("/stary-adres/", HTTP_HOST="localhost")
    assert response.status_code == 301 and response["Location"].endswith(section.url)
    with committed():
        section.unpublish()
    response = client.get("/stary-adres/", HTTP_HOST="localhost")
    assert response.status_code == 404 and "Location" not in response
    assert section.slug not in response.content.decode()


def test_wagtails_page_password_form_tells_nothing(world, client):
    restriction = world.secret["restricted_password"].view_restrictions.get()
    for page in (world.secret["draft"], world.secret["restricted_password"], world.twin["section"]):
        url = f"/_util/authenticate_with_password/{restriction.id}/{page.id}/"
        assert client.get(url, HTTP_HOST="localhost").status_code == 404
        response = client.post(url, {"password": "tajne"}, HTTP_HOST="localhost")
        assert response.status_code == 404
