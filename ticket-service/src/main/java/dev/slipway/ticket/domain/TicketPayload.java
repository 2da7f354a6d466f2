package dev.slipway.ticket.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.events.ticket.TicketApproved.VariableChange.Action;
import java.time.Instant;
import java.util.List;

/**
 * What a ticket asks for (TKT-1), as checked when it was opened; only the fields of its type are
 * set. It never holds a sensitive value (SEC-3): those are sealed apart ({@code ticket_secret}) and
 * a sensitive change here says only that it has one.
 *
 * @param commit          DEPLOY: the full commit id, given or defaulted
 * @param commitDefaulted DEPLOY: true when the ticket named no commit and took the source tier's last success
 * @param includeData     DEPLOY: copy the source tier's data first (DEP-7)
 * @param publicKey       ADD_SSH_KEY: the normalized key line ({@code <type> <base64>})
 * @param keyType         ADD_SSH_KEY: e.g. {@code ssh-ed25519}
 * @param keyBits         ADD_SSH_KEY: the key's size
 * @param fingerprint     ADD_SSH_KEY: {@code SHA256:...} as OpenSSH prints it
 * @param title           ADD_SSH_KEY: the key's title
 * @param expiresAt       ADD_SSH_KEY: when the grant ends, or null
 * @param variables       DEPLOYMENT_SETTINGS: the variable changes
 * @param approveConfigOf DEPLOYMENT_SETTINGS: the commit whose configuration to approve (CFG-3)
 * @param approveConfigDigest DEPLOYMENT_SETTINGS: that configuration's digest, computed when opened
 * @param domains         GO_LIVE: the live domains
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketPayload(String commit, Boolean commitDefaulted, Boolean includeData, String publicKey, String keyType, Integer keyBits,
        String fingerprint, String title, Instant expiresAt, List<Change> variables, String approveConfigOf, String approveConfigDigest,
        List<String> domains) {

    public static final TicketPayload NONE = new TicketPayload(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public static TicketPayload deploy(String commit, boolean defaulted, boolean includeData) {
        return new TicketPayload(commit, defaulted, includeData, null, null, null, null, null, null, null, null, null, null);
    }

    public static TicketPayload sshKey(String publicKey, String keyType, int bits, String fingerprint, String title, Instant expiresAt) {
        return new TicketPayload(null, null, null, publicKey, keyType, bits, fingerprint, title, expiresAt, null, null, null, null);
    }

    public static TicketPayload settings(List<Change> variables, String approveConfigOf, String approveConfigDigest) {
        return new TicketPayload(null, null, null, null, null, null, null, null, null, variables, approveConfigOf, approveConfigDigest, null);
    }

    public static TicketPayload goLive(List<String> domains) {
        return new TicketPayload(null, null, null, null, null, null, null, null, null, null, null, null, domains);
    }

    /** DEPLOY: the payload with the commit as the repository names it (full id). */
    public TicketPayload withCommit(String fullCommit) {
        return new TicketPayload(fullCommit, commitDefaulted, includeData, publicKey, keyType, keyBits, fingerprint, title, expiresAt, variables,
                approveConfigOf, approveConfigDigest, domains);
    }

    /** DEPLOYMENT_SETTINGS: the configuration to approve, as its full commit id and digest (CFG-3). */
    public TicketPayload withConfigApproval(String fullCommit, String digest) {
        return new TicketPayload(commit, commitDefaulted, includeData, publicKey, keyType, keyBits, fingerprint, title, expiresAt, variables,
                fullCommit, digest, domains);
    }

    /** The variable changes, never null. */
    public List<Change> changes() {
        return variables == null ? List.of() : variables;
    }

    /**
     * One variable change of a DEPLOYMENT_SETTINGS ticket (VAR-1, VAR-2). {@code value} is null
     * for a DELETE, for a SET that keeps the current value, and always for a sensitive change,
     * whose value is sealed ({@code sealedValue} true then).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(Action action, String name, String value, Boolean sealedValue, Boolean json, Boolean sensitive, Boolean inheritable,
            Boolean visibleBuild, Boolean visibleRuntime, Boolean enabled) {

        public boolean isSensitive() {
            return Boolean.TRUE.equals(sensitive);
        }

        public boolean hasSealedValue() {
            return Boolean.TRUE.equals(sealedValue);
        }
    }
}
