"""The importer's unit registry built from the units in the database, not from its bundled copy."""

from django.utils.translation import gettext_lazy as _

from directives.importer import Registry, default_registry
from tasks.models import Unit

# Groups usable as "@name", by the kind of unit they gather.
KIND_GROUPS = {
    "wards": Unit.Kind.WARD,
    "departments": Unit.Kind.DEPARTMENT,
    "mass_orgs": Unit.Kind.MASS_ORG,
    "militia": Unit.Kind.MILITIA,
    "self_defence": Unit.Kind.SELF_DEFENCE,
    "party_cells": Unit.Kind.PARTY_CELL,
}

GROUP_LABELS = {
    "wards": _("Tất cả các phường"),
    "departments": _("Các phòng, ban, ngành"),
    "party_boards": _("Các cơ quan chức năng của Thành ủy"),
    "mass_orgs": _("Mặt trận và các đoàn thể"),
    "militia": _("Dân quân"),
    "self_defence": _("Các đơn vị tự vệ"),
    "party_cells": _("Các Chi bộ, Đảng bộ cơ sở"),
}


def unit_rows():
    return [
        {"key": u.key, "name": u.name, "short_name": u.short_name, "kind": u.kind,
         "parent": u.parent.key if u.parent_id else None}
        for u in Unit.objects.filter(is_active=True).select_related("parent").order_by("kind", "name")
    ]


def database_groups(units, bundled=None):
    """@groups from the units' kinds. A unit the bundled registry knows keeps its curated
    membership (the City People's Committee is of kind "department" but is not one of the
    city's departments); a unit added since joins the group of its kind."""
    bundled = bundled or default_registry()
    keys = {u["key"] for u in units}
    groups = {}
    for name, kind in KIND_GROUPS.items():
        curated = set(bundled.groups.get(name, []))
        members = [u["key"] for u in units if u["kind"] == kind
                   and (u["key"] not in bundled.units or u["key"] in curated)]
        if members:
            groups[name] = members
    for name, members in bundled.groups.items():
        if name not in KIND_GROUPS:
            kept = [k for k in members if k in keys]
            if kept:
                groups[name] = kept
    return groups


def registry_from_database():
    """A Registry of the active units in the database, with the bundled phrases and topics
    kept where the units they name exist."""
    bundled = default_registry()
    units = unit_rows()
    keys = {u["key"] for u in units}
    groups = database_groups(units, bundled)

    def known(key):
        return key[1:] in groups if key.startswith("@") else key in keys

    aliases = {role: key for role, key in bundled.aliases.items() if key in keys}
    phrases = [(phrase, refs) for phrase, refs in bundled.phrases if all(known(k) for k in refs)]
    topics = [(rx, [k for k in refs if known(k)]) for rx, refs in bundled.topics]
    topics = [(rx, refs) for rx, refs in topics if refs]
    tracking = bundled.tracking_default if bundled.tracking_default in keys else next(
        (u["key"] for u in units if u["kind"] == Unit.Kind.MILITARY), "")
    return Registry.from_data(units, groups, aliases=aliases, phrases=phrases, topics=topics,
                              tracking_default=tracking)
