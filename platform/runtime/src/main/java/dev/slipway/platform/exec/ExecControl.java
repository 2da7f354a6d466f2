package dev.slipway.platform.exec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * The JSON text frames of an exec WebSocket after the request (docs/exec-interface.md), told apart
 * by their {@code type}. {@link Resize}, {@link Signal} and {@link Eof} go from the gateway to the
 * runtime; {@link Exit} and {@link Error} from the runtime to the gateway, which then closes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ExecControl.Resize.class, name = "resize"),
        @JsonSubTypes.Type(value = ExecControl.Signal.class, name = "signal"),
        @JsonSubTypes.Type(value = ExecControl.Eof.class, name = "eof"),
        @JsonSubTypes.Type(value = ExecControl.Exit.class, name = "exit"),
        @JsonSubTypes.Type(value = ExecControl.Error.class, name = "error")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ExecControl {

    /** The terminal's new size (the SSH client's window-change). */
    record Resize(int cols, int rows) implements ExecControl {
    }

    /** A signal for the running process, by its name without {@code SIG} ({@code INT}, {@code TERM}, {@code KILL}, ...). */
    record Signal(String signal) implements ExecControl {

        public Signal {
            if (signal == null || !signal.matches("[A-Z][A-Z0-9]*")) {
                throw new IllegalArgumentException("A signal is named like INT or TERM, not " + signal);
            }
        }
    }

    /** The client closed its input: the process's stdin is closed. */
    record Eof() implements ExecControl {
    }

    /** The process ended with {@code exitCode}, or was ended by {@code signal} (then {@code exitCode} is null). */
    record Exit(Integer exitCode, String signal) implements ExecControl {

        public Exit {
            if ((exitCode == null) == (signal == null)) {
                throw new IllegalArgumentException("An exit has either an exit code or a signal");
            }
        }

        public static Exit code(int exitCode) {
            return new Exit(exitCode, null);
        }

        public static Exit bySignal(String signal) {
            return new Exit(null, signal);
        }

        /** Linux's numbers of the signals a session is commonly ended by; the shell reports such an end as 128 + the number. */
        private static final Map<String, Integer> SIGNALS = Map.of("HUP", 1, "INT", 2, "QUIT", 3, "KILL", 9, "PIPE", 13, "TERM", 15);

        /** The end a process's exit status stands for: 128 + a known signal's number is that signal, anything else a code. */
        public static Exit ofStatus(int status) {
            return SIGNALS.entrySet().stream().filter(signal -> status == 128 + signal.getValue()).findFirst()
                    .map(signal -> bySignal(signal.getKey())).orElseGet(() -> code(status));
        }

        /** The exit status an SSH client sees: the code, or 128 + the signal's number (KILL's for an unknown one). */
        public int status() {
            return exitCode != null ? exitCode : 128 + SIGNALS.getOrDefault(signal, SIGNALS.get("KILL"));
        }
    }

    /** The runtime could not run the request (no such environment, node or release, ...); says why for a person. */
    record Error(String detail) implements ExecControl {
    }
}
