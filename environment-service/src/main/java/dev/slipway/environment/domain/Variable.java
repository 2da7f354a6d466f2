package dev.slipway.environment.domain;

import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.domain.VariableRules;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * A project or environment variable (VAR-1, VAR-2). Project variables have the empty environment
 * id. A sensitive value never leaves the service except to other services (SEC-3); once sensitive,
 * a variable stays sensitive.
 */
@Entity
@Table(name = "variable")
public class Variable {

    public static final String PROJECT_LEVEL = "";

    @EmbeddedId
    private Key key;

    @Column(nullable = false)
    private String value;

    @Column(name = "is_json", nullable = false)
    private boolean json;

    @Column(nullable = false)
    private boolean sensitive;

    @Column(nullable = false)
    private boolean inheritable;

    @Column(name = "visible_build", nullable = false)
    private boolean visibleBuild;

    @Column(name = "visible_runtime", nullable = false)
    private boolean visibleRuntime;

    @Column(nullable = false)
    private boolean enabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Variable() {
    }

    /** Settings of a variable; null keeps the current (or default) value. */
    public record Settings(String value, Boolean json, Boolean sensitive, Boolean inheritable, Boolean visibleBuild,
            Boolean visibleRuntime, Boolean enabled) {

        /** SEC-3: the value may be sensitive, so a printed Settings says only whether it has one. */
        @Override
        public String toString() {
            return "Settings[value=" + (value == null ? "none" : "(hidden)") + ", json=" + json + ", sensitive=" + sensitive + ", inheritable="
                    + inheritable + ", visibleBuild=" + visibleBuild + ", visibleRuntime=" + visibleRuntime + ", enabled=" + enabled + "]";
        }
    }

    /** Why a new variable {@code name} with {@code settings} cannot be created, if it cannot (VAR-1). */
    public static Optional<Refusal> creationRefusal(String name, Settings settings) {
        Optional<Refusal> badName = VariableRules.nameRefusal(name);
        if (badName.isPresent()) {
            return badName;
        }
        if (settings.value() == null) {
            return Refusal.of("VAR-1", 400, "invalid-variable-value", "A variable needs a value.");
        }
        return valueRefusal(settings.value(), Boolean.TRUE.equals(settings.json()));
    }

    public static Variable create(String projectId, String environmentId, String name, Settings settings, Instant now) {
        Refusal.raise(creationRefusal(name, settings));
        Variable variable = new Variable();
        variable.key = new Key(projectId, environmentId, name);
        variable.inheritable = true;
        variable.visibleBuild = true;
        variable.visibleRuntime = true;
        variable.enabled = true;
        variable.createdAt = now;
        variable.apply(settings, now);
        return variable;
    }

    /** Why {@code settings} cannot be applied to this variable, if they cannot (VAR-1, VAR-2). */
    public Optional<Refusal> changeRefusal(Settings settings) {
        if (Boolean.FALSE.equals(settings.sensitive()) && sensitive) {
            return Refusal.of("VAR-2", 409, "sensitive-is-permanent", "A sensitive variable cannot be made non-sensitive; delete and recreate it.");
        }
        return valueRefusal(settings.value() != null ? settings.value() : value, settings.json() != null ? settings.json() : json);
    }

    /** Applies the given settings, checking VAR-1 and that sensitive stays sensitive (VAR-2). */
    public void apply(Settings settings, Instant now) {
        Refusal.raise(changeRefusal(settings));
        value = settings.value() != null ? settings.value() : value;
        json = settings.json() != null ? settings.json() : json;
        sensitive = settings.sensitive() != null ? settings.sensitive() : sensitive;
        inheritable = settings.inheritable() != null ? settings.inheritable() : inheritable;
        visibleBuild = settings.visibleBuild() != null ? settings.visibleBuild() : visibleBuild;
        visibleRuntime = settings.visibleRuntime() != null ? settings.visibleRuntime() : visibleRuntime;
        enabled = settings.enabled() != null ? settings.enabled() : enabled;
        updatedAt = now;
    }

    /** VAR-1 (shared with ticket-service's checks): JSON values parse and are at most 4 KiB; others at most 64 KiB. The value is never echoed. */
    private static Optional<Refusal> valueRefusal(String value, boolean json) {
        return VariableRules.valueRefusal(value, json);
    }

    /** The level: {@link #PROJECT_LEVEL} or the environment id. */
    public String level() {
        return key.environmentId();
    }

    /** Project, environment ({@code ""} for project level) and name. */
    @Embeddable
    public record Key(@Column(name = "project_id") String projectId, @Column(name = "environment_id") String environmentId,
            @Column(name = "name") String name) implements Serializable {
    }

    public String projectId() {
        return key.projectId();
    }

    /** Null for a project variable. */
    public String environmentId() {
        return PROJECT_LEVEL.equals(key.environmentId()) ? null : key.environmentId();
    }

    public String name() {
        return key.name();
    }

    public String value() {
        return value;
    }

    public boolean json() {
        return json;
    }

    public boolean sensitive() {
        return sensitive;
    }

    public boolean inheritable() {
        return inheritable;
    }

    public boolean visibleBuild() {
        return visibleBuild;
    }

    public boolean visibleRuntime() {
        return visibleRuntime;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
