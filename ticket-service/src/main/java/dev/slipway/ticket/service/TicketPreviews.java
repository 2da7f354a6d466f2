package dev.slipway.ticket.service;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ticket.TicketApproved.VariableChange.Action;
import dev.slipway.platform.client.ServiceCallException;
import org.jboss.logging.Logger;
import dev.slipway.ticket.clients.ConfigChecks;
import dev.slipway.ticket.clients.ConfigChecks.ConfigCheck;
import dev.slipway.ticket.clients.EnvironmentSettings;
import dev.slipway.ticket.clients.GitHost;
import dev.slipway.ticket.domain.Ticket;
import dev.slipway.ticket.domain.TicketPayload;
import dev.slipway.ticket.readmodel.DeploymentReadModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Computes a ticket's preview (what approval would change) from this service's read models and
 * the other services' interfaces. A service that does not answer leaves its part out and is named
 * in {@code unavailable}: a preview never fails the read or the opening of a ticket.
 */
@ApplicationScoped
public class TicketPreviews {

    private static final Logger LOG = Logger.getLogger(TicketPreviews.class);

    private final DeploymentReadModel deployments;
    private final GitHost git;
    private final ConfigChecks configChecks;
    private final EnvironmentSettings environments;

    public TicketPreviews(DeploymentReadModel deployments, GitHost git, ConfigChecks configChecks, EnvironmentSettings environments) {
        this.deployments = deployments;
        this.git = git;
        this.configChecks = configChecks;
        this.environments = environments;
    }

    public TicketPreview of(Ticket ticket) {
        List<String> unavailable = new ArrayList<>();
        TicketPayload payload = ticket.payload();
        return switch (ticket.type()) {
            case DEPLOY -> new TicketPreview(Instant.now(), unavailable, deploy(ticket, payload, unavailable), null, null, null);
            case DEPLOYMENT_SETTINGS -> new TicketPreview(Instant.now(), unavailable, null, settings(ticket, payload, unavailable), null, null);
            case ADD_SSH_KEY -> new TicketPreview(Instant.now(), unavailable, null, null, new TicketPreview.SshKey(payload.keyType(),
                    payload.keyBits() == null ? 0 : payload.keyBits(), payload.fingerprint(), payload.title(), payload.expiresAt(),
                    ticket.requestedBy(), ticket.environmentId()), null);
            case GO_LIVE -> new TicketPreview(Instant.now(), unavailable, null, null, null, new TicketPreview.GoLive(payload.domains(),
                    answer("environment-service", unavailable, () -> environments.liveDomains(ticket.projectId(), ticket.environmentId()))));
            case GENERAL -> new TicketPreview(Instant.now(), unavailable, null, null, null, null);
        };
    }

    private TicketPreview.Deploy deploy(Ticket ticket, TicketPayload payload, List<String> unavailable) {
        String project = ticket.projectId();
        String target = ticket.environmentId();
        String current = deployments.lastSucceededCommit(project, target).orElse(null);
        String source = EnvironmentType.ofEnvironmentId(target).promotedFrom().orElse(null);
        boolean holds = source == null || deployments.succeededOn(project, source, payload.commit());
        TicketPreview.Promotion promotion = new TicketPreview.Promotion("DEP-5", holds, holds ? null
                : "DEP-5: commit " + payload.commit() + " has no successful deployment on " + source + ", so it cannot deploy to " + target + ".");
        GitHost.Comparison comparison = payload.commit().equals(current) ? null
                : answer("ssh-gateway", unavailable, () -> git.compare(project, current, payload.commit()));
        TicketPreview.Config config = config(project, target, payload.commit(), unavailable);
        return new TicketPreview.Deploy(current, payload.commit(), Boolean.TRUE.equals(payload.commitDefaulted()), source, promotion,
                comparison == null ? List.of() : comparison.commits(), comparison == null ? null : comparison.commitsTruncated(),
                comparison == null ? List.of() : comparison.changedPaths(), comparison == null ? null : comparison.changedPathsTruncated(), config,
                Boolean.TRUE.equals(payload.includeData()));
    }

