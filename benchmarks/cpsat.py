"""The generic exact formulation, with OR-Tools CP-SAT: the baseline for ``plan()``.

This is what a developer would write without the library's planner: a 0-1
model solved by a general solver. It answers the same question as the choice
step of :func:`onestop.plan` (the format's "Planning semantics"): choose
services (every goal among them) that can be done in some order where each
service's requirement is met by documents held or produced earlier, and
counters offering them; minimise counters, then venues, then services. It
does not date the work (the itinerary), so its timings leave that part out.

The model, for one request:

* ``x[s]``: service ``s`` is done; ``x[g] = 1`` for every goal;
* ``y[k]``: counter ``k`` is used; ``x[s]`` implies some ``y[k]`` with ``k``
  offering ``s``; ``v[w]``: venue ``w`` is used, implied by its counters;
* ``r[s]`` in ``0..n-1``: the service's rank (position in the order);
  ``b[p, s]``: ``p`` is done before ``s`` (``b`` implies ``x[p]`` and
  ``r[p] + 1 <= r[s]``). A document needed by ``s`` is in hand when held or
  when some producer ``p`` has ``b[p, s]``: a service can only use what a
  service of strictly lower rank produced, so cycles (KTP-el / KK) are handled;
* requirement expressions become literals: a document as above, ``all_of``
  implies each item, ``any_of`` implies at least one, nesting to any depth;
  ``x[s]`` implies its requirement's literal;
* objective: ``counters * BIG**2 + venues * BIG + services`` with ``BIG``
  larger than any count, which is the lexicographic order of the spec.

For fairness the model holds only the services that could matter: the
backward cone of the goals (the goals, the services producing a document some
service of the cone needs and the citizen does not hold, and so on), restricted
to services some counter offers; and only the counters offering them. A
service outside the cone produces nothing the goals can use, so the optimum is
the same. The per-catalogue index (producers, offering counters) is built once
and not timed per request, as ``plan()``'s preparation is not.

The solver runs with one worker (one core), like ``plan()``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import NamedTuple

from ortools.sat.python import cp_model

import onestop
from onestop.requirements import AllOf, AnyOf, Doc, Requirement

__all__ = ["Index", "Optimum", "solve"]


class Optimum(NamedTuple):
    """The optimum found: counts, the cone size, and how long it took."""

    counters: int
    venues: int
    services: int
    cone: int
    optimal: bool
    seconds: float  # model building and solving, wall clock


class Index:
    """What the model needs from a catalogue, built once per catalogue."""

    def __init__(self, catalogue: onestop.Catalogue) -> None:
        self.requires: dict[str, Requirement] = {s.id: s.requires for s in catalogue.services}
        self.needs: dict[str, tuple[str, ...]] = {
            s.id: s.requires.documents() for s in catalogue.services
        }
        self.offering: dict[str, list[str]] = {}
        self.counter_venue: dict[str, str] = {}
        for counter in catalogue.counters:
            self.counter_venue[counter.id] = counter.venue
            for sid in dict.fromkeys(counter.services):
                self.offering.setdefault(sid, []).append(counter.id)
        self.producers: dict[str, list[str]] = {}
        for s in catalogue.services:
            if s.id in self.offering:
                for d in dict.fromkeys(s.produces):
                    self.producers.setdefault(d, []).append(s.id)


def cone(index: Index, goals: Iterable[str], held: set[str]) -> list[str]:
    """The goals and every offered service that could produce a document they need."""
    out = list(dict.fromkeys(goals))
    seen = set(out)
    for sid in out:
        for d in index.needs[sid]:
            if d in held:
                continue
            for p in index.producers.get(d, ()):
                if p not in seen:
                    seen.add(p)
                    out.append(p)
    return out


def solve(
    catalogue: onestop.Catalogue,
    goals: Iterable[str],
    holding: Iterable[str] = (),
    *,
    index: Index | None = None,
    time_limit: float = 120.0,
) -> Optimum:
    """Return the (counters, venues, services) optimum; raise ValueError if infeasible."""
    started = time.perf_counter()
    if index is None:
        index = Index(catalogue)
    held = set(holding)
    goal_list = list(dict.fromkeys(goals))
    services = cone(index, goal_list, held)
    position = {s: i for i, s in enumerate(services)}
    n = len(services)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x[{s}]") for s in services]
    rank = [model.new_int_var(0, max(0, n - 1), f"r[{s}]") for s in services]
    for g in goal_list:
        model.add(x[position[g]] == 1)

    before: dict[tuple[int, int], cp_model.IntVar] = {}

    def precedes(p: int, s: int) -> cp_model.IntVar:
        found = before.get((p, s))
        if found is None:
            found = before[p, s] = model.new_bool_var(f"b[{p},{s}]")
            model.add_implication(found, x[p])
            model.add(rank[p] + 1 <= rank[s]).only_enforce_if(found)
        return found

    in_hand: dict[tuple[int, str], cp_model.IntVar | bool] = {}

    def document(s: int, d: str) -> cp_model.IntVar | bool:
        if d in held:
            return True
        found = in_hand.get((s, d))
        if found is None:
            sources = [
                precedes(position[p], s)
                for p in index.producers.get(d, ())
                if p in position and position[p] != s
            ]
            if not sources:
                found = False
            else:
                found = model.new_bool_var(f"h[{s},{d}]")
                model.add_bool_or(sources).only_enforce_if(found)
            in_hand[s, d] = found
        return found

    def literal(s: int, req: Requirement) -> cp_model.IntVar | bool:
        if isinstance(req, Doc):
            return document(s, req.id)
        parts = [literal(s, item) for item in req.items]
        if isinstance(req, AnyOf):
            if any(p is True for p in parts):
                return True
            live = [p for p in parts if p is not False]
            if not live:
                return False
            if len(live) == 1:
                return live[0]
            node = model.new_bool_var("any")
            model.add_bool_or(live).only_enforce_if(node)
            return node
        assert isinstance(req, AllOf)
        if any(p is False for p in parts):
            return False
        live = [p for p in parts if p is not True]
        if not live:
            return True
        if len(live) == 1:
            return live[0]
        node = model.new_bool_var("all")
        for p in live:
            model.add_implication(node, p)
        return node

    for i, sid in enumerate(services):
        need = literal(i, index.requires[sid])
        if need is False:
            model.add(x[i] == 0)
        elif need is not True:
            model.add_implication(x[i], need)

    counter_ids = sorted({k for s in services for k in index.offering[s]})
    y = {k: model.new_bool_var(f"y[{k}]") for k in counter_ids}
    venue_ids = sorted({index.counter_venue[k] for k in counter_ids})
    v = {w: model.new_bool_var(f"v[{w}]") for w in venue_ids}
    for i, sid in enumerate(services):
        model.add_bool_or([y[k] for k in index.offering[sid]]).only_enforce_if(x[i])
    for k in counter_ids:
        model.add_implication(y[k], v[index.counter_venue[k]])
    big = n + len(venue_ids) + 1
    model.minimize(big * big * sum(y.values()) + big * sum(v.values()) + sum(x))

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise ValueError(f"CP-SAT: {solver.status_name(status)}")
    counters = sum(solver.boolean_value(var) for var in y.values())
    venues = sum(solver.boolean_value(var) for var in v.values())
    done = sum(solver.boolean_value(var) for var in x)
    return Optimum(
        counters,
        venues,
        done,
        n,
        status == cp_model.OPTIMAL,
        time.perf_counter() - started,
    )
