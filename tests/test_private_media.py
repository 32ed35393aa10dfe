"""The files of images in restricted collections are never where a web server
hands files out: not when uploaded, not after the image moves into such a
collection, not after a collection is made private. Only the app serves them,
to whom the collection's restriction admits (core.media, docs/deploy.md)."""

import io
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from moto.server import ThreadedMotoServer
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from core.media import PUBLIC_DIRS
from organizations.accounts import organization_collection
from organizations.models import Organization
from tests.organization_roles import organization_editor, partnership_editor
from tests.servers import manage, served, site_environment

pytestmark = pytest.mark.django_db


@pytest.fixture
def arche(pomost):
    return Organization.objects.get(name="Fundacja ARCHE")


@pytest.fixture
def arche_editor(arche):
    return organization_editor(arche, "ewa@arche.example")


def png(name="logo-arche.png"):
    return SimpleUploadedFile(
        name, get_test_image_file(size=(400, 300)).file.getvalue(), "image/png"
    )


def served_by_the_web_server(settings):
    """Every file under the folders docs/deploy.md lets nginx serve from MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)
    return {
        str(path.relative_to(root))
        for folder in PUBLIC_DIRS
        for path in (root / folder).rglob("*")
        if path.is_file()
    }


def files_of(image):
    return [image.file.name, *image.renditions.values_list("file", flat=True)]


def edit_form(image, **changes):
    return {
        "title": image.title,
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **changes,
    }


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
def test_an_organizations_upload_is_stored_where_no_web_server_serves_it(
    client, settings, arche, arche_editor, committed, multiple
):
    collection = organization_collection(arche)
    client.force_login(arche_editor)
    with committed():
        if multiple:
            response = client.post(
                "/admin/images/multiple/add/",
                {"collection": collection.pk, "files[]": png()},
            )
        else:
            response = client.post(
                "/admin/images/add/",
                {"title": "Logo ARCHE", "collection": collection.pk, "file": png()},
            )
    assert response.status_code in (200, 302), response.content.decode()[-800:]
    image = Image.objects.get(collection=collection)
    image.get_rendition("max-165x165")  # the admin's thumbnail
    assert all(name.startswith("private/") for name in files_of(image)), files_of(image)
    assert served_by_the_web_server(settings) == set()
    # Nothing at the name the upload had, nor at the thumbnail's usual name.
    assert not (Path(settings.MEDIA_ROOT) / "original_images/logo-arche.png").exists()


def test_a_private_images_files_reach_only_whom_its_collection_admits(
    client, arche, arche_editor, pomost
):
    image = Image.objects.create(
        title="Logo ARCHE",
        file=get_test_image_file(filename="logo-arche.png", size=(400, 300)),
        collection=organization_collection(arche),
    )
    original = image.file.url
    thumbnail = image.get_rendition("max-165x165").url
    assert original.startswith("/media/private/") and thumbnail.startswith("/media/private/")

    for url in (original, thumbnail, "/media/private/", "/media/private/../original_images/x"):
        assert client.get(url).status_code == 404, url  # anonymous
    other = organization_editor(
        Organization.objects.exclude(pk=arche.pk).order_by("pk").first(), "jan@inna.example"
    )
    client.force_login(other)
    assert client.get(original).status_code == 404
    assert client.get(thumbnail).status_code == 404

    for admitted in (arche_editor, partnership_editor()):
        client.force_login(admitted)
        for url in (original, thumbnail):
            response = client.get(url)
            assert response.status_code == 200, url
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")
            assert "private" in response["Cache-Control"]


def test_an_image_moved_into_a_restricted_collection_leaves_no_public_url_working(
    client, settings, arche, make_image, graphql, committed
):
    image = make_image(title="Rynek", file=get_test_image_file(filename="rynek.png"))
    query = f"{{ image(id: {image.pk}) {{ url rendition(width: 160) {{ url }} }} }}"
    shown = graphql(query)["image"]
    was_public = {image.file.name, *image.renditions.values_list("file", flat=True)}
    assert was_public <= served_by_the_web_server(settings)
    assert shown["rendition"]["url"].removeprefix("http://testserver/media/") in was_public

    client.force_login(partnership_editor())
    with committed():
        response = client.post(
            f"/admin/images/{image.pk}/",
            edit_form(image, collection=organization_collection(arche).pk),
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert served_by_the_web_server(settings) == set()  # every old URL is dead
    assert image.file.name.startswith("private/") and not image.renditions.exists()
    assert graphql(query)["image"] is None
    client.logout()
    assert client.get(image.file.url).status_code == 404

    # Back in a public collection: public again, at a public URL.
    client.force_login(partnership_editor("redakcja2"))
    with committed():
        client.post(f"/admin/images/{image.pk}/", edit_form(image, collection=1))
    image.refresh_from_db()
    assert image.file.name == "original_images/rynek.png"
    url = graphql(query)["image"]["rendition"]["url"]
    assert url.removeprefix("http://testserver/media/") in served_by_the_web_server(settings)


def test_a_collection_made_private_takes_its_images_files_along(settings, make_image, committed):
    # With the task worker down: nothing public may wait for it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reports = Collection.get_first_root_node().add_child(name="Sprawozdania")
    image = make_image(title="Wykres", collection=reports)
    image.get_rendition("width-40")
    assert len(served_by_the_web_server(settings)) == 2

    with committed():
        restriction = CollectionViewRestriction.objects.create(
            collection=reports, restriction_type=CollectionViewRestriction.LOGIN
        )
    image.refresh_from_db()
    assert served_by_the_web_server(settings) == set()
    assert image.file.name.startswith("private/")

    with committed():
        restriction.delete()
    image.refresh_from_db()
    assert not image.file.name.startswith("private/")
    assert served_by_the_web_server(settings) == {image.file.name}


def test_images_moved_in_bulk_into_a_restricted_collection_leave_no_public_url_working(
    client, settings, arche, make_image, committed
):
    images = [
        make_image(title=f"Zdjęcie {n}", file=get_test_image_file(filename=f"z{n}.png"))
        for n in (1, 2)
    ]
    for image in images:
        image.get_rendition("width-40")
    assert len(served_by_the_web_server(settings)) == 4

    client.force_login(partnership_editor())
    ids = "&".join(f"id={image.pk}" for image in images)
    with committed():
        response = client.post(
            f"/admin/bulk/wagtailimages/image/add_to_collection/?{ids}",
            {"collection": organization_collection(arche).pk},
        )
    assert response.status_code == 302
    assert served_by_the_web_server(settings) == set()
    assert all(name.startswith("private/") for name in Image.objects.values_list("file", flat=True))


def test_a_collection_moved_under_a_restricted_one_takes_its_images_files_along(
    client, settings, arche, make_image, committed
):
    gallery = Collection.get_first_root_node().add_child(name="Galeria")
    make_image(title="Galeria 1", collection=gallery).get_rendition("width-40")
    assert len(served_by_the_web_server(settings)) == 2

    client.force_login(get_user_model().objects.create_superuser("admin", "a@pomost.example", "x"))
    with committed():
        response = client.post(
            f"/admin/collections/{gallery.pk}/",
            {"name": "Galeria", "parent": organization_collection(arche).pk},
        )
    assert response.status_code == 302, response.content.decode()[-600:]
    assert served_by_the_web_server(settings) == set()


def test_the_workers_minute_check_settles_what_a_change_in_sql_left_behind(
    settings, arche, make_image
):
    from core.media import settle_misplaced

    image = make_image(title="W SQL", file=get_test_image_file(filename="sql.png"))
    Image.objects.filter(pk=image.pk).update(collection=organization_collection(arche))
    assert served_by_the_web_server(settings) == {"original_images/sql.png"}
    assert settle_misplaced() == 1
    assert served_by_the_web_server(settings) == set()
    Image.objects.filter(pk=image.pk).update(collection=1)
    assert settle_misplaced() == 1
    assert served_by_the_web_server(settings) == {"original_images/sql.png"}


def test_settle_media_moves_files_a_change_outside_the_admin_left_behind(
    settings, arche, make_image
):
    image = make_image(title="Stare logo", file=get_test_image_file(filename="stare.png"))
    # As an old deployment or a raw SQL change leaves it: no signal ran.
    Image.objects.filter(pk=image.pk).update(collection=organization_collection(arche))
    assert served_by_the_web_server(settings) == {"original_images/stare.png"}

    out = io.StringIO()
    call_command("settle_media", stdout=out)
    assert "Image files moved: 1." in out.getvalue()
    assert served_by_the_web_server(settings) == set()
    call_command("settle_media", stdout=out)
    assert "Image files moved: 0." in out.getvalue()


def test_an_upload_named_like_a_private_file_stays_public_in_a_public_collection(
    settings, make_image
):
    image = make_image(file=get_test_image_file(filename="private-wycieczka.png"))
    assert image.file.name == "original_images/wycieczka.png"
    assert image.get_rendition("width-40").url.startswith("/media/images/")


# The app as production runs it, asked from outside, on both storages.

PRIVATE_LOGO = """
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from organizations.accounts import organization_collection
from organizations.models import Organization

