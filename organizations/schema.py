"""Root GraphQL fields for organizations and the Partnership Council.

Only published objects are ever returned: these replace grapple's generic snippet
queries, which would also return drafts.
"""

import graphene
from django.db.models import F
from grapple.helpers import register_graphql_schema
from grapple.registry import registry

from api.pagination import Paged, list_arguments, paged_type, paginate
from api.prefetch import prefetch_for_api
from api.reverse import ReverseList, reverse_list
from api.selection import Selection

from .choices import LegalForm, PublicBenefitArea
from .models import (
    CouncilMember,
    CouncilTerm,
    LegalFormEnum,
    Organization,
    PublicBenefitAreaEnum,
)


def organization_type():
    return registry.snippets[Organization]


def council_term_type():
    return registry.snippets[CouncilTerm]


def term_type(name, enum, description):
    return type(
        name,
        (graphene.ObjectType,),
        {
            "__doc__": description,
            "value": graphene.Field(graphene.NonNull(enum), description="The value in filters."),
            "label": graphene.String(required=True, description="Its Polish name."),
        },
    )


LegalFormTerm = term_type("LegalFormTerm", LegalFormEnum, "A legal form and its Polish name.")
AreaTerm = term_type(
    "PublicBenefitAreaTerm", PublicBenefitAreaEnum, "An area of public benefit and its Polish name."
)
OrganizationList = paged_type(
    organization_type,
    "OrganizationList",
    "A page of member organizations and how many match in all.",
)


CouncilSeatList = paged_type(
    lambda: registry.django_models[CouncilMember],
    "CouncilSeatList",
    "A page of seats in the Partnership Council and how many there are in all.",
)

reverse_list(
    Organization,
    ReverseList(
        "council_seats",
        CouncilSeatList,
        items=lambda: CouncilMember.objects.filter(term__in=CouncilTerm.objects.published()),
        owner="organization",
        ordering=[F("term__start_date").desc(), F("sort_order").asc(), F("pk").asc()],
        description="Seats of this organization's people in published terms of the "
        "Partnership Council, newest term first.",
    ),
)


def terms(choices):
    return [{"value": value, "label": label} for value, label in choices.choices]


@register_graphql_schema
class OrganizationsQuery:
    organizations = graphene.Field(
        graphene.NonNull(OrganizationList),
        legal_form=graphene.Argument(LegalFormEnum, description="Only of this legal form."),
        area=graphene.Argument(
            PublicBenefitAreaEnum, description="Only active in this area of public benefit."
        ),
        public_benefit=graphene.Boolean(
            description="Only organizations with (true) or without (false) public-benefit status."
        ),
        description="Published member organizations, in Polish alphabetical order "
        "(by relevance when searching names, short names, descriptions, cities).",
        **list_arguments(search=True),
    )
    legal_forms = graphene.List(
        graphene.NonNull(LegalFormTerm),
        required=True,
        description="Every legal form, with its Polish name (for filters and labels).",
    )
    areas = graphene.List(
        graphene.NonNull(AreaTerm),
        required=True,
        description="Every area of public benefit (art. 4 of the public benefit act), "
        "with its Polish name.",
    )
    organization = graphene.Field(
        organization_type,
        slug=graphene.String(required=True),
        description="One published organization by its slug.",
    )
    partnership_council = graphene.Field(
        council_term_type,
        description="The Partnership Council term in force today.",
    )
    council_terms = graphene.List(
        graphene.NonNull(council_term_type),
        required=True,
        description="All published terms of the Partnership Council, newest first.",
        **list_arguments(),
    )

    def resolve_organizations(
        root,
        info,
        legal_form=None,
        area=None,
        public_benefit=None,
        search_query=None,
        search_operator="and",
        limit=None,
        offset=None,
    ):
        selection = Selection.of(info)["items"]
        organizations = Organization.objects.published().filtered(legal_form, area, public_benefit)
        load = lambda items: prefetch_for_api(items, selection)  # noqa: E731  (reverse lists)
        if not search_query:
            return Paged(organizations.in_polish_order().for_api(selection), limit, offset, load)
        # The search backend filters on indexed fields only: the rest as a set of ids.
        searchable = Organization.objects.filter(pk__in=organizations.values("pk"))
        operator = getattr(search_operator, "value", search_operator)
        found = searchable.search(search_query, operator=operator)
        return Paged(found, limit, offset, load)

    def resolve_legal_forms(root, info):
        return terms(LegalForm)

    def resolve_areas(root, info):
        return terms(PublicBenefitArea)

    def resolve_organization(root, info, slug):
        return (
            Organization.objects.published().for_api(Selection.of(info)).filter(slug=slug).first()
        )

    def resolve_partnership_council(root, info):
        return CouncilTerm.objects.current(selection=Selection.of(info))

    def resolve_council_terms(root, info, limit=None, offset=None):
        terms = (
            CouncilTerm.objects.published()
            .for_api(Selection.of(info))
            .order_by("-start_date", "-pk")
        )
        return paginate(terms, limit, offset)
