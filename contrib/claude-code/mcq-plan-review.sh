#!/usr/bin/env bash
# Claude Code plan approval through MCQ: a PreToolUse hook on ExitPlanMode.
#
# When Claude Code leaves plan mode it calls the ExitPlanMode tool with the
# plan as tool_input.plan. This hook pushes that plan to MCQ, waits for a
# person's verdict (from any browser or phone), and answers Claude Code:
#
#   approved           -> permissionDecision "allow": Claude goes on with the plan.
#   changes requested  -> permissionDecision "deny" with the review as the reason:
#                         Claude reads every point and revises the plan; its next
#                         ExitPlanMode pushes the next revision of the same document.
#   no verdict in time,
#   or MCQ unreachable -> permissionDecision "ask": the usual prompt in the terminal.
#
# Needs bash, jq and the mcq command (MCQ_SERVER_URL and MCQ_TOKEN_FILE set,
# see docs/agents.md). Settings (environment):
#   MCQ_COMMAND       the mcq command (default: mcq on PATH)
#   MCQ_PLAN_TIMEOUT  how long to wait for a verdict, e.g. 30m (default 30m);
#                     keep it below the hook's "timeout" in settings.json
#   MCQ_PLAN_SLUG     the document's slug (default: plan-<project>-<session>)
set -uo pipefail

mcq=${MCQ_COMMAND:-mcq}
wait_for=${MCQ_PLAN_TIMEOUT:-30m}

# Writes the hook's answer for Claude Code and exits 0, so the JSON is read.
decide() {
    jq -n --arg decision "$1" --arg reason "$2" \
        '{hookSpecificOutput: {hookEventName: "PreToolUse", permissionDecision: $decision,
          permissionDecisionReason: $reason}}'
    exit 0
}

input=$(cat)
plan=$(jq -r '.tool_input.plan // empty' <<<"$input" 2>/dev/null) || plan=
if [ -z "$plan" ]; then
    # Not a plan (or unreadable input): leave the decision to Claude Code.
    exit 0
fi

# A slug is lower-case a-z, 0-9, '-', '_', '.'; one document per project and
# session, so each revised plan becomes the next revision of the same document.
slugify() {
    printf '%s' "$1" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9_.-' '-' | sed 's/--*/-/g; s/^-//; s/-$//'
}
cwd=$(jq -r '.cwd // empty' <<<"$input")
session=$(jq -r '.session_id // empty' <<<"$input")
project=$(slugify "$(basename "${cwd:-$PWD}")")
slug=${MCQ_PLAN_SLUG:-$(slugify "plan-${project:-project}-${session:0:8}")}
slug=${slug:0:128}

title=$(printf '%s\n' "$plan" | sed -n 's/^# \{1,\}//p' | head -n 1)
title=${title:-Plan for ${project:-this project}}
title=${title:0:300}

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
feedback=$(printf '%s' "$plan" | "$mcq" push --wait --timeout "$wait_for" --title "$title" "$slug" - 2>"$errors")
status=$?

case $status in
    0)
        decide allow "The plan was approved in MCQ (document $slug)."
        ;;
    3)
        decide deny "A reviewer requested changes to this plan in MCQ (document $slug). Revise the plan to \
address every point below, reply in the plan where you disagree, then present the revised plan again.

$feedback"
        ;;
    4)
        decide ask "No verdict on the plan in MCQ within $wait_for (document $slug); decide here."
        ;;
    *)
        decide ask "The plan could not be sent to MCQ for review: $(tr '\n' ' ' <"$errors")"
        ;;
esac
