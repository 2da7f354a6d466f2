package dev.slipway.environment.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import org.hibernate.jpa.HibernateHints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Project and environment variables (VAR-1..3) and the queries on them. */
@ApplicationScoped
public class VariableRepository implements PanacheRepositoryBase<Variable, Variable.Key> {

    /** The variables of one level, {@link Variable#PROJECT_LEVEL} or an environment id, by name. */
    public List<Variable> atLevel(String projectId, String level) {
        return list("key.projectId = :project AND key.environmentId = :level ORDER BY key.name",
                Parameters.with("project", projectId).and("level", level));
    }

    public Optional<Variable> find(String projectId, String level, String name) {
        return findByIdOptional(new Variable.Key(projectId, level, name));
    }

    /** The variables of several levels in one query, grouped by level (VAR-3). */
    public Map<String, List<Variable>> atLevels(String projectId, Collection<String> levels) {
        return list("key.projectId = :project AND key.environmentId IN :levels ORDER BY key.name",
                Parameters.with("project", projectId).and("levels", levels))
                .stream().collect(Collectors.groupingBy(Variable::level));
    }

    /** Every variable called {@code name} in the project, at every level, grouped by level, loaded read-only (ENV-7's ADMIN_URL). */
    public Map<String, List<Variable>> named(String projectId, String name) {
        return find("key.projectId = :project AND key.name = :name", Parameters.with("project", projectId).and("name", name))
                .withHint(HibernateHints.HINT_READ_ONLY, true).list().stream().collect(Collectors.groupingBy(Variable::level));
    }
}
