package dev.slipway.platform.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem details for answers the HTTP layer gives before any resource runs (API-2): a path no
 * route serves (404), a body over the size limit (413), and other errors Vert.x raises itself.
 */
@ApplicationScoped
public class HttpProblemRoutes {

    private final ObjectMapper objectMapper;
    private final long maxBodySize;

    public HttpProblemRoutes(ObjectMapper objectMapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBodySize) {
        this.objectMapper = objectMapper;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // The body reader would answer an oversized body with a bare 413; refuse it first, as a problem.
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && length.length() < 19
                    && Long.parseLong(length) > maxBodySize) {
                context.response().putHeader("Connection", "close");
                write(context, 413, "Content Too Large", "The request body is larger than the " + maxBodySize + " bytes this service accepts.");
                return;
            }
            context.next();
        });
        router.route().last().handler(context -> write(context, 404, "Not Found", "No resource at " + context.normalizedPath() + "."));
        router.errorHandler(413, context -> write(context, 413, "Content Too Large", "The request body is larger than this service accepts."));
        router.errorHandler(404, context -> write(context, 404, "Not Found", "No resource at " + context.normalizedPath() + "."));
        router.errorHandler(405, context -> write(context, 405, "Method Not Allowed", "This resource does not accept that HTTP method."));
    }

    private void write(RoutingContext context, int status, String title, String detail) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        Problem problem = new Problem(Problem.typeOf(title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')), title, status, detail,
                context.normalizedPath(), null, null, null);
        try {
            context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(objectMapper.writeValueAsString(problem));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            context.response().setStatusCode(status).end();
        }
    }
}
