from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import document_problem


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their extension."""

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


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form with a message that tells the editor what to do about huge images."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].error_messages["file_too_many_pixels"] = _(
                "The image has too many pixels; at most %(max_pixels_count)s are allowed. Make it "
                "smaller, for example 3000 × 2000 pixels, and upload it again."
            )
