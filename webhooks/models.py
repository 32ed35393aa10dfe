"""Endpoints the portal (or anyone the partnership trusts) gives us, and every
message sent to them with each attempt, kept for the admin."""

import base64
import secrets
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.events import Kind

TEST_EVENT = "test"
EVENT_CHOICES = [
    (Kind.PUBLISHED.value, "opublikowano"),
    (Kind.UNPUBLISHED.value, "cofnięto publikację"),
    (Kind.EXPIRED.value, "wygasło"),
    (Kind.MOVED.value, "przeniesiono"),
    (Kind.DELETED.value, "usunięto"),
    (Kind.RESTRICTION_CHANGED.value, "zmieniono dostęp"),
    (Kind.CHANGED.value, "zmieniono"),
]


def new_secret():
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id():
    return f"msg_{uuid.uuid4().hex}"


class WebhookEndpoint(models.Model):
    name = models.CharField("nazwa", max_length=100, help_text="Np. „Portal miejski”.")
    url = models.URLField(
        "adres",
        max_length=500,
        help_text="Adres, pod który CMS wysyła zdarzenia (POST z JSON-em).",
    )
    secret = models.CharField(
        "sekret",
        max_length=100,
        default=new_secret,
        help_text="Odbiorca sprawdza nim podpis (Standard Webhooks); zachowaj go w tajemnicy.",
    )
    events = models.JSONField(
        "zdarzenia",
        default=list,
        help_text="Które zmiany treści wysyłać.",
    )
    active = models.BooleanField(
        "aktywny",
        default=True,
        help_text="Wyłączony po ostatniej nieudanej próbie lub gdy odbiorca odpowie 410.",
    )
    disabled_reason = models.CharField("powód wyłączenia", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "webhook"
        verbose_name_plural = "webhooki"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def wants(self, kind):
        return kind == TEST_EVENT or kind in self.events


class WebhookDelivery(models.Model):
    """One message to one endpoint: sent, retried, given up."""

    class Status(models.TextChoices):
        PENDING = "pending", _("w kolejce")
        DELIVERED = "delivered", _("dostarczono")
        FAILED = "failed", _("nie dostarczono")

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries", verbose_name="webhook"
    )
    message_id = models.CharField(
        "id wiadomości", max_length=40, default=new_message_id, unique=True
    )
    event = models.CharField("zdarzenie", max_length=40)
    payload = models.JSONField("treść")
    status = models.CharField("stan", max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("utworzono", auto_now_add=True)

    class Meta:
        verbose_name = "wysyłka webhooka"
        verbose_name_plural = "wysyłki webhooków"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField("próba")
    sent_at = models.DateTimeField("wysłano")
    response_status = models.PositiveSmallIntegerField("kod odpowiedzi", null=True)
    error = models.CharField("błąd", max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField("czas [ms]")

    class Meta:
        verbose_name = "próba wysyłki"
        verbose_name_plural = "próby wysyłki"
        ordering = ["number"]

    def __str__(self):
        return f"{self.delivery} #{self.number}"

    @property
    def succeeded(self):
        return self.response_status is not None and 200 <= self.response_status < 300
