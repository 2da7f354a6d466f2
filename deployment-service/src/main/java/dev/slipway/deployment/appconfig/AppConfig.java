package dev.slipway.deployment.appconfig;

import dev.slipway.events.ProjectRole;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The application configuration of a commit, from {@code .slipway/app.yaml} or
 * {@code .magento.app.yaml} (CFG-2), immutable. The keys with meaning are typed; {@link #raw()}
 * is the whole document as plain maps, lists and scalars, so keys Slipway does not know yet are
 * kept. Built only by {@link ConfigReader}, after every rule below held.
 *
 * @param name     the application's name, required: 1-64 of a-z, A-Z, 0-9, '_' and '-', starting with a letter or digit
 * @param type     the runtime, required, {@code <runtime>:<version>} such as {@code php:8.3}
 * @param hooks    the shell scripts of BUILD, DEPLOY and POST_DEPLOY (DEP-2)
 * @param sshRole  the least role that may open SSH on an Integration environment ({@code access.ssh}), default admin
 * @param crons    name -> schedule and command, in document order
 * @param diskMb   the application's disk in MB, when given
 * @param mounts   writable path (relative to the application root) -> its definition as written
 * @param relationships name -> the service and endpoint it connects to
 * @param web      {@code web} as written
 * @param raw      the whole document
 */
public record AppConfig(
        String name,
        String type,
        Hooks hooks,
        ProjectRole sshRole,
        Map<String, Cron> crons,
        OptionalInt diskMb,
        Map<String, Map<String, Object>> mounts,
        Map<String, Relationship> relationships,
        Map<String, Object> web,
        Map<String, Object> raw) {

    /** CFG-2: SSH on Integration needs admin unless {@code access.ssh} lowers it. */
    public static final ProjectRole DEFAULT_SSH_ROLE = ProjectRole.ADMIN;

    public AppConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(sshRole, "sshRole");
        Objects.requireNonNull(diskMb, "diskMb");
        crons = ordered(crons);
        mounts = ordered(mounts);
        relationships = ordered(relationships);
        web = ordered(web);
        raw = ordered(raw);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The scripts run by {@code bash -e} in each phase (DEP-2, DEP-10); empty when the phase has none. */
    public record Hooks(Optional<String> build, Optional<String> deploy, Optional<String> postDeploy) {

        public static final Hooks NONE = new Hooks(Optional.empty(), Optional.empty(), Optional.empty());

        public Hooks {
            Objects.requireNonNull(build, "build");
            Objects.requireNonNull(deploy, "deploy");
            Objects.requireNonNull(postDeploy, "postDeploy");
        }
    }

    /** A scheduled command. */
    public record Cron(CronSpec spec, String cmd) {

        public Cron {
            Objects.requireNonNull(spec, "spec");
            if (cmd == null || cmd.isBlank()) {
                throw new IllegalArgumentException("a cron needs a command");
            }
        }
    }

    /** {@code service:endpoint}, e.g. {@code mysql:mysql}: the service of services.yaml and its endpoint. */
    public record Relationship(String service, String endpoint) {

        public Relationship {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        @Override
        public String toString() {
            return service + ":" + endpoint;
        }
    }
}
