"""Contact details, footer and social links: edited in the admin (in Polish), kept
with revisions, served to the portal as `siteSettings` of the request's site."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import rich_text

from site_settings.models import SiteSettings

pytestmark = pytest.mark.django_db

QUERY = "{ siteSettings { contactEmail contactPhone address footer socialLinks { network url } } }"


@pytest.fixture
def editor(client, pomost):
    user = get_user_model().objects.create_superuser("redakcja", "r@example.org", "hasło-123")
    client.force_login(user)
    return client


def edit_url(site):
    return reverse("wagtailsettings:edit", args=("site_settings", "sitesettings", site.pk))


def form(**overrides):
    return {
        "contact_email": "kontakt@pomost.legnica.pl",
        "contact_phone": "76 123 45 67",
        "address": "ul. Złotoryjska 144\n59-220 Legnica",
        "footer": rich_text("<p>Partnerstwo 32 organizacji Legnicy.</p>"),
        "facebook": "https://facebook.com/pomost",
        "instagram": "",
        "youtube": "https://youtube.com/@pomost",
        "linkedin": "",
        **overrides,
    }


def test_empty_settings_until_an_editor_fills_them_in(graphql, pomost):
    assert graphql(QUERY)["siteSettings"] == {
        "contactEmail": None,
        "contactPhone": None,
        "address": None,
        "footer": None,
        "socialLinks": [],
    }
    assert not SiteSettings.objects.exists()  # reading never writes


def test_an_editor_sets_contact_footer_and_social_links_for_the_portal(
    editor, graphql, pomost, committed
):
    page = editor.get(edit_url(pomost))
    assert page.status_code == 200 and "Media społecznościowe" in page.content.decode()
    graphql(QUERY)  # an answer cached before the change must not outlive it
    with committed():
        response = editor.post(edit_url(pomost), form())
    assert response.status_code == 302
    editor.logout()
    served = graphql(QUERY)["siteSettings"]
    assert re.fullmatch(
        r'<p data-block-key="\w+">Partnerstwo 32 organizacji Legnicy.</p>', served.pop("footer")
    )
    assert served == {
        "contactEmail": "kontakt@pomost.legnica.pl",
        "contactPhone": "76 123 45 67",
        "address": "ul. Złotoryjska 144\n59-220 Legnica",
        "socialLinks": [
            {"network": "FACEBOOK", "url": "https://facebook.com/pomost"},
            {"network": "YOUTUBE", "url": "https://youtube.com/@pomost"},
        ],
    }


def test_every_save_keeps_a_revision(editor, pomost):
    editor.post(edit_url(pomost), form())
    editor.post(edit_url(pomost), form(contact_phone="76 765 43 21"))
    settings = SiteSettings.objects.get(site=pomost)
    phones = [revision.content["contact_phone"] for revision in settings.revisions.order_by("pk")]
    assert phones == ["76 123 45 67", "76 765 43 21"]


def test_a_bad_address_is_a_form_error_and_nothing_is_lost(editor, pomost):
    editor.post(edit_url(pomost), form())
    response = editor.post(edit_url(pomost), form(facebook="nie adres", contact_email="x@"))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"facebook", "contact_email"}
    assert SiteSettings.objects.get(site=pomost).facebook == "https://facebook.com/pomost"


def test_each_site_has_its_own_settings(graphql, pomost, client, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "inny.example.pl"]
    other = Site.objects.create(hostname="inny.example.pl", root_page=pomost.root_page)
    SiteSettings.objects.create(site=pomost, contact_email="kontakt@pomost.legnica.pl")
    SiteSettings.objects.create(site=other, contact_email="kontakt@inny.example.pl")
    assert graphql(QUERY)["siteSettings"]["contactEmail"] == "kontakt@pomost.legnica.pl"
    response = client.post(
        "/graphql/", {"query": QUERY}, content_type="application/json", HTTP_HOST="inny.example.pl"
    )
    assert response.json()["data"]["siteSettings"]["contactEmail"] == "kontakt@inny.example.pl"
