"""An illustrative reorganisation for the demo: two demo wards merged into one new ward from
01/07/2025, so the portal shows both the 2022 view (2022's names) and the later one. It is an
example, marked as such, not official data about Từ Sơn's wards."""

import datetime

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from tasks.models import Reorganisation, Unit
from tasks.services import reorganisation as reorg
from tasks.unit_history import existing_on, names_as_of

NOTE = "VÍ DỤ MINH HỌA trên dữ liệu thử, không phải số liệu chính thức"
NEW_KEY = "p-vi-du-hop-nhat"
EFFECTIVE = datetime.date(2025, 7, 1)
BEFORE = datetime.date(2022, 6, 30)


class Command(BaseCommand):
    help = "Merge two demo wards into a new example ward from 01/07/2025 (illustrative only)."

    def add_arguments(self, parser):
        parser.add_argument("--sources", nargs=2, default=["p-dinh-bang", "p-tam-son"])

    def handle(self, *args, sources, **options):
        if Unit.objects.filter(key=NEW_KEY).exists():
            self.stdout.write("The example reorganisation is already there.")
            return
        units = list(Unit.objects.filter(key__in=sources))
        if len(units) != 2:
            raise CommandError(f"no demo wards {sources}: run seed_demo first")
        office = get_user_model().objects.filter(username="vanphong").first() or \
            get_user_model().objects.filter(is_superuser=True).first()
        with transaction.atomic():  # founded and merged together, or not at all
            new = reorg.unit_create(actor=office, key=NEW_KEY, kind=Unit.Kind.WARD, valid_from=EFFECTIVE,
                                    name="Đảng ủy phường Ví dụ (hợp nhất, minh họa)", short_name="Ví dụ hợp nhất")
            record = reorg.merge_apply(actor=office, source_ids=[u.pk for u in units], target_id=new.pk,
                                       effective=EFFECTIVE, note=NOTE)
        assert isinstance(record, Reorganisation)
        self.stdout.write(f"Example: {', '.join(u.name for u in units)} merged into {new.name} "
                          f"from {EFFECTIVE:%d/%m/%Y} ({len(record.summary['moved'])} open assignments moved). "
                          f"{NOTE}.")
        for day, view in ((BEFORE, "2022 view"), (timezone.localdate(), "today's view")):
            wards = existing_on(Unit.objects.filter(pk__in=[new.pk, *[u.pk for u in units]]), day)
            names = sorted(names_as_of(wards.values_list("pk", flat=True), day).values())
            self.stdout.write(f"{view} ({day:%d/%m/%Y}): {'; '.join(names)}")
        self.stdout.write("Dashboard: ?ngay=30/06/2022 shows the 2022 wards; today the example ward, with the "
                          "merged wards' figures under it (hop_nhat=gop, the default) or separately (hop_nhat=rieng).")
