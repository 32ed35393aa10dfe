"""With API_TRUSTED_DOCUMENTS_ONLY the API runs only the operations a manifest
from the portal's build registered; anything else is refused before parsing."""

import hashlib
import io
import json

import pytest
from django.core.management import CommandError, call_command

from api.models import TrustedDocument

pytestmark = pytest.mark.django_db

MENU = "query Menu { news(limit: 2) { total } }"
MENU_ID = hashlib.sha256(MENU.encode()).hexdigest()


@pytest.fixture
def manifest(tmp_path):
    def write(documents):
        path = tmp_path / "persisted-documents.json"
        path.write_text(json.dumps(documents))
        return str(path)

    return write


@pytest.fixture
def trusted(settings, pomost, manifest):
    call_command(
        "register_trusted_documents",
        manifest({MENU_ID: MENU}),
        name="portal-1",
        stdout=io.StringIO(),
    )
    settings.API_TRUSTED_DOCUMENTS_ONLY = True


def errors(response):
    return [error["extensions"].get("code") for error in response.json()["errors"]]


def test_a_registered_document_runs_by_its_id_over_get_and_post(client, trusted):
    by_get = client.get("/graphql/", {"documentId": f"sha256:{MENU_ID}"})
    assert by_get.status_code == 200 and by_get.json()["data"]["news"]["total"] >= 0
    by_post = client.post("/graphql/", {"documentId": MENU_ID}, content_type="application/json")
    assert by_post.json() == by_get.json()
    apq = {"persistedQuery": {"version": 1, "sha256Hash": MENU_ID}}
    by_apq = client.get("/graphql/", {"extensions": json.dumps(apq)})
    assert by_apq.json() == by_get.json()


@pytest.mark.parametrize(
    "params",
    [
        {"query": "{ news(limit: 1) { total } }"},  # valid, but not in the manifest
        {"query": "{ this is not graphql"},  # refused before it is parsed
        {"documentId": "sha256:" + "0" * 64},
        {"extensions": json.dumps({"persistedQuery": {"version": 1, "sha256Hash": "1" * 64}})},
        {},
    ],
)
def test_anything_else_is_refused_with_a_clear_error(client, trusted, params):
    response = client.get("/graphql/", params)
    assert response.status_code == 400
    assert set(errors(response)) <= {"TRUSTED_DOCUMENT_REQUIRED", "TRUSTED_DOCUMENT_NOT_FOUND"}
    assert "trusted documents" in response.json()["errors"][0]["message"]


def test_automatic_persisted_queries_register_nothing_in_trusted_mode(client, trusted):
    query = "{ news(limit: 3) { total } }"
    sha = hashlib.sha256(query.encode()).hexdigest()
    apq = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": sha}})
    assert client.get("/graphql/", {"query": query, "extensions": apq}).status_code == 400
    assert client.get("/graphql/", {"extensions": apq}).status_code == 400
    assert not TrustedDocument.objects.filter(sha256=sha).exists()


def test_the_query_text_of_a_registered_document_runs_too(client, trusted):
    response = client.post("/graphql/", {"query": MENU}, content_type="application/json")
    assert response.status_code == 200 and "errors" not in response.json()


def test_a_bad_manifest_registers_nothing_and_says_why(manifest, pomost):
    good = "{ news(limit: 1) { total } }"
    documents = {
        hashlib.sha256(good.encode()).hexdigest(): good,
        "a" * 64: MENU,  # the hash of something else
        hashlib.sha256(b"{ nope }").hexdigest(): "{ nope }",  # not in the schema
    }
    with pytest.raises(CommandError) as refused:
        call_command("register_trusted_documents", manifest(documents), name="zly")
    assert "a" * 64 in str(refused.value) and "nope" in str(refused.value)
    assert not TrustedDocument.objects.exists()


def test_registering_again_is_harmless_and_prune_drops_the_unlisted(manifest, pomost):
    out = io.StringIO()
    call_command("register_trusted_documents", manifest({MENU_ID: MENU}), name="p1", stdout=out)
    call_command("register_trusted_documents", manifest({MENU_ID: MENU}), name="p2", stdout=out)
    assert "0 new, 1 already registered" in out.getvalue()
    other = "{ news(limit: 5) { total } }"
    sha = hashlib.sha256(other.encode()).hexdigest()
    call_command(
        "register_trusted_documents", manifest({sha: other}), name="p3", prune=True, stdout=out
    )
    assert list(TrustedDocument.objects.values_list("sha256", flat=True)) == [sha]


def test_with_the_setting_off_any_query_runs_as_before(client, pomost):
    response = client.get("/graphql/", {"query": "{ news(limit: 1) { total } }"})
    assert response.status_code == 200 and "errors" not in response.json()


def test_a_pruned_document_stops_running(client, trusted, manifest):
    other = "{ news(limit: 4) { total } }"
    sha = hashlib.sha256(other.encode()).hexdigest()
    assert (
        client.post(
            "/graphql/", {"documentId": MENU_ID}, content_type="application/json"
        ).status_code
        == 200
    )
    listed = manifest({sha: other})
    call_command("register_trusted_documents", listed, name="p2", prune=True, stdout=io.StringIO())
    refused = client.post("/graphql/", {"documentId": MENU_ID}, content_type="application/json")
    assert refused.status_code == 400 and errors(refused) == ["TRUSTED_DOCUMENT_NOT_FOUND"]
