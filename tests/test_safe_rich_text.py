"""Rich text reaches the portal safe, whatever path it arrived by: the editor, a
script that saves a page directly, or a row written past the ORM."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from organizations.models import Organization
from pages.models import NewsPage
from tests.test_admin_editor import add_news_url, news_form

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()" style="color:red">Zaproszenie'
    "<script>steal()</script><style>p{}</style>"
    '<a href="javascript:steal()">kliknij</a>'
    '<a href="data:text/html,&lt;script&gt;">dane</a>'
    '<img src="x" onerror="steal()">'
    '<iframe src="https://evil.example"></iframe>'
    '<a href="https://pomost.legnica.pl/">strona</a></p>'
)
DANGER = ("<script", "steal", "onclick", "onerror", "style", "javascript:", "data:", "<iframe")

NEWS = """query($id: ID!) {
  page(id: $id) {
    ... on NewsPage { body { ... on RichTextBlock { value rawValue } } }
  }
}"""


def body(graphql, page):
    return graphql(NEWS, {"id": page.pk})["page"]["body"]


def assert_safe(html):
    assert not [danger for danger in DANGER if danger in html], html


def test_a_script_saving_a_page_directly_stores_and_serves_safe_text(make_news, graphql):
    page = make_news("Skrypt", body=[("paragraph", HOSTILE)])
    stored = NewsPage.objects.get(pk=page.pk).body.raw_data[0]["value"]
    assert_safe(stored)
    assert "Zaproszenie" in stored and 'href="https://pomost.legnica.pl/"' in stored

    (paragraph,) = body(graphql, page)
    assert_safe(paragraph["value"])
    assert_safe(paragraph["rawValue"])
    assert "kliknij" in paragraph["value"] and "https://pomost.legnica.pl/" in paragraph["value"]


def test_rich_text_written_past_the_orm_is_served_safe(make_news, graphql):
    page = make_news("Import", body=[("paragraph", "<p>Zwykły tekst</p>")])
    raw = json.dumps([{"type": "paragraph", "value": HOSTILE, "id": "a1"}])
    NewsPage.objects.filter(pk=page.pk).update(body=raw)  # no save(), no signals

    (paragraph,) = body(graphql, page)
    assert_safe(paragraph["value"])
    assert_safe(paragraph["rawValue"])
    assert "Zaproszenie" in paragraph["value"]


def test_a_javascript_link_from_the_editor_is_stored_without_its_target(
    client, news_index, graphql, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("r", "r@example.org", "x"))
    contentstate = json.loads(rich_text("<p>Zobacz <a href='https://example.org'>to</a></p>"))
    contentstate["entityMap"]["0"]["data"]["url"] = "javascript:steal()"
    form = news_form(
        body=streamfield([("paragraph", json.dumps(contentstate))]),
        slug="skrypt-z-edytora",
    )
    response = client.post(add_news_url(news_index), {**form, "action-publish": "1"})
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="skrypt-z-edytora")
    assert_safe(page.body.raw_data[0]["value"])
    (paragraph,) = body(graphql, page)
    assert_safe(paragraph["value"])


def test_an_organizations_description_is_stored_safe(make_organization, graphql):
    make_organization("Fundacja Bezpieczna", description=HOSTILE)
    organization = Organization.objects.get(name="Fundacja Bezpieczna")
    assert_safe(organization.description)
    served = graphql('{ organization(slug: "fundacja-bezpieczna") { description } }')
    assert_safe(served["organization"]["description"])
    assert "Zaproszenie" in served["organization"]["description"]


def test_links_to_pages_survive_cleaning(make_news, graphql, home):
    html = f'<p><a linktype="page" id="{home.pk}">Strona główna</a></p>'
    page = make_news("Link", body=[("paragraph", html)])
    (paragraph,) = body(graphql, page)
    assert 'linktype="page"' in paragraph["rawValue"]
    assert '<a href="http' in paragraph["value"]


def test_organization_form_in_the_admin_still_saves(client, django_user_model):
    # The admin's round trip (Draftail to storage and back) is untouched.
    client.force_login(django_user_model.objects.create_superuser("s", "s@example.org", "x"))
    arche = Organization.objects.get(name="Fundacja ARCHE")
    data = nested_form_data(
        {
            "name": arche.name,
            "slug": arche.slug,
            "legal_form": arche.legal_form,
            "description": rich_text("<p>Pomagamy <b>rodzinom</b>.</p>"),
            "city": "Legnica",
            "postal_code": "",
            "member_since": str(arche.member_since or ""),
        }
    )
    url = reverse("wagtailsnippets_organizations_organization:edit", args=[arche.pk])
    assert client.post(url, {**data, "action-publish": "1"}).status_code == 302
    arche.refresh_from_db()
    assert "<b>rodzinom</b>" in arche.description
