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
import json
import logging
import random
import time
import urllib.parse

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from standardwebhooks import Webhook
from wagtail.models import Page, Site

from core.events import Kind, hidden_by_its_place
from core.tasks import can_schedule
from core.visibility import Audience

from . import transport
from .models import TEST_EVENT, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .transport import Refused, Unresolvable, checked_address

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


# Kinds that say something is (still) there: told only of what the public may see.
_SHOWING = {Kind.PUBLISHED, Kind.CHANGED, Kind.MOVED}


def _shown_to_the_public(change):
    try:
        model = apps.get_model(change.model)
    except (LookupError, ValueError):
        return False
    manager = getattr(model, "_base_manager", model.objects)
    found = manager.filter(pk=change.id).first()
    return found is not None and Audience().allows(found)  # the public's view, now


def _restriction_can_show(change):
    """A page's view restriction added or removed changes what the public sees
    only where the page's ancestors let the public see it at all."""
    found = Page.objects.filter(pk=change.id).first() if change.url_path else None
    if found is None:  # a collection's restriction: it says nothing of pages
        return change.url_path is None
    return found.live and not hidden_by_its_place(found, own_restriction=False)


def on_public_content_changed(sender, change, **kwargs):
    """One message to every active endpoint that asked for this kind. A change
    to something the public may not see (a page behind a login, say) is cache
    business, not the receivers': it is not sent."""
    if change.kind in _SHOWING and not _shown_to_the_public(change):
        return
    if change.public_before is False:  # went from hidden to hidden
        return
    if change.kind is Kind.RESTRICTION_CHANGED and not _restriction_can_show(change):
        return
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


def private_address(url):
    """Why `url` may not be called (a private network), or None; for the
    admin's form. Sending checks again, on the address it connects to."""
    parts = urllib.parse.urlsplit(url)
    try:
        checked_address(parts.hostname, parts.port or 443, settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS)
    except Unresolvable:
        return None  # perhaps not in DNS yet: sending will say
    except Refused as refused:
        return str(refused)
    return None


def sign_and_post(endpoint, delivery):
    """(HTTP status or None, error text): one attempt, signed at sending."""
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False)
    sent_at = timezone.now()
    signature = Webhook(endpoint.secret).sign(delivery.message_id, sent_at, body)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "POMOST-CMS-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signature,
    }
    try:
        status = transport.post(
            endpoint.url,
            body.encode(),
            headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_private=settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
        )
    except (transport.Refused, transport.DeadlinePassed, OSError) as error:
        return None, str(error)[:300] or type(error).__name__
    return status, "" if 200 <= status < 300 else f"HTTP {status}"


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


def _without_secrets(url):
    """An endpoint's address for logs and e-mail: no user, password or query."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, "", ""))


def disable(endpoint, reason):
    updated = WebhookEndpoint.objects.filter(pk=endpoint.pk, active=True).update(
        active=False, disabled_reason=reason[:300]
    )
    if not updated:
        return  # already disabled (and told) by another message
    shown = _without_secrets(endpoint.url)
    logger.warning("webhook %s disabled: %s", shown, reason)
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
            f"CMS przestał wysyłać zdarzenia na adres {shown}: {reason}.\n\n"
            "Gdy odbiorca znów działa, włącz webhook w panelu: Ustawienia → Webhooki.\n"
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/",
            None,
            recipients,
        )
