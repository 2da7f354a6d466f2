package dev.slipway.platform.exec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encoding and decoding of the exec WebSocket's frames (docs/exec-interface.md), shared by the SSH
 * gateway and deployment-service. Binary frames carry one stream's bytes after a first byte naming
 * the stream; text frames carry the request, then control messages.
 */
public final class ExecFrames {

    /** Bytes the client typed: gateway to runtime. */
    public static final byte STDIN = 0;
    /** The process's standard output: runtime to gateway. */
    public static final byte STDOUT = 1;
    /** The process's standard error: runtime to gateway. */
    public static final byte STDERR = 2;

    /** The exec endpoint of deployment-service; {@code %s} are the project and the environment. */
    public static final String PATH = "/api/v1/internal/projects/%s/environments/%s/exec";

    /** A decoded binary frame: the stream and its bytes. */
    public record Data(byte stream, byte[] bytes) {

        public Data {
            requireStream(stream);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Data data && data.stream == stream && Arrays.equals(data.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * stream + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Data[stream=" + stream + ", " + bytes.length + " bytes]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ExecFrames() {
    }

    public static String path(String projectId, String environmentId) {
        return String.format(PATH, projectId, environmentId);
    }

    /** A binary frame of {@code length} bytes of {@code bytes} from {@code offset} on {@code stream}. */
    public static ByteBuffer data(byte stream, byte[] bytes, int offset, int length) {
        requireStream(stream);
        ByteBuffer frame = ByteBuffer.allocate(length + 1);
        frame.put(stream).put(bytes, offset, length).flip();
        return frame;
    }

    /** Reads a whole binary frame (its position moves to the end). */
    public static Data data(ByteBuffer frame) {
        if (!frame.hasRemaining()) {
            throw new IllegalArgumentException("An empty binary frame names no stream");
        }
        byte stream = frame.get();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return new Data(stream, bytes);
    }

    public static String encode(ExecRequest request) {
        return write(request);
    }

    public static ExecRequest decodeRequest(String text) {
        return read(text, ExecRequest.class);
    }

    public static String encode(ExecControl control) {
        return write(control);
    }

    public static ExecControl decodeControl(String text) {
        return read(text, ExecControl.class);
    }

    private static void requireStream(byte stream) {
        if (stream < STDIN || stream > STDERR) {
            throw new IllegalArgumentException("Unknown exec stream " + stream);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            // The message never echoes the frame: a request carries the client's variables (SEC-3).
            throw new IllegalArgumentException("Not a valid exec " + type.getSimpleName() + " frame"
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        }
    }
}
