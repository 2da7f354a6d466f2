package dev.slipway.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes and Strimzi kinds k8s/ may hold, each with its fabric8 or Strimzi model class, and a
 * strict reading: the model classes keep fields they do not know in {@code additionalProperties}
 * instead of refusing them, so after reading, every object of the tree must have none left. A kind
 * not listed here is refused, and so is a field the model marks {@code @Deprecated} (Strimzi's
 * v1beta2-only fields, which its v1 API dropped) or a value it does not know; CloudNativePG's kinds have no published Java model and are checked by
 * {@link CloudNativePg} instead.
 */
final class Models {

    static final Map<String, Class<?>> KUBERNETES = Map.ofEntries(
            Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1/Secret", io.fabric8.kubernetes.api.model.Secret.class),
            Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("networking.k8s.io/v1/Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class));

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private Models() {
    }

    static String type(JsonNode object) {
        return object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    }

    static String name(JsonNode object) {
        return type(object) + " " + object.path("metadata").path("name").asText();
    }

    /** Reads the object into its model class; problems (unknown kind, unreadable, unknown fields) are added, named. */
    static <T> T read(JsonNode object, Class<T> type, List<String> problems) {
        try {
            T model = JSON.treeToValue(object, type);
            List<String> unknown = new ArrayList<>();
            unknownFields(model, "", unknown, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
            unknown.forEach(field -> problems.add(name(object) + ": unknown field " + field));
            return model;
        } catch (Exception e) {
            problems.add(name(object) + ": does not read as " + type.getSimpleName() + ": " + e.getMessage());
            return null;
        }
    }

    /** Every path below {@code model} where a model object kept fields its class does not declare. */
    static void unknownFields(Object model, String path, List<String> unknown, Set<Object> seen) {
        if (model == null || model instanceof String || model instanceof Number || model instanceof Boolean || model instanceof Enum<?>) {
            return;
        }
        if (model instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown, seen));
            return;
        }
        if (model instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                if (item == null) {
                    // An enum value the model does not know reads as null (Strimzi's forValue).
                    unknown.add(path.substring(1) + "[" + i + "] (a value the model does not know)");
                }
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        String pkg = model.getClass().getPackageName();
        if (!(pkg.startsWith("io.fabric8.kubernetes.api.model") || pkg.startsWith("io.strimzi.api")) || !seen.add(model)) {
            return;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    extra.keySet().forEach(key -> unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + key));
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            if (getter.isAnnotationPresent(Deprecated.class) && value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
                // Strimzi marks the fields of v1beta2 that its v1 API dropped (e.g. an ACL's single operation).
                unknown.add((path.isEmpty() ? "" : path.substring(1) + ".") + property + " (deprecated; not in the v1 API)");
            }
            unknownFields(value, path + "." + property, unknown, seen);
        }
    }
}
