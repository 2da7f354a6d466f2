package dev.slipway.gateway.ssh;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Git over SSH (SSH-4, SSH-5): the commands user {@code git} may run ({@code git-upload-pack},
 * {@code git-receive-pack} on {@code '/<project>.git'} or a tier remote). The channel's session
 * holds the authenticated key holder ({@link SshSessions#holder}).
 */
public interface GitCommands {

    /** The command for {@code commandLine}; one the gateway does not serve exits non-zero saying so. */
    Command command(ChannelSession channel, String commandLine);
}
