"""Headless preview: the admin's preview of a page or an organization is the
portal's rendering of the editor's unsaved form, opened by a token the portal
gives to `preview(token:)` over POST; without PORTAL_PREVIEW_URL the CMS's
template is shown as before."""

import datetime
import hashlib
import io
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from organizations.models import Organization
from pages.models import DeclarationPage, NewsIndexPage, NewsPage
from previews.models import TOKEN_PREFIX, PreviewToken, token_hash
from previews.tasks import delete_expired_preview_tokens
from tests.world import image

pytestmark = pytest.mark.django_db

PORTAL_PREVIEW = "https://portal.example/api/preview?token={token}"

PREVIEW = """query Preview($token: String!) {
  preview(token: $token) {
    __typename
    ... on NewsPage {
      id title intro url
      mainImage { title }
      relatedOrganizations { name }
      body { blockType ... on RichTextBlock { value } }
      parent { title } children { title } ancestors { title }
    }
    ... on Organization { id name slug description url lastPublishedAt logo { title } }
  }
}"""


@pytest.fixture
def portal_preview(settings):
    settings.PORTAL_PREVIEW_URL = PORTAL_PREVIEW


def make_user(name, *groups, superuser=False):
    User = get_user_model()
    if superuser:
        return User.objects.create_superuser(name, f"{name}@example.org", "hasło-123")
    user = User.objects.create_user(name, f"{name}@example.org", "hasło-123")
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(pomost):
    return make_user("redakcja", superuser=True)


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


def news_form(title, **fields):
    data = {
        "title": title,
        "slug": fields.pop("slug", "festyn"),
        "intro": fields.pop("intro", ""),
        "date": "2026-11-20",
        "body": streamfield(fields.pop("body", [])),
        "tags": "",
        **fields,
    }
    related = data.pop("related_organizations", [])
    return {**nested_form_data(data), "related_organizations": related}


def organization_form(name, **fields):
    data = {
        "name": name,
        "short_name": "",
        "slug": fields.pop("slug", ""),
        "legal_form": "association",
        "description": rich_text(fields.pop("description", "<p>Opis.</p>")),
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
        **fields,
    }
    return {**nested_form_data(data), "areas": ["volunteering"]}


def page_preview_url(page):
    return reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))


def new_page_preview_url(parent):
    return reverse("wagtailadmin_pages:preview_on_add", args=("pages", "newspage", parent.pk))


def organization_preview_url(organization=None):
    if organization is None:
        return reverse("wagtailsnippets_organizations_organization:preview_on_add")
    return reverse(
        "wagtailsnippets_organizations_organization:preview_on_edit", args=(organization.pk,)
    )


def preview_redirect(client, url, form):
    """What Wagtail's editor does: POST the form to the preview URL, then load
    the preview (panel or new tab) with GET."""
    state = client.post(url, form)
    assert state.json() == {"is_valid": True, "is_available": True}, state.content
    return client.get(url, {"mode": "", "in_preview_panel": "true"})


def token_from_preview(client, url, form):
    response = preview_redirect(client, url, form)
    assert response.status_code == 302, response.content[:500]
    location = response["Location"]
    assert location.startswith("https://portal.example/api/preview?token=")
    return parse_qs(urlsplit(location).query)["token"][0]


def ask(client, token, query=PREVIEW):
    """The portal's preview route: POST the token to the API, anonymously."""
    return client.post(
        "/graphql/",
        json.dumps({"query": query, "variables": {"token": token}}),
        content_type="application/json",
        HTTP_HOST="localhost",
    )


def preview_of(client, token):
    response = ask(client, token)
    payload = response.json()
    assert response.status_code == 200 and "errors" not in payload, payload
    return payload["data"]["preview"]


def retyped(token):
    """The token with one character changed, still well formed."""
    last = "A" if token[-1] != "A" else "B"
    return token[:-1] + last


# The preview, through the real admin views


