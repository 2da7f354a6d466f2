package dev.slipway.environment.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.environment.EnvironmentOperation;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A long operation on an environment (API-3): created PENDING, IN_PROGRESS while another service
 * works on it (the git host), COMPLETE with a SUCCESS or FAILURE result. Its log records each step.
 */
@Entity
@Table(name = "activity")
public class Activity {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false)
    private String projectId;

    @Column(name = "environment_id", nullable = false)
    private String environmentId;

    @Convert(converter = OperationAsActivityType.class)
    @Column(name = "type", nullable = false)
    private EnvironmentOperation operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ActivityState state;

    @Enumerated(EnumType.STRING)
    private ActivityResult result;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    /** The operation's parameters as JSON. */
    @Column(nullable = false)
    private String parameters;

    @Column(nullable = false)
    private String log;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected Activity() {
    }

    public Activity(String projectId, String environmentId, EnvironmentOperation operation, String createdBy, Map<String, ?> parameters,
            Instant now) {
        this.id = UUID.randomUUID();
        this.projectId = projectId;
        this.environmentId = environmentId;
        this.operation = operation;
        this.state = ActivityState.PENDING;
        this.createdBy = createdBy;
        this.parameters = toJson(parameters);
        this.log = "";
        this.createdAt = now;
        log(now, operation.activityType() + " requested by " + createdBy);
    }

    /** Another service is now working on it. */
    public void start(Instant now, String line) {
        if (state == ActivityState.PENDING) {
            state = ActivityState.IN_PROGRESS;
            startedAt = now;
        }
        log(now, line);
    }

    public void succeed(Instant now, String line) {
        finish(now, ActivityResult.SUCCESS, line);
    }

    public void fail(Instant now, String line) {
        finish(now, ActivityResult.FAILURE, line);
    }

    private void finish(Instant now, ActivityResult outcome, String line) {
        if (state == ActivityState.COMPLETE) {
            return;
        }
        if (startedAt == null) {
            startedAt = now;
        }
        state = ActivityState.COMPLETE;
        result = outcome;
        completedAt = now;
        log(now, line);
    }

    private void log(Instant now, String line) {
        log = log + DateTimeFormatter.ISO_INSTANT.format(now) + " " + line + "\n";
    }

    public UUID id() {
        return id;
    }

    public String projectId() {
        return projectId;
    }

    public String environmentId() {
        return environmentId;
    }

    public EnvironmentOperation operation() {
        return operation;
    }

    public ActivityState state() {
        return state;
    }

    public ActivityResult result() {
        return result;
    }

    public String createdBy() {
        return createdBy;
    }

    /** The operation's parameters as given, e.g. {@code {"code":true,"data":false}}. */
    public Map<String, Object> parameters() {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = JSON.readValue(parameters, LinkedHashMap.class);
            return values;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("activity " + id + " holds unreadable parameters", e);
        }
    }

    /** Whether the boolean parameter {@code name} was given as true (a sync that also copies data). */
    public boolean isTrue(String name) {
        return Boolean.TRUE.equals(parameters().get(name));
    }

    private static String toJson(Map<String, ?> parameters) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(parameters));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("activity parameters must be JSON values", e);
        }
    }

    /** Stored as the Activity type of API-3, {@code environment.branch}. */
    @Converter
    public static class OperationAsActivityType implements AttributeConverter<EnvironmentOperation, String> {
        @Override
        public String convertToDatabaseColumn(EnvironmentOperation operation) {
            return operation == null ? null : operation.activityType();
        }

        @Override
        public EnvironmentOperation convertToEntityAttribute(String type) {
            return type == null ? null : EnvironmentOperation.ofActivityType(type);
        }
    }

    public String log() {
        return log;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }
}
