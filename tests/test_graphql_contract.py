"""The GraphQL contract the city portal builds on."""

import datetime
import json

import pytest

from organizations.models import CouncilMember, CouncilTerm, Organization
from pages.models import DeclarationPage

pytestmark = pytest.mark.django_db

ORGANIZATION_FIELDS = """
    slug name shortName legalForm legalFormLabel description
    logo { url width height srcSet(sizes: [160, 320]) }
    website email phone street postalCode city krs nip regon
    publicBenefit areas areaLabels memberSince leftOn
"""


def names(items):
    return [item["name"] for item in items]


def test_organization_profile_has_every_field(graphql, make_organization, make_image):
    make_organization(
        "Stowarzyszenie Żółtej Łąki",
        short_name="ŻŁ",
        legal_form="association",
        description="<p>Dbamy o łąki.</p>",
        logo=make_image("Logo ŻŁ"),
        website="https://zolta-laka.example.org",
        email="kontakt@zolta-laka.example.org",
        phone="76 123 45 67",
        street="ul. Łąkowa 5",
        postal_code="59-220",
        city="Legnica",
        krs="0000123456",
        nip="5260250274",
        regon="000331501",
        public_benefit=True,
        areas=["ecology", "education"],
        member_since=datetime.date(2020, 1, 15),
    )
    data = graphql(
        f'{{ organization(slug: "stowarzyszenie-zoltej-laki") {{ {ORGANIZATION_FIELDS} }} }}'
    )
    org = data["organization"]
    assert org["name"] == "Stowarzyszenie Żółtej Łąki"
    assert org["shortName"] == "ŻŁ"
    assert org["legalForm"] == "ASSOCIATION"
    assert org["legalFormLabel"] == "Stowarzyszenie"
    assert "Dbamy o łąki." in org["description"]
    assert org["logo"]["width"] > 0 and org["logo"]["url"]
    # An 80 px logo is never enlarged: both sizes asked for give it once, at 80 px.
    assert org["logo"]["srcSet"].endswith(".png 80w") and "," not in org["logo"]["srcSet"]
    assert (org["krs"], org["nip"], org["regon"]) == ("0000123456", "5260250274", "000331501")
    assert org["publicBenefit"] is True
    assert org["areas"] == ["ECOLOGY", "EDUCATION"]
    assert org["areaLabels"][0].startswith("Ekologia")
    assert org["memberSince"] == "2020-01-15"
    assert org["leftOn"] is None
    assert org["postalCode"] == "59-220"


def test_organizations_are_in_polish_alphabetical_order(graphql, make_organization):
    ours = ["Źródło", "Lipa", "Żywiec", "Łabędź", "Zorza", "Sowa", "Śnieg", "Mak"]
    for name in ours:
        make_organization(name)
    data = graphql("{ organizations(limit: 100) { items { name } } }")
    listed = [name for name in names(data["organizations"]["items"]) if name in ours]
    assert listed == ["Lipa", "Łabędź", "Mak", "Sowa", "Śnieg", "Zorza", "Źródło", "Żywiec"]


def test_organizations_list_is_paginated_with_a_hard_maximum(graphql, settings):
    def page(arguments):
        query = f"{{ organizations({arguments}) {{ items {{ name }} total }} }}"
        return graphql(query)["organizations"]

    first, second = page("limit: 5"), page("limit: 5, offset: 5")
    assert len(first["items"]) == len(second["items"]) == 5
    assert not set(names(first["items"])) & set(names(second["items"]))
    assert first["total"] == second["total"] == 32

    default = graphql("{ organizations { items { name } } }")["organizations"]["items"]
    assert len(default) == settings.GRAPPLE["PAGE_SIZE"]

    message = graphql.errors("{ organizations(limit: 1000) { items { name } } }")[0]
    assert message == "`limit` must be a whole number from 1 to 100."


def test_negative_pagination_is_a_clear_error(graphql):
    assert "`limit`" in graphql.errors("{ organizations(limit: -1) { items { name } } }")[0]
    assert "`offset`" in graphql.errors("{ organizations(offset: -3) { items { name } } }")[0]


