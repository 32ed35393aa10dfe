"""Root GraphQL fields for organizations and the Partnership Council.

Only published objects are ever returned: these replace grapple's generic snippet
queries, which would also return drafts.
"""

import graphene
from grapple.helpers import register_graphql_schema
from grapple.registry import registry

from api.pagination import list_arguments, paginate
from api.selection import Selection

from .models import CouncilTerm, Organization


def organization_type():
    return registry.snippets[Organization]


def council_term_type():
    return registry.snippets[CouncilTerm]


@register_graphql_schema
class OrganizationsQuery:
    organizations = graphene.List(
        graphene.NonNull(organization_type),
        required=True,
        description="Published member organizations, in Polish alphabetical order "
        "(by relevance when searching names, short names, descriptions, cities).",
        **list_arguments(search=True),
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
        root, info, search_query=None, search_operator="and", limit=None, offset=None
    ):
        organizations = Organization.objects.published().for_api(Selection.of(info))
        if search_query:
            operator = getattr(search_operator, "value", search_operator)
            found = organizations.search(search_query, operator=operator)
            return list(paginate(found, limit, offset))
        return paginate(organizations.in_polish_order(), limit, offset)

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
