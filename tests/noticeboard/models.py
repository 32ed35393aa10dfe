from django.db import models
from grapple.models import GraphQLString
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.snippets.models import register_snippet

from core.visibility import PublishedQuerySet


@register_snippet
class Notice(DraftStateMixin, RevisionMixin, models.Model):
    """A short notice, published and expiring like any snippet with draft state."""

    text = models.CharField("treść", max_length=200, help_text="Treść ogłoszenia.")

    objects = PublishedQuerySet.as_manager()

    graphql_fields = [GraphQLString("text", required=True, description="The notice.")]

    def __str__(self):
        return self.text
