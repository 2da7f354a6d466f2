package dev.slipway.environment.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /api/v1/projects/{project}}: fields left out keep their value. */
@Schema(name = "UpdateProject", example = "{\"title\":\"Flagship store\",\"activeEnvironmentLimit\":12}")
public record UpdateProjectRequest(@Size(max = 200) String title, @Min(1) @Max(50) Integer activeEnvironmentLimit) {
}
