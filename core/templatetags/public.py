"""``{{ page.main_image|public }}``: templates apply the public rules too."""

from django import template
from django.db.models import Manager, QuerySet

from core.visibility import is_public
from core.visibility import public as public_queryset

register = template.Library()


@register.filter
def public(value):
    """An object if the public may see it (else None); a queryset narrowed to
    what the public may see."""
    if isinstance(value, Manager):
        value = value.all()
    if isinstance(value, QuerySet):
        return public_queryset(value)
    return value if is_public(value) else None
