package dev.slipway.gateway.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.sshd.server.command.AbstractCommandSupport;
import org.jboss.logging.Logger;

/**
 * A git pack service (upload-pack or receive-pack) on an SSH channel. MINA's {@code start} must not
 * block, so the protocol runs on a thread of the command's own; its end is reported through the
 * exit callback.
 */
final class PackCommand extends AbstractCommandSupport {

    private static final Logger LOG = Logger.getLogger(PackCommand.class);

    /** The pack protocol on the channel's streams; {@code environment} holds what the client sent (GIT_PROTOCOL). */
    @FunctionalInterface
    interface Pack {
        void serve(InputStream in, OutputStream out, OutputStream err, Map<String, String> environment) throws IOException;
    }

    private final Pack pack;

    PackCommand(String commandLine, Pack pack) {
        super(commandLine, null);
        this.pack = pack;
    }

    @Override
    public void run() {
        try {
            pack.serve(getInputStream(), getOutputStream(), getErrorStream(), getEnvironment().getEnv());
            getOutputStream().flush();
            getErrorStream().flush();
            onExit(0);
        } catch (IOException | RuntimeException e) {
            LOG.infof("%s ended with an error: %s", getCommand(), e.toString());
            try {
                getErrorStream().write(("ERROR: " + (e.getMessage() == null ? "the git service failed" : e.getMessage()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                getErrorStream().flush();
            } catch (IOException channelGone) {
                // The client has gone; the exit status is all that is left to send.
            }
            onExit(1, "git service failed");
        }
    }
}
