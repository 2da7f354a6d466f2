package dev.slipway.platform;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.security.Caller;
import dev.slipway.platform.security.ProjectAuthorization;
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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints that fail in each way the problem mappers must cover. */
@Path("/test")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    private final ProjectAuthorization authorization;
    private final Caller caller;
    private final jakarta.persistence.EntityManager entityManager;

    public ProbeResource(ProjectAuthorization authorization, Caller caller, jakarta.persistence.EntityManager entityManager) {
        this.authorization = authorization;
        this.caller = caller;
        this.entityManager = entityManager;
    }

    /** What the role checks let the caller see of a project. */
    public record Access(String projectId, String userId, ProjectRole role, boolean support) {
    }

    @GET
    @Path("/projects/{projectId}/access")
    public Access access(@PathParam("projectId") String projectId) {
        authorization.requireRead(projectId);
        return new Access(projectId, caller.userId(), authorization.callerRole(projectId).orElse(null), caller.isSupport());
    }

    /** A change that needs the admin role (SEC-2). */
    @POST
    @Path("/projects/{projectId}/settings")
    public jakarta.ws.rs.core.Response settings(@PathParam("projectId") String projectId) {
        authorization.require(projectId, ProjectRole.ADMIN);
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    /** A write through the pool, as an API request makes one: two ledger rows in one transaction, both or neither. */
    @POST
    @Path("/ledger/{account}")
    public jakarta.ws.rs.core.Response write(@PathParam("account") String account) {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            for (String half : new String[] {"http-a", "http-b"}) {
                entityManager.createNativeQuery("INSERT INTO test_ledger (event_id, account, amount) VALUES (:half, :account, 1)")
                        .setParameter("half", half).setParameter("account", account).executeUpdate();
            }
        });
        return jakarta.ws.rs.core.Response.status(201).build();
    }

    /** Test body. */
    public enum Colour { RED, GREEN }

    /** Test body. */
    public record Order(@NotBlank String name, @NotNull @Min(1) @Max(10) Integer count, Colour colour) {
    }

    /** A refusal by a rule of the contract (here ENV-3's): the problem names the rule. */
    @POST
    @Path("/refused")
    public String refused() {
        throw new DomainException("ENV-3", 409, "active-environment-limit", "The project already has its most active environments.");
    }

    /** Another service's refusal by one of its rules, reaching this request: a 502 relaying the rule. */
    @GET
    @Path("/relayed")
    public String relayed() {
        throw new ServiceProblemException("ticket-service", 409, Problem.typeOf("ticket-not-open"), "ticket t1 is closed", "TKT-3");
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
