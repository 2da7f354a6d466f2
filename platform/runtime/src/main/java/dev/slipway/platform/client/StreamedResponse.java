package dev.slipway.platform.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A successful answer whose body is read as it arrives (a tree's tar). The caller closes it; an
 * {@link IOException} while reading means the connection broke mid-body: the work is retried later.
 */
public record StreamedResponse(int status, HttpHeaders headers, InputStream body) implements AutoCloseable {

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
