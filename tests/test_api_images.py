"""Images for frontend components: `sources`, the renditions at the offered
widths as a list, and `placeholder`, a tiny preview sent inline. Both are made
as `srcSet` is: only at offered widths, within the request's rendition budget
(the task worker makes the rest), bulk-loaded for lists, public images only."""

import base64
import io
import json

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks import task_backends
from PIL import Image as PillowImage
from wagtail.images.models import Rendition
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from api.tasks import make_renditions

pytestmark = pytest.mark.django_db

SOURCES = "sources(sizes: %s) { url width height }"


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    """Each request resolves its images again instead of reading a cached answer."""
    settings.API_RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def photo(make_image):
    # Wider than the widths asked below, so renditions have the asked widths.
    return make_image("Szerokie", file=get_test_image_file(size=(1000, 600)))


def image_query(image, fields):
    return f'{{ image(id: "{image.pk}") {{ {fields} }} }}'


def post(client, query, variables=None):
    body = {"query": query} | ({"variables": variables} if variables is not None else {})
    return client.post(
        "/graphql/", json.dumps(body), content_type="application/json", HTTP_HOST="localhost"
    )


def stored_file(settings, url):
    """The file in storage an absolute media URL of the answer points at."""
    prefix = f"{settings.WAGTAILADMIN_BASE_URL}{settings.MEDIA_URL}"
    assert url.startswith(prefix), url
    return PillowImage.open(settings.MEDIA_ROOT / url.removeprefix(prefix))


def decoded_placeholder(placeholder):
    header, _, payload = placeholder.partition(",")
    assert header == "data:image/webp;base64", header
    content = base64.b64decode(payload, validate=True)
    return content, PillowImage.open(io.BytesIO(content))


# Sources


@pytest.mark.parametrize(
    ("format", "file_format"),
    [("", "PNG"), (", format: WEBP", "WEBP"), (", format: AVIF", "AVIF")],
)
def test_sources_give_each_rendition_with_the_url_and_size_of_its_file(
    graphql, settings, photo, format, file_format
):
    asked = f"{SOURCES % ('[640, 320]' + format)} srcSet(sizes: [320, 640]{format})"
    image = graphql(image_query(photo, asked))["image"]
    sources = image["sources"]
    assert [(source["width"], source["height"]) for source in sources] == [(320, 192), (640, 384)]
    for source in sources:
        with stored_file(settings, source["url"]) as file:
            assert (file.format, file.size) == (file_format, (source["width"], source["height"]))
    # The same renditions as the srcset, made once.
    assert image["srcSet"] == ", ".join(f"{s['url']} {s['width']}w" for s in sources)
    assert photo.renditions.count() == 2


def test_sources_never_enlarge_a_narrow_image(graphql, settings, make_image):
    logo = make_image("Wąskie")  # 80 × 60
    sources = graphql(image_query(logo, SOURCES % "[160, 320, 2560]"))["image"]["sources"]
    [source] = sources  # one rendition at the original's width, not three copies of it
    assert (source["width"], source["height"]) == (80, 60)
    with stored_file(settings, source["url"]) as file:
        assert file.size == (80, 60)
    assert logo.renditions.count() == 1


def test_every_offered_width_is_accepted_and_listed_in_the_schema(graphql, settings, make_image):
    assert max(settings.API_IMAGE_WIDTHS) <= 2560
    widths = json.dumps(settings.API_IMAGE_WIDTHS)
    assert graphql(image_query(make_image(), SOURCES % widths))["image"]["sources"]
    scalar = graphql('{ __type(name: "ImageWidth") { description } }')["__type"]
    assert ", ".join(map(str, settings.API_IMAGE_WIDTHS)) in scalar["description"]


def test_the_new_types_and_fields_are_described(graphql):
    source = graphql('{ __type(name: "ImageSource") { description fields { name description } } }')
    assert source["__type"]["description"]
    assert {field["name"] for field in source["__type"]["fields"]} == {"url", "width", "height"}
    assert all(field["description"] for field in source["__type"]["fields"])
    image = graphql('{ __type(name: "ImageObjectType") { fields { name description } } }')
    described = {field["name"]: field["description"] for field in image["__type"]["fields"]}
    assert described["sources"] and described["placeholder"]