def test_organizations_can_be_searched(graphql):
    data = graphql('{ organizations(searchQuery: "Amazonek") { items { name } } }')
    assert names(data["organizations"]["items"]) == ["Legnickie Stowarzyszenie Amazonek AGATA"]


def test_unpublished_organization_never_appears(graphql, make_organization, make_news):
    secret = make_organization("Fundacja Tajna XYZZY", publish_it=False)
    twin = make_organization("Fundacja Jawna JAWNA")
    declaration = DeclarationPage.objects.get()
    declaration.signatories.add(secret, twin)
    declaration.save_revision().publish()
    make_news("Wiadomość", related_organizations=[secret, twin])
    term = CouncilTerm.objects.get()
    CouncilMember.objects.create(term=term, person_name="Ktoś Tajny", organization=secret)
    CouncilMember.objects.create(term=term, person_name="Ktoś Jawny", organization=twin)

    queries = [
        ("{ organizations(limit: 100) { items { name } } }",) * 2,
        ('{ organizations(searchQuery: "XYZZY") { items { name } } }',)
        + ('{ organizations(searchQuery: "JAWNA") { items { name } } }',),
        ('{ organization(slug: "fundacja-tajna-xyzzy") { name } }',)
        + ('{ organization(slug: "fundacja-jawna-jawna") { name } }',),
        ('{ page(urlPath: "/deklaracja/") { ... on DeclarationPage { signatories { name } } } }',)
        * 2,
        (
            '{ pages(contentType: "pages.NewsPage") { ... on NewsPage '
            "{ relatedOrganizations { name } } } }",
        )
        * 2,
        ("{ partnershipCouncil { members { personName organization { name } } } }",) * 2,
    ]
    for secret_query, twin_query in queries:
        assert "XYZZY" not in json.dumps(graphql(secret_query)), secret_query
        assert "JAWNA" in json.dumps(graphql(twin_query)), twin_query
    council = graphql("{ partnershipCouncil { members { personName organization { name } } } }")
    assert {"personName": "Ktoś Tajny", "organization": None} in council["partnershipCouncil"][
        "members"
    ]


def test_unpublished_changes_of_a_published_organization_stay_hidden(graphql):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    arche.description = "<p>Szkic XYZZY</p>"
    arche.save_revision()  # a draft, as "Zapisz wersję roboczą" in the admin

    data = graphql('{ organization(slug: "fundacja-arche") { name description } }')
    assert data["organization"]["name"] == "Fundacja ARCHE"
    assert "XYZZY" not in json.dumps(data)
    assert (
        graphql('{ organizations(searchQuery: "XYZZY") { items { name } } }')["organizations"][
            "items"
        ]
        == []
    )
    assert graphql('{ organizations(searchQuery: "ARCHE") { items { name } } }')["organizations"][
        "items"
    ] == [{"name": "Fundacja ARCHE"}]


def test_withdrawn_organization_disappears(graphql):
    arche = Organization.objects.get(name="Fundacja ARCHE")
    arche.unpublish()
    assert graphql('{ organization(slug: "fundacja-arche") { name } }')["organization"] is None
    assert "Fundacja ARCHE" not in names(
        graphql("{ organizations(limit: 50) { items { name } } }")["organizations"]["items"]
    )


def test_partnership_council_is_the_current_term(graphql):
    data = graphql(
        "{ partnershipCouncil { startDate endDate members "
        "{ personName role organization { slug name } } } }"
    )
    council = data["partnershipCouncil"]
    assert council["startDate"] == "2012-02-23"
    assert council["endDate"] is None
    assert [m["personName"] for m in council["members"]][:2] == [
        "Marta Chmielewska",
        "Jacek Bondarewicz",
    ]
    assert council["members"][1]["organization"] == {
        "slug": "fundacja-arche",
        "name": "Fundacja ARCHE",
    }


