package dev.slipway.gateway.ssh;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Commands and shells of user {@code <project>-<env>} (SSH-3): relayed to the environment's runtime
 * through deployment-service's exec interface. The channel's session holds the key holder, the
 * target and the entry decision ({@link SshSessions}).
 */
public interface EnvironmentCommands {

    /** A command line ({@code ssh host <cmd>}), or an interactive shell when {@code commandLine} is null. */
    Command command(ChannelSession channel, String commandLine);
}
