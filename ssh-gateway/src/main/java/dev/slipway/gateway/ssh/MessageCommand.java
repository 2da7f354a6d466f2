package dev.slipway.gateway.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** A command that only says something on stderr and exits: refusals and hints a person reads. */
public final class MessageCommand implements Command {

    private final String message;
    private final int exitCode;
    private OutputStream err;
    private ExitCallback exit;

    public MessageCommand(String message, int exitCode) {
        this.message = message.endsWith("\n") ? message : message + "\n";
        this.exitCode = exitCode;
    }

    @Override
    public void setInputStream(InputStream in) {
    }

    @Override
    public void setOutputStream(OutputStream out) {
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        err.write(message.getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(exitCode, message.strip());
    }

    @Override
    public void destroy(ChannelSession channel) {
    }
}
