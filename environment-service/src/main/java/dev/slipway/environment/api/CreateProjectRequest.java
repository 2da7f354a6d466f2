package dev.slipway.environment.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/projects}. */
@Schema(name = "CreateProject", example = "{\"id\":\"shop\",\"title\":\"My shop\",\"activeEnvironmentLimit\":8}")
public record CreateProjectRequest(
        @NotNull @Pattern(regexp = "[a-z][a-z0-9]{2,31}", message = "must be 3-32 lowercase letters and digits, starting with a letter (ENV-1)")
        @Schema(description = "Project id (ENV-1)", example = "shop") String id,
        @Size(max = 200) @Schema(description = "Display title; defaults to the id", example = "My shop") String title,
        @Min(1) @Max(50) @Schema(description = "Most active Integration environments (ENV-3), default 8", example = "8") Integer activeEnvironmentLimit) {
}
