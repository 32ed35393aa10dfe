"""What a query asks of the objects a resolver returns, so that bulk loading
loads what will be read and nothing else: the fields selected below a field
(fragments and inline fragments merged, whatever their type condition: loading a
little more for another type is harmless), and their arguments."""

from functools import cache

from django.core.exceptions import FieldDoesNotExist
from graphene.utils.str_converters import to_camel_case
from graphql import get_named_type
from graphql.execution.values import get_argument_values


class Selection:
    def __init__(self, nodes, info, parent_type=None):
        self.info = info
        self.parent_type = parent_type
        self.fields = {}
        for node in nodes:
            self._collect(node.selection_set, set())

    @classmethod
    def of(cls, info):
        """What the query asks of what the current field returns."""
        return cls(info.field_nodes, info, get_named_type(info.return_type))

    def _collect(self, selection_set, spread):
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if selection.kind == "field":
                self.fields.setdefault(selection.name.value, []).append(selection)
            elif selection.kind == "inline_fragment":
                self._collect(selection.selection_set, spread)
            elif selection.kind == "fragment_spread":
                name = selection.name.value
                fragment = self.info.fragments.get(name)
                if fragment is not None and name not in spread:
                    self._collect(fragment.selection_set, spread | {name})

    def __contains__(self, name):
        return name in self.fields

    def __bool__(self):
        return bool(self.fields)

    def __getitem__(self, name):
        """What is asked below the field `name` (empty if it is not asked for)."""
        return Selection(self.fields.get(name, ()), self.info)

    def arguments(self, name, type_name):
        """The arguments of each use of field `name` of GraphQL type `type_name`,
        as its resolver gets them (variables applied)."""
        field_def = self.info.schema.get_type(type_name).fields[name]
        return [
            get_argument_values(field_def, node, self.info.variable_values)
            for node in self.fields.get(name, ())
        ]


@cache
def _field_sources(model):
    """GraphQL field name -> the model attribute it reads, per `graphql_fields`."""
    fields = [field() if callable(field) else field for field in model.graphql_fields]
    sources = {to_camel_case(field.field_name): field.field_source for field in fields}
    sources["id"] = model._meta.pk.name
    return sources


def columns_for(model, selection, always=()):
    """The columns of `model` a selection reads, with `always`; None when any
    selected field may read more than its own column (a method, a property, a
    relation list), so that nothing is deferred that would then be loaded one
    object at a time."""
    sources = _field_sources(model)
    columns = set(always) | {model._meta.pk.attname}
    for name in selection.fields:
        if name == "__typename":
            continue
        try:
            field = model._meta.get_field(sources.get(name, ""))
        except FieldDoesNotExist:
            return None
        if not field.concrete:
            return None
        columns.add(field.attname)
    return columns
