"""Page types of the POMOST site."""

import graphene
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from grapple.models import (
    GraphQLField,
    GraphQLImage,
    GraphQLRichText,
    GraphQLStreamfield,
    GraphQLString,
    GraphQLTag,
)
from grapple.registry import registry
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index

from api.prefetch import image_prefetch
from api.relations import ApiRelationsMixin, public_relation
from organizations.models import Organization
from previews.models import HeadlessPreviewMixin

from .blocks import RICH_TEXT_FEATURES, BodyBlock, GoalBlock, TimelineEventBlock


def organization_type():
    return registry.snippets[Organization]


def organizations_field(relation, description=None):
    """A relation to member organizations as the API serves it: published ones
    only, in Polish alphabetical order, loaded in bulk (api.relations)."""
    return public_relation(
        relation, organization_type, Organization.objects.in_polish_order, description
    )


def organizations_checkboxes(field_name):
    return FieldPanel(field_name, widget=forms.CheckboxSelectMultiple)


class BasePage(HeadlessPreviewMixin, ApiRelationsMixin, Page):
    """What every POMOST page has: a lead paragraph, searchable and in the API,
    an image for links shared on social media, and the portal's preview."""

    intro = models.TextField(
        "wstęp",
        blank=True,
        help_text="Jedno lub dwa zdania zachęty, pokazywane w spisach i zapowiedziach.",
    )
    share_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name="obraz do udostępniania",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Pokazywany, gdy ktoś udostępnia stronę (np. na Facebooku); "
        "najlepiej 1200 × 630 pikseli.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    promote_panels = Page.promote_panels + [FieldPanel("share_image")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    graphql_fields = [
        GraphQLString("intro", description="A short summary for lists and link previews."),
        GraphQLImage(
            "share_image",
            description="The image for links to this page shared on social media "
            "(og:image); null if none is set or it is not public.",
        ),
    ]

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        """One template for every type: the portal renders pages from GraphQL, and
        this HTML serves the admin's preview and "view live" links."""
        return "pages/page.html"

    @classmethod
    def api_prefetch(cls, selection):
        """Lookups the GraphQL fields of this type read, given what the query
        selects (api.selection), prefetched for whole lists."""
        return [
            *cls.relation_prefetch(selection),
            *image_prefetch("share_image", selection["shareImage"]),
        ]


def body_field():
    return StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="treść",
        help_text="Treść złożona z bloków: tekst, nagłówki, obrazy, cytaty, filmy, dokumenty.",
    )


class BodyPage(BasePage):
    """A page with a free body of blocks."""

    body = body_field()

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    graphql_fields = BasePage.graphql_fields + [
        GraphQLStreamfield("body", description="The page's content, block by block.")
    ]

    class Meta:
        abstract = True


