from django.db import migrations, models


def mark_existing(apps, schema_editor):
    """Rows extracted before versions were recorded were written by version 1."""
    SearchText = apps.get_model("search", "SearchText")
    SearchText.objects.exclude(status="pending").filter(extracted_at__isnull=False) \
        .update(extractor_version=1)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0002_postgres_full_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='searchtext',
            name='extractor_version',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='phiên bản trích xuất'),
        ),
        migrations.RunPython(mark_existing, migrations.RunPython.noop),
    ]
