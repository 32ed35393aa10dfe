"""The body's blocks round-trip from the Polish admin to GraphQL, with the
rules editors are told: alternative text unless decorative, a button leads to a
page or to an address, public targets only."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import streamfield

from pages.models import NewsPage
from tests.test_admin_editor import add_news_url, news_form

pytestmark = pytest.mark.django_db

BODY = """query($id: ID!) {
  page(id: $id) {
    ... on NewsPage {
      body {
        blockType
        ... on HeadingBlock { text level }
        ... on CaptionedImageBlock { altText decorative caption credit image { title } }
        ... on CallToActionBlock { text href }
      }
    }
  }
}"""


@pytest.fixture
def editor_client(client, pomost):
    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "x"))
    return client


@pytest.fixture
def photo(db):
    return Image.objects.create(title="Festyn na Rynku", file=get_test_image_file())


def publish_news(client, news_index, blocks, slug="bloki"):
    form = news_form(body=streamfield(blocks), slug=slug)
    return client.post(add_news_url(news_index), {**form, "action-publish": "1"})


def body(graphql, slug):
    page = NewsPage.objects.get(slug=slug)
    return graphql(BODY, {"id": page.pk})["page"]["body"]


def test_new_blocks_round_trip_from_the_admin_to_graphql(
    editor_client, news_index, graphql, photo, home
):
    history = home.get_children().get(slug="historia")
    blocks = [
        ("heading", {"text": "Szczegóły", "level": "h4"}),
        (
            "image",
            {
                "image": photo.pk,
                "alt_text": "Stoiska na Rynku",
                "decorative": "",
                "caption": "Rynek",
                "credit": "fot. Jan Kowalski",
            },
        ),
        (
            "image",
            {"image": photo.pk, "alt_text": "", "decorative": "on", "caption": "", "credit": ""},
        ),
        ("call_to_action", {"text": "Nasza historia", "page": history.pk, "url": ""}),
        ("call_to_action", {"text": "Zapisz się", "page": "", "url": "https://example.org/zapisy"}),
    ]
    response = publish_news(editor_client, news_index, blocks)
    assert response.status_code == 302, response.content.decode()[:3000]
    heading, described, decorative, to_page, to_url = body(graphql, "bloki")
    assert heading == {"blockType": "HeadingBlock", "text": "Szczegóły", "level": "H4"}
    assert described["altText"] == "Stoiska na Rynku" and described["credit"] == "fot. Jan Kowalski"
    assert described["decorative"] is False and described["image"] == {"title": "Festyn na Rynku"}
    assert decorative["decorative"] is True and decorative["altText"] is None
    assert to_page["href"].endswith("/historia/") and to_page["text"] == "Nasza historia"
    assert to_url["href"] == "https://example.org/zapisy"


@pytest.mark.parametrize(
    "block, message",
    [
        (
            (
                "image",
                {"image": "PHOTO", "alt_text": "", "decorative": "", "caption": "", "credit": ""},
            ),
            "Obraz ozdobny",
        ),
        (("call_to_action", {"text": "Dalej", "page": "", "url": ""}), "jedno z dwojga"),
        (
            ("call_to_action", {"text": "Dalej", "page": "HOME", "url": "https://example.org"}),
            "jedno z dwojga",
        ),
    ],
    ids=["image without alt text", "button to nowhere", "button to two places"],
)
def test_a_block_breaking_its_rule_is_a_form_error_and_nothing_is_saved(
    editor_client, news_index, photo, home, block, message
):
    name, value = block
    value = {
        key: {"PHOTO": photo.pk, "HOME": home.pk}.get(item, item) for key, item in value.items()
    }
    response = publish_news(editor_client, news_index, [(name, value)])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not NewsPage.objects.filter(slug="bloki").exists()


def test_a_button_to_a_page_that_is_not_public_leads_nowhere(make_news, graphql, news_index):
    draft = make_news("Szkic", publish_it=False)
    page = make_news(
        "Z przyciskiem",
        body=[{"type": "call_to_action", "value": {"text": "Czytaj", "page": draft.pk, "url": ""}}],
    )
    (button,) = graphql(BODY, {"id": page.pk})["page"]["body"]
    assert button == {"blockType": "CallToActionBlock", "text": "Czytaj", "href": None}


def test_a_buttons_page_shows_in_html_only_when_public(make_news, news_index, client):
    """The CMS's own HTML of a public page, as a signed-in user who edits nothing:
    a button to a draft or a login-only page says nothing of it."""
    from wagtail.models import PageViewRestriction

    draft = make_news("Tajny szkic", publish_it=False)
    private = make_news("Tylko dla zalogowanych")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = make_news("Otwarta")
    page = make_news(
        "Z przyciskami",
        body=[
            {"type": "call_to_action", "value": {"text": "Do szkicu", "page": draft.pk, "url": ""}},
            {"type": "call_to_action", "value": {"text": "Do ukrytej", "page": private.pk}},
            {"type": "call_to_action", "value": {"text": "Do otwartej", "page": public.pk}},
        ],
    )
    client.force_login(get_user_model().objects.create_user("czytelnik", password="x"))
    html = client.get(page.url).content.decode()
    assert "Otwarta" in html and public.url in html
    for hidden in (draft, private):
        assert hidden.title not in html and hidden.slug not in html


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:x",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/",
    ],
)
def test_a_button_saved_by_a_script_never_serves_an_unsafe_address(make_news, graphql, url):
    page = make_news(
        "Z przyciskiem", body=[{"type": "call_to_action", "value": {"text": "Klik", "url": url}}]
    )
    data = graphql(
        """query($id: ID!) { page(id: $id) { ... on NewsPage { body {
             ... on CallToActionBlock { href rawValue blocks { field ... on URLBlock { value } } }
        } } } }""",
        {"id": page.pk},
    )
    (button,) = data["page"]["body"]
    assert button["href"] is None
    assert url not in button["rawValue"]
    assert {"field": "url", "value": ""} in button["blocks"]


def test_a_button_to_an_address_has_no_page_and_no_error(make_news, graphql):
    page = make_news(
        "Z przyciskiem",
        body=[
            {"type": "call_to_action", "value": {"text": "Zapisy", "url": "https://example.org/z"}}
        ],
    )
    data = graphql(
        """query($id: ID!) { page(id: $id) { ... on NewsPage { body {
             ... on CallToActionBlock {
               href blocks { field ... on PageChooserBlock { page { title } } }
             }
        } } } }""",
        {"id": page.pk},
    )
    (button,) = data["page"]["body"]
    assert button["href"] == "https://example.org/z"
    assert {"field": "page", "page": None} in button["blocks"]


def test_images_stored_before_credit_and_decorative_still_serve(make_news, graphql, photo):
    page = make_news(
        "Stara treść",
        body=[
            {"type": "image", "value": {"image": photo.pk, "alt_text": "", "caption": "Dawniej"}}
        ],
    )
    (image,) = graphql(BODY, {"id": page.pk})["page"]["body"]
    assert (
        image["caption"] == "Dawniej" and image["decorative"] is False and image["credit"] is None
    )


LISTS = """query($id: ID!) {
  page(id: $id) {
    ... on NewsPage {
      body {
        field
        ... on ListBlock {
          items {
            ... on CaptionedImageBlock { altText image { title } }
            ... on DocumentBlock { title document { title } }
            ... on FactBlock { subject value }
          }
        }
      }
    }
  }
}"""


def test_gallery_attachments_and_facts_round_trip(editor_client, news_index, graphql, photo):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    report = Document.objects.create(title="Sprawozdanie 2025", file=ContentFile(b"%PDF", "r.pdf"))
    second = Image.objects.create(title="Scena", file=get_test_image_file())
    blocks = [
        (
            "gallery",
            streamfield_list(
                [
                    {
                        "image": photo.pk,
                        "alt_text": "Rynek",
                        "decorative": "",
                        "caption": "",
                        "credit": "",
                    },
                    {
                        "image": second.pk,
                        "alt_text": "Scena",
                        "decorative": "",
                        "caption": "",
                        "credit": "",
                    },
                ]
            ),
        ),
        ("attachments", streamfield_list([{"document": report.pk, "title": "Pobierz (PDF)"}])),
        (
            "facts",
            streamfield_list(
                [
                    {"subject": "Organizacje", "value": "32"},
                    {"subject": "Deklaracja", "value": "23 lutego 2012"},
                ]
            ),
        ),
    ]
    response = publish_news(editor_client, news_index, blocks, slug="listy")
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="listy")
    gallery, attachments, facts = graphql(LISTS, {"id": page.pk})["page"]["body"]
    assert [item["image"]["title"] for item in gallery["items"]] == ["Festyn na Rynku", "Scena"]
    assert attachments["items"] == [
        {"title": "Pobierz (PDF)", "document": {"title": "Sprawozdanie 2025"}}
    ]
    assert facts["items"][0] == {"subject": "Organizacje", "value": "32"}


def streamfield_list(items):
    """A ListBlock's form data (wagtail.test.utils.form_data has no helper for it)."""
    data = {"count": len(items)}
    for index, item in enumerate(items):
        data[str(index)] = {"value": item, "deleted": "", "order": str(index), "id": ""}
    return data
