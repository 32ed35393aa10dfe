"""A bad upload, through the single or the multiple uploader, gets a clear
Polish error and leaves nothing behind: no row, no file in storage."""

import io
import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db


def picture(size=(400, 300), kind="PNG", mode="RGB"):
    out = io.BytesIO()
    PillowImage.new(mode, size).save(out, kind)
    return out.getvalue()


BAD_IMAGES = {
    "truncated PNG": ("obcięty.png", picture()[:300]),
    "truncated JPEG": ("obcięty.jpg", picture(kind="JPEG")[:400]),
    "text named .png": ("nie-obraz.png", b"to nie jest obraz, tylko tekst\n" * 20),
    "PNG named .jpg": ("pomylony.jpg", picture()),
    # 9000 x 9000 one-bit pixels: a small file, 81 megapixels once decoded
    "decompression bomb": ("bomba.png", picture((9000, 9000), mode="1")),
}


@pytest.fixture
def editor_client(client, pomost):
    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "x"))
    return client


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def upload_image(client, name, content, multiple):
    file = SimpleUploadedFile(name, content, "image/png")
    if multiple:
        return client.post("/admin/images/multiple/add/", {"collection": 1, "files[]": file})
    return client.post("/admin/images/add/", {"title": "Obraz", "collection": 1, "file": file})


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
@pytest.mark.parametrize("kind", list(BAD_IMAGES))
def test_a_bad_image_is_refused_with_a_polish_message_and_nothing_kept(
    editor_client, settings, kind, multiple
):
    name, content = BAD_IMAGES[kind]
    images, files = Image.objects.count(), stored_files(settings)
    response = upload_image(editor_client, name, content, multiple)
    assert response.status_code < 500
    text = response.content.decode("unicode_escape" if multiple else "utf-8", "replace")
    assert any(
        word in text
        for word in (
            "nie da się odczytać",
            "za dużo pikseli",
            "zbyt wiele",
            "Nieprawidłowy",
            "nie jest",
            "rozszerzen",
        )
    ), text[:2000]
    assert Image.objects.count() == images
    assert stored_files(settings) == files


def test_an_image_too_large_is_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1_000
    for multiple in (False, True):
        noise = PillowImage.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3))
        out = io.BytesIO()
        noise.save(out, "PNG")
        response = upload_image(editor_client, "duży.png", out.getvalue(), multiple)
        assert response.status_code < 500 and Image.objects.filter(title="Obraz").count() == 0


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
def test_a_good_image_is_still_accepted(editor_client, multiple):
    response = upload_image(editor_client, "dobry.png", picture(), multiple)
    assert response.status_code in (200, 302)
    assert Image.objects.filter(file__contains="dobry").exists()


def upload_document(client, name, content, multiple):
    file = SimpleUploadedFile(name, content, "application/octet-stream")
    if multiple:
        return client.post("/admin/documents/multiple/add/", {"collection": 1, "files[]": file})
    return client.post(
        "/admin/documents/add/", {"title": "Dokument", "collection": 1, "file": file}
    )


@pytest.mark.parametrize("multiple", [False, True], ids=["single", "multiple"])
def test_documents_have_a_size_limit_and_a_list_of_types(editor_client, settings, multiple):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1_000
    documents, files = Document.objects.count(), stored_files(settings)
    too_large = upload_document(editor_client, "raport.pdf", b"%PDF-1.4\n" + b"0" * 5_000, multiple)
    assert too_large.status_code < 500
    assert "za duży" in too_large.content.decode(
        "unicode_escape" if multiple else "utf-8", "replace"
    )
    wrong_type = upload_document(editor_client, "program.exe", b"MZ" + b"0" * 100, multiple)
    assert wrong_type.status_code < 500
    assert Document.objects.count() == documents and stored_files(settings) == files
    fine = upload_document(editor_client, "raport.pdf", b"%PDF-1.4\n", multiple)
    assert fine.status_code in (200, 302) and Document.objects.count() == documents + 1