class HomePage(BodyPage):
    """The site root: the partnership's front page."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.HistoryPage",
        "pages.DeclarationPage",
        "pages.NewsIndexPage",
        "pages.EventIndexPage",
        "pages.StandardPage",
    ]

    class Meta:
        verbose_name = "strona główna"
        verbose_name_plural = "strony główne"


class HistoryPage(BodyPage):
    """The partnership's history, told as a timeline of dated events."""

    timeline = StreamField(
        [("event", TimelineEventBlock())],
        blank=True,
        max_num=100,  # the API lists at most 100 items of any list
        verbose_name="oś czasu",
        help_text="Kolejne wydarzenia z historii partnerstwa, od najstarszego.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("timeline"), FieldPanel("body")]
    search_fields = BodyPage.search_fields + [index.SearchField("timeline")]
    graphql_fields = BodyPage.graphql_fields + [
        GraphQLStreamfield("timeline", description="The partnership's history, in date order.")
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "historia"
        verbose_name_plural = "historie"


class DeclarationPage(BodyPage):
    """The partnership's declaration: its goals, its vision and who signed it."""

    goals = StreamField(
        [("goal", GoalBlock())],
        blank=True,
        max_num=100,
        verbose_name="cele",
        help_text="Cele porozumienia, każdy w osobnym bloku.",
    )
    vision = RichTextField(
        "wizja",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Czym partnerstwo ma się stać w dłuższej perspektywie.",
    )
    signed_on = models.DateField(
        "data podpisania", null=True, blank=True, help_text="Dzień podpisania deklaracji."
    )
    signed_place = models.CharField(
        "miejsce podpisania",
        max_length=200,
        blank=True,
        help_text="Miejscowość lub miejsce podpisania.",
    )
    signatories = ParentalManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="signed_declarations",
        verbose_name="sygnatariusze",
        help_text="Organizacje, które podpisały deklarację.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("goals"),
        FieldPanel("vision"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("signed_place")], heading="Podpisanie"),
        organizations_checkboxes("signatories"),
        FieldPanel("body"),
    ]
    search_fields = BodyPage.search_fields + [
        index.SearchField("goals"),
        index.SearchField("vision"),
    ]
    graphql_fields = BodyPage.graphql_fields + [
        GraphQLStreamfield("goals", description="The partnership's goals, one block each."),
        GraphQLRichText("vision", description="The partnership's vision, as HTML."),
        GraphQLField("signed_on", graphene.Date, description="The day the declaration was signed."),
        GraphQLString("signed_place", description="Where the declaration was signed."),
        organizations_field(
            "signatories", "Published member organizations that signed, in Polish order."
        ),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "deklaracja"
        verbose_name_plural = "deklaracje"

    def published_signatories(self):
        """The signatories the public may see (the HTML page lists them)."""
        return self.public_related("signatories")


class NewsIndexPage(BasePage):
    """The list of news ("Aktualności"); news pages live under it."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "lista aktualności"
        verbose_name_plural = "listy aktualności"


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "pages.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BodyPage):
    """A news article of the partnership or a member organization."""

    date = models.DateField(
        "data",
        default=timezone.localdate,
        db_index=True,  # news are listed newest first
        help_text="Data publikacji widoczna przy artykule.",
    )
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="zdjęcie główne",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Zdjęcie pokazywane na liście aktualności i w nagłówku artykułu.",
    )
    tags = ClusterTaggableManager(
        through=NewsPageTag,
        blank=True,
        verbose_name="tagi",
        help_text="Słowa kluczowe, po przecinku.",
    )
    related_organizations = ParentalManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="news",
        verbose_name="powiązane organizacje",
        help_text="Organizacje, których dotyczy artykuł.",
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("main_image")]),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("tags"), organizations_checkboxes("related_organizations")],
            heading="Powiązania",
        ),
    ]
    search_fields = BodyPage.search_fields + [index.FilterField("date")]
    graphql_fields = BodyPage.graphql_fields + [
        GraphQLField("date", graphene.Date, required=True, description="The news item's date."),
        GraphQLImage("main_image", description="The lead image; null if none or not public."),
        GraphQLTag("tags", source="api_tags", description="Tags, for filtering `news(tag:)`."),
        organizations_field(
            "related_organizations", "Published member organizations this news item is about."
        ),
    ]

    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []
    api_orderings = ("date",)

    class Meta:
        verbose_name = "aktualność"
        verbose_name_plural = "aktualności"

    @classmethod
    def api_prefetch(cls, selection):
        lookups = [
            *super().api_prefetch(selection),
            *image_prefetch("main_image", selection["mainImage"]),
        ]
        if "tags" in selection:
            lookups.append(Prefetch("tags", to_attr="prefetched_tags"))
        return lookups

    def api_tags(self, info=None, **kwargs):
        """The tags, from the list's bulk load when there was one (modelcluster's
        tag manager costs more to ask than the tags themselves)."""
        prefetched = getattr(self, "prefetched_tags", None)
        return prefetched if prefetched is not None else self.tags.all()


class EventIndexPage(BasePage):
    """The calendar of events ("Wydarzenia"); event pages live under it."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "lista wydarzeń"
        verbose_name_plural = "listy wydarzeń"


class EventPage(BodyPage):
    """An event: when, where and who organizes it."""

    start = models.DateTimeField("początek", db_index=True, help_text="Data i godzina rozpoczęcia.")
    end = models.DateTimeField(
        "koniec", null=True, blank=True, help_text="Data i godzina zakończenia (opcjonalnie)."
    )
    place = models.CharField(
        "miejsce",
        max_length=255,
        blank=True,
        help_text="Np. „Legnickie Centrum Kultury, ul. Chojnowska 2”.",
    )
    cancelled = models.BooleanField(
        "odwołane",
        default=False,
        help_text="Zaznacz, jeśli wydarzenie się nie odbędzie: zostaje w kalendarzu "
        "z oznaczeniem „odwołane”.",
    )
    organizers = ParentalManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="events",
        verbose_name="organizatorzy",
        help_text="Organizacje, które przygotowują wydarzenie.",
    )

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="Termin"),
        FieldPanel("place"),
        FieldPanel("cancelled"),
        organizations_checkboxes("organizers"),
        FieldPanel("body"),
    ]
    search_fields = BodyPage.search_fields + [
        index.SearchField("place"),
        index.FilterField("start"),
    ]
    graphql_fields = BodyPage.graphql_fields + [
        GraphQLField(
            "start", graphene.DateTime, required=True, description="When it starts (Polish time)."
        ),
        GraphQLField("end", graphene.DateTime, description="When it ends; null if not given."),
        GraphQLString("place", description="Where it takes place."),
        GraphQLField(
            "cancelled",
            graphene.Boolean,
            required=True,
            description="Whether it was called off (it stays listed, marked cancelled).",
        ),
        organizations_field("organizers", "Published member organizations organizing it."),
    ]

    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []
    api_orderings = ("start",)

    class Meta:
        verbose_name = "wydarzenie"
        verbose_name_plural = "wydarzenia"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "Wydarzenie nie może skończyć się przed początkiem."})


class StandardPage(BodyPage):
    """A plain page of the partnership (e.g. "O nas", "Kontakt")."""

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "strona zwykła"
        verbose_name_plural = "strony zwykłe"
