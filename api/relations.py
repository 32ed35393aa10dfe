"""Relations from one object to snippets with draft state (a news item's
organizations, a declaration's signatories), declared once, as the GraphQL
field in `graphql_fields`:

    public_relation("related_organizations", organization_type, ordered)

which serves only the public related objects, in the given order, loaded in
bulk for a whole list (`ApiRelationsMixin.api_prefetch`), and with what the
query selects of them (their queryset's `for_api(selection)`).
"""

from functools import cache

from django.db.models import Prefetch, QuerySet
from graphene.utils.str_converters import to_camel_case
from grapple.models import GraphQLField

from core.visibility import public

from .selection import Selection


class PublicRelation(GraphQLField):
    def __init__(self, relation, type_, ordered, description=None):
        super().__init__(
            relation,
            type_,
            is_list=True,
            required=True,
            source="public_relation",
            description=description,
        )
        self.relation = relation
        self.ordered = ordered

    def queryset(self, selection=None):
        """The public related objects, ordered, with what `selection` reads."""
        queryset = public(self.ordered())
        for_api = getattr(queryset, "for_api", None)
        return for_api(selection) if for_api else queryset

    @property
    def prefetched_name(self):
        return f"api_{self.relation}"


def public_relation(relation, type_, ordered, description=None):
    return PublicRelation(relation, type_, ordered, description)


@cache
def relations_of(model):
    fields = [field() if callable(field) else field for field in model.graphql_fields]
    return {
        to_camel_case(field.field_name): field
        for field in fields
        if isinstance(field, PublicRelation)
    }


class ApiRelationsMixin:
    """For models that declare public relations in their `graphql_fields`."""

    def public_related(self, relation, selection=None):
        """The public objects of `relation` (its field name), prefetched or not."""
        declared = relations_of(type(self))[to_camel_case(relation)]
        prefetched = getattr(self, declared.prefetched_name, None)
        if prefetched is not None:
            return prefetched
        related = getattr(self, declared.relation).all()
        if isinstance(related, QuerySet):
            chosen = related.values("pk")
        else:  # chosen in memory, not saved (a revision, a preview): modelcluster's list
            chosen = [each.pk for each in related]
        return declared.queryset(selection).filter(pk__in=chosen)

    def public_relation(self, info, **kwargs):
        """The resolver of every public relation field."""
        return self.public_related(
            relations_of(type(self))[info.field_name].relation, Selection.of(info)
        )

    @classmethod
    def relation_prefetch(cls, selection):
        return [
            Prefetch(
                relation.relation,
                queryset=relation.queryset(selection[name]),
                to_attr=relation.prefetched_name,
            )
            for name, relation in relations_of(cls).items()
            if name in selection
        ]