@pytest.mark.parametrize(
    ("sizes", "variable"),
    [("[321]", None), ("[320, 3840]", None), ("$sizes", [320, 2048]), ("$sizes", [0])],
)
def test_widths_outside_the_offered_list_are_refused_before_the_query_runs(
    client, photo, sizes, variable
):
    declaration = "($sizes: [ImageWidth!]!) " if variable is not None else ""
    fields = f'image(id: "{photo.pk}") {{ {SOURCES % sizes} }}'
    variables = {"sizes": variable} if variable is not None else None
    response = post(client, f"query {declaration}{{ {fields} }}", variables)
    payload = response.json()
    assert response.status_code == 400 and "data" not in payload, payload
    [error] = payload["errors"]
    assert "path" not in error
    assert "Image widths are those the API offers: 160, 320, 480" in error["message"]
    assert "2560" in error["message"]
    assert not Rendition.objects.filter(image=photo).exists()


# Placeholder


# At most 16 px a side, the image's proportions kept (Wagtail rounds down).
@pytest.mark.parametrize(("size", "fits"), [((1000, 600), (16, 9)), ((600, 1000), (9, 16))])
def test_placeholder_is_a_tiny_webp_data_uri(graphql, settings, make_image, size, fits):
    image = make_image(file=get_test_image_file(size=size))
    placeholder = graphql(image_query(image, "placeholder"))["image"]["placeholder"]
    content, preview = decoded_placeholder(placeholder)
    assert preview.format == "WEBP"
    assert preview.size == fits
    assert len(content) <= settings.API_IMAGE_PLACEHOLDER_MAX_BYTES
    assert image.renditions.get().filter_spec == settings.API_IMAGE_PLACEHOLDER


def test_placeholder_over_the_byte_limit_is_null(graphql, settings, photo):
    settings.API_IMAGE_PLACEHOLDER_MAX_BYTES = 10
    assert graphql(image_query(photo, "placeholder")) == {"image": {"placeholder": None}}


def test_placeholder_file_is_read_from_storage_once(graphql, settings, photo):
    first = graphql(image_query(photo, "placeholder"))["image"]["placeholder"]
    rendition = photo.renditions.get()
    rendition.file.storage.delete(rendition.file.name)  # a second read would fail
    assert graphql(image_query(photo, "placeholder"))["image"]["placeholder"] == first


def test_placeholder_whose_file_is_gone_is_null_not_an_error(graphql, photo):
    graphql(image_query(photo, "placeholder"))
    rendition = photo.renditions.get()
    rendition.file.storage.delete(rendition.file.name)
    caches["renditions"].clear()  # as in another process
    assert graphql(image_query(photo, "placeholder")) == {"image": {"placeholder": None}}


# Budget


