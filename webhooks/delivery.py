"""The "public content changed" event as Standard Webhooks: a small JSON POST,
signed (HMAC-SHA256, the `standardwebhooks` package), sent by the task worker
after commit with a timeout, retried with backoff and jitter, the endpoint
disabled after the last retry or on HTTP 410 (and the people who manage
webhooks told by e-mail). Publishing never waits for a receiver: the event only
queues messages.

Each retry is signed anew with the time of sending (receivers refuse old
timestamps, which stops replays) under the same `webhook-id` (receivers drop
duplicates by it)."""

import datetime
import ipaddress
import json
import logging
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from standardwebhooks import Webhook
from wagtail.models import Site

from core.tasks import can_schedule

from .models import TEST_EVENT, WebhookAttempt, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

# Seconds after the first attempt fails (the Standard Webhooks schedule, shortened).
RETRY_DELAYS = (5, 60, 300, 1800, 7200, 21600)
JITTER = 0.2  # each delay ±20 %, so retries of many messages do not arrive together

GONE = 410


def _site_path(url_path):
    """Wagtail's stored path (`/home/historia/`) as the site's (`/historia/`)."""
    if not url_path:
        return url_path
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.url_path if site else "/"
    return "/" + url_path.removeprefix(root).lstrip("/") if url_path.startswith(root) else None


def payload_for(change):
    return {
        "type": f"content.{change.kind}",
        "timestamp": timezone.now().isoformat(),
        "data": {
            "model": change.model,
            "id": change.id,
            "kind": str(change.kind),
            "path": _site_path(change.url_path),
            "old_path": _site_path(change.old_url_path),
            "descendants": change.descendants,
        },
    }


def queue(endpoint, event, payload):
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload=payload)
    transaction.on_commit(lambda: deliver.enqueue(delivery_id=delivery.pk, attempt=1))
    return delivery


def on_public_content_changed(sender, change, **kwargs):
    """One message to every active endpoint that asked for this kind."""
    payload = None
    for endpoint in WebhookEndpoint.objects.filter(active=True):
        if endpoint.wants(str(change.kind)):
            payload = payload or payload_for(change)
            queue(endpoint, payload["type"], payload)


def send_test_event(endpoint):
    payload = {
        "type": TEST_EVENT,
        "timestamp": timezone.now().isoformat(),
        "data": {"endpoint": endpoint.name},
    }
    return queue(endpoint, TEST_EVENT, payload)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A receiver answers where it is: a redirect is a failed attempt, never a
    request to another address (which could be inside our network)."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def private_address(url):
    """The first address of the URL's host inside a private, loopback, link-local
    or otherwise non-public network, or None: webhooks go to the internet only
    (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS, for development and tests)."""
    if settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS:
        return None
    parts = urllib.parse.urlsplit(url)
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return None  # unresolvable: the attempt fails on its own
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            return str(address)
    return None


def sign_and_post(endpoint, delivery):
    """(HTTP status or None, error text): one attempt, signed at sending."""
    if urllib.parse.urlsplit(endpoint.url).scheme not in ("http", "https"):
        return None, "adres musi zaczynać się od https://"
    blocked = private_address(endpoint.url)
    if blocked:
        return None, f"adres w sieci prywatnej ({blocked}): webhooki idą tylko do internetu"
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False)
    sent_at = timezone.now()
    signature = Webhook(endpoint.secret).sign(delivery.message_id, sent_at, body)
    request = urllib.request.Request(
        endpoint.url,
        data=body.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "POMOST-CMS-Webhooks/1",
            "webhook-id": delivery.message_id,
            "webhook-timestamp": str(int(sent_at.timestamp())),
            "webhook-signature": signature,
        },
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (OSError, ValueError) as error:  # refused, timed out, bad address
        return None, str(error)[:300] or type(error).__name__


def next_delay(attempt):
    """Seconds before attempt `attempt + 1`, or None when none is left."""
    if attempt > len(RETRY_DELAYS):
        return None
    delay = RETRY_DELAYS[attempt - 1]
    return delay * random.uniform(1 - JITTER, 1 + JITTER)


@task()
def deliver(delivery_id, attempt):
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return
    endpoint = delivery.endpoint
    if not endpoint.active:
        delivery.status = WebhookDelivery.Status.FAILED
        delivery.save(update_fields=["status"])
        return
    started = time.monotonic()
    status, error = sign_and_post(endpoint, delivery)
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=attempt,
        sent_at=timezone.now(),
        response_status=status,
        error=error,
        duration_ms=round((time.monotonic() - started) * 1000),
    )
    if status is not None and 200 <= status < 300:
        delivery.status = WebhookDelivery.Status.DELIVERED
        delivery.save(update_fields=["status"])
        return
    delay = None if status == GONE else next_delay(attempt)
    if delay is not None and can_schedule():
        run_after = timezone.now() + datetime.timedelta(seconds=delay)
        deliver.using(run_after=run_after).enqueue(delivery_id=delivery.pk, attempt=attempt + 1)
        return
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["status"])
    reason = (
        "odbiorca odpowiedział 410 (Gone)"
        if status == GONE
        else f"{attempt} nieudanych prób, ostatnia: {error or status}"
    )
    disable(endpoint, reason)


def disable(endpoint, reason):
    updated = WebhookEndpoint.objects.filter(pk=endpoint.pk, active=True).update(
        active=False, disabled_reason=reason[:300]
    )
    if not updated:
        return  # already disabled (and told) by another message
    logger.warning("webhook %s disabled: %s", endpoint.url, reason)
    permission = Permission.objects.get(
        content_type__app_label="webhooks", codename="change_webhookendpoint"
    )
    people = (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission),
            is_active=True,
        )
        .exclude(email="")
    )
    recipients = sorted({person.email for person in people})
    if recipients:
        send_mail(
            f"Webhook „{endpoint.name}” został wyłączony",
            f"CMS przestał wysyłać zdarzenia na adres {endpoint.url}: {reason}.\n\n"
            "Gdy odbiorca znów działa, włącz webhook w panelu: Ustawienia → Webhooki.\n"
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/",
            None,
            recipients,
        )
