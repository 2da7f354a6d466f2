package dev.slipway.deployment.domain;

import dev.slipway.events.deployment.DeploymentPhase;
import java.time.Instant;

/**
 * One line of a deployment's log (DEP-8): when, in which phase and on which node (null outside the
 * per-node phase), from which stream ({@code out}, {@code err}, or {@code slipway} for the
 * pipeline's own lines), already masked. {@code seq} orders a deployment's lines from 1.
 */
public record LogLine(long seq, Instant at, DeploymentPhase phase, Integer node, String stream, String text) {

    /** The text form: {@code <time> [PHASE] [node n] text}. */
    public String render() {
        return at + " [" + (phase == null ? "-" : phase.name()) + "]" + (node == null ? "" : " [node " + node + "]")
                + ("err".equals(stream) ? " !" : "") + " " + text;
    }
}
