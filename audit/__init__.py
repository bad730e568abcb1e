"""Append-only audit trail. Call `audit.record(...)` from services; never write AuditEntry directly.

    import audit
    audit.record("submission.upload", actor=request.user, obj=submission,
                 unit=assignment.unit, changes={"files": ["ke-hoach.pdf"]}, request=request)

- `action`: a dotted name, `<thing>.<verb>` (catalogue and Vietnamese labels in audit/actions.py;
  an unknown name is still recorded and shown as is).
- `actor`: who acted; defaults to the request's user, or to the user of the request being
  served (AuditContextMiddleware) when called from a signal. None means "the system".
- `obj`: the model instance acted on (its type, id and text are copied: the entry survives
  the object). `unit`: the unit concerned; taken from `obj.unit_id` when omitted.
- `changes`: a JSON-able dict, e.g. {"due_date": ["2022-05-07", "2022-06-07"]} for old/new.
- `request`: gives the client's address (same resolution as django-axes, TRUSTED_PROXY_COUNT).
- `actor_name`: the username when there is no account (failed login with an unknown name).

Call it inside the service's transaction: if the change rolls back, so does its entry.
"""


def record(action, *, actor=None, obj=None, unit=None, changes=None, request=None, actor_name=""):
    from audit.services import record as _record

    return _record(action, actor=actor, obj=obj, unit=unit, changes=changes, request=request,
                   actor_name=actor_name)
