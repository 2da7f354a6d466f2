package dev.slipway.environment.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of environment operations (ENV-4). */
public final class OperationRequests {

    private OperationRequests() {
    }

    /** Branch a child environment. */
    @Schema(name = "BranchRequest", example = "{\"name\":\"feature/checkout\",\"title\":\"New checkout\"}")
    public record Branch(@NotBlank @Size(max = 255) @Schema(description = "Git branch name (ENV-2)") String name,
            @Size(max = 200) String title) {
    }

    /** Synchronize from the parent: code, data or both. */
    @Schema(name = "SyncRequest", example = "{\"code\":true,\"data\":false}")
    public record Sync(Boolean code, Boolean data) {
    }
}
