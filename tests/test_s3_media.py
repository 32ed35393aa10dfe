"""Media in an S3-compatible bucket (django-storages), against moto's S3 server
on loopback: an upload through the admin and its renditions land in the bucket,
private, and every URL the API gives is signed and expires."""

import urllib.error
import urllib.parse
import urllib.request

import boto3
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from moto.server import ThreadedMotoServer
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

pytestmark = pytest.mark.django_db

BUCKET = "pomost-media"
KEYS = {"aws_access_key_id": "pomost", "aws_secret_access_key": "pomost-secret"}


@pytest.fixture
def s3(settings):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    reset = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")
    urllib.request.urlopen(reset, timeout=5).close()  # moto's state is per process
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-central-1", **KEYS)
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    # As production configures it when S3_BUCKET is set (cms/settings/production.py).
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.media.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-central-1",
                "access_key": KEYS["aws_access_key_id"],
                "secret_key": KEYS["aws_secret_access_key"],
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 3600,
                "file_overwrite": False,
            },
        },
    }
    yield client
    server.stop()


def keys(client):
    return sorted(item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_an_admin_upload_and_its_renditions_live_in_the_private_bucket(client, s3, pomost, graphql):
    editor = get_user_model().objects.create_superuser("r", "r@example.org", "x")
    client.force_login(editor)
    png = get_test_image_file("rynek.png", size=(800, 600)).file.getvalue()
    upload = SimpleUploadedFile("rynek.png", png, "image/png")
    response = client.post(
        "/admin/images/add/", {"title": "Rynek", "file": upload, "collection": 1}
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    image = Image.objects.get(title="Rynek")
    assert keys(s3) == [image.file.name]

    query = "query($id: ID!) { image(id: $id) { url rendition(width: 320) { url width } } }"
    data = graphql(query, {"id": image.pk})["image"]
    stored = keys(s3)
    assert any(key.startswith("images/") for key in stored), stored  # the rendition
    for url in (data["url"], data["rendition"]["url"]):
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        assert "X-Amz-Signature" in query and query["X-Amz-Expires"] == ["3600"], url
        with urllib.request.urlopen(url, timeout=5) as answer:  # the signed URL works
            assert answer.status == 200 and answer.read()[:8] == b"\x89PNG\r\n\x1a\n"

    for key in stored:  # private: only the owner may read
        grants = s3.get_object_acl(Bucket=BUCKET, Key=key)["Grants"]
        assert [grant["Permission"] for grant in grants] == ["FULL_CONTROL"], key


def fetch(url):
    """(status, first bytes) of a GET from outside the app."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read()[:8]
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_a_restricted_collections_images_are_handed_out_only_by_the_app(
    client, s3, pomost, graphql, committed
):
    from wagtail.models import CollectionViewRestriction

    from organizations.accounts import organization_collection
    from organizations.models import Organization
    from tests.organization_roles import partnership_editor

    arche = Organization.objects.get(name="Fundacja ARCHE")
    public = Image.objects.create(title="Rynek", file=get_test_image_file(filename="rynek.png"))
    query = f"{{ image(id: {public.pk}) {{ url rendition(width: 160) {{ url }} }} }}"
    shown = graphql(query)["image"]
    handed_out = [shown["url"], shown["rendition"]["url"]]
    assert [fetch(url)[0] for url in handed_out] == [200, 200]

    # Moved into an organization's (restricted) collection, by the admin.
    client.force_login(partnership_editor())
    form = {
        "title": "Rynek",
        "collection": organization_collection(arche).pk,
        "tags": "",
        **dict.fromkeys(["focal_point_x", "focal_point_y", "focal_point_width"], ""),
        "focal_point_height": "",
    }
    with committed():
        assert client.post(f"/admin/images/{public.pk}/", form).status_code == 302
    public.refresh_from_db()
    assert CollectionViewRestriction.objects.filter(collection=public.collection).exists()
    assert all(key.startswith("private/") for key in keys(s3)), keys(s3)
    # The signed URLs handed out while it was public no longer open anything.
    assert [fetch(url)[0] for url in handed_out] == [404, 404]

    # The bucket gives nothing without a signature; the app's URL is its own.
    endpoint = s3.meta.endpoint_url
    assert fetch(f"{endpoint}/{BUCKET}/{public.file.name}")[0] == 403
    url = public.file.url
    assert url.startswith("/media/private/")
    assert client.get(url).status_code == 302  # the editor: on to a fresh signed URL
    assert fetch(client.get(url)["Location"]) == (200, b"\x89PNG\r\n\x1a\n")
    client.logout()
    assert client.get(url).status_code == 404
    assert graphql(query)["image"] is None
