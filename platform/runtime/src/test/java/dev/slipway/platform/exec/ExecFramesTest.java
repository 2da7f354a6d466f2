package dev.slipway.platform.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exec WebSocket's frames as docs/exec-interface.md writes them, in plain JUnit. */
class ExecFramesTest {

    @Test
    void aBinaryFrameStartsWithItsStream() {
        byte[] bytes = "xhello".getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ExecFrames.data(ExecFrames.STDERR, bytes, 1, 5);
        assertThat(frame.remaining()).isEqualTo(6);
        assertThat(frame.get(0)).isEqualTo((byte) 2);
        assertThat(ExecFrames.data(frame)).isEqualTo(new ExecFrames.Data(ExecFrames.STDERR, "hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void unknownOrMissingStreamsAreRefused() {
        assertThatThrownBy(() -> ExecFrames.data(ByteBuffer.wrap(new byte[] {7, 1}))).hasMessageContaining("Unknown exec stream 7");
        assertThatThrownBy(() -> ExecFrames.data(ByteBuffer.allocate(0))).hasMessageContaining("no stream");
    }

    @Test
    void theRequestRoundTripsAndAShellHasNoCommand() {
        ExecRequest request = new ExecRequest("s-1", "dora", null, true, "xterm", 120, 40, 2, Map.of("LANG", "C.UTF-8"));
        String json = ExecFrames.encode(request);
        assertThat(json).contains("\"command\":null").contains("\"node\":2").contains("\"env\":{\"LANG\":\"C.UTF-8\"}");
        ExecRequest decoded = ExecFrames.decodeRequest(json);
        assertThat(decoded).isEqualTo(request);
        assertThat(decoded.shell()).isTrue();
    }

    @Test
    void theNodeDefaultsToOneAndMissingVariablesToNone() {
        ExecRequest decoded = ExecFrames.decodeRequest("{\"sessionId\":\"s\",\"userId\":\"u\",\"command\":\"ls\",\"node\":1}");
        assertThat(decoded.env()).isEmpty();
        assertThat(decoded.tty()).isFalse();
        assertThatThrownBy(() -> ExecFrames.decodeRequest("{\"sessionId\":\"s\",\"userId\":\"u\",\"node\":0}"))
                .hasMessageContaining("Not a valid exec ExecRequest frame");
    }

    @Test
    void controlFramesCarryTheirType() {
        assertThat(ExecFrames.encode(new ExecControl.Resize(80, 24))).isEqualTo("{\"type\":\"resize\",\"cols\":80,\"rows\":24}");
        assertThat(ExecFrames.encode(new ExecControl.Signal("INT"))).isEqualTo("{\"type\":\"signal\",\"signal\":\"INT\"}");
        assertThat(ExecFrames.encode(new ExecControl.Eof())).isEqualTo("{\"type\":\"eof\"}");
        assertThat(ExecFrames.encode(ExecControl.Exit.code(3))).isEqualTo("{\"type\":\"exit\",\"exitCode\":3}");
        assertThat(ExecFrames.encode(ExecControl.Exit.bySignal("KILL"))).isEqualTo("{\"type\":\"exit\",\"signal\":\"KILL\"}");
        assertThat(ExecFrames.decodeControl("{\"type\":\"exit\",\"exitCode\":0}")).isEqualTo(ExecControl.Exit.code(0));
        assertThat(ExecFrames.decodeControl("{\"type\":\"exit\",\"signal\":\"TERM\"}")).isEqualTo(ExecControl.Exit.bySignal("TERM"));
        assertThat(ExecFrames.decodeControl("{\"type\":\"error\",\"detail\":\"no release\"}")).isEqualTo(new ExecControl.Error("no release"));
        assertThat(ExecFrames.decodeControl("{\"type\":\"eof\"}")).isEqualTo(new ExecControl.Eof());
    }

    @Test
    void malformedControlFramesAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> ExecFrames.decodeControl("{\"type\":\"launch\",\"secret\":\"s3cr3t\"}"))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cr3t");
        assertThatThrownBy(() -> ExecFrames.decodeControl("{\"type\":\"exit\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExecControl.Signal("int; rm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRequestNeverPrintsVariableValues() {
        ExecRequest request = new ExecRequest("s", "u", "echo", false, null, null, null, 1, Map.of("TOKEN", "s3cr3t"));
        assertThat(request.toString()).contains("TOKEN").doesNotContain("s3cr3t");
    }

    @Test
    void thePathNamesProjectAndEnvironment() {
        assertThat(ExecFrames.path("acme", "master")).isEqualTo("/api/v1/internal/projects/acme/environments/master/exec");
    }
}
