"""The site-wide settings a portal shows on every screen (header, footer),
one object per site, with revisions like every editor's change."""

import graphene
from django.db import models
from grapple.models import GraphQLField, GraphQLRichText, GraphQLString
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import RevisionMixin

FOOTER_FEATURES = ["bold", "italic", "link"]


class SocialNetwork(graphene.Enum):
    """A social network the partnership has a profile on."""

    FACEBOOK = "facebook"
    INSTAGRAM = "instagram"
    YOUTUBE = "youtube"
    LINKEDIN = "linkedin"


class SocialLink(graphene.ObjectType):
    """The partnership's profile on a social network."""

    network = graphene.Field(graphene.NonNull(SocialNetwork), description="Which network.")
    url = graphene.String(required=True, description="The profile's address.")


@register_setting(icon="site")
class SiteSettings(RevisionMixin, BaseSiteSetting):
    """Contact details, footer and social links of the site."""

    contact_email = models.EmailField(
        "e-mail kontaktowy", blank=True, help_text="Adres, na który można pisać do partnerstwa."
    )
    contact_phone = models.CharField(
        "telefon kontaktowy", max_length=40, blank=True, help_text="Np. 76 123 45 67."
    )
    address = models.TextField(
        "adres", blank=True, help_text="Adres do korespondencji, w kilku wierszach."
    )
    footer = RichTextField(
        "stopka",
        blank=True,
        features=FOOTER_FEATURES,
        help_text="Krótki tekst na dole każdej strony portalu (np. informacja o partnerstwie).",
    )
    facebook = models.URLField("Facebook", blank=True, help_text="Adres profilu na Facebooku.")
    instagram = models.URLField("Instagram", blank=True, help_text="Adres profilu na Instagramie.")
    youtube = models.URLField("YouTube", blank=True, help_text="Adres kanału na YouTube.")
    linkedin = models.URLField("LinkedIn", blank=True, help_text="Adres profilu na LinkedIn.")

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("address")],
            heading="Kontakt",
        ),
        FieldPanel("footer"),
        MultiFieldPanel(
            [FieldPanel(network.value) for network in SocialNetwork],
            heading="Media społecznościowe",
        ),
    ]

    graphql_fields = [
        GraphQLString("contact_email", description="Contact e-mail address."),
        GraphQLString("contact_phone", description="Contact phone number."),
        GraphQLString("address", description="Postal address, line breaks kept."),
        GraphQLRichText("footer", description="The footer's text, as HTML."),
        GraphQLField(
            "social_links",
            SocialLink,
            is_list=True,
            required=True,
            description="Profiles on social networks, in a fixed order; only those set.",
        ),
    ]

    class Meta:
        verbose_name = "ustawienia serwisu"
        verbose_name_plural = "ustawienia serwisu"

    def __str__(self):
        return f"Ustawienia serwisu {self.site}"

    def social_links(self, info=None, **kwargs):
        return [
            SocialLink(network=network.value, url=getattr(self, network.value))
            for network in SocialNetwork
            if getattr(self, network.value)
        ]
