"""StreamField blocks shared by every page type."""

import copy

import graphene
from django.utils.html import format_html, format_html_join
from grapple.helpers import register_streamfield_block
from grapple.models import (
    GraphQLDocument,
    GraphQLField,
    GraphQLImage,
    GraphQLRichText,
    GraphQLString,
)
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock as WagtailDocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock as WagtailImageChooserBlock

from core.visibility import is_public

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol", "h3", "h4"]

HEADING_LEVELS = [("h2", "Nagłówek sekcji (H2)"), ("h3", "Podsekcja (H3)")]
DATE_PRECISIONS = [("day", "Dzień"), ("month", "Miesiąc"), ("year", "Rok")]


HeadingLevel = graphene.Enum(
    "HeadingLevel",
    [(value.upper(), value) for value, _ in HEADING_LEVELS],
    description="The level of a heading in a page body: H2 for sections, H3 for their parts.",
)
DatePrecision = graphene.Enum(
    "DatePrecision",
    [(value.upper(), value) for value, _ in DATE_PRECISIONS],
    description="How precisely a date is known: show only the year for YEAR, "
    "the month and year for MONTH.",
)


class PublicRenderMixin:
    """A chooser block whose HTML shows its object only if the public may see it
    (the API has its own net; this is the HTML pages')."""

    def render_basic(self, value, context=None):
        return super().render_basic(value, context=context) if is_public(value) else ""


class StructBlock(blocks.StructBlock):
    """Wagtail's StructBlock, whose HTML renders each child through its own block
    (Wagtail's default prints each value as text: the title of an image the
    public may not see, say)."""

    def render_basic(self, value, context=None):
        children = [
            (name, self.child_blocks[name].render(child, context=context))
            for name, child in value.items()
        ]
        return format_html(
            "<dl>\n{}\n</dl>",
            format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", children),
        )


class ImageChooserBlock(PublicRenderMixin, WagtailImageChooserBlock):
    """Wagtail's image chooser, loading a stream's images with their renditions in
    one go, so a body with many images costs the API no query per image."""

    def bulk_to_python(self, values):
        values = list(values)
        images = self.model_class.objects.prefetch_renditions().in_bulk(values)
        return [copy.copy(images.get(value)) if value in images else None for value in values]


class DocumentChooserBlock(PublicRenderMixin, WagtailDocumentChooserBlock):
    pass


@register_streamfield_block
class HeadingBlock(StructBlock):
    """A section heading inside a page body."""

    text = blocks.CharBlock(label="Tekst", max_length=200, help_text="Treść nagłówka.")
    level = blocks.ChoiceBlock(
        label="Poziom",
        choices=HEADING_LEVELS,
        default="h2",
        help_text="H2 dla głównych sekcji, H3 dla ich części.",
    )

    graphql_fields = [
        GraphQLString("text", required=True, description="The heading's text."),
        GraphQLField("level", HeadingLevel, required=True, description="The heading's level."),
    ]

    class Meta:
        icon = "title"
        label = "Nagłówek"


@register_streamfield_block
class CaptionedImageBlock(StructBlock):
    """An image with its alternative text and an optional caption."""

    image = ImageChooserBlock(label="Obraz", help_text="Wybierz obraz z biblioteki.")
    alt_text = blocks.CharBlock(
        label="Tekst alternatywny",
        required=False,
        max_length=250,
        help_text="Opis obrazu dla osób niewidomych; zostaw pusty, jeśli obraz jest ozdobnikiem.",
    )
    caption = blocks.CharBlock(
        label="Podpis", required=False, max_length=250, help_text="Podpis widoczny pod obrazem."
    )

    graphql_fields = [
        GraphQLImage("image", description="The image; null if it is not public."),
        GraphQLString(
            "alt_text", description='Alternative text; null for a decorative image (alt="").'
        ),
        GraphQLString("caption", description="Caption shown under the image."),
    ]

    class Meta:
        icon = "image"
        label = "Obraz"


@register_streamfield_block
class QuoteBlock(StructBlock):
    """A quotation with the name of who said it."""

    text = blocks.TextBlock(label="Cytat", help_text="Treść cytatu, bez cudzysłowów.")
    attribution = blocks.CharBlock(
        label="Autor",
        required=False,
        max_length=200,
        help_text="Kto to powiedział, np. imię i nazwisko.",
    )

    graphql_fields = [
        GraphQLString("text", required=True, description="The quotation, without quote marks."),
        GraphQLString("attribution", description="Who said it."),
    ]

    class Meta:
        icon = "openquote"
        label = "Cytat"


@register_streamfield_block
class DocumentBlock(StructBlock):
    """A downloadable document (PDF, DOCX…) with an optional link text."""

    document = DocumentChooserBlock(label="Dokument", help_text="Wybierz dokument z biblioteki.")
    title = blocks.CharBlock(
        label="Tekst linku",
        required=False,
        max_length=200,
        help_text="Np. „Pobierz deklarację (PDF)”. Puste: tytuł dokumentu.",
    )

    graphql_fields = [
        GraphQLDocument("document", description="The document; null if it is not public."),
        GraphQLString("title", description="Link text; null means: use the document's title."),
    ]

    class Meta:
        icon = "doc-full"
        label = "Dokument"


class BodyBlock(blocks.StreamBlock):
    """The body of every page: text, headings, images, quotes, embeds and documents."""

    paragraph = blocks.RichTextBlock(
        label="Akapit", features=RICH_TEXT_FEATURES, help_text="Tekst z formatowaniem i linkami."
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label="Osadzenie",
        help_text="Adres filmu lub mapy (np. YouTube, Vimeo); zostanie osadzony na stronie.",
    )
    document = DocumentBlock()

    class Meta:
        label = "Treść"
        # The API lists at most MAX_PAGE_SIZE items of any list, a body's blocks included.
        max_num = 100


@register_streamfield_block
class TimelineEventBlock(StructBlock):
    """One dated event in the partnership's history."""

    date = blocks.DateBlock(
        label="Data", help_text="Dzień wydarzenia (przy dokładności „rok” liczy się tylko rok)."
    )
    date_precision = blocks.ChoiceBlock(
        label="Dokładność daty",
        choices=DATE_PRECISIONS,
        default="day",
        help_text="Jak dokładnie znamy datę; portal pokaże np. tylko rok.",
    )
    title = blocks.CharBlock(label="Tytuł", max_length=200, help_text="Krótko: co się wydarzyło.")
    description = blocks.RichTextBlock(
        label="Opis", required=False, features=RICH_TEXT_FEATURES, help_text="Szczegóły wydarzenia."
    )

    graphql_fields = [
        GraphQLField("date", graphene.Date, required=True, description="When it happened."),
        GraphQLField(
            "date_precision",
            DatePrecision,
            required=True,
            description="How much of `date` is known (e.g. only the year).",
        ),
        GraphQLString("title", required=True, description="What happened, briefly."),
        GraphQLRichText("description", description="The details, as HTML."),
    ]

    class Meta:
        icon = "date"
        label = "Wydarzenie"


@register_streamfield_block
class GoalBlock(StructBlock):
    """One goal of the partnership, as stated in its declaration."""

    title = blocks.CharBlock(label="Cel", max_length=250, help_text="Cel w jednym zdaniu.")
    description = blocks.TextBlock(
        label="Opis", required=False, help_text="Rozwinięcie celu (opcjonalnie)."
    )

    graphql_fields = [
        GraphQLString("title", required=True, description="The goal in one sentence."),
        GraphQLString("description", description="More about the goal."),
    ]

    class Meta:
        icon = "tick"
        label = "Cel"