@pytest.fixture
def queued_tasks(settings):
    """Tasks are kept, not run: as when the worker has not got to them yet."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    results = task_backends["default"].results
    return lambda: [result for result in results if result.task.func is make_renditions.func]


def test_sources_and_placeholder_are_made_within_the_request_budget(
    client, settings, photo, queued_tasks
):
    settings.API_MAX_NEW_RENDITIONS = 1
    query = image_query(photo, f"{SOURCES % '[320, 640]'} placeholder")
    first = post(client, query)
    image = first.json()["data"]["image"]
    assert [source["width"] for source in image["sources"]] == [320]
    assert image["placeholder"] is None  # the budget went to the first source
    assert photo.renditions.count() == 1
    assert "no-store" in first["Cache-Control"]  # incomplete: not kept anywhere

    queued = queued_tasks()
    assert [result.args for result in queued] == [
        [photo.pk, ["width-640"]],
        [photo.pk, [settings.API_IMAGE_PLACEHOLDER]],
    ]
    for result in queued:
        make_renditions.call(*result.args, **result.kwargs)  # the worker's turn
    image = post(client, query).json()["data"]["image"]
    assert [source["width"] for source in image["sources"]] == [320, 640]
    assert image["placeholder"].startswith("data:image/webp;base64,")


def test_a_placeholder_the_request_may_not_make_is_null_and_queued_once(
    client, settings, photo, queued_tasks
):
    settings.API_MAX_NEW_RENDITIONS = 0
    for _ in range(3):
        image = post(client, image_query(photo, "placeholder")).json()["data"]["image"]
        assert image == {"placeholder": None}
    [result] = queued_tasks()
    assert result.args == [photo.pk, [settings.API_IMAGE_PLACEHOLDER]]


# Public images only


def test_an_image_in_a_restricted_collection_gives_no_sources_or_placeholder(graphql, make_image):
    collection = Collection.get_first_root_node().add_child(name="Zastrzeżone")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="tajne"
    )
    hidden = make_image("Zastrzeżone", file=get_test_image_file(size=(1000, 600)))
    hidden.collection = collection
    hidden.save()
    fields = f"{SOURCES % '[320]'} placeholder"
    assert graphql(image_query(hidden, fields)) == {"image": None}
    listed = graphql(f"{{ images(collection: {collection.pk}) {{ {fields} }} }}")
    assert listed == {"images": []}
    assert not hidden.renditions.exists()


# Query counts


def queries_for(graphql, query):
    graphql(query)  # warm: the first run makes the renditions and reads the placeholders
    with CaptureQueriesContext(connection) as captured:
        data = graphql(query)
    return len(captured.captured_queries), data


IMAGES = """{ images(collection: %d, order: "title", limit: %d) {
    title sources(sizes: [160, 320]) { url width height } placeholder
} }"""

LOGOS = """{ organizations(limit: %d) { items {
    slug logo { sources(sizes: [160, 320]) { url width height } placeholder }
} } }"""


def test_a_list_of_images_with_sources_and_placeholders_costs_the_same_for_5_and_50(
    graphql, make_image
):
    collection = Collection.get_first_root_node().add_child(name="Galeria")
    for number in range(50):
        make_image(f"Zdjęcie {number:02d}", collection=collection)
    five, _ = queries_for(graphql, IMAGES % (collection.pk, 5))
    fifty, data = queries_for(graphql, IMAGES % (collection.pk, 50))
    assert len(data["images"]) == 50
    for image in data["images"]:  # everything asked for is there, for every image
        assert [source["width"] for source in image["sources"]] == [80]
        assert image["placeholder"].startswith("data:image/webp;base64,")
    assert five == fifty, (five, fifty)


def test_organization_logos_with_sources_and_placeholders_cost_the_same_for_5_and_50(
    graphql, make_organization, make_image
):
    for number in range(50):
        # "Akcja…" sorts before every loaded organization, so any page of results has logos.
        make_organization(f"Akcja Numer {number:02d}", logo=make_image(f"Logo {number}"))
    five, _ = queries_for(graphql, LOGOS % 5)
    fifty, data = queries_for(graphql, LOGOS % 50)
    logos = [item["logo"] for item in data["organizations"]["items"]]
    assert len(logos) == 50
    assert all(logo["sources"] and logo["placeholder"] for logo in logos)
    assert five == fifty, (five, fifty)


def test_a_crop_keeps_the_focal_point_the_editor_set(graphql, settings, make_image):
    # Left half red, right half blue; the editor marks the blue side as what matters.
    picture = PillowImage.new("RGB", (1200, 400), "red")
    picture.paste((0, 0, 255), (600, 0, 1200, 400))
    out = io.BytesIO()
    picture.save(out, "PNG")
    from django.core.files.images import ImageFile

    wide = make_image("Dwa kolory", file=ImageFile(io.BytesIO(out.getvalue()), name="kolory.png"))
    wide.focal_point_x, wide.focal_point_y = 1000, 200
    wide.focal_point_width, wide.focal_point_height = 100, 100
    wide.save()
    answer = graphql(image_query(wide, 'rendition(fill: "400x400") { url width height }'))
    rendition = answer["image"]["rendition"]
    assert (rendition["width"], rendition["height"]) == (400, 400)
    with stored_file(settings, rendition["url"]) as file:
        red, green, blue = file.convert("RGB").getpixel((100, 200))  # red without the focal point
    assert blue > 200 and red < 50
