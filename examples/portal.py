"""For a portal developer: answer a citizen's request with a plan as JSON.

A city portal (Django, FastAPI, ...) receives a request naming what the
citizen wants and what they already hold, and renders the itinerary. The
catalogue is loaded once at start-up; planning on it is then fast, and the
per-catalogue preparation is kept with the catalogue object.

Run: python examples/portal.py
"""

import datetime as dt
import json
from typing import Any

import onestop

CATALOGUE = onestop.builtin("probolinggo")  # load once, plan many times


def handle(request: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Return (HTTP status, JSON body) for a plan request."""
    try:
        start = dt.date.fromisoformat(request["start"]) if "start" in request else None
        plan = onestop.plan(
            CATALOGUE,
            request["goals"],
            holding=request.get("holding", []),
            start=start,
            venues=request.get("venues"),
        )
    except onestop.PlanningError as err:
        return 422, {"problems": [{"path": p.path, "message": p.message} for p in err.problems]}
    except (KeyError, ValueError) as err:
        return 400, {"problems": [{"path": "", "message": f"bad request: {err}"}]}
    body = plan.to_dict()
    body["text"] = plan.explain()  # for a plain-text or SMS channel
    return 200, body


if __name__ == "__main__":
    good = {
        "goals": ["buka-usaha-mikro"],
        "holding": ["ktp-el", "kk", "label-pangan"],
        "start": "2026-12-01",
    }
    status, body = handle(good)
    print(status)
    print(json.dumps({k: body[k] for k in ("counters", "venues", "finish", "visits")}, indent=2))

    typo = {"goals": ["buka-usaha"], "holding": ["ktp"], "start": "2026-12-01"}
    status, body = handle(typo)
    print(status)
    print(json.dumps(body, indent=2))
