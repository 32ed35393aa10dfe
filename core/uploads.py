"""Uploads checked before anything is saved: an image that is truncated,
mislabelled, too large or a decompression bomb, and a document that is too
large or of a type not on the list, get a clear Polish error, through the
single and the multiple uploader alike, and leave no row and no file.

Wagtail's image field checks the extension, the declared format, the size
and the pixel count; some broken files still make it raise (a 500) or pass
until a rendition is made. Here the whole picture is decoded once, within the
pixel limit, and any failure is a form error.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PillowImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

BROKEN_IMAGE = (
    "Tego pliku nie da się odczytać jako obrazu (jest uszkodzony, niekompletny albo ma "
    "rozszerzenie innego formatu). Zapisz go ponownie jako JPG, PNG lub WebP i wyślij jeszcze raz."
)
TOO_MANY_PIXELS = "Obraz ma za dużo pikseli (najwięcej {limit} mln). Zmniejsz go i wyślij ponownie."


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
            raise ValidationError(self._too_many_pixels(), code="file_too_many_pixels") from None
        except Exception:  # Pillow and Willow raise many kinds on broken files
            raise ValidationError(BROKEN_IMAGE, code="invalid_image") from None
        if uploaded is not None:
            self._decode_whole(uploaded)
        return uploaded

    def _too_many_pixels(self):
        return TOO_MANY_PIXELS.format(limit=round(self.max_image_pixels / 1_000_000))

    def _decode_whole(self, uploaded):
        """Every pixel read once: a file cut short fails here, not in a rendition."""
        source = (
            uploaded.temporary_file_path() if hasattr(uploaded, "temporary_file_path") else uploaded
        )
        if hasattr(source, "seek"):
            source.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
                with PillowImage.open(source) as picture:
                    width, height = picture.size
                    if width * height > self.max_image_pixels:
                        raise ValidationError(self._too_many_pixels(), code="file_too_many_pixels")
                    picture.load()
        except ValidationError:
            raise
        except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
            raise ValidationError(self._too_many_pixels(), code="file_too_many_pixels") from None
        except Exception:
            raise ValidationError(BROKEN_IMAGE, code="invalid_image") from None
        finally:
            if hasattr(source, "seek"):
                source.seek(0)


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if isinstance(field, WagtailImageField) and not isinstance(field, CheckedImageField):
            checked = CheckedImageField(
                label=field.label, required=field.required, disabled=field.disabled
            )
            checked.widget = field.widget
            self.fields["file"] = checked


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if uploaded is not None and getattr(uploaded, "size", 0) > limit:
            raise ValidationError(
                f"Plik jest za duży ({filesizeformat(uploaded.size)}); "
                f"najwięcej {filesizeformat(limit)}."
            )
        return uploaded
