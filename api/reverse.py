"""Paged lists of what points at an object (an organization's news, its events,
its council seats), served as fields of the object's type, `{ items total }`,
and loaded for a whole list of owners in a few queries whatever its length:
one for every owner's page of items (a window function numbers each owner's
items), one for their totals, and the items' own bulk loading.

An app declares one with `reverse_list(...)` and adds it to another app's type
with `extend_type` (the type's app need not know it: news point at
organizations, and organizations do not import news). The API adds the fields
once grapple has built the types (`apply_type_extensions`).
"""

import graphene
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from core.visibility import query_fact

from .pagination import list_arguments
from .prefetch import prefetch_for_api
from .selection import Selection

_extensions = []


def extend_type(model, fields):
    """Add `fields()` (name → graphene Field) to `model`'s GraphQL type."""
    _extensions.append((model, fields))


def apply_type_extensions():
    from grapple.registry import registry

    for model, fields in _extensions:
        registry.models[model]._meta.fields.update(fields())


class ReverseList:
    """`name` on an owner type: the public items of `items()` whose `owner`
    lookup (a path from an item to the owner's id) names the owner, in
    `ordering`, paged."""

    def __init__(self, name, list_type, items, owner, ordering, description, **arguments):
        self.name = name
        self.list_type = list_type
        self.items = items
        self.owner = owner
        self.ordering = ordering
        self.description = description
        self.arguments = arguments

    def field(self):
        return graphene.Field(
            graphene.NonNull(self.list_type),
            resolver=self.resolve,
            description=self.description,
            **list_arguments(),
            **self.arguments,
        )

    @property
    def graphql_name(self):
        from graphene.utils.str_converters import to_camel_case

        return to_camel_case(self.name)

    def resolve(self, owner, info, **arguments):
        loaded = getattr(owner, "api_reverse_lists", {}).get(self.key(arguments))
        if loaded is None:  # not loaded with a list: this owner alone
            self.load([owner], arguments, Selection.of(info)["items"])
            loaded = owner.api_reverse_lists[self.key(arguments)]
        return loaded

    def key(self, arguments):
        return (self.name, tuple(sorted((k, str(v)) for k, v in arguments.items())))

    def load(self, owners, arguments, items_selection):
        """Every owner's page and total for `arguments`, in a few queries."""
        limit = arguments.get("limit") or 20
        offset = arguments.get("offset") or 0
        filters = {k: v for k, v in arguments.items() if k not in ("limit", "offset")}
        items = self.items(**filters).filter(**{f"{self.owner}__in": [o.pk for o in owners]})
        numbered = items.annotate(
            api_owner=F(self.owner),
            api_row=Window(RowNumber(), partition_by=F(self.owner), order_by=self.ordering),
        ).filter(api_row__gt=offset, api_row__lte=offset + limit)
        # Each owner's page of ids, like the totals below, is a fact of the
        # content version: the window runs over every item of the owner (an
        # organization's hundreds of news), once per version, not per request.
        rows = query_fact(numbered.values_list("api_owner", "pk", "api_row"), list)
        by_pk = {
            item.pk: item
            for item in prefetch_for_api(
                list(self.items(**filters).filter(pk__in={pk for _, pk, _ in rows})),
                items_selection,
            )
        }
        totals = query_fact(
            items.values(api_owner=F(self.owner))
            .order_by()
            .annotate(api_total=Count("pk", distinct=True))
            .values_list("api_owner", "api_total"),
            dict,
        )
        pages = {owner.pk: [] for owner in owners}
        for owner_pk, pk, _ in sorted(rows, key=lambda row: (row[0], row[2])):
            pages[owner_pk].append(by_pk[pk])
        for owner in owners:
            loaded = getattr(owner, "api_reverse_lists", None)
            if loaded is None:
                loaded = owner.api_reverse_lists = {}
            loaded[self.key(arguments)] = {
                "items": pages[owner.pk],
                "total": totals.get(owner.pk, 0),
            }


_reverse_lists = {}


def reverse_list(model, reverse):
    """Declare `reverse` (a ReverseList) on `model`'s type, bulk-loaded with lists."""
    _reverse_lists.setdefault(model, []).append(reverse)
    extend_type(model, lambda: {reverse.name: reverse.field()})


def prefetch_reverse_lists(model, owners, selection):
    """For a list of owners: each reverse list the selection asks for, once per
    set of arguments it is asked with."""
    for reverse in _reverse_lists.get(model, ()):
        if reverse.graphql_name not in selection:
            continue
        for arguments in selection.arguments(reverse.graphql_name, type_name(model)):
            reverse.load(owners, arguments, selection[reverse.graphql_name]["items"])


def type_name(model):
    from grapple.registry import registry

    return registry.models[model]._meta.name
