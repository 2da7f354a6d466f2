package dev.slipway.gateway.service;

import dev.slipway.events.access.SshCommandFinished;
import dev.slipway.events.access.SshSessionClosed;
import dev.slipway.events.access.SshSessionOpened;
import dev.slipway.gateway.messaging.AccessEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * The SSH audit trail (SSH-3) through the outbox: each fact in a short transaction of its own, so a
 * session's record never waits for, or rolls back with, anything else. Called from the relay's
 * worker threads, never from MINA's I/O threads.
 */
@ApplicationScoped
public class SessionAudit {

    /** Longest command line recorded; longer ones are cut. */
    public static final int COMMAND_LIMIT = 1024;

    private final AccessEvents events;

    public SessionAudit(AccessEvents events) {
        this.events = events;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void opened(SshSessionOpened opened) {
        events.sessionOpened(opened);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void commandFinished(SshCommandFinished finished) {
        events.commandFinished(finished);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void closed(SshSessionClosed closed) {
        events.sessionClosed(closed);
    }

    /** The command line as recorded: null for a shell, at most {@link #COMMAND_LIMIT} characters. */
    public static String recorded(String commandLine) {
        return commandLine == null || commandLine.length() <= COMMAND_LIMIT ? commandLine : commandLine.substring(0, COMMAND_LIMIT);
    }
}
