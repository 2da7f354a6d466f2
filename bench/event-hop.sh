#!/usr/bin/env bash
# One event hop (EVT-5): commit of project.created to its application by each consumer. [n projects, default 200] [warm-up projects, default 500]
# Needs a running suite (bin/slipway up). Figures and how to read them: docs/performance.md.
exec "$(dirname "${BASH_SOURCE[0]}")/run" event-hop "$@"
