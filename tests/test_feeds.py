"""Calendars and feed readers get the public events and news: an iCalendar file
that calendar apps read back, RSS and Atom that parse, nothing unpublished."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from organizations.models import Organization
from pages.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db

WARSAW = timezone.get_current_timezone()


@pytest.fixture
def make_event(pomost):
    def make(title, start, publish=True, organizers=(), **fields):
        event = EventPage(title=title, start=start, live=publish, **fields)
        EventIndexPage.objects.get().add_child(instance=event)
        event.organizers.set(organizers)
        event.save_revision()
        if publish:
            event.get_latest_revision().publish()
        return event

    return make


def soon(days, hour=18):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=WARSAW)


def calendar(client, **params):
    response = client.get("/wydarzenia.ics", params, HTTP_HOST="localhost")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")
    return response, Calendar.from_ical(response.content)


def test_the_calendar_lists_public_events_in_polish_time_with_stable_uids(client, make_event):
    arche = Organization.objects.get(slug="fundacja-arche")
    ball = make_event(
        "Bal Organizacji Pozarządowych",
        soon(10, 19),
        end=soon(11, 2),
        place="Pałac Kawalerów, Legnica",
        organizers=[arche],
    )
    make_event("Szkic wydarzenia", soon(12), publish=False)
    called_off = make_event("Festyn (odwołany)", soon(14), cancelled=True)

    response, parsed = calendar(client)
    events = {str(event["summary"]): event for event in parsed.walk("VEVENT")}
    assert "Szkic wydarzenia" not in events
    bal = events["Bal Organizacji Pozarządowych"]
    assert str(bal["uid"]).startswith(f"event-{ball.pk}@")
    assert bal["dtstart"].dt == soon(10, 19) and bal["dtstart"].params["TZID"] == "Europe/Warsaw"
    assert bal["dtend"].dt == soon(11, 2)
    assert str(bal["location"]) == "Pałac Kawalerów, Legnica"
    assert bal["last-modified"].dt is not None
    assert str(bal["status"]) == "CONFIRMED"
    assert str(events["Festyn (odwołany)"]["status"]) == "CANCELLED"
    assert [zone["tzid"] for zone in parsed.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert "public" in response["Cache-Control"]

    _, again = calendar(client)
    assert sorted(str(event["uid"]) for event in again.walk("VEVENT")) == sorted(
        str(event["uid"]) for event in parsed.walk("VEVENT")
    )
    assert called_off.pk != ball.pk


def test_the_calendar_of_one_organization(client, make_event):
    arche = Organization.objects.get(slug="fundacja-arche")
    make_event("Warsztaty ARCHE", soon(3), organizers=[arche])
    make_event("Spotkanie kogoś innego", soon(4))
    _, parsed = calendar(client, organizacja="fundacja-arche")
    assert [str(event["summary"]) for event in parsed.walk("VEVENT")] == ["Warsztaty ARCHE"]
    assert "Fundacja ARCHE" in str(parsed["x-wr-calname"])

    response = client.get(
        "/wydarzenia.ics", {"organizacja": "nie-ma-takiej"}, HTTP_HOST="localhost"
    )
    assert response.status_code == 404 and "Nie ma takiej organizacji" in response.content.decode()


@pytest.mark.parametrize("slug", ["\x00", "fundacja-arche\x00", "a\nb", "ź" * 300])
def test_a_calendar_asked_for_an_impossible_organization_is_not_found(client, slug):
    response = client.get("/wydarzenia.ics", {"organizacja": slug}, HTTP_HOST="localhost")
    assert response.status_code == 404


def test_a_cancelled_event_says_so_in_graphql(graphql, make_event):
    event = make_event("Koncert", soon(5), cancelled=True)
    data = graphql(f"{{ page(id: {event.pk}) {{ ... on EventPage {{ cancelled }} }} }}")
    assert data["page"] == {"cancelled": True}


def parse_feed(client, path):
    response = client.get(path, HTTP_HOST="localhost")
    assert response.status_code == 200, response.status_code
    return response, ET.fromstring(response.content)


def test_the_news_feed_lists_the_newest_public_news_linking_to_the_portal(
    client, make_news, settings
):
    settings.PORTAL_BASE_URL = "https://portal.example"
    for number in range(22):
        make_news(f"Wiadomość {number}", date=datetime.date(2026, 10, 1 + number))
    make_news("Szkic", publish_it=False)

    response, rss = parse_feed(client, "/aktualnosci/rss/")
    items = rss.findall("./channel/item")
    titles = [item.findtext("title") for item in items]
    assert len(items) == 20 and "Szkic" not in titles
    assert titles[0] == "Wiadomość 21"
    assert all(item.findtext("link").startswith("https://portal.example/") for item in items)
    published = items[0].findtext("pubDate")
    assert published.endswith(("+0100", "+0200"))  # Polish time
    assert "public" in response["Cache-Control"]


def test_an_intro_is_text_in_the_feeds_never_markup(client, make_news):
    make_news("Zaproszenie", intro='<script>alert(1)</script><b onmouseover="x">Przyjdź</b>')
    for path, description in (
        ("/aktualnosci/rss/", "./channel/item/description"),
        (
            "/aktualnosci/atom/",
            "./{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary",
        ),
    ):
        _, feed = parse_feed(client, path)
        # What a reader renders as HTML: the intro's characters, no tag of it.
        text = feed.find(description).text
        assert "<script>" not in text and "<b " not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_the_atom_feed_parses_and_is_never_sent_to_the_portal(client, make_news, settings):
    settings.PORTAL_BASE_URL = "https://portal.example"
    make_news("Zebranie Rady")
    _, atom = parse_feed(client, "/aktualnosci/atom/")
    namespace = {"atom": "http://www.w3.org/2005/Atom"}
    titles = [
        entry.findtext("atom:title", namespaces=namespace)
        for entry in atom.findall("atom:entry", namespace)
    ]
    assert "Zebranie Rady" in titles
