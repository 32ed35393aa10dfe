"""The lists a portal pages through: concrete types, totals that count every
match, typed filters, and the vocabularies the filters take."""

import datetime

import pytest
from django.utils import timezone

from organizations.models import Organization
from pages.models import EventIndexPage, EventPage, NewsPage

pytestmark = pytest.mark.django_db

WARSAW = timezone.get_current_timezone()


@pytest.fixture
def make_event(pomost):
    def make(title, start, end=None, organizers=(), publish=True):
        event = EventPage(title=title, start=start, end=end, live=publish)
        EventIndexPage.objects.get().add_child(instance=event)
        event.organizers.set(organizers)
        if publish:
            event.save_revision().publish()
        return event

    return make


def at(day, hour=12):
    return datetime.datetime(2026, 12, day, hour, tzinfo=WARSAW)


def titles(page):
    return [item["title"] for item in page["items"]]


def test_totals_count_every_match_across_pages(graphql, make_news):
    for number in range(7):
        make_news(f"Wiadomość {number}", date=datetime.date(2026, 11, 1 + number))
    make_news("Szkic", publish_it=False)
    query = "query ($o: Offset) { news(limit: 3, offset: $o) { total items { title } } }"
    pages = [graphql(query, {"o": offset})["news"] for offset in (0, 3, 6)]
    assert [page["total"] for page in pages] == [7, 7, 7]
    listed = [title for page in pages for title in titles(page)]
    assert listed == [f"Wiadomość {number}" for number in reversed(range(7))]


def test_news_by_tag_organization_and_dates(graphql, make_news):
    arche = Organization.objects.get(slug="fundacja-arche")
    festyn = make_news("Festyn", date=datetime.date(2026, 6, 1))
    festyn.tags.add("Wolontariat")
    festyn.related_organizations.set([arche])
    festyn.save_revision().publish()
    make_news("Zebranie", date=datetime.date(2026, 9, 1))

    def news(arguments):
        return titles(graphql(f"{{ news({arguments}) {{ items {{ title }} }} }}")["news"])

    assert news('tag: "wolontariat"') == ["Festyn"]
    assert news('organization: "fundacja-arche"') == ["Festyn"]
    assert news('dateFrom: "2026-07-01"') == ["Zebranie"]
    assert news('dateFrom: "2026-05-01", dateTo: "2026-06-01"') == ["Festyn"]
    assert news("order: OLDEST_FIRST") == ["Festyn", "Zebranie"]
    assert news('tag: "nie-ma-takiego"') == []
    assert news('organization: "nie-ma-takiej"') == []


def test_news_of_an_unpublished_organization_are_none(graphql, make_news, make_organization):
    hidden = make_organization("Fundacja Ukryta", publish_it=False)
    festyn = make_news("Festyn")
    festyn.related_organizations.set([hidden])
    festyn.save_revision().publish()
    data = graphql('{ news(organization: "fundacja-ukryta") { total items { title } } }')
    assert data["news"] == {"total": 0, "items": []}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ('dateFrom: "2026-07-01", dateTo: "2026-06-01"', "`dateFrom` must not be after `dateTo`"),
        ('tag: ""', "`tag` cannot be empty"),
        ('dateFrom: "2026-13-01"', "dateFrom"),
        ("order: NEWEST", "NewsOrder"),
    ],
)
def test_news_filters_that_can_never_match_are_refused(client, arguments, message):
    response = client.get(
        "/graphql/", {"query": f"{{ news({arguments}) {{ total }} }}"}, HTTP_HOST="localhost"
    )
    assert response.status_code == 400 and "data" not in response.json()
    assert message in response.json()["errors"][0]["message"]


