package dev.slipway.deployment.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A commit's whole tree as a tar, read as it arrives, and the tree's id (what DEP-4 keys builds by).
 * The caller closes it. An {@link IOException} while reading means the gateway broke off mid-archive
 * (a truncated tar): the work is retried.
 */
public record CommitTree(String commit, String treeId, InputStream tar) implements AutoCloseable {

    @Override
    public void close() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
