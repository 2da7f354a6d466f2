package dev.slipway.deployment.clients;

import dev.slipway.platform.client.ServiceUnavailableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A commit's whole tree as a tar, read as it arrives, and the tree's id (what DEP-4 keys builds by).
 * The caller closes it. A gateway that breaks off mid-archive makes a read throw
 * {@link ServiceUnavailableException}, as a gateway that is down does: the deployment waits and
 * is retried (SEC-4) instead of failing on a truncated tar.
 */
public record CommitTree(String commit, String treeId, InputStream tar) implements AutoCloseable {

    /** The tree as {@code target} streams it; a read that breaks off is the target being away. */
    static CommitTree streamed(String target, String commit, String treeId, InputStream body) {
        return new CommitTree(commit, treeId, new BrokenOffIsUnavailable(target, body));
    }

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns a read's {@link IOException} (the connection broke mid-body) into {@link ServiceUnavailableException}. */
    private static final class BrokenOffIsUnavailable extends FilterInputStream {
        private final String target;

        BrokenOffIsUnavailable(String target, InputStream in) {
            super(in);
            this.target = target;
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw brokenOff(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                throw brokenOff(e);
            }
        }

        private ServiceUnavailableException brokenOff(IOException e) {
            return new ServiceUnavailableException(target, 1, "the tree broke off mid-archive (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
