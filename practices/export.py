"""CSV export of any filtered practice list (being built: see issue 4)."""

from django.http import Http404


def practice_export(request):
    raise Http404("The CSV export is not available yet.")
