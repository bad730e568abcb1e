"""Reading ids and numbers from a request's raw values (views that take them outside a form)."""

BIGINT_MAX = 2**63 - 1


def int_or_none(value):
    """The value as an id-sized integer, or None for anything else (text, too large, empty)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if -BIGINT_MAX <= number <= BIGINT_MAX else None
