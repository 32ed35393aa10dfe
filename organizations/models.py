"""Member organizations of POMOST and the Partnership Council."""

import datetime
from functools import reduce
from operator import or_

import graphene
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Min, Prefetch, Q
from django.utils import timezone
from grapple.models import (
    GraphQLField,
    GraphQLImage,
    GraphQLRichText,
    GraphQLString,
)
from grapple.registry import registry
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from api.prefetch import image_prefetch
from api.selection import columns_for
from core import portal
from core.collation import in_polish_order
from core.text import polish_slugify
from core.visibility import PublishedQuerySet, audience, is_public
from previews.models import HeadlessPreviewMixin

from .choices import LegalForm, PublicBenefitArea
from .forms import OrganizationForm
from .validators import (
    compact_number,
    validate_krs,
    validate_nip,
    validate_phone,
    validate_postal_code,
    validate_regon,
)

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def json_list_contains(field, value, longest):
    """`field` (a JSON list of at most `longest` items) holds `value`, on
    PostgreSQL and SQLite alike (SQLite's JSON has no containment)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return reduce(or_, (Q(**{f"{field}__{index}": value}) for index in range(longest)))


def _label(choices):
    return lambda value: choices(value.value).label if value else None


LegalFormEnum = graphene.Enum.from_enum(LegalForm, description=_label(LegalForm), name="LegalForm")
PublicBenefitAreaEnum = graphene.Enum.from_enum(
    PublicBenefitArea, description=_label(PublicBenefitArea), name="PublicBenefitArea"
)


class OrganizationQuerySet(SearchableQuerySetMixin, PublishedQuerySet):
    def in_polish_order(self):
        return self.order_by(in_polish_order("name"), "pk")

    def for_api(self, selection=None):
        """With what the query selects of each organization (api.selection)
        loaded in bulk: the logo and its renditions only when asked for, and of
        the organizations only the columns read when that is all they read."""
        if selection is None:
            return self
        organizations = self.prefetch_related(*Organization.api_prefetch(selection))
        # live and expire_at: the API's net checks them; name: the order.
        columns = columns_for(Organization, selection, always=("live", "expire_at", "name"))
        return organizations.only(*columns) if columns else organizations

    def filtered(self, legal_form=None, area=None, public_benefit=None):
        """Narrowed by the directory's filters (None: not filtered)."""
        organizations = self
        if legal_form is not None:
            organizations = organizations.filter(
                legal_form=getattr(legal_form, "value", legal_form)
            )
        if area is not None:
            organizations = organizations.filter(
                json_list_contains("areas", getattr(area, "value", area), len(PublicBenefitArea))
            )
        if public_benefit is not None:
            organizations = organizations.filter(public_benefit=public_benefit)
        return organizations


