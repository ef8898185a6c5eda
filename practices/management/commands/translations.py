"""Compile the interface's translations, or check them, with polib: no GNU gettext needed.

    manage.py translations           # locale/*/LC_MESSAGES/django.po -> django.mo
    manage.py translations --check   # fails if a .mo differs from its .po, or a message of a
                                     # shipped language is missing, untranslated or fuzzy

`make messages` first collects the messages (Django's makemessages, which needs GNU gettext),
then runs this. README: Languages.
"""

import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def catalogues():
    """(language code, .po path) of every language but the default, in settings order."""
    root = Path(settings.LOCALE_PATHS[0])
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            yield code, root / code / "LC_MESSAGES" / "django.po"


def problems(code, po_path) -> list[str]:
    """What keeps `code`'s catalogue from shipping: missing files, untranslated or fuzzy
    messages, placeholders that differ from the English, a .mo older than its .po."""
    if not po_path.exists():
        return [f"{code}: no {po_path}"]
    po = polib.pofile(str(po_path))
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        label = f"{code}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{label} is fuzzy")
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not all(translations):
            found.append(f"{label} is not translated")
            continue
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            wanted |= set(PLACEHOLDER.findall(entry.msgid_plural))
        for text in translations:
            if set(PLACEHOLDER.findall(text)) - wanted:
                found.append(f"{label}: the translation has placeholders the English has not")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        found.append(f"{code}: no {mo_path} (run manage.py translations)")
    elif _messages(polib.mofile(str(mo_path))) != _messages(po):
        found.append(f"{code}: {mo_path} differs from its .po (run manage.py translations)")
    return found


def _messages(catalogue) -> dict:
    return {
        (entry.msgctxt, entry.msgid): (entry.msgstr, dict(entry.msgstr_plural))
        for entry in catalogue.translated_entries()
        if entry.msgid  # the header
    }


class Command(BaseCommand):
    help = "Compile the translations (.po -> .mo) with polib, or --check them."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail on any problem")

    def handle(self, *args, check=False, **options):
        if check:
            found = [problem for code, path in catalogues() for problem in problems(code, path)]
            if found:
                raise CommandError("\n".join(found))
            self.stdout.write("Every shipped language is complete and compiled.")
            return
        for code, po_path in catalogues():
            if po_path.exists():
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"{code}: compiled")