def test_page_preview_shows_the_unsaved_edit_through_the_portal(
    portal_preview, editor_client, client, make_news
):
    page = make_news("Festyn", intro="Opublikowany wstęp.")
    form = news_form("Festyn", slug=page.slug, intro="Wstęp roboczy, niezapisany.")
    token = token_from_preview(editor_client, page_preview_url(page), form)

    preview = preview_of(client, token)
    assert preview["__typename"] == "NewsPage"
    assert preview["id"] == str(page.pk)
    assert preview["intro"] == "Wstęp roboczy, niezapisany."
    assert preview["parent"] == {"title": "Aktualności"}
    page.refresh_from_db()
    assert page.intro == "Opublikowany wstęp." and page.revisions.count() == 1
    row = PreviewToken.objects.get()
    assert row.token_hash == token_hash(token) and token not in json.dumps(row.content)


def test_organization_preview_shows_the_unsaved_edit_through_the_portal(
    portal_preview, editor_client, client
):
    arche = Organization.objects.get(slug="fundacja-arche")
    form = organization_form(
        "Fundacja ARCHE", slug="fundacja-arche", description="<p>Opis roboczy ARCHE.</p>"
    )
    token = token_from_preview(editor_client, organization_preview_url(arche), form)

    preview = preview_of(client, token)
    assert preview["__typename"] == "Organization"
    assert preview["id"] == str(arche.pk)
    assert "Opis roboczy ARCHE." in preview["description"]
    arche.refresh_from_db()
    assert "Opis roboczy" not in arche.description


def test_preview_redirect_is_not_cached(portal_preview, editor_client, make_news):
    page = make_news("Festyn")
    response = preview_redirect(editor_client, page_preview_url(page), news_form("Festyn"))
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_every_preview_load_makes_a_new_token_of_the_form_as_it_is_then(
    portal_preview, editor_client, client, make_news
):
    page = make_news("Festyn")
    url = page_preview_url(page)
    first = token_from_preview(editor_client, url, news_form("Festyn", intro="Pierwsza wersja."))
    second = token_from_preview(editor_client, url, news_form("Festyn", intro="Druga wersja."))
    assert first != second
    assert preview_of(client, first)["intro"] == "Pierwsza wersja."
    assert preview_of(client, second)["intro"] == "Druga wersja."


# Objects never published, and never saved


def test_draft_of_a_never_published_page_is_previewed(
    portal_preview, editor_client, client, make_news
):
    draft = make_news("Szkic", publish_it=False)
    form = news_form("Szkic z poprawką", slug=draft.slug, intro="Tekst szkicu.")
    token = token_from_preview(editor_client, page_preview_url(draft), form)
    preview = preview_of(client, token)
    assert preview["title"] == "Szkic z poprawką" and preview["id"] == str(draft.pk)


def test_draft_of_a_never_published_organization_is_previewed(
    portal_preview, editor_client, client, make_organization
):
    draft = make_organization("Stowarzyszenie Szkic", publish_it=False)
    form = organization_form("Stowarzyszenie Szkic", description="<p>Jeszcze nie widać.</p>")
    token = token_from_preview(editor_client, organization_preview_url(draft), form)
    preview = preview_of(client, token)
    assert preview["name"] == "Stowarzyszenie Szkic" and preview["id"] == str(draft.pk)
    assert "Jeszcze nie widać." in preview["description"]
    assert preview["lastPublishedAt"] is None


def test_page_on_the_add_view_is_previewed_before_it_is_saved(
    portal_preview, editor_client, client, news_index
):
    form = news_form("Nowa aktualność", slug="nowa", intro="Jeszcze nie zapisana.")
    token = token_from_preview(editor_client, new_page_preview_url(news_index), form)

    response = ask(client, token)
    assert response.status_code == 200 and "errors" not in response.json(), response.json()
    preview = response.json()["data"]["preview"]
    assert preview["title"] == "Nowa aktualność" and preview["intro"] == "Jeszcze nie zapisana."
    assert preview["id"] == "0"
    assert preview["parent"] is None and preview["children"] == [] and preview["ancestors"] == []
    assert preview["url"].endswith("/aktualnosci/nowa/")
    assert not NewsPage.objects.filter(slug="nowa").exists()
    row = PreviewToken.objects.get()
    assert row.object_id is None and row.content_type.model_class() is NewsPage


