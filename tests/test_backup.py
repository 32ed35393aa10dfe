"""The documented backup (deploy/backup.sh) restores (deploy/restore.sh) into a
fresh database and media directory with every page, revision, organization,
image and rendition identical, and their files too."""

import hashlib
import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from .servers import ROOT, _server_database, manage, site_environment

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore are PostgreSQL's"
)

SOURCE = "pomost_backup"
RESTORED = "pomost_backup_restored"
TABLES = [
    "wagtailcore_page",
    "wagtailcore_revision",
    "organizations_organization",
    "wagtailimages_image",
    "wagtailimages_rendition",
    "wagtaildocs_document",
]

# What an editor leaves behind: an uploaded image with a rendition, a document,
# and a page edited twice (two revisions more).
CONTENT = """
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from pages.models import HistoryPage
image = Image.objects.create(title="Rynek", file=get_test_image_file("rynek.png"))
image.get_rendition("width-100")
pdf = ContentFile(b"%PDF-1.4 deklaracja", "deklaracja.pdf")
Document.objects.create(title="Deklaracja", file=pdf)
page = HistoryPage.objects.get()
for intro in ("Pierwsza poprawka.", "Druga poprawka."):
    page.intro = intro
    page.save_revision().publish()
"""


def rows(database, table):
    server = _server_database()
    with psycopg.connect(dbname=database, **server) as db:
        return db.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()  # noqa: S608


def files(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


def test_a_backup_restores_into_a_fresh_database_identical(tmp_path):
    server = _server_database()
    url = f"postgres://{server['user']}@{server['host']}:{server['port']}"
    with site_environment(SOURCE, "redis://127.0.0.1:6379/5") as env:
        manage(env, "shell", "-v0", "-c", CONTENT)
        backups = tmp_path / "backups"
        backups.mkdir()
        made = subprocess.run(
            [str(ROOT / "deploy" / "backup.sh"), str(backups)],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {RESTORED} WITH (FORCE)")
            admin.execute(f"CREATE DATABASE {RESTORED}")
        restored_media = tmp_path / "restored-media"
        try:
            subprocess.run(
                [str(ROOT / "deploy" / "restore.sh"), made],
                env={
                    **os.environ,
                    "DATABASE_URL": f"{url}/{RESTORED}",
                    "MEDIA_ROOT": str(restored_media),
                },
                check=True,
                capture_output=True,
                text=True,
            )
            for table in TABLES:
                original = rows(SOURCE, table)
                assert original, f"nothing in {table} to compare"
                assert rows(RESTORED, table) == original, table
            assert len(rows(SOURCE, "wagtailimages_rendition")) == 1
            original_files = files(env["MEDIA_ROOT"])
            assert any(name.startswith("images/") for name in original_files)  # the rendition
            assert files(restored_media) == original_files
        finally:
            with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {RESTORED} WITH (FORCE)")
