"""The organisation admin (regions/admin.py) with an "Invite a member" link for editors."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from regions.admin import OrganisationAdmin
from regions.models import Organisation

from ..workflow.roles import REVIEW_PERMISSION

admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationWithInvitationsAdmin(OrganisationAdmin):
    readonly_fields = ["invite"]

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f != "invite"]
        if obj is not None and request.user.has_perm(REVIEW_PERMISSION):
            fields.append("invite")
        return fields

    @admin.display(description=_("Members"))
    def invite(self, obj):
        url = f"{reverse('accounts:people')}?organisation={obj.pk}"
        label = gettext("Invite a member of %(organisation)s") % {"organisation": obj.name}
        return format_html('<a href="{}">{}</a>', url, label)
