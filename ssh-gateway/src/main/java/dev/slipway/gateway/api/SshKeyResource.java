package dev.slipway.gateway.api;

import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.domain.SshKey;
import dev.slipway.gateway.service.SshKeyService;
import dev.slipway.platform.api.TimeCursor;
import dev.slipway.platform.api.Cursors;
import dev.slipway.platform.api.IdempotentRequests;
import dev.slipway.platform.api.Page;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.security.Caller;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own SSH keys (SSH-1). Every signed-in user manages their own; nobody else's. */
@Path("/api/v1/ssh-keys")
@Tag(name = "SSH keys", description = "Your SSH public keys (SSH-1): what lets you push over git and open shells on environments.")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SshKeyResource {

    private final SshKeyService keys;
    private final Caller caller;
    private final IdempotentRequests idempotency;

    public SshKeyResource(SshKeyService keys, Caller caller, IdempotentRequests idempotency) {
        this.keys = keys;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    /** A registered key. The public key line is not secret and is shown; a private key is never stored. */
    @Schema(name = "SshKey", example = "{\"id\":\"1f0c8a9e-2b7d-4c55-9a0e-3f1d2c4b5a69\",\"title\":\"alice@laptop\",\"keyType\":\"ssh-ed25519\","
            + "\"bits\":256,\"fingerprint\":\"SHA256:yo4bZ4ZdHn5Tn4dX0uA2qGz1zv3r7pSgkqZkVbNq5rE\",\"publicKey\":\"ssh-ed25519 "
            + "AAAAC3NzaC1lZDI1NTE5AAAAIOm9w9p1n1v0C0d4b8Jr0wq1oQf7h5o2b5Vx4v3b9n8m\",\"createdAt\":\"2026-11-27T10:00:00Z\",\"lastUsedAt\":null}")
    public record SshKeyView(UUID id, String title, String keyType, int bits, String fingerprint, String publicKey, Instant createdAt,
            @Schema(nullable = true) Instant lastUsedAt) {
        static SshKeyView of(SshKey key) {
            return new SshKeyView(key.id(), key.title(), key.keyType(), key.bits(), key.fingerprint(), key.publicKey(), key.createdAt(),
                    key.lastUsedAt());
        }
    }

    /** Body of adding a key: one OpenSSH public key line; the title defaults to the line's comment. */
    @Schema(name = "AddSshKey", example = "{\"publicKey\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm9w9p1n1v0C0d4b8Jr0wq1oQf7h5o2b5Vx4v3b9n8m alice@laptop\","
            + "\"title\":\"laptop\"}")
    public record AddSshKey(@NotNull @Size(max = 16384) String publicKey, @Schema(nullable = true) @Size(max = 255) String title) {
    }

    @GET
    @Operation(operationId = "listSshKeys", summary = "List your SSH keys", description = "Oldest first, paginated (API-4).")
    @APIResponse(responseCode = "200", description = "A page of your keys")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<SshKeyView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Cursors.limit(limit);
        return Cursors.page(keys.list(caller.userId(), cursor == null ? null : Cursors.decode(cursor), size + 1), size, SshKeyService::cursorOf,
                SshKeyView::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addSshKey", summary = "Add an SSH key",
            description = "ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of 2048 bits or more (SSH-1). Adding a key you already have "
                    + "answers 200 with it. Accepts Idempotency-Key (API-6).")
    @APIResponse(responseCode = "201", description = "Added; Location names the key", content = @Content(schema = @Schema(implementation = SshKeyView.class)))
    @APIResponse(responseCode = "200", description = "You already had this key", content = @Content(schema = @Schema(implementation = SshKeyView.class)))
    @APIResponse(responseCode = "400", description = "Not an accepted public key (a private key is refused and never echoed)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The key belongs to another user", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Body is not JSON", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response add(@Valid @NotNull AddSshKey request, @HeaderParam(IdempotentRequests.HEADER) String idempotencyKey, UriInfo uri) {
        PublicKeyLine line = PublicKeyLine.parse(request.publicKey());
        return idempotency.execute(caller.userId(), idempotencyKey, uri.getPath(), request, () -> {
            SshKeyService.Registered registered = keys.add(caller.userId(), request.title(), line);
            SshKeyView view = SshKeyView.of(registered.key());
            return registered.created()
                    ? Response.created(uri.getAbsolutePathBuilder().path(registered.key().id().toString()).build()).entity(view).build()
                    : Response.ok(view).build();
        });
    }

    @GET
    @Path("/{keyId}")
    @Operation(operationId = "getSshKey", summary = "Get one of your SSH keys")
    @APIResponse(responseCode = "200", description = "The key", content = @Content(schema = @Schema(implementation = SshKeyView.class)))
    @APIResponse(responseCode = "404", description = "You have no such key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SshKeyView get(@PathParam("keyId") String keyId) {
        return SshKeyView.of(keys.get(caller.userId(), TimeCursor.idOrNotFound(keyId, "key")));
    }

    @DELETE
    @Path("/{keyId}")
    @Operation(operationId = "removeSshKey", summary = "Remove one of your SSH keys",
            description = "Revokes the key's grants and ends its open SSH sessions at once (SSH-2).")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "You have no such key", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("keyId") String keyId) {
        keys.remove(caller.userId(), TimeCursor.idOrNotFound(keyId, "key"));
        return Response.noContent().build();
    }

}