def test_organization_on_the_add_view_is_previewed_before_it_is_saved(
    portal_preview, editor_client, client
):
    form = organization_form("Fundacja Nowa", description="<p>Dopiero powstaje.</p>")
    token = token_from_preview(editor_client, organization_preview_url(), form)

    preview = preview_of(client, token)
    assert preview["name"] == "Fundacja Nowa" and preview["slug"] == "fundacja-nowa"
    assert preview["id"] == "0" and "Dopiero powstaje." in preview["description"]
    assert not Organization.objects.filter(name="Fundacja Nowa").exists()


TYPE_FIELDS = """query Fields($name: String!) { __type(name: $name) { fields {
    name args { type { kind } }
    type { kind ofType { kind ofType { kind ofType { kind } } } } } } }"""


def every_field(graphql, type_name):
    """A selection of every field of a type an argument-less query can ask for."""
    selected = []
    for field in graphql(TYPE_FIELDS, {"name": type_name})["__type"]["fields"]:
        if any(arg["type"]["kind"] == "NON_NULL" for arg in field["args"]):
            continue
        kind = field["type"]
        while kind["kind"] in ("NON_NULL", "LIST"):
            kind = kind["ofType"]
        leaf = kind["kind"] in ("SCALAR", "ENUM")
        selected.append(field["name"] if leaf else f"{field['name']} {{ __typename }}")
    return " ".join(selected)


@pytest.mark.parametrize(
    ("type_name", "url", "form"),
    [
        ("NewsPage", lambda: new_page_preview_url(NewsIndexPage.objects.get()), news_form("Nowa")),
        ("Organization", organization_preview_url, organization_form("Fundacja Nowa")),
    ],
)
def test_every_field_of_an_object_never_saved_resolves(
    portal_preview, editor_client, graphql, type_name, url, form
):
    token = token_from_preview(editor_client, url(), form)
    query = f"""query P($token: String!) {{ preview(token: $token) {{
        ... on {type_name} {{ {every_field(graphql, type_name)} }} }} }}"""
    preview = graphql(query, {"token": token})["preview"]
    assert preview["id"] == "0" and preview["lastPublishedAt"] is None


def test_new_organization_preview_has_empty_lists_of_what_points_at_it(
    portal_preview, editor_client, client
):
    token = token_from_preview(
        editor_client, organization_preview_url(), organization_form("Fundacja Nowa")
    )
    query = """query P($token: String!) { preview(token: $token) { ... on Organization {
        news { total items { title } } events { total } councilSeats { total } } } }"""
    payload = ask(client, token, query).json()
    assert payload == {
        "data": {
            "preview": {
                "news": {"total": 0, "items": []},
                "events": {"total": 0},
                "councilSeats": {"total": 0},
            }
        }
    }


# What opens nothing


def issue(obj, user):
    return PreviewToken.objects.issue(obj, user)


def test_expired_token_opens_nothing(editor, client):
    arche = Organization.objects.get(slug="fundacja-arche")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token = issue(arche, editor)
        clock.shift(datetime.timedelta(minutes=59))
        assert preview_of(client, token)["name"] == "Fundacja ARCHE"
        clock.shift(datetime.timedelta(minutes=1))
        assert preview_of(client, token) is None


def test_token_lifetime_follows_the_setting(editor, client, settings):
    settings.PREVIEW_TOKEN_MINUTES = 5
    arche = Organization.objects.get(slug="fundacja-arche")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        token = issue(arche, editor)
        clock.shift(datetime.timedelta(minutes=5))
        assert preview_of(client, token) is None