class Organization(
    HeadlessPreviewMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A member organization's public profile, edited through drafts and moderation.

    A plain model, not a cluster: it has no inline children (its editors are
    kept beside it, not in its revisions), and lists of hundreds of
    organizations load noticeably faster without modelcluster's set-up."""

    name = models.CharField(
        "nazwa",
        max_length=255,
        unique=True,
        help_text="Pełna nazwa organizacji, dokładnie tak, jak w KRS (z polskimi znakami).",
    )
    short_name = models.CharField(
        "nazwa skrócona",
        max_length=100,
        blank=True,
        help_text="Skrót lub nazwa zwyczajowa, np. „MONAR”. Opcjonalnie.",
    )
    slug = models.SlugField(
        "adres (slug)",
        max_length=255,
        unique=True,
        blank=True,
        allow_unicode=False,
        help_text="Fragment adresu profilu, np. „fundacja-arche”. Zostaw puste, "
        "a zostanie utworzony z nazwy.",
    )
    legal_form = models.CharField(
        "forma prawna",
        max_length=32,
        choices=LegalForm.choices,
        default=LegalForm.ASSOCIATION,
        help_text="Forma prawna organizacji.",
    )
    description = RichTextField(
        "opis",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Kim jesteście i czym się zajmujecie; tekst widoczny na profilu.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Logo organizacji (najlepiej kwadratowe, co najmniej 400×400 px).",
    )
    website = models.URLField("strona internetowa", blank=True, help_text="Np. https://example.org")
    email = models.EmailField("e-mail", blank=True, help_text="Publiczny adres kontaktowy.")
    phone = models.CharField(
        "telefon",
        max_length=20,
        blank=True,
        validators=[validate_phone],
        help_text="Publiczny numer kontaktowy, np. 76 123 45 67.",
    )
    street = models.CharField(
        "ulica i numer", max_length=200, blank=True, help_text="Np. ul. Chojnowska 1."
    )
    postal_code = models.CharField(
        "kod pocztowy",
        max_length=6,
        blank=True,
        validators=[validate_postal_code],
        help_text="W formacie 59-220.",
    )
    city = models.CharField(
        "miejscowość",
        max_length=100,
        blank=True,
        default="Legnica",
        help_text="Siedziba organizacji.",
    )
    krs = models.CharField(
        "KRS",
        max_length=10,
        blank=True,
        validators=[validate_krs],
        help_text="Numer w Krajowym Rejestrze Sądowym: 10 cyfr.",
    )
    nip = models.CharField(
        "NIP",
        max_length=13,
        blank=True,
        validators=[validate_nip],
        help_text="10 cyfr; myślniki i spacje są dozwolone i zostaną usunięte.",
    )
    regon = models.CharField(
        "REGON",
        max_length=17,
        blank=True,
        validators=[validate_regon],
        help_text="9 lub 14 cyfr.",
    )
    public_benefit = models.BooleanField(
        "status OPP",
        default=False,
        help_text="Zaznacz, jeśli organizacja ma status organizacji pożytku publicznego.",
    )
    areas = models.JSONField(
        "sfery pożytku publicznego",
        default=list,
        blank=True,
        help_text="Obszary działalności według art. 4 ustawy o działalności pożytku publicznego.",
    )
    member_since = models.DateField(
        "członek POMOST-u od",
        null=True,
        blank=True,
        help_text="Data przystąpienia do porozumienia POMOST.",
    )
    left_on = models.DateField(
        "członek POMOST-u do",
        null=True,
        blank=True,
        help_text="Data wystąpienia z porozumienia; puste, dopóki organizacja jest członkiem.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="organization")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="organization",
        for_concrete_model=False,
    )

    objects = OrganizationQuerySet.as_manager()

    base_form_class = OrganizationForm

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
                FieldPanel("legal_form"),
                FieldPanel("logo"),
                FieldPanel("description"),
            ],
            heading="Organizacja",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")]),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
            ],
            heading="Kontakt",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("krs"), FieldPanel("nip"), FieldPanel("regon")]),
                FieldPanel("public_benefit"),
                FieldPanel("areas"),
            ],
            heading="Dane rejestrowe",
        ),
        FieldRowPanel(
            [FieldPanel("member_since"), FieldPanel("left_on")],
            heading="Członkostwo w POMOST-cie",
        ),
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("short_name", boost=2),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("id"),  # a search within filtered ids (the directory's filters)
        index.FilterField("live"),
        index.FilterField("expire_at"),
        index.FilterField("legal_form"),
    ]

    graphql_fields = [
        GraphQLString(
            "slug",
            required=True,
            description="The profile's identifier in URLs and in `organization(slug:)`.",
        ),
        GraphQLString(
            "name",
            required=True,
            description="The full registered name, Polish letters as written.",
        ),
        GraphQLString(
            "short_name", description="A short or common name, if the organization uses one."
        ),
        GraphQLField(
            "legal_form", LegalFormEnum, required=True, description="The organization's legal form."
        ),
        GraphQLString(
            "legal_form_label", required=True, description="The legal form's Polish label."
        ),
        GraphQLRichText("description", description="About the organization, as HTML."),
        GraphQLImage("logo", description="The logo; null if none or not public."),
        GraphQLString("website", description="The organization's website (absolute URL)."),
        GraphQLString("email", description="Contact e-mail address."),
        GraphQLString("phone", description="Contact phone number."),
        GraphQLString("street", description="Street address."),
        GraphQLString("postal_code", description="Postal code (00-000)."),
        GraphQLString("city", description="City."),
        GraphQLString("krs", description="Number in the National Court Register (KRS, 10 digits)."),
        GraphQLString("nip", description="Tax identification number (NIP, 10 digits)."),
        GraphQLString("regon", description="Statistical number (REGON, 9 or 14 digits)."),
        GraphQLField(
            "public_benefit",
            graphene.Boolean,
            required=True,
            description="Whether it holds public-benefit status (OPP).",
        ),
        GraphQLField(
            "areas",
            PublicBenefitAreaEnum,
            is_list=True,
            required=True,
            description="Areas of public benefit it works in.",
        ),
        GraphQLField(
            "area_labels",
            graphene.String,
            is_list=True,
            required=True,
            description="Polish labels of `areas`, in the same order.",
        ),
        GraphQLField("member_since", graphene.Date, description="When it joined the partnership."),
        GraphQLField(
            "left_on",
            graphene.Date,
            description="When it left the partnership; null while a member.",
        ),
        GraphQLString(
            "url",
            required=True,
            source="public_url",
            description="Where the public sees this profile: on the portal when it is "
            "set up, on the CMS otherwise.",
        ),
        GraphQLField(
            "last_published_at",
            graphene.DateTime,
            description="When the profile's current version was published.",
        ),
    ]

    class Meta:
        verbose_name = "organizacja"
        verbose_name_plural = "organizacje"
        permissions = [
            (
                "manage_partnership",
                "Zarządza partnerstwem: profile wszystkich organizacji, ich redaktorzy "
                "i dane członkostwa",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["krs"], condition=~Q(krs=""), name="organization_unique_krs"
            ),
            models.UniqueConstraint(
                fields=["nip"], condition=~Q(nip=""), name="organization_unique_nip"
            ),
            models.UniqueConstraint(
                fields=["regon"], condition=~Q(regon=""), name="organization_unique_regon"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = polish_slugify(self.name)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.name = self.name.strip()
        self.nip = compact_number(self.nip)
        self.regon = compact_number(self.regon)
        if not self.slug:
            self.slug = polish_slugify(self.name)
        unknown = set(self.areas or []) - set(PublicBenefitArea.values)
        if not isinstance(self.areas, list) or unknown:
            raise ValidationError({"areas": "Wybierz sfery pożytku publicznego z listy."})
        if self.left_on and self.member_since and self.left_on < self.member_since:
            raise ValidationError(
                {"left_on": "Data wystąpienia nie może być wcześniejsza niż data przystąpienia."}
            )

    @property
    def revisions(self):
        return self._revisions

    def public_url(self, info_or_request=None, **kwargs):
        request = getattr(info_or_request, "context", info_or_request)
        return portal.public_url(f"{settings.ORGANIZATIONS_PATH}{self.slug}/", request)

    def legal_form_label(self, info=None, **kwargs):
        return self.get_legal_form_display()

    def area_labels(self, info=None, **kwargs):
        labels = dict(PublicBenefitArea.choices)
        return [labels[area] for area in self.areas if area in labels]

    def get_preview_template(self, request, mode_name):
        return "organizations/organization_preview.html"

    @classmethod
    def api_prefetch(cls, selection):
        """What the query selects of organizations, loaded for a whole list."""
        return image_prefetch("logo", selection["logo"])


class OrganizationEditor(models.Model):
    """A person who keeps one organization's profile current.

    Membership, not content: it is kept beside the organization, outside its
    revisions and moderation, and made by the partnership's editors (see
    organizations.accounts)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="organizacja",
        on_delete=models.CASCADE,
        related_name="editors",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="konto",
        on_delete=models.CASCADE,
        related_name="organization_membership",
    )
    added_at = models.DateTimeField("dodano", auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dodał(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "redaktor organizacji"
        verbose_name_plural = "redaktorzy organizacji"
        ordering = ["organization", "user__email"]

    def __str__(self):
        return f"{self.user.email} ({self.organization})"


class CouncilTermQuerySet(PublishedQuerySet):
    def for_api(self, selection=None):
        """With the members loaded in bulk, and of their organizations what the
        query selects (api.selection)."""
        members = CouncilMember.objects.all()
        if selection is not None:
            members = members.prefetch_related(*CouncilMember.api_prefetch(selection["members"]))
        return self.prefetch_related(Prefetch("members", queryset=members))

    def current(self, on=None, selection=None):
        """The published term in force on the given day (today by default)."""
        on = on or timezone.localdate(audience().now)
        return (
            self.published()
            .for_api(selection)
            .filter(start_date__lte=on)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
            .order_by("-start_date", "-pk")
            .first()
        )


class CouncilTerm(DraftStateMixin, RevisionMixin, ClusterableModel):
    """One term of the Partnership Council (Rada Partnerstwa) and its members."""

    start_date = models.DateField(
        "początek kadencji", help_text="Dzień, od którego Rada działa w tym składzie."
    )
    end_date = models.DateField(
        "koniec kadencji",
        null=True,
        blank=True,
        help_text="Zostaw puste, dopóki kadencja trwa.",
    )

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="council_term")

    objects = CouncilTermQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading="Kadencja"),
        InlinePanel("members", heading="Członkowie Rady", label="członek Rady", min_num=1),
        PublishingPanel(),
    ]

    graphql_fields = [
        GraphQLField(
            "start_date", graphene.Date, required=True, description="The first day of the term."
        ),
        GraphQLField(
            "end_date",
            graphene.Date,
            description="The last day of the term; null while open-ended.",
        ),
        GraphQLField(
            "members",
            lambda: registry.django_models[CouncilMember],
            is_list=True,
            required=True,
            source="ordered_members",
            description="The council's members, in the order the partnership lists them.",
        ),
    ]

    class Meta:
        verbose_name = "kadencja Rady Partnerstwa"
        verbose_name_plural = "kadencje Rady Partnerstwa"
        ordering = ["-start_date"]

    def __str__(self):
        if self.end_date:
            return f"Rada Partnerstwa {self.start_date:%d.%m.%Y}–{self.end_date:%d.%m.%Y}"
        return f"Rada Partnerstwa od {self.start_date:%d.%m.%Y}"

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def next_public_change_after(cls, now):
        """The term in force changes at the midnight a published term starts, or
        the midnight after one ends (see core.visibility)."""
        today = timezone.localdate(now)
        terms = cls.objects.published()
        first_start = terms.filter(start_date__gt=today).aggregate(day=Min("start_date"))["day"]
        first_end = terms.filter(end_date__gte=today).aggregate(day=Min("end_date"))["day"]
        midnights = [
            datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())
            for day in (first_start, first_end and first_end + datetime.timedelta(days=1))
            if day
        ]
        return min(midnights) if midnights else None

    def clean(self):
        super().clean()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": "Koniec kadencji nie może być wcześniejszy niż jej początek."}
            )

    def ordered_members(self, info=None, **kwargs):
        return self.members.all()


class CouncilMember(Orderable):
    """A seat in a council term: a person, the organization they represent, a role."""

    term = ParentalKey(CouncilTerm, on_delete=models.CASCADE, related_name="members")
    person_name = models.CharField("imię i nazwisko", max_length=200, help_text="Np. Jan Kowalski.")
    organization = models.ForeignKey(
        Organization,
        verbose_name="organizacja",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
        help_text="Organizacja, którą ta osoba reprezentuje w Radzie.",
    )
    role = models.CharField(
        "funkcja",
        max_length=100,
        blank=True,
        default="członek Rady",
        help_text="Np. przewodniczący, sekretarz, członek Rady.",
    )

    panels = [FieldPanel("person_name"), FieldPanel("organization"), FieldPanel("role")]

    graphql_fields = [
        GraphQLString("person_name", required=True, description="The council member's name."),
        GraphQLString("role", description="The member's role in the council (e.g. chair)."),
        GraphQLField(
            "organization",
            lambda: registry.snippets[Organization],
            source="published_organization",
            description="The organization the member represents; null if none or not public.",
        ),
        GraphQLField(
            "term",
            lambda: registry.snippets[CouncilTerm],
            required=True,
            description="The council term of this seat.",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "członek Rady"
        verbose_name_plural = "członkowie Rady"

    def __str__(self):
        return self.person_name

    @classmethod
    def api_prefetch(cls, selection):
        """What the query selects of seats, loaded for a whole list: the
        organization (if published) and the term."""
        lookups = []
        if selection["organization"]:
            lookups.append(
                Prefetch(
                    "organization",
                    queryset=Organization.objects.published().for_api(selection["organization"]),
                )
            )
        if selection["term"]:
            lookups.append(
                Prefetch("term", queryset=CouncilTerm.objects.for_api(selection["term"]))
            )
        return lookups

    def published_organization(self, info=None, **kwargs):
        organization = self.organization
        return organization if is_public(organization) else None
