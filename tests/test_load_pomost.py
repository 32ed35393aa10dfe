"""`load_pomost` ships the partnership's facts and never clobbers editors' work.

The test database already holds one load (see conftest), as after `make run`.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from organizations.models import CouncilTerm, Organization
from pages.models import (
    DeclarationPage,
    EventIndexPage,
    HistoryPage,
    HomePage,
    NewsIndexPage,
)

pytestmark = pytest.mark.django_db

# The 32 signatories exactly as the partnership's source page lists them.
SOURCE_NAMES = [
    "Cech Rzemiosł Różnych w Legnicy",
    "Chrześcijańskie Stowarzyszenie Dobroczynne Oddział Terenowy w Legnicy",
    "Europejska Unia Aktywnych o/Legnica",
    "Fundacja ARCHE",
    "Fundacja AVATAR",
    "Internetowe Stowarzyszenie Seniorów",
    "Legnicki Klub Biznesu",
    "Legnickie Centrum Wolontariatu",
    "Legnickie Stowarzyszenie Amazonek AGATA",
    "Legnickie Stowarzyszenie Inicjatyw Obywatelskich",
    "Legnickie Stowarzyszenie Profilaktyki Uzależnień RAZEM",
    "Młodzieżowa Rada Miejska w Legnicy",
    "Polskie Stowarzyszenie Szczęśliwych Emerytów",
    "Polskie Towarzystwo Higieniczne o/Legnica",
    "Polskie Towarzystwo Turystyczno-Krajoznawcze o/Legnica",
    "Poradnia Profilaktyki i Terapii Uzależnień MONAR",
    "Stowarzyszenie na Rzecz Aktywizacji Osób z Niepełnosprawnością Intelektualną i Ruchową "
    "ZIELONY DOM",
    "Stowarzyszenie Centrum Mediacji TRIALOG w Legnicy",
    "Stowarzyszenie Działań Artystycznych i Kulturalnych FABRYKA TWÓRCZOŚCI",
    "Stowarzyszenie Inicjatyw Twórczych",
    "Stowarzyszenie Kibiców TYLKO MIEDŹ",
    "Stowarzyszenie Kobiet BABINIEC",
    "Stowarzyszenie Osób Niepełnosprawnych i Przyjaciół NADZIEJA",
    "Stowarzyszenie PERSONA",
    "Stowarzyszenie Rodzin Katolickich Diecezji Legnickiej",
    "Stowarzyszenie Turystyki Rowerowej EKORAMA",
    "Towarzystwo Miłośników Legnicy PRO LEGNICA",
    "Towarzystwo Miłośników Twórczości Zofii Kossak",
    "Towarzystwo Miłośników Wilna i Ziemi Wileńskiej o/Legnica",
    "Towarzystwo Przyjaciół Dzieci Oddział Miejski",
    "Towarzystwo Przyjaciół Nauk w Legnicy",
    "Towarzystwo Wiedzy Powszechnej Oddział Regionalny w Legnicy",
]
SIGNED_ON = datetime.date(2012, 2, 23)


def load():
    out = io.StringIO()
    call_command("load_pomost", stdout=out)
    return out.getvalue()


def test_the_32_member_organizations_are_published_with_their_exact_names(pomost):
    organizations = Organization.objects.all()
    assert sorted(organizations.values_list("name", flat=True)) == sorted(SOURCE_NAMES)
    assert all(org.live and org.live_revision_id for org in organizations)
    assert {org.member_since for org in organizations} == {SIGNED_ON}
    assert {org.left_on for org in organizations} == {None}


def test_the_site_root_is_the_pomost_home_page(pomost):
    assert isinstance(pomost.root_page.specific, HomePage)
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()


def test_sections_are_published_at_their_polish_addresses(pomost):
    for path, page_class in [
        ("/historia/", HistoryPage),
        ("/deklaracja/", DeclarationPage),
        ("/aktualnosci/", NewsIndexPage),
        ("/wydarzenia/", EventIndexPage),
    ]:
        route = pomost.root_page.specific.route(None, [p for p in path.split("/") if p])
        assert isinstance(route.page.specific, page_class)
        assert route.page.live


def test_history_holds_the_idea_the_debate_and_the_signing(pomost):
    timeline = HistoryPage.objects.get().timeline
    events = {block.value["date"]: block.value for block in timeline}
    assert events[datetime.date(2008, 1, 1)]["date_precision"] == "year"

    debate = events[datetime.date(2011, 5, 5)]
    text = debate["description"].source
    assert "50" in text and "33" in text
    for topic in ["50+", "wymiana doświadczeń", "lobbing", "działania", "sformalizować"]:
        assert topic in text
    assert "nieformalne partnerstwo" in text

    assert SIGNED_ON in events


def test_declaration_is_signed_by_all_32_on_23_february_2012(pomost):
    declaration = DeclarationPage.objects.get()
    assert declaration.signed_on == SIGNED_ON
    assert sorted(declaration.signatories.values_list("name", flat=True)) == sorted(SOURCE_NAMES)
    assert len(declaration.goals) >= 6


def test_council_has_its_five_members_and_their_organizations(pomost):
    term = CouncilTerm.objects.get()
    assert term.live
    seats = [(m.person_name, m.organization.name) for m in term.members.all()]
    assert seats == [
        ("Marta Chmielewska", "Towarzystwo Miłośników Twórczości Zofii Kossak"),
        ("Jacek Bondarewicz", "Fundacja ARCHE"),
        ("Mariusz Kołodziej", "Legnickie Stowarzyszenie Inicjatyw Obywatelskich"),
        ("Tomasz Sokołowski", "Towarzystwo Przyjaciół Nauk w Legnicy"),
        ("Grzegorz Wala", "Legnickie Centrum Wolontariatu"),
    ]


def test_running_again_changes_nothing(pomost):
    before = (
        Organization.objects.count(),
        Page.objects.count(),
        CouncilTerm.objects.count(),
        Revision.objects.count(),
    )
    output = load()
    after = (
        Organization.objects.count(),
        Page.objects.count(),
        CouncilTerm.objects.count(),
        Revision.objects.count(),
    )
    assert after == before
    assert "0 created" in output
    assert "left alone: organization Fundacja ARCHE" in output


def test_running_again_keeps_what_editors_changed(pomost):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    arche.description = "<p>Nasz własny opis.</p>"
    arche.slug = "arche"
    arche.save_revision().publish()
    history = HistoryPage.objects.get()
    history.title = "Nasza historia"
    history.save_revision().publish()

    load()

    arche.refresh_from_db()
    assert arche.description == "<p>Nasz własny opis.</p>"
    assert Organization.objects.filter(name="Fundacja ARCHE").count() == 1
    assert HistoryPage.objects.get().title == "Nasza historia"


def test_running_again_recreates_only_what_is_missing(pomost):
    HistoryPage.objects.get().delete()
    Organization.objects.get(name="Stowarzyszenie PERSONA").delete()

    output = load()

    assert "2 created" in output
    assert HistoryPage.objects.get().live
    assert Organization.objects.get(name="Stowarzyszenie PERSONA").live
    assert Organization.objects.count() == 32


def test_a_fresh_database_gets_everything(db):
    """From the state Wagtail's migrations leave: a placeholder welcome page as root."""
    HomePage.objects.all().delete()  # takes its Site along
    Organization.objects.all().delete()
    CouncilTerm.objects.all().delete()
    welcome = Page(title="Welcome to your new Wagtail site!", slug="home")
    Page.get_first_root_node().add_child(instance=welcome)
    Site.objects.create(hostname="localhost", root_page=welcome, is_default_site=True)

    output = load()

    assert "38 created" in output
    assert Organization.objects.filter(live=True).count() == 32
    site = Site.objects.get()
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(pk=welcome.pk).exists()
