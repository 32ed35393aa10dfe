"""The image form (WAGTAILIMAGES_IMAGE_FORM_BASE): an organization's editor
cannot replace the file of an image already uploaded, only upload new ones. So
the picture the partnership approves as a logo is the one it saw when the
change was submitted, not one swapped in before the click. Every upload is
checked first (core.uploads)."""

from core.uploads import CheckedImageForm

from .permissions import organization_policy


class ImageForm(CheckedImageForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if (
            user is not None
            and self.instance.pk
            and "file" in self.fields
            and organization_policy().is_organization_editor(user)
        ):
            self.fields["file"].disabled = True
            self.fields[
                "file"
            ].help_text = "Pliku nie można podmienić: dodaj nowy obraz i wybierz go w profilu."
