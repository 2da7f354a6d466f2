package dev.slipway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CloudNativePG (postgresql.cnpg.io/v1) and its Barman Cloud plugin (barmancloud.cnpg.io/v1) publish
 * CRD schemas but no Java model, so their objects are checked against this subset of the schema, taken
 * from the CloudNativePG 1.27 API reference and the plugin's 0.6 reference: the fields of {@code spec}
 * k8s/ may use (a misspelt or unknown one fails) and the ones each kind requires. A field k8s/ starts
 * using is added here after checking it in that reference.
 */
final class CloudNativePg {

    record Kind(Set<String> allowed, List<String> required) {
    }

    static final Map<String, Kind> KINDS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", new Kind(
                    Set.of("instances", "imageName", "primaryUpdateStrategy", "storage", "walStorage", "resources", "managed", "plugins",
                            "bootstrap", "backup", "postgresql", "affinity", "monitoring", "enableSuperuserAccess", "description"),
                    List.of("instances", "storage.size")),
            "postgresql.cnpg.io/v1/Database", new Kind(
                    Set.of("cluster", "name", "owner", "ensure", "databaseReclaimPolicy", "encoding", "template", "locale"),
                    List.of("cluster.name", "name", "owner")),
            "postgresql.cnpg.io/v1/ScheduledBackup", new Kind(
                    Set.of("schedule", "cluster", "method", "pluginConfiguration", "backupOwnerReference", "immediate", "suspend", "target"),
                    List.of("schedule", "cluster.name")),
            "barmancloud.cnpg.io/v1/ObjectStore", new Kind(
                    Set.of("configuration", "retentionPolicy", "instanceSidecarConfiguration"),
                    List.of("configuration.destinationPath")));

    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");

    private CloudNativePg() {
    }

    static boolean covers(JsonNode object) {
        return KINDS.containsKey(Models.type(object));
    }

    static List<String> check(JsonNode object) {
        List<String> problems = new ArrayList<>();
        Kind kind = KINDS.get(Models.type(object));
        object.fieldNames().forEachRemaining(field -> {
            if (!TOP.contains(field)) {
                problems.add(Models.name(object) + ": unknown field " + field);
            }
        });
        JsonNode spec = object.path("spec");
        for (Iterator<String> fields = spec.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!kind.allowed().contains(field)) {
                problems.add(Models.name(object) + ": unknown field spec." + field);
            }
        }
        for (String required : kind.required()) {
            JsonNode value = spec;
            for (String part : required.split("\\.")) {
                value = value.path(part);
            }
            if (value.isMissingNode() || value.isNull() || value.asText().isBlank() && !value.isContainerNode()) {
                problems.add(Models.name(object) + ": spec." + required + " is required");
            }
        }
        if (Models.type(object).endsWith("/ScheduledBackup") && spec.path("schedule").asText().trim().split("\\s+").length != 6) {
            problems.add(Models.name(object) + ": schedule needs six fields, seconds first (CloudNativePG's cron format)");
        }
        return problems;
    }
}
