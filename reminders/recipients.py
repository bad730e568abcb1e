"""Who receives a unit's reminders: its active members, loaded once per sweep.

Routine reminders and urges go to the unit's officers (to its heads when it has no active
officer, so no unit is forgotten); escalations go to the unit's heads and to the active
members of the unit that tracks the directive (the City Military Party Committee).
"""

from collections import defaultdict

from directives.models import Directive
from tasks.models import Membership

UNIT = "unit"
ESCALATION = "escalation"


class RecipientDirectory:
    def __init__(self, officers, heads, tracking_unit_of):
        self._officers = officers
        self._heads = heads
        self._tracking_unit_of = tracking_unit_of

    @classmethod
    def load(cls):
        """Two queries, whatever the number of assignments: every active membership of an
        active unit (a few per unit), and each directive's tracking unit."""
        officers, heads = defaultdict(list), defaultdict(list)
        rows = Membership.objects.filter(user__is_active=True, unit__is_active=True)
        for unit_id, user_id, role in rows.order_by("unit_id", "user_id").values_list(
            "unit_id", "user_id", "role"
        ):
            (heads if role == Membership.Role.HEAD else officers)[unit_id].append(user_id)
        tracking = dict(Directive.objects.values_list("pk", "tracking_unit_id"))
        return cls(dict(officers), dict(heads), tracking)

    def unit_members(self, unit_id):
        return self._officers.get(unit_id) or self._heads.get(unit_id) or []

    def escalation_members(self, unit_id, directive_id):
        tracking_unit = self._tracking_unit_of.get(directive_id)
        people = list(self._heads.get(unit_id, []))
        if tracking_unit is not None:
            people += self._officers.get(tracking_unit, []) + self._heads.get(tracking_unit, [])
        return list(dict.fromkeys(people))

    def recipients(self, audience, unit_id, directive_id):
        if audience == ESCALATION:
            return self.escalation_members(unit_id, directive_id)
        return self.unit_members(unit_id)
