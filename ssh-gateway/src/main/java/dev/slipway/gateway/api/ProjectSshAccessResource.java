package dev.slipway.gateway.api;

import dev.slipway.events.ProjectRole;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.service.GrantService;
import dev.slipway.gateway.service.ProjectKeys;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.QueryParams;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Who reaches a project over SSH (SSH-2), for its admins (support reads too): the members' keys and
 * what each reaches, and the grants on Staging and Production, which admins may revoke.
 */
@Path("/api/v1/projects/{projectId}")
@Tag(name = "SSH access", description = "The keys that reach a project and the grants on Staging and Production (SSH-2).")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "Not an admin of the project", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "No such project, or the caller is not a member",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProjectSshAccessResource {

    private final ProjectKeys projectKeys;
    private final GrantService grants;
    private final ProjectAuthorization authorization;
    private final Caller caller;

    public ProjectSshAccessResource(ProjectKeys projectKeys, GrantService grants, ProjectAuthorization authorization, Caller caller) {
        this.projectKeys = projectKeys;
        this.grants = grants;
        this.authorization = authorization;
        this.caller = caller;
    }

    /** How a key reaches one environment: {@code role} (the member's role meets access.ssh) or {@code grant}. */
    @Schema(name = "SshReach")
    public record ReachView(String environmentId, @Schema(enumeration = {"role", "grant"}) String through,
            @Schema(nullable = true) String grantId, @Schema(nullable = true) Instant expiresAt) {
    }

    /** A member's key and the environments it reaches. */
    @Schema(name = "ProjectSshKey", example = "{\"keyId\":\"1f0c8a9e-2b7d-4c55-9a0e-3f1d2c4b5a69\",\"userId\":\"bob\",\"role\":\"contributor\","
            + "\"title\":\"bob@laptop\",\"keyType\":\"ssh-ed25519\",\"fingerprint\":\"SHA256:yo4bZ4ZdHn5Tn4dX0uA2qGz1zv3r7pSgkqZkVbNq5rE\","
            + "\"reaches\":[{\"environmentId\":\"production\",\"through\":\"grant\",\"grantId\":\"7d6f5e4c-3b2a-4190-8f7e-6d5c4b3a2918\","
            + "\"expiresAt\":null}]}")
    public record ProjectKeyView(UUID keyId, String userId, ProjectRole role, String title, String keyType, String fingerprint, List<ReachView> reaches) {
        static ProjectKeyView of(ProjectKeys.ReachingKey key) {
            return new ProjectKeyView(key.key().id(), key.key().userId(), key.role(), key.key().title(), key.key().keyType(),
                    key.key().fingerprint(), key.reaches().stream()
                            .map(reach -> new ReachView(reach.environmentId(), reach.through(), reach.grantId(), reach.expiresAt())).toList());
        }
    }

    /** A grant on Staging or Production (SSH-2) and where it stands now. */
    @Schema(name = "SshGrant", example = "{\"id\":\"7d6f5e4c-3b2a-4190-8f7e-6d5c4b3a2918\",\"projectId\":\"acme\",\"environmentId\":\"production\","
            + "\"userId\":\"bob\",\"keyId\":\"1f0c8a9e-2b7d-4c55-9a0e-3f1d2c4b5a69\",\"fingerprint\":\"SHA256:yo4bZ4ZdHn5Tn4dX0uA2qGz1zv3r7pSgkqZkVbNq5rE\","
            + "\"title\":\"bob@laptop\",\"state\":\"ACTIVE\",\"expiresAt\":\"2027-01-31T00:00:00Z\",\"ticketId\":\"T-1042\",\"grantedBy\":\"carol\","
            + "\"createdAt\":\"2026-11-27T10:00:00Z\",\"revokedAt\":null,\"revokedBy\":null,\"revokedReason\":null}")
    public record GrantView(UUID id, String projectId, String environmentId, String userId, UUID keyId, String fingerprint, String title,
            SshGrant.State state, @Schema(nullable = true) Instant expiresAt, String ticketId, String grantedBy, Instant createdAt,
            @Schema(nullable = true) Instant revokedAt, @Schema(nullable = true) String revokedBy, @Schema(nullable = true) String revokedReason) {
        static GrantView of(SshGrant grant) {
            return new GrantView(grant.id(), grant.projectId(), grant.environmentId(), grant.userId(), grant.keyId(), grant.fingerprint(),
                    grant.title(), grant.stateAt(Instant.now()), grant.expiresAt(), grant.ticketId(), grant.grantedBy(), grant.createdAt(),
                    grant.revokedAt(), grant.revokedBy(), grant.revokedReason());
        }
    }

    @GET
    @Path("/ssh-keys")
    @Operation(operationId = "listProjectSshKeys", summary = "List the keys that reach a project (admin)",
            description = "Each member's keys with the environments they reach and how: through the member's role (Integration, at least "
                    + "the deployed app's access.ssh) or a grant (Staging, Production). Paginated by member (API-4).")
    @APIResponse(responseCode = "200", description = "A page of keys")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ProjectKeyView> keys(@PathParam("projectId") String projectId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        requireAdminOrSupport(projectId);
        int size = Cursors.limit(limit);
        ProjectKeys.KeysPage page = projectKeys.reaching(projectId, cursor == null ? null : Cursors.decode(cursor), size);
        return new Page<>(page.keys().stream().map(ProjectKeyView::of).toList(), page.more() ? Cursors.encode(page.lastUser()) : null);
    }

    @GET
    @Path("/ssh-grants")
    @Operation(operationId = "listSshGrants", summary = "List a project's SSH grants (admin)",
            description = "Newest first, filtered by environment and state (ACTIVE, EXPIRED, REVOKED), paginated (API-4).")
    @APIResponse(responseCode = "200", description = "A page of grants")
    @APIResponse(responseCode = "400", description = "Bad filter, limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<GrantView> grants(@PathParam("projectId") String projectId, @QueryParam("environment") String environment,
            @QueryParam("state") String state, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        requireAdminOrSupport(projectId);
        int size = Cursors.limit(limit);
        SshGrant.State wanted = QueryParams.enumValue(SshGrant.State.class, "state", state);
        List<SshGrant> rows = grants.list(projectId, environment, wanted, cursor == null ? null : Cursors.decode(cursor), size + 1);
        return Cursors.page(rows, size, GrantService::cursorOf, GrantView::of);
    }

    @GET
    @Path("/ssh-grants/{grantId}")
    @Operation(operationId = "getSshGrant", summary = "Get an SSH grant (admin)")
    @APIResponse(responseCode = "200", description = "The grant", content = @Content(schema = @Schema(implementation = GrantView.class)))
    public GrantView grant(@PathParam("projectId") String projectId, @PathParam("grantId") String grantId) {
        requireAdminOrSupport(projectId);
        return GrantView.of(grants.get(projectId, TimeCursor.idOrNotFound(grantId, "grant")));
    }

    @DELETE
    @Path("/ssh-grants/{grantId}")
    @Operation(operationId = "revokeSshGrant", summary = "Revoke an SSH grant (admin)",
            description = "Ends the grant and the sessions it holds at once (SSH-2). Revoking needs no ticket: only granting does.")
    @APIResponse(responseCode = "204", description = "Revoked (or already revoked)")
    public Response revoke(@PathParam("projectId") String projectId, @PathParam("grantId") String grantId) {
        authorization.require(projectId, ProjectRole.ADMIN);
        grants.revoke(projectId, TimeCursor.idOrNotFound(grantId, "grant"), caller.userId());
        return Response.noContent().build();
    }

    private void requireAdminOrSupport(String projectId) {
        if (caller.isSupport() && authorization.callerRole(projectId).isEmpty()) {
            return;
        }
        authorization.require(projectId, ProjectRole.ADMIN);
    }

}
