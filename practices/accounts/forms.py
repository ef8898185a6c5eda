from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from regions.models import Organisation


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The person will submit practices on behalf of these organisations."),
        error_messages={"required": _("Choose at least one organisation.")},
    )


class AcceptInvitationForm(BaseUserCreationForm):
    """The invited person's own name, username and password (Django's password validators).

    The e-mail address is the invitation's, set by the service, not typed here.
    """

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)

    class Meta(BaseUserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "first_name", "last_name")

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        # UserAttributeSimilarityValidator compares the password with the address too.
        self.instance.email = email

    def clean_username(self):
        username = self.cleaned_data.get("username")
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(
                _("This username is taken; please choose another."), code="username_taken"
            )
        return username


class OneTimeCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())
