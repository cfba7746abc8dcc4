"""Suggested stages per strategy domain and overall, each with the reason a teacher can check.

Pure functions over the evidence of `evidence.py` (only credited stages count: a strategy that
led to a wrong answer is shown as tried, never counted). The rules, in plain words:

- **A domain's stage** is the highest stage shown by at least two tasks of that domain (the
  second-highest task stage). With a single task showing a stage, that stage is suggested and
  flagged *needs more evidence*: it rests on one task.
- **A higher stage glimpsed once** (one task above the suggestion) is a note, not a warning:
  worth probing next time.
- **Contradictory evidence**: tasks of one domain four or more stages apart are flagged, so the
  teacher listens again before confirming.
- **Early / at** is suggested for the stages the framework qualifies (5–8): of the tasks given
  in the domain that could show the stage, "at" when at least two-thirds did, else "early".
- **Counting across domains**: when every task given in a domain failed (wrong answers, or no
  strategy) and the child is at a counting stage (0–4) in another domain, that counting stage
  is suggested here too, flagged needs more evidence.
- **The global stage** is the lowest stage among the secure domains (a stage resting on two or
  more tasks, without contradictions): a child is placed where they are secure across all three,
  so counting on in addition keeps the global stage at advanced counting.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace

from ikan_desktop.domain.evidence import Evidence, Observation, task_evidence
from ikan_desktop.domain.script_records import InterviewScript, Task
from ikan_desktop.domain.strategy_codes import JUST_KNEW, StrategyCodes

__all__ = [
    "AT",
    "COUNTING_STAGES",
    "EARLY",
    "GlobalStageSuggestion",
    "StageSuggestion",
    "suggest_domain_stage",
    "suggest_domain_stages",
    "suggest_global_stage",
]

EARLY, AT = "early", "at"
QUALIFIED_STAGES = (5, 6, 7, 8)
COUNTING_STAGES = range(5)
CONTRADICTION_GAP = 4
AT_SHARE = 2 / 3


@dataclass(frozen=True, slots=True)
class StageSuggestion:
    """A suggested stage for one strategy domain, the tasks that support it, and all evidence."""

    domain: str
    stage: int | None
    needs_more_evidence: bool
    reason: str
    supporting_tasks: tuple[str, ...] = ()
    seen_once: int | None = None  # a higher stage glimpsed on one task: worth probing
    highest_seen: int | None = None
    evidence: tuple[Evidence, ...] = ()
    note: str = ""  # the glimpse in words: a note, not a warning
    contradictory: bool = False
    qualifier: str | None = None  # suggested "early" / "at" where the framework uses it
    from_other_domain: str | None = None  # the domain whose counting stage was carried over

    @property
    def secure(self) -> bool:
        """A stage resting on two or more tasks of this domain, with no contradiction."""
        return self.stage is not None and not self.needs_more_evidence and not self.contradictory


@dataclass(frozen=True, slots=True)
class GlobalStageSuggestion:
    """A suggested global stage across the strategy domains, with the rule applied in words."""

    stage: int | None
    reason: str
    domain_stages: tuple[tuple[str, int], ...] = ()
    needs_more_evidence: bool = True


def suggest_domain_stage(
    script: InterviewScript,
    observations: Iterable[Observation],
    domain: str,
    *,
    codes: StrategyCodes | None = None,
    qualified_stages: Collection[int] = QUALIFIED_STAGES,
) -> StageSuggestion:
    """The suggested stage for one strategy domain, with its evidence (rules in the docstring)."""
    evidence = tuple(e for e in task_evidence(script, observations) if e.domain == domain)
    staged = sorted((e for e in evidence if e.stage is not None), key=lambda e: -(e.stage or 0))
    tried = _tried_words(evidence, staged[0].stage if staged else None, codes)
    if not staged:
        reason = (
            "No task in this domain showed a stage yet."
            if evidence
            else "No task in this domain was tagged."
        )
        return StageSuggestion(domain, None, True, reason + tried, evidence=evidence)
    top = staged[0].stage
    assert top is not None
    if len(staged) == 1:
        only = staged[0]
        reason = (
            f"Stage {top} rests on one task ({_task_words(only, codes)}). "
            "Needs more evidence: try another task in this domain."
        )
        suggestion = StageSuggestion(
            domain, top, True, reason + tried, (only.task_id,), None, top, evidence=evidence
        )
        return _qualified(script, suggestion, qualified_stages)
    stage = staged[1].stage
    assert stage is not None
    supporting = tuple(e.task_id for e in evidence if e.stage is not None and e.stage >= stage)
    titles = [e.name for e in evidence if e.task_id in supporting]
    reason = f"Stage {stage} is shown by {_count(len(supporting), 'task')} ({', '.join(titles)})."
    glimpsed, note = None, ""
    if top > stage:
        glimpsed = top
        note = (
            f"Stage {top} was glimpsed once ({_task_words(staged[0], codes)}): worth probing "
            "next time."
        )
    low = staged[-1]
    contradictory = top - (low.stage or 0) >= CONTRADICTION_GAP
    if contradictory:
        reason += (
            f" Contradictory evidence: {low.name} shows stage {low.stage} but "
            f"{staged[0].name} shows stage {top}, {top - (low.stage or 0)} stages apart. "
            "Listen to both again before confirming."
        )
    suggestion = StageSuggestion(
        domain,
        stage,
        False,
        reason + tried,
        supporting,
        glimpsed,
        top,
        evidence=evidence,
        note=note,
        contradictory=contradictory,
    )
    return _qualified(script, suggestion, qualified_stages)


def _qualified(
    script: InterviewScript, suggestion: StageSuggestion, qualified_stages: Collection[int]
) -> StageSuggestion:
    """Add "early" or "at" from the share of the tasks that could show the stage and did."""
    stage = suggestion.stage
    if stage is None or stage not in qualified_stages:
        return suggestion
    could = [e for e in suggestion.evidence if _reach(script.task(e.task_id)) >= stage]
    did = [e for e in could if e.stage is not None and e.stage >= stage]
    if not could:
        return suggestion
    qualifier = AT if len(did) >= AT_SHARE * len(could) else EARLY
    words = (
        f" Suggested “{qualifier}” stage {stage}: {len(did)} of the "
        f"{_count(len(could), 'task')} that could show stage {stage} did (“at” needs two-thirds)."
    )
    return replace(suggestion, qualifier=qualifier, reason=suggestion.reason + words)


def _reach(task: Task | None) -> int:
    """The highest stage a task can show (its guide or its just-knew path)."""
    if task is None:
        return -1
    return max(task.scoring.highest_stage or 0, task.just_knew.stage)


def suggest_domain_stages(
    script: InterviewScript,
    observations: Iterable[Observation],
    *,
    codes: StrategyCodes | None = None,
    qualified_stages: Collection[int] = QUALIFIED_STAGES,
) -> dict[str, StageSuggestion]:
    """A suggestion for every strategy domain the script covers, in script order."""
    observations = tuple(observations)
    found = {
        domain: suggest_domain_stage(
            script, observations, domain, codes=codes, qualified_stages=qualified_stages
        )
        for domain in script.domains
    }
    return _carry_counting_stages(found)


def _carry_counting_stages(found: dict[str, StageSuggestion]) -> dict[str, StageSuggestion]:
    """A domain where every task failed takes the counting stage the child shows elsewhere."""
    counting = [
        (s.stage, s.domain)
        for s in found.values()
        if s.stage is not None and s.stage in COUNTING_STAGES and s.from_other_domain is None
    ]
    if not counting:
        return found
    stage, source = min(counting)
    carried = dict(found)
    for domain, suggestion in found.items():
        if suggestion.stage is None and suggestion.evidence:
            reason = (
                f"Stage {stage}, carried from {source}: no {domain} task showed a stage (every "
                "answer was wrong or had no strategy), and the child counts at stage "
                f"{stage} in {source}. Counting works the same way in every domain. "
                "Needs more evidence: try an easier task in this domain."
            )
            carried[domain] = replace(
                suggestion,
                stage=stage,
                needs_more_evidence=True,
                reason=reason,
                from_other_domain=source,
            )
    return carried


def suggest_global_stage(
    domain_suggestions: Iterable[StageSuggestion] | Mapping[str, StageSuggestion],
) -> GlobalStageSuggestion:
    """The lowest stage among the secure domains (rule in the module docstring)."""
    if isinstance(domain_suggestions, Mapping):
        domain_suggestions = domain_suggestions.values()
    suggestions = list(domain_suggestions)
    staged = [(s.domain, s.stage) for s in suggestions if s.stage is not None]
    missing = [s.domain for s in suggestions if s.stage is None]
    if not staged:
        return GlobalStageSuggestion(None, "No strategy domain has a stage yet.")
    listing = ", ".join(f"{domain} {value}" for domain, value in staged)
    secure = [s for s in suggestions if s.secure]
    if secure:
        lowest = min(secure, key=lambda s: s.stage or 0)
        stage = lowest.stage
        assert stage is not None
        reason = (
            f"Stage {stage}: the lowest of the secure domains ({listing}). A global stage says "
            "what the child does securely across the board."
        )
        if len(secure) == 1:
            reason = (
                f"Stage {stage}: {lowest.domain} is the only secure domain ({listing}); the "
                "global stage is the lowest secure domain."
            )
    else:
        stage = min(value for _, value in staged)
        reason = (
            f"Stage {stage}: the lowest domain stage ({listing}); no domain is secure yet "
            "(each rests on one task or has contradictory evidence)."
        )
    below = [s.domain for s in suggestions if s.stage is not None and s.stage < stage]
    if below:
        reason += f" {', '.join(below).capitalize()} is lower but not secure yet: check it."
    if missing:
        reason += f" No stage yet for {', '.join(missing)}."
    thin = not secure or bool(missing) or bool(below)
    return GlobalStageSuggestion(stage, reason, tuple(staged), thin)


def _tried_words(evidence: Iterable[Evidence], credited_top: int | None, codes: object) -> str:
    """Strategies that led to wrong answers above what is credited: shown, never counted."""
    above = [
        e
        for e in evidence
        if e.tried is not None and (credited_top is None or e.tried > credited_top)
    ]
    if not above:
        return ""
    words = "; ".join(f"stage {e.tried} on {e.name}" for e in above)
    return f" Tried but answered wrongly, so not counted: {words}."


def _task_words(evidence: Evidence, codes: StrategyCodes | None) -> str:
    named = [c for c in evidence.codes if c != JUST_KNEW] or list(evidence.codes)
    if codes is not None:
        named = [codes.get(c).label if c in codes else c for c in named]
    return f"{evidence.name}: {', '.join(named)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
