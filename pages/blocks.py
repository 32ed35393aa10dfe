"""StreamField blocks shared by every page type."""

import copy

import graphene
from django.core.exceptions import ValidationError
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

from core.portal import page_path, public_url
from core.safe_html import safe_url
from core.visibility import is_public

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ul", "ol", "h3", "h4"]

HEADING_LEVELS = [
    ("h2", "Nagłówek sekcji (H2)"),
    ("h3", "Podsekcja (H3)"),
    ("h4", "Niższy poziom (H4)"),
]
DATE_PRECISIONS = [("day", "Dzień"), ("month", "Miesiąc"), ("year", "Rok")]


HeadingLevel = graphene.Enum(
    "HeadingLevel",
    [(value.upper(), value) for value, _ in HEADING_LEVELS],
    description="The level of a heading in a page body: H2 for sections, H3 for their parts, "
    "H4 below those.",
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


class PageChooserBlock(PublicRenderMixin, blocks.PageChooserBlock):
    """Wagtail's page chooser, whose HTML shows only a public page."""


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
        help_text="H2 dla głównych sekcji, H3 dla ich części, H4 dla jeszcze niższego poziomu.",
    )

    graphql_fields = [
        GraphQLString("text", required=True, description="The heading's text."),
        GraphQLField("level", HeadingLevel, required=True, description="The heading's level."),
    ]

    class Meta:
        icon = "title"
        label = "Nagłówek"
        description = "Tytuł sekcji tekstu."
        preview_value = {"text": "Program festynu", "level": "h2"}


@register_streamfield_block
class CaptionedImageBlock(StructBlock):
    """An image with its alternative text (unless it is decorative), an optional
    caption and the author's credit."""

    image = ImageChooserBlock(label="Obraz", help_text="Wybierz obraz z biblioteki.")
    alt_text = blocks.CharBlock(
        label="Tekst alternatywny",
        required=False,
        max_length=250,
        help_text="Co widać na obrazie, dla osób niewidomych. Wymagany, chyba że obraz "
        "jest tylko ozdobnikiem.",
    )
    decorative = blocks.BooleanBlock(
        label="Obraz ozdobny",
        required=False,
        help_text="Zaznacz, jeśli obraz niczego nie przekazuje (wtedy bez tekstu alternatywnego).",
    )
    caption = blocks.CharBlock(
        label="Podpis", required=False, max_length=250, help_text="Podpis widoczny pod obrazem."
    )
    credit = blocks.CharBlock(
        label="Autor zdjęcia",
        required=False,
        max_length=200,
        help_text="Kto jest autorem lub właścicielem praw, np. „fot. Jan Kowalski”.",
    )

    graphql_fields = [
        GraphQLImage("image", description="The image; null if it is not public."),
        GraphQLString(
            "alt_text", description='Alternative text; null for a decorative image (alt="").'
        ),
        GraphQLField(
            "decorative",
            graphene.Boolean,
            required=True,
            source="is_decorative",
            description='Whether the image is decorative: render it with alt="".',
        ),
        GraphQLString("caption", description="Caption shown under the image."),
        GraphQLString("credit", description="The photographer or rights holder."),
    ]

    class Meta:
        icon = "image"
        label = "Obraz"
        description = "Zdjęcie lub grafika z podpisem i autorem."

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("decorative") and not value.get("alt_text"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Opisz, co widać na obrazie, albo zaznacz „Obraz ozdobny”."
                    )
                }
            )
        if value.get("decorative"):
            value["alt_text"] = ""
        return value

    def is_decorative(self, info=None, values=None, **kwargs):
        # images stored before the flag existed have no value for it
        return bool((values or {}).get("decorative"))


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
        description = "Wypowiedź z podaniem autora."
        preview_value = {"text": "Razem możemy więcej.", "attribution": "Rada Partnerstwa"}


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
        description = "Plik do pobrania (PDF, DOCX…)."


@register_streamfield_block
class CallToActionBlock(StructBlock):
    """A button leading to a page of the site or to an address elsewhere."""

    text = blocks.CharBlock(
        label="Tekst przycisku", max_length=80, help_text="Np. „Zapisz się na warsztaty”."
    )
    page = PageChooserBlock(
        label="Strona", required=False, help_text="Strona serwisu, do której prowadzi przycisk."
    )
    url = blocks.URLBlock(
        label="Adres", required=False, help_text="Albo adres spoza serwisu, np. formularz zapisów."
    )

    graphql_fields = [
        GraphQLString("text", required=True, description="The button's text."),
        GraphQLString(
            "href",
            description="Where the button leads: the page's public URL, or the address given; "
            "null if the page is not public.",
        ),
    ]

    class Meta:
        icon = "link"
        label = "Przycisk"
        description = "Wezwanie do działania: przycisk z linkiem."
        preview_value = {"text": "Zapisz się", "url": "https://example.org/zapisy"}

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError("Wybierz stronę albo podaj adres (jedno z dwojga).")
            raise blocks.StructBlockValidationError(block_errors={"page": message, "url": message})
        return value

    def href(self, info=None, values=None, **kwargs):
        values = values or {}
        page = values.get("page")
        if page is not None:
            if not is_public(page):
                return None
            request = getattr(info, "context", None)
            return public_url(page_path(page.specific, request) or "/", request)
        return safe_url(values.get("url"))


@register_streamfield_block
class FactBlock(StructBlock):
    """One row of a table of facts: what, and how much or when."""

    subject = blocks.CharBlock(
        label="Co", max_length=120, help_text="Np. „Organizacje członkowskie”."
    )
    value = blocks.CharBlock(label="Ile / kiedy", max_length=120, help_text="Np. „32”.")

    graphql_fields = [
        GraphQLString("subject", required=True, description="What the fact is about."),
        GraphQLString("value", required=True, description="The fact itself, as text."),
    ]

    class Meta:
        icon = "list-ul"
        label = "Fakt"


class BodyBlock(blocks.StreamBlock):
    """The body of every page: text, headings, images, quotes, embeds and documents."""

    paragraph = blocks.RichTextBlock(
        label="Akapit",
        features=RICH_TEXT_FEATURES,
        help_text="Tekst z formatowaniem i linkami.",
        description="Tekst z pogrubieniem, listami i linkami.",
        preview_value="<p>Stoiska <b>32 organizacji</b> na legnickim Rynku.</p>",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        label="Osadzenie",
        help_text="Adres filmu lub mapy (np. YouTube, Vimeo); zostanie osadzony na stronie.",
        description="Film lub mapa z innego serwisu.",
    )
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    gallery = blocks.ListBlock(
        CaptionedImageBlock(),
        min_num=2,
        max_num=24,
        label="Galeria",
        help_text="Od 2 do 24 zdjęć pokazywanych razem.",
        description="Kilka zdjęć obok siebie.",
    )
    attachments = blocks.ListBlock(
        DocumentBlock(),
        min_num=1,
        max_num=20,
        label="Załączniki",
        help_text="Lista plików do pobrania.",
        description="Kilka dokumentów do pobrania.",
    )
    facts = blocks.ListBlock(
        FactBlock(),
        min_num=1,
        max_num=20,
        label="Tabela faktów",
        help_text="Krótkie dane w dwóch kolumnach, np. liczby i daty.",
        description="Liczby i daty w tabeli.",
    )

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
