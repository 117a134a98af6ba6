"""Teaches Schemathesis the view rules JSON Schema cannot state (they are in the document's
descriptions): an absolute range ends after it starts and spans at most 400 days, and repeated
(dim, op) filters merge to at most 100 values. Only positive (schema-valid) cases are dropped when
they break one; negative cases are sent as generated."""
from datetime import datetime

import schemathesis

MAX_SPAN_S = 400 * 86_400
MAX_VALUES = 100


def _instant(text):
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _breaks_view_rules(view):
    if not isinstance(view, dict):
        return False
    rng = view.get("range")
    if isinstance(rng, dict) and "start" in rng and "end" in rng:
        start, end = _instant(rng["start"]), _instant(rng["end"])
        if start and end and not (0 < (end - start).total_seconds() <= MAX_SPAN_S):
            return True
    merged = {}
    for f in view.get("filters") or []:
        if isinstance(f, dict) and isinstance(f.get("values"), list):
            merged.setdefault((f.get("dim"), f.get("op")), set()).update(map(str, f["values"]))
    return any(len(values) > MAX_VALUES for values in merged.values())


@schemathesis.hook
def filter_case(context, case):
    meta = case.meta
    positive = meta is None or meta.generation.mode.is_positive
    body = case.body if isinstance(case.body, dict) else {}
    return not (positive and _breaks_view_rules(body.get("view")))
