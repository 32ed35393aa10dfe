"""A new app's draft-state snippet gets every guarantee without a change in api/:
it stays private until published, the response cache follows its publishing,
unpublishing, saving and deletion, and no cached answer outlives its expiry.

The model is tests/noticeboard's `Notice`, installed by tests/settings.py only.
"""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.noticeboard.models import Notice

pytestmark = pytest.mark.django_db

NOTICES = "{ notices { text } }"
AS_STORED = "{ noticesAsStored { text } }"


def texts(client, query):
    response = client.get("/graphql/", {"query": query}, HTTP_HOST="localhost")
    payload = response.json()
    assert "errors" not in payload, payload
    return [notice["text"] for notice in payload["data"][query.split()[1]]]


def cached_texts(client, query):
    """The answer, checked to come from the response cache the second time."""
    first = texts(client, query)
    with CaptureQueriesContext(connection) as queries:
        assert texts(client, query) == first
    assert len(queries) == 0
    return first


def notice(text, publish=True, **fields):
    made = Notice.objects.create(text=text, live=False, **fields)
    if publish:
        made.save_revision().publish()
        made.refresh_from_db()
    else:
        made.save_revision()
    return made


def test_a_notice_is_private_until_published(pomost, client, committed):
    with committed():
        draft = notice("Szkic ogłoszenia", publish=False)
        notice("Ogłoszenie jawne")
    for query in (NOTICES, AS_STORED):
        assert texts(client, query) == ["Ogłoszenie jawne"]
    with committed():
        draft.save_revision().publish()
    for query in (NOTICES, AS_STORED):
        assert texts(client, query) == ["Szkic ogłoszenia", "Ogłoszenie jawne"]


def test_an_unfiltered_root_field_is_filtered_before_it_is_cut(pomost, client):
    """`noticesAsStored` returns every row: the API's net filters it in SQL
    before cutting it at the maximum page size."""
    Notice.objects.bulk_create(Notice(text=f"Szkic {n}", live=False) for n in range(100))
    notice("Jedyne jawne")
    assert texts(client, AS_STORED) == ["Jedyne jawne"]


@pytest.mark.parametrize("change", ["publish", "unpublish", "save", "delete"])
def test_the_response_cache_follows_a_notice(pomost, client, committed, change):
    with committed():
        shown = notice("Ogłoszenie")
        waiting = notice("Czeka na publikację", publish=False)
    assert cached_texts(client, NOTICES) == ["Ogłoszenie"]
    with committed():
        if change == "publish":
            waiting.save_revision().publish()
        elif change == "unpublish":
            shown.unpublish()
        elif change == "save":
            shown.text = "Ogłoszenie poprawione"
            shown.save()
        else:
            shown.delete()
    expected = {
        "publish": ["Ogłoszenie", "Czeka na publikację"],
        "unpublish": [],
        "save": ["Ogłoszenie poprawione"],
        "delete": [],
    }[change]
    assert texts(client, NOTICES) == expected


def test_no_cached_answer_outlives_a_notices_expiry(pomost, client, settings):
    settings.API_RESPONSE_CACHE_SECONDS = 600
    settings.API_HTTP_CACHE_SECONDS = 300
    with time_machine.travel(timezone.now(), tick=False) as clock:
        notice("Do końca minuty", expire_at=timezone.now() + datetime.timedelta(seconds=60))
        assert cached_texts(client, NOTICES) == ["Do końca minuty"]
        response = client.get("/graphql/", {"query": NOTICES}, HTTP_HOST="localhost")
        assert "max-age=60" in response["Cache-Control"]  # not the usual 300
        clock.shift(datetime.timedelta(seconds=45))
        response = client.get("/graphql/", {"query": NOTICES}, HTTP_HOST="localhost")
        assert "max-age=15" in response["Cache-Control"]
        clock.shift(datetime.timedelta(seconds=16))
        assert texts(client, NOTICES) == []  # publish_scheduled has not run
