package dev.slipway.ticket.domain;

import dev.slipway.events.ticket.TicketApproved.VariableChange.Action;
import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.api.Problem.Violation;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.HostNames;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.domain.VariableRules;
import dev.slipway.sshkeys.PublicKeyLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a requester asks for in a ticket's payload (TKT-1), before it is checked. {@link #check}
 * holds it to the rules that need nothing but the text: SSH-1 for a key, host names for domains,
 * VAR-1 for variables, a commit id's form, and that only the ticket type's fields are given. What
 * needs another service (that a commit is in the project's repository, its configuration digest) the
 * service layer checks next.
 */
public record TicketDraft(String commit, Boolean includeData, String publicKey, String title, String expiresAt, List<Change> variables,
        String approveConfigOf, List<String> domains) {

    /** A commit id as git prints it: 7 to 40 hexadecimal digits. */
    public static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");
    public static final int MAX_DOMAINS = 20;
    public static final int MAX_CHANGES = 100;

    public static final TicketDraft EMPTY = new TicketDraft(null, null, null, null, null, null, null, null);

    /** One proposed variable change (VAR-1, VAR-2). */
    public record Change(Action action, String name, String value, Boolean json, Boolean sensitive, Boolean inheritable, Boolean visibleBuild,
            Boolean visibleRuntime, Boolean enabled) {
    }

    /** The draft, checked for a ticket of {@code type}: its payload and the sensitive values sealed apart from it. */
    public record Checked(TicketPayload payload, Map<String, String> sensitiveValues) {

        /**
         * SEC-3: takes out of the payload every value that is sensitive: its change says so, or it
         * changes a variable that is sensitive now ({@code sensitiveNow}) without making it plain.
         * Such a change keeps only {@code sealedValue: true}; the value goes to {@link #sensitiveValues}.
         */
        public Checked sealing(Set<String> sensitiveNow) {
            Map<String, String> sealed = new LinkedHashMap<>(sensitiveValues);
            List<TicketPayload.Change> changes = new ArrayList<>();
            for (TicketPayload.Change change : payload.changes()) {
                boolean sensitive = change.isSensitive() || (sensitiveNow.contains(change.name()) && !Boolean.FALSE.equals(change.sensitive()));
                if (change.action() == Action.SET && sensitive && change.value() != null) {
                    sealed.put(change.name(), change.value());
                    changes.add(new TicketPayload.Change(Action.SET, change.name(), null, Boolean.TRUE, change.json(), change.sensitive(),
                            change.inheritable(), change.visibleBuild(), change.visibleRuntime(), change.enabled()));
                } else {
                    changes.add(change);
                }
            }
            return new Checked(TicketPayload.settings(changes, payload.approveConfigOf(), payload.approveConfigDigest()), sealed);
        }
    }

    /**
     * Checks the draft for {@code type}; what it can already tell is wrong is one 400 listing every
     * violation (API-2), and a pasted private key is never repeated (SEC-3).
     */
    public Checked check(TicketType type, Instant now) {
        List<Violation> violations = new ArrayList<>();
        notFor(type, violations);
        Checked checked = switch (type) {
            case DEPLOY -> deploy(violations);
            case ADD_SSH_KEY -> sshKey(violations, now);
            case DEPLOYMENT_SETTINGS -> settings(violations);
            case GO_LIVE -> goLive(violations);
            case GENERAL -> new Checked(TicketPayload.NONE, Map.of());
        };
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "invalid-ticket-payload", "Invalid ticket payload",
                    "The " + type + " ticket's payload is not valid: " + violations.get(0).field() + ": " + violations.get(0).message(), violations);
        }
        return checked;
    }

    private void notFor(TicketType type, List<Violation> violations) {
        Map<String, Boolean> given = new LinkedHashMap<>();
        given.put("commit", commit != null);
        given.put("includeData", includeData != null);
        given.put("publicKey", publicKey != null);
        given.put("title", title != null);
        given.put("expiresAt", expiresAt != null);
        given.put("variables", variables != null);
        given.put("approveConfigOf", approveConfigOf != null);
        given.put("domains", domains != null);
        Set<String> allowed = switch (type) {
            case DEPLOY -> Set.of("commit", "includeData");
            case ADD_SSH_KEY -> Set.of("publicKey", "title", "expiresAt");
            case DEPLOYMENT_SETTINGS -> Set.of("variables", "approveConfigOf");
            case GO_LIVE -> Set.of("domains");
            case GENERAL -> Set.of();
        };
        given.forEach((field, present) -> {
            if (present && !allowed.contains(field)) {
                violations.add(new Violation("payload." + field, "does not apply to " + type + " tickets"));
            }
        });
    }

    private Checked deploy(List<Violation> violations) {
        if (commit != null && !COMMIT.matcher(commit).matches()) {
            violations.add(new Violation("payload.commit", "a commit id is 7 to 40 hexadecimal digits"));
        }
        String normalized = commit == null ? null : commit.toLowerCase(Locale.ROOT);
        return new Checked(TicketPayload.deploy(normalized, normalized == null, Boolean.TRUE.equals(includeData)), Map.of());
    }

    private Checked sshKey(List<Violation> violations, Instant now) {
        Instant expiry = null;
        if (expiresAt != null) {
            try {
                expiry = Instant.parse(expiresAt);
                if (!expiry.isAfter(now)) {
                    violations.add(new Violation("payload.expiresAt", "must be in the future"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new Violation("payload.expiresAt", "an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
            }
        }
        if (title != null && (title.isBlank() || title.length() > 200)) {
            violations.add(new Violation("payload.title", "1-200 characters"));
        }
        PublicKeyLine line;
        try {
            line = PublicKeyLine.parse(publicKey);
        } catch (DomainException e) {
            // SSH-1's refusal never repeats the text (a pasted private key must not come back).
            violations.add(new Violation("payload.publicKey", e.getMessage()));
            return new Checked(TicketPayload.NONE, Map.of());
        }
        String keyTitle = title != null ? title.strip() : line.comment() != null ? line.comment() : line.keyType() + " key";
        return new Checked(TicketPayload.sshKey(line.text(), line.keyType(), line.bits(), line.fingerprint(), keyTitle, expiry), Map.of());
    }

    private Checked settings(List<Violation> violations) {
        List<Change> given = variables == null ? List.of() : variables;
        if (given.isEmpty() && approveConfigOf == null) {
            violations.add(new Violation("payload", "a DEPLOYMENT_SETTINGS ticket changes variables, approves a configuration (approveConfigOf), or both"));
        }
        if (given.size() > MAX_CHANGES) {
            violations.add(new Violation("payload.variables", "at most " + MAX_CHANGES + " changes in one ticket"));
        }
        if (approveConfigOf != null && !COMMIT.matcher(approveConfigOf).matches()) {
            violations.add(new Violation("payload.approveConfigOf", "a commit id is 7 to 40 hexadecimal digits"));
        }
        Set<String> names = new HashSet<>();
        List<TicketPayload.Change> changes = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Change change = given.get(i);
            String field = "payload.variables[" + i + "]";
            if (change == null) {
                violations.add(new Violation(field, "a change, not null"));
                continue;
            }
            Optional<Refusal> refusal = VariableRules.nameRefusal(change.name());
            if (refusal.isPresent()) {
                violations.add(new Violation(field + ".name", refusal.get().detail()));
                continue;
            }
            if (!names.add(change.name())) {
                violations.add(new Violation(field + ".name", change.name() + " is changed twice; one change per variable"));
            }
            if (change.action() == null) {
                violations.add(new Violation(field + ".action", "SET or DELETE"));
                continue;
            }
            if (change.action() == Action.DELETE) {
                if (change.value() != null || change.json() != null || change.sensitive() != null || change.inheritable() != null
                        || change.visibleBuild() != null || change.visibleRuntime() != null || change.enabled() != null) {
                    violations.add(new Violation(field, "a DELETE names the variable only"));
                }
                changes.add(new TicketPayload.Change(Action.DELETE, change.name(), null, null, null, null, null, null, null, null));
                continue;
            }
            if (change.value() != null) {
                VariableRules.valueRefusal(change.value(), Boolean.TRUE.equals(change.json()))
                        .ifPresent(r -> violations.add(new Violation(field + ".value", r.detail())));
            }
            changes.add(new TicketPayload.Change(Action.SET, change.name(), change.value(), null, change.json(), change.sensitive(),
                    change.inheritable(), change.visibleBuild(), change.visibleRuntime(), change.enabled()));
        }
        String configOf = approveConfigOf == null ? null : approveConfigOf.toLowerCase(Locale.ROOT);
        // Values are sealed once the service knows which variables are sensitive now (Checked.sealing).
        return new Checked(TicketPayload.settings(changes, configOf, null), Map.of());
    }

    private Checked goLive(List<Violation> violations) {
        List<String> given = domains == null ? List.of() : domains;
        if (given.isEmpty()) {
            violations.add(new Violation("payload.domains", "at least one domain"));
        }
        if (given.size() > MAX_DOMAINS) {
            violations.add(new Violation("payload.domains", "at most " + MAX_DOMAINS + " domains"));
        }
        Set<String> seen = new HashSet<>();
        List<String> normalized = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String domain = given.get(i) == null ? null : given.get(i).strip().toLowerCase(Locale.ROOT);
            if (!HostNames.isHostName(domain)) {
                violations.add(new Violation("payload.domains[" + i + "]", "not a host name such as shop.example.com"));
            } else if (!seen.add(domain)) {
                violations.add(new Violation("payload.domains[" + i + "]", domain + " is listed twice"));
            } else {
                normalized.add(domain);
            }
        }
        return new Checked(TicketPayload.goLive(normalized), Map.of());
    }
}
