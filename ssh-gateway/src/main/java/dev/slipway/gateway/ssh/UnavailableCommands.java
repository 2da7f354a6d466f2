package dev.slipway.gateway.ssh;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Development scaffold while the git relay is built (removed once it exists); environments are relayed by {@link ExecRelay}. */
@ApplicationScoped
public class UnavailableCommands {

    @Produces
    @DefaultBean
    @ApplicationScoped
    GitCommands git() {
        return (channel, commandLine) -> new MessageCommand("git over SSH is not available on this gateway yet", 1);
    }
}