def test_a_new_term_replaces_the_council_only_once_published(graphql):
    old = CouncilTerm.objects.get()
    new = CouncilTerm(start_date=datetime.date(2026, 1, 1), live=False)
    new.members = [CouncilMember(person_name="Anna Nowak")]
    new.save()
    new.save_revision()
    assert graphql("{ partnershipCouncil { startDate } }")["partnershipCouncil"]["startDate"] == (
        "2012-02-23"
    )
    assert len(graphql("{ councilTerms { startDate } }")["councilTerms"]) == 1

    new.save_revision().publish()
    old.end_date = datetime.date(2025, 12, 31)
    old.save_revision().publish()
    council = graphql("{ partnershipCouncil { startDate members { personName } } }")
    assert council["partnershipCouncil"] == {
        "startDate": "2026-01-01",
        "members": [{"personName": "Anna Nowak"}],
    }
    terms = graphql("{ councilTerms { startDate endDate } }")["councilTerms"]
    assert terms == [
        {"startDate": "2026-01-01", "endDate": None},
        {"startDate": "2012-02-23", "endDate": "2025-12-31"},
    ]


def test_declaration_page_lists_all_signatories(graphql):
    data = graphql(
        '{ page(urlPath: "/deklaracja/") { title ... on DeclarationPage '
        "{ signedOn signedPlace vision goals { ... on GoalBlock { title } } "
        "signatories { slug name } } } }"
    )
    page = data["page"]
    assert page["signedOn"] == "2012-02-23"
    assert page["signedPlace"] == "Legnica"
    assert len(page["signatories"]) == 32
    assert page["signatories"][0]["name"] == "Cech Rzemiosł Różnych w Legnicy"
    assert len(page["goals"]) >= 6


def test_history_timeline_through_graphql(graphql):
    data = graphql(
        '{ page(urlPath: "/historia/") { ... on HistoryPage { intro '
        "timeline { ... on TimelineEventBlock { date datePrecision title description } } } } }"
    )
    timeline = data["page"]["timeline"]
    assert [event["date"] for event in timeline] == ["2008-01-01", "2011-05-05", "2012-02-23"]
    assert timeline[0]["datePrecision"] == "YEAR"
    assert "Parkowa" in timeline[1]["description"]


def test_pages_by_content_type_and_search(graphql, make_news):
    make_news("Festyn organizacji pozarządowych")
    make_news("Szkolenie dla liderów")
    data = graphql(
        '{ pages(contentType: "pages.NewsPage", searchQuery: "festyn") { title contentType } }'
    )
    assert data["pages"] == [
        {"title": "Festyn organizacji pozarządowych", "contentType": "pages.NewsPage"}
    ]
    all_news = graphql('{ pages(contentType: "pages.NewsPage") { title } }')["pages"]
    assert len(all_news) == 2


def test_unknown_content_type_is_a_clear_error(graphql):
    message = graphql.errors('{ pages(contentType: "pages.Nothing") { title } }')[0]
    assert "pages.Nothing" in message


def test_draft_news_is_not_served(graphql, make_news):
    make_news("Szkic XYZZY", publish_it=False)
    make_news("Jawna wiadomość")
    news = graphql('{ pages(contentType: "pages.NewsPage") { title } }')["pages"]
    assert news == [{"title": "Jawna wiadomość"}]
    assert graphql('{ page(slug: "szkic-xyzzy") { title } }')["page"] is None
    assert graphql('{ page(slug: "jawna-wiadomosc") { title } }')["page"] is not None


def test_get_requests_are_served(client):
    response = client.get(
        "/graphql/",
        {"query": '{ organization(slug: "fundacja-arche") { name } }'},
        HTTP_HOST="localhost",
    )
    assert response.status_code == 200
    assert response.json()["data"]["organization"]["name"] == "Fundacja ARCHE"


def test_grapple_root_fields_that_would_leak_drafts_are_gone(graphql):
    assert "snippets" in graphql.errors("{ snippets { __typename } }")[0]
    assert "search" in graphql.errors('{ search(query: "x") { __typename } }')[0]