def test_tampered_token_opens_nothing(editor, client):
    token = issue(Organization.objects.get(slug="fundacja-arche"), editor)
    assert preview_of(client, retyped(token)) is None
    assert preview_of(client, token)["name"] == "Fundacja ARCHE"


def test_token_opens_only_the_object_it_was_made_for(editor, client, make_organization):
    arche = Organization.objects.get(slug="fundacja-arche")
    other = make_organization("Stowarzyszenie Inne")
    token = issue(arche, editor)
    # Even a row whose content claimed another object's id shows its own object.
    row = PreviewToken.objects.get()
    row.content = {**row.content, "pk": other.pk, "id": other.pk}
    row.save()
    preview = preview_of(client, token)
    assert preview["id"] == str(arche.pk) and preview["name"] == "Fundacja ARCHE"
    assert preview_of(client, issue(other, editor))["id"] == str(other.pk)


def test_token_of_a_deleted_object_opens_nothing(editor, client, make_organization):
    gone = make_organization("Stowarzyszenie Zamknięte")
    token = issue(gone, editor)
    gone.delete()
    assert preview_of(client, token) is None


@pytest.mark.parametrize(
    "token",
    [
        "",
        "pomost_preview_",
        "pomost_preview_" + "a" * 42,
        "pomost_preview_" + "a" * 44,
        "pomost_preview_" + "a" * 42 + "!",
        "pomost_preview_" + "a" * 42 + "=",
        "other_preview__" + "a" * 43,
        "a" * 58,
    ],
)
def test_malformed_token_is_refused_before_the_query_runs(client, token):
    for response in (
        ask(client, token),
        client.post(
            "/graphql/",
            json.dumps({"query": f"{{ preview(token: {json.dumps(token)}) {{ __typename }} }}"}),
            content_type="application/json",
            HTTP_HOST="localhost",
        ),
    ):
        payload = response.json()
        assert response.status_code == 400 and "data" not in payload, payload
        (error,) = payload["errors"]
        assert "`token`" in error["message"] and "path" not in error


# Revoking


def test_maker_revokes_a_token_in_the_admin(editor, editor_client, client):
    token = issue(Organization.objects.get(slug="fundacja-arche"), editor)
    row = PreviewToken.objects.get()
    listing = editor_client.get(reverse("preview_tokens:index"))
    assert listing.status_code == 200 and "Fundacja ARCHE" in listing.content.decode()

    delete_url = reverse("preview_tokens:delete", args=(row.pk,))
    assert editor_client.post(delete_url).status_code == 302
    assert not PreviewToken.objects.exists()
    assert preview_of(client, token) is None


def test_whoever_may_edit_the_object_may_revoke_its_tokens_and_no_one_else(client, make_news):
    page = make_news("Festyn")
    maker, moderator = make_user("autor", "Editors"), make_user("moderator", "Moderators")
    outsider = make_user("czytelnik")
    token = issue(page, maker)
    row = PreviewToken.objects.get()
    delete_url = reverse("preview_tokens:delete", args=(row.pk,))

    assert signed_in(outsider).post(delete_url).status_code == 302  # to the login
    assert PreviewToken.objects.exists()

    assert PreviewToken.objects.revocable_by(moderator).get() == row
    assert signed_in(moderator).post(delete_url).status_code == 302
    assert preview_of(client, token) is None


def test_page_editors_cannot_see_or_revoke_an_organizations_tokens(editor, client):
    token = issue(Organization.objects.get(slug="fundacja-arche"), editor)
    row = PreviewToken.objects.get()
    page_editor = signed_in(make_user("redaktor", "Editors"))
    listing = page_editor.get(reverse("preview_tokens:index"))
    assert listing.status_code == 200 and "Fundacja ARCHE" not in listing.content.decode()
    response = page_editor.post(reverse("preview_tokens:delete", args=(row.pk,)))
    assert response.status_code in (403, 302) and PreviewToken.objects.exists()
    assert preview_of(client, token)["name"] == "Fundacja ARCHE"


