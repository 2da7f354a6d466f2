package dev.slipway.environment.api;

import dev.slipway.environment.domain.EffectiveVariables;
import dev.slipway.environment.domain.Variable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Variable bodies and views (VAR-1..3). A sensitive value is shown as null (VAR-2). */
public final class VariableViews {

    private VariableViews() {
    }

    /** Body of creating a variable. */
    @Schema(name = "CreateVariable", example = "{\"name\":\"env:STRIPE_KEY\",\"value\":\"sk_live_123\",\"sensitive\":true}")
    public record Create(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,256}", message = "must be 1-256 of A-Z, a-z, 0-9, '.', '_', ':' and '-' (VAR-1)") String name,
            @NotNull String value, Boolean json, Boolean sensitive, Boolean inheritable, Boolean visibleBuild, Boolean visibleRuntime,
            Boolean enabled) {

        Variable.Settings settings() {
            return new Variable.Settings(value, json, sensitive, inheritable, visibleBuild, visibleRuntime, enabled);
        }
    }

    /** Body of changing a variable: fields left out keep their value. */
    @Schema(name = "UpdateVariable", example = "{\"value\":\"2\",\"inheritable\":false}")
    public record Update(String value, Boolean json, Boolean sensitive, Boolean inheritable, Boolean visibleBuild, Boolean visibleRuntime,
            Boolean enabled) {

        Variable.Settings settings() {
            return new Variable.Settings(value, json, sensitive, inheritable, visibleBuild, visibleRuntime, enabled);
        }
    }

    /** A variable; {@code value} is null when sensitive. */
    @Schema(name = "Variable", example = "{\"name\":\"env:STRIPE_KEY\",\"value\":null,\"json\":false,\"sensitive\":true,\"inheritable\":true,\"visibleBuild\":true,\"visibleRuntime\":true,\"enabled\":true,\"level\":\"environment\",\"environmentId\":\"master\",\"createdAt\":\"2026-11-26T15:00:00Z\",\"updatedAt\":\"2026-11-26T15:00:00Z\"}")
    public record View(String name, @Schema(nullable = true, description = "Null when sensitive (VAR-2)") String value, boolean json,
            boolean sensitive, boolean inheritable, boolean visibleBuild, boolean visibleRuntime, boolean enabled,
            @Schema(enumeration = {"project", "environment"}) String level,
            @Schema(nullable = true, description = "Null for a project variable") String environmentId, Instant createdAt, Instant updatedAt) {

        static View of(Variable variable) {
            return new View(variable.name(), variable.sensitive() ? null : variable.value(), variable.json(), variable.sensitive(),
                    variable.inheritable(), variable.visibleBuild(), variable.visibleRuntime(), variable.enabled(),
                    variable.environmentId() == null ? "project" : "environment", variable.environmentId(), variable.createdAt(), variable.updatedAt());
        }
    }

    /** VAR-3: an effective variable, whether it is inherited and from where ("project" or an environment id). */
    @Schema(name = "EffectiveVariable", example = "{\"name\":\"SHARED\",\"value\":\"p\",\"json\":false,\"sensitive\":false,\"visibleBuild\":true,\"visibleRuntime\":true,\"inherited\":true,\"source\":\"project\"}")
    public record EffectiveView(String name, @Schema(nullable = true, description = "Null when sensitive (VAR-2)") String value, boolean json, boolean sensitive, boolean visibleBuild, boolean visibleRuntime,
            boolean inherited, String source) {

        static EffectiveView of(EffectiveVariables.Effective effective, boolean withSensitiveValues) {
            Variable variable = effective.variable();
            return new EffectiveView(variable.name(), variable.sensitive() && !withSensitiveValues ? null : variable.value(), variable.json(),
                    variable.sensitive(), variable.visibleBuild(), variable.visibleRuntime(), effective.inherited(), effective.source());
        }
    }
}
