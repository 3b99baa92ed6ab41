from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .uploads import document_problem, image_decodes


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their extension, and
    telling the editor up front which formats are allowed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = document_help_text()

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            problem = document_problem(uploaded.name, uploaded)
            if problem:
                raise ValidationError(problem, code="content_mismatch")
        return uploaded

    def _post_clean(self):
        # Model validation would check the extension of the (now removed) file again and add a
        # confusing second message about an empty extension; the form is invalid already.
        if self.has_error("file", code="content_mismatch"):
            return
        super()._post_clean()


def document_help_text() -> str:
    extensions = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
    size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    parts = []
    if extensions:
        parts.append(
            _("Allowed formats: %(formats)s.")
            % {"formats": ", ".join(extension.upper() for extension in extensions)}
        )
    if size:
        parts.append(_("Maximum file size: %(size)s.") % {"size": filesizeformat(size)})
    return " ".join(str(part) for part in parts)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing images that do not decode completely.

    Wagtail reads only the header (format and size), and lets Pillow's errors for a broken header
    (a GIF header followed by text, junk after a PNG signature) escape as server errors. Here any
    such error, and any image that fails to decode in full (a truncated PNG), gets the field's
    ordinary "not a valid image" message, so the add view, the chooser and the multiple-upload
    JSON endpoint all answer with it and store nothing.
    """

    def to_python(self, data):
        invalid = ValidationError(self.error_messages["invalid_image"], code="invalid_image")
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except Exception as exc:  # Pillow raises many kinds for broken headers
            raise invalid from exc
        if uploaded is not None and not image_decodes(uploaded):
            raise invalid
        return uploaded


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form, with CheckedImageField and a message that tells the editor what to
    do about huge images."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # Wagtail builds the field itself (formfield_for_dbfield, which takes no field class),
            # so the subclass is put in place on the instance, keeping its widget and settings.
            self.fields["file"].__class__ = CheckedImageField
            self.fields["file"].error_messages["file_too_many_pixels"] = _(
                "The image has too many pixels; at most %(max_pixels_count)s are allowed. Make it "
                "smaller, for example 3000 × 2000 pixels, and upload it again."
            )