def test_upcoming_events_in_start_order(graphql, make_event):
    arche = Organization.objects.get(slug="fundacja-arche")
    make_event("Minione", at(1))
    make_event("Trwające", at(2), end=at(10), organizers=[arche])
    make_event("Jutrzejsze", at(6))
    make_event("Późniejsze", at(20), organizers=[arche])
    make_event("Szkic", at(7), publish=False)

    def events(arguments):
        query = f"{{ events({arguments}) {{ total items {{ title }} }} }}"
        return graphql(query)["events"]

    upcoming = events('from: "2026-12-05"')
    assert titles(upcoming) == ["Trwające", "Jutrzejsze", "Późniejsze"] and upcoming["total"] == 3
    assert titles(events('from: "2026-12-05", to: "2026-12-06"')) == ["Trwające", "Jutrzejsze"]
    assert titles(events('organizer: "fundacja-arche"')) == ["Trwające", "Późniejsze"]
    assert titles(events('from: "2026-12-21"')) == []
    assert (
        "`from` must not be after `to`"
        in graphql.errors('{ events(from: "2026-12-06", to: "2026-12-05") { total } }')[0]
    )


def test_one_news_item_and_one_event_by_path(graphql, make_news, make_event):
    make_news("Festyn")
    make_event("Bal", at(5))
    data = graphql(
        '{ newsItem(urlPath: "/aktualnosci/festyn/") { title date } '
        'event(urlPath: "/wydarzenia/bal/") { title start } '
        'wrong: newsItem(urlPath: "/wydarzenia/bal/") { title } }'
    )
    assert data["newsItem"]["title"] == "Festyn" and data["event"]["title"] == "Bal"
    assert data["wrong"] is None  # an event is no news item


def test_organizations_by_legal_form_area_and_status(graphql, make_organization):
    make_organization(
        "Fundacja Zielona", legal_form="foundation", areas=["ecology"], public_benefit=True
    )

    def directory(arguments):
        query = f"{{ organizations({arguments}, limit: 100) {{ total items {{ name }} }} }}"
        return graphql(query)["organizations"]

    foundations = directory("legalForm: FOUNDATION")
    expected = Organization.objects.filter(live=True, legal_form="foundation").count()
    assert foundations["total"] == expected == len(foundations["items"]) >= 3
    assert directory("area: ECOLOGY") == {"total": 1, "items": [{"name": "Fundacja Zielona"}]}
    assert directory("area: ECOLOGY, publicBenefit: false")["total"] == 0
    assert directory("legalForm: GUILD, area: ECOLOGY") == {"total": 0, "items": []}
    found = directory('searchQuery: "Zielona", legalForm: FOUNDATION')
    assert found == {"total": 1, "items": [{"name": "Fundacja Zielona"}]}


def test_vocabularies_name_every_value_in_polish(graphql):
    data = graphql("{ legalForms { value label } areas { value label } }")
    assert {"value": "FOUNDATION", "label": "Fundacja"} in data["legalForms"]
    assert len(data["areas"]) > 30
    assert all(term["label"] and term["value"].isupper() for term in data["areas"])


PROFILE = """query ($slug: String!) { organization(slug: $slug) {
    news { total items { title } }
    upcoming: events(from: "2026-12-01") { total items { title } }
    past: events(to: "2026-11-30") { total items { title } }
    councilSeats { total items { personName role term { startDate endDate } } }
} }"""


def test_a_profile_lists_only_the_public_news_events_and_seats_of_its_organization(
    graphql, make_news, make_event, make_organization
):
    from organizations.models import CouncilMember, CouncilTerm

    ours = make_organization("Stowarzyszenie Łąka")
    theirs = make_organization("Fundacja Obok")
    for title, organizations, publish_it in [
        ("Nasza starsza", [ours], True),
        ("Wspólna", [ours, theirs], True),
        ("Szkic", [ours], False),
        ("Cudza", [theirs], True),
    ]:
        news = make_news(title, publish_it=False)
        news.related_organizations.set(organizations)
        if publish_it:
            news.save_revision().publish()
    edited = NewsPage.objects.get(title="Wspólna")
    edited.title = "Niezatwierdzona zmiana"
    edited.save_revision()  # a draft on top of the published page
    make_event("Jesienne", at(20) - datetime.timedelta(days=30), organizers=[ours])
    make_event("Zimowe", at(28), organizers=[ours, theirs])
    make_event("Niepublikowane", at(29), organizers=[ours], publish=False)
    make_event("Cudze", at(27), organizers=[theirs])
    for start, publish_it in [
        (datetime.date(2020, 1, 1), True),
        (datetime.date(2027, 1, 1), False),
    ]:
        term = CouncilTerm(start_date=start, live=publish_it)
        term.members = [CouncilMember(person_name=f"Osoba {start.year}", organization=ours)]
        term.save()
        term.save_revision()
        if publish_it:
            term.save_revision().publish()

    profile = graphql(PROFILE, {"slug": ours.slug})["organization"]
    assert profile["news"]["total"] == 2
    assert sorted(titles(profile["news"])) == ["Nasza starsza", "Wspólna"]
    assert profile["upcoming"] == {"total": 1, "items": [{"title": "Zimowe"}]}
    assert profile["past"] == {"total": 1, "items": [{"title": "Jesienne"}]}
    assert profile["councilSeats"] == {
        "total": 1,
        "items": [
            {
                "personName": "Osoba 2020",
                "role": "członek Rady",
                "term": {"startDate": "2020-01-01", "endDate": None},
            }
        ],
    }