arche = Organization.objects.get(name="Fundacja ARCHE")
image = Image.objects.create(
    title="Logo", file=get_test_image_file(filename="logo-arche.png"),
    collection=organization_collection(arche),
)
print(image.file.url, image.get_rendition("max-165x165").url)
"""


S3_KEYS = {"aws_access_key_id": "pomost", "aws_secret_access_key": "pomost-secret"}


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture(scope="module")
def production_site(tmp_path_factory):
    """One site in production settings, for both storages."""
    if connection.vendor != "postgresql":
        pytest.skip("a served app on PostgreSQL")
    media = tmp_path_factory.mktemp("production") / "media"
    with site_environment(
        "pomost_private_media", "redis://127.0.0.1:6379/6", MEDIA_ROOT=str(media)
    ) as env:
        yield env


@pytest.fixture
def bucket():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    reset = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")
    urllib.request.urlopen(reset, timeout=5).close()
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **S3_KEYS)
    s3.create_bucket(
        Bucket="pomost-private", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    yield (
        s3,
        {
            "S3_BUCKET": "pomost-private",
            "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": "eu-central-1",
            "S3_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
            "S3_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
        },
    )
    server.stop()


def uploaded_and_asked_anonymously(env):
    """An organization's logo uploaded, then its URLs and the guessable ones
    asked by an anonymous visitor of the served app: their statuses."""
    printed = manage(env, "shell", "-c", PRIVATE_LOGO)
    original, thumbnail = printed.splitlines()[-1].split()
    assert original.startswith("/media/private/") and thumbnail.startswith("/media/private/")
    guessed = ["/media/original_images/logo-arche.png", "/media/images/logo-arche.max-165x165.png"]
    with served(env) as (port,):
        return {
            path: _status(f"http://127.0.0.1:{port}{path}")
            for path in (original, thumbnail, *guessed)
        }


def test_production_on_local_disk_serves_a_private_image_to_no_anonymous_visitor(production_site):
    statuses = uploaded_and_asked_anonymously(production_site)
    assert set(statuses.values()) == {404}, statuses
    media = Path(production_site["MEDIA_ROOT"])
    stored = [str(path.relative_to(media)) for path in media.rglob("*") if path.is_file()]
    assert stored and all(name.startswith("private/") for name in stored), stored


def test_production_on_s3_serves_a_private_image_to_no_anonymous_visitor(production_site, bucket):
    s3, settings = bucket
    statuses = uploaded_and_asked_anonymously({**production_site, **settings})
    assert set(statuses.values()) == {404}, statuses
    stored = [item["Key"] for item in s3.list_objects_v2(Bucket="pomost-private")["Contents"]]
    assert len(stored) == 2 and all(key.startswith("private/") for key in stored), stored
    for key in stored:  # and the bucket answers nobody without a signature
        assert _status(f"{settings['S3_ENDPOINT_URL']}/pomost-private/{key}") == 403


def test_a_restricted_document_is_marked_private_for_every_cache_between(
    client, arche, arche_editor
):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    plan = Document.objects.create(
        title="Plan",
        file=ContentFile(b"%PDF-1.4 plan", name="plan.pdf"),
        collection=organization_collection(arche),
    )
    public = Document.objects.create(
        title="Statut", file=ContentFile(b"%PDF-1.4 statut", name="statut.pdf")
    )
    assert client.get(plan.url).status_code == 302  # to the login: Wagtail's own check
    client.force_login(arche_editor)
    response = client.get(plan.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]
    assert response.get("Content-Encoding") != "None"
    assert "private" not in client.get(public.url).get("Cache-Control", "")
    assert client.get("/documents/99999999999999999999999/x.pdf").status_code == 404
