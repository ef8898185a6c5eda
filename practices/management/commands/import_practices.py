from django.core.management.base import BaseCommand, CommandError

from practices.exchange.importer import import_practices


class Command(BaseCommand):
    help = (
        "Import practices from a CSV in the export's format (see the README, “CSV export and "
        "import”). Every row is checked; nothing is written unless the whole file is valid. "
        "A row whose slug exists updates that practice."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file (UTF-8, as the export writes it)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without writing anything",
        )
        parser.add_argument(
            "--create-missing",
            action="store_true",
            help="create the organisations and regions the file names but the catalogue lacks",
        )

    def handle(self, *args, file, dry_run=False, create_missing=False, **options):
        try:
            fileobj = open(file, "rb")  # noqa: SIM115 (closed below, after the import)
        except OSError as exc:
            raise CommandError(f"Cannot open {file}: {exc.strerror}.") from None
        with fileobj:
            result = import_practices(fileobj, dry_run=dry_run, create_missing=create_missing)
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            raise CommandError(result.summary())
        for note in result.notes():
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(self.style.SUCCESS(result.summary()))
