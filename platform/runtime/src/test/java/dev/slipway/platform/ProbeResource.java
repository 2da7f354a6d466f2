package dev.slipway.platform;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints that fail in each way the problem mappers must cover. */
@Path("/test")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    /** Test body. */
    public enum Colour { RED, GREEN }

    /** Test body. */
    public record Order(@NotBlank String name, @NotNull @Min(1) @Max(10) Integer count, Colour colour) {
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("connection to db failed, password=hunter2");
    }

    @POST
    @Path("/orders")
    @Consumes(MediaType.APPLICATION_JSON)
    public Order order(@Valid @NotNull Order order) {
        return order;
    }
}
