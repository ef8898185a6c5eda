"""CSV in the admin: "Export selected as CSV" and the editors' upload page for imports.

Both use the code the public site and the command use: the action streams through
`practices.exchange.export.csv_response`, the upload page runs
`practices.exchange.importer.import_practices`.
The page checks the file first (a dry run that shows what would change, or every row's errors),
then imports it when the editor confirms. Between the two steps the file waits in a private
temporary folder, named by a random token kept in the editor's session, and is deleted once
imported; a file left unconfirmed is deleted after a day.

Only editors (and superusers) who may add practices import: an import can publish practices and
create organisations and regions, which members cannot. PracticeAdmin wires this in with
`actions` and `import_urls(self)` in its `get_urls`.
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ..workflow import roles
from .export import base_url_of, csv_response
from .importer import import_practices

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_DIR = Path(tempfile.gettempdir()) / "earlall-practice-imports"
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
SESSION_KEY = "practice_csv_import"


@admin.action(description=_("Export selected as CSV"))
def export_selected_as_csv(modeladmin, request, queryset):
    """The selected practices, whatever their status, in the public export's format."""
    return csv_response(queryset, base_url=base_url_of(request))


def can_import(user) -> bool:
    return bool(
        user.is_active
        and user.is_staff
        and user.has_perm("practices.add_practice")
        and (user.is_superuser or roles.is_editor(user))
    )


class PracticeImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, in the format the CSV export writes (see “CSV export and import” in the "
            "README). At most 20 MB."
        ),
    )
    create_missing = forms.BooleanField(
        label=_("Create missing organisations and regions"),
        required=False,
        help_text=_(
            "Otherwise an organisation or region the catalogue does not have is an error. "
            "Created ones are listed so you can complete them."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext(
                    "The file has %(size)s MB; at most 20 MB can be imported here. Use "
                    "`manage.py import_practices` for larger files."
                )
                % {"size": number_format(upload.size / 1024 / 1024, 1)},
                code="too_large",
            )
        return upload


def import_urls(model_admin) -> list:
    """The upload page's URL, for PracticeAdmin.get_urls."""
    opts = model_admin.model._meta
    return [
        path(
            "import-csv/",
            model_admin.admin_site.admin_view(
                lambda request: practice_import_view(request, model_admin)
            ),
            name=f"{opts.app_label}_{opts.model_name}_import_csv",
        )
    ]


@require_http_methods(["GET", "POST"])
def practice_import_view(request, model_admin):
    if not can_import(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Import practices from CSV"),
        "max_upload_mb": MAX_UPLOAD_BYTES // 1024 // 1024,
    }
    if request.method == "POST" and "confirm" in request.POST:
        return _confirm(request, model_admin, context)
    form = PracticeImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        token, stored = _store(form.cleaned_data["file"])
        create_missing = form.cleaned_data["create_missing"]
        with stored.open("rb") as fileobj:
            result = import_practices(
                fileobj, dry_run=True, create_missing=create_missing, user=request.user
            )
        if result.ok:
            request.session[SESSION_KEY] = {
                "token": token,
                "name": form.cleaned_data["file"].name,
                "create_missing": create_missing,
            }
        else:
            stored.unlink(missing_ok=True)
        context.update(result=result, token=token if result.ok else "")
    context["form"] = form
    return TemplateResponse(request, "admin/practices/practice/import_csv.html", context)


def _confirm(request, model_admin, context):
    pending = request.session.get(SESSION_KEY) or {}
    token = request.POST.get("token", "")
    stored = _path(token)
    if not token or pending.get("token") != token or stored is None or not stored.exists():
        messages.error(request, gettext("That preview has expired: choose the file again."))
        return HttpResponseRedirect(request.path)
    with stored.open("rb") as fileobj:
        result = import_practices(
            fileobj, create_missing=pending["create_missing"], user=request.user
        )
    stored.unlink(missing_ok=True)
    del request.session[SESSION_KEY]
    if not result.ok:
        # The catalogue changed since the preview; nothing was written.
        context.update(result=result, form=PracticeImportForm())
        return TemplateResponse(request, "admin/practices/practice/import_csv.html", context)
    model_admin.message_user(
        request,
        # Translators: the name of the imported file, then what the import did.
        gettext("%(file)s: %(summary)s") % {"file": pending["name"], "summary": result.summary()},
        messages.SUCCESS,
    )
    for note in result.notes():
        model_admin.message_user(request, note, messages.WARNING)
    opts = model_admin.model._meta
    return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))


def _store(upload) -> tuple[str, Path]:
    UPLOAD_DIR.mkdir(mode=0o700, exist_ok=True)
    _remove_stale()
    token = secrets.token_urlsafe(24)
    stored = UPLOAD_DIR / f"{token}.csv"
    with stored.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token, stored


def _path(token: str) -> Path | None:
    """The stored upload of this token; None for anything that is not one of our tokens."""
    if not token or not token.replace("-", "").replace("_", "").isalnum() or len(token) > 64:
        return None
    return UPLOAD_DIR / f"{token}.csv"


def _remove_stale() -> None:
    cutoff = time.time() - UPLOAD_MAX_AGE_SECONDS
    for stale in UPLOAD_DIR.glob("*.csv"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass  # another process removed it first
