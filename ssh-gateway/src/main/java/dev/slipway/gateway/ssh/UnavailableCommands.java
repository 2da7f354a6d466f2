package dev.slipway.gateway.ssh;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Development scaffold while git and exec relays are built (removed once both exist). */
@ApplicationScoped
public class UnavailableCommands {

    @Produces
    @DefaultBean
    @ApplicationScoped
    EnvironmentCommands environments() {
        return (channel, commandLine) -> new MessageCommand("environment shells are not available on this gateway yet", 1);
    }
}
