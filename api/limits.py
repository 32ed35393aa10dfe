"""How big a query the public API accepts.

Every query passes GraphQL's standard validation first, then these limits:

- size: at most ``API_MAX_QUERY_TOKENS`` lexical tokens (checked while parsing);
- fields: at most ``API_MAX_QUERY_FIELDS`` once fragments are expanded (a few
  bytes of fragments spreading each other can otherwise stand for millions);
- depth: at most ``API_MAX_QUERY_DEPTH`` nested fields (introspection fields aside);
- cost: at most ``API_MAX_QUERY_COST``, where

      cost(selection) = Σ over its fields: 1 + n(field) × cost(field's selection)

  and n(field) is 1 for a single object; for a list, or a page of a list
  (`news(limit: 20) { items { … } total }`, whose `items` then count once), it is
  the literal `limit` (capped at MAX_PAGE_SIZE), MAX_PAGE_SIZE when `limit` is a
  variable, PAGE_SIZE for a paginated list without `limit`, and
  ``API_UNPAGED_LIST_SIZE`` for a list without pagination (blocks of a body,
  signatories, tags…). Fragments count
  where they are spread. Example: ``pages(limit: 50) { title tags { name } }``
  costs 1 + 50 × (1 + (1 + 10 × 1)) = 601.

Every list, nested ones included, is also cut at MAX_PAGE_SIZE when executed
(api.middleware); introspection can be switched off with ``API_INTROSPECTION``.
"""

from django.conf import settings
from graphene.validation import depth_limit_validator
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    NoSchemaIntrospectionCustomRule,
    ValidationRule,
    ValuesOfCorrectTypeRule,
    get_named_type,
    is_list_type,
    specified_rules,
)
from graphql.type import GraphQLNonNull, is_interface_type, is_object_type
from grapple.settings import grapple_settings


class ValuesNamingTheirArgumentRule(ValuesOfCorrectTypeRule):
    """GraphQL's check of literal values, with the argument named in its message."""

    argument = None

    def enter_argument(self, node, *_args):
        self.argument = node.name.value

    def leave_argument(self, *_args):
        self.argument = None

    def report_error(self, error):
        if self.argument and f"`{self.argument}`" not in error.message:
            message, hint, suggestion = error.message.partition(" Did you mean")
            error = GraphQLError(
                f"{message.rstrip('.')} (argument `{self.argument}`).{hint}{suggestion}",
                error.nodes,
                original_error=error.original_error,
            )
        super().report_error(error)


def standard_rules():
    rules = [
        ValuesNamingTheirArgumentRule if rule is ValuesOfCorrectTypeRule else rule
        for rule in specified_rules
    ]
    if not settings.API_INTROSPECTION:
        # Unlike graphene's DisableIntrospection, this keeps `__typename`, which
        # Apollo Client adds to every selection.
        rules.append(NoSchemaIntrospectionCustomRule)
    return tuple(rules)


def limit_rules():
    """Run in this order, each pass only when the previous passed: the cost rule
    prices each fragment once, so a document that spreads fragments exponentially
    is refused before graphene's depth rule would walk every expansion."""
    return (
        (QueryCostRule,),
        (depth_limit_validator(max_depth=settings.API_MAX_QUERY_DEPTH),),
    )


def list_size(field_node, field_def):
    if "limit" in field_def.args:
        argument = next((arg for arg in field_node.arguments if arg.name.value == "limit"), None)
        if argument is None:
            return grapple_settings.PAGE_SIZE
        if isinstance(argument.value, IntValueNode):
            return max(1, min(int(argument.value.value), grapple_settings.MAX_PAGE_SIZE))
        return grapple_settings.MAX_PAGE_SIZE
    return settings.API_UNPAGED_LIST_SIZE


class QueryCostRule(ValidationRule):
    """Rejects operations whose estimated cost (see the module docstring) is too high."""

    def __init__(self, context):
        super().__init__(context)
        self.fragment_costs = {}
        self.fragment_sizes = {}

    def enter_operation_definition(self, node, *_args):
        fields = self.expanded_size(node.selection_set, frozenset())
        if fields > settings.API_MAX_QUERY_FIELDS:
            self.report_error(
                GraphQLError(
                    f"Query is too large: {fields} fields once its fragments are expanded "
                    f"(at most {settings.API_MAX_QUERY_FIELDS}).",
                    node,
                )
            )
            return
        schema = self.context.schema
        root = schema.get_root_type(node.operation)
        if root is None:
            return
        cost = self.selection_cost(node.selection_set, root, frozenset())
        limit = settings.API_MAX_QUERY_COST
        if cost > limit:
            self.report_error(
                GraphQLError(
                    f"Query is too expensive: estimated cost {cost} exceeds {limit}. "
                    "Ask for fewer items (`limit`) or fewer nested lists.",
                    node,
                )
            )

    def expanded_size(self, selection_set, fragments_seen):
        """How many fields the operation has with every fragment spread expanded,
        introspection included; each fragment is counted once and reused."""
        if selection_set is None:
            return 0
        size = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                size += 1 + self.expanded_size(selection.selection_set, fragments_seen)
            elif isinstance(selection, InlineFragmentNode):
                size += self.expanded_size(selection.selection_set, fragments_seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in fragments_seen:
                    continue
                if name not in self.fragment_sizes:
                    self.fragment_sizes[name] = self.expanded_size(
                        fragment.selection_set, fragments_seen | {name}
                    )
                size += self.fragment_sizes[name]
        return size

    def selection_cost(self, selection_set, parent_type, fragments_seen):
        if selection_set is None:
            return 0
        cost = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                cost += self.field_cost(selection, parent_type, fragments_seen)
            elif isinstance(selection, InlineFragmentNode):
                fragment_type = (
                    self.context.schema.get_type(selection.type_condition.name.value)
                    if selection.type_condition
                    else parent_type
                )
                cost += self.selection_cost(selection.selection_set, fragment_type, fragments_seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.context.get_fragment(name)
                if fragment is None or name in fragments_seen:
                    continue  # unknown and cyclic fragments are reported by the standard rules
                if name not in self.fragment_costs:
                    fragment_type = self.context.schema.get_type(fragment.type_condition.name.value)
                    self.fragment_costs[name] = self.selection_cost(
                        fragment.selection_set, fragment_type, fragments_seen | {name}
                    )
                cost += self.fragment_costs[name]
        return cost

    def field_cost(self, node, parent_type, fragments_seen):
        name = node.name.value
        if name.startswith("__") or not (
            is_object_type(parent_type) or is_interface_type(parent_type)
        ):
            return 0
        field_def = parent_type.fields.get(name)
        if field_def is None:
            return 0
        field_type = field_def.type
        if isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        if name == "items" and "total" in parent_type.fields:
            count = 1  # a page's items: counted by the page's `limit`, one level up
        elif is_list_type(field_type) or "limit" in field_def.args:
            count = list_size(node, field_def)  # a list, or one page of a list
        else:
            count = 1
        children = self.selection_cost(
            node.selection_set, get_named_type(field_def.type), fragments_seen
        )
        return 1 + count * children
