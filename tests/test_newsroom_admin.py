"""Editors see every news item and event in one list, the newest first, and
when a scheduled one goes live."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, pomost):
    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "x"))
    return client


def test_the_news_list_shows_the_newest_first_and_when_scheduled_ones_go_live(
    editor_client, make_news
):
    make_news("Starsza", date=datetime.date(2026, 10, 1))
    make_news("Nowsza", date=datetime.date(2026, 11, 20))
    planned = make_news("Zaplanowana", publish_it=False, date=datetime.date(2026, 11, 25))
    go_live = timezone.now() + datetime.timedelta(days=2)
    planned.go_live_at = go_live  # as the editor's schedule dialog sets it
    planned.save_revision().publish()  # a go-live in the future: scheduled, not live
    planned.refresh_from_db()
    assert not planned.live and planned.scheduled_revision is not None

    page = editor_client.get("/admin/aktualnosci/").content.decode()
    assert page.index("Zaplanowana") < page.index("Nowsza") < page.index("Starsza")
    local = timezone.localtime(go_live)
    assert f"zaplanowano na {local.day} " in page and local.strftime("%H:%M") in page


@pytest.mark.parametrize("words", ["świetlica środowiskowa", "swietlica srodowiskowa", "świetlic"])
def test_the_admins_search_finds_news_with_or_without_polish_letters(
    editor_client, make_news, words
):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("accent-insensitive search is PostgreSQL's (core.search)")
    make_news("Świetlica środowiskowa otwarta")
    make_news("Zebranie Rady Partnerstwa")
    results = editor_client.get("/admin/pages/search/", {"q": words}).content.decode()
    assert "Świetlica środowiskowa otwarta" in results
    assert "Zebranie Rady Partnerstwa" not in results


def test_scheduling_a_news_item_reads_in_polish(editor_client, make_news):
    """Wagtail 8's Polish catalog lacks the autosave and scheduling strings an
    editor meets on every edit; the project's own (locale/) fills them in."""
    news = make_news("Festiwal na Rynku", publish_it=False)
    news.go_live_at = timezone.now() + datetime.timedelta(days=1)
    news.save_revision()  # the schedule saved in the dialog, not yet confirmed

    page = editor_client.get(f"/admin/pages/{news.pk}/edit/").content.decode()
    for polish in ("Zaplanuj publikację", "Po zaplanowaniu:", "Publikacja:", "Zapisano"):
        assert polish in page, polish
    for english in ("Schedule to publish", "Once scheduled:", "Idź online"):
        assert english not in page, english
    assert not re.search(r">\s*Saved\s*<", page)