def test_revoke_command_revokes_a_users_tokens(editor, client, make_news):
    page = make_news("Festyn")
    other = make_user("ktos", superuser=True)
    revoked, kept = issue(page, editor), issue(page, other)
    out = io.StringIO()
    call_command("revoke_preview_tokens", "--user", editor.username, stdout=out)
    assert "1" in out.getvalue()
    assert preview_of(client, revoked) is None
    assert preview_of(client, kept)["title"] == "Festyn"

    call_command("revoke_preview_tokens", "--all", stdout=io.StringIO())
    assert preview_of(client, kept) is None


# Who may make a token


def test_user_who_may_not_edit_the_page_gets_no_token(make_news):
    page = make_news("Festyn")
    for user in (make_user("czytelnik"), AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            PreviewToken.objects.issue(page, user)
    assert not PreviewToken.objects.exists()


def test_page_editors_get_no_token_for_an_organization(portal_preview):
    arche = Organization.objects.get(slug="fundacja-arche")
    editor = make_user("redaktor", "Editors")
    with pytest.raises(PermissionDenied):
        PreviewToken.objects.issue(arche, editor)
    response = signed_in(editor).get(organization_preview_url(arche))
    assert response.status_code in (302, 403)
    assert not PreviewToken.objects.exists()


def test_serve_preview_of_an_anonymous_request_is_refused(portal_preview, make_news):
    page = make_news("Festyn")
    with pytest.raises(PermissionDenied):
        page.serve_preview(RequestFactory().get("/"), page.default_preview_mode)
    assert not PreviewToken.objects.exists()


def test_new_page_needs_the_right_to_add_under_its_parent(news_index, home):
    reader, editor = make_user("czytelnik"), make_user("redaktor", "Editors")
    page = NewsPage(title="Nowa", slug="nowa", date=datetime.date(2026, 11, 1))
    page.depth, page.path = news_index.depth + 1, news_index.path + "9999"
    with pytest.raises(PermissionDenied):
        PreviewToken.objects.issue(page, reader)
    assert PreviewToken.objects.issue(page, editor).startswith(TOKEN_PREFIX)


# Only over POST, never cached


def test_preview_over_get_is_refused(editor, client):
    token = issue(Organization.objects.get(slug="fundacja-arche"), editor)
    for params in (
        {"query": PREVIEW, "variables": json.dumps({"token": token})},
        {"query": f'{{ preview(token: "{token}") {{ __typename }} }}'},
    ):
        response = client.get("/graphql/", params, HTTP_HOST="localhost")
        payload = response.json()
        assert response.status_code == 405 and "data" not in payload
        assert "POST" in payload["errors"][0]["message"]
        assert "`preview`" in payload["errors"][0]["message"]
        assert "public" not in response["Cache-Control"]


def test_preview_in_the_url_of_a_post_is_refused(editor, client):
    token = issue(Organization.objects.get(slug="fundacja-arche"), editor)
    query = f'{{ preview(token: "{token}") {{ __typename }} }}'
    response = client.post(
        "/graphql/?" + urlencode({"query": query}),
        content_type="application/json",
        HTTP_HOST="localhost",
    )
    assert response.status_code == 400 and "data" not in response.json()
    assert "POST body" in response.json()["errors"][0]["message"]


def cached_bytes():
    """Everything the API's caches hold, as stored."""
    return b"".join(
        key.encode() + value
        for alias in ("default", "api_local")
        for key, value in caches[alias]._cache.items()
    )


def test_preview_answer_is_never_cached_and_says_no_store(editor, client, make_organization):
    arche = Organization.objects.get(slug="fundacja-arche")
    public_query = '{ organization(slug: "fundacja-arche") { description } }'
    anonymous = client.get("/graphql/", {"query": public_query}, HTTP_HOST="localhost")
    assert "public" in anonymous["Cache-Control"]

    arche.description = "<p>Roboczy opis xyzzypodglad.</p>"
    token = issue(arche, editor)
    response = ask(client, token)
    assert response["Cache-Control"] == "no-store"
    assert "xyzzypodglad" in response.json()["data"]["preview"]["description"]
    assert b"xyzzypodglad" not in cached_bytes()

    # The anonymous answer stays the published one, and the preview stays the
    # preview's, whichever was asked first.
    again = client.get("/graphql/", {"query": public_query}, HTTP_HOST="localhost")
    assert "xyzzypodglad" not in again.content.decode()
    assert again.json() == anonymous.json()
    assert "xyzzypodglad" in preview_of(client, token)["description"]

    PreviewToken.objects.all().delete()
    assert preview_of(client, token) is None


def test_preview_is_never_registered_as_a_persisted_query(editor, client):
    token = issue(Organization.objects.get(slug="fundacja-arche"), editor)
    sha = hashlib.sha256(PREVIEW.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": sha}}
    body = {"query": PREVIEW, "variables": {"token": token}, "extensions": extensions}
    response = client.post(
        "/graphql/", json.dumps(body), content_type="application/json", HTTP_HOST="localhost"
    )
    assert response.json()["data"]["preview"]["name"] == "Fundacja ARCHE"

    by_hash = client.post(
        "/graphql/",
        json.dumps({"variables": {"token": token}, "extensions": extensions}),
        content_type="application/json",
        HTTP_HOST="localhost",
    )
    assert by_hash.json()["errors"][0]["message"] == "PersistedQueryNotFound"


# The public rules for everything the preview points at


@pytest.fixture
def restricted_collection():
    collection = Collection.get_first_root_node().add_child(name="Zastrzeżone")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="tajne"
    )
    return collection


def test_preview_hides_what_is_not_public_among_what_it_points_at(
    portal_preview, editor_client, client, make_news, make_organization, restricted_collection
):
    page = make_news("Festyn")
    draft_page = make_news("Szkic strony", publish_it=False)
    public_page = make_news("Jawna strona")
    hidden_org = make_organization("Stowarzyszenie Nieopublikowane", publish_it=False)
    arche = Organization.objects.get(slug="fundacja-arche")
    secret_image, public_image = image("Obraz tajny", restricted_collection), image("Obraz jawny")
    links = (
        f'<p><a linktype="page" id="{draft_page.pk}">ukryta</a> '
        f'<a linktype="page" id="{public_page.pk}">jawna</a></p>'
    )
    form = news_form(
        "Festyn",
        slug=page.slug,
        main_image=secret_image.pk,
        body=[
            ("paragraph", rich_text(links)),
            ("image", {"image": secret_image.pk, "alt_text": "Tajny", "caption": ""}),
            ("image", {"image": public_image.pk, "alt_text": "Jawny", "caption": ""}),
        ],
        related_organizations=[hidden_org.pk, arche.pk],
    )
    token = token_from_preview(editor_client, page_preview_url(page), form)
    query = PREVIEW.replace(
        "... on RichTextBlock { value }",
        "... on RichTextBlock { value } ... on CaptionedImageBlock { image { title } }",
    )
    preview = ask(client, token, query).json()["data"]["preview"]

    assert preview["mainImage"] is None
    assert preview["relatedOrganizations"] == [{"name": "Fundacja ARCHE"}]
    paragraph, hidden, shown = preview["body"]
    assert (
        f'href="http://localhost{public_page.url_path.removeprefix("/home")}"'
        in (paragraph["value"])
    )
    assert draft_page.slug not in paragraph["value"] and "<a>ukryta</a>" in paragraph["value"]
    assert hidden["image"] is None and shown["image"] == {"title": "Obraz jawny"}
    assert "Obraz tajny" not in json.dumps(preview, ensure_ascii=False)


def test_organization_preview_hides_a_logo_that_is_not_public(
    editor, client, restricted_collection
):
    arche = Organization.objects.get(slug="fundacja-arche")
    arche.logo = image("Logo xyzzy", restricted_collection)
    assert preview_of(client, issue(arche, editor))["logo"] is None
    arche.logo = image("Logo jawne")
    assert preview_of(client, issue(arche, editor))["logo"] == {"title": "Logo jawne"}


# Without a portal


def test_without_portal_preview_url_the_template_is_rendered(editor_client, make_news):
    page = make_news("Festyn")
    form = news_form("Festyn", slug=page.slug, intro="Wstęp w szablonie.")
    response = preview_redirect(editor_client, page_preview_url(page), form)
    assert response.status_code == 200
    assert "Wstęp w szablonie." in response.content.decode()
    assert not PreviewToken.objects.exists()


def test_without_portal_preview_url_unsaved_signatories_show_if_public(
    editor_client, make_organization
):
    declaration = DeclarationPage.objects.get()
    hidden = make_organization("Stowarzyszenie Nieopublikowane", publish_it=False)
    arche = Organization.objects.get(slug="fundacja-arche")
    data = {
        "title": declaration.title,
        "slug": declaration.slug,
        "intro": "",
        "goals": streamfield([]),
        "vision": rich_text(""),
        "signed_on": "",
        "signed_place": "",
        "body": streamfield([]),
    }
    form = {**nested_form_data(data), "signatories": [hidden.pk, arche.pk]}
    response = preview_redirect(editor_client, page_preview_url(declaration), form)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Fundacja ARCHE" in content and "Nieopublikowane" not in content


def test_without_portal_preview_url_the_organization_template_is_rendered(editor_client):
    form = organization_form("Fundacja Nowa", description="<p>Opis w szablonie.</p>")
    response = preview_redirect(editor_client, organization_preview_url(), form)
    assert response.status_code == 200
    assert "Opis w szablonie." in response.content.decode()
    assert not PreviewToken.objects.exists()


# Cleaning up


def test_cleanup_task_deletes_expired_rows(editor):
    arche = Organization.objects.get(slug="fundacja-arche")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        issue(arche, editor)
        clock.shift(datetime.timedelta(minutes=30))
        issue(arche, editor)
        clock.shift(datetime.timedelta(minutes=31))
        delete_expired_preview_tokens.enqueue()
        assert PreviewToken.objects.count() == 1
        clock.shift(datetime.timedelta(minutes=30))
        delete_expired_preview_tokens.enqueue()
        assert not PreviewToken.objects.exists()


def test_the_worker_deletes_expired_tokens_by_itself(editor, settings, monkeypatch, committed):
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run_worker = lambda: call_command(  # noqa: E731
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO()
    )
    arche = Organization.objects.get(slug="fundacja-arche")
    with time_machine.travel(timezone.now(), tick=False) as clock:
        with committed():
            issue(arche, editor)
        clock.shift(datetime.timedelta(minutes=30))
        with committed():
            issue(arche, editor)
        run_worker()
        assert PreviewToken.objects.count() == 2
        clock.shift(datetime.timedelta(minutes=31))
        run_worker()
        assert PreviewToken.objects.count() == 1
        clock.shift(datetime.timedelta(minutes=30))
        run_worker()
        assert not PreviewToken.objects.exists()


# The schema


def test_preview_is_a_union_of_every_page_type_and_organization(graphql):
    data = graphql('{ __type(name: "Preview") { kind possibleTypes { name } } }')["__type"]
    assert data["kind"] == "UNION"
    names = {each["name"] for each in data["possibleTypes"]}
    page_types = graphql('{ __type(name: "PageInterface") { possibleTypes { name } } }')["__type"][
        "possibleTypes"
    ]
    assert names == {each["name"] for each in page_types} | {"Organization"}


def test_grapple_page_token_argument_stays_off(graphql):
    fields = graphql("{ __schema { queryType { fields { name args { name } } } } }")["__schema"]
    arguments = {
        field["name"]: {arg["name"] for arg in field["args"]}
        for field in fields["queryType"]["fields"]
    }
    assert "token" not in arguments["page"]
    assert arguments["preview"] == {"token"}
