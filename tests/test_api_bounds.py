"""Work per request is bounded whether or not it touches the database: wall
clock, answer size, and renditions made by one request (the rest are made by
the task worker and served once ready). Each bound is a clear error or a
complete answer later, and nothing over a bound is ever cached."""

import json
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import task_backends
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from api.tasks import make_renditions
from organizations.models import OrganizationQuerySet

pytestmark = pytest.mark.django_db

DIRECTORY = "{ organizations(limit: 100) { items { name description } } }"


def post(client, query):
    return client.post(
        "/graphql/",
        json.dumps({"query": query}),
        content_type="application/json",
        HTTP_HOST="localhost",
    )


def get(client, query):
    return client.get("/graphql/", {"query": query}, HTTP_HOST="localhost")


def refusal(response, code):
    payload = response.json()
    assert response.status_code == 400 and "data" not in payload, payload
    [error] = payload["errors"]
    assert error["extensions"]["code"] == code and "path" not in error
    assert "no-store" in response["Cache-Control"]
    return error["message"]


def test_a_query_over_the_wall_clock_budget_is_stopped(client, settings, monkeypatch):
    settings.API_MAX_REQUEST_SECONDS = 0.2
    for_api = OrganizationQuerySet.for_api

    def slow_for_api(self, selection=None):
        time.sleep(0.3)  # work no SQL limit would stop
        return for_api(self, selection)

    monkeypatch.setattr(OrganizationQuerySet, "for_api", slow_for_api)
    message = refusal(get(client, DIRECTORY), "QUERY_TOO_SLOW")
    assert "0.2 s" in message
    monkeypatch.setattr(OrganizationQuerySet, "for_api", for_api)
    assert get(client, DIRECTORY).status_code == 200  # the refusal was not kept


def test_an_answer_over_the_size_limit_is_refused_and_never_cached(client, settings):
    settings.API_MAX_RESPONSE_BYTES = 1_000
    message = refusal(get(client, DIRECTORY), "RESPONSE_TOO_LARGE")
    assert "1000 bytes" in message
    settings.API_MAX_RESPONSE_BYTES = 2_000_000
    response = get(client, DIRECTORY)
    assert (
        response.status_code == 200 and len(response.json()["data"]["organizations"]["items"]) == 32
    )


def test_a_small_answer_is_within_the_size_limit(client, settings):
    settings.API_MAX_RESPONSE_BYTES = 1_000
    response = get(client, '{ organization(slug: "fundacja-arche") { name } }')
    assert response.json() == {"data": {"organization": {"name": "Fundacja ARCHE"}}}


@pytest.fixture
def queued_tasks(settings):
    """Tasks are kept, not run: as when the worker has not got to them yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    results = task_backends["default"].results

    def renditions_queued():
        return [result for result in results if result.task.func is make_renditions.func]

    return renditions_queued


GALLERY = '{ images(order: "title", limit: 3) { title srcSet(sizes: [320, 640]) } }'


def test_renditions_over_the_request_cap_are_made_by_the_worker(client, settings, queued_tasks):
    settings.API_MAX_NEW_RENDITIONS = 2
    for number in range(3):
        Image.objects.create(title=f"Zdjęcie {number}", file=get_test_image_file(size=(1000, 600)))
    first = get(client, GALLERY)
    images = first.json()["data"]["images"]
    assert (
        sum(
            (image["srcSet"] or "").count(" 320w") + (image["srcSet"] or "").count(" 640w")
            for image in images
        )
        == 2
    )
    assert Rendition.objects.count() == 2
    assert "no-store" in first["Cache-Control"]  # incomplete: not kept anywhere

    assert len(queued_tasks()) == 2  # the rest, one task for each image left
    for result in queued_tasks():
        make_renditions.call(*result.args, **result.kwargs)  # the worker's turn
    assert Rendition.objects.count() == 6

    complete = get(client, GALLERY)
    assert [image["srcSet"].count("w,") for image in complete.json()["data"]["images"]] == [1] * 3
    assert "public" in complete["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        assert get(client, GALLERY).json() == complete.json()
    assert len(queries) == 0  # a complete answer is cached


def test_a_rendition_still_being_made_is_null(client, settings, queued_tasks):
    settings.API_MAX_NEW_RENDITIONS = 0
    image = Image.objects.create(title="Duże", file=get_test_image_file(size=(1000, 600)))
    query = f'{{ image(id: "{image.pk}") {{ rendition(width: 640) {{ url }} }} }}'
    assert post(client, query).json() == {"data": {"image": {"rendition": None}}}
    [result] = queued_tasks()
    make_renditions.call(*result.args, **result.kwargs)
    rendition = post(client, query).json()["data"]["image"]["rendition"]
    assert rendition["url"].endswith(".width-640.png")


def test_a_missing_rendition_is_queued_once_however_often_it_is_asked_for(
    client, settings, queued_tasks
):
    settings.API_MAX_NEW_RENDITIONS = 0
    image = Image.objects.create(title="Duże", file=get_test_image_file(size=(1000, 600)))
    query = f'{{ image(id: "{image.pk}") {{ srcSet(sizes: [320, 640]) }} }}'
    for _ in range(5):
        assert post(client, query).json() == {"data": {"image": {"srcSet": None}}}
    [result] = queued_tasks()
    assert result.args == [image.pk, ["width-320", "width-640"]]


def test_the_size_limit_counts_the_bytes_sent(client, settings, make_organization):
    """Polish letters take two bytes each in the answer: a limit between the
    answer's characters and its bytes refuses it."""
    make_organization("Fundacja " + "żółć" * 60, slug="zolc")
    query = '{ organization(slug: "zolc") { name } }'
    body = get(client, query).content
    assert len(body.decode()) < 400 < len(body)
    settings.API_MAX_RESPONSE_BYTES = 400
    refusal(get(client, query), "RESPONSE_TOO_LARGE")


def test_renditions_are_made_within_the_megapixels_a_request_may_decode(
    client, settings, queued_tasks
):
    settings.API_MAX_RENDITION_MEGAPIXELS = 1  # one 1000×600 image, not two
    for number in range(2):
        Image.objects.create(title=f"Zdjęcie {number}", file=get_test_image_file(size=(1000, 600)))
    response = get(client, '{ images(order: "title") { srcSet(sizes: [320]) } }')
    made = [bool(image["srcSet"]) for image in response.json()["data"]["images"]]
    assert made == [True, False] and Rendition.objects.count() == 1
    assert len(queued_tasks()) == 1 and "no-store" in response["Cache-Control"]
