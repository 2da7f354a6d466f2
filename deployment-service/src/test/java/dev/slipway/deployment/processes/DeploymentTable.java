package dev.slipway.deployment.processes;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The forked services' deployments as their database holds them, read with plain JDBC: the test
 * runs no Quarkus of its own, and the claim columns (who runs it, which hook group) are not in the
 * API.
 */
final class DeploymentTable {

    /** One row of {@code deployment}, the columns these tests look at. */
    record Row(UUID id, String projectId, String environmentId, String state, String phase, String detail, String claimedBy,
            Long hookProcessGroup) {

        boolean is(String expected) {
            return expected.equals(state);
        }
    }

    private final String jdbcUrl;
    private final String user;

    DeploymentTable(String jdbcUrl, String user) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
    }

    /** The deployments of {@code projectId}, oldest first. */
    List<Row> ofProject(String projectId) {
        return query("SELECT id, project_id, environment_id, state, phase, detail, claimed_by, hook_pgid FROM deployment "
                + "WHERE project_id = ? ORDER BY queued_at, id", projectId);
    }

    /** The deployments of one environment, oldest first. */
    List<Row> ofEnvironment(String projectId, String environmentId) {
        return ofProject(projectId).stream().filter(row -> row.environmentId().equals(environmentId)).toList();
    }

    private List<Row> query(String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getObject("id", UUID.class), result.getString("project_id"), result.getString("environment_id"),
                            result.getString("state"), result.getString("phase"), result.getString("detail"), result.getString("claimed_by"),
                            result.getObject("hook_pgid", Long.class)));
                }
            }
            return rows;
        } catch (SQLException e) {
            // Before the first service has migrated the database there is no table yet.
            if ("42P01".equals(e.getSQLState())) {
                return List.of();
            }
            throw new IllegalStateException("Cannot read deployments: " + e.getMessage(), e);
        }
    }
}
