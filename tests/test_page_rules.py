"""Editors can only create the page types that fit where they are."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from pages.models import (
    DeclarationPage,
    EventIndexPage,
    EventPage,
    HistoryPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)

pytestmark = pytest.mark.django_db


def test_home_page_sits_only_at_the_tree_root(home):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(home)
    assert not HomePage.can_create_at(StandardPage.objects.first() or home)


def test_one_history_declaration_news_and_event_index_per_home(home):
    for page_class in (HistoryPage, DeclarationPage, NewsIndexPage, EventIndexPage):
        assert not page_class.can_create_at(home), page_class

    second_home = HomePage(title="Druga witryna", slug="druga")
    Page.get_first_root_node().add_child(instance=second_home)
    for page_class in (HistoryPage, DeclarationPage, NewsIndexPage, EventIndexPage):
        assert page_class.can_create_at(second_home), page_class


def test_news_go_only_under_the_news_index(home, news_index):
    event_index = EventIndexPage.objects.get()
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home)
    assert not NewsPage.can_create_at(event_index)
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage.allowed_subpage_models() == []


def test_events_go_only_under_the_event_index(home, news_index):
    event_index = EventIndexPage.objects.get()
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(home)
    assert not EventPage.can_create_at(news_index)


def test_standard_pages_nest_under_home_and_each_other(home):
    about = StandardPage(title="O nas", slug="o-nas")
    home.add_child(instance=about)
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(about)
    assert not NewsPage.can_create_at(about)
    assert not HistoryPage.can_create_at(about)


def test_home_offers_only_the_partnership_sections(home):
    assert set(HomePage.allowed_subpage_models()) == {
        HistoryPage,
        DeclarationPage,
        NewsIndexPage,
        EventIndexPage,
        StandardPage,
    }


def test_event_cannot_end_before_it_starts(pomost):
    start = datetime.datetime(2026, 12, 5, 18, 0, tzinfo=datetime.UTC)
    event = EventPage(
        title="Bal Organizacji Pozarządowych",
        slug="bal",
        start=start,
        end=start - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end" in error.value.message_dict


def test_a_page_saved_by_a_script_gets_a_polish_slug(news_index):
    from pages.models import NewsPage

    page = NewsPage(title="Łódź, Żagań i Świętochłowice", date="2026-11-01")
    news_index.add_child(instance=page)
    assert page.slug == "lodz-zagan-i-swietochlowice"
    second = NewsPage(title="Łódź, Żagań i Świętochłowice", date="2026-11-02")
    news_index.add_child(instance=second)
    assert second.slug == "lodz-zagan-i-swietochlowice-2"


def test_pages_are_found_by_path_through_an_index(pomost):
    """`page(urlPath:)` looks pages up by Wagtail's url_path, which Wagtail
    does not index: our migration does (else 50,000 news would be read each time)."""
    from django.db import connection

    query = str(Page.objects.filter(url_path="/home/historia/").order_by().values("pk").query)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + query.replace("/home/historia/", "'/home/historia/'"))
        else:
            cursor.execute(
                "EXPLAIN QUERY PLAN " + query.replace("/home/historia/", "'/home/historia/'")
            )
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "pomost_page_url_path" in plan, plan
