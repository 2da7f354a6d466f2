package dev.slipway.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads one output stream of a process on its own thread and hands it to a sink line by line as the
 * lines arrive. A line longer than {@code maxLineBytes} is handed on in pieces of at most that many
 * bytes, cut between characters, so a process that never writes a line break costs no more memory
 * than one that does.
 */
final class LinePump implements Runnable {

    private static final int READ_SIZE = 64 * 1024;

    private final InputStream input;
    private final Channel channel;
    private final LineSink sink;
    private final byte[] line;
    private int length;
    /** Counts reads and lines, so a waiter can tell a slow sink from a stream nobody writes to. */
    private volatile long progress;
    private Thread thread;

    LinePump(InputStream input, Channel channel, LineSink sink, int maxLineBytes) {
        this.input = input;
        this.channel = channel;
        this.sink = sink;
        this.line = new byte[maxLineBytes];
    }

    /** Starts reading on a daemon thread, which never keeps the JVM alive for a stray process. */
    LinePump start(String threadName) {
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[READ_SIZE];
        try (input) {
            int read;
            while ((read = input.read(chunk)) != -1) {
                progress++;
                for (int i = 0; i < read; i++) {
                    byte b = chunk[i];
                    if (b == '\n') {
                        emitLine();
                    } else {
                        if (length == line.length) {
                            emitPiece();
                        }
                        line[length++] = b;
                    }
                }
            }
            if (length > 0) {
                emit(length);
            }
        } catch (IOException e) {
            // The stream was closed under us: the run is over and no longer wants its output.
        }
    }

    /**
     * Waits until the stream has ended. Gives up, returning false, when nothing was read or handed
     * on for {@code idle} (the pipe is held open by a process that left the tree and writes
     * nothing) or when {@code deadlineNanos} (a {@link System#nanoTime()} value) has passed.
     */
    boolean awaitEnd(Duration idle, long deadlineNanos) throws InterruptedException {
        while (true) {
            long before = progress;
            long waitNanos = Math.min(idle.toNanos(), deadlineNanos - System.nanoTime());
            if (waitNanos > 0) {
                // join(0) would wait forever, hence at least one millisecond
                thread.join(Math.max(1, waitNanos / 1_000_000));
            }
            if (!thread.isAlive()) {
                return true;
            }
            if (progress == before || System.nanoTime() - deadlineNanos >= 0) {
                return false;
            }
        }
    }

    private void emitLine() {
        int end = length;
        if (end > 0 && line[end - 1] == '\r') {
            end--; // CRLF from a tool written for Windows terminals
        }
        emit(end);
    }

    /** Hands on the full buffer up to the last complete character; keeps a cut character's bytes. */
    private void emitPiece() {
        int cut = completeCharactersEnd(line, length);
        int rest = length - cut;
        emit(cut);
        System.arraycopy(line, cut, line, 0, rest);
        length = rest;
    }

    private void emit(int end) {
        sink.line(channel, new String(line, 0, end, StandardCharsets.UTF_8));
        length = 0;
        progress++;
    }

    /**
     * Where the last complete UTF-8 character of {@code bytes[0, length)} ends: {@code length}, or
     * the start of a multi-byte character whose last bytes have not arrived yet. Malformed input is
     * cut anywhere, as the decoder replaces it anyway.
     */
    static int completeCharactersEnd(byte[] bytes, int length) {
        int start = length - 1;
        while (start > 0 && length - start < 4 && (bytes[start] & 0xC0) == 0x80) {
            start--;
        }
        int lead = bytes[start] & 0xFF;
        int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return start > 0 && start + size > length ? start : length;
    }
}
