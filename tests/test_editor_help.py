"""Every field an editor or organization fills in explains itself in Polish."""

import pytest
from django.apps import apps
from wagtail.admin.panels import get_edit_handler
from wagtail.blocks import StreamBlock, StructBlock
from wagtail.fields import StreamField
from wagtail.models import Page

from pages.blocks import BodyBlock

OWN_APPS = ("pages", "organizations")


def editor_fields():
    page_fields = {field.name for field in Page._meta.get_fields()}
    for app_label in OWN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if not (issubclass(model, Page) or hasattr(model, "panels")):
                continue
            for name in get_edit_handler(model).get_form_options().get("fields", []):
                if name not in page_fields:
                    yield model, model._meta.get_field(name)


@pytest.mark.parametrize(
    ("model", "field"),
    [pytest.param(m, f, id=f"{m.__name__}.{f.name}") for m, f in editor_fields()],
)
def test_editor_field_has_polish_help_text(model, field):
    assert str(field.help_text).strip(), f"{model.__name__}.{field.name} has no help text"


def child_blocks(block):
    for name, child in block.child_blocks.items():
        yield name, child
        if isinstance(child, (StructBlock, StreamBlock)):
            yield from child_blocks(child)


def stream_blocks():
    yield "BodyBlock", BodyBlock()
    for app_label in OWN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, StreamField):
                    yield f"{model.__name__}.{field.name}", field.stream_block


def help_text_of(block):
    form_field = getattr(block, "field", None)  # FieldBlocks keep it on their form field
    return getattr(form_field, "help_text", None) or getattr(block.meta, "help_text", None)


@pytest.mark.parametrize(("where", "stream"), list(stream_blocks()))
def test_every_block_field_has_polish_help_text(where, stream):
    for name, block in child_blocks(stream):
        if isinstance(block, StructBlock):
            continue  # the struct's own fields carry the help
        assert help_text_of(block), f"{where}: block {name} has no help text"
