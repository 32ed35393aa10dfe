"""What an editor does in the Polish Wagtail admin reaches the portal, and only
when published."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from organizations.models import Organization
from pages.models import NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, pomost):
    editor = get_user_model().objects.create_superuser("redakcja", "r@example.org", "hasło-123")
    client.force_login(editor)
    return client


def test_admin_speaks_polish(client, pomost):
    response = client.get("/admin/login/", HTTP_HOST="localhost")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'lang="pl"' in content
    assert "Zaloguj" in content


def news_form(**overrides):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    data = {
        "title": "Festyn Organizacji Pozarządowych",
        "slug": "festyn-2026",
        "intro": "Zapraszamy całe rodziny.",
        "date": "2026-11-20",
        "body": streamfield(
            [
                ("heading", {"text": "Program dnia", "level": "h2"}),
                ("paragraph", rich_text("<p>Stoiska <b>32 organizacji</b> na Rynku.</p>")),
                ("quote", {"text": "Razem możemy więcej.", "attribution": "Rada Partnerstwa"}),
            ]
        ),
        "tags": "festyn, wolontariat",
    }
    data.update(overrides)
    # Multiple-choice values go beside nested_form_data, which would flatten the list.
    return {**nested_form_data(data), "related_organizations": [arche.pk]}


def add_news_url(news_index):
    return reverse("wagtailadmin_pages:add", args=("pages", "newspage", news_index.pk))


NEWS_QUERY = """{ page(slug: "festyn-2026") { title ... on NewsPage {
    date intro tags { name }
    relatedOrganizations { name }
    body {
      blockType
      ... on HeadingBlock { text level }
      ... on RichTextBlock { value }
      ... on QuoteBlock { text attribution }
    }
} } }"""


def test_editor_publishes_news_and_the_portal_reads_it(editor_client, news_index, graphql):
    response = editor_client.post(
        add_news_url(news_index), {**news_form(), "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    page = graphql(NEWS_QUERY)["page"]
    assert page["title"] == "Festyn Organizacji Pozarządowych"
    assert page["date"] == "2026-11-20"
    assert sorted(tag["name"] for tag in page["tags"]) == ["festyn", "wolontariat"]
    assert page["relatedOrganizations"] == [{"name": "Fundacja ARCHE"}]
    blocks = page["body"]
    assert [block["blockType"] for block in blocks] == [
        "HeadingBlock",
        "RichTextBlock",
        "QuoteBlock",
    ]
    assert blocks[0] == {"blockType": "HeadingBlock", "text": "Program dnia", "level": "H2"}
    assert "<b>32 organizacji</b>" in blocks[1]["value"]
    assert blocks[2]["attribution"] == "Rada Partnerstwa"


def test_news_saved_as_draft_stays_off_the_api_until_published(editor_client, news_index, graphql):
    response = editor_client.post(add_news_url(news_index), news_form())
    assert response.status_code == 302
    assert graphql(NEWS_QUERY)["page"] is None

    page = NewsPage.objects.get(slug="festyn-2026")
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = editor_client.post(edit_url, {**news_form(), "action-publish": "action-publish"})
    assert response.status_code == 302
    assert graphql(NEWS_QUERY)["page"]["title"] == "Festyn Organizacji Pozarządowych"

    # A later draft edit keeps the published version on the API and in revisions.
    response = editor_client.post(edit_url, news_form(title="Zmieniony tytuł roboczy"))
    assert response.status_code == 302
    assert graphql(NEWS_QUERY)["page"]["title"] == "Festyn Organizacji Pozarządowych"
    assert page.revisions.count() == 3


def organization_form(**overrides):
    data = {
        "name": "Stowarzyszenie Łączy Nas Legnica",
        "short_name": "",
        "slug": "",
        "legal_form": "association",
        "description": rich_text("<p>Łączymy ludzi.</p>"),
        "website": "",
        "email": "",
        "phone": "",
        "street": "",
        "postal_code": "59-220",
        "city": "Legnica",
        "krs": "",
        "nip": "",
        "regon": "",
        "member_since": "2026-11-01",
        "left_on": "",
    }
    data.update(overrides)
    return {**nested_form_data(data), "areas": ["volunteering", "local_communities"]}


ORGANIZATION_ADD_URL = reverse("wagtailsnippets_organizations_organization:add")


def test_bad_nip_in_the_admin_is_a_form_error_and_nothing_is_saved(editor_client):
    response = editor_client.post(
        ORGANIZATION_ADD_URL, {**organization_form(nip="1234567890"), "action-publish": "1"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["nip"]
    assert "NIP" in form.errors["nip"][0]
    assert not Organization.objects.filter(name="Stowarzyszenie Łączy Nas Legnica").exists()


def test_organization_created_in_the_admin_keeps_polish_name_and_is_served(editor_client, graphql):
    response = editor_client.post(
        ORGANIZATION_ADD_URL, {**organization_form(), "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.context["form"].errors

    organization = Organization.objects.get(slug="stowarzyszenie-laczy-nas-legnica")
    assert organization.name == "Stowarzyszenie Łączy Nas Legnica"
    assert organization.live
    assert organization.areas == ["volunteering", "local_communities"]
    data = graphql('{ organization(slug: "stowarzyszenie-laczy-nas-legnica") { name areas } }')
    assert data["organization"] == {
        "name": "Stowarzyszenie Łączy Nas Legnica",
        "areas": ["VOLUNTEERING", "LOCAL_COMMUNITIES"],
    }


def test_draft_edit_of_an_organization_waits_for_publishing(editor_client, graphql):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    edit_url = reverse("wagtailsnippets_organizations_organization:edit", args=(arche.pk,))
    form = organization_form(name="Fundacja ARCHE", slug="fundacja-arche", phone="76 111 22 33")

    query = '{ organization(slug: "fundacja-arche") { phone } }'
    assert graphql(query)["organization"]["phone"] is None
    assert editor_client.post(edit_url, form).status_code == 302
    assert graphql(query)["organization"]["phone"] is None

    response = editor_client.post(edit_url, {**form, "action-publish": "action-publish"})
    assert response.status_code == 302
    assert graphql(query)["organization"]["phone"] == "76 111 22 33"
    assert arche.revisions.count() == 3


def test_organization_listing_searches_polish_names(editor_client):
    url = reverse("wagtailsnippets_organizations_organization:list")
    response = editor_client.get(url, {"q": "Miłośników"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Towarzystwo Miłośników Legnicy PRO LEGNICA" in content
    assert "Fundacja ARCHE" not in content


def test_editor_reading_the_api_sees_no_drafts_either(editor_client, news_index, make_news):
    make_news("Jawna wiadomość")
    response = editor_client.post(add_news_url(news_index), news_form(title="Szkic XYZZY"))
    assert response.status_code == 302 and NewsPage.objects.filter(title="Szkic XYZZY").exists()
    response = editor_client.post(
        "/graphql/",
        json.dumps({"query": '{ pages(contentType: "pages.NewsPage") { title } }'}),
        content_type="application/json",
    )
    assert response.json()["data"]["pages"] == [{"title": "Jawna wiadomość"}]


# Limited accounts: Wagtail's own "Editors" (write, not publish) and "Moderators"
# (write and publish pages) groups, and a signed-in user with no admin access.


def user_in(group_name):
    user = get_user_model().objects.create_user(group_name.lower(), password="hasło-123")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_an_editor_without_publish_rights_saves_a_draft_the_api_does_not_show(
    client, news_index, graphql
):
    client.force_login(user_in("Editors"))
    response = client.post(
        add_news_url(news_index), {**news_form(), "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="festyn-2026")
    assert not page.live and page.revisions.count() == 1
    assert graphql(NEWS_QUERY)["page"] is None


def test_a_moderator_publishes_and_the_portal_reads_it(client, news_index, graphql):
    client.force_login(user_in("Moderators"))
    response = client.post(
        add_news_url(news_index), {**news_form(), "action-publish": "action-publish"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert graphql(NEWS_QUERY)["page"]["title"] == "Festyn Organizacji Pozarządowych"


@pytest.mark.parametrize("group", ["Editors", "Moderators"])
def test_page_editors_cannot_touch_organizations(client, graphql, group):
    client.force_login(user_in(group))
    arche = Organization.objects.get(name="Fundacja ARCHE")
    edit_url = reverse("wagtailsnippets_organizations_organization:edit", args=(arche.pk,))
    listing = client.get(reverse("wagtailsnippets_organizations_organization:list"))
    assert listing.status_code in (302, 403)
    response = client.post(
        edit_url,
        {**organization_form(name="Przejęta", slug="fundacja-arche"), "action-publish": "1"},
    )
    assert response.status_code in (302, 403)
    arche.refresh_from_db()
    assert arche.name == "Fundacja ARCHE" and arche.revisions.count() == 1
    assert graphql('{ organization(slug: "fundacja-arche") { name } }')["organization"] == {
        "name": "Fundacja ARCHE"
    }


def test_a_signed_in_user_without_admin_access_is_sent_to_the_login(client, news_index):
    client.force_login(get_user_model().objects.create_user("czytelnik", password="x"))
    response = client.get(add_news_url(news_index))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(add_news_url(news_index), news_form())
    assert response.status_code == 302 and not NewsPage.objects.filter(slug="festyn-2026").exists()


def test_related_organizations_are_ticked_from_a_list_in_polish_order(editor_client, news_index):
    from core.collation import polish_sort_key

    page = editor_client.get(add_news_url(news_index)).content.decode()
    checkbox = r'<input type="checkbox" name="related_organizations"[^>]*>\s*([^<]+?)\s*</label>'
    names = re.findall(checkbox, page)
    assert len(names) == Organization.objects.count()
    assert names == sorted(names, key=polish_sort_key)
