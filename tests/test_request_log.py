"""Logs are JSON lines, one per event, and every line of a request carries its
request id: the proxy's X-Request-ID when it is a UUID, a new one otherwise,
returned to the client. Each request leaves a line with its duration and SQL
count, the user for admin actions and the operation for the API."""

import io
import json
import logging
import re
import uuid
from logging.config import DictConfigurator

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines(settings):
    """What the production handler writes (the settings' JSON formatter and
    the console handler's filters), as parsed lines."""
    configurator = DictConfigurator({})
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        configurator.configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    )
    for name in settings.LOGGING["handlers"]["console"]["filters"]:
        handler.addFilter(configurator.configure_filter(dict(settings.LOGGING["filters"][name])))
    root = logging.getLogger()
    loggers = [root, logging.getLogger("django")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "pomost.request"]


def test_an_api_request_logs_one_json_line_with_its_id_operation_and_sql_count(
    client, pomost, log_lines
):
    request_id = str(uuid.uuid4())
    response = client.get(
        "/graphql/",
        {"query": "query Menu { news(limit: 3) { total items { title } } }"},
        HTTP_X_REQUEST_ID=request_id,
    )
    assert response.status_code == 200
    assert response["X-Request-ID"] == request_id
    (line,) = request_lines(log_lines())
    assert line["request_id"] == request_id
    assert line["graphql_operation"] == "Menu"
    assert line["method"] == "GET" and line["path"] == "/graphql/" and line["status"] == 200
    assert line["level"] == "INFO" and line["timestamp"].endswith("+00:00")
    assert line["sql_queries"] >= 1 and line["duration_ms"] > 0
    assert line["user_id"] is None


@pytest.mark.parametrize("given", ["<script>", "x" * 500, "1; DROP TABLE", ""])
def test_a_request_id_that_is_not_a_uuid_is_replaced(client, pomost, log_lines, given):
    response = client.get("/graphql/", {"query": "{ __typename }"}, HTTP_X_REQUEST_ID=given)
    made = response["X-Request-ID"]
    assert made != given and re.fullmatch(r"[0-9a-f]{32}", made)
    assert request_lines(log_lines())[0]["request_id"] == made


def test_every_line_of_a_request_carries_its_id_and_admin_actions_their_user(
    client, pomost, log_lines
):
    editor = get_user_model().objects.create_superuser("redakcja", "r@example.org", "x")
    client.force_login(editor)
    request_id = uuid.uuid4().hex
    response = client.get("/admin/pages/999999/edit/", HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 404
    lines = log_lines()
    (not_found,) = [line for line in lines if line["logger"] == "django.request"]
    assert not_found["request_id"] == request_id  # Django's own warning, same request
    (line,) = request_lines(lines)
    assert line["request_id"] == request_id and line["user_id"] == editor.pk


def test_a_password_link_never_reaches_the_logs(client, pomost, log_lines):
    """Whoever reads the logs must not be able to set someone's password."""
    token_path = "/admin/password_reset/confirm/Mg/cz5k1a-0123456789abcdef0123456789abcdef/"
    client.get(token_path)
    logged = json.dumps(log_lines())
    assert "0123456789abcdef" not in logged and "/Mg/" not in logged
    (line,) = request_lines(log_lines())
    assert line["path"] == "/admin/password_reset/confirm/<uidb64>/<token>/"


@pytest.mark.parametrize("cut", ["", "%20", "x/y/"], ids=["no-slash", "space", "longer"])
def test_a_password_link_cut_or_padded_never_reaches_the_logs_either(
    client, pomost, log_lines, cut
):
    """Mail clients drop the last slash; the token in such a link still works."""
    client.get(f"/admin/password_reset/confirm/Mg/cz5k1a-0123456789abcdef0123456789abcdef{cut}")
    logged = json.dumps(log_lines())
    assert "0123456789abcdef" not in logged and "/Mg" not in logged
    (line,) = request_lines(log_lines())
    assert line["path"].startswith("/admin/password_reset/confirm/…")


@pytest.mark.parametrize(
    "path",
    [
        "//admin//password_reset/confirm/Mg/cz5k1a-0123456789abcdef0123456789abcdef/",
        "/ADMIN/PASSWORD_RESET/CONFIRM/Mg/cz5k1a-0123456789abcdef0123456789abcdef/",
    ],
    ids=["doubled-slashes", "upper-case"],
)
def test_no_logger_writes_a_password_links_token(client, pomost, log_lines, path):
    """Django's own lines ("Not Found: …", a CSRF failure) carry the path too."""
    client.get(path)
    client.post(path)  # no CSRF cookie: django.security.csrf says why, with the path
    logged = json.dumps(log_lines())
    assert "0123456789abcdef" not in logged and "/Mg/" not in logged
