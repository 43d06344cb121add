"""``plan()``: resolve the request, choose exactly, date the work, build the :class:`Plan`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Final, Literal

from onestop._suggest import did_you_mean
from onestop.calendar import today, work_calendar
from onestop.errors import PlanningError, Problem
from onestop.model import KINDS, Catalogue
from onestop.planning.itinerary import Schedule, Work, schedule
from onestop.planning.prepare import Compiled, Prepared, fire, prepared, satisfied
from onestop.planning.prepare import bits as _bits
from onestop.planning.result import Plan, Reason, ScheduledService, Step, Visit
from onestop.planning.select import Budget, Choice, solve
from onestop.planning.select import Problem as Instance
from onestop.request import Request, unpack

__all__ = ["DEFAULT_BUDGET", "plan"]

DEFAULT_BUDGET: Final = 200_000
"""Search nodes allowed for choosing counters and services (see :func:`plan`)."""


def _resolve(
    prep: Prepared,
    goals: str | Iterable[str],
    holding: Iterable[str],
    objective: str,
    venues: Iterable[str] | None,
    start: object,
) -> tuple[list[int], int, list[int], Sequence[bool] | None]:
    """Resolve the request's ids: (goals, held mask, held indexes sorted, allowed counters).

    Allowed counters is ``None`` when every venue is allowed.
    """
    problems: list[Problem] = []
    if start is not None and not isinstance(start, dt.date):
        problems.append(Problem("start", f"expected a date, got {start!r}"))
    goal_list = [goals] if isinstance(goals, str) else list(goals)
    resolved: list[int] = []
    if not goal_list:
        problems.append(Problem("goals", "no goals: name at least one service or bundle"))
    for i, goal in enumerate(goal_list):
        if goal in prep.service_index:
            resolved.append(prep.service_index[goal])
        elif goal in prep.bundle_services:
            resolved.extend(prep.bundle_services[goal])
        else:
            problems.append(
                Problem(
                    f"goals[{i}]",
                    f"unknown service or bundle {goal!r}"
                    + (
                        did_you_mean(goal, (*prep.service_ids, *prep.bundle_services))
                        if isinstance(goal, str)
                        else ""
                    ),
                )
            )
    held_idx: list[int] = []
    for i, doc in enumerate([holding] if isinstance(holding, str) else holding):
        if isinstance(doc, str) and doc in prep.doc_index:
            held_idx.append(prep.doc_index[doc])
        else:
            problems.append(
                Problem(
                    f"holding[{i}]",
                    f"unknown document {doc!r}"
                    + (did_you_mean(doc, prep.doc_ids) if isinstance(doc, str) else ""),
                )
            )
    if objective not in ("counters", "venues"):
        problems.append(
            Problem(
                "objective",
                f"unknown objective {objective!r}: use 'counters' or 'venues'",
            )
        )
    held_idx = sorted(set(held_idx))
    held = 0
    for d in held_idx:
        held |= 1 << d
    if venues is None:
        if problems:
            raise PlanningError(problems)
        return list(dict.fromkeys(resolved)), held, held_idx, None
    allowed_venue = [True] * len(prep.venue_ids)
    if venues is not None:
        allowed_venue = [False] * len(prep.venue_ids)
        for i, item in enumerate([venues] if isinstance(venues, str) else venues):
            if item in prep.venue_index:
                allowed_venue[prep.venue_index[item]] = True
            elif item in KINDS:
                for v, kind in enumerate(prep.venue_kind):
                    allowed_venue[v] = allowed_venue[v] or kind == item
            else:
                problems.append(
                    Problem(
                        f"venues[{i}]",
                        f"unknown venue or venue kind {item!r}"
                        f"{did_you_mean(str(item), (*prep.venue_ids, *KINDS))}",
                    )
                )
    if problems:
        raise PlanningError(problems)
    allowed = [allowed_venue[v] for v in prep.counter_venue]
    return list(dict.fromkeys(resolved)), held, held_idx, allowed


def _unmet(node: Compiled, docs: int) -> tuple[str, int]:
    """What of a requirement is not met by *docs*: (readable text, mask of those documents)."""
    is_all, mask, subs = node
    parts: list[tuple[str, int]] = [(f"{{{d}}}", 1 << d) for d in _bits(mask & ~docs)]
    if not is_all and mask & docs:
        return "", 0
    for sub in subs:
        if not satisfied(sub, docs):
            parts.append(_unmet(sub, docs))
        elif not is_all:
            return "", 0
    texts = [text if len(parts) == 1 or " " not in text else f"({text})" for text, _ in parts]
    missing = 0
    for _, m in parts:
        missing |= m
    return (" and " if is_all else " or ").join(texts), missing


def _unreachable(
    prep: Prepared,
    goals: list[int],
    executed: set[int],
    docs: int,
    offered: set[int],
    filtered: bool,
) -> list[Problem]:
    """Explain each goal that cannot be reached, down to the documents nobody here issues."""
    problems = []
    for g in goals:
        sid = prep.service_ids[g]
        if g not in offered:
            where = "no counter among the allowed venues" if filtered else "no counter"
            problems.append(Problem(f"goal {sid!r}", f"{where} offers this service"))
            continue
        if g in executed:
            continue
        text, missing = _unmet(prep.req[g], docs)
        roots: list[int] = []
        seen_docs: set[int] = set()
        seen_services = {g}
        stack = _bits(missing)
        while stack:
            d = stack.pop()
            if d in seen_docs:
                continue
            seen_docs.add(d)
            producers = [p for p in prep.producers[d] if p in offered]
            if not producers:
                roots.append(d)
            for p in producers:
                if p not in seen_services:
                    seen_services.add(p)
                    stack.extend(_bits(_unmet(prep.req[p], docs)[1]))
        needs = _named(text, prep)
        message = f"cannot be reached: it needs {needs}, which cannot be had"
        if roots:
            listed = ", ".join(repr(prep.doc_ids[d]) for d in sorted(roots))
            message += (
                f"; not held and issued by no allowed counter: {listed} "
                "(hold them, or allow venues whose counters issue them)"
            )
        else:
            message += " (its producers need each other: hold one of these documents)"
        problems.append(Problem(f"goal {sid!r}", message))
    return problems


def _named(text: str, prep: Prepared) -> str:
    """Replace ``{i}`` placeholders of :func:`_unmet` by quoted document ids."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "{":
            j = text.index("}", i)
            out.append(repr(prep.doc_ids[int(text[i + 1 : j])]))
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _used(node: Compiled, docs: int) -> int:
    """The documents of *docs* that meet a requirement: all of all-of, the first of any-of."""
    is_all, mask, subs = node
    if is_all:
        used = mask & docs
        for sub in subs:
            used |= _used(sub, docs)
        return used
    if mask & docs:
        low = mask & docs
        return low & -low
    for sub in subs:
        if satisfied(sub, docs):
            return _used(sub, docs)
    return 0  # pragma: no cover - only called on met requirements


def plan(
    catalogue: Catalogue,
    goals: str | Iterable[str] | Request,
    *,
    holding: Iterable[str] = (),
    start: dt.date | None = None,
    objective: Literal["counters", "venues"] = "counters",
    venues: Iterable[str] | None = None,
    budget: int = DEFAULT_BUDGET,
) -> Plan:
    """Plan the fewest counters a citizen must visit for some services, with dates.

    Parameters
    ----------
    catalogue
        The catalogue to plan on.
    goals
        Service ids or bundle ids (a bundle stands for its services), or a
        :class:`~onestop.Request` carrying every argument but ``budget``.
    holding
        Document ids the citizen already holds.
    start
        The first possible day; default today in the catalogue's time zone.
    objective
        ``"counters"``: fewest counters, then venues, then services;
        ``"venues"``: fewest venues, then counters, then services.
    venues
        Restrict planning to these venue ids or kinds (``mpp``, ``office``,
        ``popup``, ``online``); default all.
    budget
        Search nodes allowed for the choice. When the budget is reached the
        best plan found is returned with ``optimal=False`` and the proven
        ``lower_bound``.

    Returns
    -------
    Plan
        An optimal plan (see the format's "Planning semantics"), dated so that
        it finishes as early as possible with the fewest visits.

    Raises
    ------
    PlanningError
        For unknown ids (with suggestions) or goals that cannot be reached
        (naming the documents that cannot be had). Never a partial plan.

    Examples
    --------
    >>> import datetime as dt, onestop
    >>> cat = onestop.builtin("probolinggo")
    >>> p = plan(cat, "kelahiran", holding=["surat-keterangan-lahir", "kk", "buku-nikah",
    ...     "ktp-el"], start=dt.date(2026, 12, 1))
    >>> p.counters, p.finish
    (('mpp-dukcapil',), datetime.date(2026, 12, 2))
    >>> plan(cat, ["kia2"])
    Traceback (most recent call last):
    ...
    onestop.errors.PlanningError: cannot plan:
      goals[0]: unknown service or bundle 'kia2' (did you mean 'kia'?)
    """
    arguments = unpack(goals, holding, start, objective, venues)
    if arguments is not None:
        return plan(catalogue, **arguments, budget=budget)
    assert not isinstance(goals, Request)
    prep = prepared(catalogue)
    goal_ids, held, held_idx, allowed_or_all = _resolve(
        prep, goals, holding, objective, venues, start
    )
    allowed = prep.all_counters if allowed_or_all is None else allowed_or_all
    if start is None:
        start = today(catalogue)
    elif isinstance(start, dt.datetime):
        start = start.date()

    # 1. The cone: services that could matter, offered at an allowed counter.
    offered_here: Callable[[int], bool] = prep.offered.__getitem__
    if allowed_or_all is not None:

        def offered_here(s: int) -> bool:
            return any(allowed[k] for k in prep.offering[s])

    cone = list(goal_ids)
    in_cone = set(cone)
    held_set = set(held_idx)
    req_doc_bits, all_producers = prep.req_doc_bits, prep.producers
    for s in cone:
        for d in req_doc_bits[s]:
            if d in held_set:
                continue
            for p in all_producers[d]:
                if p not in in_cone and offered_here(p):
                    in_cone.add(p)
                    cone.append(p)
    offered = {s for s in cone if offered_here(s)}

    # 2. Everything offered, as soon as possible: what can be had at all, and an order.
    docs, order = fire(sorted(offered), prep.req, prep.produces, held)
    problems = _unreachable(prep, goal_ids, set(order), docs, offered, venues is not None)
    if problems:
        raise PlanningError(problems)

    # 3. The reduced instance, services numbered in that order.
    local = {s: i for i, s in enumerate(order)}
    goal_mask = 0
    for g in goal_ids:
        goal_mask |= 1 << local[g]
    producers: dict[int, list[int]] = {}
    for i, s in enumerate(order):
        for d in prep.produce_bits[s]:
            producers.setdefault(d, []).append(i)
    instance = Instance(
        held,
        goal_mask,
        [prep.req[s] for s in order],
        [prep.produces[s] for s in order],
        {d: tuple(ps) for d, ps in producers.items()},
    )
    offers: dict[int, int] = {}
    for i, s in enumerate(order):
        for k in prep.offering[s]:
            if allowed[k]:
                offers[k] = offers.get(k, 0) | 1 << i
    # Drop dominated counters: another at the same venue offers all they offer (and more,
    # or the same and comes first).
    by_venue: dict[int, list[tuple[int, int]]] = {}
    for k, mask in offers.items():
        by_venue.setdefault(prep.counter_venue[k], []).append((k, mask))
    kept = []
    for group in by_venue.values():
        # Larger offers first (then catalogue order): a counter's dominators come before it.
        group.sort(key=lambda item: (-item[1].bit_count(), item[0]))
        survivors: list[int] = []
        for k, mask in group:
            if all(mask & ~other for other in survivors):
                survivors.append(mask)
                kept.append(k)
    kept.sort()
    choice = solve(
        instance,
        [offers[k] for k in kept],
        [prep.counter_venue[k] for k in kept],
        venues_first=objective == "venues",
        budget=Budget(budget),
    )
    assert choice is not None  # reachable goals always have a choice
    chosen = [kept[i] for i in _bits(choice.counters)]
    chosen.sort()
    services = [order[i] for i in sorted(_bits(choice.services))]

    # 4. Dates.
    candidates: list[tuple[int, ...]] = []
    for s in services:
        venues_of = []
        for k in chosen:
            if k in prep.offering[s] and prep.counter_venue[k] not in venues_of:
                venues_of.append(prep.counter_venue[k])
        candidates.append(tuple(venues_of))
    goal_local = 0
    for i, s in enumerate(services):
        if s in goal_ids:
            goal_local |= 1 << i
    work = Work(
        services,
        [prep.req[s] for s in services],
        [prep.produces[s] for s in services],
        [prep.working_days[s] for s in services],
        [prep.pickup_counter[s] for s in services],
        goal_local,
        held,
    )
    dated = schedule(work, candidates, start, work_calendar(catalogue), prep.venue_ids)
    if dated is None:
        raise PlanningError(
            [
                Problem(
                    "start",
                    "the chosen venues do not open often enough to finish within "
                    f"the planning horizon from {start.isoformat()}",
                )
            ]
        )
    return _build(prep, goal_ids, held, held_idx, start, objective, services, chosen, choice, dated)


def _build(
    prep: Prepared,
    goal_ids: list[int],
    held: int,
    held_idx: list[int],
    start: dt.date,
    objective: str,
    services: list[int],
    chosen: list[int],
    choice: Choice,
    dated: Schedule,
) -> Plan:
    chosen_set = set(chosen)
    where: dict[tuple[int, int], int] = {}  # (service, venue) -> first chosen counter there
    for s in services:
        for k in prep.offering[s]:
            if k in chosen_set:
                where.setdefault((s, prep.counter_venue[k]), k)

    def counter_for(s: int, venue: int) -> int:
        return where[s, venue]

    docs = held
    provider: dict[int, int] = {}
    reasons: dict[int, Reason] = {}
    deliveries = sorted(
        (day, i)
        for i, day in dated.ready.items()
        if prep.working_days[services[i]] and not prep.pickup_counter[services[i]]
    )
    visits: list[tuple[int, int, list[Step]]] = []
    mentioned_docs = held
    for event in dated.events:
        while deliveries and deliveries[0][0] <= event.day:
            _, i = deliveries.pop(0)
            new = prep.produces[services[i]] & ~docs
            for d in _bits(new):
                provider[d] = i
            docs |= new
        s = services[event.service]
        counter = counter_for(s, dated.applied[event.service][1])
        bring, receive = 0, 0
        if event.action == "apply":
            bring = _used(prep.req[s], docs)
            for d in _bits(bring & ~held):
                p = provider.get(d)
                if p is not None and p not in reasons:
                    reasons[p] = Reason(
                        prep.service_ids[services[p]], False, prep.doc_ids[d], prep.service_ids[s]
                    )
            if prep.working_days[s] == 0:
                receive = prep.produces[s]
        else:
            receive = prep.produces[s]
        for d in _bits(receive & ~docs):
            provider[d] = event.service
        docs |= receive
        mentioned_docs |= bring | receive
        step = Step(
            "apply" if event.action == "apply" else "pickup",
            prep.service_ids[s],
            prep.counter_ids[counter],
            tuple([ident for ident, d in prep.req_doc_order[s] if bring >> d & 1]),
            tuple([ident for ident, d in prep.out_doc_order[s] if receive >> d & 1]),
        )
        if visits and visits[-1][0] == event.day and visits[-1][1] == event.venue:
            visits[-1][2].append(step)
        else:
            match = next((v for v in visits if v[0] == event.day and v[1] == event.venue), None)
            if match is None:
                visits.append((event.day, event.venue, [step]))
            else:
                match[2].append(step)
    scheduled = []
    counters_seen: list[int] = []
    venues_seen: list[int] = []
    for event in dated.events:
        if event.action != "apply":
            continue
        s = services[event.service]
        day, venue = dated.applied[event.service]
        counter = counter_for(s, venue)
        scheduled.append(
            ScheduledService(
                prep.service_ids[s],
                prep.counter_ids[counter],
                prep.venue_ids[venue],
                dt.date.fromordinal(day),
                dt.date.fromordinal(dated.ready[event.service]),
            )
        )
        if counter not in counters_seen:
            counters_seen.append(counter)
        if venue not in venues_seen:
            venues_seen.append(venue)
    for i, s in enumerate(services):
        if s in goal_ids:
            reasons[i] = Reason(prep.service_ids[s], True)
    names = [prep.service_names[s] for s in services]
    names.extend([prep.counter_names[k] for k in counters_seen])
    names.extend([prep.venue_names[v] for v in venues_seen])
    doc_names = prep.doc_names
    names.extend([doc_names[d] for d in sorted(held_idx + _bits(mentioned_docs & ~held))])
    order_reasons = [reasons[i] for i in range(len(services)) if i in reasons]
    return Plan(
        catalogue=prep.catalogue_id,
        goals=tuple(prep.service_ids[g] for g in goal_ids),
        holding=tuple(sorted([prep.doc_ids[d] for d in held_idx])),
        objective="venues" if objective == "venues" else "counters",
        start=start,
        finish=dt.date.fromordinal(dated.finish),
        counters=tuple([prep.counter_ids[k] for k in counters_seen]),
        venues=tuple([prep.venue_ids[v] for v in venues_seen]),
        services=tuple(scheduled),
        visits=tuple(
            Visit(dt.date.fromordinal(day), prep.venue_ids[venue], tuple(steps))
            for day, venue, steps in visits
        ),
        fee=sum([prep.fee[s] for s in services]),
        minutes=sum([prep.minutes[s] for s in services]),
        optimal=choice.optimal and dated.optimal,
        lower_bound=choice.lower_bound,
        reasons=tuple(order_reasons),
        names=tuple(names),
    )