    private TicketPreview.Config config(String project, String target, String commit, List<String> unavailable) {
        ConfigCheck check = answer("deployment-service", unavailable, () -> configChecks.check(project, target, commit));
        if (check == null) {
            return null;
        }
        boolean changes = check.digest() == null || check.approvedDigest() == null || !check.digest().equals(check.approvedDigest());
        return new TicketPreview.Config(check.commit(), check.digest(), check.approvedDigest(), changes, check.approvalNeeded(),
                check.problems() == null || check.problems().isEmpty() ? null : check.problems());
    }

    private TicketPreview.Settings settings(Ticket ticket, TicketPayload payload, List<String> unavailable) {
        List<EnvironmentSettings.Variable> current = answer("environment-service", unavailable,
                () -> environments.variables(ticket.projectId(), ticket.environmentId()));
        List<TicketPreview.VariableDiff> diffs = null;
        if (current != null) {
            Map<String, EnvironmentSettings.Variable> byName = new LinkedHashMap<>();
            current.forEach(variable -> byName.put(variable.name(), variable));
            diffs = payload.changes().stream().map(change -> diff(change, byName.get(change.name()))).toList();
        }
        TicketPreview.Config config = payload.approveConfigOf() == null ? null
                : config(ticket.projectId(), ticket.environmentId(), payload.approveConfigOf(), unavailable);
        return new TicketPreview.Settings(diffs, config);
    }

    /** One change against the variable as it is; a sensitive value is never shown, before or after (VAR-2, SEC-3). */
    static TicketPreview.VariableDiff diff(TicketPayload.Change change, EnvironmentSettings.Variable existing) {
        TicketPreview.VariableState before = existing == null ? null : new TicketPreview.VariableState(existing.sensitive() ? null : existing.value(),
                existing.json(), existing.sensitive(), existing.inheritable(), existing.visibleBuild(), existing.visibleRuntime(), existing.enabled());
        if (change.action() == Action.DELETE) {
            return new TicketPreview.VariableDiff(change.name(), existing == null ? "ABSENT" : "REMOVED", before != null && before.sensitive(), before,
                    null);
        }
        boolean sensitive = change.isSensitive() || (before != null && before.sensitive() && !Boolean.FALSE.equals(change.sensitive()));
        String value = sensitive || change.hasSealedValue() ? null : change.value() != null ? change.value() : before == null ? null : before.value();
        TicketPreview.VariableState after = new TicketPreview.VariableState(value,
                pick(change.json(), before == null ? null : before.json(), false), sensitive,
                pick(change.inheritable(), before == null ? null : before.inheritable(), true),
                pick(change.visibleBuild(), before == null ? null : before.visibleBuild(), true),
                pick(change.visibleRuntime(), before == null ? null : before.visibleRuntime(), true),
                pick(change.enabled(), before == null ? null : before.enabled(), true));
        String kind;
        if (before == null) {
            kind = "ADDED";
        } else {
            boolean valueChanges = change.value() != null || change.hasSealedValue();
            boolean sameFlags = after.json() == before.json() && after.sensitive() == before.sensitive() && after.inheritable() == before.inheritable()
                    && after.visibleBuild() == before.visibleBuild() && after.visibleRuntime() == before.visibleRuntime()
                    && after.enabled() == before.enabled();
            boolean sameValue = !valueChanges || (!sensitive && change.value() != null && change.value().equals(before.value()));
            kind = sameFlags && sameValue ? "UNCHANGED" : "CHANGED";
        }
        return new TicketPreview.VariableDiff(change.name(), kind, sensitive, before, after);
    }

    private static boolean pick(Boolean given, Boolean current, boolean fallback) {
        return given != null ? given : current != null ? current : fallback;
    }

    private static <T> T answer(String service, List<String> unavailable, Supplier<T> call) {
        try {
            return call.get();
        } catch (ServiceCallException e) {
            // Unavailable, or an answer this preview cannot use: the part is left out, the ticket still reads.
            LOG.infof("Ticket preview without %s: %s", service, e.getMessage());
            if (!unavailable.contains(service)) {
                unavailable.add(service);
            }
            return null;
        }
    }
}
