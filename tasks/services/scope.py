from tasks.services.errors import OutOfScope


def load_for(queryset, user, pk, action, *, lock=False):
    """Re-read one object through `visible_to` inside the caller's transaction, locked if asked."""
    qs = queryset.visible_to(user, action)
    if lock:
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise OutOfScope(f"{queryset.model._meta.label} {pk} is out of reach for {action!r}") from None
