"""Units as of a date: the name, kind and parent each unit had on a day (UnitVersion), for
pages, exports and reports about that day. A unit without versions is what its own fields
say, on every date."""

from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class UnitAsOf:
    pk: int
    name: str
    short_name: str
    kind: str
    parent_id: int | None

    @property
    def display_name(self):
        return self.short_name or self.name


def _covering(day):
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def units_as_of(unit_ids, day):
    """{unit id: UnitAsOf} for `unit_ids` on `day` (two queries, whatever the number)."""
    from tasks.models import Unit, UnitVersion

    ids = list(unit_ids)
    found = {}
    for v in UnitVersion.objects.filter(_covering(day), unit_id__in=ids).order_by("valid_from"):
        found[v.unit_id] = UnitAsOf(v.unit_id, v.name, v.short_name, v.kind, v.parent_id)
    missing = [pk for pk in ids if pk not in found]
    for pk, name, short, kind, parent in Unit.objects.filter(pk__in=missing).values_list(
            "pk", "name", "short_name", "kind", "parent_id"):
        found[pk] = UnitAsOf(pk, name, short, kind, parent)
    return found


def unit_as_of(unit, day):
    return units_as_of([unit.pk], day)[unit.pk]


def existing_on(queryset, day):
    """The units of `queryset` that existed on `day`."""
    return queryset.filter((Q(valid_from__isnull=True) | Q(valid_from__lte=day))
                           & (Q(valid_to__isnull=True) | Q(valid_to__gte=day)))
