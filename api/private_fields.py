"""Root fields answered to the holder of a secret, not to the public (the
`preview` of the previews app, opened by a token). An app registers one with
`register_private_root_field(name)`; for any query that selects one, the API:

- accepts it over POST only: a secret in a URL stays in logs, CDNs and
  browser histories (api.views);
- neither answers it from the response cache nor stores its answer there,
  tells HTTP caches `no-store` (as for every POST), and never registers it as
  a persisted query (api.views);
- lets through the object the field itself returns, which its resolver has
  decided the secret grants; whatever that object leads to (images, pages,
  organizations…) follows the public rules as anywhere else (api.middleware).
"""

from graphql import TypeInfo, TypeInfoVisitor, Visitor, visit

_private_root_fields = set()


def register_private_root_field(name):
    """`name` as in the schema (camelCase)."""
    _private_root_fields.add(name)


def is_private_root(info):
    """Whether the field being resolved is a private root field."""
    return info.field_name in _private_root_fields and info.parent_type is info.schema.query_type


def selected_in(query, document):
    """The private root fields the `document` parsed from `query` selects in
    any of its operations or fragments."""
    if not any(name in query for name in _private_root_fields):
        return frozenset()  # a field's name is in the text of every query selecting it
    from .public_schema import schema

    query_type = schema.graphql_schema.query_type
    type_info = TypeInfo(schema.graphql_schema)
    found = set()

    class RootFields(Visitor):
        def enter_field(self, node, *_args):
            if node.name.value in _private_root_fields and type_info.get_parent_type() is (
                query_type
            ):
                found.add(node.name.value)

    visit(document, TypeInfoVisitor(type_info, RootFields()))
    return frozenset(found)
