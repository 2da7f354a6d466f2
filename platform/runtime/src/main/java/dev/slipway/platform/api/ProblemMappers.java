package dev.slipway.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.slipway.platform.database.DatabaseOutage;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one family of exception mappers (API-2): every error leaves as problem+json, never with a
 * stack trace or a class name. Unexpected failures answer 500 with a correlation id that is also in
 * the log line holding the stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String detail = violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return respond(ProblemException.badRequest(detail, violations).toProblem(path(uri)));
    }

    /** Declared for the subtype too: Quarkus REST's own mapper of it would otherwise answer with an empty body. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : null;
        String message;
        if (e instanceof UnrecognizedPropertyException unknown) {
            message = "unknown field '" + unknown.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException format) {
            message = "value " + describe(format.getValue()) + " is not a valid " + simpleType(format.getTargetType())
                    + enumHint(format.getTargetType());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "expected " + simpleType(mismatch.getTargetType()) + enumHint(mismatch.getTargetType());
        } else if (e instanceof JsonMappingException && e.getCause() instanceof IllegalArgumentException invalid) {
            message = invalid.getMessage();
        } else {
            message = "malformed JSON" + location(e);
            field = null;
        }
        List<Problem.Violation> violations = field == null || field.isEmpty() ? null : List.of(new Problem.Violation(field, message));
        String detail = field == null || field.isEmpty() ? "The request body is not acceptable: " + message : field + ": " + message;
        return respond(new ProblemException(400, "invalid-body", "Invalid request body", detail, violations).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(Problem.typeOf("forbidden"), "Forbidden", 403,
                "You are not allowed to do this.", path(uri), null, null, null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException unreadableBody) {
            return unreadable(unreadableBody, uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request failed" : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + path(uri) + ".";
            case 405 -> "This resource does not accept that HTTP method.";
            case 406 -> "This resource cannot answer in the requested media type; ask for application/json.";
            case 415 -> "This resource does not accept that Content-Type; send application/json.";
            case 400 -> "The request is not acceptable.";
            default -> title + ".";
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(Problem.typeOf(slug(title)), title, status, detail, path(uri), null, null, null));
        // 405 must say what is allowed (RFC 9110); keep the Allow header Quarkus computed.
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    /**
     * SEC-4: another Slipway service this request needs did not answer in time. Nothing changed here;
     * the caller retries later, as this service's own work would.
     */
    @ServerExceptionMapper
    public Response calledServiceUnavailable(ServiceUnavailableException e, UriInfo uri) {
        LOG.warnf("%s unavailable for %s: %s", e.target(), path(uri), e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(new Problem(Problem.typeOf("service-unavailable"), "Service Unavailable", 503,
                        "This request needs " + e.target() + ", which is not answering right now. Nothing was changed; retry in a few seconds.",
                        path(uri), null, null, null))
                .build();
    }

    /**
     * Another Slipway service answered this request's call with an error it should not have: 502, naming
     * it, and relaying the SPEC rule its refusal named, if any.
     */
    @ServerExceptionMapper
    public Response calledServiceFailed(ServiceProblemException e, UriInfo uri) {
        LOG.warnf("%s answered %d%s for %s: %s", e.target(), e.status(), e.rule() == null ? "" : " (" + e.rule() + ")", path(uri), e.detail());
        return respond(new Problem(Problem.typeOf("bad-gateway"), "Bad Gateway", 502, "This request needs " + e.target() + ", which answered "
                + e.status() + (e.rule() == null ? "" : ", refusing by " + e.rule()) + ". Nothing was changed here.", path(uri), null, null,
                e.rule()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseOutage.isCause(e)) {
            // A transaction applies whole or not at all; one cut off while committing may have applied, so
            // the answer does not claim either way and points at the safe retry (API-6).
            LOG.warnf("Database unavailable on %s: %s", path(uri), e.getMessage());
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(new Problem(Problem.typeOf("service-unavailable"), "Service Unavailable", 503,
                            "The service cannot reach its database right now. A change is applied entirely or not at all; "
                                    + "retry in a few seconds (a creating POST with the same Idempotency-Key is applied once).",
                            path(uri), null, null, null))
                    .build();
        }
        // SQL state class 22 (data exception): a value the database cannot take, such as a NUL
        // character or an overlong text that validation let through. The client's input, not our fault.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                LOG.infof("Refused a value the database cannot store on %s (SQL state %s)", path(uri), sql.getSQLState());
                return respond(new ProblemException(400, "invalid-value", "Invalid value",
                        "A value in the request cannot be stored (for example it contains a NUL character or is too long).").toProblem(path(uri)));
            }
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s [correlationId=%s]", path(uri), correlationId);
        return respond(new Problem(Problem.typeOf("internal-error"), "Internal error", 500,
                "The request failed unexpectedly; report correlation id " + correlationId + ".", path(uri), null, correlationId, null));
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(new Problem(Problem.typeOf("unauthenticated"), "Unauthorized", 401,
                        "A valid bearer token is required.", path(uri), null, null, null))
                .build();
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    /** The request field: the property path without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(Path.Node::toString).toList();
        // Paths of parameters look like create.arg0.name or create.request.name: drop method and parameter.
        if (nodes.size() > 2) {
            return String.join(".", nodes.subList(2, nodes.size()));
        }
        return nodes.isEmpty() ? "" : nodes.get(nodes.size() - 1);
    }

    private static String pathOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String simpleType(Class<?> type) {
        if (type.isEnum()) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "object";
    }

    private static String enumHint(Class<?> type) {
        if (!type.isEnum()) {
            return "";
        }
        return "; expected one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", "));
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + (text.length() > 64 ? text.substring(0, 64) + "..." : text) + "'" : String.valueOf(value);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