def test_a_profile_pages_through_its_news_newest_first(graphql, make_news, make_organization):
    ours = make_organization("Stowarzyszenie Łąka")
    for day in range(1, 6):
        news = make_news(f"Dzień {day}", date=datetime.date(2026, 11, day), publish_it=False)
        news.related_organizations.set([ours])
        news.save_revision().publish()
    query = """query ($o: Offset) { organization(slug: "stowarzyszenie-laka") {
        news(limit: 2, offset: $o) { total items { title } } } }"""
    pages = [graphql(query, {"o": o})["organization"]["news"] for o in (0, 2, 4)]
    assert [page["total"] for page in pages] == [5, 5, 5]
    assert [title for page in pages for title in titles(page)] == [
        f"Dzień {day}" for day in range(5, 0, -1)
    ]


def test_a_profile_says_where_the_public_sees_it_and_when_it_was_published(
    graphql, make_organization, settings
):
    ours = make_organization("Stowarzyszenie Łąka")
    ours.description = "<p>Zmiana czekająca na akceptację</p>"
    ours.save_revision()
    query = '{ organization(slug: "stowarzyszenie-laka") { url lastPublishedAt } }'
    profile = graphql(query)["organization"]
    assert profile["url"] == "http://localhost/organizacje/stowarzyszenie-laka/"
    published = datetime.datetime.fromisoformat(profile["lastPublishedAt"])
    assert published == Organization.objects.get(pk=ours.pk).last_published_at

    settings.PORTAL_BASE_URL = "https://portal.legnica.example/"  # a deploy that sets it
    url = graphql(query)["organization"]["url"]
    assert url == "https://portal.legnica.example/organizacje/stowarzyszenie-laka/"


def test_a_total_is_counted_once_per_content_version_and_never_goes_stale(graphql, make_news):
    import time_machine
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_news("Pierwsza")
    make_news("Druga", expire_at=timezone.now() + datetime.timedelta(hours=1))
    query = "{ news(limit: 1) { total } }"
    assert graphql(query)["news"]["total"] == 2
    with CaptureQueriesContext(connection) as asked_again:
        assert graphql(query)["news"]["total"] == 2
    assert not any("COUNT(" in q["sql"] for q in asked_again.captured_queries)

    make_news("Trzecia")  # a publish: a new content version
    assert graphql(query)["news"]["total"] == 3
    by_tag = '{ news(tag: "nic") { total } }'  # another filter, its own count
    assert graphql(by_tag)["news"]["total"] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert graphql(query)["news"]["total"] == 2  # "Druga" expired by the clock


def test_an_organizations_news_total_follows_each_publish(graphql, make_news):
    arche = Organization.objects.get(slug="fundacja-arche")
    query = '{ organization(slug: "fundacja-arche") { news(limit: 1) { total } } }'

    def total():
        return graphql(query)["organization"]["news"]["total"]

    assert total() == 0
    for expected in (1, 2):
        news = make_news(f"O ARCHE {expected}")
        news.related_organizations.set([arche])
        news.save_revision().publish()
        assert total() == expected
    news.unpublish()
    assert total() == 1
